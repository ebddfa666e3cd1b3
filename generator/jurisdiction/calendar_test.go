package jurisdiction

import (
	"strings"
	"testing"
	"time"

	"pcdocket/generator/practice"
)

// mustSet loads the built-in profiles and fails the test on any finding.
func mustSet(tb testing.TB) *Set {
	tb.Helper()
	s, diags := Load("")
	if len(diags) > 0 {
		for _, f := range diags {
			tb.Error(f)
		}
		tb.FailNow()
	}
	return s
}

func mustProfile(tb testing.TB, s *Set, code string) *Profile {
	tb.Helper()
	p, ok := s.Profile(code)
	if !ok {
		tb.Fatalf("no profile %q", code)
	}
	return p
}

func TestHolidays(t *testing.T) {
	s := mustSet(t)
	tests := []struct {
		code, date, want string // want "" means: not a holiday
	}{
		// Federal: July 4, 2026 is a Saturday, observed Friday July 3.
		{"generic", "2026-07-03", "Independence Day (observed)"},
		{"generic", "2026-07-04", "Independence Day"},
		{"generic", "2026-07-06", ""},
		// Christmas 2027 is a Saturday: observed Friday December 24.
		{"generic", "2027-12-24", "Christmas Day (observed)"},
		// New Year's Day 2028 is a Saturday: observed Friday, December 31, 2027.
		{"generic", "2027-12-31", "New Year's Day (observed)"},
		{"generic", "2028-01-01", "New Year's Day"},
		// Juneteenth 2027 is a Saturday; 2022 (a Sunday) moves to Monday.
		{"generic", "2027-06-18", "Juneteenth National Independence Day (observed)"},
		{"generic", "2022-06-20", "Juneteenth National Independence Day (observed)"},
		{"generic", "2020-06-19", ""}, // before the holiday existed
		{"generic", "2026-01-19", "Birthday of Martin Luther King, Jr."},
		{"generic", "2026-02-16", "Washington's Birthday"},
		{"generic", "2026-05-25", "Memorial Day"},
		{"generic", "2026-09-07", "Labor Day"},
		{"generic", "2026-10-12", "Columbus Day"},
		{"generic", "2026-11-26", "Thanksgiving Day"},
		{"generic", "2026-11-27", ""},
		{"generic", "2028-11-23", "Thanksgiving Day"},
		// Colorado moves only a Sunday holiday (C.R.S. § 24-11-101(2)).
		{"CO", "2026-07-03", ""},
		{"CO", "2026-10-05", "Frances Xavier Cabrini Day"},
		{"CO", "2026-10-12", ""},
		{"CO", "2028-12-25", "Christmas Day"},
		// Oklahoma: day after Thanksgiving; Christmas 2027 on a Saturday.
		{"OK", "2026-11-27", "Day after Thanksgiving"},
		{"OK", "2027-12-23", "Christmas holiday"},
		{"OK", "2027-12-24", "Christmas holiday"},
		{"OK", "2027-12-25", "Christmas"},
		// North Carolina: Good Friday.
		{"NC", "2026-04-03", "Good Friday"},
		{"NC", "2027-03-26", "Good Friday"},
		{"NC", "2028-04-14", "Good Friday"},
		{"NC", "2026-12-24", "Christmas Eve"},
		// Texas: December 24 and 26 are state holidays, not moved.
		{"TX", "2026-12-24", "Christmas Eve"},
		{"TX", "2026-12-26", "Day after Christmas"},
		{"TX", "2026-12-28", ""},
		{"TX", "2026-11-27", "Friday after Thanksgiving"},
		{"AZ", "2026-10-12", "Columbus Day"},
		{"AZ", "2027-11-11", "Veterans' Day"},
		{"FL", "2026-11-27", "Friday after Thanksgiving"},
		{"FL", "2026-10-12", ""},
		{"FL", "2026-02-16", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code+"/"+tt.date, func(t *testing.T) {
			cal := mustProfile(t, s, tt.code).Calendar(nil)
			got, ok := cal.Holiday(practice.MustDate(tt.date))
			if tt.want == "" {
				if ok {
					t.Errorf("Holiday = %q, want none", got)
				}
				return
			}
			if !ok || got != tt.want {
				t.Errorf("Holiday = %q, %v; want %q", got, ok, tt.want)
			}
		})
	}
}

func TestEaster(t *testing.T) {
	for _, want := range []string{"2000-04-23", "2019-04-21", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2038-04-25"} {
		d := practice.MustDate(want)
		if got := easter(d.Time().Year()); !got.Equal(d.Time()) {
			t.Errorf("easter(%d) = %s, want %s", d.Time().Year(), got.Format("2006-01-02"), want)
		}
	}
}

func TestNthWeekday(t *testing.T) {
	tests := []struct {
		y     int
		m     time.Month
		wd    time.Weekday
		n     int
		want  string
		exist bool
	}{
		{2026, time.May, time.Monday, -1, "2026-05-25", true},
		{2027, time.May, time.Monday, -1, "2027-05-31", true},
		{2026, time.September, time.Monday, 1, "2026-09-07", true},
		{2026, time.November, time.Thursday, 4, "2026-11-26", true},
		{2026, time.February, time.Monday, 5, "", false},
		{2026, time.June, time.Monday, 5, "2026-06-29", true},
		{2026, time.March, time.Monday, 5, "2026-03-30", true},
	}
	for _, tt := range tests {
		got, ok := nthWeekday(tt.y, tt.m, tt.wd, tt.n)
		if ok != tt.exist || (ok && got.Format("2006-01-02") != tt.want) {
			t.Errorf("nthWeekday(%d, %s, %s, %d) = %s, %v; want %s, %v", tt.y, tt.m, tt.wd, tt.n, got.Format("2006-01-02"), ok, tt.want, tt.exist)
		}
	}
}

func TestDeadlineBasis(t *testing.T) {
	s := mustSet(t)
	tests := []struct {
		code   string
		start  string
		p      Period
		extra  []string
		date   string
		rolled bool
		basis  string
		rule   string
	}{
		{"generic", "2026-11-20", Period{Days: 10, From: Service, Counting: CalendarDays, Citation: "R"},
			nil, "2026-11-30", false, "served Fri 2026-11-20 + 10 days = Mon 2026-11-30", "R"},
		{"generic", "2026-11-20", Period{Days: 9, From: Service, Counting: CalendarDays, Citation: "R"},
			nil, "2026-11-30", true, "served Fri 2026-11-20 + 9 days = Sun 2026-11-29, rolled to Mon 2026-11-30 (weekend)",
			"R; Fed. R. Civ. P. 6(a)(1)(C), 6(a)(6)"},
		{"generic", "2026-11-16", Period{Days: 10, From: Issuance, Counting: CalendarDays},
			nil, "2026-11-27", true, "issued Mon 2026-11-16 + 10 days = Thu 2026-11-26, rolled to Fri 2026-11-27 (Thanksgiving Day)",
			"Fed. R. Civ. P. 6(a)(1)(C), 6(a)(6)"},
		{"FL", "2026-11-16", Period{Days: 10, From: Service, Counting: CalendarDays},
			nil, "2026-11-30", true, "served Mon 2026-11-16 + 10 days = Thu 2026-11-26, rolled to Mon 2026-11-30 (Thanksgiving Day; Friday after Thanksgiving; weekend)",
			"Fla. R. Gen. Prac. & Jud. Admin. 2.514(a)"},
		// July 4, 2026 (Saturday): the federal calendar observes Friday July 3.
		{"generic", "2026-06-23", Period{Days: 10, From: Filing, Counting: CalendarDays},
			nil, "2026-07-06", true, "filed Tue 2026-06-23 + 10 days = Fri 2026-07-03, rolled to Mon 2026-07-06 (Independence Day (observed); weekend)", "Fed. R. Civ. P. 6(a)(1)(C), 6(a)(6)"},
		// A practice closure (practice.yaml holidays:) rolls too.
		{"CO", "2026-03-02", Period{Days: 20, From: Issuance, Counting: CalendarDays, Citation: "C.R.S. § 14-10-128.3(3)"},
			[]string{"2026-03-23"}, "2026-03-24", true, "issued Mon 2026-03-02 + 20 days = Sun 2026-03-22, rolled to Tue 2026-03-24 (weekend; court closure (practice.yaml holidays))",
			"C.R.S. § 14-10-128.3(3); C.R.C.P. 6(a)(1), (2)"},
		{"generic", "2026-11-20", Period{Days: 3, From: Receipt, Counting: CourtDays},
			nil, "2026-11-25", false, "received Fri 2026-11-20 + 3 court days = Wed 2026-11-25", ""},
		// North Carolina counts a period of less than seven days in court days.
		{"NC", "2026-11-20", Period{Days: 5, From: Service, Counting: CalendarDays},
			nil, "2026-12-01", false, "served Fri 2026-11-20 + 5 court days (periods under 7 days count court days only) = Tue 2026-12-01", "N.C. R. Civ. P. 6(a) (N.C.G.S. § 1A-1)"},
		{"generic", "2026-11-20", Period{Days: 1, Counting: CalendarDays},
			nil, "2026-11-23", true, "Fri 2026-11-20 + 1 day = Sat 2026-11-21, rolled to Mon 2026-11-23 (weekend)", "Fed. R. Civ. P. 6(a)(1)(C), 6(a)(6)"},
	}
	for _, tt := range tests {
		t.Run(tt.code+"/"+tt.basis, func(t *testing.T) {
			var extra []practice.Date
			for _, e := range tt.extra {
				extra = append(extra, practice.MustDate(e))
			}
			cal := mustProfile(t, s, tt.code).Calendar(extra)
			d := cal.Deadline(practice.MustDate(tt.start), tt.p)
			if d.Date.String() != tt.date || d.Rolled != tt.rolled || d.Basis != tt.basis || d.Rule != tt.rule {
				t.Errorf("got  %s rolled=%v %q rule %q\nwant %s rolled=%v %q rule %q",
					d.Date, d.Rolled, d.Basis, d.Rule, tt.date, tt.rolled, tt.basis, tt.rule)
			}
		})
	}
}

func TestAdd(t *testing.T) {
	cal := mustProfile(t, mustSet(t), "generic").Calendar(nil)
	d := cal.Add(practice.MustDate("2027-12-14"), 10, CalendarDays)
	// Fri Dec 24 2027 is Christmas observed; Sat, Sun; Mon Dec 27.
	if d.Date.String() != "2027-12-27" || !strings.Contains(d.Basis, "(Christmas Day (observed); weekend)") {
		t.Errorf("Add = %s %q", d.Date, d.Basis)
	}
}

// TestSweep computes deadlines from every day of 2026-2028, for 1 to 35
// days, in each profile, both ways of counting, and checks that each falls
// on a court day and is the first court day on or after the period's end.
func TestSweep(t *testing.T) {
	s := mustSet(t)
	extra := []practice.Date{practice.MustDate("2027-08-02"), practice.MustDate("2028-02-29")}
	start, end := practice.MustDate("2026-01-01"), practice.MustDate("2028-12-31")
	for _, code := range s.Codes() {
		p := mustProfile(t, s, code)
		cal := p.Calendar(extra)
		n := 0
		for d := start; !d.After(end); d = d.AddDays(1) {
			for days := 1; days <= 35; days++ {
				for _, c := range []Counting{CalendarDays, CourtDays} {
					dl := cal.Deadline(d, Period{Days: days, From: Service, Counting: c})
					n++
					wd := dl.Date.Time().Weekday()
					if wd == time.Saturday || wd == time.Sunday {
						t.Fatalf("%s: %s + %d %s = %s, a %s", code, d, days, c, dl.Date, wd)
					}
					if name, ok := cal.Holiday(dl.Date); ok {
						t.Fatalf("%s: %s + %d %s = %s, %s", code, d, days, c, dl.Date, name)
					}
					if c == CalendarDays && !(days < p.Computation.ShortPeriod) {
						naive := d.AddDays(days)
						if dl.Date.Before(naive) {
							t.Fatalf("%s: %s + %d = %s, before %s", code, d, days, dl.Date, naive)
						}
						for e := naive; e.Before(dl.Date); e = e.AddDays(1) {
							if cal.CourtDay(e) {
								t.Fatalf("%s: %s + %d rolled to %s past court day %s", code, d, days, dl.Date, e)
							}
						}
						if dl.Rolled != !naive.Time().Equal(dl.Date.Time()) {
							t.Fatalf("%s: %s + %d: Rolled = %v", code, d, days, dl.Rolled)
						}
					}
				}
			}
		}
		if n < 70000 {
			t.Fatalf("%s: only %d deadlines computed", code, n)
		}
	}
}

func TestDates(t *testing.T) {
	d := practice.MustDate("2026-11-30")
	if got := LongDate(d); got != "Monday, November 30, 2026" {
		t.Errorf("LongDate = %q", got)
	}
	if got := ShortDate(d); got != "Mon 2026-11-30" {
		t.Errorf("ShortDate = %q", got)
	}
	if LongDate(practice.Date{}) != "" || ShortDate(practice.Date{}) != "" {
		t.Error("zero date must format as empty")
	}
}

func TestFillReviewText(t *testing.T) {
	s := mustSet(t)
	p := mustProfile(t, s, "CO")
	per := p.Review.Period(10)
	if per.Days != 35 {
		t.Fatalf("CO review days = %d, want 35 (the statute's, not the practice's)", per.Days)
	}
	dl := p.Calendar(nil).Deadline(practice.MustDate("2026-11-20"), per)
	got := Fill(p.Review.Text, p.ReviewVars(dl, per.Days))
	want := "A party may ask the court to modify this decision by filing a motion for a de novo hearing no later than Monday, December 28, 2026, 35 days after the date this decision was issued (C.R.S. § 14-10-128.3(4)(a))."
	if got != want {
		t.Errorf("review text\n got %q\nwant %q", got, want)
	}
	g := mustProfile(t, s, "generic")
	if g.Review.Period(14).Days != 14 || g.Filing.Period(5).Days != 5 {
		t.Error("generic must take the practice's rules days")
	}
	if got := Fill("{days} and {nope}", map[string]string{"days": "3"}); got != "3 and {nope}" {
		t.Errorf("Fill = %q", got)
	}
}

func TestCourtDayNext(t *testing.T) {
	cal := mustProfile(t, mustSet(t), "OK").Calendar(nil)
	if cal.CourtDay(practice.MustDate("2027-12-24")) {
		t.Error("2027-12-24 is an Oklahoma holiday")
	}
	if got := cal.Next(practice.MustDate("2027-12-23")); got.String() != "2027-12-27" {
		t.Errorf("Next = %s, want 2027-12-27", got)
	}
	if got := cal.Next(practice.MustDate("2027-12-22")); got.String() != "2027-12-22" {
		t.Errorf("Next of a court day = %s", got)
	}
}
