package practice

import (
	"testing"
	"time"
)

// TestDateDays holds the day-number Date to what time.Time says of the same
// days: every date written YYYY-MM-DD reads back as written, orders and
// counts days as time does, and none is the zero Date.
func TestDateDays(t *testing.T) {
	days := []string{"0000-01-01", "0000-12-31", "0001-01-01", "1969-12-31", "1970-01-01", "2000-02-29", "2026-11-27", "2026-12-31", "9999-12-31"}
	for _, s := range days {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatalf("ParseDate(%q): %v", s, err)
		}
		if d.IsZero() {
			t.Errorf("ParseDate(%q) is the zero Date", s)
		}
		if got := d.String(); got != s {
			t.Errorf("ParseDate(%q).String() = %q", s, got)
		}
		want, _ := time.Parse(DateLayout, s)
		if !d.Time().Equal(want) || d.Time().Location() != time.UTC {
			t.Errorf("ParseDate(%q).Time() = %v, want %v", s, d.Time(), want)
		}
		if got, want := d.Long(), want.Format("January 2, 2006"); got != want {
			t.Errorf("ParseDate(%q).Long() = %q, want %q", s, got, want)
		}
		if next := d.AddDays(1); next.Time() != want.AddDate(0, 0, 1) {
			t.Errorf("ParseDate(%q).AddDays(1) = %v", s, next)
		}
	}
	for i := range days {
		for j := range days {
			a, b := MustDate(days[i]), MustDate(days[j])
			ta, tb := a.Time(), b.Time()
			if a.Before(b) != ta.Before(tb) || a.After(b) != ta.After(tb) || (a == b) != ta.Equal(tb) {
				t.Errorf("%s and %s order differently from time.Time", days[i], days[j])
			}
			if got, want := a.DaysUntil(b), int(tb.Sub(ta).Hours()/24); got != want && tb.Sub(ta) < 290*365*24*time.Hour && ta.Sub(tb) < 290*365*24*time.Hour {
				t.Errorf("%s.DaysUntil(%s) = %d, want %d", days[i], days[j], got, want)
			}
		}
	}
	var zero Date
	if !zero.IsZero() || zero.String() != "" || !zero.Time().IsZero() || zero.AddDays(3) != zero {
		t.Errorf("the zero Date is not unset: %q, %v", zero.String(), zero.Time())
	}
	if !zero.Before(MustDate("0000-01-01")) {
		t.Error("the zero Date is not before every date")
	}
	if got := DateOf(time.Date(2026, 11, 27, 23, 30, 0, 0, time.FixedZone("X", -5*3600))); got.String() != "2026-11-27" {
		t.Errorf("DateOf a late evening west of UTC = %s, want the day in its own zone", got)
	}
}
