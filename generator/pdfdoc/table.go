package pdfdoc

import (
	"strings"

	east "github.com/yuin/goldmark/extension/ast"
)

const (
	cellPad  = 4.0
	cellSize = 10.0
	cellLine = 13.0
)

// table renders a GFM table: full text width, columns sized by content,
// cells wrapped, rows never split, and the header repeated on a new page.
func (m *mdWriter) table(t *east.Table) {
	d := m.d
	var rows [][]string
	header := -1
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, plain(m.inline(c)))
		}
		if _, ok := r.(*east.TableHeader); ok {
			header = len(rows)
		}
		rows = append(rows, cells)
	}
	if len(rows) == 0 {
		return
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	for i := range rows {
		for len(rows[i]) < cols {
			rows[i] = append(rows[i], "")
		}
	}
	align := make([]string, cols)
	for i := range align {
		align[i] = "L"
		if i < len(t.Alignments) {
			switch t.Alignments[i] {
			case east.AlignRight:
				align[i] = "R"
			case east.AlignCenter:
				align[i] = "C"
			}
		}
	}

	// Column widths: proportional to each column's natural width, with a
	// floor so that a narrow column still holds its longest word.
	left := d.lm()
	_, _, rm, _ := d.f.GetMargins()
	avail := pageW - rm - left
	nat := make([]float64, cols)
	minW := make([]float64, cols)
	for i, r := range rows {
		if i == header {
			d.style("B", cellSize)
		} else {
			d.style("", cellSize)
		}
		for j, c := range r {
			nat[j] = max(nat[j], d.width(c)+2*cellPad)
			for _, w := range strings.Fields(c) {
				minW[j] = max(minW[j], d.width(w)+2*cellPad)
			}
		}
	}
	widths := fitColumns(nat, minW, avail)

	drawRow := func(cells []string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		d.style(style, cellSize)
		lines := make([][]string, cols)
		n := 1
		for j, c := range cells {
			lines[j] = d.split(c, widths[j]-2*cellPad)
			n = max(n, len(lines[j]))
		}
		h := float64(n)*cellLine + 2*cellPad
		if d.f.GetY()+h > pageH-marginB {
			d.f.AddPage()
			if header >= 0 && !bold {
				drawHeader(d, rows[header], widths, align, left)
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
				d.f.Rect(x, y, widths[j], h, "FD")
			} else {
				d.f.Rect(x, y, widths[j], h, "D")
			}
			for k, l := range lines[j] {
				d.f.SetXY(x+cellPad, y+cellPad+float64(k)*cellLine)
				d.cell(widths[j]-2*cellPad, cellLine, l, align[j], 0)
			}
			x += widths[j]
		}
		d.f.SetXY(left, y+h)
	}
	d.needSpace(3 * cellLine)
	for i, r := range rows {
		drawRow(r, i == header)
	}
	d.body("")
	d.f.Ln(paraGap + 2)
}

// drawHeader repeats the header row at the top of a new page.
func drawHeader(d *doc, cells []string, widths []float64, align []string, left float64) {
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
			d.cell(widths[j]-2*cellPad, cellLine, l, align[j], 0)
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
