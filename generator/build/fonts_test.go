package build

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGlyphsWithoutFonts: with no font for the sample's Arabic, Chinese,
// Hebrew and Devanagari text, check reports each at its line with the
// package that covers it, and the build writes nothing.
func TestGlyphsWithoutFonts(t *testing.T) {
	t.Setenv("PCDOCKET_FONT_DIRS", t.TempDir())
	l, err := Load(context.Background(), Options{Source: repoRoot, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range l.Findings {
		if strings.Contains(f.String(), "no available font") {
			got = append(got, f.String())
		}
	}
	const c = "content/cases/2026-fam-0517-alfarsi-wang/"
	for _, want := range []string{
		c + "case.md:12: parties.parent_a.name has characters no available font can draw, so a document would misprint them: U+0645 'م' (Arabic), ",
		c + "case.md:16: parties.parent_b.name has characters no available font can draw, so a document would misprint them: U+738B '王' (Han), ",
		c + "issues/01-weekend-language-class.md:43: the record has characters no available font can draw, so a document would misprint them: U+05E9 'ש' (Hebrew)",
		c + "issues/01-weekend-language-class.md:44: the record has characters no available font can draw, so a document would misprint them: U+092C 'ब' (Devanagari)",
	} {
		found := false
		for _, g := range got {
			found = found || strings.HasPrefix(g, want)
		}
		if !found {
			t.Errorf("no finding starting %q; got:\n%s", want, strings.Join(got, "\n"))
		}
	}
	for _, g := range got {
		pkg := "fonts-noto-core"
		if strings.Contains(g, "(Han)") {
			pkg = "fonts-droid-fallback"
		}
		if !strings.Contains(g, "install the Debian package "+pkg) {
			t.Errorf("finding does not name %s: %s", pkg, g)
		}
	}
	if len(got) != 4 {
		t.Errorf("%d findings about fonts, want 4", len(got))
	}
	if _, err := Build(context.Background(), Options{Source: repoRoot, Output: t.TempDir(), AsOf: asOf}); err == nil {
		t.Error("the build succeeded with names no font draws")
	}
}

// TestPracticeFonts: a font practice.yaml names (documents.fonts, relative
// to the practice) is used before the system's; here the system has none.
func TestPracticeFonts(t *testing.T) {
	const naskh = "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"
	b, err := os.ReadFile(naskh)
	if err != nil {
		t.Skipf("%s not installed (Debian: fonts-noto-core); skipping", naskh)
	}
	dir := copyPractice(t, repoRoot)
	os.MkdirAll(filepath.Join(dir, "fonts"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "fonts", "NotoNaskhArabic-Regular.ttf"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	y, _ := os.ReadFile(filepath.Join(dir, "practice.yaml"))
	y = append(y, "documents:\n  fonts:\n    - fonts\n"...)
	os.WriteFile(filepath.Join(dir, "practice.yaml"), y, 0o644)
	t.Setenv("PCDOCKET_FONT_DIRS", t.TempDir())
	l, err := Load(context.Background(), Options{Source: dir, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	var scripts []string
	for _, f := range l.Findings {
		s := f.String()
		if !strings.Contains(s, "no available font") {
			continue
		}
		for _, sc := range []string{"Arabic", "Han", "Hebrew", "Devanagari"} {
			if strings.Contains(s, "("+sc+")") {
				scripts = append(scripts, sc)
			}
		}
	}
	if got := strings.Join(scripts, " "); got != "Han Hebrew Devanagari" {
		t.Errorf("scripts without a font: %q, want Han Hebrew Devanagari (Arabic comes from the practice's font)", got)
	}
}

// TestPracticeFontsMissing: a documents.fonts entry that names no font is
// reported at its line.
func TestPracticeFontsMissing(t *testing.T) {
	dir := copyPractice(t, repoRoot)
	y, _ := os.ReadFile(filepath.Join(dir, "practice.yaml"))
	n := strings.Count(string(y), "\n")
	y = append(y, "documents:\n  fonts:\n    - fonts/none\n"...)
	os.WriteFile(filepath.Join(dir, "practice.yaml"), y, 0o644)
	l, err := Load(context.Background(), Options{Source: dir, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	want := "practice.yaml:" + strconv.Itoa(n+3) + `: documents.fonts[0] "fonts/none" is not a font file`
	for _, f := range l.Findings {
		if strings.HasPrefix(f.String(), want) {
			return
		}
	}
	t.Errorf("no finding %q in %v", want, l.Findings)
}
