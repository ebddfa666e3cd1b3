package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/document"
	"pcdocket/generator/practice"
)

// TestNoncomplianceAfterSealing seals a determination, then records a
// directive of it not followed in its issue file, as a coordinator does
// after service: the ledger still holds (the file the document was made
// from is unchanged), the sealed PDF is what the build serves, and its
// identifier is the one sealed. Any other edit of the issue is still
// reported.
func TestNoncomplianceAfterSealing(t *testing.T) {
	const (
		caseID = "2025-fam-0387-muller-lukasik"
		rel    = "content/cases/" + caseID + "/issues/07-science-trip-consent.md"
	)
	dir := copyPractice(t, repoRoot)
	ctx := context.Background()
	res, err := Seal(ctx, Options{Source: dir, AsOf: asOf}, caseID, 7, mustDate("2026-10-01"), nil)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	before := string(b)
	after := strings.Replace(before, "\noutcome:\n", `
  # The Mother kept M.H. home on the first morning.
  - on: 2026-10-14
    kind: noncompliance
    by: parent_a
    directive: 3
    note: M.H. was not at school on the morning of October 14.
outcome:
`, 1)
	if after == before {
		t.Fatal("the issue has no outcome to put the event before")
	}
	if err := os.WriteFile(name, []byte(after), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Load(ctx, Options{Source: dir, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range l.Findings {
		if strings.Contains(f.Pos.File, caseID) {
			t.Errorf("after a noncompliance event: %s", f)
		}
	}
	is := l.Practice.Case(caseID).Issue(7)
	if got := document.ID(is); got != res.Entry.ID {
		t.Errorf("the document's identifier is %s after the event, sealed as %s", got, res.Entry.ID)
	}
	d, err := Report(ctx, Options{Source: dir, AsOf: asOf}, caseID, "noncompliance", practice.Date{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.HTML), res.Entry.ID) {
		t.Errorf("the report does not name the sealed document %s", res.Entry.ID)
	}

	// Another edit of the sealed issue is still an error.
	if err := os.WriteFile(name, []byte(strings.Replace(after, "title: ", "title: Changed ", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err = Load(ctx, Options{Source: dir, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range l.Findings {
		found = found || strings.Contains(f.Message, "its source has changed since")
	}
	if !found {
		t.Error("an edit of a sealed issue's title went unreported")
	}
}
