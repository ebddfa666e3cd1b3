package site

import (
	"strings"
	"testing"
)

// TestLogPrivacy: the case page and the issue pages, which an encrypted
// site opens to the parents, show the log's shared entries and never a
// private one; the coordinator's log page, outside cases/, shows both.
func TestLogPrivacy(t *testing.T) {
	got := renderAll(t, newSite(t, samplePractice()))
	const private, shared, hearing = "SECRET-CALL", "Joint session on Thanksgiving", "Review hearing"
	for p, b := range got {
		if strings.HasPrefix(p, "cases/") && strings.Contains(string(b), private) {
			t.Errorf("%s, which parents can open, holds a private log entry", p)
		}
	}
	logPage := string(got["log/alvarez-brennan.html"])
	for _, want := range []string{private, shared, hearing, `<span class="badge private">Private</span>`, `<span class="badge scheduled">Scheduled</span>`,
		"Mother, Father and A.N.", "Both parents, counsel for Mother and school counselor", `<span class="badge billed">Billed</span>`, "&lt;script&gt;", `href="../cases/alvarez-brennan/issues/1.html"`} {
		if !strings.Contains(logPage, want) {
			t.Errorf("the log page lacks %q", want)
		}
	}
	// Newest first: the scheduled hearing heads the table.
	if i, j := strings.Index(logPage, hearing), strings.Index(logPage, shared); i < 0 || j < 0 || i > j {
		t.Errorf("the log page is not newest first")
	}
	casePage := string(got["cases/alvarez-brennan/index.html"])
	for _, want := range []string{shared, hearing, `href="../../log/alvarez-brennan.html"`} {
		if !strings.Contains(casePage, want) {
			t.Errorf("the case page lacks %q", want)
		}
	}
	issue1 := string(got["cases/alvarez-brennan/issues/1.html"])
	if !strings.Contains(issue1, shared) || strings.Contains(issue1, hearing) {
		t.Errorf("issue 1's page should show its own shared entry and no other")
	}
	if strings.Contains(string(got["cases/okafor-reyes/index.html"]), "Contacts, sessions") {
		t.Errorf("a case without a log shows a log section")
	}
}
