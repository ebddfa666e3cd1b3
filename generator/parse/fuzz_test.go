package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"pcdocket/generator/practice"
)

// FuzzFrontMatter feeds arbitrary bytes to the case-file loader: it must
// never panic, and every finding must point at a line inside the file.
func FuzzFrontMatter(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/basic/content/cases/*/*.md")
	more, _ := filepath.Glob("testdata/basic/content/cases/*/issues/*.md")
	for _, s := range append(seeds, more...) {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("+++\n[[events]]\non = 2026-01-01\n+++\n"))
	f.Add([]byte("---\na: &x [*x]\n---\n"))
	// The shapes of counsel (a line of text, or keys), service and
	// private sections.
	f.Add([]byte("---\nparties:\n  parent_a:\n    counsel: Ana Flores\n    serve_by: mail\n    address: [\"1 Main St\"]\n---\n"))
	f.Add([]byte("---\nparties:\n  parent_a:\n    counsel:\n      name: A\n      bar_no: \"1\"\n      address:\n        - x\n  parent_b:\n    counsel: [x]\n---\n"))
	f.Add([]byte("+++\n[parties.parent_a.counsel]\nname = \"A\"\n[[events]]\nkind = \"missed\"\nby = \"parent_b\"\n+++\n"))
	f.Add([]byte("---\nnumber: 1\noutcome:\n  filed_on: 2026-01-01\n  adopted_on: 2026-01-02\n---\n## Private\n```\n## Private\n```\n### x\n# Record\n"))
	// A byte-order mark, tabs, Windows-1252 text and the mistakes that
	// explainYAML looks for lines of.
	f.Add([]byte("\xef\xbb\xbf---\nnumber: 1\n---\n"))
	f.Add([]byte("---\npositions:\n\tparent_a: x\n \tparent_b: y\n---\n"))
	f.Add([]byte("---\r\ntitle: caf\xe9\r\nquestion: \x93x\x94\r---\n"))
	f.Add([]byte("---\ntitle: \"open\nq: 'x\nclauses:\n  - a\n  ref: b\n- c\nt: a: b\n---\n"))
	f.Add([]byte("+++\ntitle = x\ntitle: \"y\n+++\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := 1 + bytes.Count(normalizeNewlines(data), []byte("\n"))
		var is practice.Issue
		body, _, diags := FrontMatter("f.md", data, &is)
		// Splitting off the private sections leaves a record that has
		// none: its code fences are as they were.
		rec, _ := practice.SplitPrivate(body)
		if again, priv := practice.SplitPrivate(rec); again != rec || priv != "" {
			t.Errorf("the record of %q still splits: %q, %q", body, again, priv)
		}
		var c practice.Case
		_, _, d2 := FrontMatter("f.md", data, &c)
		for _, d := range append(diags, d2...) {
			if d.Pos.Line < 1 || d.Pos.Line > lines+1 {
				t.Errorf("finding %q at line %d of a %d-line file", d.Message, d.Pos.Line, lines)
			}
		}
	})
}
