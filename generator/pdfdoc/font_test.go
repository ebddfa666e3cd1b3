package pdfdoc

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestScripts renders names in Latin Extended, Greek and Cyrillic, which
// fall outside Windows-1252, and reads them back.
func TestScripts(t *testing.T) {
	need(t, "pdftotext", "qpdf", "pdffonts")
	a := newAssembler(t)
	p := fixture(t)
	is := p.Case(caseB).Issue(1)
	is.Case.Parties.ParentA.Name = "Łukasz Petrović-Ćwik"
	is.Case.Parties.ParentB.Name = "Σοφία Παπαδοπούλου"
	is.Case.Court = "Суд Ивановской области"
	b, err := a.Document(p, is)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "scripts.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	text := pdftext(t, file, 0, 0)
	for _, w := range []string{
		"Łukasz Petrović-Ćwik,", "Σοφία Παπαδοπούλου,", "СУД ИВАНОВСКОЙ ОБЛАСТИ",
		"On February 4, 2026, Łukasz Petrović-Ćwik (Father) made a written submission.",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q", w)
		}
	}
	out, err := exec.Command("pdffonts", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), "TrueType"); n < 3 {
		t.Errorf("pdffonts lists %d TrueType fonts, want planes beyond Windows-1252:\n%s", n, out)
	}
}

// TestWrapKeepsWords checks that a line breaks only at spaces, even when a
// word's letters are drawn from different planes, when the line is wider
// than the longest word.
func TestWrapKeepsWords(t *testing.T) {
	a := newAssembler(t)
	p := fixture(t)
	dd, err := a.docs.Build(p, p.Case(caseA).Issue(3))
	if err != nil {
		t.Fatal(err)
	}
	d := a.newDoc(dd)
	d.body("")
	text := strings.Repeat("Zoë Müller-Łukasik and Σοφία Ćwik ", 12)
	for _, w := range []float64{100, 150, 250, textW} {
		lines := d.split(text, w)
		if got := strings.Join(lines, " "); got != strings.TrimSpace(text) {
			t.Errorf("width %v: lines do not join back to the text:\n%q", w, got)
		}
		for _, l := range lines {
			if d.width(l) > w+0.01 && strings.Contains(l, " ") {
				t.Errorf("width %v: line %q is %v wide", w, l, d.width(l))
			}
			for _, f := range strings.Fields(l) {
				if !strings.Contains(text, " "+f+" ") && !strings.HasPrefix(text, f+" ") {
					t.Errorf("width %v: word broken: %q", w, f)
				}
			}
		}
	}
}
