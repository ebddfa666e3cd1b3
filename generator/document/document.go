// Package document builds the logical content of a practice's written
// documents once: a determination (or, under an appointment that only
// recommends, a recommendation) and a memorandum of agreement. The PDF
// (package pdfdoc) and the HTML twin on an issue page (package site) both
// render the *Document that Build returns, so that every word of a
// document is written here and nowhere else.
//
// A Document is a tree of plain values: a caption, numbered sections of
// blocks (paragraphs of styled runs, headings, quotations, lists, tables),
// then the signature, the certificate of service and, for a
// recommendation, a proposed order. The Markdown record becomes
// blocks by a walk of goldmark's tree, never HTML.
//
// Legal wording that depends on the jurisdiction (the effect of a
// determination while review is pending, the review route and deadline,
// the filing duty, fee warnings, the incorporation statement) comes in as
// Rules; Generic gives the wording of a practice without a jurisdiction
// profile.
package document

import "pcdocket/generator/practice"

// Kinds of document, as practice.Issue.DocumentKind names them.
const (
	KindDetermination  = "determination"
	KindRecommendation = "recommendation"
	KindAgreement      = "agreement"
)

// Document is the logical content of one document.
type Document struct {
	Kind  string // KindDetermination, KindRecommendation or KindAgreement
	Title string // "Parenting Coordinator Determination No. 4", "Amended …"
	Short string // "Determination No. 4": the running header and footer
	ID    string // the identifier printed on every page; see ID
	Re    string // "Re: " and the title, printed under the document's title
	Date  practice.Date

	// Metadata of the file.
	Author string // "Eleanor J. Miller, J.D."
	// Coordinator is the id of the coordinator who signs the document
	// (practice.Coordinator.ID); "" for the practice's default. A PDF
	// assembler picks the signing key by it.
	Coordinator string
	Subject     string // "Title, Case No. X: issue title"

	// RunningHead is the left part of the running header of page 2 on.
	RunningHead string

	Caption Caption

	// Preamble holds the blocks between the title and the first section:
	// what the document amends, its summary, whether it binds.
	Preamble []Block

	// Sections are the numbered sections, in order.
	Sections []Section

	// Signature is the signing section: the date and the coordinator's
	// signature, or for an agreement the parents' signatures too. The
	// certificate of service, when there is one, follows it and is kept
	// on the same page.
	Signature   Section
	Certificate *Section

	// ProposedOrder is the order a recommendation proposes for the
	// judge's signature; nil for other kinds. It starts on a page of its
	// own.
	ProposedOrder *Section

	// Withheld counts the sentences of the record left out because they
	// speak of the safety screening (see screening.go).
	Withheld int
}

// Caption is the court caption.
type Caption struct {
	Court   string
	CaseNo  string
	Parties [2]CaptionParty
	And     string // printed between the parties
	// Before are the lines under the case number: who the document is
	// before.
	Before []string
	// Document is the line naming the document's identifier.
	Document string
}

// CaptionParty is a party as the caption prints it, with the caption's
// punctuation: "Zoë Müller-Łukasik," and "Mother," for the first party,
// "Father." for the second's label.
type CaptionParty struct {
	Name  string
	Label string // "Mother,", or a neutral "Parent A,"
}

// Section is a heading and its blocks. Number is a Roman numeral for the
// numbered sections and "" for the others.
type Section struct {
	Number  string
	Heading string
	Blocks  []Block
}

// Title is the section's heading as printed: "IV. Process".
func (s Section) Title() string {
	if s.Number == "" {
		return s.Heading
	}
	return s.Number + ". " + s.Heading
}

// Block is one block of a section: *Paragraph, *Heading, *Quote, *List,
// *Table, *Preformatted, *Rule or *Signatures. Kind names the type for
// templates.
type Block interface {
	Kind() string
}

// Run is a piece of inline text in one style.
type Run struct {
	Text   string
	Bold   bool
	Italic bool
	Strike bool
}

// Paragraph is a paragraph of runs.
type Paragraph struct {
	Runs []Run
}

// Heading is a heading inside a section: a parent's position, a clause
// quoted, a heading of the record. Level 1 is the largest.
type Heading struct {
	Level int
	Text  string
}

// Quote is quoted text: a plan clause, a block quotation of the record.
type Quote struct {
	Blocks []Block
}

// List is a list whose items carry their labels ("1.", "•", "[1]"), so
// that both renderers print the same text.
type List struct {
	Items []Item
	Tight bool
}

// Item is a list item.
type Item struct {
	Label  string
	Blocks []Block
}

// Table is a table of plain cells. Header is nil for a table without a
// header row; Align holds "L", "C" or "R" per column.
type Table struct {
	Header []string
	Rows   [][]string
	Align  []string
}

// Preformatted is text printed line by line as written: a code block, or
// raw HTML of the record, shown as text.
type Preformatted struct {
	Text string
}

// Rule is a thin horizontal rule.
type Rule struct{}

// Signatures is a row of signature lines: two side by side when Columns is
// 2, else one under the other at the right half of the page.
type Signatures struct {
	Lines   []SignLine
	Columns int
}

// SignLine is one signature line: Signed is written on the line ("/s/
// Name") or is empty for a line to sign by hand; Name and Under are printed
// under it.
type SignLine struct {
	Signed string
	Name   string
	Under  []string
}

// Kind methods name block types for templates.
func (*Paragraph) Kind() string    { return "paragraph" }
func (*Heading) Kind() string      { return "heading" }
func (*Quote) Kind() string        { return "quote" }
func (*List) Kind() string         { return "list" }
func (*Table) Kind() string        { return "table" }
func (*Preformatted) Kind() string { return "pre" }
func (*Rule) Kind() string         { return "rule" }
func (*Signatures) Kind() string   { return "signatures" }

// text makes a paragraph of one plain run.
//
// The paragraph and its one run are allocated together, once instead of
// twice: a document makes about twenty such paragraphs, and every issue
// page with a document builds it for its twin (BenchmarkPageKinds/issue:
// 814 -> 799 allocations a page).
func text(s string) *Paragraph {
	pr := &struct {
		p Paragraph
		r [1]Run
	}{r: [1]Run{{Text: s}}}
	pr.p.Runs = pr.r[:]
	return &pr.p
}

// para makes a paragraph of runs.
func para(runs ...Run) *Paragraph { return &Paragraph{Runs: runs} }

// plain, bold and italic make runs.
func plain(s string) Run  { return Run{Text: s} }
func bold(s string) Run   { return Run{Text: s, Bold: true} }
func italic(s string) Run { return Run{Text: s, Italic: true} }
