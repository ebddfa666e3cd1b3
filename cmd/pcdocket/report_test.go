package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/pdfsign"
)

// TestReportCommand writes each report of the sample and checks the files
// it names: a PDF and its HTML twin, the same bytes on a second run; and
// that a report with nothing to report, an unknown report and a missing
// argument are refused.
func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ name, caseID string }{
		{"status", "2026-fam-0142-nunez-ward"},
		{"noncompliance", "2025-fam-0387-muller-lukasik"},
		{"end-of-term", "2025-fam-0654-brennan-aziz"},
	} {
		args := []string{"report", "--source", "../..", "--as-of", "2026-11-27", "--served", "2026-11-30", "--out", dir, tt.name, tt.caseID}
		e, out, errb := testEnv()
		if code := run(context.Background(), e, args); code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.name, code, errb)
		}
		names := strings.Fields(out.String())
		base := filepath.Join(dir, tt.caseID+"-"+tt.name+"-report-2026-11-27")
		if len(names) != 2 || names[0] != base+".pdf" || names[1] != base+".html" {
			t.Fatalf("%s: printed %q, want %s.pdf and .html", tt.name, names, base)
		}
		pdf, err := os.ReadFile(names[0])
		if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("%s is not a PDF: %v", names[0], err)
		}
		html, err := os.ReadFile(names[1])
		if err != nil || !bytes.Contains(html, []byte(`<article class="paper">`)) {
			t.Fatalf("%s is not the twin: %v", names[1], err)
		}
		e, _, _ = testEnv()
		run(context.Background(), e, args)
		if again, _ := os.ReadFile(names[0]); !bytes.Equal(pdf, again) {
			t.Errorf("%s: two runs gave two PDFs", tt.name)
		}
	}
	for _, tt := range []struct {
		code int
		want string
		args []string
	}{
		{1, "no noncompliance event", []string{"noncompliance", "2026-fam-0142-nunez-ward"}},
		{1, "not a report", []string{"minutes", "2026-fam-0142-nunez-ward"}},
		{1, `no case "nobody"`, []string{"status", "nobody"}},
		{2, "", []string{"status"}},
	} {
		e, _, errb := testEnv()
		code := run(context.Background(), e, append([]string{"report", "--source", "../..", "--as-of", "2026-11-27", "--out", dir}, tt.args...))
		if code != tt.code || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("report %v: exit %d, %q; want exit %d saying %q", tt.args, code, errb, tt.code, tt.want)
		}
	}
}

// TestKeysInitCoordinator makes the own key of the sample's second
// coordinator: keys/reyes.p12, in her name; an unknown id is refused.
func TestKeysInitCoordinator(t *testing.T) {
	dir := samplePractice(t)
	t.Setenv(pdfsign.EnvKey, "")
	t.Setenv(pdfsign.EnvPassphrase, "correct horse battery")
	out := runOK(t, "keys", "init", "--source", dir, "--coordinator", "reyes")
	if !strings.Contains(out, "Priya N. Reyes") {
		t.Errorf("keys init --coordinator reyes said:\n%s", out)
	}
	s, err := pdfsign.ReadKey(pdfsign.CoordinatorKeyPath(dir, "reyes"), "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if cn := s.Certificate().Subject.CommonName; cn != "Priya N. Reyes" {
		t.Errorf("the certificate names %q", cn)
	}
	if _, err := os.Stat(pdfsign.KeyPath(dir)); err == nil {
		t.Error("keys init --coordinator wrote the practice's key too")
	}
	runFail(t, 2, "no coordinator with that id", "keys", "init", "--source", dir, "--coordinator", "reyse")
	show := runOK(t, "keys", "show", "--source", dir)
	if !strings.Contains(show, "no document signing key") || !strings.Contains(show, "signing key of coordinator reyes") {
		t.Errorf("keys show said:\n%s", show)
	}
}
