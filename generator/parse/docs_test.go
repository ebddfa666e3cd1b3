package parse

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestFormatExamplesAreTheSample holds docs/format.md to its word that its
// complete examples are copied from the sample practice: each block after a
// "`path`:" line must be that file of the repository, byte for byte, and
// the file must still read without findings.
func TestFormatExamplesAreTheSample(t *testing.T) {
	root := filepath.Join("..", "..")
	doc, err := os.ReadFile(filepath.Join(root, "docs", "format.md"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)`((?:content/[^`]+\\.md)|practice\\.yaml)`:\n\n```(?:yaml|markdown)\n(.*?)\n```\n")
	matches := re.FindAllSubmatch(doc, -1)
	if len(matches) < 5 {
		t.Fatalf("found %d examples in docs/format.md, want at least 5", len(matches))
	}
	for _, m := range matches {
		path, text := string(m[1]), string(m[2])
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
		if err != nil {
			t.Errorf("docs/format.md quotes %s: %v", path, err)
			continue
		}
		if want := string(regexp.MustCompile(`\n+$`).ReplaceAll(data, nil)); text != want {
			t.Errorf("docs/format.md's copy of %s differs from the file: copy the file into the example again", path)
		}
	}
}
