package check

import (
	"fmt"
	"strconv"

	"pcdocket/generator/fees"
	"pcdocket/generator/practice"
)

// fees checks the fee terms of case.md and the entries of the case's fee
// ledger (fees.txt): the findings of issue 17.
func (k *checker) fees(c *practice.Case) {
	src := &c.Src
	f := c.Fees
	if f != nil && src.Readable("fees") {
		k.feeTerms(c, f)
	}
	l := c.FeeLedger
	if l == nil {
		return
	}
	if !f.Given() && len(l.Entries) > 0 {
		if f == nil && src.Readable("fees") {
			k.l.Errorf(l.Pos(&l.Entries[0]), "the case has a fee ledger but case.md gives no fee terms, so no entry can be priced: add fees (rate and allocation) to %s", src.File)
		}
		return
	}
	ap := c.Appointment
	// Dates and issue numbers are judged only against values the parser
	// could read: one mistake, one finding.
	datesKnown := src.Readable("appointment.order_date") && src.Readable("appointment.term_ends")
	issuesKnown := true
	for _, is := range c.Issues {
		if is != nil && (!has(&is.Src, "number") || is.Number <= 0) {
			issuesKnown = false
		}
	}
	for i := range l.Entries {
		e := &l.Entries[i]
		pos := l.Pos(e)
		switch {
		case !datesKnown:
		case !ap.OrderDate.IsZero() && e.Date.Before(ap.OrderDate):
			k.l.Errorf(pos, "entry dated %s, before the order appointing the coordinator (%s): fees run from the appointment; correct the date, or record the work elsewhere", e.Date, ap.OrderDate)
		case !ap.EndsOn().IsZero() && e.Date.After(ap.EndsOn()) && e.Kind == practice.EntryTime:
			k.l.Errorf(pos, "time dated %s, after the appointment ended (%s): correct the date, or record the renewed term in appointment.extensions", e.Date, ap.EndsOn())
		case !k.asOf.IsZero() && e.Date.After(k.asOf):
			k.l.Warnf(pos, "entry dated %s, after today (%s): check the date", e.Date, k.asOf)
		}
		if e.Kind == practice.EntryTime {
			if e.Issue != 0 && issuesKnown && c.Issue(e.Issue) == nil {
				k.l.Errorf(pos, "issue #%d is not an issue of this case%s: write the number of one of its issues, or leave #%d out", e.Issue, knownIssues(c), e.Issue)
			}
			continue
		}
		switch p := fees.Resolve(c, e.Party); {
		case p == "":
			k.l.Errorf(pos, "%q is not a party to this case: a %s is from or to parent_a (%s) or parent_b (%s); write one of those or their label", e.Party, e.Kind, c.Parties.ParentA.Name, c.Parties.ParentB.Name)
		case p == practice.PartyBoth && e.Kind != practice.EntryAdjust:
			k.l.Errorf(pos, "a %s is from or to one parent: write parent_a or parent_b, one line each", e.Kind)
		}
	}
	if k.asOf.IsZero() || !f.Given() || !src.Readable("fees") || !src.Readable("parties") {
		return // an account priced on terms the parser could not read would mislead
	}
	acc := fees.Compute(c)
	for i, key := range fees.Parents {
		who := fmt.Sprintf("%s (%s)", c.Party(key).Name, key)
		if r := acc.RetainerOn(i, k.asOf); r.Low() {
			k.l.Warnf(at(src, "fees.retainer.floor", "fees.retainer", "fees"), "%s has %s on deposit, below the retainer floor of %s: ask for %s to restore the retainer of %s", who, r.OnDeposit, r.Floor, r.Required-r.OnDeposit, r.Required)
		}
		if due := acc.Overdue(i, k.asOf); due > 0 {
			k.l.Warnf(at(src, "fees.due_days", "fees"), "%s owes %s %s for work more than %d days old (as of %s): send a statement, or record the payment in %s", who, due, f.CurrencyCode(), f.DueDays, k.asOf, l.File)
		}
	}
}

// feeTerms checks case.md's fees.
func (k *checker) feeTerms(c *practice.Case, f *practice.Fees) {
	src := &c.Src
	if has(src, "fees.rate") && f.Rate <= 0 {
		k.l.Errorf(src.At("fees.rate"), "fees.rate is %s: write the hourly rate the order sets, e.g. 200.00", f.Rate)
	}
	if cur := f.Currency; cur != "" && !currencyCode(cur) {
		k.l.Errorf(src.At("fees.currency"), "fees.currency %q is not a currency code: write three capital letters, e.g. USD, or leave it out for USD", cur)
	}
	k.allocation(src, "fees.allocation", f.Allocation)
	if f.RemainderTo != "" {
		k.oneOf(src.At("fees.remainder_to"), "remainder_to", f.RemainderTo, "a parent", parents)
	}
	for _, m := range []struct {
		key string
		v   practice.Money
	}{{"fees.retainer.parent_a", f.Retainer.ParentA}, {"fees.retainer.parent_b", f.Retainer.ParentB}, {"fees.retainer.floor", f.Retainer.Floor}} {
		if m.v < 0 {
			k.l.Errorf(src.At(m.key), "%s is %s: an amount on deposit is 0 or more", m.key, m.v)
		}
	}
	if f.DueDays < 0 {
		k.l.Errorf(src.At("fees.due_days"), "fees.due_days is %d: write the days a parent has to pay, or leave it out", f.DueDays)
	}
	issuesKnown := true
	for _, is := range c.Issues {
		if is != nil && (!has(&is.Src, "number") || is.Number <= 0) {
			issuesKnown = false
		}
	}
	seen := map[int]int{}
	for i, o := range f.Issues {
		base := fmt.Sprintf("fees.issues[%d]", i)
		if !src.Readable(base) {
			continue
		}
		if has(src, base+".issue") {
			if !issuesKnown {
				// an unreadable issue may be this one
			} else if c.Issue(o.Issue) == nil {
				k.l.Errorf(src.At(base+".issue"), "issue %d is not an issue of this case%s: correct the number", o.Issue, knownIssues(c))
			} else if j, dup := seen[o.Issue]; dup {
				k.l.Errorf(src.At(base+".issue"), "issue %d's fees are already allocated in fees.issues[%d]: keep one", o.Issue, j)
			}
			seen[o.Issue] = i
		}
		k.allocation(src, base+".allocation", o.Allocation)
	}
}

// allocation checks a split in percent: each share 0 to 100, totalling 100.
func (k *checker) allocation(src *practice.Source, key string, a practice.Allocation) {
	if !has(src, key+".parent_a") || !has(src, key+".parent_b") {
		return
	}
	if a.ParentA < 0 || a.ParentB < 0 {
		k.l.Errorf(src.At(key), "%s has a negative share (%d and %d): each parent's share is a percentage from 0 to 100", key, a.ParentA, a.ParentB)
		return
	}
	if a.ParentA+a.ParentB != 100 {
		k.l.Errorf(src.At(key), "%s totals %d%%, not 100%%: parent_a %d + parent_b %d must make 100", key, a.ParentA+a.ParentB, a.ParentA, a.ParentB)
	}
}

func currencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// knownIssues lists a case's issue numbers for a message: " (its issues
// are 1 to 5)", or "" when it has none.
func knownIssues(c *practice.Case) string {
	var ns []string
	for _, is := range c.Issues {
		if is != nil && is.Number > 0 {
			ns = append(ns, strconv.Itoa(is.Number))
		}
	}
	if len(ns) == 0 {
		return " (the case has no issues yet)"
	}
	return " (its issues: " + andList(ns) + ")"
}
