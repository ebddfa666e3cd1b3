package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// TestSealWhatIsReady: an error in another family's file is listed but does
// not stop a document from being sealed; an error in the sealed issue's own
// case, or in practice.yaml, does.
func TestSealWhatIsReady(t *testing.T) {
	const (
		sealCase  = "2026-fam-0142-nunez-ward"
		otherCase = "2025-fam-0387-muller-lukasik"
	)
	on := mustDate("2026-11-20")
	breakFile := func(t *testing.T, dir, rel string) {
		t.Helper()
		name := filepath.Join(dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		// An unknown category is an error in that file only.
		s := strings.Replace(string(b), "\ncategory: ", "\ncategory: scheduel-", 1)
		if s == string(b) {
			t.Fatalf("%s has no category to break", rel)
		}
		if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name      string
		broken    []string // files given an error
		wantBlock string   // a file the blocking error names; "" when the seal must succeed
		elsewhere int      // errors listed as not blocking
	}{
		{"clean practice", nil, "", 0},
		{"error in another case", []string{"content/cases/" + otherCase + "/issues/01-school-closure-exchanges.md"}, "", 1},
		{"errors in two other cases", []string{
			"content/cases/" + otherCase + "/issues/01-school-closure-exchanges.md",
			"content/cases/2024-fam-0911-obrien-castellanos/issues/03-grandmother-at-exchanges.md",
		}, "", 2},
		{"error in another issue of the same case", []string{"content/cases/" + sealCase + "/issues/02-orthodontist-scheduling.md"}, "content/cases/" + sealCase + "/issues/02-orthodontist-scheduling.md", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyPractice(t, repoRoot)
			for _, rel := range tt.broken {
				breakFile(t, dir, rel)
			}
			res, err := Seal(context.Background(), Options{Source: dir}, sealCase, 1, on, nil)
			if tt.wantBlock != "" {
				var le *diag.ListError
				if !errors.As(err, &le) {
					t.Fatalf("Seal = %v, %v; want a *diag.ListError", res, err)
				}
				if !strings.Contains(le.Error(), tt.wantBlock) {
					t.Errorf("blocking error %q does not name %s", le, tt.wantBlock)
				}
				if _, err := os.Stat(filepath.Join(dir, "content/cases", sealCase, "sealed")); err == nil {
					t.Error("a refused seal wrote the sealed folder")
				}
				return
			}
			if err != nil {
				t.Fatalf("Seal: %v", err)
			}
			if res.Entry.Case != sealCase || res.Entry.Number != 1 {
				t.Errorf("sealed %v, want %s #1", res.Entry, sealCase)
			}
			if n, _ := res.Elsewhere.Count(); n != tt.elsewhere {
				t.Errorf("Elsewhere has %d errors, want %d:\n%v", n, tt.elsewhere, res.Elsewhere)
			}
			for _, f := range res.Elsewhere {
				if strings.HasPrefix(f.Pos.File, "content/cases/"+sealCase+"/") {
					t.Errorf("finding of the sealed case listed as elsewhere: %s", f)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(res.Entry.PDFPath()))); err != nil {
				t.Errorf("sealed PDF: %v", err)
			}
		})
	}
}

// TestSealRefusedByPracticeErrors: practice.yaml is part of every document,
// so an error there blocks every seal.
func TestSealRefusedByPracticeErrors(t *testing.T) {
	dir := copyPractice(t, repoRoot)
	name := filepath.Join(dir, "practice.yaml")
	b, _ := os.ReadFile(name)
	os.WriteFile(name, []byte(strings.Replace(string(b), "jurisdiction: CO", "jurisdiction: ZZ", 1)), 0o644)
	_, err := Seal(context.Background(), Options{Source: dir}, "2026-fam-0142-nunez-ward", 1, mustDate("2026-11-20"), nil)
	var le *diag.ListError
	if !errors.As(err, &le) || !strings.Contains(le.Error(), "practice.yaml") {
		t.Fatalf("Seal = %v; want a *diag.ListError naming practice.yaml", err)
	}
}

func mustDate(s string) practice.Date {
	d, err := practice.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
