package practice

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in cents of the case's currency. Every fee computation
// is done in whole cents, so that statements add up to the cent.
type Money int64

// ParseMoney reads an amount as case files and ledgers write it: digits with
// at most two decimals, an optional leading "-" or "$", and commas between
// thousands: "200", "187.50", "$1,500.00", "-$50", "$-50".
func ParseMoney(s string) (Money, error) {
	t := strings.TrimSpace(s)
	neg := false
	for i := 0; i < 2 && t != ""; i++ {
		switch t[0] {
		case '-':
			if neg {
				return 0, fmt.Errorf("bad amount %q: write it like 187.50 or $1,500.00", s)
			}
			neg, t = true, t[1:]
		case '$':
			t = t[1:]
		}
	}
	whole, frac, dot := strings.Cut(t, ".")
	whole = strings.ReplaceAll(whole, ",", "")
	if whole == "" && frac == "" || dot && (len(frac) == 0 || len(frac) > 2) || len(whole) > 12 {
		return 0, fmt.Errorf("bad amount %q: write it like 187.50 or $1,500.00, with at most two decimals", s)
	}
	var m int64
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("bad amount %q: write it like 187.50 or $1,500.00", s)
		}
	}
	if whole != "" {
		n, err := strconv.ParseInt(whole, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("bad amount %q: out of range", s)
		}
		m = n * 100
	}
	if frac != "" {
		n, _ := strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			n *= 10
		}
		m += n
	}
	if neg {
		m = -m
	}
	return Money(m), nil
}

// String formats the amount with two decimals and thousands separators:
// "1,500.00", "-50.00".
func (m Money) String() string {
	var buf [32]byte
	return string(m.Append(buf[:0]))
}

// Append appends m as String writes it to dst. A ledger page prints about
// a thousand amounts; formatting them into one buffer instead of a string
// each took a million allocations off a build of 500 ledgers of 200
// entries (BenchmarkBuild10000Fees).
func (m Money) Append(dst []byte) []byte {
	u := uint64(m)
	if m < 0 {
		dst = append(dst, '-')
		u = -u
	}
	var digits [20]byte
	whole := strconv.AppendUint(digits[:0], u/100, 10)
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, d)
	}
	cents := u % 100
	return append(dst, '.', byte('0'+cents/10), byte('0'+cents%10))
}

// Fees are the fee terms of the appointment, as the order sets them: the
// hourly rate, optional rates per activity, the allocation between the
// parents and the retainer each parent keeps on deposit. The zero Fees
// means the case records no fee terms, and its ledger (if any) is not
// priced.
type Fees struct {
	Rate     Money    `pc:"rate,required"` // per hour
	Currency string   `pc:"currency"`      // ISO 4217 code; DefaultCurrency when empty
	Rates    FeeRates `pc:"rates"`         // per-activity hourly rates that replace Rate
	// Allocation is each parent's share of fees, in percent; they total 100.
	Allocation Allocation `pc:"allocation,required"`
	// RemainderTo is the party (PartyA or PartyB) a split's odd cent goes
	// to; PartyA when empty.
	RemainderTo string   `pc:"remainder_to"`
	Retainer    Retainer `pc:"retainer"`
	// DueDays is how many days after a charge it must be paid; 0 means the
	// terms set no due date, and nothing is ever overdue.
	DueDays int `pc:"due_days"`
	// Issues are the issues whose fees the order or the coordinator
	// allocates otherwise, e.g. all to the parent whose conduct caused them.
	Issues []IssueAllocation `pc:"issues"`
}

// DefaultCurrency is the currency of a case whose fees do not name one.
const DefaultCurrency = "USD"

// Given reports whether the case records fee terms.
func (f *Fees) Given() bool { return f != nil && f.Rate != 0 }

// CurrencyCode returns the currency, DefaultCurrency when none is given.
func (f *Fees) CurrencyCode() string {
	if f == nil || f.Currency == "" {
		return DefaultCurrency
	}
	return f.Currency
}

// FeeRates are hourly rates per activity that differ from the main rate.
type FeeRates struct {
	Session  *Money `pc:"session"`
	Call     *Money `pc:"call"`
	Email    *Money `pc:"email"`
	Review   *Money `pc:"review"`
	Drafting *Money `pc:"drafting"`
	Court    *Money `pc:"court"`
	Travel   *Money `pc:"travel"`
}

// Allocation is a split between the parents in whole percent.
type Allocation struct {
	ParentA int `pc:"parent_a,required"`
	ParentB int `pc:"parent_b,required"`
}

// Retainer is the deposit each parent must keep with the coordinator, and
// the floor below which the coordinator asks for it to be replenished.
type Retainer struct {
	ParentA Money `pc:"parent_a"`
	ParentB Money `pc:"parent_b"`
	Floor   Money `pc:"floor"`
}

// IssueAllocation overrides the allocation for the fees of one issue.
type IssueAllocation struct {
	Issue      int        `pc:"issue,required"`
	Allocation Allocation `pc:"allocation,required"`
	Reason     string     `pc:"reason,required"`
}

// Activities are the kinds of time a ledger records, in the order reports
// list them.
var Activities = []string{"session", "call", "email", "review", "drafting", "court", "travel"}

// RateFor returns the hourly rate of an activity: its own rate when the
// terms give one, else the main rate.
func (f *Fees) RateFor(activity string) Money {
	var r *Money
	switch activity {
	case "session":
		r = f.Rates.Session
	case "call":
		r = f.Rates.Call
	case "email":
		r = f.Rates.Email
	case "review":
		r = f.Rates.Review
	case "drafting":
		r = f.Rates.Drafting
	case "court":
		r = f.Rates.Court
	case "travel":
		r = f.Rates.Travel
	}
	if r != nil {
		return *r
	}
	return f.Rate
}

// Entry kinds of a ledger.
const (
	EntryTime     = "time"     // time worked, priced at the activity's rate
	EntryPayment  = "pay"      // a payment from a parent
	EntryRetainer = "retainer" // a retainer deposit from a parent
	EntryRefund   = "refund"   // money returned to a parent
	EntryAdjust   = "adjust"   // an adjustment or write-off, with a reason
)

// FeeFile is the name of a case's fee ledger in its folder. (The sealed
// documents' ledger is another thing: see package seal.)
const FeeFile = "fees.txt"

// FeeLedger is a case's time and money entries: content/cases/<id>/fees.txt.
type FeeLedger struct {
	File    string // relative to the practice folder
	Entries []FeeEntry
}

// FeeEntry is one line of a fee ledger. Party is the word the line names
// (parent_a, parent_b, both, or a parent's label); package fees resolves it.
type FeeEntry struct {
	Line     int
	Date     Date
	Kind     string // EntryTime, EntryPayment, ...
	Minutes  int    // EntryTime
	Activity string // EntryTime: one of Activities
	Issue    int    // EntryTime: the issue number, 0 for none
	Party    string // payments, refunds, adjustments; "" on time
	Amount   Money  // payments, refunds, adjustments
	Note     string // the description, or an adjustment's reason
	// File is the file the entry was read from when it is not the
	// ledger's own: the case's log.txt, for a log entry marked bill.
	File string
}

// Pos returns the position of the entry in its ledger, or in the log it
// was billed from.
func (l *FeeLedger) Pos(e *FeeEntry) Pos {
	if e.File != "" {
		return Pos{File: e.File, Line: e.Line}
	}
	return Pos{File: l.File, Line: e.Line}
}
