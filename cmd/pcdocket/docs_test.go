package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// repoRoot is the repository root, which is also the sample practice.
var repoRoot = filepath.Join("..", "..")

// docExample is one fenced block of docs/format.md and what the page says
// to do with it.
type docExample struct {
	line   int    // of the opening fence, from 1
	lang   string // the fence's info string
	text   string // the block, without the fences
	action string // file, merge, body, or skip
	path   string // the practice file it goes into
	at     string // for merge: the dotted key it goes under, "" for the top
	expect string // a finding the example must produce, when it is meant to be wrong
	why    string // for skip: why it is not checked
}

// exampleMark is the line before a fenced block that says where it goes:
//
//	<!-- example: file PATH -->              the whole file PATH
//	<!-- example: merge PATH [at KEY] -->    YAML keys merged into PATH's front
//	                                         matter (or YAML file), under KEY
//	<!-- example: body PATH -->              the Markdown body of PATH
//	<!-- example: not checked: REASON -->    not a practice file
//
// Any of the first three may end with expect "TEXT": the example is meant
// to be wrong, and check must report a finding containing TEXT.
var exampleMark = regexp.MustCompile(`^<!-- example: (?:(file|merge|body) (\S+)(?: at (\S+))?(?: expect "([^"]+)")?|not checked: (.+)) -->$`)

// completeExample is the end of the paragraph before a complete example
// copied from the sample: "`content/.../case.md`:" (TestFormatExamplesAreTheSample
// in package parse holds those copies to the files, and TestFormatExample in
// package fees the fee ledger's).
var completeExample = regexp.MustCompile("`((?:content/[^`]+\\.md)|content/cases/[^`/]+/(?:fees|log)\\.txt|practice\\.yaml)`:$")

// formatExamples reads every fenced block of docs/format.md with its mark.
// A block with neither a mark nor a complete example's path before it is
// an error: every example must say where it goes, or why it is not checked.
func formatExamples(t *testing.T) []docExample {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "docs", "format.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var out []docExample
	for i := 0; i < len(lines); i++ {
		fence, ok := strings.CutPrefix(lines[i], "```")
		if !ok {
			continue
		}
		ex := docExample{line: i + 1, lang: strings.TrimSpace(fence)}
		end := i + 1
		for end < len(lines) && lines[end] != "```" {
			end++
		}
		if end == len(lines) {
			t.Fatalf("docs/format.md:%d: the fenced block is never closed", ex.line)
		}
		ex.text = strings.Join(lines[i+1:end], "\n") + "\n"
		prev := ""
		for k := i - 1; k >= 0; k-- {
			if strings.TrimSpace(lines[k]) != "" {
				prev = lines[k]
				break
			}
		}
		if m := exampleMark.FindStringSubmatch(prev); m != nil {
			if m[5] != "" {
				ex.action, ex.why = "skip", m[5]
			} else {
				ex.action, ex.path, ex.at, ex.expect = m[1], m[2], m[3], m[4]
			}
		} else if m := completeExample.FindStringSubmatch(prev); m != nil {
			ex.action, ex.path = "file", m[1]
		} else {
			t.Errorf("docs/format.md:%d: the example has no mark: put a line <!-- example: file|merge|body PATH --> before it, "+
				"saying where it goes in a practice, or <!-- example: not checked: REASON --> (see exampleMark in cmd/pcdocket/docs_test.go)", ex.line)
		}
		out = append(out, ex)
		i = end
	}
	return out
}

// TestFormatExamples writes each example of docs/format.md into a copy of
// the sample practice, where the page says it goes, and runs pcdocket
// check: an example must add no finding to the sample's own, unless it is
// marked as meant to be wrong, and then it must produce the finding it
// names. So the page cannot show a key, a value or a layout that check
// refuses.
func TestFormatExamples(t *testing.T) {
	examples := formatExamples(t)
	if t.Failed() {
		return
	}
	base := t.TempDir()
	copySample(t, base)
	baseline := checkFindings(t, base)
	for f := range baseline {
		if strings.Contains(f, ": warning: ") {
			continue
		}
		t.Fatalf("the sample practice has an error: %s", f)
	}
	checked := 0
	for _, ex := range examples {
		if ex.action == "skip" {
			continue
		}
		t.Run(fmt.Sprintf("line %d %s %s", ex.line, ex.action, ex.path), func(t *testing.T) {
			dir := t.TempDir()
			copySample(t, dir)
			if err := applyExample(dir, ex); err != nil {
				t.Fatalf("docs/format.md:%d: %v", ex.line, err)
			}
			added := newFindings(baseline, checkFindings(t, dir))
			if ex.expect != "" {
				found := false
				for _, f := range added {
					found = found || strings.Contains(f, ex.expect)
				}
				if !found {
					t.Errorf("docs/format.md:%d: the example is marked as wrong, but check does not report %q; it added:\n%s",
						ex.line, ex.expect, strings.Join(added, "\n"))
				}
				return
			}
			for _, f := range added {
				t.Errorf("docs/format.md:%d: the example, put into %s, makes check report:\n%s", ex.line, ex.path, f)
			}
		})
		checked++
	}
	if checked < 15 {
		t.Errorf("checked %d examples of docs/format.md; expected at least 15 (the marks are not being read?)", checked)
	}
}

// TestFormatExamplesBadExample checks the test's own teeth: an example
// that breaks a rule is reported, and one marked with expect passes only
// when check reports what it expects.
func TestFormatExamplesBadExample(t *testing.T) {
	dir := t.TempDir()
	copySample(t, dir)
	baseline := checkFindings(t, dir)
	bad := docExample{action: "merge", path: "content/cases/2026-fam-0142-nunez-ward/case.md", at: "appointment", text: "  authority: decide\n"}
	if err := applyExample(dir, bad); err != nil {
		t.Fatal(err)
	}
	added := newFindings(baseline, checkFindings(t, dir))
	found := false
	for _, f := range added {
		found = found || strings.Contains(f, `case.md:9: authority "decide" is not an appointment authority`)
	}
	if !found {
		t.Errorf("a bad merged value: got new findings %q, want the authority error at its line", added)
	}
}

// copySample copies the sample practice's sources (practice.yaml,
// content/, jurisdictions/) into dir.
func copySample(t *testing.T, dir string) {
	t.Helper()
	copyFile := func(rel string) {
		data, err := os.ReadFile(filepath.Join(repoRoot, rel))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile("practice.yaml")
	for _, sub := range []string{"content", "jurisdictions"} {
		root := filepath.Join(repoRoot, sub)
		if _, err := os.Stat(root); os.IsNotExist(err) {
			continue
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(repoRoot, p)
			if err == nil {
				copyFile(rel)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// checkFindings runs pcdocket check on dir as of the sample's date and
// returns its findings as "file:line: [warning: ]message" lines.
func checkFindings(t *testing.T, dir string) map[string]bool {
	t.Helper()
	e, out, errb := testEnv()
	code := run(context.Background(), e, []string{"check", "--source", dir, "--as-of", "2026-11-27", "--format", "json"})
	if code != 0 && code != 1 {
		t.Fatalf("pcdocket check: exit %d: %s", code, errb)
	}
	var findings []struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal(out.Bytes(), &findings); err != nil {
		t.Fatalf("pcdocket check --format json: %v\n%s", err, out)
	}
	got := map[string]bool{}
	for _, f := range findings {
		s := f.File + ":" + strconv.Itoa(f.Line) + ": "
		if f.Severity == "warning" {
			s += "warning: "
		}
		got[s+f.Message] = true
	}
	return got
}

// newFindings returns the findings of got that baseline does not have,
// sorted. A finding counts as the same wherever its line is: merging an
// example rewrites the file, which may move the keys of the sample's own
// warnings.
func newFindings(baseline, got map[string]bool) []string {
	seen := map[string]bool{}
	for f := range baseline {
		seen[withoutLine(f)] = true
	}
	var added []string
	for f := range got {
		if !seen[withoutLine(f)] {
			added = append(added, f)
		}
	}
	sort.Strings(added)
	return added
}

// withoutLine drops the line number of "file:line: message".
func withoutLine(f string) string {
	if parts := strings.SplitN(f, ":", 3); len(parts) == 3 {
		if _, err := strconv.Atoi(parts[1]); err == nil {
			return parts[0] + ":" + parts[2]
		}
	}
	return f
}

// applyExample writes ex into the practice at dir.
func applyExample(dir string, ex docExample) error {
	file := filepath.Join(dir, filepath.FromSlash(ex.path))
	switch ex.action {
	case "file":
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		return os.WriteFile(file, []byte(ex.text), 0o644)
	case "body":
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		fm, _, err := cutFrontMatter(data)
		if err != nil {
			return fmt.Errorf("%s: %w", ex.path, err)
		}
		return os.WriteFile(file, append(fm, "\n"+ex.text...), 0o644)
	case "merge":
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		var fm, body []byte
		var yml []byte
		if strings.HasSuffix(ex.path, ".md") {
			fm, body, err = cutFrontMatter(data)
			if err != nil {
				return fmt.Errorf("%s: %w", ex.path, err)
			}
			yml = bytes.TrimSuffix(bytes.TrimPrefix(fm, []byte("---\n")), []byte("---\n"))
		} else {
			yml = data
		}
		merged, err := mergeYAML(yml, []byte(ex.text), ex.at)
		if err != nil {
			return fmt.Errorf("merging into %s: %w", ex.path, err)
		}
		if fm != nil {
			merged = append(append(append([]byte("---\n"), merged...), "---\n"...), body...)
		}
		return os.WriteFile(file, merged, 0o644)
	}
	return fmt.Errorf("unknown action %q", ex.action)
}

// cutFrontMatter splits a Markdown file written with YAML front matter into
// the front matter with its --- lines and the body.
func cutFrontMatter(data []byte) (fm, body []byte, err error) {
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, nil, fmt.Errorf("no YAML front matter (--- lines)")
	}
	i := bytes.Index(data[4:], []byte("\n---\n"))
	if i < 0 {
		return nil, nil, fmt.Errorf("front matter not closed")
	}
	end := 4 + i + len("\n---\n")
	return data[:end], data[end:], nil
}

// mergeYAML merges the mapping in frag into the mapping of doc under the
// dotted key at: a key of frag replaces the same key of doc, except that
// two mappings merge key by key.
func mergeYAML(doc, frag []byte, at string) ([]byte, error) {
	var d, f yaml.Node
	if err := yaml.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	if err := yaml.Unmarshal(frag, &f); err != nil {
		return nil, fmt.Errorf("the example: %w", err)
	}
	if len(d.Content) != 1 || len(f.Content) != 1 || f.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("both the file and the example must be a YAML mapping")
	}
	target := d.Content[0]
	if at != "" {
		for _, key := range strings.Split(at, ".") {
			target = lookup(target, key)
			if target == nil || target.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("the file has no mapping at %s", at)
			}
		}
	}
	mergeNode(target, f.Content[0])
	return yaml.Marshal(&d)
}

func lookup(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func mergeNode(dst, src *yaml.Node) {
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		if old := lookup(dst, k.Value); old != nil {
			if old.Kind == yaml.MappingNode && v.Kind == yaml.MappingNode {
				mergeNode(old, v)
			} else {
				*old = *v
			}
			continue
		}
		dst.Content = append(dst.Content, k, v)
	}
}
