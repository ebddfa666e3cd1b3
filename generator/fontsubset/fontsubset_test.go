package fontsubset

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"io"
	"io/fs"
	"testing"

	"pcdocket/templates"
)

// The serif family that pcdocket's documents embed, and the names pdfdoc
// gives its faces.
var (
	fontFiles = [...]string{"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"}
	faceNames = [...]string{"R", "B", "I", "BI"}
)

func fontBytes(tb testing.TB, file string) []byte {
	tb.Helper()
	b, err := fs.ReadFile(templates.Default(), "documents/fonts/"+file)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestFacePlanes checks that every character of every face has a place,
// that Windows-1252 characters sit at their Windows-1252 codes, and that
// each plane's subset font is a well-formed font holding its glyphs.
func TestFacePlanes(t *testing.T) {
	for i, file := range fontFiles {
		t.Run(file, func(t *testing.T) {
			ttf := fontBytes(t, file)
			fc, err := New(ttf, faceNames[i])
			if err != nil {
				t.Fatal(err)
			}
			sf, _ := parseSFNT(ttf)
			cmap, _ := sf.cmap()
			for r := range cmap {
				if r < 32 || (r >= 0x7F && r < 0xA0) {
					continue
				}
				if g := fc.get(r); !g.OK || g.Width == 0 && r != 0x200B {
					t.Errorf("%U: no place in any plane (%+v)", r, g)
				}
			}
			for _, c := range []struct {
				r    rune
				code byte
			}{{'A', 'A'}, {'é', 0xE9}, {'’', 0x92}, {'—', 0x97}, {'€', 0x80}, {'ñ', 0xF1}} {
				if g := fc.Glyph(c.r); g.Plane != 0 || g.Code != c.code {
					t.Errorf("%q: plane %d code %#x, want plane 0 code %#x", c.r, g.Plane, g.Code, c.code)
				}
			}
			for c := byte(' '); c < 0x7F; c++ {
				if w, g := fc.ByteWidth(c), fc.Glyph(rune(c)); w != g.Width || w == 0 {
					t.Errorf("%q: ByteWidth %d, Glyph width %d", c, w, g.Width)
				}
			}
			for _, r := range []rune{'Ł', 'ć', 'Ω', 'Д'} {
				if g := fc.Glyph(r); g.Plane == 0 || g.Code < FirstCode {
					t.Errorf("%q: plane %d code %#x, want a plane above 0", r, g.Plane, g.Code)
				}
			}
			if len(fc.Planes) < 2 || len(fc.Planes) > MaxPlanes {
				t.Fatalf("%d planes", len(fc.Planes))
			}
			for p, pd := range fc.Planes {
				var def fontDef
				if err := json.Unmarshal(pd.Def, &def); err != nil {
					t.Fatal(err)
				}
				if len(def.Cw) != 256 || (p == 0) != (def.Diff == "") {
					t.Errorf("plane %d: %d widths, differences %.30q", p, len(def.Cw), def.Diff)
				}
				zr, err := zlib.NewReader(bytes.NewReader(pd.File))
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
	ttf := fontBytes(t, fontFiles[0])
	for _, n := range []int{0, 11, 12, 100, 400, 3000} {
		if _, err := New(ttf[:n], "R"); err == nil {
			t.Errorf("font cut to %d bytes: no error", n)
		}
	}
}

// FuzzNewFace feeds damaged fonts to the parser and subsetter.
func FuzzNewFace(f *testing.F) {
	ttf := fontBytes(f, fontFiles[0])
	f.Add(ttf[:2000])
	f.Add(ttf)
	f.Fuzz(func(t *testing.T, b []byte) {
		New(b, "R") // must not panic
	})
}
