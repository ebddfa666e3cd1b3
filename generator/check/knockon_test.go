package check_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"pcdocket/generator/check"
	"pcdocket/generator/deadline"
	"pcdocket/generator/diag"
	"pcdocket/generator/jurisdiction"
	"pcdocket/generator/parse"
)

// TestNoKnockOnFindings breaks one value at a time in every fixture (every
// key's value and every list item of every case and issue file, replaced
// by a list of numbers, which no key takes there), and then the whole
// front matter of each file (a syntax error): the parser reports the
// value, and the checker must not add a finding of its own that the
// fixture did not already have. A value that cannot be read is one
// mistake and one finding, never "number is 0" after "number: want a
// whole number", nor "no safety screening" after a syntax error in
// safety.
func TestNoKnockOnFindings(t *testing.T) {
	runs := 0
	for _, name := range fixtures(t) {
		if strings.HasPrefix(name, "unread-") {
			continue // broken already: the baseline must parse cleanly
		}
		src := filepath.Join("testdata", name)
		root := t.TempDir()
		copyDir(t, src, root)
		files, _ := filepath.Glob(filepath.Join(root, "content", "cases", "*", "case.md"))
		issues, _ := filepath.Glob(filepath.Join(root, "content", "cases", "*", "issues", "*.md"))
		for _, file := range append(files, issues...) {
			orig, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fm, body, ok := cutYAML(orig)
			if !ok {
				continue // TOML: the same decoder; its syntax is covered in parse
			}
			var doc yaml.Node
			if err := yaml.Unmarshal(fm, &doc); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			write := func(fm []byte) {
				t.Helper()
				if err := os.WriteFile(file, append(append(append([]byte("---\n"), fm...), "---\n"...), body...), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// The baseline: the same file as yaml.v3 writes it, so that
			// only the broken value differs.
			fresh, err := yaml.Marshal(&doc)
			if err != nil {
				t.Fatal(err)
			}
			write(fresh)
			_, baseline := findings(root)
			rel, _ := filepath.Rel(root, file)
			try := func(what string, broken []byte) {
				t.Helper()
				write(broken)
				pd, cd := findings(root)
				runs++
				if len(pd) == 0 {
					return // the stand-in was a valid value there
				}
				for f := range cd {
					if !baseline[f] {
						t.Errorf("%s: %s, %s: the parser said %q, and the checker added %q", name, filepath.ToSlash(rel), what, pd[0].String(), f)
					}
				}
			}
			for _, n := range values(&doc) {
				saved := *n
				*n = yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: []*yaml.Node{
					{Kind: yaml.ScalarNode, Value: "1"}, {Kind: yaml.ScalarNode, Value: "2"}}}
				broken, err := yaml.Marshal(&doc)
				*n = saved
				if err != nil {
					t.Fatal(err)
				}
				try("value on line "+strconv.Itoa(saved.Line)+" replaced by [1, 2]", broken)
			}
			try("a syntax error at the end of the front matter", append(append([]byte(nil), fresh...), "zz: a: b\n"...))
			if err := os.WriteFile(file, orig, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("%d values and files broken", runs)
	if runs < 1000 {
		t.Errorf("only %d values broken: the fixtures should offer far more", runs)
	}
}

// findings returns the parser's findings and the checker's, the latter as
// a set of "file: message" (lines move when a value changes shape).
func findings(root string) (diag.List, map[string]bool) {
	p, pd := parse.Dir(root)
	set := map[string]bool{}
	for _, f := range check.Practice(p, asOf, deadline.New(p, profiles)) {
		set[key(f)] = true
	}
	return pd, set
}

// key is a finding without what a broken value changes in a message that
// is no new finding: a line number (a value's new shape moves the lines
// after it) and the parents' names (which a broken name leaves empty).
func key(f diag.Finding) string {
	m := lineRE.ReplaceAllString(f.Message, "line N")
	for _, name := range []string{"Ann Able", "Bob Baker"} {
		m = strings.ReplaceAll(m, name, "")
	}
	return f.Pos.File + ": " + f.Severity.String() + ": " + m
}

// profiles are the built-in jurisdiction profiles, loaded once: loading
// them for every run was most of the test's time.
var profiles, _ = jurisdiction.Load("")

var lineRE = regexp.MustCompile(`line \d+`)

// values returns every value node below a document: mapping values and
// list items, depth first.
func values(doc *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c)
			}
		case yaml.MappingNode:
			for i := 1; i < len(n.Content); i += 2 {
				out = append(out, n.Content[i])
				walk(n.Content[i])
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				out = append(out, c)
				walk(c)
			}
		}
	}
	walk(doc)
	return out
}

// cutYAML splits a file into its YAML front matter and its body.
func cutYAML(data []byte) (fm, body []byte, ok bool) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, nil, false
	}
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		return nil, nil, false
	}
	return rest[:i+1], rest[i+5:], true
}
