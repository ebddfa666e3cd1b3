package pdfdoc

import (
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

// word is a word of a page with its box.
type word struct {
	page                   int
	text                   string
	xMin, yMin, xMax, yMax float64
}

// words renders is and returns the words of its pages' bodies (the
// running header and footer left out) and of its footers, in reading
// order.
func words(t *testing.T, a *Assembler, p *practice.Practice, is *practice.Issue) (body, footer []word) {
	t.Helper()
	b, err := a.Document(p, is)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	out = regexp.MustCompile(`(?s)<!DOCTYPE.*?>`).ReplaceAll(out, nil)
	var doc bboxDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("bbox xml: %v", err)
	}
	for i, pg := range doc.Pages {
		for _, w := range pg.Words {
			ww := word{i + 1, w.Text, w.XMin, w.YMin, w.XMax, w.YMax}
			switch {
			case w.YMin >= pageH-60:
				footer = append(footer, ww)
			case w.YMin >= 58:
				body = append(body, ww)
			}
		}
	}
	return body, footer
}

// find returns the index of the first run of words spelling phrase, or -1.
func find(ws []word, phrase string) int {
	f := strings.Fields(phrase)
	for i := 0; i+len(f) <= len(ws); i++ {
		ok := true
		for j := range f {
			if ws[i+j].text != f[j] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// padded returns the fixture's determination 3 with its question made
// longer by n words, which moves everything after it down the pages.
func padded(t *testing.T, n int) (*practice.Practice, *practice.Issue) {
	p := fixture(t)
	is := p.Case(caseA).Issue(3)
	is.Question += strings.Repeat(" word", n)
	var log strings.Builder
	log.WriteString("\n\n## Log\n\n| Day | Entry |\n|---|---|\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&log, "| day%02d | The exchange took place at the library at 5:00 p.m. as agreed. |\n", i)
	}
	is.Body += log.String()
	return p, is
}

// TestKeepTogether moves the text of a determination down the pages a
// few words at a time, so that every section heading, the findings table
// and the signature in turn meet a page's foot, and checks that: no
// section heading ends a page, the process heading stays with the first
// event, the findings table stays on one page, and the certificate of
// service is on the page of the signature.
func TestKeepTogether(t *testing.T) {
	need(t, "pdftotext")
	a := newAssembler(t)
	headings := []string{"I. AUTHORITY", "II. QUESTION PRESENTED", "III. PLAN PROVISIONS", "IV. PROCESS",
		"V. POSITIONS OF THE PARENTS", "VI. BACKGROUND, FINDINGS AND ANALYSIS", "VII. DETERMINATION",
		"VIII. EFFECTIVE DATE", "IX. REVIEW RIGHTS", "CERTIFICATE OF SERVICE"}
	for n := 0; n < 400; n += 5 {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			p, is := padded(t, n)
			body, _ := words(t, a, p, is)
			for _, h := range headings {
				i := find(body, h)
				if i < 0 {
					t.Fatalf("no heading %q", h)
				}
				next := i + len(strings.Fields(h))
				if next >= len(body) || body[next].page != body[i].page {
					t.Errorf("heading %q ends page %d", h, body[i].page)
				}
			}
			proc, first := find(body, "IV. PROCESS"), find(body, "• On February 12, 2026,")
			if proc < 0 || first < 0 || body[proc].page != body[first].page {
				t.Errorf("the process heading and the first event are on different pages")
			}
			top, bottom := find(body, "Date Reason school closed"), find(body, "2026-02-10 Water-main repair")
			if top < 0 || bottom < 0 || body[top].page != body[bottom].page {
				t.Errorf("the findings table is split across pages")
			}
			if top, bottom := find(body, "day01"), find(body, "day12"); top < 0 || bottom < 0 || body[top].page != body[bottom].page {
				t.Errorf("the log table is split across pages")
			}
			sig, cert := find(body, "Dated: March 2, 2026"), find(body, "CERTIFICATE OF SERVICE")
			if sig < 0 || cert < 0 || body[sig].page != body[cert].page || body[cert].page != body[len(body)-1].page {
				t.Errorf("the signature and the certificate of service are on different pages")
			}
		})
	}
}

// TestLongCaseNumber gives a case a court name in the "In the …" form
// and a very long case number, and checks the prose, the identifier, the
// caption and the footer.
func TestLongCaseNumber(t *testing.T) {
	need(t, "pdftotext")
	a := newAssembler(t)
	p := fixture(t)
	c := p.Case(caseA)
	c.Court = "In the Superior Court of the State of Halden in and for the County of Marlow"
	c.CourtCaseNo = "2026-FAMILY-DIVISION-DR-0000387-CONSOLIDATED-WITH-2025-DR-0000112"
	c.Parties.ParentA.Name = "Zoë Alexandra Konstantina Müller-Łukasik-Wiśniewska-Montgomery"
	is := c.Issue(3)
	id := DocumentID(is)
	if !regexp.MustCompile(`^PCD-[A-Z0-9-]{1,16}-D3-[0-9a-f]{8}$`).MatchString(id) {
		t.Errorf("identifier %q: want PCD-, at most 16 characters of the case number, -D3-<hash>", id)
	}
	if DocumentID(is) != id {
		t.Error("the identifier is not stable")
	}
	body, footer := words(t, a, p, is)
	var text []string
	for _, w := range body {
		text = append(text, w.text)
	}
	all := strings.Join(text, " ")
	if !strings.Contains(all, "the Superior Court of the State of Halden in and for the County of Marlow (the “Court”) appointed") {
		t.Errorf("the court is not named as the Court: %s", all[:min(len(all), 900)])
	}
	if strings.Contains(all, "the In the") {
		t.Error("the text reads “the In the”")
	}
	for _, w := range body {
		if w.xMax > pageW-marginR+1.5 {
			t.Errorf("page %d: %q runs past the right margin (x %.1f)", w.page, w.text, w.xMax)
		}
	}
	// The caption's fields wrap inside their columns, above the title.
	leftEnd, rightStart := marginL+textW*0.55, marginL+textW*0.55+14
	title := find(body, "PARENTING COORDINATOR DETERMINATION")
	if title < 10 {
		t.Fatalf("no caption before the title (title at word %d)", title)
	}
	for _, w := range body[:title] {
		if w.yMin < 110 { // the court's name spans the page
			continue
		}
		if w.xMin < leftEnd && w.xMax > leftEnd+1 || w.xMin > leftEnd && w.xMin < rightStart-1 {
			t.Errorf("caption word %q (x %.1f–%.1f) crosses the column rule at %.1f", w.text, w.xMin, w.xMax, leftEnd+7)
		}
	}
	// The footer's three parts keep to their thirds of one line.
	third := textW / 3
	for _, w := range footer {
		if w.yMin > pageH-40 { // the identifier's line
			continue
		}
		left := w.xMin < marginL+third
		if left && w.xMax > marginL+third-2 {
			t.Errorf("page %d: footer word %q runs into the middle third (x %.1f)", w.page, w.text, w.xMax)
		}
	}
}

// TestBreakAtHyphens checks that a word too long for its line, such as a
// case number, breaks after a hyphen where it can.
func TestBreakAtHyphens(t *testing.T) {
	a := newAssembler(t)
	p := fixture(t)
	dd, err := a.docs.Build(p, p.Case(caseA).Issue(3))
	if err != nil {
		t.Fatal(err)
	}
	d := a.newDoc(dd)
	d.body("")
	no := "2026-FAMILY-DIVISION-DR-0000387-CONSOLIDATED"
	lines := d.split(no, 110)
	if len(lines) < 2 || strings.Join(lines, "") != no {
		t.Fatalf("split = %q", lines)
	}
	for _, l := range lines[:len(lines)-1] {
		if !strings.HasSuffix(l, "-") {
			t.Errorf("line %q of %q does not end at a hyphen", l, lines)
		}
	}
}
