package site

import (
	"html/template"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pcdocket/generator/parse"
)

// TestCSSString: a parent's label becomes a CSS string that nothing in it
// can end, neither the string nor the style attribute html/template puts
// it in.
func TestCSSString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Mother", `"Mother"`},
		{"Zoë's \"mum\"", `"Zoë\27 s \22 mum\22 "`},
		{`a\b</style>&`, `"a\5c b\3c /style\3e \26 "`},
		{"line\nbreak", `"line\a break"`},
	} {
		if got := cssString(tc.in); got != tc.want {
			t.Errorf("cssString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestLedgerRowsBare: the ledger's rows are nine bare cells each, with no
// per-cell class or data-label (style.css labels them by position), and
// the table names the parents' columns once, in --la and --lb.
func TestLedgerRowsBare(t *testing.T) {
	p, findings := parse.Dir(filepath.Join("..", ".."))
	if findings.HasErrors() || p == nil {
		t.Fatalf("the sample practice does not parse: %v", findings)
	}
	s := newSite(t, p)
	var cv *caseView
	for _, c := range s.cases {
		if c.Account() != nil && len(c.Account().Lines) > 0 {
			cv = c
			break
		}
	}
	if cv == nil {
		t.Fatal("the fixture has no case with a ledger")
	}
	rows := string(ledgerRows(cv, cv.Account()))
	if strings.Contains(rows, "data-label") || strings.Contains(rows, "class=\"num\"") {
		t.Errorf("ledger rows carry per-cell labels or classes:\n%.400s", rows)
	}
	trs := strings.Split(strings.TrimSuffix(rows, "\n"), "\n")
	if len(trs) != len(cv.Account().Lines) {
		t.Fatalf("%d rows for %d entries", len(trs), len(cv.Account().Lines))
	}
	for _, tr := range trs {
		if n := strings.Count(tr, "<td>"); n != 9 {
			t.Errorf("a row has %d cells, want 9: %s", n, tr)
		}
	}
	if got, want := ledgerLabels(cv), template.CSS("--la:"+cssString(orLabel(cv.PartyA.Label, "Parent A"))+";--lb:"+cssString(orLabel(cv.PartyB.Label, "Parent B"))); got != want {
		t.Errorf("labels %s, want %s", got, want)
	}
	if !regexp.MustCompile(`^--la:"[^"]+";--lb:"[^"]+"$`).MatchString(string(ledgerLabels(cv))) {
		t.Errorf("labels %s", ledgerLabels(cv))
	}
}
