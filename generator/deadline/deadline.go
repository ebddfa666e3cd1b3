// Package deadline computes every date a practice must meet: when a
// determination is due, the last day to seek review of one, the day it must
// be filed with the court, and when an appointment ends. Each is counted on
// its case's court-day calendar (package jurisdiction), so a period that
// ends on a weekend or a court holiday ends on the next court day, and each
// says the rule it comes from and how it was computed.
//
// The docket, the documents, check's overdue warnings and `pcdocket
// deadlines` all read their dates from a Book, so that they can never
// disagree.
package deadline

import (
	"sort"
	"strings"

	"pcdocket/generator/jurisdiction"
	"pcdocket/generator/practice"
)

// A Kind is what a deadline is for.
type Kind string

// Kinds, in the order a case meets them.
const (
	// DecisionDue is the day a determination is due: the record's closing
	// plus the decision days.
	DecisionDue Kind = "decision-due"
	// Review is the last day a party may seek review of a determination or
	// recommendation, by the route the jurisdiction names.
	Review Kind = "review"
	// Filing is the last day to file the document with the court.
	Filing Kind = "filing"
	// TermEnds is the last day of the coordinator's appointment.
	TermEnds Kind = "term-ends"
)

var kindOrder = map[Kind]int{DecisionDue: 0, Review: 1, Filing: 2, TermEnds: 3}

// A Deadline is one computed date of a case or an issue.
type Deadline struct {
	Case  string        // the case id
	Issue int           // the issue number; 0 for a date of the case itself
	Kind  Kind          // what the date is for
	Date  practice.Date // the last day, always a court day where computed
	Rule  string        // the citation the period comes from
	Basis string        // the computation in words
}

// A Book computes the deadlines of one practice. It caches one calendar per
// jurisdiction and is safe for concurrent use once made.
type Book struct {
	p    *practice.Practice
	set  *jurisdiction.Set
	cals map[string]*jurisdiction.Calendar
}

// New returns the deadline book of p under the profiles of set (from
// jurisdiction.Load). A case naming a profile the set lacks, which check
// reports, is counted under the generic profile; a nil set means the
// built-in profiles.
func New(p *practice.Practice, set *jurisdiction.Set) *Book {
	b := &Book{p: p, set: set, cals: map[string]*jurisdiction.Calendar{}}
	if set == nil {
		set, _ = jurisdiction.Load("")
	}
	b.set = set
	codes := []string{p.JurisdictionCode()}
	for _, c := range p.Cases {
		if c != nil { // a partly decoded practice (see check.Practice)
			codes = append(codes, c.JurisdictionCode(p))
		}
	}
	for _, code := range codes {
		prof := b.profile(code)
		if _, ok := b.cals[prof.Code]; !ok {
			b.cals[prof.Code] = prof.Calendar(p.Holidays)
		}
	}
	return b
}

func (b *Book) profile(code string) *jurisdiction.Profile {
	if prof, ok := b.set.Profile(code); ok {
		return prof
	}
	if prof, ok := b.set.Profile(jurisdiction.Generic); ok {
		return prof
	}
	// A practice's generic override with errors leaves the set without
	// one; check reports it, and the built-in one stands in.
	builtin, _ := jurisdiction.Load("")
	prof, _ := builtin.Profile(jurisdiction.Generic)
	return prof
}

// Profile returns the jurisdiction profile that governs case c.
func (b *Book) Profile(c *practice.Case) *jurisdiction.Profile {
	return b.profile(c.JurisdictionCode(b.p))
}

// Calendar returns the court-day calendar of case c: its profile's
// holidays and the practice's own closures.
func (b *Book) Calendar(c *practice.Case) *jurisdiction.Calendar {
	prof := b.Profile(c)
	if cal, ok := b.cals[prof.Code]; ok {
		return cal
	}
	return prof.Calendar(b.p.Holidays) // a case added after New
}

// DecisionDue returns the day a determination of a pending issue is due:
// the record's closing plus the decision days, on the court-day calendar.
// ok is false while the record is open or once the issue is decided.
func (b *Book) DecisionDue(is *practice.Issue) (d Deadline, ok bool) {
	rc := is.RecordClosed()
	if rc.IsZero() || !is.Pending() {
		return d, false
	}
	days := is.Case.Deadlines(b.p).DecisionDays
	dl := b.Calendar(is.Case).Deadline(rc, jurisdiction.Period{
		Days:     days,
		Counting: jurisdiction.CalendarDays,
		Citation: "rules.decision_days",
	})
	return b.make(is, DecisionDue, dl, "record closed "), true
}

// Review returns the last day to seek review of the issue's determination
// or recommendation, counted as its profile says from issuance, service,
// filing or receipt. ok is false for an agreement, a pending issue, or
// while the event the period runs from has not happened.
func (b *Book) Review(is *practice.Issue) (d Deadline, ok bool) {
	if k := is.DocumentKind(); k != "determination" && k != "recommendation" {
		return d, false
	}
	prof := b.Profile(is.Case)
	period := prof.Review.Period(is.Case.Deadlines(b.p).ObjectionDays)
	return b.period(is, Review, period)
}

// Filing returns the last day to file the issue's determination or
// recommendation with the court, when the profile requires filing or the
// practice sets filing days. ok is false when neither does, for an
// agreement, or before the period's event.
func (b *Book) Filing(is *practice.Issue) (d Deadline, ok bool) {
	// The statutes that require filing speak of the coordinator's
	// decisions and recommendations (e.g. C.R.S. § 14-10-128.3(3)); a
	// memorandum of agreement is the parents' to submit.
	if k := is.DocumentKind(); k != "determination" && k != "recommendation" {
		return d, false
	}
	prof := b.Profile(is.Case)
	practiceDays := is.Case.Deadlines(b.p).FilingDays
	if !prof.Filing.Required && practiceDays == 0 {
		return d, false
	}
	period := prof.Filing.Period(practiceDays)
	if period.Days == 0 {
		return d, false
	}
	return b.period(is, Filing, period)
}

// period computes a period of an issue's outcome from the event it runs
// from.
func (b *Book) period(is *practice.Issue, kind Kind, p jurisdiction.Period) (d Deadline, ok bool) {
	o := is.Outcome
	var start practice.Date
	switch p.From {
	case jurisdiction.Issuance:
		start = o.On
	case jurisdiction.Filing:
		start = o.FiledOn
	default: // service, receipt (service is the day a party receives it when served by hand or email)
		start = o.ServedOn
	}
	if start.IsZero() {
		return d, false
	}
	return b.make(is, kind, b.Calendar(is.Case).Deadline(start, p), ""), true
}

func (b *Book) make(is *practice.Issue, kind Kind, dl jurisdiction.Deadline, prefix string) Deadline {
	return Deadline{Case: is.Case.ID, Issue: is.Number, Kind: kind, Date: dl.Date, Rule: dl.Rule, Basis: prefix + dl.Basis}
}

// Issue returns the deadlines of one issue, in kind order.
func (b *Book) Issue(is *practice.Issue) []Deadline {
	var out []Deadline
	for _, f := range []func(*practice.Issue) (Deadline, bool){b.DecisionDue, b.Review, b.Filing} {
		if d, ok := f(is); ok {
			out = append(out, d)
		}
	}
	return out
}

// Case returns the dates of case c itself: the end of the appointment,
// when the order sets one: the term as extended (appointment.extensions),
// or the day of a termination, the same day the calendar feed gives. The
// term is a date of the order, not a period, so it is not moved off a
// weekend.
func (b *Book) Case(c *practice.Case) []Deadline {
	a := c.Appointment
	te := a.EndsOn()
	if te.IsZero() {
		return nil
	}
	d := Deadline{
		Case:  c.ID,
		Kind:  TermEnds,
		Date:  te,
		Rule:  "appointment.term_ends",
		Basis: "the appointment order's term ends " + jurisdiction.ShortDate(te),
	}
	switch {
	case a.Terminated != nil:
		d.Rule, d.Basis = "appointment.terminated", "the appointment was terminated on "+jurisdiction.ShortDate(te)
	case a.TermEnd() != a.TermEnds:
		d.Rule, d.Basis = "appointment.extensions", "the term as extended ends "+jurisdiction.ShortDate(te)
	}
	return []Deadline{d}
}

// All returns every deadline of the practice, by case, then issue (case
// dates first), then kind.
func (b *Book) All() []Deadline {
	var out []Deadline
	for _, c := range b.p.Cases {
		if c == nil {
			continue
		}
		out = append(out, b.Case(c)...)
		for _, is := range c.Issues {
			out = append(out, b.Issue(is)...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, c := out[i], out[j]
		if a.Case != c.Case {
			return a.Case < c.Case
		}
		if a.Issue != c.Issue {
			return a.Issue < c.Issue
		}
		return kindOrder[a.Kind] < kindOrder[c.Kind]
	})
	return out
}

// Describe is the deadline's kind in words, for people: "review",
// "decision due", "filing", "term ends".
func (k Kind) Describe() string { return strings.ReplaceAll(string(k), "-", " ") }

// Practice returns the practice the book computes the deadlines of.
func (b *Book) Practice() *practice.Practice { return b.p }
