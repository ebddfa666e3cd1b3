package build

import (
	"context"
	"strings"
	"testing"
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
