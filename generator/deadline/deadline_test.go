package deadline_test

import (
	"strings"
	"testing"

	"pcdocket/generator/deadline"
	"pcdocket/generator/jurisdiction"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
)

// sample loads the repository's sample practice and its profiles.
func sample(t *testing.T) (*practice.Practice, *deadline.Book) {
	t.Helper()
	p, diags := parse.Dir("../..")
	if diags.HasErrors() {
		t.Fatalf("sample practice: %v", diags)
	}
	set, jd := jurisdiction.Load("../..")
	if jd.HasErrors() {
		t.Fatalf("sample profiles: %v", jd)
	}
	return p, deadline.New(p, set)
}

// TestSampleDeadlinesAreCourtDays: every computed date of the sample falls
// on a court day of its case's calendar; a term's end, a date of the order,
// is listed as the order says.
func TestSampleDeadlinesAreCourtDays(t *testing.T) {
	p, b := sample(t)
	all := b.All()
	kinds := map[deadline.Kind]int{}
	for _, d := range all {
		kinds[d.Kind]++
		if d.Kind == deadline.TermEnds {
			continue
		}
		cal := b.Calendar(p.Case(d.Case))
		if !cal.CourtDay(d.Date) {
			name, _ := cal.Holiday(d.Date)
			t.Errorf("%s #%d %s: %s is not a court day (%s %s)", d.Case, d.Issue, d.Kind, d.Date, d.Date.Time().Weekday(), name)
		}
		if d.Rule == "" || d.Basis == "" {
			t.Errorf("%s #%d %s: no rule or basis: %+v", d.Case, d.Issue, d.Kind, d)
		}
	}
	for _, k := range []deadline.Kind{deadline.DecisionDue, deadline.Review, deadline.Filing, deadline.TermEnds} {
		if kinds[k] == 0 {
			t.Errorf("the sample has no %s deadline: the test would prove nothing about it", k)
		}
	}
}

// TestRolledPastHolidayAndWeekend: the sample's generic case was served on
// Mon 2026-11-16; ten days end on Thanksgiving, the practice's own closure
// is the Friday after, then a weekend: the deadline is Mon 2026-11-30.
func TestRolledPastHolidayAndWeekend(t *testing.T) {
	p, b := sample(t)
	is := p.Case("2026-fam-0318-achterberg-osei").Issue(1)
	d, ok := b.Review(is)
	if !ok {
		t.Fatal("no review deadline for a served determination")
	}
	if d.Date != practice.MustDate("2026-11-30") {
		t.Errorf("review deadline %s, want 2026-11-30", d.Date)
	}
	for _, want := range []string{"served Mon 2026-11-16 + 10 days = Thu 2026-11-26", "rolled to Mon 2026-11-30", "Thanksgiving"} {
		if !strings.Contains(d.Basis, want) {
			t.Errorf("basis %q does not say %q", d.Basis, want)
		}
	}
}

// TestNoDeadlineBeforeItsEvent: an agreement has no review period, a
// pending issue with an open record no decision date, and a period from
// service none until the document is served.
func TestNoDeadlineBeforeItsEvent(t *testing.T) {
	c := &practice.Case{ID: "c", Appointment: practice.Appointment{Authority: practice.AuthorityBinding}}
	p := &practice.Practice{Cases: []*practice.Case{c}}
	b := deadline.New(p, nil)
	pending := &practice.Issue{Case: c, Number: 1}
	agreed := &practice.Issue{Case: c, Number: 2, Outcome: &practice.Outcome{Kind: practice.OutcomeAgreement, On: practice.MustDate("2026-03-02"), ServedOn: practice.MustDate("2026-03-03")}}
	unserved := &practice.Issue{Case: c, Number: 3, Outcome: &practice.Outcome{Kind: practice.OutcomeDetermination, On: practice.MustDate("2026-03-02")}}
	if _, ok := b.DecisionDue(pending); ok {
		t.Error("decision due while the record is open")
	}
	if _, ok := b.Review(agreed); ok {
		t.Error("review period for an agreement")
	}
	if _, ok := b.Review(unserved); ok {
		t.Error("generic review period counted before service")
	}
}

// TestEveryProfileEveryDay2026To2028: for each built-in profile, a
// determination served on every day of 2026-2028 has a review deadline,
// and a record closed that day a decision date, on a court day.
func TestEveryProfileEveryDay2026To2028(t *testing.T) {
	set, _ := jurisdiction.Load("")
	for _, code := range jurisdiction.BuiltinCodes() {
		c := &practice.Case{ID: "c", Jurisdiction: code, Appointment: practice.Appointment{Authority: practice.AuthorityBinding}}
		p := &practice.Practice{Cases: []*practice.Case{c}, Holidays: []practice.Date{practice.MustDate("2027-03-15")}}
		b := deadline.New(p, set)
		cal := b.Calendar(c)
		n := 0
		for d := practice.MustDate("2026-01-01"); d.Before(practice.MustDate("2029-01-01")); d = d.AddDays(1) {
			served := &practice.Issue{Case: c, Number: 1, Outcome: &practice.Outcome{
				Kind: practice.OutcomeDetermination, On: d, ServedOn: d, FiledOn: d}}
			pending := &practice.Issue{Case: c, Number: 2, Events: []practice.Event{{On: d, Kind: practice.EventRecordClosed}}}
			for _, f := range []func(*practice.Issue) (deadline.Deadline, bool){b.Review, b.Filing} {
				if dl, ok := f(served); ok {
					n++
					if !cal.CourtDay(dl.Date) {
						t.Fatalf("%s: %s from %s ends on %s, not a court day (%s)", code, dl.Kind, d, dl.Date, dl.Basis)
					}
				}
			}
			if dl, ok := b.DecisionDue(pending); !ok || !cal.CourtDay(dl.Date) {
				t.Fatalf("%s: decision due from %s: %v %s", code, d, ok, dl.Basis)
			}
		}
		if n < 1096 {
			t.Errorf("%s: only %d review and filing deadlines over three years", code, n)
		}
	}
}

// TestTermEndFollowsTheLifecycle: the case's own deadline is the end of
// the appointment as the calendar feed gives it: the order's term, the term
// as extended, or the day of a termination.
func TestTermEndFollowsTheLifecycle(t *testing.T) {
	d := practice.MustDate
	for _, tc := range []struct {
		name string
		a    practice.Appointment
		want string
		rule string
	}{
		{"order", practice.Appointment{TermEnds: d("2027-01-31")}, "2027-01-31", "appointment.term_ends"},
		{"extended", practice.Appointment{TermEnds: d("2027-01-31"),
			Extensions: []practice.Extension{{On: d("2026-12-01"), TermEnds: d("2027-07-31")}}}, "2027-07-31", "appointment.extensions"},
		{"terminated", practice.Appointment{TermEnds: d("2027-01-31"),
			Terminated: &practice.Termination{On: d("2026-11-06"), Reason: "stipulated"}}, "2026-11-06", "appointment.terminated"},
	} {
		p := &practice.Practice{}
		c := &practice.Case{ID: "c", Appointment: tc.a}
		p.Cases = []*practice.Case{c}
		set, _ := jurisdiction.Load("") // the built-in profiles
		got := deadline.New(p, set).Case(c)
		if len(got) != 1 || got[0].Date.String() != tc.want || got[0].Rule != tc.rule {
			t.Errorf("%s: got %+v, want %s by %s", tc.name, got, tc.want, tc.rule)
		}
	}
}
