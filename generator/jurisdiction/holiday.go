package jurisdiction

import (
	"fmt"
	"strings"
	"time"

	"pcdocket/generator/practice"
)

// A HolidayRule says when one court holiday falls. Exactly one of these
// forms is used:
//
//   - date: "07-04": a fixed month and day, moved by Observed when it falls
//     on a weekend;
//   - month, weekday, week: the nth weekday of a month ("third Monday in
//     January": month: january, weekday: monday, week: third; week: last
//     for the last one);
//   - after, days: a number of days after another rule of the profile ("the
//     day after Thanksgiving": after: Thanksgiving Day, days: 1);
//   - easter: days from Western Easter Sunday (Good Friday: easter: -2);
//   - dates: a list of single dates (closures a court announces each year).
type HolidayRule struct {
	Name string `yaml:"name"`

	Date     string `yaml:"date"`     // "MM-DD"
	Observed string `yaml:"observed"` // for date: see Observance; default "nearest"

	Month   string `yaml:"month"`   // january .. december
	Weekday string `yaml:"weekday"` // monday .. sunday
	Week    string `yaml:"week"`    // first, second, third, fourth, fifth, last

	After string `yaml:"after"` // name of another rule
	Days  int    `yaml:"days"`  // days after it (may be negative)

	Easter *int `yaml:"easter"` // days from Easter Sunday

	Dates []string `yaml:"dates"` // YYYY-MM-DD

	Since int `yaml:"since"` // first year the rule applies; 0: always
	Until int `yaml:"until"` // last year the rule applies; 0: no end

	// Remove, in a practice's override file, drops the built-in rule of the
	// same name.
	Remove bool `yaml:"remove"`

	Source `yaml:",inline"`

	pos practice.Pos // where the rule was written
	r   rule         // the compiled rule
}

// Observance says to which day a fixed-date holiday that falls on a weekend moves.
type Observance string

// Observances.
const (
	// Nearest moves a Saturday holiday to the Friday before and a Sunday
	// holiday to the Monday after (5 U.S.C. § 6103(b); most states).
	Nearest Observance = "nearest"
	// SundayToMonday moves only a Sunday holiday, to Monday; a Saturday
	// holiday is not observed on a weekday.
	SundayToMonday Observance = "sunday-monday"
	// Monday moves a Saturday or Sunday holiday to the following Monday.
	Monday Observance = "monday"
	// NotMoved keeps the holiday on its date.
	NotMoved Observance = "none"
)

// Observances lists the accepted values of observed.
var Observances = []string{string(Nearest), string(SundayToMonday), string(Monday), string(NotMoved)}

// rule is a compiled HolidayRule: on returns the holiday's (unmoved) date in
// a year and whether it has one, and observed moves it.
type rule struct {
	on       func(year int, byName map[string]*HolidayRule) (time.Time, bool)
	observed Observance
	dates    []time.Time
}

var months = map[string]time.Month{}
var weekdays = map[string]time.Weekday{}
var weeks = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}

func init() {
	for m := time.January; m <= time.December; m++ {
		months[strings.ToLower(m.String())] = m
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		weekdays[strings.ToLower(d.String())] = d
	}
}

// compile checks the rule's form and prepares it, reporting each problem as
// "key: message" for the caller to locate.
func (h *HolidayRule) compile() []fieldError {
	var errs []fieldError
	bad := func(key, format string, args ...any) {
		errs = append(errs, fieldError{key, fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(h.Name) == "" {
		bad("name", "a holiday needs a name")
	}
	forms := 0
	if h.Date != "" {
		forms++
	}
	if h.Month != "" || h.Weekday != "" || h.Week != "" {
		forms++
	}
	if h.After != "" {
		forms++
	}
	if h.Easter != nil {
		forms++
	}
	if len(h.Dates) > 0 {
		forms++
	}
	if forms != 1 {
		bad("name", "holiday %q must use exactly one of date, month/weekday/week, after, easter or dates (it uses %d)", h.Name, forms)
		return errs
	}
	h.r = rule{observed: NotMoved}
	switch {
	case h.Date != "":
		t, err := time.Parse("01-02", h.Date)
		if err != nil {
			bad("date", "date %q is not a month and day: write it as MM-DD, e.g. \"07-04\"", h.Date)
			break
		}
		m, d := t.Month(), t.Day()
		h.r.on = func(y int, _ map[string]*HolidayRule) (time.Time, bool) {
			if m == time.February && d == 29 && !isLeap(y) {
				return time.Time{}, false
			}
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
		}
		h.r.observed = Nearest
		if h.Observed != "" {
			h.r.observed = Observance(h.Observed)
			if !oneOf(h.Observed, Observances) {
				bad("observed", "observed %q is not one of %s", h.Observed, strings.Join(Observances, ", "))
			}
		}
	case h.After != "":
		if h.Days == 0 {
			bad("days", "holiday %q after %q needs days (e.g. days: 1 for the day after)", h.Name, h.After)
		}
		after, days := h.After, h.Days
		h.r.on = func(y int, byName map[string]*HolidayRule) (time.Time, bool) {
			base, ok := byName[after]
			if !ok || base.r.on == nil {
				return time.Time{}, false
			}
			t, ok := base.r.on(y, byName)
			return t.AddDate(0, 0, days), ok
		}
	case h.Easter != nil:
		off := *h.Easter
		h.r.on = func(y int, _ map[string]*HolidayRule) (time.Time, bool) {
			return easter(y).AddDate(0, 0, off), true
		}
	case len(h.Dates) > 0:
		for i, s := range h.Dates {
			d, err := practice.ParseDate(s)
			if err != nil {
				bad(fmt.Sprintf("dates[%d]", i), "%v", err)
				continue
			}
			h.r.dates = append(h.r.dates, d.Time())
		}
	default:
		m, okm := months[strings.ToLower(h.Month)]
		wd, okd := weekdays[strings.ToLower(h.Weekday)]
		n, okw := weeks[strings.ToLower(h.Week)]
		if !okm {
			bad("month", "month %q is not a month name (january .. december)", h.Month)
		}
		if !okd {
			bad("weekday", "weekday %q is not a day name (monday .. sunday)", h.Weekday)
		}
		if !okw {
			bad("week", "week %q is not one of first, second, third, fourth, fifth, last", h.Week)
		}
		if okm && okd && okw {
			h.r.on = func(y int, _ map[string]*HolidayRule) (time.Time, bool) {
				return nthWeekday(y, m, wd, n)
			}
		}
	}
	if h.Observed != "" && h.Date == "" {
		bad("observed", "observed applies only to a fixed date; remove it from holiday %q", h.Name)
	}
	if h.Since != 0 && h.Until != 0 && h.Until < h.Since {
		bad("until", "until %d is before since %d", h.Until, h.Since)
	}
	return errs
}

// A fieldError is a problem with one key of a holiday rule.
type fieldError struct{ key, msg string }

// occurrences returns the days of year y on which the rule closes the
// courts, each with its name ("Independence Day (observed)"). A holiday of
// another year can be observed in y: New Year's Day 2028, a Saturday, is
// observed on Friday, December 31, 2027.
func (h *HolidayRule) occurrences(y int, byName map[string]*HolidayRule) map[time.Time]string {
	out := map[time.Time]string{}
	for _, t := range h.r.dates {
		if t.Year() == y {
			out[t] = h.Name
		}
	}
	if h.r.on == nil {
		return out
	}
	for _, yy := range []int{y - 1, y, y + 1} {
		if (h.Since != 0 && yy < h.Since) || (h.Until != 0 && yy > h.Until) {
			continue
		}
		t, ok := h.r.on(yy, byName)
		if !ok {
			continue
		}
		if t.Year() == y {
			out[t] = h.Name
		}
		if o := observe(t, h.r.observed); !o.Equal(t) && o.Year() == y {
			out[o] = h.Name + " (observed)"
		}
	}
	return out
}

// observe moves a weekend holiday to its observed weekday.
func observe(t time.Time, o Observance) time.Time {
	switch t.Weekday() {
	case time.Saturday:
		switch o {
		case Nearest:
			return t.AddDate(0, 0, -1)
		case Monday:
			return t.AddDate(0, 0, 2)
		}
	case time.Sunday:
		switch o {
		case Nearest, Monday, SundayToMonday:
			return t.AddDate(0, 0, 1)
		}
	}
	return t
}

// nthWeekday returns the nth (1-based; -1 for last) weekday wd of month m in
// year y, and false when the month has no such day (a fifth Monday).
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) (time.Time, bool) {
	if n < 0 {
		last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
		back := (int(last.Weekday()) - int(wd) + 7) % 7
		return last.AddDate(0, 0, -back), true
	}
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	ahead := (int(wd) - int(first.Weekday()) + 7) % 7
	t := first.AddDate(0, 0, ahead+7*(n-1))
	return t, t.Month() == m
}

// easter returns Western (Gregorian) Easter Sunday of year y, by the
// anonymous Gregorian algorithm (Meeus/Jones/Butcher).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func oneOf(s string, opts []string) bool {
	for _, o := range opts {
		if s == o {
			return true
		}
	}
	return false
}
