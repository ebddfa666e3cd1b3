package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"pcdocket/generator/fontsubset"
)

// The objects of a fallback face in a document: a Type0 font with the
// Identity-H encoding (two-byte glyph ids, as showShaped writes them), its
// CIDFontType2 descendant with the widths of the glyphs used, the font
// descriptor, the subset font file and the ToUnicode map. fpdf has no API
// for these, so finish appends them after fpdf's output and adds their
// names to the page resources.

// objsPerFont is how many objects one fallback face takes.
const objsPerFont = 5

// subset returns u's compressed subset font, its tag and uncompressed
// length, from the Assembler's cache when an earlier document used the
// same glyphs of the same face.
func (a *Assembler) subset(u *usedFont) (z []byte, tag string, n int, err error) {
	gids := make([]uint16, 0, len(u.text))
	for g := range u.text {
		gids = append(gids, g)
	}
	slices.Sort(gids)
	key := fmt.Sprintf("%s#%d#%x", u.face.Path, u.face.Index, gids)
	type entry struct {
		z   []byte
		tag string
		n   int
	}
	if e, ok := a.subsets.m.Load(key); ok {
		e := e.(entry)
		return e.z, e.tag, e.n, nil
	}
	sub, err := fontsubset.SubsetCID(u.face.File, u.face.Dir, gids)
	if err != nil {
		return nil, "", 0, fmt.Errorf("font %s: %w", u.face.Path, err)
	}
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	zw.Write(sub)
	zw.Close()
	h := fnv.New32a()
	h.Write([]byte(key))
	s := h.Sum32()
	t := make([]byte, 6)
	for i := range t {
		t[i] = 'A' + byte(s%26)
		s /= 26
	}
	e := entry{buf.Bytes(), string(t), len(sub)}
	a.subsets.m.Store(key, e)
	return e.z, e.tag, e.n, nil
}

// fontObjects appends the objects of u, numbered from first, to out and
// returns out with the offset of each object appended to offs.
func (a *Assembler) fontObjects(out []byte, offs []int, u *usedFont, first int) ([]byte, []int, error) {
	z, tag, n, err := a.subset(u)
	if err != nil {
		return nil, nil, err
	}
	m, err := fontsubset.FontMetrics(u.face.File, u.face.Dir)
	if err != nil {
		return nil, nil, fmt.Errorf("font %s: %w", u.face.Path, err)
	}
	name := tag + "+" + u.face.Name
	gids := make([]uint16, 0, len(u.text))
	for g := range u.text {
		gids = append(gids, g)
	}
	slices.Sort(gids)

	put := func(i int, body string, stream []byte) {
		offs = append(offs, len(out))
		out = fmt.Appendf(out, "%d 0 obj\n%s", first+i, body)
		if stream != nil {
			out = append(out, "\nstream\n"...)
			out = append(out, stream...)
			out = append(out, "\nendstream"...)
		}
		out = append(out, "\nendobj\n"...)
	}
	// 0: Type0, 1: CIDFontType2, 2: descriptor, 3: font file, 4: ToUnicode.
	put(0, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", name, first+1, first+4), nil)
	var w strings.Builder
	for _, g := range gids {
		fmt.Fprintf(&w, "%d [%d] ", g, u.face.Advance(g))
	}
	put(1, fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W [%s] /CIDToGIDMap /Identity >>", name, first+2, strings.TrimSpace(w.String())), nil)
	flags := 4 // symbolic: glyphs are named by id, not by a standard encoding
	if m.Italic != 0 {
		flags |= 64
	}
	put(2, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>",
		name, flags, m.BBox[0], m.BBox[1], m.BBox[2], m.BBox[3], m.Italic, m.Ascent, m.Descent, m.CapHeight, first+3), nil)
	put(3, fmt.Sprintf("<< /Length %d /Length1 %d /Filter /FlateDecode >>", len(z), n), z)
	cm := toUnicode(gids, u.text)
	put(4, fmt.Sprintf("<< /Length %d >>", len(cm)), cm)
	return out, offs, nil
}

// toUnicode writes the ToUnicode CMap of glyphs gids: each glyph maps to
// the text of the cluster it was first drawn for; a glyph that is only
// part of a cluster maps to nothing (the run's /ActualText has the text).
func toUnicode(gids []uint16, text map[uint16]string) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var lines []string
	for _, g := range gids {
		t := text[g]
		if t == "" {
			continue
		}
		var h strings.Builder
		for _, c := range utf16.Encode([]rune(t)) {
			fmt.Fprintf(&h, "%04X", c)
		}
		lines = append(lines, fmt.Sprintf("<%04X> <%s>", g, h.String()))
	}
	for len(lines) > 0 {
		n := min(len(lines), 100)
		b.WriteString(strconv.Itoa(n) + " beginbfchar\n")
		for _, l := range lines[:n] {
			b.WriteString(l + "\n")
		}
		b.WriteString("endbfchar\n")
		lines = lines[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.Bytes()
}

// addFontResources names fonts' Type0 objects (numbered from first,
// objsPerFont apart) in the page resources fpdf wrote (object 2), and
// moves the cross-reference entries of the objects after it.
func addFontResources(pdf []byte, names []string, first int) ([]byte, error) {
	r := bytes.Index(pdf, []byte("\n2 0 obj\n<<\n"))
	if r < 0 {
		return nil, fmt.Errorf("no resource dictionary")
	}
	f := bytes.Index(pdf[r:], []byte("/Font <<\n"))
	if f < 0 {
		return nil, fmt.Errorf("no font resources")
	}
	at := r + f + len("/Font <<\n")
	var ins []byte
	for i, n := range names {
		ins = fmt.Appendf(ins, "/%s %d 0 R\n", n, first+i*objsPerFont)
	}
	out := make([]byte, 0, len(pdf)+len(ins))
	out = append(out, pdf[:at]...)
	out = append(out, ins...)
	out = append(out, pdf[at:]...)
	xref := bytes.LastIndex(out, []byte("\nxref\n0 "))
	if xref < at {
		return nil, fmt.Errorf("no cross-reference table")
	}
	p := xref + len("\nxref\n")
	p += bytes.IndexByte(out[p:], '\n') + 1
	for ; p+20 <= len(out) && out[p+17] == 'n' || p+20 <= len(out) && out[p+17] == 'f'; p += 20 {
		off, err := strconv.Atoi(string(out[p : p+10]))
		if err != nil {
			return nil, fmt.Errorf("cross-reference entry %q", out[p:p+20])
		}
		if out[p+17] == 'n' && off > at {
			copy(out[p:p+10], fmt.Sprintf("%010d", off+len(ins)))
		}
	}
	return out, nil
}
