package practice

import "strings"

// This file holds the parts of a case that make up the coordinator's week
// beyond the disputes: the appointment's lifecycle (conflict disclosure,
// extensions, termination) and the communications and session log.

// Disclosure is the coordinator's conflict-of-interest disclosure owed
// under the appointment order (some statutes require it within days of
// appointment).
type Disclosure struct {
	Due   Date `pc:"due"`   // the day it must be filed; zero when the order sets none
	Filed Date `pc:"filed"` // the day it was filed; zero while it is owed
}

// Owed reports whether a disclosure is due and not yet filed.
func (d Disclosure) Owed() bool { return !d.Due.IsZero() && d.Filed.IsZero() }

// Extension is an order that reappoints the coordinator or extends the
// term: appointment.extensions in case.md, oldest first.
type Extension struct {
	On       Date   `pc:"on,required"`        // the day of the order
	TermEnds Date   `pc:"term_ends,required"` // the new last day of the term
	OrderRef string `pc:"order_ref"`
}

// Termination ends the appointment before, or at, its term:
// appointment.terminated in case.md.
type Termination struct {
	On     Date   `pc:"on,required"`
	Reason string `pc:"reason,required"`
}

// LogFile is the name of a case's communications and session log in its
// folder: content/cases/<id>/log.txt.
const LogFile = "log.txt"

// CommLog is a case's record of every contact with the family, and of the
// sessions and hearings scheduled: content/cases/<id>/log.txt. N.C.G.S.
// 50-98 and most appointment orders require the coordinator to keep one.
type CommLog struct {
	File    string // relative to the practice folder
	Entries []LogEntry
}

// Log entry modes.
const (
	LogSession = "session"
	LogCall    = "call"
	LogEmail   = "email"
	LogMeeting = "meeting"
	LogCourt   = "court" // a hearing or other appearance before the court
)

// LogModes lists the modes of a log entry, for validation and suggestions.
var LogModes = []string{LogSession, LogCall, LogEmail, LogMeeting, LogCourt}

// LogEntry is one contact, or one scheduled session or hearing.
type LogEntry struct {
	Line int
	Date Date
	// Clock is the time of day in minutes after midnight, in the
	// practice's time zone; -1 when the entry gives none.
	Clock int
	Mode  string // one of LogModes
	// Minutes is the duration; 0 when the entry gives none.
	Minutes int
	// With names who took part: party keys (parent_a, parent_b), a
	// parent's label, "counsel", or free words such as "school".
	With []string
	// Outside are the words of With that name someone outside the case
	// (written @"school counselor"), which check does not resolve.
	Outside []string
	// Issue is the issue the contact was about, 0 for none.
	Issue int
	// IssueCase is the case id the line wrote before the issue number
	// (2026-fam-0142-nunez-ward#3, as practice.Issue.ID writes it); ""
	// when it wrote #3 alone. check reports an id other than the case's.
	IssueCase string
	// Private keeps the entry off anything a parent receives.
	Private bool
	// Scheduled marks a session or hearing that is planned, not held: it
	// feeds the calendar and the week's view, never the fee ledger.
	Scheduled bool
	// Bill makes the entry a time entry of the case's fee ledger, so that
	// the time is typed once: see Activity and package fees.
	Bill    bool
	Summary string
}

// Activity returns the fee ledger's activity (one of Activities) a billed
// entry of the mode is priced as: a meeting is priced as a session.
func (e *LogEntry) Activity() string {
	if e.Mode == LogMeeting {
		return LogSession
	}
	return e.Mode
}

// About reports whether the entry is about issue n of its case.
func (e *LogEntry) About(n int) bool { return n != 0 && e.Issue == n }

// Outsider reports whether w, a word of With, names someone outside the
// case (Outside).
func (e *LogEntry) Outsider(w string) bool {
	for _, o := range e.Outside {
		if o == w {
			return true
		}
	}
	return false
}

// Pos returns the position of the entry in its log.
func (l *CommLog) Pos(e *LogEntry) Pos { return Pos{File: l.File, Line: e.Line} }

// TermEnd returns the last day of the appointment's term as extended: the
// latest extension's term_ends, else term_ends; zero when neither is set.
func (a Appointment) TermEnd() Date {
	end := a.TermEnds
	for _, x := range a.Extensions {
		if end.IsZero() || x.TermEnds.After(end) {
			end = x.TermEnds
		}
	}
	return end
}

// EndsOn returns the day the appointment ends: the termination's day when
// it was terminated, else TermEnd.
func (a Appointment) EndsOn() Date {
	if a.Terminated != nil {
		return a.Terminated.On
	}
	return a.TermEnd()
}

// People names who took part in an entry, in a phrase: parents by their
// label (else their name), counsel, children by their initials, anyone
// else as the log writes them: "both parents and counsel for the Father".
// The log's pages and the calendar feed both say it this way.
func (e *LogEntry) People(c *Case) string {
	names := make([]string, 0, len(e.With))
	for _, w := range e.With {
		names = append(names, c.person(w, e.Outsider(w)))
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// person names one word of an entry's With.
func (c *Case) person(w string, outside bool) string {
	if outside {
		return w
	}
	parent := func(key string) string {
		p := c.Party(key)
		if p.Label != "" {
			return p.Label
		}
		return p.Name
	}
	norm := strings.ToLower(strings.NewReplacer(".", "", " ", "", "-", "_").Replace(w))
	switch norm {
	case PartyA, PartyB:
		return parent(norm)
	case PartyBoth, "parents":
		return "both parents"
	case "children":
		return "the children"
	case "counsel":
		return "counsel"
	case "counsel_a":
		return "counsel for " + parent(PartyA)
	case "counsel_b":
		return "counsel for " + parent(PartyB)
	}
	for _, key := range []string{PartyA, PartyB} {
		if l := c.Party(key).Label; l != "" {
			ln := strings.ToLower(l)
			switch norm {
			case ln:
				return l
			case ln + "_counsel", ln + "'s_counsel":
				return "counsel for " + l
			}
		}
	}
	for _, ch := range c.Children {
		if strings.EqualFold(strings.NewReplacer(".", "", " ", "").Replace(ch.Initials), norm) {
			return ch.Initials
		}
	}
	return w
}
