package pdfdoc

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"pcdocket/generator/markup"
	"pcdocket/templates"
)

var sampleDir = flag.String("sample", "", "write the fixture's documents into this folder, to look at")

func newAssembler(tb testing.TB) *Assembler {
	tb.Helper()
	a, err := New(templates.Default(), markup.New(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// TestSample writes every fixture document to -sample DIR.
func TestSample(t *testing.T) {
	if *sampleDir == "" {
		t.Skip("no -sample folder")
	}
	a := newAssembler(t)
	p := fixture(t)
	for _, is := range p.Issues() {
		b, err := a.Document(p, is)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*sampleDir, is.DocumentFile()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
