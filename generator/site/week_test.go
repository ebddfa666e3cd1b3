package site

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"pcdocket/generator/ical/icaltest"
)

// TestFeeds parses every feed of the sample back with the strict parser,
// checks that two sites of the same practice write the same bytes, that
// the practice's feed holds every case's events, and that each event
// names its page and takes a timed session to UTC from the practice's
// zone.
func TestFeeds(t *testing.T) {
	first := renderAll(t, newSite(t, samplePractice()))
	second := renderAll(t, newSite(t, samplePractice()))
	uids := map[string]bool{}
	caseEvents := 0
	for p, b := range first {
		if !IsFeed(p) {
			continue
		}
		if !bytes.Equal(b, second[p]) {
			t.Errorf("%s differs between two builds", p)
		}
		cal, err := icaltest.Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, ev := range cal.Comps {
			if ev.Name != "VEVENT" {
				t.Errorf("%s: a %s", p, ev.Name)
				continue
			}
			uid, _ := ev.Get("UID")
			desc, _ := ev.Get("DESCRIPTION")
			text, err := icaltest.Text(desc.Value)
			if err != nil {
				t.Fatal(err)
			}
			_, page, _ := strings.Cut(text, "Private site page: ")
			if _, ok := first[page]; !ok {
				t.Errorf("%s: %s links %q, which the site does not have", p, uid.Value, page)
			}
			if p == FeedFile {
				if uids[uid.Value] {
					t.Errorf("%s: UID %s twice", p, uid.Value)
				}
				uids[uid.Value] = true
			} else {
				caseEvents++
			}
		}
	}
	if len(uids) == 0 || len(uids) != caseEvents {
		t.Errorf("the practice feed has %d events, the case feeds %d", len(uids), caseEvents)
	}
	feed := string(first["calendar/alvarez-brennan.ics"])
	for _, want := range []string{
		// 14:30 in Los Angeles on 2026-03-17 (PDT, UTC-7) is 21:30 UTC.
		"UID:alvarez-brennan/session/2026-03-17T14:30@pcdocket\r\nDTSTAMP:20260317T000000Z\r\nDTSTART:20260317T213000Z\r\nDURATION:PT90M\r\n",
		"UID:alvarez-brennan/hearing/2026-03-20@pcdocket\r\nDTSTAMP:20260320T000000Z\r\nDTSTART;VALUE=DATE:20260320\r\nDTEND;VALUE=DATE:20260321\r\n",
		"X-WR-TIMEZONE:America/Los_Angeles\r\n",
	} {
		if !strings.Contains(feed, want) {
			t.Errorf("the case feed lacks %q", want)
		}
	}
	if strings.Contains(feed, "okafor-reyes") {
		t.Error("a case's feed holds another case's events")
	}
}

// TestDropFeeds takes the feeds and the docket's link to them out.
func TestDropFeeds(t *testing.T) {
	s := newSite(t, samplePractice())
	s.DropFeeds()
	got := renderAll(t, s)
	for p := range got {
		if IsFeed(p) {
			t.Errorf("%s is still a page", p)
		}
	}
	if !strings.Contains(string(got["index.html"]), `<h2 id="week">This week</h2>`) {
		t.Error("the docket lost its week")
	}
	if strings.Contains(string(got["index.html"]), "calendar.ics") {
		t.Error("the docket still links the feed")
	}
}

// TestWeekQuietCapped lists the cases quiet longest, at most quietShown,
// and says how many there are: generated(3000) has 60 cases and no logs.
func TestWeekQuietCapped(t *testing.T) {
	p := generated(3000)
	for i, c := range p.Cases {
		c.Appointment.OrderDate = d("2024-01-01").AddDays(i) // the later the case, the shorter its silence
	}
	s := newSite(t, p)
	w := s.docket.Week
	if w.QuietAll != len(p.Cases) || len(w.Quiet) != quietShown {
		t.Fatalf("quiet: %d shown of %d, want %d of %d", len(w.Quiet), w.QuietAll, quietShown, len(p.Cases))
	}
	if w.Quiet[0].Case.Case.ID != p.Cases[0].ID || w.Quiet[0].Days < w.Quiet[quietShown-1].Days {
		t.Errorf("not longest first: %s (%d days) ... %d days", w.Quiet[0].Case.Case.ID, w.Quiet[0].Days, w.Quiet[quietShown-1].Days)
	}
	var b bytes.Buffer
	for _, pg := range s.Pages() {
		if pg.Path == "index.html" {
			if err := pg.Render(&b); err != nil {
				t.Fatal(err)
			}
		}
	}
	page := b.String()
	if want := fmt.Sprintf("The %d cases quiet longest, of %d.", quietShown, len(p.Cases)); !strings.Contains(page, want) {
		t.Errorf("the docket does not say %q", want)
	}
}
