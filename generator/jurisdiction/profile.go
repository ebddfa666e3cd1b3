package jurisdiction

import (
	"fmt"
	"regexp"
	"strings"

	"pcdocket/generator/practice"
)

// Counting says which days a period counts.
type Counting string

// Countings.
const (
	// CalendarDays counts every day; only the last day moves to the next
	// court day (FRCP 6(a)(1)).
	CalendarDays Counting = "calendar"
	// CourtDays counts only court days: no Saturday, Sunday or holiday.
	CourtDays Counting = "court"
)

// An Event is what a period is counted from.
type Event string

// Events.
const (
	Issuance Event = "issuance" // the date the decision is issued (signed)
	Service  Event = "service"  // the date it is served on the parties
	Filing   Event = "filing"   // the date it is filed with the court
	Receipt  Event = "receipt"  // the date a party receives it
)

// verb is the past participle a deadline's basis starts with: "served Fri ...".
func (e Event) verb() string {
	switch e {
	case Issuance:
		return "issued"
	case Service:
		return "served"
	case Filing:
		return "filed"
	case Receipt:
		return "received"
	}
	return "from"
}

// Source is where a value comes from. It is embedded in every part of a
// profile so that each value travels with its citation.
type Source struct {
	// Citation names the statute, rule or case the value comes from, e.g.
	// "C.R.S. § 14-10-128.3(4)(a)".
	Citation string `yaml:"citation"`
	// Unverified marks a value that could not be confirmed from the text of
	// the law; a practice should check it and may override it.
	Unverified bool `yaml:"unverified"`
	// Note explains an unclear or unverified value.
	Note string `yaml:"note"`
}

// A Provision is a sentence documents print, with its source. Text may hold
// placeholders in braces, filled by Fill: {days}, {deadline}, {from},
// {reviewer}, {filing}, {citation}.
type Provision struct {
	Text   string `yaml:"text"`
	Source `yaml:",inline"`
}

// Computation is the court's rule for computing periods.
type Computation struct {
	// ShortPeriod, when more than 0, makes a calendar-day period shorter than
	// this many days count court days only (e.g. N.C. R. Civ. P. 6(a):
	// "less than seven days").
	ShortPeriod int `yaml:"short_period"`
	Source      `yaml:",inline"`
}

// A ReviewRoute is how a party seeks review of a coordinator's decision.
type ReviewRoute struct {
	Reviewer string `yaml:"reviewer"` // who reviews: "the court"
	Filing   string `yaml:"filing"`   // what a party files: "a motion for a de novo hearing"
	// Days is the period; 0 means the practice's rules.objection_days.
	Days     int      `yaml:"days"`
	From     Event    `yaml:"from"`
	Counting Counting `yaml:"counting"`
	// Text is the sentence documents print about review.
	Text   string `yaml:"text"`
	Source `yaml:",inline"`
}

// Period returns the review period, taking practiceDays when the profile
// leaves the number of days to the practice.
func (r ReviewRoute) Period(practiceDays int) Period {
	return period(r.Days, practiceDays, r.From, r.Counting, r.Citation)
}

// A FilingDuty says whether and when the coordinator files documents with
// the court.
type FilingDuty struct {
	Required bool `yaml:"required"`
	// Days is the period; 0 means the practice's rules.filing_days.
	Days     int      `yaml:"days"`
	From     Event    `yaml:"from"`
	Counting Counting `yaml:"counting"`
	Text     string   `yaml:"text"`
	Source   `yaml:",inline"`
}

// Period returns the filing period, taking practiceDays when the profile
// leaves the number of days to the practice.
func (f FilingDuty) Period(practiceDays int) Period {
	return period(f.Days, practiceDays, f.From, f.Counting, f.Citation)
}

// period is the one rule of both: a profile's days of 0 leave the number of
// days to the practice's rules.
func period(days, practiceDays int, from Event, counting Counting, citation string) Period {
	if days == 0 {
		days = practiceDays
	}
	return Period{Days: days, From: from, Counting: counting, Citation: citation}
}

// An Adoption says whether a recommendation binds only once the court adopts it.
type Adoption struct {
	Required  bool `yaml:"required"`
	Provision `yaml:",inline"`
}

// An Incorporation says whether a parents' agreement is incorporated into a
// court order.
type Incorporation struct {
	Incorporated bool `yaml:"incorporated"`
	Provision    `yaml:",inline"`
}

// A Permission says whether something is allowed.
type Permission struct {
	Allowed   bool `yaml:"allowed"`
	Provision `yaml:",inline"`
}

// A Profile is one jurisdiction's rules for parenting-coordination documents.
type Profile struct {
	// Code is the profile's key: "generic", "CO", "OK", ...
	Code string `yaml:"-"`
	// File is where the profile was read from: "profiles/CO.yaml (built in)",
	// or the practice's override file.
	File string `yaml:"-"`

	Name    string `yaml:"name"`    // "Colorado"
	Summary string `yaml:"summary"` // one line for listings

	// Computation is the court rule that computes periods and moves a last
	// day that falls on a closed day to the next court day.
	Computation Computation `yaml:"computation"`
	// Review is how a party seeks review of a decision.
	Review ReviewRoute `yaml:"review"`
	// Effect is what a binding decision does while review is pending.
	Effect Provision `yaml:"effect"`
	// Recommendations says whether a recommendation needs the court's adoption.
	Recommendations Adoption `yaml:"recommendations"`
	// Filing is the duty to file documents with the court.
	Filing FilingDuty `yaml:"filing"`
	// FeeShifting warns of fees a party may be ordered to pay.
	FeeShifting Provision `yaml:"fee_shifting"`
	// Agreement says whether an agreement is incorporated into an order.
	Agreement Incorporation `yaml:"agreement"`
	// CopyToRepresentedParent says whether a parent who has counsel may
	// also receive a copy directly (service is on counsel).
	CopyToRepresentedParent Permission `yaml:"copy_to_represented_parent"`
	// Holidays are the court holidays, with the citation of each.
	Holidays []HolidayRule `yaml:"holidays"`
}

// A Period is a number of days counted from an event, with the rule that
// sets it.
type Period struct {
	Days     int
	From     Event
	Counting Counting
	Citation string
}

var placeholderRE = regexp.MustCompile(`\{([a-z_]+)\}`)

// Placeholders are the names Fill replaces in profile texts.
var Placeholders = []string{"days", "deadline", "from", "reviewer", "filing", "citation"}

// Fill replaces each {name} in text with vars[name]; unknown names are left
// as they are, so that a missing value shows in the document rather than
// vanishing.
func Fill(text string, vars map[string]string) string {
	return placeholderRE.ReplaceAllStringFunc(text, func(m string) string {
		if v, ok := vars[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

// ReviewVars returns the values Fill needs for the profile's review text,
// given the computed review deadline.
func (p *Profile) ReviewVars(d Deadline, days int) map[string]string {
	return map[string]string{
		"days":     fmt.Sprint(days),
		"deadline": LongDate(d.Date),
		"from":     p.Review.From.phrase(),
		"reviewer": p.Review.Reviewer,
		"filing":   p.Review.Filing,
		"citation": p.Review.Citation,
	}
}

// phrase is how a text names the event: "service of this decision".
func (e Event) phrase() string {
	switch e {
	case Issuance:
		return "the date this decision was issued"
	case Service:
		return "service of this decision"
	case Filing:
		return "the filing of this decision with the court"
	case Receipt:
		return "receipt of this decision"
	}
	return string(e)
}

// LongDate formats a date with its weekday, as documents print deadlines:
// "Monday, November 30, 2026".
func LongDate(d practice.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("Monday, January 2, 2006")
}

// ShortDate formats a date with its abbreviated weekday, as a deadline's
// basis shows it: "Mon 2026-11-30".
func ShortDate(d practice.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("Mon 2006-01-02")
}

// citations lists every value of the profile that must carry a citation,
// by the key path a finding points at.
func (p *Profile) citations() []struct {
	path string
	src  Source
} {
	type entry = struct {
		path string
		src  Source
	}
	out := []entry{
		{"computation", p.Computation.Source},
		{"review", p.Review.Source},
		{"effect", p.Effect.Source},
		{"recommendations", p.Recommendations.Source},
		{"filing", p.Filing.Source},
		{"fee_shifting", p.FeeShifting.Source},
		{"agreement", p.Agreement.Source},
		{"copy_to_represented_parent", p.CopyToRepresentedParent.Source},
	}
	for i, h := range p.Holidays {
		out = append(out, entry{fmt.Sprintf("holidays[%d]", i), h.Source})
	}
	return out
}

// Unverified lists the key paths of values the profile marks unverified,
// for a check that wants to warn about them.
func (p *Profile) Unverified() []string {
	var out []string
	for _, c := range p.citations() {
		if c.src.Unverified {
			out = append(out, c.path)
		}
	}
	return out
}

func lowerCode(code string) string { return strings.ToLower(code) }
