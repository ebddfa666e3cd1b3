package pdfdoc

import (
	"strings"

	"pcdocket/generator/document"
)

const (
	cellPad  = 4.0
	cellSize = 10.0
	cellLine = 13.0
)

// table lays out a table: full text width, columns sized by content,
// cells wrapped, rows never split, the header repeated on a new page, and
// the whole table on one page when it fits on one.
func (d *doc) table(t *document.Table) {
	lay := d.layoutOf(t, d.width0())
	if lay == nil {
		return
	}
	left := d.lm()
	d.needSpace(lay.total)
	drawRow := func(cells []string, h float64, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		if d.f.GetY()+h > pageH-marginB {
			d.f.AddPage()
			if t.Header != nil && !bold {
				drawHeader(d, t.Header, lay.widths, t.Align, left)
			}
		}
		y := d.f.GetY()
		x := left
		d.f.SetDrawColor(rule[0], rule[1], rule[2])
		d.f.SetLineWidth(0.5)
		if bold {
			d.f.SetFillColor(236, 236, 236)
		}
		d.style(style, cellSize)
		for j := range cells {
			if bold {
				d.f.Rect(x, y, lay.widths[j], h, "FD")
			} else {
				d.f.Rect(x, y, lay.widths[j], h, "D")
			}
			cw := lay.widths[j] - 2*cellPad
			if d.width(cells[j]) <= cw && !strings.Contains(cells[j], "\n") {
				d.f.SetXY(x+cellPad, y+cellPad)
				d.cell(cw, cellLine, cells[j], align(t.Align, j), 0)
			} else {
				for k, l := range d.split(cells[j], cw) {
					d.f.SetXY(x+cellPad, y+cellPad+float64(k)*cellLine)
					d.cell(cw, cellLine, l, align(t.Align, j), 0)
				}
			}
			x += lay.widths[j]
		}
		d.f.SetXY(left, y+h)
	}
	if t.Header != nil {
		drawRow(t.Header, lay.header, true)
	}
	for i, r := range t.Rows {
		drawRow(r, lay.rows[i], false)
	}
	d.body("")
	d.f.Ln(paraGap + 2)
}

// tableLayout is a table's column widths and row heights.
type tableLayout struct {
	widths []float64
	header float64   // height of the header row, 0 without one
	rows   []float64 // height of each body row
	total  float64
}

func (d *doc) tableLayout(t *document.Table, avail float64) *tableLayout {
	defer d.restore(d.save())
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return nil
	}
	// Column widths: proportional to each column's natural width, with a
	// floor so that a narrow column still holds its longest word.
	nat := make([]float64, cols)
	minW := make([]float64, cols)
	measure := func(r []string, style string) {
		d.style(style, cellSize)
		for j, c := range r {
			nat[j] = max(nat[j], d.width(c)+2*cellPad)
			for rest := c; rest != ""; {
				w := rest
				if i := strings.IndexAny(rest, " \n"); i >= 0 {
					w, rest = rest[:i], rest[i+1:]
				} else {
					rest = ""
				}
				minW[j] = max(minW[j], d.width(w)+2*cellPad)
			}
		}
	}
	if t.Header != nil {
		measure(t.Header, "B")
	}
	for _, r := range t.Rows {
		measure(r, "")
	}
	lay := &tableLayout{widths: fitColumns(nat, minW, avail)}
	height := func(r []string, style string) float64 {
		n := 1
		for j, c := range r {
			n = max(n, d.lineCount(c, style, cellSize, lay.widths[j]-2*cellPad))
		}
		return float64(n)*cellLine + 2*cellPad
	}
	if t.Header != nil {
		lay.header = height(t.Header, "B")
	}
	lay.total = lay.header
	for _, r := range t.Rows {
		h := height(r, "")
		lay.rows = append(lay.rows, h)
		lay.total += h
	}
	return lay
}

// layoutOf is tableLayout, computed once per table and width: a table is
// measured to keep it with its heading and again to draw it.
func (d *doc) layoutOf(t *document.Table, w float64) *tableLayout {
	if d.tables == nil {
		d.tables = map[tableKey]*tableLayout{}
	}
	k := tableKey{t, w}
	lay, ok := d.tables[k]
	if !ok {
		lay = d.tableLayout(t, w)
		d.tables[k] = lay
	}
	return lay
}

// tableKey names a table laid out at a width.
type tableKey struct {
	t *document.Table
	w float64
}

// tableHeight is the height of table t at width w.
func (d *doc) tableHeight(t *document.Table, w float64) float64 {
	if lay := d.layoutOf(t, w); lay != nil {
		return lay.total
	}
	return 0
}

// align is column j's alignment.
func align(a []string, j int) string {
	if j < len(a) {
		return a[j]
	}
	return "L"
}

// drawHeader repeats the header row at the top of a new page.
func drawHeader(d *doc, cells []string, widths []float64, aligns []string, left float64) {
	d.style("B", cellSize)
	y := d.f.GetY()
	n := 1
	lines := make([][]string, len(cells))
	for j, c := range cells {
		lines[j] = d.split(c, widths[j]-2*cellPad)
		n = max(n, len(lines[j]))
	}
	h := float64(n)*cellLine + 2*cellPad
	x := left
	d.f.SetFillColor(236, 236, 236)
	for j := range cells {
		d.f.Rect(x, y, widths[j], h, "FD")
		for k, l := range lines[j] {
			d.f.SetXY(x+cellPad, y+cellPad+float64(k)*cellLine)
			d.cell(widths[j]-2*cellPad, cellLine, l, align(aligns, j), 0)
		}
		x += widths[j]
	}
	d.f.SetXY(left, y+h)
}

// fitColumns scales natural widths to fill avail, keeping each column at
// least its minimum where the minimums fit at all.
func fitColumns(nat, minW []float64, avail float64) []float64 {
	n := len(nat)
	w := make([]float64, n)
	var sumMin float64
	for i := range nat {
		minW[i] = min(minW[i], avail/float64(n)*2)
		sumMin += minW[i]
	}
	if sumMin > avail { // even the longest words do not fit: share equally
		for i := range w {
			w[i] = avail / float64(n)
		}
		return w
	}
	// Give every column its minimum, then share the rest by natural width.
	rest := avail - sumMin
	var extra float64
	for i := range nat {
		extra += max(nat[i]-minW[i], 0)
	}
	for i := range w {
		w[i] = minW[i]
		if extra > 0 {
			w[i] += rest * max(nat[i]-minW[i], 0) / extra
		} else {
			w[i] += rest / float64(n)
		}
	}
	return w
}
