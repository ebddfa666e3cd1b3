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
	if tm.Title != "Holiday" || len(tm.Events) != 2 || tm.Events[1].By != "parent_a" || tm.Positions.ParentA != "Mine." {
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
}

func TestFrontMatterFindings(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"unclosed", "---\ntitle: x\n", []string{`f.md:1: front matter opened on line 1 is never closed: add a "---" line after the last key`}},
		{"none", "just text\n", []string{`f.md:1: no front matter: start the file with a line "---", then the keys, then another "---" line`}},
		{"bom", "\xef\xbb\xbf---\nnumber: 1\ntitle: t\ncategory: other\nraised_on: 2026-01-01\nclauses: [\"1\"]\nquestion: q\n---\n",
			[]string{"f.md:1: the file starts with a UTF-8 byte-order mark: save it as UTF-8 without BOM"}},
		{"yaml syntax", "---\nnumber: 1\ntitle: [unclosed\n---\n", []string{"f.md:3: front matter: did not find expected ',' or ']' (YAML syntax)"}},
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
			[]string{`f.md:8: unknown key "colour" (known keys: number, title, category, raised_by, raised_on, urgent, clauses, silent, question, positions, events, outcome, amends)`}},
		{"toml syntax", "+++\nnumber = \n+++\n", []string{"f.md:2: front matter: expected value but found '\\n' instead (TOML syntax)"}},
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
