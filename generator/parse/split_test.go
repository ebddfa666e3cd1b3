package parse

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/adrg/frontmatter"
)

// libSplit is what github.com/adrg/frontmatter, which parse used before
// split, makes of data.
func libSplit(data []byte) (raw, rest []byte, ok bool) {
	capture := func(b []byte, _ any) error { raw = bytes.Clone(b); return nil }
	rest, err := frontmatter.MustParse(bytes.NewReader(data), nil,
		frontmatter.NewFormat("---", "---", capture),
		frontmatter.NewFormat("+++", "+++", capture))
	if errors.Is(err, frontmatter.ErrNotFound) {
		return nil, nil, false
	}
	return raw, rest, err == nil
}

var splitCases = []string{
	"", "\n", "---", "---\n", "---\n---", "---\n---\n", "---\n---\nbody",
	"\n\n  ---  \na: 1\n ---\t\nbody\n", "---\na: 1\n", "---\na: 1\n+++\n",
	"+++\na = 1\n+++\nbody", "+++\na = 1\n---\n", "text\n---\n---\n",
	"---\r\na: 1\r\n---\r\nbody\r\n", "---\na: ---x\n---\n", "\t\n---\n\n---\n\n",
	"---\n--- \nrest\n---\n", "---x\n---\n",
}

func TestSplitMatchesFrontmatterLibrary(t *testing.T) {
	files, _ := filepath.Glob("testdata/basic/content/cases/*/*.md")
	more, _ := filepath.Glob("testdata/basic/content/cases/*/issues/*.md")
	inputs := splitCases
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(b))
	}
	for _, in := range inputs {
		checkSplit(t, []byte(in))
	}
}

func FuzzSplit(f *testing.F) {
	for _, c := range splitCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkSplit(t, data) })
}

func checkSplit(t *testing.T, data []byte) {
	t.Helper()
	raw, rest, ok := split(data)
	wraw, wrest, wok := libSplit(data)
	if ok != wok || ok && (!bytes.Equal(raw, wraw) || !bytes.Equal(rest, wrest)) {
		t.Errorf("split(%q) = %q, %q, %v; the library says %q, %q, %v", data, raw, rest, ok, wraw, wrest, wok)
	}
}
