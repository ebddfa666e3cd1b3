package fontsubset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
)

// SubsetCID writes a subset of the TrueType font whose table directory
// starts at dir in file (0, or the font's offset in a collection) for
// embedding as a CIDFontType2 with an identity CIDToGIDMap: glyph ids stay
// as they are, only the outlines of gids (and their components) are kept,
// the glyphs after the last one used are cut off, and the tables a CID font
// does not read (cmap, hinting, layout) are left out. Shaped text names
// glyphs, not characters, so this is what a font fallback for Arabic,
// Devanagari or CJK embeds: a few kilobytes of a multi-megabyte face.
func SubsetCID(file []byte, dir int, gids []uint16) ([]byte, error) {
	t, err := parseSFNTAt(file, dir)
	if err != nil {
		return nil, err
	}
	head, hhea, maxp, hmtx := t.tables["head"], t.tables["hhea"], t.tables["maxp"], t.tables["hmtx"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("head, hhea or maxp table missing or short")
	}
	numGlyphs := int(u16(maxp, 4))
	keep := map[uint16]bool{0: true}
	last := 0
	for _, g := range gids {
		if int(g) >= numGlyphs {
			return nil, errors.New("glyph id beyond the font's glyphs")
		}
		keep[g] = true
	}
	sub, err := t.subsetTables(keep, numGlyphs, "head hhea hmtx maxp OS/2 name post")
	if err != nil {
		return nil, err
	}
	// Components may have added glyphs: cut after the last kept one.
	for g := range keep {
		last = max(last, int(g))
	}
	n := last + 1
	st, err := parseSFNT(sub)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for tag, b := range st.tables {
		out[tag] = b
	}
	// subsetTables writes long offsets (head's indexToLocFormat 1).
	loca := st.tables["loca"]
	if len(loca) < 4*(n+1) {
		return nil, errors.New("loca table short")
	}
	out["loca"] = loca[:4*(n+1)]
	end := int(u32(loca, 4*n))
	out["glyf"] = st.tables["glyf"][:end]
	nh := int(u16(hhea, 34))
	m := bytes.Clone(maxp)
	binary.BigEndian.PutUint16(m[4:], uint16(n))
	out["maxp"] = m
	h := bytes.Clone(hhea)
	if n < nh {
		binary.BigEndian.PutUint16(h[34:], uint16(n))
		out["hmtx"] = hmtx[:min(len(hmtx), 4*n)]
	} else {
		out["hmtx"] = hmtx[:min(len(hmtx), 4*nh+2*(n-nh))]
	}
	out["hhea"] = h
	return writeSFNT(out), nil
}

// Collection returns the offsets of the fonts' table directories in a
// TrueType collection (.ttc), or {0} for a single font file.
func Collection(file []byte) ([]int, error) {
	if !bytes.HasPrefix(file, []byte("ttcf")) {
		return []int{0}, nil
	}
	if len(file) < 12 {
		return nil, errors.New("font collection header cut short")
	}
	n := int(u32(file, 8))
	if len(file) < 12+4*n {
		return nil, errors.New("font collection header cut short")
	}
	offs := make([]int, n)
	for i := range n {
		offs[i] = int(u32(file, 12+4*i))
	}
	return offs, nil
}

// Info is what a font fallback needs to know of a face before it is
// used: whether it has TrueType outlines (CFF outlines are not subset),
// and which characters of the Basic Multilingual Plane it maps.
type Info struct {
	TrueType bool
	Runes    []rune // sorted
}

// Cover reads the font at dir in file: its outline format and character
// map, without its glyphs.
func Cover(file []byte, dir int) (Info, error) {
	t, err := parseSFNTAtAny(file, dir)
	if err != nil {
		return Info{}, err
	}
	cm, err := t.cmap()
	if err != nil {
		return Info{}, err
	}
	inf := Info{TrueType: t.tables["glyf"] != nil && t.tables["loca"] != nil, Runes: make([]rune, 0, len(cm))}
	for r := range cm {
		inf.Runes = append(inf.Runes, r)
	}
	slices.Sort(inf.Runes)
	return inf, nil
}

// Metrics are the values of a font's descriptor in a PDF, in thousandths
// of an em.
type Metrics struct {
	BBox      [4]int
	Ascent    int
	Descent   int
	CapHeight int
	Italic    int // italic angle, degrees
}

// FontMetrics reads the Metrics of the font at dir in file.
func FontMetrics(file []byte, dir int) (Metrics, error) {
	t, err := parseSFNTAtAny(file, dir)
	if err != nil {
		return Metrics{}, err
	}
	head, hhea, post := t.tables["head"], t.tables["hhea"], t.tables["post"]
	if len(head) < 54 || len(hhea) < 36 {
		return Metrics{}, errors.New("head or hhea table missing or short")
	}
	upem := float64(u16(head, 18))
	if upem == 0 {
		return Metrics{}, errors.New("units per em is 0")
	}
	sc := func(v int16) int { return int(float64(v) * 1000 / upem) }
	m := Metrics{
		BBox:    [4]int{sc(i16(head, 36)), sc(i16(head, 38)), sc(i16(head, 40)), sc(i16(head, 42))},
		Ascent:  sc(i16(hhea, 4)),
		Descent: sc(i16(hhea, 6)),
	}
	m.CapHeight = m.Ascent
	if os2 := t.tables["OS/2"]; len(os2) >= 90 && u16(os2, 0) > 1 {
		m.CapHeight = sc(i16(os2, 88))
	}
	if len(post) >= 8 {
		m.Italic = int(i16(post, 4))
	}
	return m, nil
}
