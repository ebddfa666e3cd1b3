package pdfdoc

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"pcdocket/generator/practice"
)

// need skips the test when a Debian tool is missing.
func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (Debian: poppler-utils, qpdf); skipping", tool)
		}
	}
}

// assemble assembles the fixture's document for case id, issue n, and
// writes it to a temporary file.
func assemble(t *testing.T, caseID string, n int) (string, []byte) {
	t.Helper()
	a := newAssembler(t)
	p := fixture(t)
	is := p.Case(caseID).Issue(n)
	b, err := a.Document(p, is)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), is.DocumentFile())
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return file, b
}

var space = regexp.MustCompile(`\s+`)

// pdftext extracts text of pages first..last (0: to the end) with
// whitespace collapsed, so that assertions need not know where lines wrap.
func pdftext(t *testing.T, file string, first, last int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", itoa(first))
	}
	if last > 0 {
		args = append(args, "-l", itoa(last))
	}
	out, err := exec.Command("pdftotext", append(args, file, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return space.ReplaceAllString(string(out), " ")
}

// bodyText extracts the text of every page's body, cropped between the
// running header and the footer, so that a sentence broken across pages
// reads as one.
func bodyText(t *testing.T, file string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-x", "0", "-y", "58", "-W", "612", "-H", "678", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return space.ReplaceAllString(string(out), " ")
}

func itoa(n int) string { return strconv.Itoa(n) }

const (
	caseA = "2025-fam-0387-muller-lukasik"
	caseB = "2026-fam-0142-nunez-obrien"
)

func TestDocumentText(t *testing.T) {
	need(t, "pdftotext", "qpdf", "pdfinfo")
	tests := []struct {
		name    string
		caseID  string
		number  int
		want    []string // in the order the document gives them
		notWant []string
	}{
		{
			name: "determination", caseID: caseA, number: 3,
			want: []string{
				// 1. caption
				"CIRCUIT COURT OF MARLOW COUNTY, FAMILY DIVISION",
				"Zoë Müller-Łukasik,", "Mother,", "and", "Daniel Harlow,", "Father.",
				"Case No. FC-2025-0387", "Before the Parenting Coordinator, Eleanor J. Miller",
				"PARENTING COORDINATOR DETERMINATION NO. 3", "Re: Exchanges on school closure days",
				"Summary. On a day the school is closed, the exchange takes place at the library at 5:00 p.m.",
				// 2. authority
				"I. AUTHORITY", "By order dated September 15, 2025 (Stipulated Order Appointing Parenting Coordinator, para. 4), the Circuit Court of Marlow County, Family Division (the “Court”) appointed the undersigned Parenting Coordinator in this matter, for a term ending September 14, 2027",
				"by binding determination", "M.H. (born 2016) and T.H. (born 2019)",
				// 3. question
				"II. QUESTION PRESENTED", "When the school is closed on a school day, does the exchange take place",
				// 4. provisions
				"III. PLAN PROVISIONS", "Stipulated Parenting Plan dated August 28, 2025",
				"Clause 3.2 — Exchanges", "“Exchanges on school days shall occur at Linden Park Elementary School",
				// 5. process
				"IV. PROCESS", "On February 12, 2026, the Parenting Coordinator gave both parents notice",
				"On February 16, 2026, Zoë Müller-Łukasik (Mother) made a written submission.",
				"On February 17, 2026, Daniel Harlow (Father) made a written submission. Through counsel.",
				"On February 20, 2026, the Parenting Coordinator conducted a mediation session, at which the parents did not reach agreement. Joint session by video.",
				"On February 23, 2026, the record closed.",
				"Each parent had an opportunity to be heard, and each was heard.",
				// 6. positions
				"V. POSITIONS OF THE PARENTS", "Zoë Müller-Łukasik (Mother)", "On a day the school is closed there is no dismissal",
				"Daniel Harlow (Father)", "A weekday in term is a “school day”",
				// 7. the Markdown record
				"VI. BACKGROUND, FINDINGS AND ANALYSIS", "Background",
				"follow the non-school-day rule", "1. Linden Park Elementary closed on February 9–10, 2026",
				"3. Neither parent proposed", "Findings", "• The plan does not define a “school day”.",
				"<b>bold</b> or <script>alert(1)</script>",
				"Date", "Reason school closed", "Exchange place used", "Water-main repair", "none: dispute",
				"Siobhán O’Brien, the school secretary", "Analysis", "not.[1]", "Notes", "[1] Compare Determination No. 1",
				// 8. directives
				"VII. DETERMINATION", "determines as follows:",
				"1. A “school day” in paragraph 3.2", "2. On a weekday when the school is closed", "3. Either parent may propose",
				// 9. effect
				"VIII. EFFECTIVE DATE", "This determination is effective on March 9, 2026.",
				"interprets and implements the existing parenting plan. It does not modify custody, decision-making authority, or child support",
				// 10. review
				"IX. REVIEW RIGHTS", "may ask the Court to review it", "no later than Friday, March 13, 2026, 10 days after service of this decision.",
				"This decision takes effect as stated and remains in effect while review is pending, unless the Court orders otherwise.",
				// 11. signature
				"Dated: March 2, 2026", "Eleanor J. Miller", "J.D., LL.M., Certified Family Mediator", "Parenting Coordinator", "418 Cedar Row, Suite 3B",
				// 12. certificate
				"CERTIFICATE OF SERVICE", "I certify that on March 3, 2026 I served a copy of this determination",
				"Zoë Müller-Łukasik (Mother), by email to zoe.ml@example.com.",
				"Ruth A. Okonkwo, Okonkwo & Vance LLP, counsel for Daniel Harlow, by email to rao@okonkwo-vance.example.",
				"Daniel Harlow (Father, a copy), by email to d.harlow@example.com.",
				"/s/ Eleanor J. Miller", "Date: March 3, 2026",
			},
			notWant: []string{"**", "|---", "## ", "[^1]", "filed with the Court", "amends", "Paragraph 3.2", "by order of the", "Safeguards", "PROPOSED"},
		},
		{
			name: "silent parent, silent plan, amending", caseID: caseA, number: 4,
			want: []string{
				"AMENDED PARENTING COORDINATOR DETERMINATION NO. 4",
				"This determination amends Determination No. 3, issued March 2, 2026 (Document PCD-FC-2025-0387-D3-",
				"Except as this determination provides, Determination No. 3 remains in force.",
				"Clause 5.1 — Communication", "Clause 9.9 — Long clause",
				"The plan is silent on the question presented.",
				"Each parent had an opportunity to be heard. Daniel Harlow, given notice on March 6, 2026, submitted nothing.",
				"Daniel Harlow (Father) No position was received.",
				"no later than Tuesday, March 31, 2026, 10 days after service of this decision.",
				"Case No. FC-2025-0387 Amended Determination No. 4",
			},
		},
		{
			name: "recommendation", caseID: caseB, number: 1,
			want: []string{
				"SUPERIOR COURT OF HALDEN COUNTY", "José Núñez,", "Father,", "Siobhán O’Brien,", "Mother.", "Case No. DR 2026/0142",
				"PARENTING COORDINATOR RECOMMENDATION NO. 1",
				"I. AUTHORITY", "makes recommendations to the Court",
				"This recommendation is not binding on the parents unless and until the Court adopts it by order.",
				"III. PLAN PROVISIONS", "Paragraph 7 — Travel", // the default word for a clause
				"IV. PROCESS", "On February 4, 2026, José Núñez (Father) made a written submission.",
				"Mediation was not attempted before this recommendation: the passport office needs the form within ten days.",
				"Each parent had an opportunity to be heard, and each was heard.",
				"V. POSITIONS OF THE PARENTS", "Siobhán O’Brien (Mother)", "The school trip leaves on March 1.",
				"VI. BACKGROUND, FINDINGS AND ANALYSIS",
				"VII. RECOMMENDATION", "recommends that the Court order as follows:", "1. The Father shall sign",
				"VIII. EFFECTIVE DATE", "If adopted by the Court, this recommendation takes effect on February 6, 2026",
				// Ten days from February 6 end on Presidents' Day: the next court day.
				"IX. REVIEW RIGHTS", "no later than Tuesday, February 17, 2026, 10 days after service of this decision.",
				"The coordinator will file this document with the Court by Friday, February 20, 2026.",
				"This is a recommendation to the Court. It does not bind the parties unless and until the Court adopts it.",
				"CERTIFICATE OF SERVICE", "José Núñez (Father), by email to jose@example.com.",
				"[PROPOSED] ORDER", "The Court has reviewed Parenting Coordinator Recommendation No. 1, dated February 6, 2026, and any objection to it.",
				"IT IS ORDERED that the recommendation is adopted, and that:", "1. The Father shall sign", "Judge", "Superior Court of Halden County",
			},
			notWant: []string{"binding determination", "DETERMINATION NO."},
		},
		{
			name: "agreement", caseID: caseA, number: 2,
			want: []string{
				"CIRCUIT COURT OF MARLOW COUNTY, FAMILY DIVISION", "Zoë Müller-Łukasik,", "Daniel Harlow,", "Case No. FC-2025-0387",
				"MEMORANDUM OF AGREEMENT NO. 2", "Re: Winter break handover",
				"I. AUTHORITY", "records here the terms on which they have agreed",
				"II. QUESTION PRESENTED", "Where does the winter-break handover take place?",
				"III. PLAN PROVISIONS", "Clause 3.2 — Exchanges",
				"IV. AGREED TERMS", "the parents agree as follows:", "1. The winter-break handover", "The parent handing over shall pack the children’s school bags.",
				"V. EFFECTIVE DATE", "This memorandum of agreement is effective on December 19, 2025.", "does not modify custody",
				"It becomes an order of the Court only if the Court approves it.",
				"SIGNATURES", "Zoë Müller-Łukasik", "Mother", "Date: ________________", "Daniel Harlow", "Father",
				"Ruth A. Okonkwo", "Okonkwo & Vance LLP", "Counsel for Daniel Harlow",
				"Eleanor J. Miller", "Parenting Coordinator", "Date: December 1, 2025",
			},
			notWant: []string{"CERTIFICATE OF SERVICE", "REVIEW RIGHTS", "PROCESS", "POSITIONS", "Summary."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file, _ := assemble(t, tt.caseID, tt.number)
			if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
				t.Fatalf("qpdf --check: %v\n%s", err, out)
			}
			text := pdftext(t, file, 0, 0)
			// Every phrase is there; the section headings (the upper-case
			// phrases) come in order. Other phrases are not ordered, since
			// pdftotext reads the caption's two columns line by line.
			at := 0
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q", w)
					continue
				}
				if w != strings.ToUpper(w) || len(w) < 6 {
					continue
				}
				i := strings.Index(text[at:], w)
				if i < 0 {
					t.Errorf("heading %q is out of order", w)
					continue
				}
				at += i + len(w)
			}
			for _, w := range tt.notWant {
				if strings.Contains(text, w) {
					t.Errorf("text has %q", w)
				}
			}
			if t.Failed() {
				t.Logf("text:\n%s", text)
			}
		})
	}
}

// TestPageFurniture checks the footer, the running header from page 2 and
// the metadata.
func TestPageFurniture(t *testing.T) {
	need(t, "pdftotext", "pdfinfo")
	file, raw := assemble(t, caseA, 3)
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	if pages == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	n, _ := strconv.Atoi(string(pages[1]))
	if n < 2 {
		t.Fatalf("%d pages; the fixture determination should need several", n)
	}
	for _, want := range []string{
		"Title:           Parenting Coordinator Determination No. 3",
		"Author:          Eleanor J. Miller, J.D., LL.M., Certified Family Mediator",
		"Subject:         Müller-Łukasik and Harlow, Case No. FC-2025-0387: Exchanges on school closure days",
		"CreationDate:    Mon Mar  2 00:00:00 2026 UTC",
	} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	id := DocumentID(fixture(t).Case(caseA).Issue(3))
	header := "Müller-Łukasik and Harlow — Case No. FC-2025-0387"
	for page := 1; page <= n; page++ {
		text := pdftext(t, file, page, page)
		for _, footer := range []string{"Case No. FC-2025-0387 Determination No. 3", "Page " + itoa(page) + " of " + itoa(n), "Document " + id} {
			if !strings.Contains(text, footer) {
				t.Errorf("page %d lacks footer %q:\n%s", page, footer, text)
			}
		}
		if got := strings.Contains(text, header); got != (page > 1) {
			t.Errorf("page %d: running header present = %v", page, got)
		}
	}
	// The outline lists the sections.
	if !bytes.Contains(raw, []byte("/Type /Outlines")) || bytes.Count(raw, []byte("/Parent ")) < 12 {
		t.Error("no outline of the sections")
	}
}

func TestDocumentID(t *testing.T) {
	p := fixture(t)
	id := DocumentID(p.Case(caseA).Issue(3))
	if !regexp.MustCompile(`^PCD-FC-2025-0387-D3-[0-9a-f]{8}$`).MatchString(id) {
		t.Errorf("id = %q", id)
	}
	if got := DocumentID(p.Case(caseB).Issue(1)); !regexp.MustCompile(`^PCD-DR-2026-0142-R1-[0-9a-f]{8}$`).MatchString(got) {
		t.Errorf("recommendation id = %q", got)
	}
	is := p.Case(caseA).Issue(3)
	is.Src.Sum[0] ^= 1
	if DocumentID(is) == id {
		t.Error("an edited source keeps its identifier")
	}
}

// TestDeterministic assembles each document with two assemblers, and
// concurrently with one, and wants the same bytes every time.
func TestDeterministic(t *testing.T) {
	p := fixture(t)
	a1, a2 := newAssembler(t), newAssembler(t)
	for _, is := range p.Issues() {
		b1, err := a1.Document(p, is)
		if err != nil {
			t.Fatal(err)
		}
		b2, err := a2.Document(fixture(t), fixture(t).Case(is.Case.ID).Issue(is.Number))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b1, b2) {
			t.Errorf("%s: two assemblies differ", is.ID())
		}
		var wg sync.WaitGroup
		outs := make([][]byte, 4)
		for i := range outs {
			wg.Go(func() { outs[i], _ = a1.Document(p, is) })
		}
		wg.Wait()
		for i := range outs {
			if !bytes.Equal(outs[i], b1) {
				t.Errorf("%s: concurrent assembly %d differs", is.ID(), i)
			}
		}
	}
}

// bboxDoc is pdftotext -bbox's XHTML: pages of words with their boxes.
type bboxDoc struct {
	Pages []struct {
		Width  float64 `xml:"width,attr"`
		Height float64 `xml:"height,attr"`
		Words  []struct {
			XMin float64 `xml:"xMin,attr"`
			YMin float64 `xml:"yMin,attr"`
			XMax float64 `xml:"xMax,attr"`
			YMax float64 `xml:"yMax,attr"`
			Text string  `xml:",chardata"`
		} `xml:"word"`
	} `xml:"body>doc>page"`
}

// TestLongTextStaysOnPage assembles a determination with a very long
// directive and a very long quoted clause and checks that every word lies
// inside the margins and clear of the footer, across several pages.
func TestLongTextStaysOnPage(t *testing.T) {
	need(t, "pdftotext", "qpdf")
	file, _ := assemble(t, caseA, 4)
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
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
	if len(doc.Pages) < 5 {
		t.Fatalf("%d pages: the long texts did not break across pages", len(doc.Pages))
	}
	const slack = 1.5
	longPages := map[int]bool{}
	for i, pg := range doc.Pages {
		for _, w := range pg.Words {
			if w.XMin < marginL-slack || w.XMax > pageW-marginR+slack {
				t.Errorf("page %d: %q runs outside the margins (x %.1f–%.1f)", i+1, w.Text, w.XMin, w.XMax)
			}
			inBody := w.YMax <= pageH-marginB+slack
			inFooter := w.YMin >= pageH-52
			if !inBody && !inFooter || w.YMin < 30 || w.YMax > pageH-20 {
				t.Errorf("page %d: %q at y %.1f–%.1f overlaps the footer or leaves the page", i+1, w.Text, w.YMin, w.YMax)
			}
			if w.Text == "continuously" || w.Text == "unreasonably" {
				longPages[i] = true
			}
		}
	}
	if len(longPages) < 3 {
		t.Errorf("the long directive and clause appear on %d pages; want them to break across pages", len(longPages))
	}
	text := bodyText(t, file)
	if c := strings.Count(text, "never exceeding a further 48 hours."); c != 30 {
		t.Errorf("long directive: %d of 30 sentences survive", c)
	}
	if c := strings.Count(text, "promptly, courteously and in writing."); c != 40 {
		t.Errorf("long clause: %d of 40 sentences survive", c)
	}
}

func TestNotDocumented(t *testing.T) {
	a := newAssembler(t)
	p := fixture(t)
	is := p.Case(caseA).Issue(3)
	is.Outcome = &practice.Outcome{Kind: practice.OutcomeWithdrawn, On: d("2026-03-01")}
	if _, err := a.Document(p, is); err == nil {
		t.Error("no error for a withdrawn issue")
	}
	is.Outcome = nil
	if _, err := a.Document(p, is); err == nil {
		t.Error("no error for a pending issue")
	}
}
