package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/templates"
)

func fontBytes(tb testing.TB, file string) []byte {
	tb.Helper()
	b, err := fs.ReadFile(templates.Default(), FontDir+"/"+file)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestFacePlanes checks that every character of every face has a place,
// that Windows-1252 characters sit at their Windows-1252 codes, and that
// each plane's subset font is a well-formed font holding its glyphs.
func TestFacePlanes(t *testing.T) {
	for i, ff := range fontFiles {
		t.Run(ff.file, func(t *testing.T) {
			ttf := fontBytes(t, ff.file)
			fc, err := newFace(ttf, faceNames[i])
			if err != nil {
				t.Fatal(err)
			}
			sf, _ := parseSFNT(ttf)
			cmap, _ := sf.cmap()
			for r := range cmap {
				if r < 32 || (r >= 0x7F && r < 0xA0) {
					continue
				}
				if g := fc.get(r); !g.ok || g.width == 0 && r != 0x200B {
					t.Errorf("%U: no place in any plane (%+v)", r, g)
				}
			}
			for _, c := range []struct {
				r    rune
				code byte
			}{{'A', 'A'}, {'é', 0xE9}, {'’', 0x92}, {'—', 0x97}, {'€', 0x80}, {'ñ', 0xF1}} {
				if g := fc.glyph(c.r); g.plane != 0 || g.code != c.code {
					t.Errorf("%q: plane %d code %#x, want plane 0 code %#x", c.r, g.plane, g.code, c.code)
				}
			}
			for _, r := range []rune{'Ł', 'ć', 'Ω', 'Д'} {
				if g := fc.glyph(r); g.plane == 0 || g.code < firstCode {
					t.Errorf("%q: plane %d code %#x, want a plane above 0", r, g.plane, g.code)
				}
			}
			if len(fc.planes) < 2 || len(fc.planes) > maxPlanes {
				t.Fatalf("%d planes", len(fc.planes))
			}
			for p, pd := range fc.planes {
				var def fontDef
				if err := json.Unmarshal(pd.def, &def); err != nil {
					t.Fatal(err)
				}
				if len(def.Cw) != 256 || (p == 0) != (def.Diff == "") {
					t.Errorf("plane %d: %d widths, differences %.30q", p, len(def.Cw), def.Diff)
				}
				zr, err := zlib.NewReader(bytes.NewReader(pd.file))
				if err != nil {
					t.Fatal(err)
				}
				sub, err := io.ReadAll(zr)
				if err != nil || len(sub) != def.OriginalSize {
					t.Fatalf("plane %d: %d bytes (want %d), %v", p, len(sub), def.OriginalSize, err)
				}
				if checksum(sub) != 0xB1B0AFBA {
					t.Errorf("plane %d: file checksum %#x, want 0xB1B0AFBA", p, checksum(sub))
				}
				st, err := parseSFNT(sub)
				if err != nil {
					t.Fatalf("plane %d: subset does not parse: %v", p, err)
				}
				for _, tag := range []string{"fpgm", "prep", "cvt ", "GSUB", "GPOS", "kern"} {
					if st.tables[tag] != nil {
						t.Errorf("plane %d: subset keeps %q", p, tag)
					}
				}
				if len(sub) >= len(ttf)/2 {
					t.Errorf("plane %d: subset is %d bytes of %d", p, len(sub), len(ttf))
				}
			}
		})
	}
}

// TestNewFaceRejects checks that a damaged font is an error, not a panic.
func TestNewFaceRejects(t *testing.T) {
	ttf := fontBytes(t, fontFiles[0].file)
	for _, n := range []int{0, 11, 12, 100, 400, 3000} {
		if _, err := newFace(ttf[:n], "R"); err == nil {
			t.Errorf("font cut to %d bytes: no error", n)
		}
	}
}

// FuzzNewFace feeds damaged fonts to the parser and subsetter.
func FuzzNewFace(f *testing.F) {
	ttf := fontBytes(f, fontFiles[0].file)
	f.Add(ttf[:2000])
	f.Add(ttf)
	f.Fuzz(func(t *testing.T, b []byte) {
		newFace(b, "R") // must not panic
	})
}

// TestScripts renders names in Latin Extended, Greek and Cyrillic, which
// fall outside Windows-1252, and reads them back.
func TestScripts(t *testing.T) {
	need(t, "pdftotext", "qpdf", "pdffonts")
	a := newAssembler(t)
	p := fixture(t)
	is := p.Case(caseB).Issue(1)
	is.Case.Parties.ParentA.Name = "Łukasz Petrović-Ćwik"
	is.Case.Parties.ParentB.Name = "Σοφία Παπαδοπούλου"
	is.Case.Court = "Суд Ивановской области"
	b, err := a.Document(p, is)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "scripts.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	text := pdftext(t, file, 0, 0)
	for _, w := range []string{
		"Łukasz Petrović-Ćwik,", "Σοφία Παπαδοπούλου,", "СУД ИВАНОВСКОЙ ОБЛАСТИ",
		"On February 4, 2026, Łukasz Petrović-Ćwik (Father) made a written submission.",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q", w)
		}
	}
	out, err := exec.Command("pdffonts", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), "TrueType"); n < 3 {
		t.Errorf("pdffonts lists %d TrueType fonts, want planes beyond Windows-1252:\n%s", n, out)
	}
}

// TestWrapKeepsWords checks that a line breaks only at spaces, even when a
// word's letters are drawn from different planes, when the line is wider
// than the longest word.
func TestWrapKeepsWords(t *testing.T) {
	a := newAssembler(t)
	p := fixture(t)
	dd, err := a.docs.Build(p, p.Case(caseA).Issue(3))
	if err != nil {
		t.Fatal(err)
	}
	d := a.newDoc(dd)
	d.body("")
	text := strings.Repeat("Zoë Müller-Łukasik and Σοφία Ćwik ", 12)
	for _, w := range []float64{100, 150, 250, textW} {
		lines := d.split(text, w)
		if got := strings.Join(lines, " "); got != strings.TrimSpace(text) {
			t.Errorf("width %v: lines do not join back to the text:\n%q", w, got)
		}
		for _, l := range lines {
			if d.width(l) > w+0.01 && strings.Contains(l, " ") {
				t.Errorf("width %v: line %q is %v wide", w, l, d.width(l))
			}
			for _, f := range strings.Fields(l) {
				if !strings.Contains(text, " "+f+" ") && !strings.HasPrefix(text, f+" ") {
					t.Errorf("width %v: word broken: %q", w, f)
				}
			}
		}
	}
}
