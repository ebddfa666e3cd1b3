package parse

import (
	"sort"
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

func TestDirBasic(t *testing.T) {
	p, diags := Dir("testdata/basic")
	if len(diags) != 0 {
		t.Fatalf("unexpected findings:\n%v", diags)
	}
	if p.Name != "Test Practice" || p.Deadlines().DecisionDays != 7 || p.Deadlines().ObjectionDays != 10 {
		t.Errorf("practice = %q, deadlines %+v", p.Name, p.Deadlines())
	}
	c := p.Case("2026-fam-0001")
	if c == nil {
		t.Fatal("case 2026-fam-0001 not read")
	}
	if got := c.Parties.ParentA.Name; got != "Zoë Müller-Łukasik" {
		t.Errorf("parent_a = %q", got)
	}
	if c.Appointment.OrderDate != practice.MustDate("2026-01-05") {
		t.Errorf("order_date = %v", c.Appointment.OrderDate)
	}
	if c.Clause("4.2") == nil || c.Clause("4.2").Text != "Exchanges happen at school." {
		t.Errorf("clause 4.2 = %+v", c.Clause("4.2"))
	}
	if strings.TrimSpace(c.Body) != "Private notes." {
		t.Errorf("body = %q", c.Body)
	}
	if len(c.Issues) != 2 {
		t.Fatalf("issues = %d, want 2", len(c.Issues))
	}
	is := c.Issues[0]
	if is.Outcome == nil || is.Outcome.Directives[0] != "Exchanges happen at 5 pm." || is.Case != c {
		t.Errorf("issue 1 = %+v", is)
	}
	if got := is.Src.At("outcome.kind"); got.Line != 13 {
		t.Errorf("outcome.kind at %v, want line 13", got)
	}
	if got := is.Src.At("events[0].on"); got.Line != 10 {
		t.Errorf("events[0].on at %v, want line 10", got)
	}
	if is.Src.BodyLine != 19 {
		t.Errorf("body line = %d, want 19", is.Src.BodyLine)
	}
	tm := c.Issues[1]
	if tm.Title != "Holiday" || len(tm.Events) != 3 || tm.Events[1].By != "parent_a" || tm.Positions.ParentA != "Mine." {
		t.Errorf("TOML issue = %+v", tm)
	}
	if tm.Events[1].On != practice.MustDate("2026-03-04") {
		t.Errorf("TOML date = %v", tm.Events[1].On)
	}
	if got := tm.Src.At("events[1].by"); got.Line != 19 {
		t.Errorf("TOML events[1].by at %v, want line 19", got)
	}
	if got := tm.Src.At("positions.parent_a"); got.Line != 10 {
		t.Errorf("TOML positions.parent_a at %v, want line 10", got)
	}
	if len(tm.Events) != 3 || tm.Events[2].Kind != practice.EventMissed || tm.Events[2].By != practice.PartyB {
		t.Errorf("TOML missed event = %+v", tm.Events)
	}
}

// TestDirBasicNewKeys reads the keys of jurisdictions, service, counsel and
// private notes from the basic fixture.
func TestDirBasicNewKeys(t *testing.T) {
	p, diags := Dir("testdata/basic")
	if len(diags) != 0 {
		t.Fatalf("unexpected findings:\n%v", diags)
	}
	if p.Jurisdiction != "CO" || len(p.Holidays) != 2 || p.Holidays[1] != practice.MustDate("2026-12-24") {
		t.Errorf("jurisdiction %q, holidays %v", p.Jurisdiction, p.Holidays)
	}
	if got := strings.Join(p.LocalJurisdictions, ","); got != "ZZ" {
		t.Errorf("local jurisdictions = %q, want ZZ (README.txt is not one)", got)
	}
	c := p.Case("2026-fam-0001")
	if c.Jurisdiction != "TX" || c.JurisdictionCode(p) != "TX" || c.Plan.Label() != "Section" {
		t.Errorf("case jurisdiction %q, clause label %q", c.Jurisdiction, c.Plan.Label())
	}
	a, b := c.Parties.ParentA, c.Parties.ParentB
	want := practice.Counsel{Name: "Ruth A. Okonkwo", Firm: "Okonkwo & Vance LLP", BarNo: "48213",
		Email: "rokonkwo@okonkwo-vance.example", Address: []string{"90 Harbour Street, 4th Floor", "Port Halden 55012"}}
	if a.Counsel.String() != want.String() || a.Counsel.BarNo != want.BarNo || a.Counsel.Email != want.Email || strings.Join(a.Counsel.Address, "|") != strings.Join(want.Address, "|") {
		t.Errorf("parent_a counsel = %+v", a.Counsel)
	}
	if a.ServeBy != practice.ServeMail || len(a.Address) != 2 || a.ServiceMethod() != practice.ServeMail {
		t.Errorf("parent_a service: %q %v", a.ServeBy, a.Address)
	}
	if b.Counsel.String() != "Ana Flores" || b.Counsel.Email != "" || !b.Represented() {
		t.Errorf("parent_b counsel in short form = %+v", b.Counsel)
	}
	for path, line := range map[string]int{
		"parties.parent_a.counsel.bar_no": 20,
		"parties.parent_b.counsel":        29,
		"parties.parent_b.counsel.name":   29, // the short form stands for the name
		"plan.clause_label":               36,
		"jurisdiction":                    5,
	} {
		if got, ok := c.Src.Line(path); !ok || got != line {
			t.Errorf("%s on line %d (%v), want %d", path, got, ok, line)
		}
	}
	is := c.Issues[0]
	if strings.Contains(is.Body, "tired") || !strings.Contains(is.Body, "## Analysis") || !strings.Contains(is.Body, "## Background") {
		t.Errorf("record body = %q", is.Body)
	}
	if is.Private != "Mother sounded tired on the call; ask about the new job.\n" {
		t.Errorf("private = %q", is.Private)
	}
}

// TestCounselShapes checks the short and long forms of counsel, and what a
// coordinator is told about a shape that is neither.
func TestCounselShapes(t *testing.T) {
	head := "---\ntitle: t\ncourt: c\ncourt_case_no: n\nappointment:\n  order_date: 2026-01-01\nparties:\n  parent_b:\n    name: B\n  parent_a:\n    name: A\n"
	tail := "children:\n  - initials: A.B.\n    born: 2017\nplan:\n  clauses:\n    - ref: \"1\"\n---\n"
	tests := []struct {
		name, counsel string
		want          []string
	}{
		{"short", "    counsel: Ana Flores\n", nil},
		{"long", "    counsel:\n      name: Ana Flores\n      bar_no: \"1\"\n", nil},
		{"empty", "    counsel:\n", nil},
		{"a list", "    counsel:\n      - Ana Flores\n", []string{`f.md:13: parties.parent_a.counsel: want one line of text (the name) or a set of keys (key: value lines), got a list`}},
		{"a map without a name", "    counsel:\n      firm: Flores LLP\n", []string{`f.md:12: missing required key "name" in parties.parent_a.counsel: add it`}},
		{"a typo", "    counsel:\n      name: A\n      barno: \"1\"\n", []string{`f.md:14: unknown key "barno" in parties.parent_a.counsel (did you mean "bar_no"?)`}},
		{"not shorthand elsewhere", "    label: Mother\nsafety: screened\n", []string{`f.md:13: safety: want a set of keys (key: value lines), got "screened"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c practice.Case
			_, _, diags := FrontMatter("f.md", []byte(head+tt.counsel+tail), &c)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestFrontMatterFindings(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"unclosed", "---\ntitle: x\n", []string{`f.md:1: front matter opened on line 1 is never closed: add a "---" line after the last key`}},
		{"none", "just text\n", []string{`f.md:1: no front matter: start the file with a line "---", then the keys, then another "---" line`}},
		{"a byte-order mark is accepted", "\xef\xbb\xbf---\nnumber: 1\ntitle: t\ncategory: other\nraised_on: 2026-01-01\nclauses: [\"1\"]\nquestion: q\n---\n", nil},
		{"yaml syntax", "---\nnumber: 1\ntitle: [unclosed\n---\n", []string{"f.md:3: a list in brackets [ ] is not closed: add the ], or put the value in quotes if it is text starting with [ (YAML: did not find expected ',' or ']')"}},
		{"unknown key and types", "---\nnumber: one\ntitel: t\ncategory: other\nraised_on: 2026-02-30\nclauses: 4.2\nquestion: q\nurgent: maybe\n---\n", []string{
			`f.md:1: missing required key "title" in the front matter: add it`,
			`f.md:2: number: want a whole number, got "one"`,
			`f.md:3: unknown key "titel" (did you mean "title"?)`,
			`f.md:5: raised_on: bad date "2026-02-30": write it as YYYY-MM-DD`,
			`f.md:6: clauses: want a list (lines starting with "- "), got "4.2"`,
			`f.md:8: urgent: want true or false, got "maybe"`,
		}},
		{"nested", "---\nnumber: 1\ntitle: t\ncategory: other\nraised_on: 2026-01-01\nclauses: [\"1\"]\nquestion: q\nevents:\n  - on: 2026-01-02\n    knd: notice\noutcome:\n  kind: agreement\n  on: 2026-01-03\n  on: 2026-01-04\n---\n", []string{
			`f.md:10: unknown key "knd" in events[0] (did you mean "kind"?)`,
			`f.md:14: key "outcome.on" is given twice (first on line 13): keep one`,
			`f.md:9: missing required key "kind" in events[0]: add it`,
		}},
		{"crlf and lone cr count as line breaks", "---\r\nnumber: 1\r\ntitle: t\rcategory: other\r\nraised_on: 2026-01-01\r\nclauses: [\"1\"]\r\nquestion: q\r\ncolour: red\r\n---\r\n",
			[]string{`f.md:8: unknown key "colour" (known keys: number, title, category, raised_by, raised_on, urgent, clauses, silent, question, positions, events, outcome, amends, exhibits)`}},
		{"toml syntax", "+++\nnumber = \n+++\n", []string{"f.md:2: this key has no value: write one after the =, or remove the line (TOML: expected value but found '\\n' instead)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var is practice.Issue
			_, _, diags := FrontMatter("f.md", []byte(tt.in), &is)
			diags.Sort()
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			want := append([]string(nil), tt.want...)
			sort.Strings(want)
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestCounselInTOML reads counsel in both forms from TOML front matter,
// with the line of each key.
func TestCounselInTOML(t *testing.T) {
	in := `+++
title = "t"
court = "c"
court_case_no = "n"
jurisdiction = "FL"

[appointment]
order_date = 2026-01-01

[parties.parent_a]
name = "A"
counsel = "Ana Flores"

[parties.parent_b]
name = "B"
serve_by = "mail"
address = ["1 Main St", "Town"]

[parties.parent_b.counsel]
name = "Cara Dunn"
bar_no = "0912345"

[[children]]
initials = "A.B."
born = 2017

[plan]
clause_label = "clause"
[[plan.clauses]]
ref = "1"
+++
`
	var c practice.Case
	_, src, diags := FrontMatter("f.md", []byte(in), &c)
	if len(diags) != 0 {
		t.Fatalf("findings: %v", diags)
	}
	a, b := c.Parties.ParentA, c.Parties.ParentB
	if a.Counsel.String() != "Ana Flores" || b.Counsel.String() != "Cara Dunn" || b.Counsel.BarNo != "0912345" || b.ServiceMethod() != practice.ServeMail || c.Jurisdiction != "FL" || c.Plan.Label() != "clause" {
		t.Errorf("case = %+v %+v %+v", a, b, c.Plan)
	}
	for path, line := range map[string]int{"parties.parent_a.counsel.name": 12, "parties.parent_b.counsel.bar_no": 21, "parties.parent_b.address": 17} {
		if got, ok := src.Line(path); !ok || got != line {
			t.Errorf("%s on line %d (%v), want %d", path, got, ok, line)
		}
	}
}
