package pdfdoc

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
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
