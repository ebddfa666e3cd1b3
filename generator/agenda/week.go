package agenda

import (
	"slices"

	"pcdocket/generator/practice"
)

// The spans of the week's view, in days from the reference date.
const (
	// WeekDays is how far ahead "this week" looks: items dated from the
	// reference date to WeekDays days after it, both included.
	WeekDays = 7
	// TermDays is how far ahead the week's view warns of an appointment's
	// end: time enough to seek a reappointment.
	TermDays = 60
	// QuietDays is how long a case may go without a logged contact before
	// the week's view lists it.
	QuietDays = 30
)

// Week is what the coordinator must see this week, as of one day. Each
// list is in the order of its items' dates.
type Week struct {
	AsOf practice.Date
	// Due are the decisions, filings and conflict disclosures overdue or
	// due within WeekDays days.
	Due []Item
	// ReviewOpen are the review windows open on AsOf: opened on or before
	// it, closing on or after it (the item's Date is the last day).
	ReviewOpen []Item
	// Adoption are the recommendations filed and not yet adopted.
	Adoption []Item
	// Filings are the documents owed to the court, whatever their date.
	Filings []Item
	// TermsEnding are the appointments of active cases that end within
	// TermDays days.
	TermsEnding []Item
	// Sessions are the sessions and hearings scheduled within WeekDays
	// days.
	Sessions []Item
	// Quiet are the active cases with no contact logged for QuietDays
	// days, longest silence first.
	Quiet []Quiet
}

// Quiet is a case with no recent contact.
type Quiet struct {
	Case *practice.Case
	// Last is the day of the latest contact logged on or before the
	// reference date (a log entry not scheduled), zero when none is.
	Last practice.Date
	// Since is the day the silence is counted from: Last, or, for a case
	// with no contact logged, the appointment's order date: a new case is
	// not quiet before its first QuietDays days, and an old case with no
	// log at all is listed, since the log is what the order requires.
	Since practice.Date
	Days  int // days from Since to the reference date
}

// Empty reports whether nothing needs the coordinator this week.
func (w *Week) Empty() bool {
	return len(w.Due)+len(w.ReviewOpen)+len(w.Adoption)+len(w.Filings)+len(w.TermsEnding)+len(w.Sessions)+len(w.Quiet) == 0
}

// NewWeek sorts the items of every case into the week's lists as of asOf:
// items[i] are the items of cases[i], as Case returns them.
func NewWeek(cases []*practice.Case, items [][]Item, asOf practice.Date) *Week {
	w := &Week{AsOf: asOf}
	week, term := asOf.AddDays(WeekDays), asOf.AddDays(TermDays)
	for i, c := range cases {
		for _, it := range items[i] {
			switch it.Kind {
			case DecisionDue, Disclosure:
				if !it.Date.After(week) {
					w.Due = append(w.Due, it)
				}
			case Filing:
				if !it.Date.After(week) {
					w.Due = append(w.Due, it)
				}
				w.Filings = append(w.Filings, it)
			case Review:
				if !it.Opened.After(asOf) && !it.Date.Before(asOf) {
					w.ReviewOpen = append(w.ReviewOpen, it)
				}
			case Adoption:
				w.Adoption = append(w.Adoption, it)
			case TermEnds:
				if active(it.Case) && !it.Date.Before(asOf) && !it.Date.After(term) {
					w.TermsEnding = append(w.TermsEnding, it)
				}
			case Session, Hearing:
				if !it.Date.Before(asOf) && !it.Date.After(week) {
					w.Sessions = append(w.Sessions, it)
				}
			}
		}
		if q, ok := quiet(c, asOf); ok {
			w.Quiet = append(w.Quiet, q)
		}
	}
	for _, l := range []*[]Item{&w.Due, &w.ReviewOpen, &w.Adoption, &w.Filings, &w.TermsEnding, &w.Sessions} {
		Sort(*l)
	}
	slices.SortStableFunc(w.Quiet, func(a, b Quiet) int { return b.Days - a.Days })
	return w
}

// active reports whether the case is active and its appointment not
// terminated.
func active(c *practice.Case) bool {
	return (c.Status == "" || c.Status == practice.StatusActive) && c.Appointment.Terminated == nil
}

// quiet reports whether active case c has had no contact logged for
// QuietDays days as of asOf; see the type Quiet.
func quiet(c *practice.Case, asOf practice.Date) (Quiet, bool) {
	if !active(c) {
		return Quiet{}, false
	}
	if end := c.Appointment.EndsOn(); !end.IsZero() && end.Before(asOf) {
		return Quiet{}, false // the appointment has ended
	}
	q := Quiet{Case: c, Last: LastContact(c, asOf)}
	q.Since = q.Last
	if q.Since.IsZero() {
		q.Since = c.Appointment.OrderDate
	}
	if q.Since.IsZero() {
		return Quiet{}, false
	}
	q.Days = q.Since.DaysUntil(asOf)
	if q.Days < QuietDays {
		return Quiet{}, false
	}
	return q, true
}

// LastContact returns the day of the latest contact logged in case c on or
// before asOf: the latest log entry that is not scheduled. It is zero when
// there is none.
func LastContact(c *practice.Case, asOf practice.Date) practice.Date {
	var last practice.Date
	if c.Log == nil {
		return last
	}
	for i := range c.Log.Entries {
		e := &c.Log.Entries[i]
		if !e.Scheduled && !e.Date.After(asOf) && e.Date.After(last) {
			last = e.Date
		}
	}
	return last
}
