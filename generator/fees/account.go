package fees

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"pcdocket/generator/practice"
)

// Parents are the two party keys in the order accounts index them.
var Parents = [2]string{practice.PartyA, practice.PartyB}

// Index returns 0 for parent_a and 1 for parent_b, -1 for anything else.
func Index(party string) int {
	switch party {
	case practice.PartyA:
		return 0
	case practice.PartyB:
		return 1
	}
	return -1
}

// Pair is an amount per parent: [0] parent_a, [1] parent_b.
type Pair [2]practice.Money

// Sum returns the two amounts added.
func (p Pair) Sum() practice.Money { return p[0] + p[1] }

// Account is a case's ledger priced under its fee terms.
type Account struct {
	Case    *practice.Case
	Terms   *practice.Fees
	Lines   []Line // in date order, then ledger order
	Totals  [2]Totals
	Issues  []Bucket // time per issue, by number; Issue 0 is time on no issue
	Acts    []Bucket // time per activity, in practice.Activities order
	Minutes int      // all time recorded
	Charged practice.Money
}

// Totals are one parent's sums over the whole ledger.
type Totals struct {
	Charged  practice.Money // their share of time
	Paid     practice.Money // payments and retainer deposits
	Deposits practice.Money // retainer deposits alone
	Refunded practice.Money
	Adjusted practice.Money // their share of adjustments (negative for credits)
	// Balance is what they owe: positive owing, negative in credit (on
	// deposit).
	Balance practice.Money
}

// Bucket is time and fees gathered under one issue or one activity.
type Bucket struct {
	Issue    int
	Activity string
	Minutes  int
	Amount   practice.Money
	Shares   Pair
}

// Line is one entry priced.
type Line struct {
	Entry *practice.FeeEntry
	// Party is the resolved party of a payment, refund or adjustment:
	// parent_a, parent_b or both; "" for time.
	Party string
	Rate  practice.Money // hourly rate applied, for time
	// Amount is the entry's effect on what the parents owe together:
	// positive for charges and refunds, negative for payments and credits.
	Amount  practice.Money
	Shares  Pair                // Amount split between the parents
	Alloc   practice.Allocation // the split applied
	Reason  string              // why the split is not the case's, when an issue overrides it
	Balance Pair                // each parent's balance after this line
}

// Resolve returns the party key a ledger word names: parent_a, parent_b
// or both as written, or a parent's label ("mother") in any case; "" when
// it names no party of c.
func Resolve(c *practice.Case, word string) string {
	switch word {
	case practice.PartyA, practice.PartyB, practice.PartyBoth:
		return word
	}
	for _, k := range Parents {
		p := c.Party(k)
		if p.Label != "" && strings.EqualFold(p.Label, word) {
			return k
		}
	}
	return ""
}

// Charge prices minutes at an hourly rate, rounding to the nearest cent
// (half a cent up).
func Charge(minutes int, rate practice.Money) practice.Money {
	return (practice.Money(minutes)*rate*2 + 60) / 120
}

// Split divides amount between the parents by alloc: each share is
// truncated toward zero, and the cents left go to remainderTo (parent_a
// unless it is parent_b). The shares always add up to amount.
func Split(amount practice.Money, alloc practice.Allocation, remainderTo string) Pair {
	a := amount * practice.Money(alloc.ParentA) / 100
	b := amount * practice.Money(alloc.ParentB) / 100
	rem := amount - a - b
	if remainderTo == practice.PartyB {
		b += rem
	} else {
		a += rem
	}
	return Pair{a, b}
}

// alloc returns the split of an issue's fees and the reason for it when the
// terms override the case's allocation.
func (acc *Account) alloc(issue int) (practice.Allocation, string) {
	t := acc.Terms
	if issue != 0 {
		for _, o := range t.Issues {
			if o.Issue == issue {
				return o.Allocation, o.Reason
			}
		}
	}
	return t.Allocation, ""
}

// Billed returns the time entries that c's log adds to its fee ledger:
// one for each log entry marked bill, so that a session or call is typed
// once, in log.txt, and priced like a line of fees.txt. It returns nil
// when the case has no fee ledger: billing needs one (check reports a
// bill without it).
//
// Each entry keeps its log line (FeeEntry.File and Line), so that the
// ledger page and the CSV point at it. The description of a private log
// entry is not copied: a statement goes to a parent, and a private
// entry's summary must not, so it reads "Session (details withheld)".
func Billed(c *practice.Case) []practice.FeeEntry {
	if c == nil || c.Log == nil || c.FeeLedger == nil {
		return nil
	}
	var out []practice.FeeEntry
	for i := range c.Log.Entries {
		e := &c.Log.Entries[i]
		if !e.Bill || e.Scheduled || e.Minutes <= 0 {
			continue
		}
		note := e.Summary
		if e.Private {
			act := e.Activity()
			note = strings.ToUpper(act[:1]) + act[1:] + " (details withheld)"
		}
		out = append(out, practice.FeeEntry{Line: e.Line, Date: e.Date, Kind: practice.EntryTime,
			Minutes: e.Minutes, Activity: e.Activity(), Issue: e.Issue, Note: note, File: c.Log.File})
	}
	return out
}

// Compute prices c's ledger under c's fee terms. It returns nil when the
// case has no fee terms or no ledger. Entries that cannot be priced (a
// party that is not a parent, an unknown activity: package check reports
// them) are left out.
func Compute(c *practice.Case) *Account {
	if c == nil || !c.Fees.Given() || c.FeeLedger == nil {
		return nil
	}
	acc := &Account{Case: c, Terms: c.Fees}
	es := c.FeeLedger.Entries
	if billed := Billed(c); len(billed) > 0 {
		es = append(slices.Clip(es), billed...)
	}
	order := make([]int, len(es))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return es[order[i]].Date.Before(es[order[j]].Date) })
	issues := map[int]*Bucket{}
	acts := make([]Bucket, len(practice.Activities))
	for i, a := range practice.Activities {
		acts[i].Activity = a
	}
	var bal Pair
	acc.Lines = make([]Line, 0, len(es))
	for _, i := range order {
		e := &es[i]
		ln := Line{Entry: e}
		switch e.Kind {
		case practice.EntryTime:
			ai := activityIndex(e.Activity)
			if ai < 0 {
				continue
			}
			ln.Rate = acc.Terms.RateFor(e.Activity)
			ln.Amount = Charge(e.Minutes, ln.Rate)
			ln.Alloc, ln.Reason = acc.alloc(e.Issue)
			ln.Shares = Split(ln.Amount, ln.Alloc, acc.Terms.RemainderTo)
			b := issues[e.Issue]
			if b == nil {
				b = &Bucket{Issue: e.Issue}
				issues[e.Issue] = b
			}
			for _, bk := range []*Bucket{b, &acts[ai]} {
				bk.Minutes += e.Minutes
				bk.Amount += ln.Amount
				bk.Shares[0] += ln.Shares[0]
				bk.Shares[1] += ln.Shares[1]
			}
			acc.Minutes += e.Minutes
			acc.Charged += ln.Amount
			for k := range 2 {
				acc.Totals[k].Charged += ln.Shares[k]
			}
		default:
			ln.Party = Resolve(c, e.Party)
			if ln.Party == "" || ln.Party == practice.PartyBoth && e.Kind != practice.EntryAdjust {
				continue
			}
			switch e.Kind {
			case practice.EntryPayment, practice.EntryRetainer:
				ln.Amount = -e.Amount
			default:
				ln.Amount = e.Amount
			}
			if ln.Party == practice.PartyBoth {
				ln.Alloc = acc.Terms.Allocation
				ln.Shares = Split(ln.Amount, ln.Alloc, acc.Terms.RemainderTo)
			} else {
				ln.Shares[Index(ln.Party)] = ln.Amount
				ln.Alloc = practice.Allocation{ParentA: 100}
				if ln.Party == practice.PartyB {
					ln.Alloc = practice.Allocation{ParentB: 100}
				}
			}
			for k := range 2 {
				t := &acc.Totals[k]
				switch e.Kind {
				case practice.EntryPayment:
					t.Paid -= ln.Shares[k]
				case practice.EntryRetainer:
					t.Paid -= ln.Shares[k]
					t.Deposits -= ln.Shares[k]
				case practice.EntryRefund:
					t.Refunded += ln.Shares[k]
				case practice.EntryAdjust:
					t.Adjusted += ln.Shares[k]
				}
			}
		}
		bal[0] += ln.Shares[0]
		bal[1] += ln.Shares[1]
		ln.Balance = bal
		acc.Lines = append(acc.Lines, ln)
	}
	acc.Totals[0].Balance, acc.Totals[1].Balance = bal[0], bal[1]
	for _, b := range issues {
		acc.Issues = append(acc.Issues, *b)
	}
	sort.Slice(acc.Issues, func(i, j int) bool { return acc.Issues[i].Issue < acc.Issues[j].Issue })
	for _, b := range acts {
		if b.Minutes > 0 {
			acc.Acts = append(acc.Acts, b)
		}
	}
	return acc
}

func activityIndex(a string) int {
	for i, x := range practice.Activities {
		if x == a {
			return i
		}
	}
	return -1
}

// BalanceOn returns each parent's balance at the end of day d.
func (acc *Account) BalanceOn(d practice.Date) Pair {
	var bal Pair
	for _, ln := range acc.Lines {
		if ln.Entry.Date.After(d) {
			break
		}
		bal = ln.Balance
	}
	return bal
}

// Overdue returns what parent k (0 or 1) owes on charges older than the
// terms' due_days on asOf: their charges dated due_days or more before asOf,
// less everything credited to them by asOf. It is 0 when the terms set no
// due days or nothing is overdue.
func (acc *Account) Overdue(k int, asOf practice.Date) practice.Money {
	if acc.Terms.DueDays <= 0 || asOf.IsZero() {
		return 0
	}
	cutoff := asOf.AddDays(-acc.Terms.DueDays)
	var due, credit practice.Money
	for _, ln := range acc.Lines {
		if ln.Entry.Date.After(asOf) {
			break
		}
		s := ln.Shares[k]
		switch {
		case s < 0:
			credit -= s
		case !ln.Entry.Date.After(cutoff):
			due += s
		}
	}
	if due > credit {
		return due - credit
	}
	return 0
}

// Retainer is a parent's retainer status.
type Retainer struct {
	Required  practice.Money // what the terms require on deposit
	OnDeposit practice.Money // credit held: the negative of a balance below zero
	Floor     practice.Money
}

// Low reports whether the deposit is under the floor the terms set.
func (r Retainer) Low() bool { return r.Required > 0 && r.Floor > 0 && r.OnDeposit < r.Floor }

// RetainerOn returns parent k's retainer status at the end of day d (the
// whole ledger for the zero date).
func (acc *Account) RetainerOn(k int, d practice.Date) Retainer {
	bal := Pair{acc.Totals[0].Balance, acc.Totals[1].Balance}
	if !d.IsZero() {
		bal = acc.BalanceOn(d)
	}
	r := Retainer{Floor: acc.Terms.Retainer.Floor, Required: acc.Terms.Retainer.ParentA}
	if k == 1 {
		r.Required = acc.Terms.Retainer.ParentB
	}
	if bal[k] < 0 {
		r.OnDeposit = -bal[k]
	}
	return r
}

// Hours formats minutes as hours and minutes: "1:30".
func Hours(min int) string { return fmt.Sprintf("%d:%02d", min/60, min%60) }
