package check_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// rulesDoc is the page whose rule list TestRulesDoc writes.
var rulesDoc = filepath.Join("..", "..", "docs", "rules.md")

// generatedMark starts the generated part of docs/rules.md: everything
// after the line holding it is written by rulesList.
const generatedMark = "<!-- Generated from generator/check/testdata by TestRulesDoc"

// TestRulesDoc holds the rule list of docs/rules.md to the fixtures: every
// fixture of testdata/ is one rule, shown by the lines its findings point
// at and the findings themselves (its want.txt, which TestRules holds to
// the checker). A new fixture, or a changed message, changes the page; run
// go test ./generator/check -run TestRulesDoc -update and review the diff.
func TestRulesDoc(t *testing.T) {
	doc, err := os.ReadFile(rulesDoc)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(doc, []byte(generatedMark))
	if i < 0 {
		t.Fatalf("%s has no line starting %q: the generated rule list needs it", rulesDoc, generatedMark)
	}
	end := bytes.IndexByte(doc[i:], '\n')
	if end < 0 {
		t.Fatalf("%s ends on the generated mark", rulesDoc)
	}
	head := doc[:i+end+1]
	want := append(append([]byte(nil), head...), rulesList(t)...)
	if *update {
		if err := os.WriteFile(rulesDoc, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(doc, want) {
		t.Errorf("%s is out of date with testdata/: run go test ./generator/check -run TestRulesDoc -update, and review the diff\n%s",
			rulesDoc, firstDifference(string(doc), string(want)))
	}
}

// TestRulesDocCoversEveryFixture checks the generated list itself: one
// section per fixture, each with the findings of its want.txt, so that a
// bug in the generator cannot leave a rule out of the page.
func TestRulesDocCoversEveryFixture(t *testing.T) {
	list := rulesList(t)
	for _, name := range fixtures(t) {
		if name == "valid" {
			continue
		}
		if !strings.Contains(list, "\n#### "+name+"\n") {
			t.Errorf("rule %s has no section", name)
		}
		w, err := os.ReadFile(filepath.Join("testdata", name, "want.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(w)), "\n") {
			if line != "" && !strings.Contains(list, "\n"+line+"\n") {
				t.Errorf("rule %s: finding %q is not on the page", name, line)
			}
		}
	}
}

// ruleGroup is a heading of the rule list: the rules whose first finding
// is in that kind of file.
type ruleGroup struct {
	title string
	match func(file string) bool
}

var ruleGroups = []ruleGroup{
	{"practice.yaml", func(f string) bool { return f == "practice.yaml" }},
	{"case.md", func(f string) bool { return path.Base(f) == "case.md" }},
	{"Issue files", func(f string) bool { return strings.Contains(f, "/issues/") }},
	{"Other files", func(string) bool { return true }},
}

// rule is one fixture as the page shows it.
type rule struct {
	name     string
	findings []finding
}

// finding is one line of a want.txt, split.
type finding struct {
	text    string // the whole line
	file    string
	line    int
	warning bool
	message string
}

func parseFinding(s string) finding {
	f := finding{text: s}
	parts := strings.SplitN(s, ":", 3)
	if len(parts) == 3 {
		if n, err := strconv.Atoi(parts[1]); err == nil {
			f.file, f.line, f.message = parts[0], n, strings.TrimSpace(parts[2])
		}
	}
	if f.file == "" {
		f.message = s
	}
	if m, ok := strings.CutPrefix(f.message, "warning: "); ok {
		f.warning, f.message = true, m
	}
	return f
}

// rulesList writes the generated part of docs/rules.md.
func rulesList(t *testing.T) string {
	t.Helper()
	var rules, accepted []rule
	for _, name := range fixtures(t) {
		if name == "valid" {
			continue // the baseline every other fixture breaks
		}
		w, err := os.ReadFile(filepath.Join("testdata", name, "want.txt"))
		if err != nil {
			t.Fatal(err)
		}
		r := rule{name: name}
		for _, line := range strings.Split(strings.TrimSpace(string(w)), "\n") {
			if line != "" {
				r.findings = append(r.findings, parseFinding(line))
			}
		}
		if len(r.findings) == 0 {
			accepted = append(accepted, r)
			continue
		}
		rules = append(rules, r)
	}

	var b strings.Builder
	b.WriteString("\n## Every rule, with an example\n\n")
	b.WriteString("Each rule has a fixture: a small complete practice in\n" +
		"[`generator/check/testdata/<rule>/`](../generator/check/testdata/), checked\n" +
		"as of 2026-04-01, whose `want.txt` holds the exact findings (`TestRules`\n" +
		"compares them with the checker's output). For each rule this page shows\n" +
		"the lines the findings point at, under the keys that hold them, and what\n" +
		"`pcdocket check` prints. The `unread-*` rules are values the parser cannot\n" +
		"read: one mistake, one finding.\n\n")
	grouped := make([][]rule, len(ruleGroups))
	for _, r := range rules {
		for gi, g := range ruleGroups {
			if g.match(r.findings[0].file) {
				grouped[gi] = append(grouped[gi], r)
				break
			}
		}
	}
	b.WriteString("| rule | in | finds |\n|---|---|---|\n")
	for gi, g := range ruleGroups {
		for _, r := range grouped[gi] {
			f := r.findings[0]
			sev := ""
			if f.warning {
				sev = "warning: "
			}
			fmt.Fprintf(&b, "| [%s](#%s) | %s | %s%s |\n", r.name, r.name, g.title, sev, tableCell(summary(f.message)))
		}
	}
	for gi, g := range ruleGroups {
		if len(grouped[gi]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n", g.title)
		for _, r := range grouped[gi] {
			fmt.Fprintf(&b, "\n#### %s\n\n", r.name)
			excerpt(t, &b, r)
			b.WriteString("`pcdocket check` prints:\n\n```text\n")
			for _, f := range r.findings {
				b.WriteString(f.text + "\n")
			}
			b.WriteString("```\n")
		}
	}
	if len(accepted) > 0 {
		b.WriteString("\n### Accepted\n\nThese fixtures hold what a rule must let through: each is the valid\n" +
			"practice ([`testdata/valid/`](../generator/check/testdata/valid/)) with the lines shown\n" +
			"changed.\n")
		for _, r := range accepted {
			fmt.Fprintf(&b, "\n#### %s\n\n", r.name)
			changes(t, &b, r)
			b.WriteString("`pcdocket check` finds nothing.\n")
		}
	}
	b.WriteString(parserList(t))
	return b.String()
}

// changes writes the lines of each file of an accepted fixture that differ
// from the valid fixture, with the keys that hold them, and the valid
// fixture's lines it leaves out.
func changes(t *testing.T, b *strings.Builder, r rule) {
	t.Helper()
	root := filepath.Join("testdata", r.name)
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "want.txt" {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		file := filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		base, _ := os.ReadFile(filepath.Join("testdata", "valid", rel)) // none: every line is new
		src := splitLines(data)
		old := splitLines(base)
		if at := changedLines(old, src); len(at) > 0 {
			writeExcerpt(b, r.name, file, src, at)
		}
		if gone := changedLines(src, old); len(gone) > 0 {
			fmt.Fprintf(b, "Left out of the valid practice's `%s`:\n\n```text\n", file)
			for _, n := range gone {
				b.WriteString(strings.TrimRight(old[n-1], " \t") + "\n")
			}
			b.WriteString("```\n\n")
		}
		return nil
	})
	if err != nil {
		t.Fatalf("rule %s: %v", r.name, err)
	}
}

func splitLines(data []byte) []string {
	return strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
}

// changedLines returns the numbers (from 1) of the lines of b that are not
// in a longest common subsequence of a and b: the lines b adds or changes.
func changedLines(a, b []string) []int {
	// lcs[i][j] is the length of the LCS of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []int
	i, j := 0, 0
	for j < len(b) {
		switch {
		case i < len(a) && a[i] == b[j]:
			i, j = i+1, j+1
		case i < len(a) && lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			if strings.TrimSpace(b[j]) != "" {
				out = append(out, j+1)
			}
			j++
		}
	}
	return out
}

// excerpt writes, for each file the rule's findings name, the lines they
// point at with the lines of the keys that hold them (each line above with
// less indentation, up to the top level), numbered as in the file.
func excerpt(t *testing.T, b *strings.Builder, r rule) {
	t.Helper()
	var files []string
	lines := map[string][]int{}
	for _, f := range r.findings {
		if f.file == "" || f.line < 1 {
			continue
		}
		if _, ok := lines[f.file]; !ok {
			files = append(files, f.file)
		}
		lines[f.file] = append(lines[f.file], f.line)
	}
	for _, file := range files {
		data, err := os.ReadFile(filepath.Join("testdata", r.name, filepath.FromSlash(file)))
		if err != nil {
			t.Fatalf("rule %s: %v", r.name, err)
		}
		writeExcerpt(b, r.name, file, splitLines(data), lines[file])
	}
}

// writeExcerpt writes the lines at of src, a fixture's file, each with the
// lines of the keys that hold it (each line above with less indentation, up
// to the top level), numbered as in the file.
func writeExcerpt(b *strings.Builder, name, file string, src []string, at []int) {
	show := map[int]bool{}
	for _, n := range at {
		if n > len(src) {
			continue
		}
		show[n] = true
		// A block key's value is what the finding is about ("positions:"
		// without parent_b): show the lines under it.
		if strings.HasSuffix(strings.TrimSpace(src[n-1]), ":") {
			showBlock(src, n, show)
		}
		// A finding inside a list item (an event) reads with the whole item.
		for k := n; k >= 1; k-- {
			t := strings.TrimSpace(src[k-1])
			item := strings.HasPrefix(t, "- ")
			if item && (k == n || indent(src[k-1]) < indent(src[n-1])) {
				show[k] = true
				showBlock(src, k, show)
				break
			}
			if t == "---" || t == "+++" || (t != "" && indent(src[k-1]) < indent(src[n-1])) {
				break
			}
		}
		ind := indent(src[n-1])
		for k := n - 1; k >= 1 && ind > 0; k-- {
			s := src[k-1]
			if strings.TrimSpace(s) == "" || s == "---" || s == "+++" {
				continue
			}
			if i := indent(s); i < ind {
				show[k], ind = true, i
			}
		}
	}
	fmt.Fprintf(b, "[`%s`](../generator/check/testdata/%s/%s):\n\n```text\n", file, name, file)
	width := len(strconv.Itoa(len(src)))
	last := 0
	for n := 1; n <= len(src); n++ {
		if !show[n] {
			continue
		}
		if last != 0 && n != last+1 {
			fmt.Fprintf(b, "%*s\n", width, "…")
		}
		fmt.Fprintf(b, "%*d  %s\n", width, n, strings.TrimRight(src[n-1], " \t"))
		last = n
	}
	b.WriteString("```\n\n")
}

// showBlock marks the lines under line n that are indented more than it,
// at most 10: the value of a block key, or the rest of a list item.
func showBlock(src []string, n int, show map[int]bool) {
	ind := indent(src[n-1])
	for k := n + 1; k <= len(src) && k <= n+10; k++ {
		s := src[k-1]
		if strings.TrimSpace(s) == "" || indent(s) <= ind || s == "---" || s == "+++" {
			return
		}
		show[k] = true
	}
}

// indent is a line's indentation, a list item's dash counting as the
// indentation of its item: "  - on: x" holds the "    kind:" under it.
func indent(s string) int {
	return len(s) - len(strings.TrimLeft(s, " "))
}

// summary is the first clause of a message, for the table: the part before
// the first ": " (outside parentheses) that tells what to do, when there is
// one.
func summary(msg string) string {
	depth := 0
	for i := 0; i+1 < len(msg); i++ {
		switch {
		case msg[i] == '(':
			depth++
		case msg[i] == ')':
			depth--
		case msg[i] == ':' && msg[i+1] == ' ' && depth == 0 && i >= 24:
			return msg[:i]
		}
	}
	if len(msg) > 100 {
		return msg[:strings.LastIndex(msg[:100], " ")] + " …"
	}
	return msg
}

// tableCell escapes the characters a Markdown table cell cannot hold.
func tableCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// firstDifference describes where two texts first differ, by line.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n  page:      %q\n  generated: %q", i+1, gl, wl)
		}
	}
	return ""
}

// parseTests are the parser's table tests that the rule list shows: each
// case's name, the line at fault and the exact findings.
var parseTests = []struct{ file, fn, title, intro string }{
	{"parse_test.go", "TestFrontMatterFindings", "Front matter, keys and types",
		"Front matter that is missing or not closed, unknown keys, keys given twice, missing required keys, and values of the wrong type."},
	{"explain_test.go", "TestSyntaxInPlainWords", "Syntax, in plain words",
		"The YAML and TOML mistakes people make, told as what to do, with the parser's own words in parentheses."},
	{"explain_test.go", "TestPracticeFileInPlainWords", "practice.yaml",
		"`practice.yaml` has no `---` lines, and the same explanations and encoding rules."},
	{"misplaced_test.go", "TestMisplacedFiles", "Files in the wrong place",
		"A file under `content/` that pcdocket does not read is a warning naming where it most likely belongs; editors' scratch files and dot-files are passed over in silence."},
}

// parserList writes the parser's part of the rule list, from the tables
// of generator/parse's tests (read with go/parser, not run: package check
// cannot import a test table).
func parserList(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "parse")
	names, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	consts := map[string]string{}
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(name)] = f
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
				addConsts(g, consts)
			}
		}
	}
	var b strings.Builder
	b.WriteString("\n## The parser's messages\n\n" +
		"Before any rule above runs, the parser reads each file and reports what it\n" +
		"cannot read, at the line at fault. These lists are written from the table\n" +
		"tests of [`generator/parse`](../generator/parse/), which hold each message\n" +
		"exactly (`f.md` stands for the file's path).\n")
	for _, pt := range parseTests {
		f := files[pt.file]
		if f == nil {
			t.Fatalf("generator/parse/%s is gone: update parseTests", pt.file)
		}
		cases := tableCases(t, f, pt.fn, consts)
		if len(cases) == 0 {
			t.Fatalf("generator/parse/%s: %s has no table of cases: update parseTests", pt.file, pt.fn)
		}
		fmt.Fprintf(&b, "\n### %s\n\n%s From `%s`:\n\n```text\n", pt.title, pt.intro, pt.fn)
		for i, c := range cases {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(c.name + "\n")
			for _, p := range c.paths {
				named := false
				for _, w := range c.want {
					named = named || strings.HasPrefix(w, p+":")
				}
				if !named { // a file the finding does not name, or one passed over
					b.WriteString("  file:  " + p + "\n")
				}
			}
			for _, w := range c.want {
				if line := atFault(c.in, w); line != "" {
					b.WriteString("  line:  " + line + "\n")
				}
				b.WriteString("  " + w + "\n")
			}
			if len(c.want) == 0 {
				b.WriteString("  (no finding)\n")
			}
		}
		b.WriteString("```\n")
	}
	return b.String()
}

// tableCase is one case of a parser table test.
type tableCase struct {
	name  string
	in    string   // the file's text, for front matter tests
	paths []string // the files written, for TestMisplacedFiles
	want  []string
}

// tableCases returns the cases of the first table (a slice literal of an
// anonymous struct) in the function fn of f, evaluating each field that is
// made of string constants.
func tableCases(t *testing.T, f *ast.File, fn string, consts map[string]string) []tableCase {
	t.Helper()
	var out []tableCase
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != fn {
			continue
		}
		local := maps.Clone(consts)
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.CONST {
				addConsts(g, local)
			}
			lit, ok := n.(*ast.CompositeLit)
			if !ok || out != nil {
				return out == nil
			}
			at, ok := lit.Type.(*ast.ArrayType)
			if !ok {
				return true
			}
			st, ok := at.Elt.(*ast.StructType)
			if !ok {
				return true
			}
			var fields []string
			for _, fl := range st.Fields.List {
				for _, nm := range fl.Names {
					fields = append(fields, nm.Name)
				}
			}
			for _, e := range lit.Elts {
				el, ok := e.(*ast.CompositeLit)
				if !ok || len(el.Elts) != len(fields) {
					continue
				}
				var c tableCase
				for i, v := range el.Elts {
					switch fields[i] {
					case "name":
						c.name, _ = evalString(v, local)
					case "in":
						c.in, _ = evalString(v, local)
					case "want":
						if s, ok := evalString(v, local); ok {
							if s != "" {
								c.want = []string{s}
							}
						} else if l, ok := v.(*ast.CompositeLit); ok {
							for _, x := range l.Elts {
								if s, ok := evalString(x, local); ok {
									c.want = append(c.want, s)
								}
							}
						}
					case "files":
						if m, ok := v.(*ast.CompositeLit); ok {
							for _, x := range m.Elts {
								if kv, ok := x.(*ast.KeyValueExpr); ok {
									if s, ok := evalString(kv.Key, local); ok {
										c.paths = append(c.paths, s)
									}
								}
							}
							sort.Strings(c.paths)
						}
					}
				}
				out = append(out, c)
			}
			return false
		})
	}
	return out
}

func addConsts(g *ast.GenDecl, consts map[string]string) {
	for _, s := range g.Specs {
		vs, ok := s.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for i, nm := range vs.Names {
			if i < len(vs.Values) {
				if v, ok := evalString(vs.Values[i], consts); ok {
					consts[nm.Name] = v
				}
			}
		}
	}
}

// evalString evaluates a string literal, a known string constant, or a sum
// of them.
func evalString(e ast.Expr, consts map[string]string) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.Ident:
		s, ok := consts[e.Name]
		return s, ok
	case *ast.ParenExpr:
		return evalString(e.X, consts)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := evalString(e.X, consts)
		y, ok2 := evalString(e.Y, consts)
		return x + y, ok1 && ok2
	}
	return "", false
}

// atFault returns the line of in that finding f points at ("f.md:7: ..."),
// quoted when it holds bytes a page cannot show as they are.
func atFault(in, f string) string {
	parts := strings.SplitN(f, ":", 3)
	if in == "" || len(parts) < 3 {
		return ""
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n < 1 {
		return ""
	}
	lines := strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(in), "\n")
	if n > len(lines) {
		return ""
	}
	line := strings.TrimRight(strings.TrimPrefix(lines[n-1], "\ufeff"), " ")
	if line == "---" || line == "+++" {
		return "" // the finding is about the front matter as a whole
	}
	if !utf8.ValidString(line) || strings.ContainsAny(line, "\t\x00") {
		return strconv.Quote(line)
	}
	return line
}
