package site

// The coordinator's week: the docket's "This week" section and the
// calendar feeds, both drawn from the items of package agenda, which each
// case view computes once (caseView.agenda).
//
// The feeds are files of the private site: calendar.ics for the practice
// and calendar/<case>.ics for each case. The per-case feeds sit outside
// cases/<case>/ on purpose, as the notes pages do: an encrypted site opens
// that folder to the case's parents, and a feed holds the coordinator's
// own dates. An encrypted build drops the feeds altogether (DropFeeds): a
// calendar application cannot read an encrypted file, and a plain-text one
// beside the encrypted site would undo the encryption.

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"pcdocket/generator/agenda"
	"pcdocket/generator/diag"
	"pcdocket/generator/ical"
	"pcdocket/generator/jurisdiction"
	"pcdocket/generator/practice"
)

// FeedFile is the practice's calendar feed, and FeedDir the folder of the
// cases' feeds (FeedDir + <case folder> + ".ics"), in the private site.
const (
	FeedFile = "calendar.ics"
	FeedDir  = "calendar/"
)

// IsFeed reports whether the site path p is a calendar feed.
func IsFeed(p string) bool { return p == FeedFile || strings.HasPrefix(p, FeedDir) }

// weekView is the docket's "This week" (.Docket.Week): the lists of
// agenda.Week as rows the template prints.
type weekView struct {
	Due         []weekRow  // overdue, or due within WeekDays days: decisions, filings, disclosures
	ReviewOpen  []weekRow  // review windows open on the reference date
	Adoption    []weekRow  // recommendations filed, not yet adopted
	Filings     []weekRow  // documents owed to the court
	TermsEnding []weekRow  // appointments ending within TermDays days
	Sessions    []weekRow  // sessions and hearings within WeekDays days
	Quiet       []quietRow // the cases quiet longest, at most quietShown
	QuietAll    int        // how many cases are quiet
	Empty       bool       // nothing on any list
	WeekDays    int        // how far ahead the week looks, in days (agenda.WeekDays)
	TermDays    int        // how far ahead appointments' ends are shown (agenda.TermDays)
	QuietDays   int        // how long without contact lists a case (agenda.QuietDays)
	FeedHref    string     // the practice's calendar feed; "" when the build writes none
}

// quietShown is how many quiet cases the docket lists, longest silence
// first: a practice that has not begun its logs would otherwise list every
// case, on a page rendered after every edit.
const quietShown = 40

// weekRow is one item of the week.
type weekRow struct {
	Item     agenda.Item // .Item.Kind, .Item.Date, .Item.Title, .Item.Detail, .Item.Issue...
	Day      string      // "Mon 2026-11-30"
	Time     string      // "09:30" for a timed item, else ""
	Opened   string      // a review window's first day, "Mon 2026-11-16"; else ""
	What     string      // the kind in words: "decision due", "hearing"...
	When     string      // the day against the reference date: "today", "in 3 days", "2 days overdue"
	Overdue  bool        // a decision, filing or disclosure past its day
	Case     *caseView
	IssueRef string // "3. Summer schedule", "" for an item of the case
}

// quietRow is a case with no recent contact.
type quietRow struct {
	Case *caseView
	Last string // the latest contact, "Mon 2026-10-19"; "" when none is logged
	// Since is the day the silence counts from: Last, or the appointment's
	// order date when no contact is logged.
	Since string
	Days  int
}

// caseLinks gives package agenda the page paths of one case.
type caseLinks struct {
	cv       *caseView
	byNumber map[int]*issueView
}

func (l caseLinks) CaseHref(*practice.Case) string { return l.cv.Href }

func (l caseLinks) IssueHref(is *practice.Issue) string {
	if v := l.byNumber[is.Number]; v != nil {
		return v.Href
	}
	return l.cv.Href
}

// weekOf puts together a docket's week from its cases' items: every
// case's for the docket, a coordinator's own for theirs.
func (s *Site) weekOf(views []*caseView) *weekView {
	cases := make([]*practice.Case, len(views))
	items := make([][]agenda.Item, len(views))
	byCase := make(map[*practice.Case]*caseView, len(views))
	for i, cv := range views {
		cases[i], items[i] = cv.Case, cv.agenda
		byCase[cv.Case] = cv
	}
	w := agenda.NewWeek(cases, items, s.asOf)
	rows := func(items []agenda.Item, due bool) []weekRow {
		out := make([]weekRow, len(items))
		for i, it := range items {
			r := weekRow{Item: it, Day: jurisdiction.ShortDate(it.Date), What: it.Kind.Describe(), Case: byCase[it.Case]}
			if it.Timed() {
				r.Time = fmt.Sprintf("%02d:%02d", it.Clock/60, it.Clock%60)
			}
			if !it.Opened.IsZero() {
				r.Opened = jurisdiction.ShortDate(it.Opened)
			}
			if it.Issue != nil {
				r.IssueRef = fmt.Sprintf("%d. %s", it.Issue.Number, it.Issue.Title)
			}
			n := s.asOf.DaysUntil(it.Date)
			switch {
			case n == 0:
				r.When = "today"
			case n > 0:
				r.When = "in " + diag.Plural(n, "day")
			case due:
				r.When, r.Overdue = diag.Plural(-n, "day")+" overdue", true
			default:
				r.When = diag.Plural(-n, "day") + " ago"
			}
			out[i] = r
		}
		return out
	}
	v := &weekView{
		Due: rows(w.Due, true), ReviewOpen: rows(w.ReviewOpen, false), Adoption: rows(w.Adoption, false),
		Filings: rows(w.Filings, true), TermsEnding: rows(w.TermsEnding, false), Sessions: rows(w.Sessions, false),
		Empty: w.Empty(), WeekDays: agenda.WeekDays, TermDays: agenda.TermDays, QuietDays: agenda.QuietDays, FeedHref: FeedFile,
	}
	v.QuietAll = len(w.Quiet)
	for _, q := range w.Quiet[:min(len(w.Quiet), quietShown)] {
		r := quietRow{Case: byCase[q.Case], Since: jurisdiction.ShortDate(q.Since), Days: q.Days}
		if !q.Last.IsZero() {
			r.Last = jurisdiction.ShortDate(q.Last)
		}
		v.Quiet = append(v.Quiet, r)
	}
	return v
}

// DropFeeds takes the calendar feeds out of the site, and the docket's
// link to them: an encrypted build writes none (see the top of this file).
func (s *Site) DropFeeds() {
	pages := s.pages[:0:0]
	for _, pg := range s.pages {
		if !IsFeed(pg.Path) {
			pages = append(pages, pg)
		}
	}
	s.pages = pages
	if s.docket.Week != nil {
		s.docket.Week.FeedHref = ""
	}
	for _, cd := range s.dockets {
		if cd.docket.Week != nil {
			cd.docket.Week.FeedHref = ""
		}
	}
}

// feedProdID names pcdocket as the maker of the feeds (PRODID).
const feedProdID = "-//pcdocket//Calendar//EN"

// feedPages returns the practice's feed and each case's, in path order.
func (s *Site) feedPages() []Page {
	pages := []Page{{Path: FeedFile, Deps: s.every, render: func(w io.Writer) error {
		return s.writeFeed(w, s.p.Name, s.cases)
	}}}
	byDir := make([]Page, 0, len(s.cases))
	for _, cv := range s.cases {
		if cv.feedDeps == nil {
			// Made once per case view, which Site.Next keeps for a case
			// that did not change: 500 lists made and sorted again after
			// each edit at 10,000 issues were a tenth of Next.
			deps := []Dep{DepPractice, DepCase(cv.Case.ID)}
			for _, v := range cv.byDep {
				deps = append(deps, v.dep)
			}
			cv.feedDeps = sortDeps(deps)
		}
		byDir = append(byDir, Page{Path: cv.feedHref, Deps: cv.feedDeps, render: func(w io.Writer) error {
			return s.writeFeed(w, s.p.Name+": "+cv.Case.Title, []*caseView{cv})
		}})
	}
	slices.SortFunc(byDir, func(a, b Page) int { return strings.Compare(a.Path, b.Path) })
	return append(pages, byDir...)
}

// writeFeed writes a calendar of the cases' items.
func (s *Site) writeFeed(w io.Writer, name string, cases []*caseView) error {
	head := &ical.Calendar{ProdID: feedProdID, Name: name, TimeZone: s.p.Timezone}
	b, err := head.Marshal()
	if err != nil {
		return err
	}
	end := bytes.LastIndex(b, []byte("END:VCALENDAR"))
	if _, err := w.Write(b[:end]); err != nil {
		return err
	}
	for _, cv := range cases {
		ev, err := cv.feedEvents(s.loc)
		if err != nil {
			return fmt.Errorf("case %s: %w", cv.Case.ID, err)
		}
		if _, err := w.Write(ev); err != nil {
			return err
		}
	}
	_, err = w.Write(b[end:])
	return err
}

// feedEvents returns the VEVENTs of the case's items, made once: the
// practice's feed and the case's own share them, and watch mode keeps
// them with the view of a case that did not change.
func (cv *caseView) feedEvents(loc *time.Location) ([]byte, error) {
	cv.feed.Do(func() {
		events := make([]ical.Event, len(cv.agenda))
		for i, it := range cv.agenda {
			events[i] = event(cv, it, loc)
		}
		cv.feedBytes, cv.feedErr = ical.AppendEvents(nil, events)
	})
	return cv.feedBytes, cv.feedErr
}

// event is the VEVENT of one item.
//
// UID: the case id and the item's key, which name the item and stay while
// it does, so a calendar application updates an event in place when its
// date moves. DTSTAMP: RFC 5545 asks for the time the event was written;
// the feed must be the same bytes for the same practice (a rebuild, watch
// mode and a full build agree byte for byte), so it is the item's own day
// at midnight UTC, which changes when the item's date does. Subscribing
// applications refresh the whole feed and do not depend on it.
//
// An all-day item is a DATE: the day in the practice's time zone, which is
// what case files write. A timed session or hearing is its local time in
// the practice's zone (practice.yaml timezone), written in UTC, so that no
// VTIMEZONE is needed.
//
// The description links the item's page of the private site by its path
// from the site root: the site has no address of its own (it is files,
// served by `pcdocket serve` or opened from disk), so the path is what
// stays true; under `pcdocket serve` it is http://localhost:PORT/<path>.
func event(cv *caseView, it agenda.Item, loc *time.Location) ical.Event {
	c := cv.Case
	e := ical.Event{
		UID:        c.ID + "/" + it.Key + "@pcdocket",
		Stamp:      it.Date.Time(),
		AllDay:     !it.Timed(),
		Start:      it.Date.Time(),
		Summary:    it.Title + " (" + c.Title + ")",
		Categories: []string{it.Kind.Describe()},
	}
	if it.Timed() {
		t := it.Date.Time()
		e.Start = time.Date(t.Year(), t.Month(), t.Day(), it.Clock/60, it.Clock%60, 0, 0, loc)
		e.Duration = time.Duration(it.Minutes) * time.Minute
	}
	var desc strings.Builder
	if it.Detail != "" {
		desc.WriteString(it.Detail)
		desc.WriteString("\n")
	}
	fmt.Fprintf(&desc, "Case: %s, %s", c.Title, c.CourtCaseNo)
	desc.WriteString("\nPrivate site page: " + it.Href)
	e.Description = desc.String()
	return e
}

// location returns the practice's time zone: timezone in practice.yaml,
// UTC when it names none or one the system does not know (check reports
// that).
func location(p *practice.Practice) *time.Location {
	if p.Timezone != "" {
		if l, err := time.LoadLocation(p.Timezone); err == nil {
			return l
		}
	}
	return time.UTC
}
