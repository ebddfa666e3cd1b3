package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/site"
)

// TestPrivateNotesOnlyOnTheNotesPage: an issue's "## Private" section is
// the coordinator's own. It shows on the coordinator's notes page and
// nowhere a parent can open: not the issue page (in the case's folder,
// which the encrypted site opens to the parents), not the document.
func TestPrivateNotesOnlyOnTheNotesPage(t *testing.T) {
	out := t.TempDir()
	if _, err := Build(context.Background(), Options{Source: repoRoot, Output: out, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	const id = "2026-fam-0318-achterberg-osei"
	const secret = "apologised twice for his handwriting"
	if !strings.Contains(string(files["private/notes/"+id+".html"]), secret) {
		t.Errorf("the notes page of %s does not show the issue's private notes", id)
	}
	for p, data := range files {
		if p == "private/notes/"+id+".html" {
			continue
		}
		if strings.Contains(string(data), secret) {
			t.Errorf("%s carries the private notes", p)
		}
	}
	if len(files["private/documents/"+id+"-determination-1.pdf"]) == 0 {
		t.Fatal("no document for the issue: the scan proves nothing of documents")
	}
}

// TestExhibitsNeverPublic: an exhibit is copied into the private site, at
// its site path, byte for byte, and nothing of it reaches the public site:
// not its bytes, its file name, its title or its hash.
func TestExhibitsNeverPublic(t *testing.T) {
	out := t.TempDir()
	res, err := Build(context.Background(), Options{Source: repoRoot, Output: out, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	n := 0
	for _, is := range res.Practice.Issues() {
		for i := range is.Exhibits {
			e := &is.Exhibits[i]
			n++
			src, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(e.Path)))
			if err != nil {
				t.Fatal(err)
			}
			copied, ok := files["private/"+site.ExhibitHref(is, e)]
			if !ok || !bytes.Equal(copied, src) {
				t.Errorf("%s exhibit %s: no exact copy at private/%s", is.ID(), e.Label, site.ExhibitHref(is, e))
			}
			for p, data := range files {
				if !strings.HasPrefix(p, "public/") {
					continue
				}
				for _, needle := range []string{e.File, e.Title, e.SHA256, string(src)} {
					if needle != "" && bytes.Contains(data, []byte(needle)) {
						t.Errorf("%s carries exhibit %s of %s: %.40q", p, e.Label, is.ID(), needle)
					}
				}
				if bytes.Contains(data, []byte("exhibits/")) {
					t.Errorf("%s links to an exhibit", p)
				}
			}
		}
	}
	if n < 3 {
		t.Fatalf("the sample lists %d exhibits: the scan proves little", n)
	}
}
