package parse

import (
	"testing"

	"pcdocket/generator/jurisdiction"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		rel  string
		want Place
	}{
		{"", Place{Kind: KindFolder}},
		{".", Place{Kind: KindFolder}},
		{"practice.yaml", Place{Kind: KindPractice}},
		{"practice.yml", Place{Kind: KindOutside}},
		{"README.md", Place{Kind: KindOutside}},
		{"output/private/index.html", Place{Kind: KindOutside}},
		{".git/index", Place{Kind: KindOutside}},
		{"contentious.md", Place{Kind: KindOutside}},
		{"jurisdictions", Place{Kind: KindJurisdiction}},
		{"jurisdictions/CO.yaml", Place{Kind: KindJurisdiction}},
		{"jurisdictions/CO.yaml~", Place{Kind: KindScratch}},
		{"templates/private/issue.html", Place{Kind: KindTemplate}},
		{"templates/private/.issue.html.swp", Place{Kind: KindScratch}},
		{"content", Place{Kind: KindFolder}},
		{"content/cases", Place{Kind: KindFolder}},
		{"content/public", Place{Kind: KindPublic}},
		{"content/public/faq.md", Place{Kind: KindPage}},
		{"content/public/faq.txt", Place{Kind: KindPublic}},
		{"content/public/old/faq.md", Place{Kind: KindPublic}},
		{"content/public/#faq.md#", Place{Kind: KindScratch}},
		{"content/notes.md", Place{Kind: KindStray}},
		{"content/.notes/a.md", Place{Kind: KindScratch}},
		{"content/cases/a-b", Place{Kind: KindCaseFolder, Case: "a-b"}},
		{"content/cases/a-b/case.md", Place{Kind: KindCase, Case: "a-b"}},
		{"content/cases/a-b/Case.md", Place{Kind: KindStray, Case: "a-b"}},
		{"content/cases/a-b/case.md/x", Place{Kind: KindStray, Case: "a-b"}},
		{"content/cases/a-b/issues", Place{Kind: KindIssues, Case: "a-b"}},
		{"content/cases/a-b/issues/01-x.md", Place{Kind: KindIssue, Case: "a-b"}},
		{"content/cases/a-b/issues/01-x.markdown", Place{Kind: KindStray, Case: "a-b"}},
		{"content/cases/a-b/issues/sub/01-x.md", Place{Kind: KindStray, Case: "a-b"}},
		{"content/cases/a-b/issues/4913", Place{Kind: KindScratch}},
		{"content/cases/a-b/issues/.01-x.md.swp", Place{Kind: KindScratch}},
		{"content/cases/a-b/issues/01-x.md~", Place{Kind: KindScratch}},
		{"content/cases/a-b/sealed", Place{Kind: KindSealed, Case: "a-b"}},
		{"content/cases/a-b/sealed/ledger.yaml", Place{Kind: KindSealLedger, Case: "a-b"}},
		{"content/cases/a-b/sealed/issue-01.pdf", Place{Kind: KindSealed, Case: "a-b"}},
		{"content/cases/a-b/fees.txt", Place{Kind: KindFeeLedger, Case: "a-b"}},
		{"content/cases/a-b/log.txt", Place{Kind: KindLog, Case: "a-b"}},
		{"content/cases/a-b/issues/log.txt", Place{Kind: KindStray, Case: "a-b"}},
		{"content/cases/a-b/exhibits/plan.pdf", Place{Kind: KindExhibit, Case: "a-b"}},
		{"content/cases/a-b/exhibits", Place{Kind: KindExhibit, Case: "a-b"}},
		{"content/cases/a-b/notes.txt", Place{Kind: KindStray, Case: "a-b"}},
		{"content/cases/Bad_Name/case.md", Place{Kind: KindStray}},
		{"content/cases/.trash/case.md", Place{Kind: KindScratch}},
	}
	for _, tt := range tests {
		if got := Classify(tt.rel); got != tt.want {
			t.Errorf("Classify(%q) = %v %q, want %v %q", tt.rel, got.Kind, got.Case, tt.want.Kind, tt.want.Case)
		}
	}
}

// TestLayoutNames: the names other packages also spell stay the layout's.
func TestLayoutNames(t *testing.T) {
	if jurisdiction.Dir != JurisdictionsDir {
		t.Errorf("jurisdiction.Dir = %q, the layout's is %q", jurisdiction.Dir, JurisdictionsDir)
	}
	if CasesDir != ContentDir+"/cases" || PublicDir != ContentDir+"/public" {
		t.Errorf("CasesDir %q and PublicDir %q are not under ContentDir %q", CasesDir, PublicDir, ContentDir)
	}
	if got := SealedPath("a", SealLedger); got != "content/cases/a/sealed/ledger.yaml" {
		t.Errorf("SealedPath = %q", got)
	}
}

// TestKindInput: only outside paths and scratch files are no input.
func TestKindInput(t *testing.T) {
	for k := KindOutside; k <= KindStray; k++ {
		if want := k != KindOutside && k != KindScratch; k.Input() != want {
			t.Errorf("%v.Input() = %v", k, !want)
		}
		if k.String() == "unknown" {
			t.Errorf("kind %d has no name", k)
		}
	}
}
