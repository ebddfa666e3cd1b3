package pdfdoc

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pcdocket/generator/fontstack"
	"pcdocket/generator/practice"
)

// Names and phrases in scripts the serif family cannot draw: the fixture's
// parties renamed, and a paragraph added to the record.
const (
	arabicName  = "محمد الفارسي"
	chineseName = "李小龍"
	hebrewText  = "שלום עליכם"
	hindiText   = "नमस्ते दुनिया"
)

// scriptFixture is the fixture with an Arabic and a Chinese party, and
// Hebrew and Devanagari in the determination's record.
func scriptFixture(t testing.TB) (*practice.Practice, *practice.Issue) {
	p := fixture(t)
	c := p.Case(caseA)
	c.Parties.ParentA.Name = arabicName
	c.Parties.ParentB.Name = chineseName
	is := c.Issue(3)
	is.Body += "\n\nThe mother wrote \u201c" + hebrewText + "\u201d, and the father answered " + hindiText + " (in Devanagari) on the same day.\n"
	return p, is
}

// systemStack is the font stack of the machine, or skips the test when it
// has no face for the scripts the test draws.
func systemStack(t testing.TB) *fontstack.Stack {
	st := fontstack.For(t.TempDir(), nil, nil)
	for _, r := range "م李שन" {
		if st.Face(r) == nil {
			if os.Getenv("CI") != "" { // CI installs them: a missing face is a failure there
				t.Fatalf("no system font draws %q (Debian: fonts-noto-core fonts-droid-fallback)", r)
			}
			t.Skipf("no system font draws %q (Debian: fonts-noto-core fonts-droid-fallback); skipping", r)
		}
	}
	return st
}

// TestScriptsExtract renders names in Arabic and Chinese and text in
// Hebrew and Devanagari and reads them back as typed; every font is
// embedded, and a second rendering is byte-identical.
func TestScriptsExtract(t *testing.T) {
	need(t, "pdftotext", "pdffonts")
	a := newAssembler(t)
	a.SetFonts(systemStack(t))
	p, is := scriptFixture(t)
	b, err := a.Document(p, is)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("PCDOCKET_KEEP_PDF") != "" {
		os.WriteFile(os.Getenv("PCDOCKET_KEEP_PDF"), b, 0o644)
	}
	// pdftotext wraps right-to-left words in embedding marks (U+202B
	// ... U+202C); the text between them is what was typed.
	text := strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E {
			return -1
		}
		return r
	}, pdftext(t, file, 0, 0))
	for _, want := range []string{arabicName, chineseName, hebrewText, hindiText} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("text: %s", text)
	}
	out, err := exec.Command("pdffonts", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	var cid int
	for _, l := range lines {
		f := strings.Fields(l)
		// name type [encoding] emb sub uni object ID: emb is the fifth field from the end.
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
		if strings.Contains(l, "CID TrueType") && f[len(f)-3] != "yes" {
			t.Errorf("font without ToUnicode: %s", l)
		}
		if strings.Contains(l, "CID TrueType") {
			cid++
		}
	}
	if cid < 3 {
		t.Errorf("want the Arabic, Chinese, Hebrew and Devanagari faces as CID fonts, pdffonts lists %d:\n%s", cid, out)
	}
	// The objects finish adds (fonts, resources) keep the file sound: every
	// cross-reference entry points at its object.
	for _, m := range regexp.MustCompile(`(?m)^(\d{10}) 00000 n $`).FindAllSubmatch(b, -1) {
		at, _ := strconv.Atoi(string(m[1]))
		if !regexp.MustCompile(`^\d+ 0 obj\n`).Match(b[at:]) {
			t.Errorf("cross-reference offset %d points at %q", at, b[at:min(at+20, len(b))])
		}
	}
	if _, err := exec.LookPath("qpdf"); err == nil {
		out, err := exec.Command("qpdf", "--check", file).CombinedOutput()
		if err != nil || bytes.Contains(out, []byte("WARNING")) {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	}
	again, err := a.Document(p, is)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, again) {
		t.Error("a second rendering with fallback fonts differs")
	}
	// A fresh Assembler (no caches) gives the same bytes too.
	a2 := newAssembler(t)
	a2.SetFonts(systemStack(t))
	third, err := a2.Document(p, is)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, third) {
		t.Error("a fresh Assembler's rendering with fallback fonts differs")
	}
}

// TestScriptsNoFont: with no font for a name's script, the document is
// refused, naming the character and the package to install, rather than
// printed with question marks.
func TestScriptsNoFont(t *testing.T) {
	for _, tc := range []struct {
		name, pkg string
		set       func(*practice.Case)
	}{
		{"arabic", "fonts-noto-core", func(c *practice.Case) { c.Parties.ParentA.Name = arabicName }},
		{"chinese", "fonts-droid-fallback", func(c *practice.Case) { c.Parties.ParentB.Name = chineseName }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newAssembler(t)
			a.SetFonts(fontstack.For(t.TempDir(), nil, []string{t.TempDir()}))
			p := fixture(t)
			tc.set(p.Case(caseA))
			b, err := a.Document(p, p.Case(caseA).Issue(3))
			if err == nil {
				t.Fatalf("rendered %d bytes; want an error", len(b))
			}
			if !strings.Contains(err.Error(), tc.pkg) || !strings.Contains(err.Error(), "U+") {
				t.Errorf("error %q does not name the character and %s", err, tc.pkg)
			}
		})
	}
}

// TestScriptsWrap: Chinese, written without spaces, wraps at the line
// breaking algorithm's opportunities; a long Arabic name wraps inside the
// caption's column; nothing passes the right margin.
func TestScriptsWrap(t *testing.T) {
	need(t, "pdftotext")
	a := newAssembler(t)
	a.SetFonts(systemStack(t))
	p, is := scriptFixture(t)
	long := "محمد بن عبد الله بن عبد الرحمن الفارسي الهاشمي القرشي البغدادي"
	p.Case(caseA).Parties.ParentA.Name = long
	chinese := strings.Repeat("父母双方应当在周末下午五点于图书馆交接孩子。", 8)
	is.Body += "\n\n" + chinese + "\n\nStruck: ~~" + hindiText + "~~.\n"
	b, err := a.Document(p, is)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`Tj ET [\d.]+ [\d.]+ [\d.]+ [\d.]+ re f Q`).Match(b) {
		t.Error("the struck-through Devanagari has no bar through it")
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	os.WriteFile(file, b, 0o644)
	if os.Getenv("PCDOCKET_KEEP_PDF") != "" {
		os.WriteFile(os.Getenv("PCDOCKET_KEEP_PDF"), b, 0o644)
	}
	text := strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E || r == ' ' {
			return -1
		}
		return r
	}, pdftext(t, file, 0, 0))
	if !strings.Contains(text, chinese) {
		t.Errorf("pdftotext lacks the Chinese paragraph")
	}
	out, err := exec.Command("pdftotext", "-bbox", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	words := bboxRE.FindAllStringSubmatch(string(out), -1)
	if len(words) == 0 {
		t.Fatal("no words in pdftotext -bbox output")
	}
	for _, m := range words {
		xMax, _ := strconv.ParseFloat(m[1], 64)
		if xMax > pageW-marginR+0.5 {
			t.Errorf("%q ends at x=%.1f, past the right margin at %.0f", m[2], xMax, pageW-marginR)
		}
	}
	// The caption's left column is 55% of the text block: the long name
	// wraps inside it, on two lines or more.
	captionRight := marginL + textW*0.55
	var lines int
	for _, l := range strings.Split(string(mustRun(t, "pdftotext", "-f", "1", "-l", "1", "-x", "0", "-y", "100", "-W", fmt.Sprint(int(captionRight)), "-H", "120", "-enc", "UTF-8", file, "-")), "\n") {
		if strings.ContainsAny(l, "ابدمحس") {
			lines++
		}
	}
	if lines < 2 {
		t.Errorf("the long Arabic name takes %d line(s) in the caption column, want it wrapped onto 2 or more", lines)
	}
}

var bboxRE = regexp.MustCompile(`<word xMin="[^"]+" yMin="[^"]+" xMax="([^"]+)" yMax="[^"]+">([^<]*)</word>`)

func mustRun(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

// BenchmarkDocumentScripts is BenchmarkDocument with an Arabic and a
// Chinese party and Hebrew and Devanagari in the record: font discovery,
// shaping and subsets are cached per Assembler and process, so after the
// first document it costs about what a Latin one does.
func BenchmarkDocumentScripts(b *testing.B) {
	a := newAssembler(b)
	a.SetFonts(systemStack(b))
	p, is := scriptFixture(b)
	if _, err := a.Document(p, is); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.Document(p, is); err != nil {
			b.Fatal(err)
		}
	}
}
