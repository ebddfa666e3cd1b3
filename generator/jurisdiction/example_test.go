package jurisdiction_test

import (
	"fmt"

	"pcdocket/generator/jurisdiction"
	"pcdocket/generator/practice"
)

func ExampleCalendar_Deadline() {
	set, _ := jurisdiction.Load("") // the built-in profiles only
	co, _ := set.Profile("CO")
	cal := co.Calendar(nil) // no extra closures from practice.yaml

	period := co.Review.Period(10) // 10: the practice's objection_days, unused in CO
	d := cal.Deadline(practice.MustDate("2026-11-20"), period)
	fmt.Println(d.Basis)
	fmt.Println(d.Rule)
	fmt.Println(jurisdiction.LongDate(d.Date))
	fmt.Println(jurisdiction.Fill(co.Review.Text, co.ReviewVars(d, period.Days)))
	// Output:
	// issued Fri 2026-11-20 + 35 days = Fri 2026-12-25, rolled to Mon 2026-12-28 (Christmas Day; weekend)
	// C.R.S. § 14-10-128.3(4)(a); C.R.C.P. 6(a)(1), (2)
	// Monday, December 28, 2026
	// A party may ask the court to modify this decision by filing a motion for a de novo hearing no later than Monday, December 28, 2026, 35 days after the date this decision was issued (C.R.S. § 14-10-128.3(4)(a)).
}

func ExampleCalendar_HolidaysIn() {
	set, _ := jurisdiction.Load("")
	generic, _ := set.Profile(jurisdiction.Generic)
	for _, h := range generic.Calendar([]practice.Date{practice.MustDate("2027-08-02")}).HolidaysIn(2027) {
		fmt.Println(jurisdiction.ShortDate(h.Date), h.Name)
	}
	// Output:
	// Fri 2027-01-01 New Year's Day
	// Mon 2027-01-18 Birthday of Martin Luther King, Jr.
	// Mon 2027-02-15 Washington's Birthday
	// Mon 2027-05-31 Memorial Day
	// Fri 2027-06-18 Juneteenth National Independence Day (observed)
	// Sat 2027-06-19 Juneteenth National Independence Day
	// Sun 2027-07-04 Independence Day
	// Mon 2027-07-05 Independence Day (observed)
	// Mon 2027-08-02 court closure (practice.yaml holidays)
	// Mon 2027-09-06 Labor Day
	// Mon 2027-10-11 Columbus Day
	// Thu 2027-11-11 Veterans Day
	// Thu 2027-11-25 Thanksgiving Day
	// Fri 2027-12-24 Christmas Day (observed)
	// Sat 2027-12-25 Christmas Day
	// Fri 2027-12-31 New Year's Day (observed)
}
