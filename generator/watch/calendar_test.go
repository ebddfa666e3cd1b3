package watch

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"pcdocket/generator/ical/icaltest"
)

// TestServeCalendar serves the calendar feeds as text/calendar at their
// stable URLs, and serves a feed that follows an edit of its case.
func TestServeCalendar(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 2, 2)
	r := start(t, dir)

	get := func(url string) (string, string) {
		t.Helper()
		resp, err := http.Get(r.base + url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", url, resp.StatusCode)
		}
		if _, err := icaltest.Parse(body); err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
		return resp.Header.Get("Content-Type"), string(body)
	}
	for _, url := range []string{"/calendar.ics", "/calendar/" + caseID(0) + ".ics"} {
		if ct, _ := get(url); ct != "text/calendar; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", url, ct)
		}
	}

	uid := "UID:" + caseID(0) + "/term-ends@pcdocket"
	if _, body := get("/calendar.ics"); strings.Contains(body, uid) {
		t.Fatal("the fixture's case already has a term end")
	}
	edited := strings.Replace(fixtureCase(0), "order_date: 2026-01-05\n", "order_date: 2026-01-05\n  term_ends: 2026-12-31\n", 1)
	mustWrite(t, dir, "content/cases/"+caseID(0)+"/case.md", edited)
	if rep := r.next(t); rep.Err != nil {
		t.Fatalf("rebuild: %v", rep.Err)
	}
	for _, url := range []string{"/calendar.ics", "/calendar/" + caseID(0) + ".ics"} {
		if _, body := get(url); !strings.Contains(body, uid+"\r\nDTSTAMP:20261231T000000Z\r\nDTSTART;VALUE=DATE:20261231\r\n") {
			t.Errorf("GET %s after the edit: no term end of 2026-12-31:\n%s", url, body)
		}
	}
	if _, body := get("/calendar/" + caseID(1) + ".ics"); strings.Contains(body, "VEVENT") {
		t.Error("the other case's feed has events")
	}
}

// TestContentType: the types the system's table may lack are given.
func TestContentType(t *testing.T) {
	for ext, want := range map[string]string{
		".ics": "text/calendar; charset=utf-8",
		".eml": "message/rfc822",
		".pdf": "application/pdf",
		".css": "text/css; charset=utf-8",
	} {
		if got := contentType(ext); got != want {
			t.Errorf("contentType(%q) = %q, want %q", ext, got, want)
		}
	}
}
