package practice

import (
	"fmt"
	"time"
)

// A Date is a calendar day with no time of day or zone, as case files write
// them (YYYY-MM-DD). The zero Date means "not given".
type Date struct {
	t time.Time // always midnight UTC; zero when unset
}

// DateLayout is the only date form case files accept.
const DateLayout = "2006-01-02"

// ParseDate reads a YYYY-MM-DD date.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("bad date %q: write it as YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// MustDate is ParseDate for literals in tests; it panics on a bad date.
// No code outside tests calls it: it stays exported because the tests of
// other packages (fees, watch) write their fixtures' dates with it, and a
// _test.go file cannot export to them.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return d.t }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date {
	if d.IsZero() {
		return d
	}
	return Date{d.t.AddDate(0, 0, n)}
}

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is strictly later than e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// DaysUntil returns the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.t.Sub(d.t).Hours() / 24)
}

// String formats the date as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(DateLayout)
}

// Long formats the date for documents: "March 4, 2026".
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("January 2, 2006")
}
