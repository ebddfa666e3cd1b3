package document

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"pcdocket/generator/fees"
	"pcdocket/generator/practice"
)

// Kinds of the fee documents (issue 17): a parent's monthly statement and
// the fee report a coordinator files with the court.
const (
	KindStatement = "statement"
	KindFeeReport = "fee-report"
)

// Statement builds parent st.Parent's statement for st.Month: the balance
// carried forward, each of the month's entries with the parent's share and
// the split applied, and the balance due. It reads nothing but its
// arguments, so the same ledger gives the same document.
func Statement(p *practice.Practice, st *fees.Statement) *Document {
	acc := st.Account
	c := acc.Case
	key := fees.Parents[st.Parent]
	party := c.Party(key)
	cur := acc.Terms.CurrencyCode()
	d := &Document{
		Kind:  KindStatement,
		Title: "Statement of Parenting Coordinator Fees",
		Short: "Fee Statement " + st.Month.String(),
		Re:    fmt.Sprintf("Re: %s (%s), %s", party.Name, partyLabel(party, key), st.Month.Long()),
		Date:  st.Month.Last(),
	}
	d.ID = feeID(c, fmt.Sprintf("S%s%c", strings.ReplaceAll(st.Month.String(), "-", ""), 'A'+st.Parent), st.Lines)
	feeHead(p, c, d)
	d.Subject = fmt.Sprintf("%s, Case No. %s: fee statement for %s, %s", c.Title, c.CourtCaseNo, party.Name, st.Month.Long())

	d.Preamble = []Block{para(plain(fmt.Sprintf("Statement for %s for %s. Amounts are in %s. ", party.Name, st.Month.Long(), cur)),
		plain(terms(c, acc.Terms)))}

	sum := &Table{Header: []string{"", cur}, Align: []string{"L", "R"}, Rows: [][]string{
		{"Balance carried forward from " + st.Month.First().AddDays(-1).Long(), st.Opening.String()},
		{"Your share of fees this month", st.Charges.String()},
		{"Payments and credits this month", neg(st.Credits)},
	}}
	if st.Other != 0 {
		sum.Rows = append(sum.Rows, []string{"Refunds and other charges this month", st.Other.String()})
	}
	sum.Rows = append(sum.Rows, []string{balanceWord(st.Closing) + " on " + st.Month.Last().Long(), abs(st.Closing)})
	d.Sections = append(d.Sections, Section{Number: "I", Heading: "Summary", Blocks: []Block{sum}})

	var rows [][]string
	for i := range st.Lines {
		ln := &st.Lines[i]
		e := ln.Entry
		time, share := "", fmt.Sprintf("%d%%", shareOf(ln.Alloc, st.Parent))
		if e.Kind == practice.EntryTime {
			time = fees.Hours(e.Minutes)
		}
		if ln.Reason != "" {
			share += "*"
		}
		rows = append(rows, []string{e.Date.String(), fees.Describe(c, ln), time, ln.Amount.String(), share, ln.Shares[st.Parent].String(), ln.Balance[st.Parent].String()})
	}
	var blocks []Block
	if len(rows) == 0 {
		blocks = append(blocks, text("No fees were charged and no payments were received this month."))
	} else {
		blocks = append(blocks, &Table{
			Header: []string{"Date", "Entry", "Time", "Amount", "Share", "Yours", "Balance"},
			Align:  []string{"L", "L", "R", "R", "R", "R", "R"},
			Rows:   rows,
		})
	}
	if notes := overrides(st.Lines); len(notes) > 0 {
		blocks = append(blocks, notes...)
	}
	d.Sections = append(d.Sections, Section{Number: "II", Heading: "Entries", Blocks: blocks})

	r := acc.RetainerOn(st.Parent, st.Month.Last())
	var ret []Block
	if r.Required > 0 {
		s := fmt.Sprintf("The order requires a retainer of %s on deposit; %s is held for you on %s.", r.Required, r.OnDeposit, st.Month.Last().Long())
		if r.Low() {
			s += fmt.Sprintf(" That is below the floor of %s: please deposit %s to restore the retainer.", r.Floor, r.Required-r.OnDeposit)
		}
		ret = append(ret, text(s))
	}
	if st.Closing > 0 {
		due := "on receipt"
		if acc.Terms.DueDays > 0 {
			due = "within " + fmt.Sprint(acc.Terms.DueDays) + " days"
		}
		ret = append(ret, text(fmt.Sprintf("Please pay %s %s %s. Questions about this statement may be raised with the coordinator in writing.", abs(st.Closing), cur, due)))
	}
	if len(ret) > 0 {
		d.Sections = append(d.Sections, Section{Number: "III", Heading: "Retainer and Payment", Blocks: ret})
	}
	d.Signature = Section{Blocks: []Block{
		text("Dated: " + st.Month.Last().Long()),
		&Signatures{Columns: 1, Lines: []SignLine{{Name: p.CoordinatorOf(c).Name, Under: coordinator(p, c)}}},
	}}
	return d
}

// FeeReport builds the report of an appointment's fees to the court, as of
// asOf: the terms, totals per parent, payments, balances and time per issue
// and per activity.
func FeeReport(p *practice.Practice, acc *fees.Account, asOf practice.Date) *Document {
	c := acc.Case
	cur := acc.Terms.CurrencyCode()
	d := &Document{
		Kind:  KindFeeReport,
		Title: "Parenting Coordinator's Report of Fees",
		Short: "Report of Fees",
		Re:    "Re: Fees through " + asOf.Long(),
		Date:  asOf,
	}
	var upTo []fees.Line
	for _, ln := range acc.Lines {
		if !ln.Entry.Date.After(asOf) {
			upTo = append(upTo, ln)
		}
	}
	d.ID = feeID(c, "F"+strings.ReplaceAll(asOf.String(), "-", ""), upTo)
	feeHead(p, c, d)
	d.Subject = fmt.Sprintf("%s, Case No. %s: report of fees through %s", c.Title, c.CourtCaseNo, asOf.Long())
	// The report is of the ledger up to asOf.
	cut := *acc
	cutCase := *c
	cutCase.FeeLedger = &practice.FeeLedger{File: c.FeeLedger.File}
	cutCase.Log = nil // its billed entries are among upTo already
	for _, ln := range upTo {
		cutCase.FeeLedger.Entries = append(cutCase.FeeLedger.Entries, *ln.Entry)
	}
	if a := fees.Compute(&cutCase); a != nil {
		cut = *a
		cut.Case = c
	}

	d.Sections = append(d.Sections, Section{Number: "I", Heading: "Fee Terms", Blocks: []Block{text(terms(c, acc.Terms))}})

	tot := &Table{Header: []string{"", partyHead(c, 0), partyHead(c, 1), "Total"}, Align: []string{"L", "R", "R", "R"}}
	row := func(label string, f func(t fees.Totals) practice.Money) {
		a, b := f(cut.Totals[0]), f(cut.Totals[1])
		tot.Rows = append(tot.Rows, []string{label, a.String(), b.String(), (a + b).String()})
	}
	row("Fees charged", func(t fees.Totals) practice.Money { return t.Charged })
	row("Adjustments and write-offs", func(t fees.Totals) practice.Money { return t.Adjusted })
	row("Payments received", func(t fees.Totals) practice.Money { return t.Paid })
	row("  of which retainer deposits", func(t fees.Totals) practice.Money { return t.Deposits })
	row("Refunds", func(t fees.Totals) practice.Money { return t.Refunded })
	row("Balance owed (credit if negative)", func(t fees.Totals) practice.Money { return t.Balance })
	d.Sections = append(d.Sections, Section{Number: "II", Heading: "Totals per Parent", Blocks: []Block{
		text(fmt.Sprintf("Amounts in %s, from the first entry of the ledger through %s. Time recorded: %s hours.", cur, asOf.Long(), fees.Hours(cut.Minutes))),
		tot,
	}})

	it := &Table{Header: []string{"Issue", "Time", "Fees", partyHead(c, 0), partyHead(c, 1)}, Align: []string{"L", "R", "R", "R", "R"}}
	for _, b := range cut.Issues {
		name := "General (no issue)"
		if is := c.Issue(b.Issue); is != nil {
			name = fmt.Sprintf("%d. %s", b.Issue, is.Title)
		} else if b.Issue != 0 {
			name = fmt.Sprintf("Issue %d", b.Issue)
		}
		it.Rows = append(it.Rows, []string{name, fees.Hours(b.Minutes), b.Amount.String(), b.Shares[0].String(), b.Shares[1].String()})
	}
	at := &Table{Header: []string{"Activity", "Time", "Fees"}, Align: []string{"L", "R", "R"}}
	for _, b := range cut.Acts {
		at.Rows = append(at.Rows, []string{b.Activity, fees.Hours(b.Minutes), b.Amount.String()})
	}
	blocks := []Block{it}
	if len(it.Rows) == 0 {
		blocks = []Block{text("No time has been recorded.")}
	}
	blocks = append(blocks, overrideTerms(c, acc.Terms)...)
	d.Sections = append(d.Sections,
		Section{Number: "III", Heading: "Time per Issue", Blocks: blocks},
		Section{Number: "IV", Heading: "Time per Activity", Blocks: []Block{at}})
	d.Signature = Section{Blocks: []Block{
		text("Respectfully submitted, " + asOf.Long() + "."),
		&Signatures{Columns: 1, Lines: []SignLine{{Name: p.CoordinatorOf(c).Name, Under: coordinator(p, c)}}},
	}}
	return d
}

// feeHead fills what every fee document shares with a determination: the
// caption, the author and the running head.
func feeHead(p *practice.Practice, c *practice.Case, d *Document) {
	co := p.CoordinatorOf(c)
	d.Author, d.Coordinator = co.Signature(), co.ID
	d.RunningHead = fmt.Sprintf("%s — Case No. %s", c.Title, c.CourtCaseNo)
	d.Caption = caseCaption(p, c, d.ID)
}

// feeID is the identifier of a fee document: "PCD-<court no>-<what>-<hash>",
// the hash over the case and the ledger lines the document shows, so that
// a changed entry changes the identifier.
func feeID(c *practice.Case, what string, lines []fees.Line) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", c.ID, what)
	for _, ln := range lines {
		e := ln.Entry
		fmt.Fprintf(h, "%s|%s|%d|%s|%d|%s|%d|%s|%d|%d\n", e.Date, e.Kind, e.Minutes, e.Activity, e.Issue, e.Party, e.Amount, e.Note, ln.Shares[0], ln.Shares[1])
	}
	ref := shortRef(idPart(c.CourtCaseNo))
	if ref == "" {
		ref = shortRef(idPart(c.ID))
	}
	return fmt.Sprintf("PCD-%s-%s-%s", ref, what, hex.EncodeToString(h.Sum(nil)[:4]))
}

// terms states the fee terms in a sentence or two.
func terms(c *practice.Case, f *practice.Fees) string {
	s := fmt.Sprintf("Under the appointing order the coordinator's fees are %s an hour", f.Rate)
	var own []string
	for _, a := range practice.Activities {
		if r := f.RateFor(a); r != f.Rate {
			own = append(own, fmt.Sprintf("%s for %s", r, a))
		}
	}
	if len(own) > 0 {
		s += " (" + joinAnd(own) + ")"
	}
	s += fmt.Sprintf(", shared %d%% by %s and %d%% by %s", f.Allocation.ParentA, c.Parties.ParentA.Name, f.Allocation.ParentB, c.Parties.ParentB.Name)
	s += "; a cent that does not divide goes to " + c.PartyName(remainder(f)) + "."
	return s
}

func remainder(f *practice.Fees) string {
	if f.RemainderTo == practice.PartyB {
		return practice.PartyB
	}
	return practice.PartyA
}

// overrides notes, under a statement's entries, each issue whose fees are
// allocated otherwise, and why.
func overrides(lines []fees.Line) []Block {
	seen := map[int]bool{}
	var out []Block
	for _, ln := range lines {
		if ln.Reason == "" || seen[ln.Entry.Issue] {
			continue
		}
		seen[ln.Entry.Issue] = true
		out = append(out, para(italic(fmt.Sprintf("* Issue %d is allocated %d%% / %d%%: %s", ln.Entry.Issue, ln.Alloc.ParentA, ln.Alloc.ParentB, ln.Reason))))
	}
	return out
}

// overrideTerms lists the issues whose fees the terms allocate otherwise.
func overrideTerms(c *practice.Case, f *practice.Fees) []Block {
	var out []Block
	for _, o := range f.Issues {
		out = append(out, para(italic(fmt.Sprintf("The fees of issue %d are allocated %d%% to %s and %d%% to %s: %s",
			o.Issue, o.Allocation.ParentA, c.Parties.ParentA.Name, o.Allocation.ParentB, c.Parties.ParentB.Name, o.Reason))))
	}
	return out
}

func shareOf(a practice.Allocation, k int) int {
	if k == 0 {
		return a.ParentA
	}
	return a.ParentB
}

func partyHead(c *practice.Case, k int) string {
	key := fees.Parents[k]
	return c.Party(key).Name
}

// coordinator are the lines under the signature of case c's coordinator:
// credentials, role and contact.
func coordinator(p *practice.Practice, c *practice.Case) []string {
	co := p.CoordinatorOf(c)
	var out []string
	if co.Credentials != "" {
		out = append(out, co.Credentials)
	}
	out = append(out, "Parenting Coordinator")
	out = append(out, co.Address...)
	for _, s := range []string{co.Email, co.Phone} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// balanceWord names a closing balance: what is due, or what is held.
func balanceWord(m practice.Money) string {
	if m < 0 {
		return "Credit held for you"
	}
	return "Balance due"
}

func abs(m practice.Money) string {
	if m < 0 {
		return (-m).String()
	}
	return m.String()
}

// neg prints a credit as the negative it is on the account.
func neg(m practice.Money) string {
	if m == 0 {
		return m.String()
	}
	return (-m).String()
}
