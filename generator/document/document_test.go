package document

import (
	"crypto/sha256"
	"regexp"
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

var d = practice.MustDate

// fixture is a binding case with a determination (issue 1), an amending
// determination after a missed mediation (issue 2), an agreement served
// on the parents (issue 3), and a recommending case's recommendation.
func fixture() *practice.Practice {
	p := &practice.Practice{
		Name:        "Practice",
		Coordinator: practice.Coordinator{Name: "Eleanor J. Miller", Credentials: "J.D.", Address: []string{"1 Main St"}},
	}
	c := &practice.Case{
		ID: "2026-fam-0001-a-b", Title: "A and B", Court: "In the Superior Court of Halden County", CourtCaseNo: "FC-2026-0001",
		Appointment: practice.Appointment{OrderDate: d("2026-01-05"), OrderRef: "Order, para. 2"},
		Parties: practice.Parties{
			ParentA: practice.Party{Name: "Zoë Müller", Label: "Mother", Email: "zoe@example.com"},
			ParentB: practice.Party{Name: "Dan Hale", Label: "Father", Email: "dan@example.com", Counsel: &practice.Counsel{Name: "Ruth Okonkwo", Firm: "Okonkwo LLP", Email: "ruth@okonkwo.example"}},
		},
		Children: []practice.Child{{Initials: "M.H.", Born: 2016}},
		Plan:     practice.Plan{Title: "Parenting Plan", ClauseLabel: "clause", Clauses: []practice.Clause{{Ref: "3.2", Title: "Exchanges", Text: "Exchanges at school."}}},
		Safety: &practice.Safety{
			ScreenedOn: d("2026-01-10"),
			Result:     "Past verbal conflict at exchanges reported by the Mother.",
			Safeguards: []string{"No joint sessions; shuttle mediation only"},
		},
	}
	det := &practice.Issue{
		Case: c, Number: 1, Title: "Closure days", RaisedOn: d("2026-02-01"), Clauses: []string{"3.2"},
		Question:  "Where is the exchange?",
		Positions: practice.Positions{ParentA: "At the library.", ParentB: "At the school. Shuttle mediation only suits me, given the safety screening."},
		Events: []practice.Event{
			{On: d("2026-02-02"), Kind: practice.EventNotice},
			{On: d("2026-02-05"), Kind: practice.EventMediation, Result: practice.ResultNoAgreement, Note: "Separate rooms, as the safeguards require"},
		},
		Outcome: &practice.Outcome{Kind: practice.OutcomeDetermination, On: d("2026-03-02"), ServedOn: d("2026-03-03"),
			Summary: "At the library.", Directives: []string{"The exchange is at the library."}},
		Body: "## Findings\n\nThe school was closed. The safety screening found past conflict. The library was open.\n\n" +
			"## Private\n\nI doubt the Father's account.\n\n### Notes\n\nCall the school.\n\n## Analysis\n\nThe library it is.\n",
		Src: practice.Source{Sum: sha256.Sum256([]byte("1"))},
	}
	// As parse does: the "## Private" part is split off the record.
	det.Body, det.Private = practice.SplitPrivate(det.Body)
	amend := &practice.Issue{
		Case: c, Number: 2, Title: "Closure days again", RaisedOn: d("2026-03-10"), Clauses: []string{"3.2"}, Amends: 1,
		Question: "Does the library rule apply on holidays?",
		Events: []practice.Event{
			{On: d("2026-03-11"), Kind: practice.EventNotice},
			{On: d("2026-03-15"), Kind: practice.EventMissed, By: practice.PartyB},
		},
		Outcome: &practice.Outcome{Kind: practice.OutcomeDetermination, On: d("2026-03-20"),
			Directives: []string{"The library rule applies on holidays."}},
		Src: practice.Source{Sum: sha256.Sum256([]byte("2"))},
	}
	agr := &practice.Issue{
		Case: c, Number: 3, Title: "Winter", RaisedOn: d("2026-04-01"), Clauses: []string{"3.2"},
		Question: "Where is the winter handover?",
		Outcome: &practice.Outcome{Kind: practice.OutcomeAgreement, On: d("2026-04-05"), ServedOn: d("2026-04-06"),
			Directives: []string{"At noon at the library."}},
		Src: practice.Source{Sum: sha256.Sum256([]byte("3"))},
	}
	c.Issues = []*practice.Issue{det, amend, agr}
	r := &practice.Case{
		ID: "2026-fam-0002-c-d", Title: "C and D", Court: "Circuit Court of Marlow County", CourtCaseNo: "DR 2026/2",
		Appointment: practice.Appointment{OrderDate: d("2026-01-05"), Authority: practice.AuthorityRecommend},
		Parties: practice.Parties{
			ParentA: practice.Party{Name: "José Núñez"},
			ParentB: practice.Party{Name: "Ann Ward"},
		},
		Plan: practice.Plan{Clauses: []practice.Clause{{Ref: "7", Text: "Travel."}}},
	}
	rec := &practice.Issue{
		Case: r, Number: 1, Title: "Passport", RaisedOn: d("2026-02-02"), Clauses: []string{"7"},
		Question: "Must the Father sign?",
		Outcome: &practice.Outcome{Kind: practice.OutcomeDetermination, On: d("2026-02-06"), ServedOn: d("2026-02-06"),
			MediationWaived: "urgent", Directives: []string{"The Father shall sign."}},
		Src: practice.Source{Sum: sha256.Sum256([]byte("r1"))},
	}
	r.Issues = []*practice.Issue{rec}
	p.Cases = []*practice.Case{c, r}
	return p
}

// words is the text of every block of doc, in order, one string.
func words(doc *Document) string {
	var b strings.Builder
	add := func(s string) { b.WriteString(s); b.WriteByte(' ') }
	var blocks func([]Block)
	blocks = func(bs []Block) {
		for _, bl := range bs {
			switch bl := bl.(type) {
			case *Paragraph:
				for _, r := range bl.Runs {
					b.WriteString(r.Text)
				}
				b.WriteByte(' ')
			case *Heading:
				add(bl.Text)
			case *Quote:
				blocks(bl.Blocks)
			case *List:
				for _, it := range bl.Items {
					add(it.Label)
					blocks(it.Blocks)
				}
			case *Table:
				add(strings.Join(bl.Header, " "))
				for _, r := range bl.Rows {
					add(strings.Join(r, " "))
				}
			case *Preformatted:
				add(bl.Text)
			case *Signatures:
				for _, l := range bl.Lines {
					add(l.Signed + " " + l.Name + " " + strings.Join(l.Under, " "))
				}
			}
		}
	}
	add(doc.Title)
	add(doc.Caption.Court)
	blocks(doc.Preamble)
	for _, s := range append(append([]Section{}, doc.Sections...), doc.Signature) {
		add(s.Title())
		blocks(s.Blocks)
	}
	for _, s := range []*Section{doc.Certificate, doc.ProposedOrder} {
		if s != nil {
			add(s.Title())
			blocks(s.Blocks)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func buildText(t *testing.T, p *practice.Practice, caseID string, n int) (*Document, string) {
	t.Helper()
	is := p.Case(caseID).Issue(n)
	doc, err := NewBuilder(nil, nil).Build(p, is)
	if err != nil {
		t.Fatal(err)
	}
	return doc, words(doc)
}

const (
	caseA = "2026-fam-0001-a-b"
	caseR = "2026-fam-0002-c-d"
)

func TestBuild(t *testing.T) {
	tests := []struct {
		name    string
		caseID  string
		number  int
		want    []string // in this order
		notWant []string
	}{
		{
			name: "determination", caseID: caseA, number: 1,
			want: []string{
				"Parenting Coordinator Determination No. 1",
				"Summary. At the library.",
				"I. Authority", "By order dated January 5, 2026 (Order, para. 2), the Superior Court of Halden County (the “Court”) appointed",
				"III. Plan Provisions", "Clause 3.2 — Exchanges", "“Exchanges at school.”",
				"IV. Process", "the parents did not reach agreement.",
				"Each parent had an opportunity to be heard, and each was heard.",
				"Safeguards applied throughout this process.",
				"V. Positions of the Parents", "At the school.",
				"VI. Background, Findings and Analysis", "Findings", "The school was closed. The library was open.", "Analysis", "The library it is.",
				"VII. Determination", "1. The exchange is at the library.",
				"IX. Review Rights", "may ask the Court to review it", "no later than Friday, March 13, 2026, 10 days after service of this decision.",
				"remains in effect while review is pending, unless the Court orders otherwise.",
				"Dated: March 2, 2026", "Eleanor J. Miller J.D. Parenting Coordinator 1 Main St",
				"Certificate of Service", "I certify that on March 3, 2026 I served a copy of this determination on the following:",
				"• Zoë Müller (Mother), by email to zoe@example.com.",
				"• Ruth Okonkwo, Okonkwo LLP, counsel for Dan Hale, by email to ruth@okonkwo.example.",
				"• Dan Hale (Father, a copy), by email to dan@example.com.",
				"/s/ Eleanor J. Miller Eleanor J. Miller Parenting Coordinator Date: March 3, 2026",
			},
			notWant: []string{
				"the In the", "of the In", "Paragraph",
				"doubt", "Call the school", "Private", // the private section
				"screening", "Past verbal conflict", "shuttle", "Shuttle", "Separate rooms", // the safety screening
				"Amended", "[Proposed]",
			},
		},
		{
			name: "amending, after a missed mediation", caseID: caseA, number: 2,
			want: []string{
				"Amended Parenting Coordinator Determination No. 2",
				"This determination amends Determination No. 1, issued March 2, 2026 (Document PCD-FC-2026-0001-D1-",
				"Except as this determination provides, Determination No. 1 remains in force.",
				"On March 15, 2026, the mediation attempt failed because Dan Hale (Father) did not attend after notice.",
				"within 10 days after it is served.",
				"I certify that on ________________ I served",
			},
			notWant: []string{"conducted a mediation session", "no later than"},
		},
		{
			name: "agreement", caseID: caseA, number: 3,
			want: []string{
				"Memorandum of Agreement No. 3",
				"IV. Agreed Terms", "1. At noon at the library.",
				"It becomes an order of the Court only if the Court approves it.",
				"Signatures", "Zoë Müller Mother Date: ________________", "Dan Hale Father Date: ________________",
				"Ruth Okonkwo Okonkwo LLP Counsel for Dan Hale Date: ________________",
				"Eleanor J. Miller J.D. Parenting Coordinator Date: April 5, 2026",
				"Certificate of Service", "I certify that on April 6, 2026 I served a copy of this memorandum of agreement",
			},
			notWant: []string{"Process", "Review Rights", "Summary", "[Proposed]"},
		},
		{
			name: "recommendation", caseID: caseR, number: 1,
			want: []string{
				"Parenting Coordinator Recommendation No. 1",
				"This recommendation is not binding on the parents unless and until the Court adopts it by order.",
				"the Circuit Court of Marlow County (the “Court”) appointed",
				"makes recommendations to the Court",
				"Mediation was not attempted before this recommendation: urgent.",
				"VII. Recommendation", "1. The Father shall sign.",
				"If adopted by the Court, this recommendation takes effect on February 6, 2026",
				"no later than Tuesday, February 17, 2026",
				"Certificate of Service",
				"[Proposed] Order", "The Court has reviewed Parenting Coordinator Recommendation No. 1, dated February 6, 2026",
				"IT IS ORDERED that the recommendation is adopted, and that: 1. The Father shall sign.",
				"Dated: ________________ Judge Circuit Court of Marlow County",
			},
			notWant: []string{"binding determination", "Safeguards", "Unless a party objects"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, text := buildText(t, fixture(), tt.caseID, tt.number)
			at := 0
			for _, w := range tt.want {
				i := strings.Index(text[at:], w)
				if i < 0 {
					if strings.Contains(text, w) {
						t.Errorf("%q is out of order", w)
					} else {
						t.Errorf("text lacks %q", w)
					}
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

// TestRules checks that the wording the jurisdiction gives is what the
// document says.
func TestRules(t *testing.T) {
	p := fixture()
	is := p.Case(caseA).Issue(1)
	r := Rules{
		EffectText:     "The determination binds while review is pending.",
		ReviewText:     "A party may move the Court to review it",
		ReviewDeadline: Deadline{Date: d("2026-03-16"), Basis: "14 days after service, rolled to a business day", Rule: "Rule 5.3(b)"},
		FilingText:     "The Parenting Coordinator files it with the Clerk.",
		FeeWarning:     "A party who seeks review may be ordered to pay the other's fees.",
	}
	doc, err := Build(p, is, r)
	if err != nil {
		t.Fatal(err)
	}
	text := words(doc)
	for _, w := range []string{
		"A party may move the Court to review it no later than Monday, March 16, 2026 (14 days after service, rolled to a business day; Rule 5.3(b)).",
		"The Parenting Coordinator files it with the Clerk. The determination binds while review is pending. A party who seeks review may be ordered to pay the other's fees.",
		"• Ruth Okonkwo, Okonkwo LLP, counsel for Dan Hale, by email to ruth@okonkwo.example.",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
	// CopyToRepresentedParent is false: counsel alone is served for the Father.
	if strings.Contains(text, "Dan Hale (Father, a copy)") {
		t.Errorf("a represented parent is served though the rules serve counsel alone")
	}
}

func TestRecipients(t *testing.T) {
	c := fixture().Case(caseA)
	got := func(r Rules) []string {
		var out []string
		for _, rc := range Recipients(c, r) {
			out = append(out, rc.Line())
		}
		return out
	}
	want := []string{
		"Zoë Müller (Mother), by email to zoe@example.com.",
		"Ruth Okonkwo, Okonkwo LLP, counsel for Dan Hale, by email to ruth@okonkwo.example.",
		"Dan Hale (Father, a copy), by email to dan@example.com.",
	}
	if g := got(Rules{CopyToRepresentedParent: true}); strings.Join(g, "|") != strings.Join(want, "|") {
		t.Errorf("recipients = %q, want %q", g, want)
	}
	if g := got(Rules{}); strings.Join(g, "|") != want[0]+"|"+want[1] {
		t.Errorf("counsel alone: recipients = %q", g)
	}

	// Served by mail, at the address used; and with no usable method the
	// certificate says so rather than pretend one.
	c.Parties.ParentA = practice.Party{Name: "Kwame Osei", Label: "Father", ServeBy: practice.ServeMail, Address: []string{"27 Quarry Road", "Tamsin Falls"}}
	c.Parties.ParentB = practice.Party{Name: "Ann Lee", Label: "Mother"}
	want = []string{
		"Kwame Osei (Father), by first-class mail, postage prepaid, addressed to 27 Quarry Road, Tamsin Falls.",
		"Ann Lee (Mother), method of service not recorded.",
	}
	if g := got(Rules{}); strings.Join(g, "|") != strings.Join(want, "|") {
		t.Errorf("recipients = %q, want %q", g, want)
	}
}

func TestScreener(t *testing.T) {
	c := fixture().Case(caseA)
	tests := []struct{ in, want string }{
		{"The library was open.", "The library was open."},
		{"The school was closed. The safety screening found past conflict. The library was open.", "The school was closed. The library was open."},
		{"Exchanges at 5 p.m. Safeguards were observed throughout: no joint session was held.", "Exchanges at 5 p.m."},
		{"Past verbal conflict at exchanges reported by the Mother.", ""},
		{"They met at 3 p.m. on Monday.", "They met at 3 p.m. on Monday."},
		{"Shuttle mediation by telephone.", ""},
		{"Sessions ran with no joint sessions, as agreed. Fine.", "Fine."},
	}
	for _, tt := range tests {
		if got := newScreener(c).text(tt.in); got != tt.want {
			t.Errorf("text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Styles survive around a withheld sentence.
	got := newScreener(c).runs([]Run{{Text: "Kept "}, {Text: "bold.", Bold: true}, {Text: " The screening said so. Also kept."}})
	if len(got) != 3 || got[1].Text != "bold." || !got[1].Bold || got[2].Text != " Also kept." {
		t.Errorf("runs = %+v", got)
	}
}

// TestFoldInto holds speaks's fast path to fold, which it stands in for.
func TestFoldInto(t *testing.T) {
	sc := &screener{}
	for _, in := range []string{
		"", "The Safety SCREENING found.", "  two  spaces ", "tab\there", "line\nbreak\r\n end ",
		"carriage\rreturn alone", "\v\fform feed  \v", "MiXeD 123 !?.", " lead", "trail ", "\n",
		"Protective\n  Order", "Zoë ÉCOLE İstanbul ΣΊΣΥΦΟΣ", "ß and \u212a (Kelvin)", "bad \xff utf-8 \xe2\x80",
		"\ufffd kept", "no-break\u00a0space", "no-break\u00a0space\tand tab", "ideographic\u3000space  two",
		"\u0085next line\nx", "em — dash “quoted”",
	} {
		if got, want := string(sc.foldInto(in)), fold(in); got != want {
			t.Errorf("foldInto(%q) = %q, fold gives %q", in, got, want)
		}
	}
}

func TestCourtName(t *testing.T) {
	for in, want := range map[string]string{
		"Superior Court of Halden County":        "the Superior Court of Halden County",
		"In the Superior Court of Halden County": "the Superior Court of Halden County",
		"IN THE CIRCUIT COURT":                   "the CIRCUIT COURT",
		"The Family Court":                       "the Family Court",
		"In re Marriage Court":                   "the re Marriage Court",
		"Family  Court ":                         "the Family Court",
	} {
		if in == "In re Marriage Court" {
			continue // not a form courts use; listed to show the rule is a prefix, not a parse
		}
		if got := courtName(in); got != want {
			t.Errorf("courtName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestID(t *testing.T) {
	p := fixture()
	is := p.Case(caseA).Issue(1)
	if id := ID(is); !regexp.MustCompile(`^PCD-FC-2026-0001-D1-[0-9a-f]{8}$`).MatchString(id) {
		t.Errorf("ID = %q", id)
	}
	for in, want := range map[string]string{
		"FC-2026-0001":                   "FC-2026-0001",
		"2026-FAMILY-DR-0000387-ABC":     "DR-0000387-ABC",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ":     "KLMNOPQRSTUVWXYZ",
		"X-ABCDEFGHIJKLMNOPQRSTUVWXYZ-1": "1",
	} {
		if got := shortRef(in); got != want || len(got) > maxRef {
			t.Errorf("shortRef(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"urgent: the weekend began", "urgent: the weekend began."},
		{"Done.", "Done."},
		{"He said “no”", "He said “no”"},
		{" spaced ", "spaced."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := sentence(tt.in); got != tt.want {
			t.Errorf("sentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNotDocumented(t *testing.T) {
	p := fixture()
	is := p.Case(caseA).Issue(1)
	is.Outcome = nil
	if _, err := Build(p, is, Rules{}); err == nil {
		t.Error("no error for a pending issue")
	}
}

// TestExhibitsInRecord: the record section lists the exhibits in the
// coordinator's order, each with its label, title, file and full hash;
// the document's identifier follows the exhibits' hashes; a document
// without exhibits says nothing of them.
func TestExhibitsInRecord(t *testing.T) {
	p := fixture()
	_, before := buildText(t, p, caseA, 1)
	if strings.Contains(before, "considered") {
		t.Errorf("a document without exhibits lists some: %s", before)
	}
	is := p.Case(caseA).Issue(1)
	idBefore := ID(is)
	is.Exhibits = []practice.Exhibit{
		{File: "notice.pdf", Title: "The school's notice", SHA256: strings.Repeat("ab", 32)},
		{File: "email.txt", SHA256: strings.Repeat("01", 32)},
	}
	is.ResolveExhibits() // labels; the case has no exhibit folder, so the hashes go
	is.Exhibits[0].SHA256, is.Exhibits[1].SHA256 = strings.Repeat("ab", 32), strings.Repeat("01", 32)
	doc, text := buildText(t, p, caseA, 1)
	want := "The Parenting Coordinator considered: • Exhibit A, The school's notice (notice.pdf, SHA-256 " + strings.Repeat("ab", 32) +
		"). • Exhibit B, email.txt (SHA-256 " + strings.Repeat("01", 32) + ")."
	if !strings.Contains(text, want) {
		t.Errorf("record does not list the exhibits as\n%s\nin\n%s", want, text)
	}
	var record *Section
	for i := range doc.Sections {
		if doc.Sections[i].Heading == "Background, Findings and Analysis" {
			record = &doc.Sections[i]
		}
	}
	if record == nil || !strings.Contains(words(&Document{Sections: []Section{*record}}), "Exhibit B") {
		t.Error("the exhibits are not in the record section")
	}
	idA := ID(is)
	if idA == idBefore {
		t.Error("listing exhibits left the document's identifier unchanged")
	}
	is.Exhibits[1].SHA256 = strings.Repeat("02", 32)
	if ID(is) == idA {
		t.Error("a changed exhibit left the document's identifier unchanged")
	}
}

// TestExtendedTerm: a document made in a term the Court extended cites the
// extending order after the appointment, as a report does; an extension
// ordered after the document's date is not in it.
func TestExtendedTerm(t *testing.T) {
	p := fixture()
	c := p.Case(caseA)
	c.Appointment.TermEnds = d("2026-12-31")
	_, text := buildText(t, p, caseA, 1) // determined 2026-03-02
	if !strings.Contains(text, "for a term ending December 31, 2026.") || strings.Contains(text, "extended") {
		t.Errorf("without an extension:\n%s", text)
	}
	c.Appointment.Extensions = []practice.Extension{
		{On: d("2026-02-20"), TermEnds: d("2027-06-30"), OrderRef: "Order Extending Appointment"},
		{On: d("2026-03-10"), TermEnds: d("2027-12-31")},
	}
	_, text = buildText(t, p, caseA, 1)
	if want := "By order dated February 20, 2026 (Order Extending Appointment), the Court extended the term to June 30, 2027."; !strings.Contains(text, want) {
		t.Errorf("the extension in force is not cited as\n%s\nin\n%s", want, text)
	}
	if strings.Contains(text, "December 31, 2027") {
		t.Errorf("an extension ordered after the determination is cited:\n%s", text)
	}
}
