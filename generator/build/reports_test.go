package build

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

// sampleReports are the reports the sample practice has something for:
// a status report of a case of the second coordinator, the non-compliance
// of a determination, and the end of a term that ran out.
var sampleReports = []struct{ name, caseID string }{
	{"status", "2026-fam-0142-nunez-ward"},
	{"noncompliance", "2025-fam-0387-muller-lukasik"},
	{"end-of-term", "2025-fam-0654-brennan-aziz"},
}

// TestReportsDeterministicAndGolden renders each report of the sample
// twice, byte for byte the same, and compares its text (pdftotext
// -layout) with testdata/reports/*.txt.
func TestReportsDeterministicAndGolden(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	for _, r := range sampleReports {
		t.Run(r.name, func(t *testing.T) {
			a := report(t, r.name, r.caseID, practice.Date{})
			b := report(t, r.name, r.caseID, practice.Date{})
			if !bytes.Equal(a.PDF, b.PDF) || !bytes.Equal(a.HTML, b.HTML) {
				t.Error("two renderings differ")
			}
			got := pdfText(t, dir, a)
			golden := filepath.Join("testdata", "reports", a.Name+".txt")
			if *updateFees {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("text differs from %s (run with -update and review the diff)\n%s", golden, got)
			}
		})
	}
}

// TestReportTwinMatchesPDF compares the words of each report's PDF with
// the words of its HTML twin, as TestTwinMatchesPDF does for the
// determinations.
func TestReportTwinMatchesPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	for _, r := range sampleReports {
		t.Run(r.name, func(t *testing.T) {
			d := report(t, r.name, r.caseID, practice.MustDate("2026-11-30"))
			file := filepath.Join(dir, d.Name+".pdf")
			if err := os.WriteFile(file, d.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			pdf, twin := pdfWords(t, file), twinWords(string(d.HTML))
			if len(twin) < 100 {
				t.Fatalf("the twin has %d words", len(twin))
			}
			if diff := firstDifference(pdf, twin); diff != "" {
				t.Errorf("the PDF and its HTML twin differ: %s", diff)
			}
			if !strings.Contains(strings.Join(pdf, " "), "november 30, 2026 i served") {
				t.Error("the certificate of service does not carry the day of service")
			}
		})
	}
}

// TestReportContent holds each report to what it must say, whatever the
// golden files: the coordinator of the case signs, the directive not
// followed is quoted, the pending issue at the term's end is named.
func TestReportContent(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	tests := []struct {
		name, caseID string
		want, not    []string
	}{
		{"status", "2026-fam-0142-nunez-ward",
			[]string{"Before the Parenting Coordinator,", "Priya N. Reyes", "/s/ Priya N. Reyes", "PARENTING COORDINATOR’S STATUS REPORT", "Total"},
			[]string{"Eleanor J. Miller"}},
		{"noncompliance", "2025-fam-0387-muller-lukasik",
			[]string{"Directive 2 provides:", "within one hour of", "On February 10, 2026, Zoë Müller-Łukasik (Mother) did not comply", "/s/ Eleanor J. Miller", "Determination No. 1 was issued on December 26, 2025"},
			[]string{"Priya N. Reyes"}},
		{"end-of-term", "2025-fam-0654-brennan-aziz",
			[]string{"End of the term on October 31, 2026", "Issue 1, Make-up time for the weekend missed in October", "1 pending at the end of the term", "/s/ Priya N. Reyes"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := string(pdfText(t, dir, report(t, tt.name, tt.caseID, practice.Date{})))
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range tt.want {
				if !strings.Contains(flat, w) {
					t.Errorf("the report does not say %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(flat, w) {
					t.Errorf("the report says %q", w)
				}
			}
		})
	}
}

// TestReportRefused checks that a report with nothing to report is
// refused with a reason, not built empty.
func TestReportRefused(t *testing.T) {
	tests := []struct {
		name, caseID, want string
	}{
		{"noncompliance", "2026-fam-0142-nunez-ward", "no noncompliance event"},
		{"end-of-term", "2025-fam-0387-muller-lukasik", "ends on 2027-09-14"},
		{"minutes", "2025-fam-0387-muller-lukasik", "not a report"},
	}
	for _, tt := range tests {
		_, err := Report(context.Background(), Options{Source: repoRoot, AsOf: asOf}, tt.caseID, tt.name, practice.Date{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %s: got %v, want an error saying %q", tt.name, tt.caseID, err, tt.want)
		}
	}
}

func report(t *testing.T, name, caseID string, served practice.Date) *ReportDoc {
	t.Helper()
	d, err := Report(context.Background(), Options{Source: repoRoot, AsOf: asOf}, caseID, name, served)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func pdfText(t *testing.T, dir string, d *ReportDoc) []byte {
	t.Helper()
	file := filepath.Join(dir, d.Name+".pdf")
	if err := os.WriteFile(file, d.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	return got
}
