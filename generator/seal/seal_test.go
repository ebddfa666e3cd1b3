package seal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/markup"
	"pcdocket/generator/parse"
	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/practice"
	"pcdocket/templates"
)

const caseID = "2025-fam-0387-muller-lukasik"

// practiceCopy copies testdata/practice into a temporary folder, so tests
// may seal and edit it.
func practiceCopy(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(dst, os.DirFS("testdata/practice"))
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func load(t *testing.T, root string) *practice.Practice {
	t.Helper()
	p, diags := parse.Dir(root)
	if diags.HasErrors() {
		t.Fatalf("parse: %v", diags)
	}
	return p
}

func render(t *testing.T, p *practice.Practice, number int) []byte {
	t.Helper()
	a, err := pdfdoc.New(templates.Default(), markup.New(), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.Document(p, p.Case(caseID).Issue(number))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var sealDay = practice.MustDate("2026-10-02")

func TestSealRebuildVerify(t *testing.T) {
	root := practiceCopy(t)
	p := load(t, root)
	pdf := render(t, p, 1)

	e, err := Seal(root, p, caseID, 1, pdf, sealDay, nil)
	if err != nil {
		t.Fatal(err)
	}
	is := p.Case(caseID).Issue(1)
	if e.ID != pdfdoc.DocumentID(is) || e.File != is.DocumentFile() || e.Kind != "determination" || e.SourceSum != is.Src.Sum {
		t.Errorf("entry = %+v", e)
	}
	ledger, err := os.ReadFile(filepath.Join(root, "content/cases", caseID, "sealed/ledger.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"number: 1", "kind: determination", "id: " + e.ID, "sealed_on: \"2026-10-02\"", "file: " + e.File, "pdf_sha256: ", "source: content/cases/" + caseID + "/issues/01-school-closure-exchanges.md", "source_sha256: "} {
		if !strings.Contains(string(ledger), want) {
			t.Errorf("ledger lacks %q:\n%s", want, ledger)
		}
	}

	// Sealing twice, and sealing an issue with no document, are refused.
	if _, err := Seal(root, p, caseID, 1, pdf, sealDay, nil); err == nil || !strings.Contains(err.Error(), "already sealed") {
		t.Errorf("second seal: err = %v", err)
	}
	if _, err := Seal(root, p, caseID, 6, pdf, sealDay, nil); err == nil || !strings.Contains(err.Error(), "only a determination or an agreement") {
		t.Errorf("seal of a referred issue: err = %v", err)
	}

	// A rebuild (fresh parse) checks clean and publishes the sealed bytes.
	p = load(t, root)
	if diags := Check(root, p); len(diags) != 0 {
		t.Errorf("check after sealing: %v", diags)
	}
	l, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := l.Sealed(p.Case(caseID).Issue(1))
	if err != nil || !ok || string(got) != string(pdf) {
		t.Errorf("Sealed: ok=%v err=%v same=%v", ok, err, string(got) == string(pdf))
	}
	if _, ok, err := l.Sealed(p.Case(caseID).Issue(6)); ok || err != nil {
		t.Errorf("Sealed(unsealed issue): ok=%v err=%v", ok, err)
	}

	// Verify finds the sealed PDF, and refuses a copy with one byte changed.
	v, ok, err := Verify(root, p, pdf)
	if err != nil || !ok || v.ID != e.ID || v.Case != caseID || v.Number != 1 {
		t.Errorf("Verify(sealed) = %+v, %v, %v", v, ok, err)
	}
	tampered := append([]byte(nil), pdf...)
	tampered[len(tampered)/2] ^= 0x01
	if _, ok, err := Verify(root, p, tampered); ok || err != nil {
		t.Errorf("Verify(tampered) ok=%v err=%v", ok, err)
	}
}

func TestCheckEditedSource(t *testing.T) {
	root := practiceCopy(t)
	p := load(t, root)
	e, err := Seal(root, p, caseID, 1, render(t, p, 1), sealDay, nil)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "content/cases", caseID, "issues/01-school-closure-exchanges.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "at most a few hours", "at most three hours", 1)
	if edited == string(src) {
		t.Fatal("fixture text to edit not found")
	}
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	p = load(t, root)
	diags := Check(root, p)
	want := "content/cases/" + caseID + "/issues/01-school-closure-exchanges.md:2: issue 1 was sealed on 2026-10-02 as " + e.ID +
		" and its source has changed since; revert the edit, or record the change in a new issue with `amends: 1`"
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("check after edit:\n got %v\nwant %s", diags, want)
	}
	// The build still publishes the sealed bytes, not a rendering of the edit.
	l, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := l.Sealed(p.Case(caseID).Issue(1)); !ok || err != nil {
		t.Errorf("Sealed after edit: ok=%v err=%v", ok, err)
	}
}

func TestCheckSealedFile(t *testing.T) {
	tests := []struct {
		name   string
		change func(path string) error
		want   string
	}{
		{"missing", os.Remove, "is missing"},
		{"altered", func(p string) error {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b[len(b)-10] ^= 1
			os.Chmod(p, 0o644)
			return os.WriteFile(p, b, 0o644)
		}, "differs from the one sealed on 2026-10-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := practiceCopy(t)
			p := load(t, root)
			e, err := Seal(root, p, caseID, 1, render(t, p, 1), sealDay, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.change(filepath.Join(root, filepath.FromSlash(e.PDFPath()))); err != nil {
				t.Fatal(err)
			}
			diags := Check(root, p)
			if len(diags) != 1 || !strings.Contains(diags[0].Message, tt.want) || diags[0].Pos.File != "content/cases/"+caseID+"/sealed/ledger.yaml" || diags[0].Pos.Line != 5 {
				t.Errorf("check = %v, want one error at the ledger entry containing %q", diags, tt.want)
			}
			if _, _, err := sealedBytes(root, p.Case(caseID).Issue(1)); err == nil {
				t.Error("Sealed: no error for a missing or altered sealed file")
			}
		})
	}
}

// sealedBytes loads the ledgers under root and returns the sealed bytes of
// is, as a build does.
func sealedBytes(root string, is *practice.Issue) ([]byte, bool, error) {
	l, err := Load(root)
	if err != nil {
		return nil, false, err
	}
	return l.Sealed(is)
}

func TestLoadBadLedger(t *testing.T) {
	root := practiceCopy(t)
	dir := filepath.Join(root, "content/cases", caseID, "sealed")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "ledger.yaml"), []byte("documents:\n  - number: 1\n    sealed_on: yesterday\n"), 0o644)
	p := load(t, root)
	diags := Check(root, p)
	if len(diags) != 1 || !strings.Contains(diags[0].String(), "ledger.yaml:2: sealed_on:") {
		t.Errorf("check = %v", diags)
	}
	if _, err := Load(root); err == nil {
		t.Error("Load: no error for a bad ledger")
	}
}

// TestCheckChangedExhibit: the fingerprint sealed covers the issue's
// exhibits, so an exhibit edited after sealing is reported as a change to
// the sealed issue, not left to differ silently from the hash the sealed
// document prints.
func TestCheckChangedExhibit(t *testing.T) {
	root := practiceCopy(t)
	dir := filepath.Join(root, "content/cases", caseID)
	letter := filepath.Join(dir, "exhibits/issue-1/letter.txt")
	if err := os.MkdirAll(filepath.Dir(letter), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(letter, []byte("The school's letter.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "issues/01-school-closure-exchanges.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	listed := strings.Replace(string(src), "\nquestion:", "\nexhibits:\n  - letter.txt\nquestion:", 1)
	if listed == string(src) {
		t.Fatal("fixture: no question key to list exhibits before")
	}
	if err := os.WriteFile(file, []byte(listed), 0o644); err != nil {
		t.Fatal(err)
	}
	p := load(t, root)
	if got := p.Case(caseID).Issue(1).Exhibits; len(got) != 1 || !got[0].Found() {
		t.Fatalf("the issue's exhibits: %+v", got)
	}
	e, err := Seal(root, p, caseID, 1, render(t, p, 1), sealDay, nil)
	if err != nil {
		t.Fatal(err)
	}
	if e.SourceHash != SourceWithExhibits {
		t.Errorf("source_hash %q, want %q", e.SourceHash, SourceWithExhibits)
	}
	if diags := Check(root, load(t, root)); len(diags) != 0 {
		t.Fatalf("check right after sealing: %v", diags)
	}
	if err := os.WriteFile(letter, []byte("The school's letter, altered.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	diags := Check(root, load(t, root))
	want := "content/cases/" + caseID + "/issues/01-school-closure-exchanges.md:2: issue 1 was sealed on 2026-10-02 as " + e.ID +
		" and its source or one of its exhibits has changed since (the sealed document lists each exhibit's SHA-256); revert the edit, or record the change in a new issue with `amends: 1`"
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("check after the exhibit changed:\n got %v\nwant %s", diags, want)
	}
}
