package watch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The debounce of these tests is long, so that a rebuild that waited for it
// cannot pass for one that did not, however slow the machine.
const longDebounce = 900 * time.Millisecond // under maxWait

// A save of one file is rebuilt after DefaultSettle, not the debounce; a
// change of several files still waits for the debounce.
func TestServeSaveSkipsDebounce(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 2, 3)
	r := startWith(t, Config{Source: dir, Debounce: longDebounce, NoDocuments: true})
	issue := filepath.Join(dir, filepath.FromSlash(issueRel(0, 1)))

	saves := []struct {
		name string
		save func(text string)
	}{
		{"in place", func(text string) { os.WriteFile(issue, []byte(text), 0o644) }},
		{"renamed over", func(text string) {
			tmp := issue + ".tmp-8812" // a stray name, like sed -i's
			os.WriteFile(tmp, []byte(text), 0o644)
			os.Rename(tmp, issue)
		}},
		{"old file renamed to a backup", func(text string) {
			os.Rename(issue, issue+"~")
			os.WriteFile(issue, []byte(text), 0o644)
			os.Remove(issue + "~")
		}},
	}
	for _, s := range saves {
		wrote := time.Now()
		s.save(fixtureIssue(1, "Saved "+s.name))
		rep := r.next(t)
		if rep.Err != nil {
			t.Fatalf("%s: %v", s.name, rep.Err)
		}
		// The wait before the rebuild, which a loaded machine (-race, other
		// tests) does not stretch as it does the rebuild.
		if d := rep.Sent.Sub(wrote) - rep.Duration; d >= longDebounce {
			t.Errorf("%s: reload %v after the write (rebuild %v), want less than the debounce %v", s.name, d, rep.Duration, longDebounce)
		}
		if len(rep.Changed) != 1 || rep.Changed[0] != issueRel(0, 1) {
			t.Errorf("%s: changed %v, want only %s", s.name, rep.Changed, issueRel(0, 1))
		}
		r.settle(200 * time.Millisecond)
	}

	// Two files: a checkout, a script. One rebuild, after the debounce.
	wrote := time.Now()
	mustWrite(t, dir, issueRel(0, 2), fixtureIssue(2, "Checked out 2"))
	mustWrite(t, dir, issueRel(1, 2), fixtureIssue(2, "Checked out 2"))
	rep := r.next(t)
	if d := rep.Sent.Sub(wrote) - rep.Duration; d < longDebounce {
		t.Errorf("two files: reload %v after the writes, want the debounce %v at least", d, longDebounce)
	}
	if len(rep.Changed) != 2 {
		t.Errorf("two files: changed %v, want both", rep.Changed)
	}
}

// A file read between its truncation and its write fails to parse; its
// errors are shown only if no good build follows within the debounce, so
// the overlay does not flash during a save.
func TestServeHalfWrittenSaveShowsNoErrors(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 1, 3)
	r := startWith(t, Config{Source: dir, Debounce: longDebounce})
	ev := r.subscribe(t)
	ev.next(t) // hello
	issue := filepath.Join(dir, filepath.FromSlash(issueRel(0, 2)))

	os.WriteFile(issue, []byte("---\nnumber: 2\ntitle: Half"), 0o644) // no end of front matter
	time.Sleep(300 * time.Millisecond)                                // rebuilt, failed, held
	select {
	case got := <-ev.events:
		t.Fatalf("event during the save = %+v, want none yet", got)
	default:
	}
	mustWrite(t, dir, issueRel(0, 2), fixtureIssue(2, "Whole again"))
	if got := ev.next(t); got.name != "reload" {
		t.Fatalf("event after the save = %+v, want reload", got)
	}
	rep := r.next(t)
	if rep.Err != nil {
		t.Fatalf("report after the save: %v, want the good build only", rep.Err)
	}
	// The held failure is never shown.
	select {
	case got := <-ev.events:
		t.Errorf("event after the reload = %+v, want none", got)
	case rep := <-r.reports:
		t.Errorf("report after the reload = %v, want none", rep)
	case <-time.After(longDebounce + 500*time.Millisecond):
	}
	if _, body := r.get(t, issuePage(0, 2)); !strings.Contains(body, "Whole again") {
		t.Error("saved text not served")
	}

	// A save that stays broken shows its errors, after the debounce.
	os.WriteFile(issue, []byte("---\nnumber: 2\ntitle: Half"), 0o644)
	if got := ev.next(t); got.name != "errors" {
		t.Errorf("event for a broken save = %+v, want errors", got)
	}
}
