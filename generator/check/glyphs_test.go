package check

import (
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

// TestGlyphs: a character the fonts lack is an error in a documented
// issue's case, a warning in an issue not yet documented, and nothing in
// text no document prints (private notes).
func TestGlyphs(t *testing.T) {
	latinOnly := func(r rune) bool { return r < 0x0590 }
	mk := func(documented bool) *practice.Practice {
		c := &practice.Case{ID: "c", Src: practice.Source{File: "content/cases/c/case.md", Keys: practice.NewKeys([]string{"parties.parent_a.name"}, []int32{7})}}
		c.Parties.ParentA.Name = "Zoë 李"
		is := &practice.Issue{Case: c, Number: 1, Title: "T", Body: "Fine.\nשלום", Private: "ऐसा",
			Src: practice.Source{File: "content/cases/c/issues/01.md", BodyLine: 20}}
		if documented {
			is.Outcome = &practice.Outcome{Kind: practice.OutcomeDetermination, On: practice.MustDate("2026-01-02")}
		}
		c.Issues = []*practice.Issue{is}
		return &practice.Practice{Cases: []*practice.Case{c}}
	}
	for _, tc := range []struct {
		documented bool
		want       []string
	}{
		{true, []string{
			"content/cases/c/case.md:7: parties.parent_a.name has characters no available font can draw, so a document would misprint them: U+674E '李' (Han); install the Debian package fonts-droid-fallback,",
			"content/cases/c/issues/01.md:21: the record has characters no available font can draw, so a document would misprint them: U+05E9 'ש' (Hebrew), U+05DC 'ל' (Hebrew), U+05D5 'ו' (Hebrew), U+05DD 'ם' (Hebrew); install the Debian package fonts-noto-core,",
		}},
		{false, []string{
			"content/cases/c/case.md:7: warning: parties.parent_a.name",
			"content/cases/c/issues/01.md:21: warning: the record",
		}},
	} {
		l := Glyphs(mk(tc.documented), latinOnly)
		if len(l) != len(tc.want) {
			t.Errorf("documented %v: %d findings, want %d: %v", tc.documented, len(l), len(tc.want), l)
			continue
		}
		for i, w := range tc.want {
			if !strings.HasPrefix(l[i].String(), w) {
				t.Errorf("documented %v: finding %d is\n%s\nwant it to start\n%s", tc.documented, i, l[i], w)
			}
		}
	}
}

// TestGlyphsEmoji: a character beyond U+FFFF names no package (none
// helps) and says to write it out.
func TestGlyphsEmoji(t *testing.T) {
	c := &practice.Case{ID: "c", Src: practice.Source{File: "case.md", Keys: practice.NewKeys([]string{"title"}, []int32{2})}, Title: "Smith 🙂"}
	l := Glyphs(&practice.Practice{Cases: []*practice.Case{c}}, func(r rune) bool { return r < 0x0590 })
	want := "case.md:2: warning: title has characters no available font can draw, so a document would misprint them: U+1F642 '🙂' (no script); characters beyond U+FFFF (emoji, rare ideographs) cannot be printed: write them out in words, before the issue is documented"
	if len(l) != 1 || l[0].String() != want {
		t.Errorf("got %v, want %s", l, want)
	}
}

// TestNonASCII: the first byte of s that is not ASCII, wherever it falls
// in or after the eight-byte steps.
func TestNonASCII(t *testing.T) {
	for n := 0; n < 20; n++ {
		plain := strings.Repeat("a", n)
		if got := nonASCII(plain); got != -1 {
			t.Errorf("nonASCII(%d ASCII bytes) = %d, want -1", n, got)
		}
		for i := 0; i <= n; i++ {
			s := plain[:i] + "é" + plain[i:]
			if got := nonASCII(s); got != i {
				t.Errorf("nonASCII(%q) = %d, want %d", s, got, i)
			}
			if isASCII(s) {
				t.Errorf("isASCII(%q) = true", s)
			}
		}
	}
}
