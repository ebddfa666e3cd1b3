package build

import (
	"context"
	"path"
	"strings"
	"testing"

	"pcdocket/generator/practice"
	"pcdocket/generator/seal"
)

// TestRecordedServiceIsServedOn: once the ledger records the service of a
// document sealed unserved, Load gives the issue that served_on (the
// deadlines count from it), and an incremental rebuild triggered by the
// ledger alone shows it, equal to a full build.
func TestRecordedServiceIsServedOn(t *testing.T) {
	dir := incCopy(t)
	const caseID = "2026-fam-0142-nunez-ward"
	rel := "content/cases/" + caseID + "/issues/04-phone-during-video-calls.md"
	text := incRead(t, dir, rel)
	if !strings.Contains(text, "  served_on: 2026-09-03\n") {
		t.Fatal("issue 4 has no served_on to remove")
	}
	incWrite(t, dir, rel, strings.Replace(text, "  served_on: 2026-09-03\n", "", 1))
	ctx := context.Background()
	if _, err := Seal(ctx, Options{Source: dir, AsOf: incAsOf}, caseID, 4, practice.MustDate("2026-09-02"), nil); err != nil {
		t.Fatal(err)
	}
	inc := NewIncremental(Options{Source: dir, AsOf: incAsOf})
	u, err := inc.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	page := path.Join(PrivateDir, "cases", caseID, "issues", "4.html")
	if strings.Contains(string(u.Files[page]), "2026-09-04") {
		t.Fatal("issue 4's page shows a service date before one is recorded")
	}

	p, _ := Load(ctx, Options{Source: dir, AsOf: incAsOf})
	if _, err := seal.RecordService(dir, p.Practice, caseID, 4, practice.MustDate("2026-09-04"), "email", incAsOf, nil); err != nil {
		t.Fatal(err)
	}
	l, err := Load(ctx, Options{Source: dir, AsOf: incAsOf})
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Practice.Case(caseID).Issue(4).Outcome.ServedOn; got != practice.MustDate("2026-09-04") {
		t.Errorf("Load: served_on = %s, want the recorded 2026-09-04", got)
	}
	if l.Findings.HasErrors() {
		t.Errorf("Load: %v", l.Findings)
	}

	u, err = inc.Rebuild(ctx, []string{"content/cases/" + caseID + "/sealed/ledger.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(u.Files[page]), "2026-09-04") {
		t.Error("after the service was recorded, issue 4's page does not show it")
	}
	incSame(t, "service recorded", u.Files, incFull(t, dir))
}
