package pdfdoc

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"

	"pcdocket/generator/fontsubset"
)

// The text layer: every string reaches fpdf through these functions. They
// measure with the face's width table, break lines themselves (so that a
// word whose letters fall in different planes still breaks only at
// spaces) and draw each run of one plane with one fpdf cell.

// faceStyles are fpdf's style names of the four faces, by face index.
var faceStyles = [4]string{"", "B", "I", "BI"}

// planeFamilies are the fpdf family names of the planes.
var planeFamilies = func() (f [fontsubset.MaxPlanes]string) {
	for i := range f {
		f[i] = family + strconv.Itoa(i)
	}
	return f
}()

// faceIndex maps a style ("", "B", "I", "BI", optionally with "S") to a
// face index and whether the text is struck through.
func faceIndex(s string) (int, bool) {
	strike := strings.Contains(s, "S")
	i := 0
	if strings.Contains(s, "B") {
		i |= 1
	}
	if strings.Contains(s, "I") {
		i |= 2
	}
	return i, strike
}

// plane selects plane p of the current face in fpdf, adding it to the
// document on first use: a document embeds only the planes it draws.
func (d *doc) plane(p uint8) {
	fc := d.a.faces[d.face]
	if d.loaded[d.face]&(1<<p) == 0 {
		pd := fc.Planes[p]
		d.f.AddFontFromBytes(planeFamilies[p], faceStyles[d.face], pd.Def, pd.File)
		d.loaded[d.face] |= 1 << p
	}
	sel := fontSel{plane: p, face: d.face, strike: d.strike, size: d.size, ok: true}
	if sel == d.sel {
		return // fpdf writes a font change into the page even when nothing changes
	}
	d.sel = sel
	st := faceStyles[d.face]
	if d.strike {
		st = strikeStyles[d.face]
	}
	d.f.SetFont(planeFamilies[p], st, d.size)
}

// fontSel is the font last selected in fpdf; the zero value selects
// nothing, so that the next plane call sets the font.
type fontSel struct {
	plane  uint8
	face   int
	strike bool
	size   float64
	ok     bool
}

// strikeStyles are faceStyles struck through.
var strikeStyles = [4]string{"S", "BS", "IS", "BIS"}

// width is the width of s in the current face and size, in points.
func (d *doc) width(s string) float64 {
	if d.complex(s) {
		return d.widthComplex(s)
	}
	return d.widthPlain(s)
}

// widthPlain is width for text the simple fonts draw.
func (d *doc) widthPlain(s string) float64 {
	fc := d.a.faces[d.face]
	var w int
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf {
			w += int(fc.ByteWidth(c))
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		w += int(fc.Glyph(r).Width)
		i += n - 1
	}
	return float64(w) * d.size / 1000
}

// show draws s from the current position on one line and leaves x after
// it: through the simple fonts, or, when s holds characters they cannot
// draw, through the shaped text layer (shaped.go).
func (d *doc) show(s string, h float64) {
	if s == "" {
		return
	}
	if d.complex(s) {
		d.showComplex(s, h)
		return
	}
	d.showPlain(s, h)
}

// showPlain draws s, one fpdf cell per run of characters in one plane.
func (d *doc) showPlain(s string, h float64) {
	if s == "" {
		return
	}
	fc := d.a.faces[d.face]
	var stack [256]byte
	buf := stack[:0]
	var cur uint8
	var w int
	flush := func() {
		if len(buf) == 0 {
			return
		}
		d.plane(cur)
		d.f.CellFormat(float64(w)*d.size/1000, h, string(buf), "", 0, "L", false, 0, "")
		buf, w = buf[:0], 0
	}
	for _, r := range s {
		g := fc.Glyph(r)
		if g.Plane != cur && len(buf) > 0 {
			flush()
		}
		cur = g.Plane
		buf = append(buf, g.Code)
		w += int(g.Width)
	}
	flush()
}

// flow writes s from the current position, wrapping at spaces between the
// current margins with line height h, as fpdf's Write does; a newline in s
// starts a new line. A word wider than the line is broken where it must.
func (d *doc) flow(h float64, s string) {
	l, _, r, _ := d.f.GetMargins()
	var line strings.Builder
	d.wrap(d.f.GetX(), l, pageW-r, s, nil,
		func(text string) { line.WriteString(text) },
		func() {
			d.show(line.String(), h)
			line.Reset()
			d.f.Ln(h)
			d.f.SetX(l)
		})
	d.show(line.String(), h)
}

// wrap is the one line-breaking rule of the documents: flow draws by it
// and measure counts by it, so that what is measured is what is drawn. It
// lays s out from x on lines from left to right, calling put with each
// piece of text placed on the current line (a space, a word or the part of
// a word that fits) and br at each line break, and returns where s ends.
// When more is not nil, wrap stops before any step for which more reports
// false.
func (d *doc) wrap(x, left, right float64, s string, more func() bool, put func(string), br func()) float64 {
	right += 0.01
	spaceW := d.width(" ")
	placed := false // text on the current line, which a space may follow
	newline := func() {
		br()
		x, placed = left, false
	}
	for s != "" {
		if more != nil && !more() {
			return x
		}
		switch s[0] {
		case '\n':
			newline()
			s = s[1:]
			continue
		case ' ':
			if placed || x > left+0.01 {
				put(" ")
				x += spaceW
				placed = true
			}
			s = s[1:]
			continue
		}
		end := strings.IndexAny(s, " \n")
		if end < 0 {
			end = len(s)
		}
		whole := s[:end]
		s = s[end:]
		one := [1]string{whole}
		for _, word := range pieces(whole, one[:]) {
			ww := d.width(word)
			if x+ww > right && x > left+0.01 {
				newline()
			}
			for ww > right-x && word != "" { // longer than a line: break it
				n := d.breakWord(word, right-x)
				put(word[:n])
				word = word[n:]
				newline()
				ww = d.width(word)
			}
			if word != "" {
				put(word)
				placed = true
			}
			x += ww
		}
	}
	return x
}

// breakWord returns how many bytes of word, which is wider than w, to set
// on the line: as many as fit, back to just after a hyphen when there is
// one (a case number breaks between its parts), and at least one
// character.
func (d *doc) breakWord(word string, w float64) int {
	n := d.fits(word, w)
	if n == 0 {
		_, n = utf8.DecodeRuneInString(word)
		return n
	}
	if i := strings.LastIndexByte(word[:n], '-'); i > 0 && n < len(word) {
		return i + 1
	}
	return n
}

// fits returns how many bytes of s fit in w.
func (d *doc) fits(s string, w float64) int {
	limit := w * 1000 / d.size
	var sum int
	for i, r := range s {
		sum += d.runeWidth(r)
		if float64(sum) > limit {
			return i
		}
	}
	return len(s)
}

// cell draws s in a box w wide, aligned "L", "C" or "R", like fpdf's
// CellFormat without border: ln 0 leaves the position to the right of the
// box, 1 at the start of the next line, 2 below the box.
func (d *doc) cell(w, h float64, s, align string, ln int) {
	x0 := d.f.GetX()
	dx := 0.0
	switch align {
	case "C":
		dx = (w - d.width(s)) / 2
	case "R":
		dx = w - d.width(s)
	}
	d.f.SetX(x0 + dx)
	d.show(s, h)
	y := d.f.GetY()
	switch ln {
	case 0:
		d.f.SetX(x0 + w)
	case 1:
		l, _, _, _ := d.f.GetMargins()
		d.f.SetXY(l, y+h)
	default:
		d.f.SetXY(x0, y+h)
	}
}

// multiCell wraps s into lines of width w, each aligned as align, and
// leaves the position at the left margin below them, as fpdf's MultiCell.
func (d *doc) multiCell(w, h float64, s, align string) {
	x := d.f.GetX()
	for _, line := range d.split(s, w) {
		d.f.SetX(x)
		d.cell(w, h, line, align, 2)
	}
	l, _, _, _ := d.f.GetMargins()
	d.f.SetX(l)
}

// split breaks s into lines no wider than w at spaces (and at newlines),
// breaking a word only when it is wider than a line.
func (d *doc) split(s string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		var line string
		var lw float64
		spaceW := d.width(" ")
		for _, whole := range strings.Fields(para) {
			sep, sepW := " ", spaceW
			one := [1]string{whole}
			for _, word := range pieces(whole, one[:]) {
				ww := d.width(word)
				switch {
				case line == "":
				case lw+sepW+ww <= w+0.01:
					line += sep + word
					lw += sepW + ww
					sep, sepW = "", 0
					continue
				default:
					lines = append(lines, line)
				}
				for ww > w+0.01 {
					n := d.breakWord(word, w)
					lines = append(lines, word[:n])
					word = word[n:]
					ww = d.width(word)
				}
				line, lw = word, ww
				sep, sepW = "", 0
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// fit shortens s with an ellipsis until it fits in w.
func (d *doc) fit(s string, w float64) string {
	if d.width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && d.width(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ,—-") + "…"
}

// pieces cuts a word (text between spaces) where a line may break inside
// it: in Chinese, Japanese and Korean, which are written without spaces,
// at the break opportunities of the Unicode line breaking algorithm (UAX
// #14, go-text's segmenter). Any other word is one piece, broken only when
// it is wider than a line (see breakWord), and comes back as one, a
// slice the caller provides so that the common case allocates nothing.
func pieces(word string, one []string) []string {
	if !breaksInside(word) {
		return one
	}
	var sg segmenter.Segmenter
	sg.Init([]rune(word))
	it := sg.LineIterator()
	var out []string
	for it.Next() {
		out = append(out, string(it.Line().Text))
	}
	if len(out) == 0 {
		return one
	}
	return out
}

// breaksInside reports whether word holds a character of a script written
// without spaces between words.
func breaksInside(word string) bool {
	for i := 0; i < len(word); i++ {
		if word[i] < 0xE0 { // below U+0800 (3-byte UTF-8 sequences start at 0xE0)
			continue
		}
		for _, r := range word[i:] {
			if r >= 0x2E80 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) || r >= 0x3000 && r < 0x3040 || r >= 0xFF00 && r < 0xFFF0) {
				return true
			}
		}
		return false
	}
	return false
}
