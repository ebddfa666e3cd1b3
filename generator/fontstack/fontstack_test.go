package fontstack

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestRank: for a character of a script, a Noto face named for it comes
// first, serif before sans and regular before bold; others keep path order.
func TestRank(t *testing.T) {
	files := []string{
		"DejaVuSans.ttf",
		"NotoSansArabic-Bold.ttf",
		"NotoSansArabic-Regular.ttf",
		"NotoNaskhArabic-Regular.ttf",
		"NotoKufiArabic-Regular.ttf",
		"NotoSerifHebrew-Regular.ttf",
	}
	slices.SortStableFunc(files, func(a, b string) int { return rankFor(a, "Arabic") - rankFor(b, "Arabic") })
	want := []string{"NotoNaskhArabic-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "NotoKufiArabic-Regular.ttf", "DejaVuSans.ttf", "NotoSerifHebrew-Regular.ttf"}
	if !slices.Equal(files, want) {
		t.Errorf("order %v, want %v", files, want)
	}
}

// TestPracticeFontFirst: a font the practice names is found (relative to
// the practice), with no system fonts; a character it lacks has no face.
func TestPracticeFontFirst(t *testing.T) {
	root := "../../templates"
	s := For(root, []string{"documents/fonts/LiberationSerif-Regular.ttf"}, []string{})
	f := s.Face('Ж')
	if f == nil || filepath.Base(f.Path) != "LiberationSerif-Regular.ttf" {
		t.Fatalf("Face('Ж') = %v, want the practice's Liberation Serif", f)
	}
	if g := s.Face('李'); g != nil {
		t.Errorf("Face('李') = %s, want none", g.Path)
	}
	if s2 := For(root, []string{"documents/fonts/LiberationSerif-Regular.ttf"}, []string{}); s2 != s {
		t.Error("the same paths gave a second Stack: fonts would be read again")
	}
	gs := f.Shape([]rune("Жук"), false)
	if len(gs) != 3 || gs[0].Advance <= 0 || gs[2].Cluster != 2 {
		t.Errorf("Shape(Жук) = %+v", gs)
	}
}

func TestScriptPackage(t *testing.T) {
	for _, tc := range []struct {
		r              rune
		script, debPkg string
	}{
		{'م', "Arabic", "fonts-noto-core"},
		{'ש', "Hebrew", "fonts-noto-core"},
		{'न', "Devanagari", "fonts-noto-core"},
		{'李', "Han", "fonts-droid-fallback"},
		{'한', "Hangul", "fonts-droid-fallback"},
		{'ก', "Thai", "fonts-noto-core"},
	} {
		if s := Script(tc.r); s != tc.script || Package(s) != tc.debPkg {
			t.Errorf("%q: script %q package %q, want %q %q", tc.r, s, Package(s), tc.script, tc.debPkg)
		}
	}
}

// TestRankCJK: for a Han character Droid Sans Fallback, TrueType, comes
// before the other faces (Debian's Noto CJK is CFF and never used).
func TestRankCJK(t *testing.T) {
	if a, b := rankFor("DroidSansFallbackFull.ttf", "Han"), rankFor("DejaVuSans.ttf", "Han"); a >= b {
		t.Errorf("rank of Droid Sans Fallback %d, of DejaVu Sans %d: want Droid first", a, b)
	}
	if a, b := rankFor("DroidSansFallbackFull.ttf", "Arabic"), rankFor("DejaVuSans.ttf", "Arabic"); a != b {
		t.Errorf("for Arabic, Droid Sans Fallback ranks %d and DejaVu Sans %d: want path order", a, b)
	}
}
