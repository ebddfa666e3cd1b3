package pdfdoc

import (
	"strings"

	"pcdocket/generator/document"
)

// render lays out the whole document.
func (d *doc) render() {
	d.caption()
	if len(d.d.Preamble) > 0 {
		d.indent(quoteIn, quoteIn, func() { d.blocks(d.d.Preamble, false) })
	}
	for i := range d.d.Sections {
		d.section(&d.d.Sections[i])
	}
	d.signing()
	if po := d.d.ProposedOrder; po != nil {
		d.f.AddPage()
		d.section(po)
	}
}

// signing lays out the signature and the certificate of service, on one
// page when they fit on one: a certificate alone on the last page is not
// evidently part of the document it certifies.
func (d *doc) signing() {
	sig, cert := &d.d.Signature, d.d.Certificate
	w := d.width0()
	need := headGap + d.sectionHeight(sig, w)
	if cert != nil {
		need += d.sectionHeight(cert, w)
	}
	signed := d.signedLine()
	if signed != "" {
		need += float64(d.lineCount(signed, "I", smallSize, w))*smallLine + paraGap
	}
	d.f.Ln(headGap - paraGap)
	d.needSpace(need)
	d.section(sig)
	d.signPage = d.f.PageNo()
	if signed != "" {
		// The signature itself is invisible, in the file's signature
		// field; this line tells a reader of the printed page it is there.
		d.style("I", smallSize)
		d.color(grey)
		d.wrapped(d.lm(), w, smallLine, signed)
		d.color(ink)
		d.body("")
		d.f.Ln(paraGap)
	}
	if cert != nil {
		d.section(cert)
	}
}

// signedLine is the line under the signature of a digitally signed
// document, or "" when the Assembler does not sign.
func (d *doc) signedLine() string {
	s := d.a.signerOf(d.d)
	if s == nil {
		return ""
	}
	return "Digitally signed by " + s.Name() + " on " + d.d.Date.Long() + ". A PDF reader's signature panel shows whether the document has changed since."
}

// width0 is the width of the text block between the current margins.
func (d *doc) width0() float64 {
	l, _, r, _ := d.f.GetMargins()
	return pageW - r - l
}

// caption is the court caption: court, parties, case number, title.
func (d *doc) caption() {
	f := d.f
	c := &d.d.Caption
	f.Bookmark("Caption", 0, -1)
	d.style("B", 11.5)
	f.SetX(marginL)
	d.multiCell(textW, bodyLine, strings.ToUpper(c.Court), "C")
	f.Ln(14)

	// Two columns divided by a rule, as a court caption is; every field
	// wraps inside its column.
	top := f.GetY()
	leftW := textW * 0.55
	gutter := 14.0
	rightX := marginL + leftW + gutter

	pa, pb := c.Parties[0], c.Parties[1]
	d.indent(0, textW-leftW+gutter, func() {
		d.style("B", bodySize)
		d.flow(bodyLine, pa.Name)
		f.Ln(bodyLine)
		d.style("", bodySize)
		d.indent(36, 0, func() { d.flow(bodyLine, pa.Label) })
		f.Ln(bodyLine * 1.6)
		f.SetX(marginL + 18)
		d.flow(bodyLine, c.And)
		f.Ln(bodyLine * 1.6)
		d.style("B", bodySize)
		f.SetX(marginL)
		d.flow(bodyLine, pb.Name)
		f.Ln(bodyLine)
		d.style("", bodySize)
		d.indent(36, 0, func() { d.flow(bodyLine, pb.Label) })
		f.Ln(bodyLine)
	})
	leftEnd := f.GetY()

	f.SetXY(rightX, top)
	d.indent(leftW+gutter, 0, func() {
		d.style("B", bodySize)
		d.flow(bodyLine, c.CaseNo)
		f.Ln(bodyLine * 1.6)
		d.style("", bodySize)
		for _, l := range c.Before {
			d.flow(bodyLine, l)
			f.Ln(bodyLine)
		}
		f.Ln(bodyLine * 0.6)
		d.style("", smallSize)
		d.color(grey)
		d.flow(smallLine, c.Document)
		f.Ln(smallLine)
		d.color(ink)
	})
	bottom := max(leftEnd, f.GetY()) + 4
	f.SetDrawColor(ink[0], ink[1], ink[2])
	f.SetLineWidth(0.7)
	x := marginL + leftW + gutter/2
	f.Line(x, top-2, x, bottom)
	f.Line(marginL, bottom, x, bottom)
	f.SetXY(marginL, bottom+20)

	d.style("B", 14)
	d.multiCell(textW, 18, strings.ToUpper(d.d.Title), "C")
	f.Ln(2)
	d.style("I", bodySize)
	d.multiCell(textW, bodyLine, d.d.Re, "C")
	d.body("")
	f.Ln(10)
}

// section lays out a section: its heading, kept with what follows, and
// its blocks.
func (d *doc) section(s *document.Section) {
	if s.Heading != "" {
		if d.f.GetY() > marginT+1 {
			d.f.Ln(headGap - paraGap)
		}
		d.needSpace(d.sectionHeadHeight(s) + d.keepAfter(s.Blocks))
		d.f.Bookmark(s.Title(), 0, -1)
		d.style("B", 12)
		d.f.SetX(d.lm())
		d.flow(bodyLine, strings.ToUpper(strings.Replace(s.Title(), ". ", ".  ", 1)))
		d.f.Ln(bodyLine)
		d.f.Ln(5)
		d.body("")
	} else {
		d.f.Bookmark("Signature", 0, -1)
	}
	d.blocks(s.Blocks, false)
}

// sectionHeadHeight is the height of a section's heading line(s).
func (d *doc) sectionHeadHeight(s *document.Section) float64 {
	if s.Heading == "" {
		return 0
	}
	defer d.restore(d.save())
	d.style("B", 12)
	return float64(d.lineCount(strings.ToUpper(s.Title()), "B", 12, d.width0()))*bodyLine + 5
}

// blocks lays out blocks; a heading is kept with the block after it.
func (d *doc) blocks(bs []document.Block, tight bool) {
	for i, b := range bs {
		if h, ok := b.(*document.Heading); ok {
			d.heading(h, d.keepAfter(bs[i+1:]))
			continue
		}
		d.block(b, tight)
	}
}

func (d *doc) block(b document.Block, tight bool) {
	switch b := b.(type) {
	case *document.Paragraph:
		d.f.SetX(d.lm())
		for _, r := range b.Runs {
			if r.Text != "" {
				d.face, d.strike = runFace(r)
				d.size = bodySize
				d.flow(bodyLine, r.Text)
			}
		}
		d.body("")
		d.f.Ln(bodyLine)
		if tight {
			d.f.Ln(paraGap * 0.3)
		} else {
			d.f.Ln(paraGap)
		}
	case *document.Heading:
		d.heading(b, 0)
	case *document.Quote:
		d.indent(quoteIn, quoteIn, func() { d.blocks(b.Blocks, false) })
	case *document.List:
		d.list(b)
	case *document.Table:
		d.table(b)
	case *document.Preformatted:
		d.indent(quoteIn/2, 0, func() {
			d.f.SetX(d.lm())
			d.write(bodyLine, []run{{b.Text, ""}})
			d.f.Ln(bodyLine)
			d.f.Ln(paraGap)
		})
	case *document.Rule:
		d.hrule(2, paraGap+4)
	case *document.Signatures:
		d.signatures(b)
	}
}

// headingSize is the font size of a heading inside a section.
func headingSize(level int) float64 {
	switch level {
	case 1:
		return 12.5
	case 2:
		return 12
	}
	return bodySize
}

// heading is a heading inside a section, kept with next points of what
// follows it.
func (d *doc) heading(h *document.Heading, next float64) {
	d.f.Ln(2)
	d.needSpace(d.headingHeight(h, d.width0()) + next)
	d.style("B", headingSize(h.Level))
	d.f.SetX(d.lm())
	d.flow(bodyLine, h.Text)
	d.f.Ln(bodyLine)
	d.f.Ln(3)
	d.body("")
}

// list lays out a list with hanging labels.
func (d *doc) list(l *document.List) {
	for _, it := range l.Items {
		d.body("")
		lm := d.lm()
		first := 2 * bodyLine
		if len(it.Blocks) > 0 {
			first = min(d.keepHeight(it.Blocks[0], d.width0()-hangW), 2*bodyLine)
		}
		d.needSpace(first)
		d.f.SetX(lm)
		d.cell(hangW, bodyLine, it.Label, "L", 0)
		d.indent(hangW, 0, func() {
			d.f.SetX(lm + hangW)
			d.blocks(it.Blocks, l.Tight)
		})
	}
	if l.Tight {
		d.f.Ln(paraGap * 0.7)
	}
}

// signatures lays out a row of signature lines.
func (d *doc) signatures(s *document.Signatures) {
	d.f.Ln(bodyLine * 0.5)
	d.needSpace(d.signaturesHeight(s))
	y := d.f.GetY()
	bottom := y
	colW := textW / 2
	for i, l := range s.Lines {
		x := marginL + textW/2
		if s.Columns == 2 {
			x = marginL + float64(i%2)*colW
			if i%2 == 0 && i > 0 {
				y = bottom + bodyLine
			}
		} else if i > 0 {
			y = bottom + bodyLine
		}
		d.f.SetY(y)
		bottom = max(bottom, d.signLine(x, l))
	}
	d.f.SetXY(marginL, bottom)
	d.f.Ln(paraGap)
}

// signLine draws a signature line at x and returns the y below it.
func (d *doc) signLine(x float64, l document.SignLine) float64 {
	f := d.f
	w := signW
	y := f.GetY() + 34 // room to sign above the line
	if l.Signed != "" {
		f.SetXY(x, y-bodyLine)
		d.style("I", bodySize)
		d.cell(w, bodyLine, l.Signed, "L", 2)
	}
	f.SetDrawColor(ink[0], ink[1], ink[2])
	f.SetLineWidth(0.6)
	f.Line(x, y, x+w, y)
	f.SetXY(x, y+3)
	d.style("B", bodySize)
	d.wrapped(x, w, bodyLine, l.Name)
	d.style("", 10)
	for _, u := range l.Under {
		if u != "" {
			d.wrapped(x, w, 13, u)
		}
	}
	d.body("")
	return f.GetY()
}

// signW is the width of a signature line and the text under it.
const signW = 220.0

// signLineHeight is the height signLine takes for l.
func (d *doc) signLineHeight(l document.SignLine) float64 {
	h := 37 + float64(d.lineCount(l.Name, "B", bodySize, signW))*bodyLine
	for _, u := range l.Under {
		if u != "" {
			h += 13 * float64(d.lineCount(u, "", 10, signW))
		}
	}
	return h
}

// Heights, measured as the layout above draws, so that what must stay
// together can be moved to a new page before it is drawn.

// keepAfter is how much of bs must follow a heading on its page: the
// first lines of the first block, or a short introduction ("… as
// follows:") whole with the first lines of what it introduces.
func (d *doc) keepAfter(bs []document.Block) float64 {
	if len(bs) == 0 {
		return 0
	}
	w := d.width0()
	if h, ok := bs[0].(*document.Heading); ok { // a heading keeps what it keeps
		return 2 + d.headingHeight(h, w) + d.keepAfter(bs[1:])
	}
	if p, ok := bs[0].(*document.Paragraph); ok && len(bs) > 1 {
		if n := d.paraLines(p.Runs, w, 3); n <= 2 {
			return float64(n)*bodyLine + paraGap + d.keepHeight(bs[1], w)
		}
	}
	return d.keepHeight(bs[0], w)
}

// keepHeight is how much of block b must follow a heading on its page:
// the first lines of text, or a whole table that fits on a page.
func (d *doc) keepHeight(b document.Block, w float64) float64 {
	switch b := b.(type) {
	case *document.Table:
		return min(d.tableHeight(b, w), pageH-marginT-marginB-4*bodyLine)
	case *document.Quote:
		if len(b.Blocks) > 0 {
			return d.keepHeight(b.Blocks[0], w-2*quoteIn)
		}
	case *document.List:
		if len(b.Items) > 0 && len(b.Items[0].Blocks) > 0 {
			return d.keepHeight(b.Items[0].Blocks[0], w-hangW)
		}
	case *document.Heading:
		return d.headingHeight(b, w) + 2*bodyLine
	case *document.Signatures:
		return d.signaturesHeight(b)
	}
	if p, ok := b.(*document.Paragraph); ok { // count no further than needed
		return float64(d.paraLines(p.Runs, w, 3))*bodyLine + paraGap
	}
	return min(d.blockHeight(b, w, false), 3*bodyLine+paraGap)
}

// sectionHeight is the height of a whole section at width w.
func (d *doc) sectionHeight(s *document.Section, w float64) float64 {
	h := d.sectionHeadHeight(s)
	if s.Heading != "" {
		h += headGap
	}
	for _, b := range s.Blocks {
		h += d.blockHeight(b, w, false)
	}
	return h
}

func (d *doc) blockHeight(b document.Block, w float64, tight bool) float64 {
	switch b := b.(type) {
	case *document.Paragraph:
		gap := paraGap
		if tight {
			gap = paraGap * 0.3
		}
		return float64(d.paraLines(b.Runs, w, 0))*bodyLine + gap
	case *document.Heading:
		return d.headingHeight(b, w)
	case *document.Quote:
		var h float64
		for _, c := range b.Blocks {
			h += d.blockHeight(c, w-2*quoteIn, false)
		}
		return h
	case *document.List:
		var h float64
		for _, it := range b.Items {
			for _, c := range it.Blocks {
				h += d.blockHeight(c, w-hangW, b.Tight)
			}
		}
		if b.Tight {
			h += paraGap * 0.7
		}
		return h
	case *document.Table:
		return d.tableHeight(b, w) + paraGap + 2
	case *document.Preformatted:
		return float64(d.lineCount(b.Text, "", bodySize, w-quoteIn/2))*bodyLine + paraGap
	case *document.Rule:
		return paraGap + 6
	case *document.Signatures:
		return d.signaturesHeight(b)
	}
	return 0
}

func (d *doc) headingHeight(h *document.Heading, w float64) float64 {
	return float64(d.lineCount(h.Text, "B", headingSize(h.Level), w))*bodyLine + 5
}

func (d *doc) signaturesHeight(s *document.Signatures) float64 {
	one := d.signLineHeight
	var h float64
	per := 1
	if s.Columns == 2 {
		per = 2
	}
	for i := 0; i < len(s.Lines); i += per {
		row := 0.0
		for j := i; j < min(i+per, len(s.Lines)); j++ {
			row = max(row, one(s.Lines[j]))
		}
		if i > 0 {
			h += bodyLine
		}
		h += row
	}
	return h + bodyLine*0.5 + paraGap
}

// wrapped draws s at x in lines no wider than w, each h high, in the
// current style.
func (d *doc) wrapped(x, w, h float64, s string) {
	if d.width(s) <= w {
		d.f.SetX(x)
		d.cell(w, h, s, "L", 2)
		return
	}
	for _, l := range d.split(s, w) {
		d.f.SetX(x)
		d.cell(w, h, l, "L", 2)
	}
}

// lineCount counts the lines s takes at width w in style and size.
func (d *doc) lineCount(s, style string, size, w float64) int {
	defer d.restore(d.save())
	d.style(style, size)
	_, n := d.measure(0, w, s, 0)
	return n + 1
}

// paraLines counts the lines a paragraph's runs take at width w, or
// stops counting once it passes limit lines when limit is not 0.
func (d *doc) paraLines(rs []document.Run, w float64, limit int) int {
	defer d.restore(d.save())
	x, lines := 0.0, 1
	for _, r := range rs {
		if limit > 0 && lines >= limit {
			return limit
		}
		if r.Text == "" {
			continue
		}
		d.face, d.strike = runFace(r)
		d.size = bodySize
		var n int
		x, n = d.measure(x, w, r.Text, max(limit-lines, 0))
		lines += n
	}
	return lines
}

// runFace is the face index and strike-through of a run.
func runFace(r document.Run) (int, bool) {
	i := 0
	if r.Bold {
		i |= 1
	}
	if r.Italic {
		i |= 2
	}
	return i, r.Strike
}

// measure follows flow's line breaking of s from x on lines of width w,
// and returns where s ends and how many new lines it started; when limit
// is not 0 it stops once it has started limit new lines.
func (d *doc) measure(x, w float64, s string, limit int) (float64, int) {
	lines := 0
	var more func() bool
	if limit > 0 {
		more = func() bool { return lines < limit }
	}
	x = d.wrap(x, 0, w, s, more, func(string) {}, func() { lines++ })
	return x, lines
}
