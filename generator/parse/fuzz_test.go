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
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := 1 + bytes.Count(normalizeNewlines(data), []byte("\n"))
		var is practice.Issue
		_, _, diags := FrontMatter("f.md", data, &is)
		var c practice.Case
		_, _, d2 := FrontMatter("f.md", data, &c)
		for _, d := range append(diags, d2...) {
			if d.Pos.Line < 1 || d.Pos.Line > lines+1 {
				t.Errorf("finding %q at line %d of a %d-line file", d.Message, d.Pos.Line, lines)
			}
		}
	})
}
