package practice

import (
	"fmt"
	"time"
)

// A Date is a calendar day with no time of day or zone, as case files write
// them (YYYY-MM-DD). The zero Date means "not given".
//
// Memory: a day number, not a time.Time. A practice holds a dozen dates
// for each issue (its events, its outcome, its deadlines); as time.Time
// they were 24 bytes each with a pointer the collector scans, 16 MB at
// 50,000 issues in the model and the views.
type Date struct {
	n int32 // days since 1970-01-01, plus epochDay; 0 when unset
}

// epochDay is Date.n of 1970-01-01: large enough that every day of the
// years 0000 to 9999, all that YYYY-MM-DD can write, has a positive n.
const epochDay = 1 << 24

// dateOfTime returns the Date of t, midnight UTC of a day.
func dateOfTime(t time.Time) Date {
	return Date{int32(t.Unix()/86400) + epochDay}
}

// DateLayout is the only date form case files accept.
const DateLayout = "2006-01-02"

// ParseDate reads a YYYY-MM-DD date.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("bad date %q: write it as YYYY-MM-DD", s)
	}
	return dateOfTime(t), nil
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
	return dateOfTime(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.n == 0 }

// Time returns midnight UTC of the day, or the zero time for the zero date.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return time.Unix(int64(d.n-epochDay)*86400, 0).UTC()
}

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date {
	if d.IsZero() {
		return d
	}
	return Date{d.n + int32(n)}
}

// Before reports whether d is strictly earlier than e. The zero date is
// earlier than every other, as the zero time.Time is.
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reports whether d is strictly later than e.
func (d Date) After(e Date) bool { return d.n > e.n }

// DaysUntil returns the number of days from d to e (negative when e is
// earlier).
func (d Date) DaysUntil(e Date) int {
	if d.IsZero() || e.IsZero() {
		return int(e.Time().Sub(d.Time()).Hours() / 24)
	}
	return int(e.n - d.n)
}

// String formats the date as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(DateLayout)
}

// Long formats the date for documents: "March 4, 2026".
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("January 2, 2006")
}
