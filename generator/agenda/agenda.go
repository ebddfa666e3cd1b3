// Package agenda lists the dated items of a practice: what falls due (a
// decision, the end of a review window, a filing, the end of an appointment's
// term, a conflict disclosure), what waits on the court (a recommendation
// awaiting adoption), and the sessions and hearings scheduled in the cases'
// logs. It is the one source of the calendar feeds and of the docket's
// "This week": the two cannot disagree about a date.
//
// The dates of issues come from package deadline (court days, holidays);
// those of the appointment and the log from the model as the case files
// give them.
package agenda

import (
	"fmt"
	"slices"
	"strings"

	"pcdocket/generator/deadline"
	"pcdocket/generator/practice"
)

// A Kind is what an item is.
type Kind string

// Kinds. The first three are package deadline's, by the same names.
const (
	DecisionDue Kind = Kind(deadline.DecisionDue) // a pending issue's determination is due
	Review      Kind = Kind(deadline.Review)      // the last day to seek review of a determination or recommendation
	Filing      Kind = Kind(deadline.Filing)      // the last day to file it with the court, while it is not filed
	// Adoption is a recommendation filed with the court and not yet
	// adopted, dated the day it was filed.
	Adoption Kind = "awaiting-adoption"
	// TermEnds is the last day of the appointment: its term as extended, or
	// the day it was terminated.
	TermEnds Kind = "term-ends"
	// Disclosure is the conflict disclosure's due date, while it is owed.
	Disclosure Kind = "disclosure-due"
	// Session and Hearing are scheduled log entries: a hearing is one of
	// mode court, a session any other mode.
	Session Kind = "session"
	Hearing Kind = "hearing"
)

var kindOrder = map[Kind]int{TermEnds: 0, Disclosure: 1, Hearing: 2, Session: 3, DecisionDue: 4, Review: 5, Filing: 6, Adoption: 7}

// Describe is the kind in words, for people: "decision due", "review
// window closes", ...
func (k Kind) Describe() string {
	switch k {
	case Review:
		return "review window closes"
	case Filing:
		return "filing due"
	case Adoption:
		return "awaiting adoption"
	case Disclosure:
		return "conflict disclosure due"
	}
	return strings.ReplaceAll(string(k), "-", " ")
}

// Item is one dated item.
type Item struct {
	Case  *practice.Case
	Issue *practice.Issue // nil for an item of the case itself
	Kind  Kind
	Date  practice.Date // the day it falls on, in the practice's time zone
	// Clock is the time of day in minutes after midnight, -1 for an
	// all-day item; Minutes the duration, 0 when not known. Only sessions
	// and hearings have them.
	Clock, Minutes int
	// Opened is the day a review window opened (the outcome's issuance or
	// service); zero for the other kinds.
	Opened practice.Date
	// Key names the item uniquely within its case and stays the same
	// while the item does: "decision-due/3", "term-ends",
	// "hearing/2026-12-04T09:30". A feed's UID is made from it.
	Key string
	// Title says what the item is in a line: "Decision due: issue 3,
	// Summer schedule".
	Title string
	// Detail says how the date came about ("record closed Mon 2026-11-23
	// + 10 days ...") or, for a log entry, its summary and who takes part.
	Detail string
	// Href is the private site page of the item, from the site root:
	// the issue's page, or the case's.
	Href string
}

// Overdue reports whether the item's day is before asOf. It means
// something only for the kinds a coordinator must meet: DecisionDue,
// Filing, Disclosure.
func (it *Item) Overdue(asOf practice.Date) bool { return it.Date.Before(asOf) }

// Timed reports whether the item has a time of day.
func (it *Item) Timed() bool { return it.Clock >= 0 }

// Links gives the private site's page paths, from the site root.
type Links interface {
	CaseHref(c *practice.Case) string
	IssueHref(is *practice.Issue) string
}

// Deadlines returns an issue's deadlines, as deadline.Book.Issue does. The
// site passes the ones it computed already.
type Deadlines func(is *practice.Issue) []deadline.Deadline

// Case returns the items of case c, sorted by date, time of day, kind,
// issue and key.
func Case(c *practice.Case, dl Deadlines, links Links) []Item {
	var items []Item
	caseHref := links.CaseHref(c)
	add := func(it Item) {
		it.Case = c
		if it.Href == "" {
			it.Href = caseHref
		}
		if it.Kind != Session && it.Kind != Hearing {
			it.Clock = -1
		}
		items = append(items, it)
	}
	a := c.Appointment
	if end := a.EndsOn(); !end.IsZero() {
		it := Item{Kind: TermEnds, Date: end, Key: string(TermEnds), Title: "Appointment term ends"}
		switch {
		case a.Terminated != nil:
			it.Title = "Appointment terminated"
			it.Detail = "terminated " + end.Long() + ": " + a.Terminated.Reason
		case len(a.Extensions) > 0:
			x := a.Extensions[len(a.Extensions)-1]
			it.Detail = fmt.Sprintf("term extended on %s to %s (appointment.extensions)", x.On.Long(), a.TermEnd().Long())
		default:
			it.Detail = "the appointment order's term ends " + end.Long() + " (appointment.term_ends)"
		}
		add(it)
	}
	if d := a.ConflictDisclosure; d.Owed() {
		add(Item{Kind: Disclosure, Date: d.Due, Key: string(Disclosure), Title: "Conflict disclosure due",
			Detail: "not yet filed (appointment.conflict_disclosure)"})
	}
	for _, is := range c.Issues {
		href := links.IssueHref(is)
		for _, d := range dl(is) {
			it := Item{Issue: is, Date: d.Date, Href: href, Detail: d.Basis + " (" + d.Rule + ")"}
			switch d.Kind {
			case deadline.DecisionDue:
				it.Kind = DecisionDue
			case deadline.Review:
				it.Kind, it.Opened = Review, is.Outcome.On
				if !is.Outcome.ServedOn.IsZero() && is.Outcome.ServedOn.After(it.Opened) {
					it.Opened = is.Outcome.ServedOn
				}
			case deadline.Filing:
				if !is.Outcome.FiledOn.IsZero() {
					continue // filed: nothing owed
				}
				it.Kind = Filing
			default:
				continue
			}
			it.Key = fmt.Sprintf("%s/%d", it.Kind, is.Number)
			it.Title = fmt.Sprintf("%s: issue %d, %s", capital(it.Kind.Describe()), is.Number, is.Title)
			add(it)
		}
		if is.AwaitingAdoption() {
			add(Item{Issue: is, Kind: Adoption, Date: is.Outcome.FiledOn, Href: href,
				Key:    fmt.Sprintf("%s/%d", Adoption, is.Number),
				Title:  fmt.Sprintf("Recommendation %d filed, awaiting adoption: %s", is.Number, is.Title),
				Detail: "filed with the court " + is.Outcome.FiledOn.Long() + "; no adoption recorded (outcome.adopted_on)"})
		}
	}
	if c.Log != nil {
		seen := map[string]int{}
		for i := range c.Log.Entries {
			e := &c.Log.Entries[i]
			if !e.Scheduled || e.Date.IsZero() {
				continue
			}
			it := Item{Kind: Session, Date: e.Date, Clock: e.Clock, Minutes: e.Minutes}
			if e.Mode == practice.LogCourt {
				it.Kind = Hearing
			}
			it.Key = string(it.Kind) + "/" + e.Date.String()
			if e.Clock >= 0 {
				it.Key += fmt.Sprintf("T%02d:%02d", e.Clock/60, e.Clock%60)
			}
			// Two entries of one day and time are told apart by their
			// order in the log, the only thing left that tells them apart.
			if n := seen[it.Key]; n > 0 {
				seen[it.Key] = n + 1
				it.Key += fmt.Sprintf("-%d", n+1)
			} else {
				seen[it.Key] = 1
			}
			it.Title = sessionTitle(e)
			var detail []string
			if e.Summary != "" {
				detail = append(detail, e.Summary)
			}
			if len(e.With) > 0 {
				detail = append(detail, "with "+e.People(c))
			}
			if e.Issue != 0 {
				if is := c.Issue(e.Issue); is != nil {
					it.Issue, it.Href = is, links.IssueHref(is)
					it.Title += fmt.Sprintf(": issue %d, %s", is.Number, is.Title)
				}
			}
			it.Detail = strings.Join(detail, "; ")
			add(it)
		}
	}
	slices.SortStableFunc(items, compare)
	return items
}

func sessionTitle(e *practice.LogEntry) string {
	if e.Mode == practice.LogCourt {
		return "Hearing"
	}
	if e.Mode == "" || e.Mode == practice.LogSession {
		return "Session"
	}
	return "Scheduled " + e.Mode
}

// compare orders items by date, time of day (all-day first), kind, issue,
// key.
func compare(a, b Item) int {
	switch {
	case a.Date.Before(b.Date):
		return -1
	case a.Date.After(b.Date):
		return 1
	case a.Clock != b.Clock:
		return a.Clock - b.Clock
	case a.Kind != b.Kind:
		return kindOrder[a.Kind] - kindOrder[b.Kind]
	}
	if an, bn := number(a), number(b); an != bn {
		return an - bn
	}
	return strings.Compare(a.Key, b.Key)
}

// Sort sorts items of several cases as Case sorts one case's, then by case
// id.
func Sort(items []Item) {
	slices.SortStableFunc(items, func(a, b Item) int {
		if c := compare(a, b); c != 0 {
			return c
		}
		return strings.Compare(a.Case.ID, b.Case.ID)
	})
}

func number(it Item) int {
	if it.Issue == nil {
		return 0
	}
	return it.Issue.Number
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
