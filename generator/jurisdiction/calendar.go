package jurisdiction

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"pcdocket/generator/practice"
)

// A Calendar knows which days a profile's courts are open. It is safe for
// concurrent use.
type Calendar struct {
	p      *Profile
	extra  map[time.Time]bool
	byName map[string]*HolidayRule

	mu    sync.Mutex
	years map[int]map[time.Time]string // holidays by year, built on demand
}

// ExtraClosure is the name Holiday gives a date from the practice's own
// list of court closures (practice.yaml holidays:).
const ExtraClosure = "court closure (practice.yaml holidays)"

// Calendar returns the court-day calendar of the profile, with extra
// closure dates (practice.yaml holidays:) added to its holidays.
func (p *Profile) Calendar(extra []practice.Date) *Calendar {
	c := &Calendar{
		p:      p,
		extra:  map[time.Time]bool{},
		byName: map[string]*HolidayRule{},
		years:  map[int]map[time.Time]string{},
	}
	for _, d := range extra {
		if !d.IsZero() {
			c.extra[d.Time()] = true
		}
	}
	for i := range p.Holidays {
		c.byName[p.Holidays[i].Name] = &p.Holidays[i]
	}
	return c
}

// Holiday returns the name of the holiday or closure on d, if it is one.
// A weekend day that is itself a holiday (July 4 on a Saturday) is reported
// too; the observed weekday reads "Independence Day (observed)".
func (c *Calendar) Holiday(d practice.Date) (name string, ok bool) {
	t := d.Time()
	if c.extra[t] {
		return ExtraClosure, true
	}
	name, ok = c.year(t.Year())[t]
	return name, ok
}

// CourtDay reports whether the courts are open on d: not a Saturday, a
// Sunday, a holiday or an extra closure.
func (c *Calendar) CourtDay(d practice.Date) bool {
	switch d.Time().Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, closed := c.Holiday(d)
	return !closed
}

// Next returns d when it is a court day, else the next court day after it.
func (c *Calendar) Next(d practice.Date) practice.Date {
	for !c.CourtDay(d) {
		d = d.AddDays(1)
	}
	return d
}

// A Closure is a day the courts are closed other than a plain weekend.
type Closure struct {
	Date practice.Date
	Name string
}

// HolidaysIn lists the holidays and extra closures that fall in year y, in
// date order, observed days included ("Independence Day (observed)").
func (c *Calendar) HolidaysIn(y int) []Closure {
	var out []Closure
	for t, name := range c.year(y) {
		out = append(out, Closure{practice.DateOf(t), name})
	}
	for t := range c.extra {
		if t.Year() == y {
			out = append(out, Closure{practice.DateOf(t), ExtraClosure})
		}
	}
	slices.SortFunc(out, func(a, b Closure) int {
		if c := a.Date.Time().Compare(b.Date.Time()); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

func (c *Calendar) year(y int) map[time.Time]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.years[y]; ok {
		return m
	}
	m := map[time.Time]string{}
	for i := range c.p.Holidays {
		for t, name := range c.p.Holidays[i].occurrences(y, c.byName) {
			if prev, ok := m[t]; ok && prev != name {
				name = prev + "; " + name
			}
			m[t] = name
		}
	}
	c.years[y] = m
	return m
}

// A Deadline is a computed last day, with how it was computed.
type Deadline struct {
	Date practice.Date // the last day: always a court day
	// Rule cites the period's source and, when the date was moved, the
	// court rule that moved it.
	Rule string
	// Basis is the computation in words, e.g. "served Fri 2026-11-20 + 10
	// days = Mon 2026-11-30", or when moved "... = Sun 2026-11-29, rolled to
	// Mon 2026-11-30 (weekend)".
	Basis string
	// Rolled reports whether the period's last day was not a court day and
	// the deadline moved to the next one.
	Rolled bool
}

// Add counts days from the date from and returns the deadline, moved to the
// next court day when it falls on a closed day. Counting CourtDays counts
// only court days; CalendarDays counts every day, except that a period
// shorter than the profile's computation.short_period counts court days.
// The basis names no event ("+ 10 days"); use Deadline for that.
func (c *Calendar) Add(from practice.Date, days int, counting Counting) Deadline {
	return c.Deadline(from, Period{Days: days, Counting: counting})
}

// Deadline computes the last day of period p that starts on start (the day
// of the event is not counted, FRCP 6(a)(1)(A) and its analogs).
func (c *Calendar) Deadline(start practice.Date, p Period) Deadline {
	var b strings.Builder
	if p.From != "" {
		fmt.Fprintf(&b, "%s %s", p.From.verb(), ShortDate(start))
	} else {
		b.WriteString(ShortDate(start))
	}
	counting := p.Counting
	short := c.p.Computation.ShortPeriod
	if counting != CourtDays && short > 0 && p.Days < short {
		counting = CourtDays
	}
	unit := "days"
	if p.Days == 1 {
		unit = "day"
	}
	if counting == CourtDays {
		unit = "court " + unit
	}
	fmt.Fprintf(&b, " + %d %s", p.Days, unit)
	if counting == CourtDays && p.Counting != CourtDays {
		fmt.Fprintf(&b, " (periods under %d days count court days only)", short)
	}

	d := start
	if counting == CourtDays {
		for n := 0; n < p.Days; {
			d = d.AddDays(1)
			if c.CourtDay(d) {
				n++
			}
		}
	} else {
		d = start.AddDays(p.Days)
	}
	fmt.Fprintf(&b, " = %s", ShortDate(d))

	dl := Deadline{Date: d, Rule: p.Citation}
	cite := func() {
		if rc := c.p.Computation.Citation; rc != "" && !strings.Contains(dl.Rule, rc) {
			if dl.Rule != "" {
				dl.Rule += "; "
			}
			dl.Rule += rc
		}
	}
	if counting != p.Counting && p.Counting != CourtDays {
		cite() // the court's rule turned calendar days into court days
	}
	if !c.CourtDay(d) {
		var reasons []string
		weekend := false
		// A weekend day is named as the weekend even when a holiday falls on
		// it (July 4 on a Saturday): the holiday's observed weekday, if any,
		// is the day that needs naming.
		for e := d; !c.CourtDay(e); e = e.AddDays(1) {
			switch e.Time().Weekday() {
			case time.Saturday, time.Sunday:
				if !weekend {
					reasons = appendOnce(reasons, "weekend")
					weekend = true
				}
				continue
			}
			name, _ := c.Holiday(e)
			reasons = appendOnce(reasons, name)
		}
		dl.Date = c.Next(d)
		dl.Rolled = true
		fmt.Fprintf(&b, ", rolled to %s (%s)", ShortDate(dl.Date), strings.Join(reasons, "; "))
		cite()
	}
	dl.Basis = b.String()
	return dl
}

func appendOnce(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}
