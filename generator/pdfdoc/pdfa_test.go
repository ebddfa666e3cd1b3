package pdfdoc

import (
	"bytes"
	"encoding/binary"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestArchival checks what PDF/A-2b asks of every document that fpdf
// alone does not write, in each fixture document.
func TestArchival(t *testing.T) {
	a := newAssembler(t)
	p := fixture(t)
	for _, is := range p.Issues() {
		pdf, err := a.Document(p, is)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(is.DocumentFile(), func(t *testing.T) {
			m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(pdf)
			if m == nil {
				t.Fatal("no startxref at the end")
			}
			if at, _ := strconv.Atoi(string(m[1])); !bytes.HasPrefix(pdf[at:], []byte("xref\n")) {
				t.Errorf("startxref %d does not point at the cross-reference table", at)
			}
			if !regexp.MustCompile(`/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`).Match(pdf) {
				t.Error("no trailer /ID")
			}
			info := regexp.MustCompile(`/Info (\d+) 0 R`).FindSubmatch(pdf)
			if info == nil {
				t.Fatal("no /Info")
			}
			i := bytes.Index(pdf, []byte("\n"+string(info[1])+" 0 obj\n<<\n"))
			if i < 0 || !bytes.Contains(pdf[i:i+2000], []byte("/Producer ")) {
				t.Error("/Info does not point at the Info dictionary")
			}
			for _, want := range []string{
				"/ViewerPreferences << /DisplayDocTitle true >>",
				"/OutputIntents [",
				"/S /GTS_PDFA1",
				"/Lang (en-US)",
				"/Type /Metadata /Subtype /XML",
				"<pdfaid:part>2</pdfaid:part>",
				"<pdfaid:conformance>B</pdfaid:conformance>",
				"<xmp:CreateDate>" + is.Outcome.On.String() + "T00:00:00</xmp:CreateDate>",
			} {
				if !bytes.Contains(pdf, []byte(want)) {
					t.Errorf("lacks %s", want)
				}
			}
			if bytes.Contains(pdf, []byte("/Encrypt")) {
				t.Error("encrypted")
			}
		})
	}
}

func TestXMPEscapes(t *testing.T) {
	x := string(xmp("A & B <C>", "Miller\x01", "s", "k", time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)))
	for _, want := range []string{"A &amp; B &lt;C&gt;", "<rdf:li>Miller</rdf:li>", "<xmp:CreateDate>2026-03-03T00:00:00</xmp:CreateDate>"} {
		if !strings.Contains(x, want) {
			t.Errorf("XMP lacks %q:\n%s", want, x)
		}
	}
}

// TestSRGBProfile reads the built ICC profile's header and tag table as a
// colour management module would.
func TestSRGBProfile(t *testing.T) {
	b := srgbProfile
	if int(binary.BigEndian.Uint32(b)) != len(b) || len(b)%4 != 0 {
		t.Fatalf("profile size field %d, length %d", binary.BigEndian.Uint32(b), len(b))
	}
	if string(b[12:24]) != "mntrRGB XYZ " || string(b[36:40]) != "acsp" || b[8] != 2 {
		t.Errorf("header: %q", b[:40])
	}
	n := int(binary.BigEndian.Uint32(b[128:]))
	seen := map[string]bool{}
	for i := range n {
		e := b[132+12*i:]
		sig, off, size := string(e[:4]), int(binary.BigEndian.Uint32(e[4:])), int(binary.BigEndian.Uint32(e[8:]))
		if off%4 != 0 || off+size > len(b) {
			t.Errorf("tag %s at %d+%d lies outside the profile", sig, off, size)
			continue
		}
		seen[sig] = true
		typ := string(b[off : off+4])
		switch {
		case strings.HasSuffix(sig, "TRC") && typ != "curv",
			strings.HasSuffix(sig, "XYZ") && typ != "XYZ ",
			sig == "desc" && typ != "desc":
			t.Errorf("tag %s has type %q", sig, typ)
		}
	}
	for _, want := range []string{"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"} {
		if !seen[want] {
			t.Errorf("no %s tag", want)
		}
	}
	if !bytes.Equal(buildSRGB(), srgbProfile) {
		t.Error("the profile is not the same bytes twice")
	}
}

// TestLanguage: the document declares the practice's language, else en-US.
func TestLanguage(t *testing.T) {
	a := newAssembler(t)
	p := fixture(t)
	p.Language = "es-MX"
	pdf, err := a.Document(p, p.Issues()[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pdf, []byte("/Lang (es-MX)")) || bytes.Contains(pdf, []byte("/Lang (en-US)")) {
		t.Error("the document does not declare the practice's language")
	}
}
