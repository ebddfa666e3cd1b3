package pdfdoc

import (
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"pcdocket/generator/practice"
)

// Page geometry, in points on US Letter: one-inch margins, as court papers
// use, with the footer in the bottom margin.
const (
	pageW   = 612.0
	pageH   = 792.0
	marginL = 72.0
	marginR = 72.0
	marginT = 72.0
	marginB = 72.0
	textW   = pageW - marginL - marginR

	bodySize  = 11.5 // body text, pt
	bodyLine  = 15.5 // body line height
	smallSize = 9.0
	smallLine = 12.0
	paraGap   = 7.0  // space after a paragraph
	headGap   = 14.0 // space before a section heading
	hangW     = 24.0 // hanging indent of numbered paragraphs
	quoteIn   = 28.0 // left and right indent of quoted plan text
)

// Colours: near-black text, grey rules and the running header.
var (
	ink  = [3]int{20, 20, 20}
	grey = [3]int{110, 110, 110}
	rule = [3]int{150, 150, 150}
)

// doc is one document being assembled.
type doc struct {
	f     *fpdf.Fpdf
	a     *Assembler
	p     *practice.Practice
	is    *practice.Issue
	c     *practice.Case
	dl    practice.Deadlines
	id    string
	title string

	section int // number of the last numbered section

	face   int       // current face: index into fontFiles
	size   float64   // current font size
	strike bool      // current text is struck through
	loaded [4]uint64 // bit p of loaded[i]: plane p of face i is added to f
}

// style sets the font: s is "", "B", "I" or "BI", optionally with "S".
// fpdf is told only when text is drawn (see show), so that a style set
// and reset around nothing costs no font switch in the page's content.
func (d *doc) style(s string, size float64) {
	d.face, d.strike = faceIndex(s)
	d.size = size
}

// textState is the font state that the header and footer save and restore,
// since fpdf calls them in the middle of a paragraph when a page breaks.
type textState struct {
	face   int
	size   float64
	strike bool
}

func (d *doc) save() textState { return textState{d.face, d.size, d.strike} }

func (d *doc) restore(t textState) {
	d.face, d.size, d.strike = t.face, t.size, t.strike
}

// body selects the body font in style s.
func (d *doc) body(s string) { d.style(s, bodySize) }

// color sets the text colour.
func (d *doc) color(c [3]int) { d.f.SetTextColor(c[0], c[1], c[2]) }

// run is a piece of inline text in one style.
type run struct {
	text  string
	style string // "", "B", "I", "BI", possibly with "S" for strike-through
}

// para writes runs as one wrapped paragraph between the current margins and
// leaves the cursor at the start of the next paragraph.
func (d *doc) para(runs ...run) {
	d.f.SetX(d.lm())
	d.write(bodyLine, runs)
	d.f.Ln(bodyLine)
	d.f.Ln(paraGap)
}

// text is para for one run of plain text.
func (d *doc) text(s string) { d.para(run{s, ""}) }

// write flows runs from the current position with line height h.
func (d *doc) write(h float64, runs []run) {
	for _, r := range runs {
		if r.text == "" {
			continue
		}
		d.style(r.style, bodySize)
		d.flow(h, r.text)
	}
	d.body("")
}

// lm returns the current left margin.
func (d *doc) lm() float64 {
	l, _, _, _ := d.f.GetMargins()
	return l
}

// indent runs fn with the text block narrowed by left and right points.
func (d *doc) indent(left, right float64, fn func()) {
	l, _, r, _ := d.f.GetMargins()
	d.f.SetLeftMargin(l + left)
	d.f.SetRightMargin(r + right)
	d.f.SetX(l + left)
	fn()
	d.f.SetLeftMargin(l)
	d.f.SetRightMargin(r)
	d.f.SetX(l)
}

// numbered writes a paragraph with a hanging label ("1.", "a.", "•").
func (d *doc) numbered(label string, runs ...run) {
	d.needSpace(2 * bodyLine)
	l := d.lm()
	d.body("")
	d.f.SetX(l)
	d.cell(hangW, bodyLine, label, "L", 0)
	d.indent(hangW, 0, func() {
		d.f.SetX(l + hangW)
		d.write(bodyLine, runs)
		d.f.Ln(bodyLine)
	})
	d.f.Ln(paraGap * 0.6)
}

// needSpace starts a new page when less than h points remain, so that a
// heading is never left alone at the foot of a page.
func (d *doc) needSpace(h float64) {
	if d.f.GetY()+h > pageH-marginB {
		d.f.AddPage()
	}
}

// heading starts a numbered section, with a bookmark of the same name.
func (d *doc) heading(name string) {
	d.section++
	d.headingText(fmt.Sprintf("%s.  %s", roman(d.section), name), name)
}

// plainHeading starts an unnumbered section (signature, certificate).
func (d *doc) plainHeading(name string) { d.headingText(name, name) }

func (d *doc) headingText(text, mark string) {
	if d.f.GetY() > marginT+1 {
		d.f.Ln(headGap - paraGap)
	}
	d.needSpace(4 * bodyLine)
	d.f.Bookmark(mark, 0, -1)
	d.style("B", 12)
	d.f.SetX(d.lm())
	d.flow(bodyLine, strings.ToUpper(text))
	d.f.Ln(bodyLine)
	d.f.Ln(5)
	d.body("")
}

// subheading is a heading inside a section (a parent's position, a body
// heading) in bold or bold italic.
func (d *doc) subheading(text, style string, size float64) {
	d.f.Ln(2)
	d.needSpace(3 * bodyLine)
	d.style(style, size)
	d.f.SetX(d.lm())
	d.flow(bodyLine, text)
	d.f.Ln(bodyLine)
	d.f.Ln(3)
	d.body("")
}

// hrule draws a thin rule across the text block at the current position.
func (d *doc) hrule(gapBefore, gapAfter float64) {
	d.f.Ln(gapBefore)
	y := d.f.GetY()
	d.f.SetDrawColor(rule[0], rule[1], rule[2])
	d.f.SetLineWidth(0.6)
	d.f.Line(d.lm(), y, pageW-marginR, y)
	d.f.Ln(gapAfter)
}

// header is the running header, from page 2 on.
func (d *doc) header() {
	if d.f.PageNo() < 2 {
		return
	}
	defer d.restore(d.save())
	d.style("I", smallSize)
	d.color(grey)
	d.f.SetXY(marginL, 40)
	left := fmt.Sprintf("%s — Case No. %s", d.c.Title, d.c.CourtCaseNo)
	d.cell(textW*0.62, smallLine, d.fit(left, textW*0.62), "L", 0)
	d.cell(textW*0.38, smallLine, d.shortTitle(), "R", 0)
	d.f.SetDrawColor(rule[0], rule[1], rule[2])
	d.f.SetLineWidth(0.4)
	d.f.Line(marginL, 40+smallLine+2, pageW-marginR, 40+smallLine+2)
	d.color(ink)
	d.body("")
	d.f.SetXY(marginL, marginT)
}

// footer is on every page: case number, document and identifier, page.
func (d *doc) footer() {
	defer d.restore(d.save())
	y := pageH - 50
	d.f.SetDrawColor(rule[0], rule[1], rule[2])
	d.f.SetLineWidth(0.4)
	d.f.Line(marginL, y-4, pageW-marginR, y-4)
	d.style("", smallSize)
	d.color(grey)
	d.f.SetXY(marginL, y)
	d.cell(textW/3, smallLine, "Case No. "+d.c.CourtCaseNo, "L", 0)
	d.cell(textW/3, smallLine, d.shortTitle(), "C", 0)
	d.cell(textW/3, smallLine, fmt.Sprintf("Page %d of {nb}", d.f.PageNo()), "R", 0)
	d.f.SetXY(marginL, y+smallLine)
	d.cell(textW, smallLine, "Document "+d.id, "C", 0)
	d.color(ink)
}

// shortTitle is "Determination No. 3", "Recommendation No. 3" or
// "Memorandum of Agreement No. 3".
func (d *doc) shortTitle() string {
	switch d.is.DocumentKind() {
	case "agreement":
		return fmt.Sprintf("Memorandum of Agreement No. %d", d.is.Number)
	case "recommendation":
		return fmt.Sprintf("Recommendation No. %d", d.is.Number)
	}
	return fmt.Sprintf("Determination No. %d", d.is.Number)
}

// roman writes n (1..39) as an upper-case Roman numeral for section numbers.
func roman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
