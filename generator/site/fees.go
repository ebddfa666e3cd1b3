package site

import (
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"pcdocket/generator/fees"
	"pcdocket/generator/practice"
)

// The fee pages of issue 17: a ledger page per case with fee terms and a
// ledger, and the billing summary on the docket. The ledger page lives
// under fees/, outside cases/<id>/, for the reason the notes page does: an
// encrypted site opens cases/<id>/ to both of the case's parents, and one
// parent's account is not the other's business. Fees never reach the public
// site, which package public builds from content/public alone.

// FeesDir is the folder of the ledger pages.
const FeesDir = "fees/"

// feeCache is a case's account, priced once when a page first asks, and
// the month of the statements the build writes beside the site, if any.
type feeCache struct {
	once sync.Once
	acc  *fees.Account

	month fees.Month // zero: no statements (LinkStatements)
}

// StatementsDir is the folder of the private site that holds the parents'
// fee statements. An encrypted site opens a parent's statement to that
// parent and the coordinator alone (vault.ParentDir).
const StatementsDir = "statements/"

// StatementPath returns the site path of parent's (practice.PartyA or
// PartyB) statement for month m of the case caseID.
func StatementPath(caseID string, m fees.Month, parent string) string {
	return StatementsDir + caseID + "-" + m.String() + "-" + parent + ".pdf"
}

// LinkStatements makes the page of every case with fees link to each
// parent's statement for month m, which the build writes at StatementPath
// (`build --statements`). On an encrypted site each parent's copy of the
// page then shows their own statement alone: the shell takes out the
// link whose key the reader does not hold.
func (s *Site) LinkStatements(m fees.Month) {
	for _, c := range s.cases {
		c.fees.month = m
	}
}

// feeStatement is a link of the case page to one parent's statement.
type feeStatement struct {
	Href, Month, Name string
}

// Statements returns the links to the parents' statements of the month
// the build writes, none when it writes none or the case has no fees.
func (c *caseView) Statements() []feeStatement {
	if c.fees.month == (fees.Month{}) || c.FeesHref() == "" {
		return nil
	}
	var out []feeStatement
	for _, key := range fees.Parents {
		out = append(out, feeStatement{Href: StatementPath(c.Case.ID, c.fees.month, key), Month: c.fees.month.Long(), Name: c.Case.PartyName(key)})
	}
	return out
}

// FeesHref returns the site path of the case's ledger page, or "" when the
// case has no fee terms or no ledger.
func (c *caseView) FeesHref() string {
	if !c.Case.Fees.Given() || c.Case.FeeLedger == nil {
		return ""
	}
	return FeesDir + strings.TrimSuffix(strings.TrimPrefix(c.NotesHref, "notes/"), ".html") + ".html"
}

// Account returns the case's account, nil without fee terms or ledger.
func (c *caseView) Account() *fees.Account {
	c.fees.once.Do(func() { c.fees.acc = fees.Compute(c.Case) })
	return c.fees.acc
}

// feeView is what the ledger page shows.
type feeView struct {
	Acc      *fees.Account
	Currency string
	// RowsHTML is the ledger table's rows, written here rather than by
	// the template: a ledger of 200 entries made the template's
	// reflection the fee pages' main cost at 10,000 issues.
	RowsHTML template.HTML
	// LabelsCSS names the parents' columns for the narrow screen's
	// reflowed ledger (style.css, table.ledger): set once on the table
	// instead of a data-label on each of the 200 rows' cells.
	LabelsCSS template.CSS
	Parents   [2]feeParent
	Issues    []feeBucket
	Acts      []feeBucket
}

// ledgerRows writes the ledger table's rows, escaped as html/template
// would. A row is its cells and nothing more: no class and no data-label
// per cell, which made a 200-entry page 160 KB and its writing the fee
// pages' main cost; style.css aligns and labels the columns of
// table.ledger by position instead.
func ledgerRows(c *caseView, acc *fees.Account) template.HTML {
	if len(acc.Lines) == 0 {
		return `<tr><td colspan="9">No entries yet.</td></tr>`
	}
	var b strings.Builder
	b.Grow(len(acc.Lines) * 240)
	cell := func(v string) {
		b.WriteString("<td>")
		b.WriteString(v)
		b.WriteString("</td>")
	}
	prefix := "content/cases/" + c.Case.ID + "/"
	var money []byte // each amount, formatted in place
	for i := range acc.Lines {
		ln := &acc.Lines[i]
		e := ln.Entry
		// A date as the text of <time> is its machine-readable value: no
		// datetime attribute is needed.
		b.WriteString("<tr><td><time>")
		b.WriteString(e.Date.String())
		b.WriteString("</time></td><td>")
		b.WriteString(template.HTMLEscapeString(fees.Describe(c.Case, ln)))
		if ln.Reason != "" {
			b.WriteString(` <span class="muted">(allocated otherwise: see Terms)</span>`)
		}
		b.WriteString("</td>")
		t := ""
		if e.Kind == practice.EntryTime {
			t = fees.Hours(e.Minutes)
		}
		cell(t)
		for _, m := range [...]practice.Money{ln.Amount, ln.Shares[0], ln.Shares[1], ln.Balance[0], ln.Balance[1]} {
			money = m.Append(money[:0])
			b.WriteString("<td>")
			b.Write(money)
			b.WriteString("</td>")
		}
		b.WriteString("<td><code>")
		b.WriteString(template.HTMLEscapeString(strings.TrimPrefix(c.Case.FeeLedger.Pos(e).String(), prefix)))
		b.WriteString("</code></td></tr>\n")
	}
	return template.HTML(b.String())
}

// ledgerLabels returns the custom properties that name the parents'
// columns of the reflowed ledger, as CSS strings: --la and --lb.
func ledgerLabels(c *caseView) template.CSS {
	return template.CSS("--la:" + cssString(orLabel(c.PartyA.Label, "Parent A")) + ";--lb:" + cssString(orLabel(c.PartyB.Label, "Parent B")))
}

// cssString quotes s as a CSS string, escaping what could end it, and
// what an HTML attribute could not carry as it is, by code point.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r == '\'' || r < 0x20 || r == 0x7f:
			b.WriteString(`\` + strconv.FormatInt(int64(r), 16) + " ")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func orLabel(label, def string) string {
	if label != "" {
		return label
	}
	return def
}

// feeParent is one parent's totals and retainer.
type feeParent struct {
	Name, Key                         string
	Charged, Adjusted, Paid, Refunded string
	Balance                           string
	Owes                              bool
	Retainer                          fees.Retainer
	Overdue                           practice.Money
}

// feeBucket is a row of time per issue or per activity.
type feeBucket struct {
	Name, Href, Time, Amount, ShareA, ShareB string
}

// feesPage builds the ledger page's view of c on asOf.
func feesPage(c *caseView, asOf practice.Date) *feeView {
	acc := c.Account()
	v := &feeView{Acc: acc, Currency: acc.Terms.CurrencyCode()}
	v.RowsHTML, v.LabelsCSS = ledgerRows(c, acc), ledgerLabels(c)
	for k, key := range fees.Parents {
		t := acc.Totals[k]
		v.Parents[k] = feeParent{Name: c.Case.Party(key).Name, Key: key,
			Charged: t.Charged.String(), Adjusted: t.Adjusted.String(), Paid: t.Paid.String(), Refunded: t.Refunded.String(),
			Balance: t.Balance.String(), Owes: t.Balance > 0,
			Retainer: acc.RetainerOn(k, practice.Date{}), Overdue: acc.Overdue(k, asOf)}
	}
	for _, b := range acc.Issues {
		fb := feeBucket{Name: "General (no issue)", Time: fees.Hours(b.Minutes), Amount: b.Amount.String(), ShareA: b.Shares[0].String(), ShareB: b.Shares[1].String()}
		if b.Issue != 0 {
			// By number, not title: the page then depends on the case and
			// its ledger alone, and an edit of an issue does not render
			// it again. check makes sure the issue exists.
			fb.Name, fb.Href = "Issue "+strconv.Itoa(b.Issue), c.Dir+"issues/"+strconv.Itoa(b.Issue)+".html"
		}
		v.Issues = append(v.Issues, fb)
	}
	for _, b := range acc.Acts {
		v.Acts = append(v.Acts, feeBucket{Name: b.Activity, Time: fees.Hours(b.Minutes), Amount: b.Amount.String(), ShareA: b.Shares[0].String(), ShareB: b.Shares[1].String()})
	}
	return v
}

// billingView is the docket's billing summary: time this month and what
// each case's parents owe.
type billingView struct {
	cases []*caseView
	asOf  practice.Date
	once  sync.Once
	rows  []billingRow
	min   int
}

// billingRow is one case of the billing summary.
type billingRow struct {
	Case         *caseView
	Href         string
	Time         string // this month
	OwedA, OwedB string
	Owed         bool
	Overdue      bool
	RetainerLow  bool
}

func (b *billingView) compute() {
	b.once.Do(func() {
		m := fees.MonthOf(b.asOf)
		for _, c := range b.cases {
			acc := c.Account()
			if acc == nil {
				continue
			}
			r := billingRow{Case: c, Href: c.FeesHref()}
			min := 0
			for _, ln := range acc.Lines {
				if ln.Entry.Kind == practice.EntryTime && m.Contains(ln.Entry.Date) && !ln.Entry.Date.After(b.asOf) {
					min += ln.Entry.Minutes
				}
			}
			b.min += min
			bal := acc.BalanceOn(b.asOf)
			owed := func(m practice.Money) string {
				if m > 0 {
					return m.String()
				}
				return "—"
			}
			r.Time, r.OwedA, r.OwedB, r.Owed = fees.Hours(min), owed(bal[0]), owed(bal[1]), bal[0] > 0 || bal[1] > 0
			for k := range 2 {
				r.Overdue = r.Overdue || acc.Overdue(k, b.asOf) > 0
				r.RetainerLow = r.RetainerLow || acc.RetainerOn(k, b.asOf).Low()
			}
			b.rows = append(b.rows, r)
		}
	})
}

// Month names the month of the summary: "November 2026".
func (b *billingView) Month() string { return fees.MonthOf(b.asOf).Long() }

// Rows returns one row per case with fees.
func (b *billingView) Rows() []billingRow { b.compute(); return b.rows }

// Hours returns the time of every case this month.
func (b *billingView) Hours() string { b.compute(); return fees.Hours(b.min) }

// feePages returns the ledger pages, in path order. A ledger page depends
// on its case (case.md and fees.txt, which parse reads with it) and on the
// date, which decides what is overdue.
func (s *Site) feePages() []Page {
	var pages []Page
	for _, c := range s.cases {
		href := c.FeesHref()
		if href == "" {
			continue
		}
		deps := []Dep{DepAsOf, DepCase(c.Case.ID), DepPractice}
		deps = append(deps, DepLog(c.Case.ID)) // the log's entries marked bill
		c, asOf := c, s.asOf
		pages = append(pages, Page{Path: href, Deps: sortDeps(deps), render: func(w io.Writer) error {
			data := &pageData{Title: "Fees: " + c.Case.Title, Case: c, Root: strings.Repeat("../", strings.Count(href, "/")), Fees: feesPage(c, asOf)}
			return s.execute("fees.html", href, data)(w)
		}})
	}
	slices.SortFunc(pages, func(a, b Page) int { return strings.Compare(a.Path, b.Path) })
	return pages
}
