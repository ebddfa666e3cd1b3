package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Archival PDF (PDF/A-2b, ISO 19005-2 level B): what fpdf does not write
// by itself is added here. New gives fpdf the XMP metadata; finish then
// adds what fpdf has no API for, or does too slowly: the sRGB output intent
// (fpdf compresses the profile again in every document, a fifth of a
// document's time; here it is compressed once), the catalog's
// /ViewerPreferences (so viewers show the document's title, not its file
// name), the trailer's /ID and a PDF 1.7 header.

// Lang is the natural language a document declares (/Lang) when the
// practice names none (practice.yaml's language).
const Lang = "en-US"

// producer names pcdocket in the Info dictionary and the XMP alike:
// PDF/A wants the two to agree.
const producer = "pcdocket"

// outputCondition names the output intent's colour space.
const outputCondition = "sRGB IEC61966-2.1"

// xmp writes the document's XMP metadata packet: the same title, author,
// subject, keywords, tool and dates as the Info dictionary fpdf writes
// (PDF/A requires them to agree), and the PDF/A identification. The dates
// carry no time zone because fpdf writes the Info dictionary's without one.
func xmp(title, author, subject, keywords string, t time.Time) []byte {
	date := t.Format("2006-01-02T15:04:05")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
`)
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", xmlText(title))
	fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", xmlText(author))
	fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", xmlText(subject))
	fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", xmlText(keywords))
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", producer)
	fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", producer)
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n", date)
	fmt.Fprintf(&b, "<xmp:ModifyDate>%s</xmp:ModifyDate>\n", date)
	fmt.Fprintf(&b, "<xmp:MetadataDate>%s</xmp:MetadataDate>\n", date)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}

// xmlText escapes s for XML character data.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' {
				continue // not allowed in XML 1.0
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// finish adds to fpdf's output the output intent, /ViewerPreferences, the
// trailer's /ID (id, twice: the same document always has the same
// identifier) and a PDF 1.7 header (PDF/A-2 is based on PDF 1.7; the
// header is as long as fpdf's). fpdf writes the catalog last, just before
// the cross-reference table, so what is inserted there moves no other
// object: the profile's object follows the catalog, and the
// cross-reference table and trailer are written again after it.
//
// The fallback faces a document drew with (fonts) follow the profile, and
// their names are added to the page resources (see cidfont.go).
func (a *Assembler) finish(pdf, id []byte, fonts []*usedFont) ([]byte, error) {
	const tail = "\n>>\nstartxref\n"
	if len(fonts) > 0 {
		hdr := bytes.LastIndex(pdf, []byte("\nxref\n0 "))
		if hdr < 0 {
			return nil, fmt.Errorf("no cross-reference table")
		}
		line := pdf[hdr+len("\nxref\n0 "):]
		n, err := strconv.Atoi(string(line[:bytes.IndexByte(line, '\n')]))
		if err != nil {
			return nil, fmt.Errorf("cross-reference table: %w", err)
		}
		names := make([]string, len(fonts))
		for i, u := range fonts {
			names[i] = u.res
		}
		// Object n is the profile; the fonts follow it.
		if pdf, err = addFontResources(pdf, names, n+1); err != nil {
			return nil, err
		}
	}
	xref := bytes.LastIndex(pdf, []byte("\nxref\n0 "))
	if xref < 0 {
		return nil, fmt.Errorf("no cross-reference table")
	}
	xref++
	cat := bytes.LastIndex(pdf[:xref], []byte("/Type /Catalog\n"))
	if cat < 0 {
		return nil, fmt.Errorf("no catalog before the cross-reference table")
	}
	cat += len("/Type /Catalog\n")
	tr := bytes.LastIndex(pdf, []byte("\ntrailer\n<<\n"))
	end := bytes.LastIndex(pdf, []byte(tail))
	if tr < xref || end < tr || !bytes.HasPrefix(pdf, []byte("%PDF-1.")) {
		return nil, fmt.Errorf("no trailer")
	}
	// The table: "0 N", the free entry, then objects 1 to N-1.
	header := pdf[xref+len("xref\n") : xref+len("xref\n")+bytes.IndexByte(pdf[xref+len("xref\n"):], '\n')]
	size, err := strconv.Atoi(string(bytes.TrimPrefix(header, []byte("0 "))))
	entries := pdf[xref+len("xref\n")+len(header)+1 : tr+1]
	if err != nil || len(entries) != 20*size {
		return nil, fmt.Errorf("cross-reference table %q does not list %d entries", header, size)
	}
	trailer := pdf[tr+len("\ntrailer\n<<\n") : end]
	if !bytes.Contains(trailer, fmt.Appendf(nil, "/Size %d\n", size)) {
		return nil, fmt.Errorf("trailer /Size is not %d", size)
	}
	icc := size // the profile's object number

	out := make([]byte, 0, len(pdf)+len(srgbCompressed)+512)
	out = append(out, "%PDF-1.7"...)
	out = append(out, pdf[len("%PDF-1.7"):cat]...)
	out = append(out, "/ViewerPreferences << /DisplayDocTitle true >>\n"...)
	out = fmt.Appendf(out, "/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (%s) /Info (%s) /DestOutputProfile %d 0 R >>]\n", outputCondition, outputCondition, icc)
	out = append(out, pdf[cat:xref]...)
	iccAt := len(out)
	out = fmt.Appendf(out, "%d 0 obj\n<< /N 3 /Alternate /DeviceRGB /Length %d /Filter /FlateDecode >>\nstream\n", icc, len(srgbCompressed))
	out = append(out, srgbCompressed...)
	out = append(out, "\nendstream\nendobj\n"...)
	offs := []int{iccAt}
	for i, u := range fonts {
		if out, offs, err = a.fontObjects(out, offs, u, icc+1+i*objsPerFont); err != nil {
			return nil, err
		}
	}
	newXref := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n", size+len(offs))
	out = append(out, entries...)
	for _, o := range offs {
		out = fmt.Appendf(out, "%010d 00000 n \n", o)
	}
	out = append(out, "trailer\n<<\n"...)
	out = append(out, bytes.Replace(trailer, fmt.Appendf(nil, "/Size %d\n", size), fmt.Appendf(nil, "/Size %d\n", size+len(offs)), 1)...)
	out = fmt.Appendf(out, "\n/ID [<%x> <%x>]", id, id)
	out = append(out, tail...)
	out = strconv.AppendInt(out, int64(newXref), 10)
	out = append(out, "\n%%EOF\n"...)
	return out, nil
}

// documentID is the trailer's /ID of a document: a digest of what
// identifies it (its identifier carries a fingerprint of its source),
// which PDF asks for, not of its bytes, which would cost a pass over them.
func documentID(parts ...string) []byte {
	h := md5.New() // PDF's customary digest for /ID; not a security measure
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum(nil)
}

// srgbCompressed is the profile as the output intent's stream holds it.
var srgbCompressed = func() []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write(srgbProfile)
	w.Close()
	return b.Bytes()
}()

// srgbProfile is an ICC version 2 display profile of sRGB (IEC 61966-2-1),
// built from the standard's published parameters: the ITU-R BT.709
// primaries and D65 white point adapted to the ICC's D50 connection space
// with the Bradford transform (the colorants every sRGB profile carries),
// and the sRGB tone curve sampled at 1,024 points. Building it here keeps a
// binary file of unclear licence out of the repository, and it is the
// same bytes on every build.
var srgbProfile = buildSRGB()

func buildSRGB() []byte {
	type tag struct {
		sig  string
		data []byte
	}
	s15 := func(v float64) []byte {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(int32(math.Round(v*65536))))
		return b[:]
	}
	xyz := func(x, y, z float64) []byte {
		b := []byte("XYZ \x00\x00\x00\x00")
		b = append(b, s15(x)...)
		b = append(b, s15(y)...)
		return append(b, s15(z)...)
	}
	// The sRGB transfer function, sampled.
	const n = 1024
	curve := []byte("curv\x00\x00\x00\x00")
	curve = binary.BigEndian.AppendUint32(curve, n)
	for i := range n {
		v := float64(i) / (n - 1)
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		curve = binary.BigEndian.AppendUint16(curve, uint16(math.Round(v*65535)))
	}
	descText := "sRGB IEC61966-2.1"
	desc := []byte("desc\x00\x00\x00\x00")
	desc = binary.BigEndian.AppendUint32(desc, uint32(len(descText)+1))
	desc = append(desc, descText...)
	desc = append(desc, 0)
	desc = append(desc, make([]byte, 4+4+2+1+67)...) // no Unicode or ScriptCode description
	cprt := append([]byte("text\x00\x00\x00\x00"), "No copyright, use freely\x00"...)
	tags := []tag{
		{"desc", desc},
		{"cprt", cprt},
		{"wtpt", xyz(0.9642, 1.0, 0.8249)},
		{"rXYZ", xyz(0.4360, 0.2225, 0.0139)},
		{"gXYZ", xyz(0.3851, 0.7169, 0.0971)},
		{"bXYZ", xyz(0.1431, 0.0606, 0.7141)},
		{"rTRC", curve},
		{"gTRC", curve},
		{"bTRC", curve},
	}
	pad4 := func(b []byte) []byte {
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
		return b
	}
	table := binary.BigEndian.AppendUint32(nil, uint32(len(tags)))
	var data []byte
	off := 128 + 4 + 12*len(tags)
	shared := map[string]uint32{}
	for _, t := range tags {
		key := string(t.data)
		at, ok := shared[key] // the three tone curves share one copy
		if !ok {
			at = uint32(off + len(data))
			shared[key] = at
			data = pad4(append(data, t.data...))
		}
		table = append(table, t.sig...)
		table = binary.BigEndian.AppendUint32(table, at)
		table = binary.BigEndian.AppendUint32(table, uint32(len(t.data)))
	}
	size := off + len(data)
	h := make([]byte, 0, 128)
	h = binary.BigEndian.AppendUint32(h, uint32(size))
	h = append(h, "\x00\x00\x00\x00"...)                    // preferred CMM: none
	h = append(h, 0x02, 0x10, 0, 0)                         // version 2.1
	h = append(h, "mntrRGB XYZ "...)                        // display device, RGB data, XYZ connection space
	h = append(h, 0x07, 0xd0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0) // 2000-01-01 00:00:00: fixed, for identical bytes
	h = append(h, "acsp"...)
	h = append(h, make([]byte, 4+4+4+4+8+4)...) // platform, flags, manufacturer, model, attributes, rendering intent 0 (perceptual)
	h = append(h, s15(0.9642)...)               // the connection space's illuminant, D50
	h = append(h, s15(1.0)...)
	h = append(h, s15(0.8249)...)
	h = append(h, make([]byte, 128-len(h))...) // creator, profile ID and reserved bytes: zero
	out := append(h, table...)
	return append(out, data...)
}
