package fees

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"pcdocket/generator/practice"
)

// Month is a calendar month, as `--month YYYY-MM` names it.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads YYYY-MM.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, fmt.Errorf("bad month %q: write it as YYYY-MM, e.g. 2026-10", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

// MonthOf returns the month of d.
func MonthOf(d practice.Date) Month {
	return Month{d.Time().Year(), d.Time().Month()}
}

// First and Last return the first and last day of the month.
func (m Month) First() practice.Date {
	return practice.DateOf(time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC))
}

// Last returns the last day of the month.
func (m Month) Last() practice.Date {
	return practice.DateOf(time.Date(m.Year, m.Month+1, 0, 0, 0, 0, 0, time.UTC))
}

// String formats the month as YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Long formats the month for documents: "October 2026".
func (m Month) Long() string { return fmt.Sprintf("%s %d", m.Month, m.Year) }

// Contains reports whether d falls in the month.
func (m Month) Contains(d practice.Date) bool { return MonthOf(d) == m }

// Statement is one parent's account for one month: the balance carried
// forward, the month's entries with that parent's share of each, and the
// balance at the end of the month.
type Statement struct {
	Account *Account
	Parent  int // 0 parent_a, 1 parent_b
	Month   Month
	Opening practice.Money // balance carried forward from before the month
	Lines   []Line         // the month's lines that touch this parent
	Charges practice.Money // this parent's share of the month's time
	Credits practice.Money // payments and credits in the month (positive)
	Other   practice.Money // refunds and positive adjustments
	Closing practice.Money
	Minutes int // time in the month, all of it (shared or not)
}

// Statement returns parent k's statement for month m.
func (acc *Account) Statement(k int, m Month) *Statement {
	st := &Statement{Account: acc, Parent: k, Month: m}
	st.Opening = acc.BalanceOn(m.First().AddDays(-1))[k]
	st.Closing = st.Opening
	for _, ln := range acc.Lines {
		if !m.Contains(ln.Entry.Date) {
			continue
		}
		if ln.Entry.Kind == practice.EntryTime {
			st.Minutes += ln.Entry.Minutes
		}
		s := ln.Shares[k]
		if s == 0 && ln.Entry.Kind != practice.EntryTime {
			continue // the other parent's payment
		}
		st.Lines = append(st.Lines, ln)
		switch {
		case ln.Entry.Kind == practice.EntryTime:
			st.Charges += s
		case s < 0:
			st.Credits -= s
		default:
			st.Other += s
		}
		st.Closing += s
	}
	return st
}

// Months returns the months from the first entry's to the last's, in order.
func (acc *Account) Months() []Month {
	if len(acc.Lines) == 0 {
		return nil
	}
	var ms []Month
	first, last := MonthOf(acc.Lines[0].Entry.Date), MonthOf(acc.Lines[len(acc.Lines)-1].Entry.Date)
	for m := first; ; {
		ms = append(ms, m)
		if m == last {
			return ms
		}
		m.Month++
		if m.Month > 12 {
			m.Month, m.Year = 1, m.Year+1
		}
	}
}

// Describe says what a line is, in a statement's words.
func Describe(c *practice.Case, ln *Line) string {
	e := ln.Entry
	switch e.Kind {
	case practice.EntryTime:
		s := e.Activity
		if e.Issue != 0 {
			s += fmt.Sprintf(", issue %d", e.Issue)
		}
		return s + ": " + e.Note
	case practice.EntryPayment:
		return "Payment from " + c.PartyName(ln.Party) + note(e.Note)
	case practice.EntryRetainer:
		return "Retainer deposit from " + c.PartyName(ln.Party) + note(e.Note)
	case practice.EntryRefund:
		return "Refund to " + c.PartyName(ln.Party) + note(e.Note)
	}
	return "Adjustment: " + e.Note
}

func note(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

// spreadsheetText returns a text cell of the CSV as a spreadsheet will
// show it, not run it: a cell that begins with = + - @ or a tab or
// carriage return is a formula to Excel, LibreOffice and Google Sheets
// ("CSV injection", OWASP), and a description may quote what a parent
// wrote. Such a cell gets a leading apostrophe, which the spreadsheet
// takes as "this is text". Amounts and dates are not text cells: a
// negative amount stays a number.
func spreadsheetText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// CSVHeader is the first row WriteCSV writes.
var CSVHeader = []string{"case", "date", "kind", "activity", "issue", "minutes", "party", "rate", "amount", "parent_a_share", "parent_b_share", "parent_a_balance", "parent_b_balance", "description", "source"}

// WriteCSV writes the account's lines as CSV, one row per entry, with a
// header row, for an accountant's spreadsheet. Amounts are in the
// currency's units with two decimals and no thousands separators. When m is
// not the zero Month, only that month's lines are written.
func WriteCSV(w io.Writer, accs []*Account, m Month) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	amt := func(v practice.Money) string {
		s := strconv.FormatInt(int64(v)/100, 10)
		if v < 0 && v > -100 {
			s = "-0"
		}
		c := int64(v) % 100
		if c < 0 {
			c = -c
		}
		return fmt.Sprintf("%s.%02d", s, c)
	}
	for _, acc := range accs {
		for i := range acc.Lines {
			ln := &acc.Lines[i]
			e := ln.Entry
			if m != (Month{}) && !m.Contains(e.Date) {
				continue
			}
			issue, minutes, rate := "", "", ""
			if e.Issue != 0 {
				issue = strconv.Itoa(e.Issue)
			}
			if e.Kind == practice.EntryTime {
				minutes, rate = strconv.Itoa(e.Minutes), amt(ln.Rate)
			}
			row := []string{acc.Case.ID, e.Date.String(), e.Kind, e.Activity, issue, minutes, ln.Party, rate,
				amt(ln.Amount), amt(ln.Shares[0]), amt(ln.Shares[1]), amt(ln.Balance[0]), amt(ln.Balance[1]),
				spreadsheetText(e.Note), acc.Case.FeeLedger.Pos(e).String()}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
