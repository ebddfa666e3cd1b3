package pdfdoc

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	gobidi "github.com/go-text/typesetting/bidi"
	"golang.org/x/text/unicode/bidi"

	"pcdocket/generator/fontstack"
	"pcdocket/generator/fontsubset"
)

// The shaped text layer: text the embedded serif family cannot draw as it
// is (Arabic, Hebrew, Devanagari, CJK, ...) is drawn here, in a face the
// font stack (package fontstack) finds, shaped (joining forms, conjuncts,
// marks) and put in visual order by the Unicode bidirectional algorithm.
// Each face is embedded as a Type0 font (CIDFontType2, Identity-H) holding
// a subset of its glyphs, with a ToUnicode map; every shaped run is also
// marked with its text as typed (/ActualText), so that copying or
// extracting the text gives back the names as the case file has them.
//
// Text that needs none of this (every Latin-only document) never comes
// here: show and width test for it first, and the simple fonts of text.go
// draw it as before.

// plain reports whether r is drawn by the current face's simple fonts:
// a character the face has, outside the scripts that need shaping or run
// right to left.
func (d *doc) plain(r rune) bool {
	if r < utf8.RuneSelf {
		return true
	}
	if r == '\u00a0' {
		return true
	}
	if r < 0x0590 || r >= 0x1D00 && r < 0x2E80 || r >= 0xFB00 && r < 0xFB07 {
		return d.a.faces[d.face].Has(r)
	}
	return false
}

// complex reports whether s holds a character that is not plain.
func (d *doc) complex(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		for _, r := range s[i:] {
			if !d.plain(r) {
				return true
			}
		}
		return false
	}
	return false
}

// seg is a piece of one line in one face: nil is the embedded family.
type seg struct {
	text string
	face *fontstack.Face
	rtl  bool
}

// rtlRune reports whether r is a strong right-to-left character.
func rtlRune(r rune) bool {
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}

// segments cuts s into runs of one face, in logical order. A character
// that is not a letter (space, punctuation, digit, mark) stays in the face
// of the run before it when that face has it, so that a name is not cut
// between fonts at its spaces. A character no font draws is reported
// (see fail) and left out.
func (d *doc) segments(s string) []seg {
	var out []seg
	var cur *fontstack.Face
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			t := b.String()
			rtl := false
			for _, r := range t {
				if rtlRune(r) {
					rtl = true
					break
				}
			}
			out = append(out, seg{text: t, face: cur, rtl: rtl})
			b.Reset()
		}
	}
	for _, r := range s {
		var f *fontstack.Face
		switch {
		case cur != nil && cur.Has(r) && !(unicode.IsLetter(r) && d.plain(r)):
			f = cur
		case d.plain(r):
			f = nil
		default:
			f = d.a.stack.Face(r)
			if f == nil {
				d.fail(r)
				continue
			}
			f = d.a.stack.Styled(f, d.face&1 != 0, d.face&2 != 0, r)
		}
		if f != cur {
			flush()
			cur = f
		}
		b.WriteRune(r)
	}
	flush()
	return out
}

// fail records that no font draws r: the document is refused rather than
// printed with a replacement glyph.
func (d *doc) fail(r rune) {
	if d.err != nil {
		return
	}
	script := fontstack.Script(r)
	if script == "" {
		script = "no script"
	}
	if r > 0xFFFF {
		d.err = fmt.Errorf("%U %q (%s) cannot be printed (fonts are read for characters up to U+FFFF): write it out in words", r, r, script)
		return
	}
	d.err = fmt.Errorf("%U %q (%s) has no font that can draw it: install the %s package, or name a font that has it in practice.yaml documents.fonts", r, r, script, fontstack.Package(fontstack.Script(r)))
}

// vrun is a run of one direction, in the line's visual order.
type vrun struct {
	text string
	rtl  bool
}

// visual orders the runs of line s by the Unicode bidirectional
// algorithm (go-text's implementation: the levels of UAX #9, then its rule
// L2 here), with a left-to-right paragraph: the documents are in a
// left-to-right language, and a line wholly in Arabic is one run either way.
func visual(s string) []vrun {
	hasRTL := false
	for _, r := range s {
		if rtlRune(r) {
			hasRTL = true
			break
		}
	}
	if !hasRTL {
		return []vrun{{s, false}}
	}
	rs := []rune(s)
	var p gobidi.Paragraph
	runs := p.Segment(rs, gobidi.LeftToRight)
	type lrun struct {
		text  string
		level gobidi.Level
	}
	out := make([]lrun, 0, runs.NumRuns())
	var top gobidi.Level
	for i := range runs.NumRuns() {
		r := runs.Run(i)
		out = append(out, lrun{string(rs[r.Start:r.End]), r.Level})
		top = max(top, r.Level)
	}
	// L2: from the highest level down to the lowest odd one, reverse
	// every sequence of runs at that level or higher.
	for lv := top; lv >= 1; lv-- {
		for i := 0; i < len(out); {
			if out[i].level < lv {
				i++
				continue
			}
			j := i
			for j < len(out) && out[j].level >= lv {
				j++
			}
			slices.Reverse(out[i:j])
			i = j
		}
	}
	v := make([]vrun, len(out))
	for i, r := range out {
		v[i] = vrun{r.text, r.level%2 == 1}
	}
	return v
}

// showComplex draws line s, which holds characters that are not plain.
func (d *doc) showComplex(s string, h float64) {
	for _, vr := range visual(s) {
		segs := d.segments(vr.text)
		if vr.rtl {
			slices.Reverse(segs)
		}
		for _, sg := range segs {
			if sg.face == nil {
				d.showPlain(sg.text, h)
			} else {
				d.showShaped(sg, h)
			}
		}
	}
}

// widthComplex is width for text that holds characters that are not plain.
func (d *doc) widthComplex(s string) float64 {
	var w float64
	for _, sg := range d.segments(s) {
		if sg.face == nil {
			w += d.widthPlain(sg.text)
			continue
		}
		var adv int32
		for _, g := range d.a.shape(sg) {
			adv += g.Advance
		}
		w += float64(adv) * d.size / 1000
	}
	return w
}

// runeWidth is the width of r alone, in thousandths of an em: what
// breaking a word inside measures.
func (d *doc) runeWidth(r rune) int {
	if d.plain(r) {
		return int(d.a.faces[d.face].Glyph(r).Width)
	}
	f := d.a.stack.Face(r)
	if f == nil {
		return 0
	}
	gid, _ := f.Font.NominalGlyph(r)
	return f.Advance(uint16(gid))
}

// shapeKey identifies a shaped run in the Assembler's cache.
type shapeKey struct {
	face *fontstack.Face
	text string
	rtl  bool
}

// shape shapes sg, once per Assembler.
func (a *Assembler) shape(sg seg) []fontstack.Glyph {
	k := shapeKey{sg.face, sg.text, sg.rtl}
	if g, ok := a.shaped.Load(k); ok {
		return g.([]fontstack.Glyph)
	}
	g := sg.face.Shape([]rune(sg.text), sg.rtl)
	a.shaped.Store(k, g)
	return g
}

// showShaped draws a shaped run at the current position, marked with its
// text, and leaves x after it.
func (d *doc) showShaped(sg seg, h float64) {
	gs := d.a.shape(sg)
	var adv int32
	for _, g := range gs {
		adv += g.Advance
	}
	w := float64(adv) * d.size / 1000
	if !d.inHF && d.f.GetY()+h > pageH-marginB {
		if auto, _ := d.f.GetAutoPageBreak(); auto {
			x := d.f.GetX()
			d.f.AddPage()
			d.f.SetX(x)
		}
	}
	x, y := d.f.GetX(), d.f.GetY()
	u := d.use(sg.face)
	runes := []rune(sg.text)
	base := pageH - (y + 0.5*h + 0.3*d.size)
	var b strings.Builder
	// A left-to-right run is marked with its text as typed, since shaping
	// may reorder its glyphs (a Devanagari vowel sign drawn before its
	// consonant). A right-to-left run is not: its glyphs stand left to
	// right in visual order, each mapped to its characters by the ToUnicode
	// map, which is how extractors expect right-to-left text and put it
	// back in logical order; a marked run would be reversed a second time.
	if !sg.rtl {
		b.WriteString("/Span <</ActualText <FEFF")
		for _, c := range utf16.Encode(runes) {
			fmt.Fprintf(&b, "%04X", c)
		}
		b.WriteString(">>> BDC ")
	}
	fmt.Fprintf(&b, "q %s rg BT /%s %s Tf", rgb(d.ink), u.res, num(d.size))
	// Each glyph is placed by its own text matrix, so the order they are
	// written in is free: a right-to-left run writes its words in logical
	// order, each word's glyphs left to right as the shaper gives them,
	// so that extractors that follow the content stream (pdftotext -raw)
	// read the words in the order they were typed, and those that follow
	// the page (pdftotext) still see each word as one.
	cmds := make([]string, len(gs))
	pen := int32(0)
	last := -1
	for i, g := range gs {
		gx := x + float64(pen+g.X)*d.size/1000
		gy := base + float64(g.Y)*d.size/1000
		cmds[i] = " 1 0 0 1 " + num(gx) + " " + num(gy) + " Tm <" + fmt.Sprintf("%04X", g.ID) + "> Tj"
		pen += g.Advance
		if g.Cluster != last && g.Cluster >= 0 && g.Cluster+g.Runes <= len(runes) {
			u.add(g.ID, string(runes[g.Cluster:g.Cluster+max(g.Runes, 1)]))
		} else {
			u.add(g.ID, "")
		}
		last = g.Cluster
	}
	if sg.rtl {
		// Words in logical order, each word's glyphs left to right.
		var words [][]string
		start := 0
		for i, g := range gs {
			if g.Cluster >= 0 && g.Cluster < len(runes) && runes[g.Cluster] == ' ' {
				words = append(words, cmds[start:i], cmds[i:i+1])
				start = i + 1
			}
		}
		words = append(words, cmds[start:])
		slices.Reverse(words)
		cmds = slices.Concat(words...)
	}
	for _, c := range cmds {
		b.WriteString(c)
	}
	b.WriteString(" ET")
	if d.strike {
		// A bar through the middle of the lowercase letters, as fpdf
		// strikes the simple fonts' text.
		fmt.Fprintf(&b, " %s %s %s %s re f", num(x), num(base+0.25*d.size), num(w), num(0.05*d.size))
	}
	b.WriteString(" Q")
	if !sg.rtl {
		b.WriteString(" EMC")
	}
	d.f.RawWriteStr(b.String())
	d.f.SetX(x + w)
}

// num formats a coordinate as fpdf does: two decimals.
func num(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// rgb is a non-stroking colour operand.
func rgb(c [3]int) string {
	return num(float64(c[0])/255) + " " + num(float64(c[1])/255) + " " + num(float64(c[2])/255)
}

// usedFont is a fallback face a document draws with: its resource name
// and, for each glyph used, the text it stands for.
type usedFont struct {
	face *fontstack.Face
	res  string
	text map[uint16]string
}

// add records glyph gid as drawing text; the first text recorded for a
// glyph is the one its ToUnicode entry gives.
func (u *usedFont) add(gid uint16, text string) {
	if old, ok := u.text[gid]; !ok || old == "" {
		u.text[gid] = text
	}
}

// use returns the document's usedFont for f, adding it on first use.
func (d *doc) use(f *fontstack.Face) *usedFont {
	for _, u := range d.used {
		if u.face == f {
			return u
		}
	}
	u := &usedFont{face: f, res: "PCF" + strconv.Itoa(len(d.used)+1), text: map[uint16]string{}}
	d.used = append(d.used, u)
	return u
}

// subsetCache holds the compressed subsets of fallback faces by face and
// glyph set, so that documents naming the same parties share the work.
type subsetCache struct{ m sync.Map }

// coverage caches Coverage's reading of a serif family, by its bytes.
var coverage sync.Map // string(regular face's bytes) digest -> *fontsubset.Face

// Coverage returns whether documents made with the serif family in tmpl
// (see New) and the font stack st can draw r: what `check` asks of every
// character of a document's text, by the same rule show follows.
func Coverage(tmpl fs.FS, st *fontstack.Stack) (func(rune) bool, error) {
	b, err := fs.ReadFile(tmpl, FontDir+"/"+fontFiles[0].file)
	if err != nil {
		return nil, fmt.Errorf("pdfdoc: font: %w", err)
	}
	key := sha256.Sum256(b)
	var fc *fontsubset.Face
	if v, ok := coverage.Load(key); ok {
		fc = v.(*fontsubset.Face)
	} else {
		if fc, err = fontsubset.New(b, faceNames[0]); err != nil {
			return nil, fmt.Errorf("pdfdoc: font %s/%s: %w", FontDir, fontFiles[0].file, err)
		}
		coverage.Store(key, fc)
	}
	d := &doc{a: &Assembler{stack: st}}
	d.a.faces[0] = fc
	return func(r rune) bool {
		return d.plain(r) || st.Face(r) != nil
	}, nil
}
