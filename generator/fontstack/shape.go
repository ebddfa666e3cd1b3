package fontstack

import (
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Glyph is one shaped glyph: its id in the face, where it is drawn
// relative to the pen (X, Y) and how far it moves the pen (Advance), in
// thousandths of an em; Cluster is the index of the first rune of the
// text it draws, Runes how many runes its cluster holds.
type Glyph struct {
	ID      uint16
	X, Y    int32
	Advance int32
	Cluster int
	Runes   int
}

// Shape shapes text with the face (HarfBuzz's rules, through go-text):
// joining forms for Arabic, conjuncts and reordered vowel signs for
// Devanagari, marks placed on their bases. rtl sets the direction; the
// glyphs come in visual order, left to right.
func (f *Face) Shape(text []rune, rtl bool) []Glyph {
	f.mu.Lock()
	defer f.mu.Unlock()
	upem := int(f.Font.Upem())
	if upem == 0 {
		upem = 1000
	}
	dir := di.DirectionLTR
	if rtl {
		dir = di.DirectionRTL
	}
	script := language.Common
	for _, r := range text {
		if s := language.LookupScript(r); s != language.Common && s != language.Inherited {
			script = s
			break
		}
	}
	var sh shaping.HarfbuzzShaper
	out := sh.Shape(shaping.Input{
		Text:      text,
		RunStart:  0,
		RunEnd:    len(text),
		Direction: dir,
		Face:      f.face,
		Size:      fixed.I(upem),
		Script:    script,
	})
	scale := func(v fixed.Int26_6) int32 {
		// v is in font units (Size is the em); round to thousandths.
		n := int64(v) * 1000 / int64(upem)
		if n >= 0 {
			return int32((n + 32) >> 6)
		}
		return -int32((-n + 32) >> 6)
	}
	gs := make([]Glyph, len(out.Glyphs))
	for i, g := range out.Glyphs {
		gs[i] = Glyph{
			ID:      uint16(g.GlyphID),
			X:       scale(g.XOffset),
			Y:       scale(g.YOffset),
			Advance: scale(g.Advance),
			Cluster: g.TextIndex(),
			Runes:   g.RunesCount(),
		}
	}
	return gs
}

// Advance is the advance width of glyph gid in thousandths of an em, as a
// PDF font's /W array gives it.
func (f *Face) Advance(gid uint16) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	upem := float64(f.Font.Upem())
	if upem == 0 {
		upem = 1000
	}
	a := float64(f.face.HorizontalAdvance(font.GID(gid)))
	return int(a*1000/upem + 0.5)
}
