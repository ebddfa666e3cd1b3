package pdfdoc

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"

	"pcdocket/generator/document"
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

// doc is one document being laid out.
type doc struct {
	f *fpdf.Fpdf
	a *Assembler
	d *document.Document

	tables map[tableKey]*tableLayout // see layoutOf
	sel    fontSel                   // the font fpdf has selected, as far as we know

	face   int       // current face: index into fontFiles
	size   float64   // current font size
	strike bool      // current text is struck through
	loaded [4]uint64 // bit p of loaded[i]: plane p of face i is added to f

	signPage int // the page of the signature section

	ink  [3]int      // the text colour
	inHF bool        // drawing the header or footer: no page break
	used []*usedFont // fallback faces drawn with, in order of first use
	err  error       // a character no font draws (see fail)
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
func (d *doc) color(c [3]int) {
	d.ink = c
	d.f.SetTextColor(c[0], c[1], c[2])
}

// run is a piece of inline text in one style.
type run struct {
	text  string
	style string // "", "B", "I", "BI", possibly with "S" for strike-through
}

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

// needSpace starts a new page when less than h points remain and h fits
// on a page at all, so that what h measures is not split.
func (d *doc) needSpace(h float64) {
	if d.f.GetY()+h > pageH-marginB && h <= pageH-marginB-marginT {
		d.f.AddPage()
	}
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

// header is the running header, from page 2 on. fpdf selects its own
// font again after the header and footer, so both forget the font
// selected.
func (d *doc) header() {
	d.sel = fontSel{}
	d.inHF = true
	defer func() { d.sel, d.inHF = fontSel{}, false }()
	if d.f.PageNo() < 2 {
		return
	}
	defer d.restore(d.save())
	d.style("I", smallSize)
	d.color(grey)
	d.f.SetXY(marginL, 40)
	d.cell(textW*0.62, smallLine, d.fit(d.d.RunningHead, textW*0.62-6), "L", 0)
	d.cell(textW*0.38, smallLine, d.fit(d.d.Short, textW*0.38), "R", 0)
	d.f.SetDrawColor(rule[0], rule[1], rule[2])
	d.f.SetLineWidth(0.4)
	d.f.Line(marginL, 40+smallLine+2, pageW-marginR, 40+smallLine+2)
	d.color(ink)
	d.body("")
	d.f.SetXY(marginL, marginT)
}

// footer is on every page: case number, document, page, and identifier.
// Each part is fitted to its third of the line, so that a long case
// number never runs into the next.
func (d *doc) footer() {
	d.sel = fontSel{}
	d.inHF = true
	defer func() { d.sel, d.inHF = fontSel{}, false }()
	defer d.restore(d.save())
	y := pageH - 50
	d.f.SetDrawColor(rule[0], rule[1], rule[2])
	d.f.SetLineWidth(0.4)
	d.f.Line(marginL, y-4, pageW-marginR, y-4)
	d.style("", smallSize)
	d.color(grey)
	d.f.SetXY(marginL, y)
	third := textW / 3
	d.cell(third, smallLine, d.fit(d.d.Caption.CaseNo, third-6), "L", 0)
	d.cell(third, smallLine, d.fit(d.d.Short, third-6), "C", 0)
	d.cell(third, smallLine, fmt.Sprintf("Page %d of {nb}", d.f.PageNo()), "R", 0)
	d.f.SetXY(marginL, y+smallLine)
	d.cell(textW, smallLine, d.fit(d.d.Caption.Document, textW), "C", 0)
	d.color(ink)
}
