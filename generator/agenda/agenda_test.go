package agenda_test

import (
	"fmt"
	"strings"
	"testing"

	"pcdocket/generator/agenda"
	"pcdocket/generator/deadline"
	"pcdocket/generator/practice"
)

var d = practice.MustDate

type links struct{}

func (links) CaseHref(c *practice.Case) string { return "cases/" + c.ID + "/index.html" }
func (links) IssueHref(is *practice.Issue) string {
	return fmt.Sprintf("cases/%s/issues/%d.html", is.Case.ID, is.Number)
}

// fixture is a practice of two cases that has one item of every kind:
// a pending issue with its record closed, a determination served and not
// filed, a recommendation filed and awaiting adoption, an extended term, a
// disclosure owed, a scheduled session and hearing, and a case that has
// gone quiet.
func fixture() *practice.Practice {
	filing := 14
	p := &practice.Practice{Name: "Test", Timezone: "America/New_York", Rules: practice.Rules{FilingDays: &filing}}
	a := &practice.Case{ID: "alpha", Title: "Alpha v. Beta", Appointment: practice.Appointment{
		OrderDate:          d("2026-01-05"),
		TermEnds:           d("2026-12-31"),
		Extensions:         []practice.Extension{{On: d("2026-11-20"), TermEnds: d("2027-01-15")}},
		ConflictDisclosure: practice.Disclosure{Due: d("2026-12-04")},
	}}
	a.Issues = []*practice.Issue{
		{Case: a, Number: 1, Title: "Summer schedule", RaisedOn: d("2026-11-10"),
			Events: []practice.Event{{On: d("2026-11-25"), Kind: practice.EventRecordClosed}}},
		{Case: a, Number: 2, Title: "Exchanges", RaisedOn: d("2026-10-01"),
			Outcome: &practice.Outcome{Kind: practice.OutcomeDetermination, On: d("2026-11-20"), ServedOn: d("2026-11-23")}},
		{Case: a, Number: 3, Title: "Withdrawn", RaisedOn: d("2026-10-01"),
			Outcome: &practice.Outcome{Kind: practice.OutcomeWithdrawn, On: d("2026-10-02")}},
	}
	a.Log = &practice.CommLog{File: "content/cases/alpha/log.txt", Entries: []practice.LogEntry{
		{Line: 1, Date: d("2026-10-20"), Clock: 600, Mode: practice.LogCall, Minutes: 20},
		{Line: 2, Date: d("2026-12-04"), Clock: 570, Mode: practice.LogCourt, Minutes: 60, Scheduled: true, Summary: "Review hearing", With: []string{"parent_a", "counsel"}, Issue: 2},
		{Line: 3, Date: d("2026-12-08"), Clock: -1, Mode: practice.LogSession, Scheduled: true, Summary: "Joint session"},
		{Line: 4, Date: d("2026-12-08"), Clock: -1, Mode: practice.LogSession, Scheduled: true, Summary: "Second session"},
		{Line: 5, Date: d("2026-12-20"), Clock: 540, Mode: practice.LogSession, Scheduled: true},
	}}
	b := &practice.Case{ID: "gamma", Title: "Gamma v. Delta", Appointment: practice.Appointment{
		OrderDate: d("2026-02-01"), Authority: practice.AuthorityRecommend, TermEnds: d("2027-06-30"),
	}}
	b.Issues = []*practice.Issue{
		{Case: b, Number: 1, Title: "Holidays", RaisedOn: d("2026-09-01"),
			Outcome: &practice.Outcome{Kind: practice.OutcomeDetermination, On: d("2026-10-01"), ServedOn: d("2026-10-01"), FiledOn: d("2026-10-05")}},
	}
	p.Cases = []*practice.Case{a, b}
	return p
}

func items(p *practice.Practice) [][]agenda.Item {
	book := deadline.New(p, nil)
	var all [][]agenda.Item
	for _, c := range p.Cases {
		all = append(all, agenda.Case(c, book.Issue, links{}))
	}
	return all
}

func line(it agenda.Item) string {
	s := fmt.Sprintf("%s %s %s %s", it.Date, it.Case.ID, it.Key, it.Href)
	if it.Timed() {
		s += fmt.Sprintf(" at %02d:%02d for %dm", it.Clock/60, it.Clock%60, it.Minutes)
	}
	if !it.Opened.IsZero() {
		s += " opened " + it.Opened.String()
	}
	return s + " | " + it.Title
}

// TestCase lists every item of the fixture: the kinds, dates (on court
// days where package deadline counts them), keys, links and order.
func TestCase(t *testing.T) {
	var got []string
	for _, items := range items(fixture()) {
		for _, it := range items {
			got = append(got, line(it))
		}
	}
	// Alpha: served Mon 2026-11-23 + 10 days = Thu 2026-12-03 (review),
	// + 14 days = Mon 2026-12-07 (filing); record closed Wed 2026-11-25 +
	// 10 days = Sat 2026-12-05, rolled to Mon 2026-12-07. Gamma: served
	// Thu 2026-10-01 + 10 days = Sun 2026-10-11, rolled past Columbus Day
	// to Tue 2026-10-13. Issue 3 (withdrawn) has none; gamma's filing is
	// done. The two sessions of 2026-12-08 keep apart by their order.
	want := []string{
		"2026-12-03 alpha review/2 cases/alpha/issues/2.html opened 2026-11-23 | Review window closes: issue 2, Exchanges",
		"2026-12-04 alpha disclosure-due cases/alpha/index.html | Conflict disclosure due",
		"2026-12-04 alpha hearing/2026-12-04T09:30 cases/alpha/issues/2.html at 09:30 for 60m | Hearing: issue 2, Exchanges",
		"2026-12-07 alpha decision-due/1 cases/alpha/issues/1.html | Decision due: issue 1, Summer schedule",
		"2026-12-07 alpha filing/2 cases/alpha/issues/2.html | Filing due: issue 2, Exchanges",
		"2026-12-08 alpha session/2026-12-08 cases/alpha/index.html | Session",
		"2026-12-08 alpha session/2026-12-08-2 cases/alpha/index.html | Session",
		"2026-12-20 alpha session/2026-12-20T09:00 cases/alpha/index.html at 09:00 for 0m | Session",
		"2027-01-15 alpha term-ends cases/alpha/index.html | Appointment term ends",
		"2026-10-05 gamma awaiting-adoption/1 cases/gamma/issues/1.html | Recommendation 1 filed, awaiting adoption: Holidays",
		"2026-10-13 gamma review/1 cases/gamma/issues/1.html opened 2026-10-01 | Review window closes: issue 1, Holidays",
		"2027-06-30 gamma term-ends cases/gamma/index.html | Appointment term ends",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWeek sorts the fixture's items into the week's lists at fixed
// reference dates.
func TestWeek(t *testing.T) {
	p := fixture()
	all := items(p)
	keys := func(items []agenda.Item) string {
		var s []string
		for _, it := range items {
			s = append(s, it.Case.ID+":"+it.Key)
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		asOf                                                   string
		due, review, adoption, filings, terms, sessions, quiet string
	}{
		{
			asOf:     "2026-12-02",
			due:      "alpha:disclosure-due alpha:decision-due/1 alpha:filing/2", // all within 7 days
			review:   "alpha:review/2",
			adoption: "gamma:awaiting-adoption/1",
			filings:  "alpha:filing/2",
			terms:    "alpha:term-ends", // 2027-01-15 is 44 days on; gamma's 2027-06-30 is not
			sessions: "alpha:hearing/2026-12-04T09:30 alpha:session/2026-12-08 alpha:session/2026-12-08-2",
			// alpha's last call was 2026-10-20, 43 days before; gamma has
			// no log, and was appointed 2026-02-01.
			quiet: "gamma:304 alpha:43",
		},
		{
			asOf:     "2026-11-20",
			due:      "",
			review:   "", // served 2026-11-23: not open yet
			adoption: "gamma:awaiting-adoption/1",
			filings:  "alpha:filing/2",
			terms:    "alpha:term-ends", // 2027-01-15 is 56 days on
			sessions: "",
			quiet:    "gamma:292 alpha:31",
		},
		{
			asOf:     "2026-12-08",
			due:      "alpha:disclosure-due alpha:decision-due/1 alpha:filing/2", // overdue
			review:   "",
			adoption: "gamma:awaiting-adoption/1",
			filings:  "alpha:filing/2",
			terms:    "alpha:term-ends",
			sessions: "alpha:session/2026-12-08 alpha:session/2026-12-08-2",
			quiet:    "gamma:310 alpha:49",
		},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			w := agenda.NewWeek(p.Cases, all, d(tt.asOf))
			var quiet []string
			for _, q := range w.Quiet {
				quiet = append(quiet, fmt.Sprintf("%s:%d", q.Case.ID, q.Days))
			}
			for _, c := range []struct{ name, got, want string }{
				{"due", keys(w.Due), tt.due},
				{"review", keys(w.ReviewOpen), tt.review},
				{"adoption", keys(w.Adoption), tt.adoption},
				{"filings", keys(w.Filings), tt.filings},
				{"terms", keys(w.TermsEnding), tt.terms},
				{"sessions", keys(w.Sessions), tt.sessions},
				{"quiet", strings.Join(quiet, " "), tt.quiet},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
				}
			}
		})
	}
}

// TestWeekSkipsEnded keeps a terminated or closed case out of the
// appointment and quiet lists.
func TestWeekSkipsEnded(t *testing.T) {
	p := fixture()
	p.Cases[0].Appointment.Terminated = &practice.Termination{On: d("2026-12-10"), Reason: "moved"}
	p.Cases[1].Status = practice.StatusClosed
	w := agenda.NewWeek(p.Cases, items(p), d("2026-12-02"))
	if len(w.TermsEnding) != 0 || len(w.Quiet) != 0 {
		t.Errorf("terms %v, quiet %v: want none", w.TermsEnding, w.Quiet)
	}
	it := items(p)[0]
	var term *agenda.Item
	for i := range it {
		if it[i].Kind == agenda.TermEnds {
			term = &it[i]
		}
	}
	if term == nil || term.Date != d("2026-12-10") || term.Title != "Appointment terminated" {
		t.Errorf("the terminated appointment's item: %+v", term)
	}
}

// TestLastContact counts held contacts only, on or before the day.
func TestLastContact(t *testing.T) {
	c := fixture().Cases[0]
	for asOf, want := range map[string]string{"2026-10-19": "", "2026-10-20": "2026-10-20", "2026-12-31": "2026-10-20"} {
		if got := agenda.LastContact(c, d(asOf)).String(); got != want {
			t.Errorf("as of %s: %q, want %q", asOf, got, want)
		}
	}
}
