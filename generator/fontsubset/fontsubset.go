// Package fontsubset prepares a TrueType font for embedding in PDF as
// simple (8-bit) fonts: it parses the font, cuts its characters into planes
// of at most 224 codes, and writes for each plane a subset of the font and
// the definition fpdf's AddFontFromBytes takes. Package pdfdoc draws its
// text through the Glyph of each character.
package fontsubset

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Fonts are embedded as simple (8-bit) TrueType fonts rather than through
// fpdf's UTF-8 path. fpdf parses a UTF-8 face again in every document,
// builds and hashes a 65,536-entry width table, subsets the glyphs and
// compresses two streams: about 2.5 ms a face, most of a document's cost,
// and nothing in its API lets documents share that work. A simple font is
// loaded from a small definition and a stream compressed in advance, so the
// work is done once per face (pdfdoc keeps its faces in an Assembler) and
// a document only copies bytes.
//
// One simple font holds at most 224 characters, so each face is cut into
// planes: plane 0 is the Windows-1252 repertoire under the standard
// WinAnsiEncoding (every viewer knows it), and the rest of the face's
// characters (Latin Extended, Greek, Cyrillic, symbols) go in order to
// planes 1, 2, ... whose /Differences name each glyph "uniXXXX" (Latin
// first, in planes of its own, then the other scripts). Text is split
// into runs by plane (see pdfdoc's text.go). Each plane embeds its own
// subset of the face, without hinting instructions, so a document that uses only
// plane 0 carries only the Windows-1252 glyphs.

// Glyph says where a character is drawn: plane, code in that plane's
// encoding, and advance width in thousandths of an em.
type Glyph struct {
	Plane uint8  // the plane: 0 is Windows-1252, 1 and up the rest in order
	Code  byte   // the character's code in that plane's encoding
	OK    bool   // the character has a place in a plane
	Width uint16 // advance width in thousandths of an em
}

// A Face is one style of a font family, prepared once: where each
// character is drawn, and the planes to embed.
type Face struct {
	lo     [256]Glyph // runes below 256
	hi     map[rune]Glyph
	Planes []Plane // the planes, indexed by Glyph.Plane
	miss   uint16  // width of a character the face lacks
}

// Plane is what fpdf's AddFontFromBytes takes for one plane.
type Plane struct {
	Def  []byte // JSON font definition
	File []byte // zlib-compressed subset font
}

// ByteWidth is the width of the character c below 256 without Glyph's
// fallbacks (0 when the face lacks it): pdfdoc measures ASCII text with it,
// one array load a byte.
func (fc *Face) ByteWidth(c byte) uint16 { return fc.lo[c].Width }

// Glyph returns where r is drawn, falling back to '?' when the face lacks r.
func (fc *Face) Glyph(r rune) Glyph {
	if r < 256 {
		if g := fc.lo[r]; g.OK {
			return g
		}
	} else if g, ok := fc.hi[r]; ok {
		return g
	}
	if r == '\u00a0' || r == '\t' {
		return fc.lo[' ']
	}
	if g, ok := fc.hi['\ufffd']; ok {
		return g
	}
	return fc.lo['?']
}

// cp1252 maps the codes 0x80–0x9F of Windows-1252 to Unicode (0: unused).
var cp1252 = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// MaxPlanes bounds the planes of a face (Liberation Serif needs 3).
const MaxPlanes = 64

// FirstCode is the first code of planes 1 and up: 32 stays a space so
// that fpdf's own handling of spaces never meets a glyph.
const FirstCode = 33

// fontDef mirrors the JSON form of fpdf's font definition (makefont's).
type fontDef struct {
	Tp           string
	Name         string
	Desc         fontDesc
	Up           int
	Ut           int
	Cw           []int
	Enc          string
	Diff         string
	File         string
	OriginalSize int
}

type fontDesc struct {
	Ascent       int
	Descent      int
	CapHeight    int
	Flags        int
	FontBBox     struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle  int
	StemV        int
	MissingWidth int
}

// New parses a TrueType font and prepares its planes. name tells the
// faces apart in the PDF ("R", "B", "I", "BI").
func New(ttf []byte, name string) (*Face, error) {
	t, err := parseSFNT(ttf)
	if err != nil {
		return nil, err
	}
	cmap, err := t.cmap()
	if err != nil {
		return nil, err
	}
	head, hhea, post := t.tables["head"], t.tables["hhea"], t.tables["post"]
	maxp, hmtx := t.tables["maxp"], t.tables["hmtx"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || len(post) < 32 {
		return nil, errors.New("head, hhea, maxp or post table missing or short")
	}
	upem := float64(u16(head, 18))
	if upem == 0 {
		return nil, errors.New("units per em is 0")
	}
	scale := 1000 / upem
	numGlyphs := int(u16(maxp, 4))
	nh := int(u16(hhea, 34))
	if nh == 0 || len(hmtx) < 4*nh {
		return nil, errors.New("hmtx table short")
	}
	adv := func(gid uint16) uint16 {
		i := min(int(gid), nh-1)
		return uint16(math.Round(float64(u16(hmtx, 4*i)) * scale))
	}

	fc := &Face{hi: make(map[rune]Glyph, len(cmap)), miss: adv(0)}
	// Plane 0: Windows-1252.
	var planes [][]rune // code-FirstCode -> rune, for planes >= 1
	var p0 [256]rune
	for c := 32; c < 256; c++ {
		r := rune(c)
		if c >= 0x80 && c < 0xA0 {
			r = cp1252[c-0x80]
		}
		if r == 0 || cmap[r] == 0 {
			continue
		}
		p0[c] = r
		fc.set(r, Glyph{Plane: 0, Code: byte(c), OK: true, Width: adv(cmap[r])})
	}
	rest := make([]rune, 0, len(cmap))
	for r, gid := range cmap {
		if gid == 0 || r < 32 || (r >= 0x7F && r < 0xA0) {
			continue
		}
		if g := fc.get(r); g.OK {
			continue
		}
		rest = append(rest, r)
	}
	slices.Sort(rest)
	// Latin beyond Windows-1252 (Extended-A and -B, as in Łukasik or
	// Petrović) is what names need most: it gets planes of its own, so
	// that such a document does not also embed Greek and Cyrillic.
	latin, _ := slices.BinarySearch(rest, 0x0370)
	for _, group := range [][]rune{rest[:latin], rest[latin:]} {
		for len(group) > 0 && len(planes)+1 < MaxPlanes {
			n := min(len(group), 256-FirstCode)
			p := len(planes) + 1
			for i, r := range group[:n] {
				fc.set(r, Glyph{Plane: uint8(p), Code: byte(FirstCode + i), OK: true, Width: adv(cmap[r])})
			}
			planes = append(planes, group[:n])
			group = group[n:]
		}
	}

	// Descriptor values as fpdf's UTF-8 path computes them.
	var desc fontDesc
	desc.FontBBox.Xmin = int(float64(i16(head, 36)) * scale)
	desc.FontBBox.Ymin = int(float64(i16(head, 38)) * scale)
	desc.FontBBox.Xmax = int(float64(i16(head, 40)) * scale)
	desc.FontBBox.Ymax = int(float64(i16(head, 42)) * scale)
	desc.Ascent = int(float64(i16(hhea, 4)) * scale)
	desc.Descent = int(float64(i16(hhea, 6)) * scale)
	desc.CapHeight = desc.Ascent
	weight := 500
	if os2 := t.tables["OS/2"]; len(os2) >= 78 {
		weight = int(u16(os2, 4))
		if u16(os2, 0) > 1 && len(os2) >= 90 {
			desc.CapHeight = int(float64(i16(os2, 88)) * scale)
		}
	}
	desc.StemV = 50 + int(math.Pow(float64(weight)/65.0, 2))
	desc.ItalicAngle = int(i16(post, 4))
	desc.Flags = 32 // nonsymbolic: codes map through the encoding's glyph names
	if desc.ItalicAngle != 0 {
		desc.Flags |= 64
	}
	if u32(post, 12) != 0 {
		desc.Flags |= 1
	}
	if weight >= 600 {
		desc.Flags |= 262144
	}
	desc.MissingWidth = int(fc.miss)
	psName := t.postScriptName()
	if psName == "" {
		psName = "Serif"
	}

	all := append([][]rune{p0[:]}, planes...)
	for p, runes := range all {
		gids := map[uint16]bool{0: true}
		cw := make([]int, 256)
		var diff strings.Builder
		for i, r := range runes {
			if r == 0 {
				continue
			}
			code := i
			if p > 0 {
				code = FirstCode + i
				if i == 0 {
					fmt.Fprintf(&diff, "%d", code)
				}
				if r > 0xFFFF {
					fmt.Fprintf(&diff, " /u%05X", r)
				} else {
					fmt.Fprintf(&diff, " /uni%04X", r)
				}
			}
			gids[cmap[r]] = true
			cw[code] = int(adv(cmap[r]))
		}
		for c := range cw {
			if cw[c] == 0 {
				cw[c] = int(fc.miss)
			}
		}
		sub, err := t.subset(gids, numGlyphs)
		if err != nil {
			return nil, err
		}
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
		zw.Write(sub)
		if err := zw.Close(); err != nil {
			return nil, err
		}
		tag := []byte("PCDAAA")
		tag[4] = 'A' + byte(p/26%26)
		tag[5] = 'A' + byte(p%26)
		def := fontDef{
			Tp:           "TrueType",
			Name:         string(tag) + "+" + psName,
			Desc:         desc,
			Up:           int(math.Round(float64(i16(post, 8)) * scale)),
			Ut:           int(math.Round(float64(i16(post, 10)) * scale)),
			Cw:           cw,
			Enc:          "cp1252",
			Diff:         diff.String(),
			File:         fmt.Sprintf("%s-%s-%d.z", psName, name, p),
			OriginalSize: len(sub),
		}
		js, err := json.Marshal(def)
		if err != nil {
			return nil, err
		}
		fc.Planes = append(fc.Planes, Plane{Def: js, File: z.Bytes()})
	}
	return fc, nil
}

func (fc *Face) set(r rune, g Glyph) {
	if r < 256 {
		fc.lo[r] = g
	} else {
		fc.hi[r] = g
	}
}

func (fc *Face) get(r rune) Glyph {
	if r < 256 {
		return fc.lo[r]
	}
	return fc.hi[r]
}

// sfnt is a parsed TrueType file: its tables by tag.
type sfnt struct {
	tables map[string][]byte
}

func u16(b []byte, i int) uint16 { return binary.BigEndian.Uint16(b[i:]) }
func i16(b []byte, i int) int16  { return int16(binary.BigEndian.Uint16(b[i:])) }
func u32(b []byte, i int) uint32 { return binary.BigEndian.Uint32(b[i:]) }

func parseSFNT(b []byte) (*sfnt, error) { return parseSFNTAt(b, 0) }

// parseSFNTAt parses the font whose table directory starts at dir: 0 for
// a font file, a font's offset in a collection (.ttc), whose table
// offsets count from the start of the file.
func parseSFNTAt(b []byte, dir int) (*sfnt, error) {
	t, err := parseSFNTAtAny(b, dir)
	if err != nil {
		return nil, err
	}
	if t.tables["glyf"] == nil || t.tables["loca"] == nil {
		return nil, errors.New("no glyf/loca tables (only TrueType outlines are supported)")
	}
	return t, nil
}

// parseSFNTAtAny reads the table directory at dir whatever the outlines.
func parseSFNTAtAny(b []byte, dir int) (*sfnt, error) {
	if dir < 0 || len(b) < dir+12 {
		return nil, errors.New("not a TrueType font: too short")
	}
	n := int(u16(b, dir+4))
	if len(b) < dir+12+16*n {
		return nil, errors.New("not a TrueType font: table directory cut short")
	}
	t := &sfnt{tables: make(map[string][]byte, n)}
	for i := range n {
		e := b[dir+12+16*i:]
		off, l := int(u32(e, 8)), int(u32(e, 12))
		if off < 0 || l < 0 || off+l > len(b) || off+l < off {
			return nil, fmt.Errorf("table %q lies outside the file", e[:4])
		}
		t.tables[string(e[:4])] = b[off : off+l]
	}
	return t, nil
}

// cmap reads the Unicode BMP subtable (platform 3 encoding 1, or platform
// 0, format 4) into a map from rune to glyph id.
func (t *sfnt) cmap() (map[rune]uint16, error) {
	c := t.tables["cmap"]
	if len(c) < 4 {
		return nil, errors.New("no cmap table")
	}
	var sub []byte
	for i := range int(u16(c, 2)) {
		e := 4 + 8*i
		if e+8 > len(c) {
			break
		}
		pid, eid, off := u16(c, e), u16(c, e+2), int(u32(c, e+4))
		if (pid == 3 && eid == 1 || pid == 0) && off+4 <= len(c) && u16(c, off) == 4 {
			sub = c[off:]
			break
		}
	}
	if sub == nil {
		return nil, errors.New("no Unicode cmap (format 4)")
	}
	l := int(u16(sub, 2))
	if l > len(sub) || l < 14 {
		return nil, errors.New("cmap subtable cut short")
	}
	sub = sub[:l]
	segs := int(u16(sub, 6)) / 2
	if 16+8*segs > len(sub) {
		return nil, errors.New("cmap subtable cut short")
	}
	ends, starts := 14, 16+2*segs
	deltas, ranges := starts+2*segs, starts+4*segs
	m := make(map[rune]uint16)
	for s := range segs {
		end, start := int(u16(sub, ends+2*s)), int(u16(sub, starts+2*s))
		delta, ro := u16(sub, deltas+2*s), int(u16(sub, ranges+2*s))
		for ch := start; ch <= end && ch < 0xFFFF; ch++ {
			var g uint16
			if ro == 0 {
				g = uint16(ch) + delta
			} else {
				i := ranges + 2*s + ro + 2*(ch-start)
				if i+2 > len(sub) {
					continue
				}
				if g = u16(sub, i); g != 0 {
					g += delta
				}
			}
			if g != 0 {
				m[rune(ch)] = g
			}
		}
	}
	return m, nil
}

// postScriptName is name id 6 (Macintosh Roman or Windows UTF-16).
func (t *sfnt) postScriptName() string {
	n := t.tables["name"]
	if len(n) < 6 {
		return ""
	}
	count, store := int(u16(n, 2)), int(u16(n, 4))
	for i := range count {
		r := 6 + 12*i
		if r+12 > len(n) {
			break
		}
		pid, id := u16(n, r), u16(n, r+6)
		l, off := int(u16(n, r+8)), store+int(u16(n, r+10))
		if id != 6 || off+l > len(n) {
			continue
		}
		s := n[off : off+l]
		var b strings.Builder
		if pid == 3 || pid == 0 {
			for j := 0; j+1 < len(s); j += 2 {
				b.WriteByte(s[j+1])
			}
		} else {
			b.Write(s)
		}
		return psSafe(b.String())
	}
	return ""
}

// psSafe keeps the characters a PDF name may hold without escaping.
func psSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7F && !strings.ContainsRune("()<>[]{}/%#", r) {
			return r
		}
		return -1
	}, s)
}

// Composite glyph flags.
const (
	argWords     = 0x0001
	haveScale    = 0x0008
	moreComps    = 0x0020
	haveXYScale  = 0x0040
	have2x2      = 0x0080
	haveInstrs   = 0x0100
	keepTableSet = "cmap head hhea hmtx maxp name OS/2 post"
)

// subset writes a font that keeps every table a PDF viewer needs and only
// the outlines of gids (and their components); other glyphs are empty, so
// glyph ids, cmap and hmtx stay as they are. Hinting is dropped: the
// instructions would need fpgm, prep and cvt, which are larger than the
// outlines, and viewers scale glyphs for screens without them.
func (t *sfnt) subset(gids map[uint16]bool, numGlyphs int) ([]byte, error) {
	return t.subsetTables(gids, numGlyphs, keepTableSet)
}

// subsetTables is subset keeping the tables named in keepTables (and
// adding the components of composite glyphs to gids).
func (t *sfnt) subsetTables(gids map[uint16]bool, numGlyphs int, keepTables string) ([]byte, error) {
	head, loca, glyf := t.tables["head"], t.tables["loca"], t.tables["glyf"]
	long := i16(head, 50) != 0
	off := func(g int) (int, int, error) {
		var a, b int
		if long {
			if 4*g+8 > len(loca) {
				return 0, 0, errors.New("loca table short")
			}
			a, b = int(u32(loca, 4*g)), int(u32(loca, 4*g+4))
		} else {
			if 2*g+4 > len(loca) {
				return 0, 0, errors.New("loca table short")
			}
			a, b = 2*int(u16(loca, 2*g)), 2*int(u16(loca, 2*g+2))
		}
		if a > b || b > len(glyf) {
			return 0, 0, fmt.Errorf("glyph %d lies outside glyf", g)
		}
		return a, b, nil
	}
	// Add the components of composite glyphs.
	queue := make([]int, 0, len(gids))
	for g := range gids {
		queue = append(queue, int(g))
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if g >= numGlyphs {
			continue
		}
		a, b, err := off(g)
		if err != nil {
			return nil, err
		}
		gl := glyf[a:b]
		if len(gl) < 10 || i16(gl, 0) >= 0 {
			continue
		}
		for p := 10; p+4 <= len(gl); {
			flags, c := u16(gl, p), u16(gl, p+2)
			if !gids[c] {
				gids[c] = true
				queue = append(queue, int(c))
			}
			p += 4 + compArgs(flags)
			if flags&moreComps == 0 {
				break
			}
		}
	}

	var newGlyf []byte
	newLoca := make([]byte, 0, 4*(numGlyphs+1))
	for g := range numGlyphs {
		newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(len(newGlyf)))
		if !gids[uint16(g)] {
			continue
		}
		a, b, err := off(g)
		if err != nil {
			return nil, err
		}
		newGlyf = appendGlyph(newGlyf, glyf[a:b])
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(len(newGlyf)))

	out := map[string][]byte{"glyf": newGlyf, "loca": newLoca}
	for _, tag := range strings.Fields(keepTables) {
		if b, ok := t.tables[tag]; ok {
			out[tag] = b
		}
	}
	h := bytes.Clone(head)
	binary.BigEndian.PutUint32(h[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(h[50:], 1)
	out["head"] = h
	if p := out["post"]; len(p) >= 32 {
		p = bytes.Clone(p[:32]) // format 3: no glyph names
		binary.BigEndian.PutUint32(p, 0x00030000)
		out["post"] = p
	}
	return writeSFNT(out), nil
}

// compArgs is the size of a component's arguments and transform.
func compArgs(flags uint16) int {
	n := 2
	if flags&argWords != 0 {
		n = 4
	}
	switch {
	case flags&haveScale != 0:
		n += 2
	case flags&haveXYScale != 0:
		n += 4
	case flags&have2x2 != 0:
		n += 8
	}
	return n
}

// appendGlyph appends gl without its hinting instructions.
func appendGlyph(dst, gl []byte) []byte {
	if len(gl) < 10 {
		return append(dst, gl...)
	}
	nc := int(i16(gl, 0))
	if nc >= 0 {
		p := 10 + 2*nc
		if p+2 > len(gl) {
			return append(dst, gl...)
		}
		il := int(u16(gl, p))
		if p+2+il > len(gl) {
			return append(dst, gl...)
		}
		dst = append(dst, gl[:p]...)
		dst = append(dst, 0, 0)
		return append(dst, gl[p+2+il:]...)
	}
	start := len(dst)
	p := 10
	for p+4 <= len(gl) {
		flags := u16(gl, p)
		next := p + 4 + compArgs(flags)
		if next > len(gl) {
			return append(dst[:start], gl...)
		}
		if flags&moreComps == 0 {
			dst = append(dst, gl[:next]...)
			binary.BigEndian.PutUint16(dst[start+p:], flags&^haveInstrs)
			return dst
		}
		p = next
	}
	return append(dst[:start], gl...)
}

// writeSFNT assembles tables into a font file with correct checksums.
func writeSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	b := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(b, 0x00010000)
	binary.BigEndian.PutUint16(b[4:], uint16(n))
	binary.BigEndian.PutUint16(b[6:], uint16(sr*16))
	binary.BigEndian.PutUint16(b[8:], uint16(es))
	binary.BigEndian.PutUint16(b[10:], uint16(n*16-sr*16))
	headAt := 0
	for i, t := range tags {
		d := tables[t]
		e := b[12+16*i:]
		copy(e, t)
		binary.BigEndian.PutUint32(e[4:], checksum(d))
		binary.BigEndian.PutUint32(e[8:], uint32(len(b)))
		binary.BigEndian.PutUint32(e[12:], uint32(len(d)))
		if t == "head" {
			headAt = len(b)
		}
		b = append(b, d...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
	}
	binary.BigEndian.PutUint32(b[headAt+8:], 0xB1B0AFBA-checksum(b))
	return b
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// Has reports whether the face draws r itself, without Glyph's fallbacks.
func (fc *Face) Has(r rune) bool { return fc.get(r).OK }
