package build

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pcdocket/generator/parse"
)

// TestTwinMatchesPDF builds the sample practice and, for every document it
// writes, compares the words of the PDF with the words of the HTML twin on
// the issue's page: the same words in the same order. It also checks that
// no document carries the case's safety screening. The PDF's running
// header and footer are cropped away; case is folded, since the PDF sets
// headings in capitals where the page uses a style.
func TestTwinMatchesPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils); skipping")
	}
	out := t.TempDir()
	if _, err := Build(context.Background(), Options{Source: repoRoot, Output: out, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	p, diags := parse.Dir(repoRoot)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, is := range p.Issues() {
		if !is.Documented() {
			continue
		}
		n++
		t.Run(is.ID(), func(t *testing.T) {
			pdf := pdfWords(t, filepath.Join(out, PrivateDir, DocumentsDir, is.DocumentFile()))
			page, err := os.ReadFile(filepath.Join(out, PrivateDir, "cases", is.Case.ID, "issues", fmt.Sprintf("%d.html", is.Number)))
			if err != nil {
				t.Fatal(err)
			}
			twin := twinWords(string(page))
			if len(twin) == 0 {
				t.Fatal("the issue page has no document twin")
			}
			if d := firstDifference(pdf, twin); d != "" {
				t.Errorf("the PDF and its HTML twin differ: %s", d)
			}
			// A document is filed in a public record: nothing of the
			// safety screening may reach it.
			text := strings.Join(pdf, " ")
			leaks := []string{"screening", "screened"}
			if sf := is.Case.Safety; sf != nil {
				leaks = append(leaks, sf.Result)
				leaks = append(leaks, sf.Safeguards...)
			}
			for _, l := range leaks {
				if l = strings.ToLower(strings.Join(strings.Fields(l), " ")); l != "" && strings.Contains(text, l) {
					t.Errorf("the document carries the safety screening: %q", l)
				}
			}
		})
	}
	if n < 10 {
		t.Errorf("the sample built %d documents; want at least 10", n)
	}
}

// pdfWords extracts the words of a PDF in content order, without the
// running header (above 58 pt) and footer (below 736 pt).
func pdfWords(t *testing.T, file string) []string {
	t.Helper()
	b, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", "-x", "0", "-y", "58", "-W", "612", "-H", "678", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	// A word too long for its line breaks after a hyphen (a case number
	// in the caption's column): join it again.
	var words []string
	// pdftotext wraps a right-to-left word in embedding marks (U+202B,
	// U+202C) that the PDF does not hold, and sets the punctuation around
	// a right-to-left run apart from it: drop the marks and join the
	// punctuation again.
	text := strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E {
			return -1
		}
		return r
	}, string(b))
	text = rtlOpenRE.ReplaceAllString(text, "$1$2")
	text = rtlCloseRE.ReplaceAllString(text, "$1$2")
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if k := len(words) - 1; k >= 0 && len(words[k]) > 1 && strings.HasSuffix(words[k], "-") {
			words[k] += w
			continue
		}
		words = append(words, w)
	}
	return words
}

var (
	rtlOpenRE  = regexp.MustCompile(`(["“‘(]) ([\p{Hebrew}\p{Arabic}])`)
	rtlCloseRE = regexp.MustCompile(`([\p{Hebrew}\p{Arabic}]) (["”’),.;:])`)
	paperRE    = regexp.MustCompile(`(?s)<article class="paper[^"]*">(.*?)</article>`)
	inlineRE   = regexp.MustCompile(`</?(strong|em|s|a)( [^>]*)?>`)
	tagRE      = regexp.MustCompile(`<[^>]*>`)
)

// twinWords extracts the words of the document twin's articles: inline
// tags join their text to the next, any other tag separates words.
func twinWords(page string) []string {
	var b strings.Builder
	for _, m := range paperRE.FindAllStringSubmatch(page, -1) {
		s := inlineRE.ReplaceAllString(m[1], "")
		s = tagRE.ReplaceAllString(s, " ")
		b.WriteString(html.UnescapeString(s))
		b.WriteString(" ")
	}
	return strings.Fields(strings.ToLower(b.String()))
}

// firstDifference describes where two word lists part, or returns "".
func firstDifference(pdf, twin []string) string {
	for i := range min(len(pdf), len(twin)) {
		if pdf[i] != twin[i] {
			return fmt.Sprintf("at word %d the PDF has %q, the twin %q", i,
				strings.Join(pdf[i:min(i+12, len(pdf))], " "), strings.Join(twin[i:min(i+12, len(twin))], " "))
		}
	}
	switch {
	case len(pdf) > len(twin):
		return fmt.Sprintf("the PDF goes on: %q", strings.Join(pdf[len(twin):min(len(twin)+12, len(pdf))], " "))
	case len(twin) > len(pdf):
		return fmt.Sprintf("the twin goes on: %q", strings.Join(twin[len(pdf):min(len(pdf)+12, len(twin))], " "))
	}
	return ""
}
