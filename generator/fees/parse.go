// Package fees reads a case's fee ledger (fees.txt) and prices it under the
// fee terms of the appointment (case.md's fees): each parent's share of
// every entry, running balances, time per issue and per activity,
// retainer status, monthly statements and the ledger as CSV.
//
// Every amount is a whole number of cents (practice.Money). A charge is
// rounded once, to the nearest cent (half a cent up), when its minutes are
// priced; it is then split between the parents by truncating each share
// toward zero, and the cents left over go to the party the terms name in
// remainder_to (parent_a when not given). Shares therefore always add up to
// the charge, and statements add up to the cent across parents.
package fees

import (
	"fmt"
	"strconv"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// Parse reads a fee ledger. file is its path relative to the practice
// folder, for findings. Every line that cannot be read is an error finding
// at its line, with how to write it; the lines that can are returned.
//
// A ledger holds one entry per line; blank lines and lines starting with
// "#" are skipped:
//
//	2026-10-03  1h30         session  #4  Joint session on exchanges
//	2026-10-04  09:00-09:20  call     Call with the father
//	2026-10-05  pay       parent_b  $500.00   check 1042
//	2026-10-05  retainer  parent_a  1500      retainer deposit
//	2026-10-20  refund    parent_a  $200.00   unused retainer
//	2026-10-09  adjust    parent_b  -$50.00   write-off: duplicated email
func Parse(file string, data []byte) (*practice.FeeLedger, diag.List) {
	l := &practice.FeeLedger{File: file}
	var diags diag.List
	diag.Lines(&diags, file, data, func(pos practice.Pos, line string) {
		if e, ok := parseLine(&diags, pos, line); ok {
			l.Entries = append(l.Entries, e)
		}
	})
	return l, diags
}

// take splits off the first whitespace-separated field of s.
func take(s string) (field, rest string) {
	s = strings.TrimLeft(s, " \t")
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeft(s[i:], " \t")
}

const lineHelp = "write DATE TIME ACTIVITY [#ISSUE] DESCRIPTION (2026-10-03 1h30 session #4 Joint session), or DATE pay|retainer|refund|adjust PARTY AMOUNT NOTE (2026-10-05 pay parent_b $500.00 check 1042)"

// parseLine reads one entry, reporting every problem of the line.
func parseLine(diags *diag.List, pos practice.Pos, line string) (practice.FeeEntry, bool) {
	e := practice.FeeEntry{Line: pos.Line}
	ok := true
	ds, rest := take(line)
	d, err := practice.ParseDate(ds)
	if err != nil {
		diags.Errorf(pos, "%v: every entry starts with its date, then %s", err, strings.TrimPrefix(lineHelp, "write DATE "))
		ok = false
	}
	e.Date = d
	what, rest := take(rest)
	switch what {
	case "":
		diags.Errorf(pos, "the entry has a date and nothing else: %s", lineHelp)
		return e, false
	case practice.EntryPayment, "paid", practice.EntryRetainer, practice.EntryRefund, practice.EntryAdjust:
		if what == "paid" {
			what = practice.EntryPayment
		}
		e.Kind = what
		return e, money(diags, pos, &e, rest) && ok
	}
	e.Kind = practice.EntryTime
	min, err := duration(what)
	if err != nil {
		diags.Errorf(pos, "%v", err)
		ok = false
	}
	e.Minutes = min
	act, rest := take(rest)
	e.Activity = act
	switch {
	case act == "":
		diags.Errorf(pos, "time without an activity: write one of %s after the time", strings.Join(practice.Activities, ", "))
		ok = false
	case !known(act):
		diags.Errorf(pos, "activity %q is not one of %s%s", act, strings.Join(practice.Activities, ", "), diag.DidYouMean(act, practice.Activities))
		ok = false
	}
	if f, r := take(rest); strings.HasPrefix(f, "#") {
		n, err := strconv.Atoi(f[1:])
		if err != nil || n <= 0 {
			diags.Errorf(pos, "%q is not an issue number: write # and the issue's number, e.g. #4, or leave it out", f)
			ok = false
		}
		e.Issue, rest = n, r
	}
	e.Note = rest
	if e.Note == "" {
		diags.Errorf(pos, "time without a description: say what was done, e.g. \"Joint session on exchanges\"")
		ok = false
	}
	return e, ok
}

func known(activity string) bool {
	for _, a := range practice.Activities {
		if a == activity {
			return true
		}
	}
	return false
}

// money reads PARTY AMOUNT NOTE of a payment, refund or adjustment.
func money(diags *diag.List, pos practice.Pos, e *practice.FeeEntry, rest string) bool {
	ok := true
	party, rest := take(rest)
	amount, note := take(rest)
	e.Party, e.Note = party, note
	if party == "" || amount == "" {
		diags.Errorf(pos, "%s needs a party and an amount: write DATE %s parent_a $500.00 NOTE (the party is parent_a, parent_b or a parent's label)", e.Kind, e.Kind)
		return false
	}
	m, err := practice.ParseMoney(amount)
	if err != nil {
		diags.Errorf(pos, "%v", err)
		ok = false
	}
	e.Amount = m
	switch {
	case e.Kind == practice.EntryAdjust && m == 0 && err == nil:
		diags.Errorf(pos, "an adjustment of 0.00 changes nothing: give the amount (negative for a write-off or credit) or remove the line")
		ok = false
	case e.Kind != practice.EntryAdjust && m <= 0 && err == nil:
		diags.Errorf(pos, "a %s of %s: write the amount as a positive number; a correction is an adjust line", e.Kind, m)
		ok = false
	}
	if e.Kind == practice.EntryAdjust && note == "" {
		diags.Errorf(pos, "an adjustment needs its reason after the amount, e.g. \"write-off: duplicated email\"")
		ok = false
	}
	return ok
}

// duration reads a time worked: 1h30, 1h, 45m, 1h30m, 90m, or a span of
// the day 09:00-10:30.
func duration(s string) (int, error) {
	help := "write the time like 1h30, 45m or 09:00-10:30"
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("negative time %q: time worked is 0 or more; a credit is an adjust line (DATE adjust PARTY -$50.00 REASON)", s)
	}
	if a, b, ok := strings.Cut(s, "-"); ok {
		start, err1 := clock(a)
		end, err2 := clock(b)
		if err1 != nil || err2 != nil {
			return 0, fmt.Errorf("%q is not a time: %s", s, help)
		}
		if end <= start {
			return 0, fmt.Errorf("the time %q ends before it starts: write the start first, on a 24-hour clock (13:00-14:30)", s)
		}
		return end - start, nil
	}
	h, m := 0, 0
	rest := s
	if i := strings.IndexByte(rest, 'h'); i >= 0 {
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n < 0 || n > 24*31 {
			return 0, fmt.Errorf("%q is not a time: %s", s, help)
		}
		h, rest = n, rest[i+1:]
	}
	if rest != "" {
		rest = strings.TrimSuffix(rest, "m")
		n, err := strconv.Atoi(rest)
		if err != nil || n < 0 || n > 24*60*31 || strings.HasPrefix(rest, "+") {
			return 0, fmt.Errorf("%q is not a time: %s", s, help)
		}
		if h > 0 && n >= 60 {
			return 0, fmt.Errorf("%q: minutes after hours must be under 60: %s", s, help)
		}
		if !strings.HasSuffix(s, "m") && !strings.Contains(s, "h") {
			return 0, fmt.Errorf("%q is not a time: %s", s, help)
		}
		m = n
	}
	if h == 0 && m == 0 {
		if s == "0m" || s == "0h" {
			return 0, fmt.Errorf("time %q is no time: remove the line, or give the time worked", s)
		}
		return 0, fmt.Errorf("%q is not a time: %s", s, help)
	}
	return h*60 + m, nil
}

// clock reads HH:MM on a 24-hour clock as minutes after midnight.
func clock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || hh < 0 || hh > 24 || mm < 0 || mm > 59 || hh == 24 && mm > 0 {
		return 0, fmt.Errorf("bad clock time %q", s)
	}
	return hh*60 + mm, nil
}

// ParseDuration reads a time worked as a fee ledger writes it (1h30, 45m,
// 0h45, or a span of the day 09:00-10:30) as minutes. The communications
// log writes durations the same way, so that a billed log entry reads like
// a ledger line.
func ParseDuration(s string) (int, error) { return duration(s) }

// ParseClock reads a time of day, HH:MM on a 24-hour clock, as minutes
// after midnight.
func ParseClock(s string) (int, error) { return clock(s) }
