package build

import (
	"bytes"
	"context"
	"html"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLogStaysPrivate builds the sample practice with the statements of
// March 2026, when a private log entry is billed, and checks that
// no private entry's summary reaches a page under cases/<id>/ (which an
// encrypted site opens to the parents), the public site or a statement,
// while the coordinator's log page has every entry.
func TestLogStaysPrivate(t *testing.T) {
	out := t.TempDir()
	res, err := Build(context.Background(), Options{Source: repoRoot, Output: out, AsOf: asOf, Statements: "2026-03"})
	if err != nil {
		t.Fatal(err)
	}
	var private, shared []string
	for _, c := range res.Practice.Cases {
		if c.Log == nil {
			continue
		}
		for _, e := range c.Log.Entries {
			if e.Private {
				private = append(private, html.EscapeString(e.Summary))
			} else {
				shared = append(shared, html.EscapeString(e.Summary))
			}
		}
	}
	if len(private) < 3 || len(shared) < 20 {
		t.Fatalf("the sample logs have %d private and %d shared entries: too few to test", len(private), len(shared))
	}
	site := readTree(t, filepath.Join(out, "private"))
	var coordinator []byte
	for p, data := range site {
		switch {
		case strings.HasPrefix(p, "log/"):
			coordinator = append(coordinator, data...)
		case strings.HasPrefix(p, "cases/"):
			for _, s := range private {
				if bytes.Contains(data, []byte(s)) {
					t.Errorf("private/%s, which both parents may open, carries the private log entry %q", p, s)
				}
			}
		}
	}
	for _, s := range append(private, shared...) {
		if !bytes.Contains(coordinator, []byte(s)) {
			t.Errorf("the coordinator's log pages lack %q", s)
		}
	}
	for p, data := range readTree(t, filepath.Join(out, "public")) {
		for _, s := range append(private, shared...) {
			if len(s) > 20 && bytes.Contains(data, []byte(s)) {
				t.Errorf("public/%s carries the log entry %q", p, s)
			}
		}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("no pdftotext to read the statements")
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "private", "statements", "*.pdf"))
	if len(pdfs) == 0 {
		// readTree follows the current link; the statements are under it.
		for p := range site {
			if strings.HasPrefix(p, "statements/") {
				pdfs = append(pdfs, p)
			}
		}
		t.Fatalf("no statements built (%d in the tree)", len(pdfs))
	}
	checked, withheld := 0, false
	for _, pdf := range pdfs {
		text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text = bytes.Join(bytes.Fields(text), []byte(" "))
		withheld = withheld || bytes.Contains(text, []byte("(details withheld)"))
		for _, s := range private {
			// A statement wraps its descriptions: look for the first
			// three words.
			w := strings.Fields(html.UnescapeString(s))
			if bytes.Contains(text, []byte(strings.Join(w[:min(3, len(w))], " "))) {
				t.Errorf("%s carries the private log entry %q", filepath.Base(pdf), s)
			}
		}
		checked++
	}
	if checked < 2 {
		t.Errorf("%d statements read", checked)
	}
	if !withheld {
		t.Error("no statement shows a billed private entry as withheld: the sample should bill one in the month built")
	}
}
