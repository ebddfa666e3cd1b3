package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifySaysSuperseded: a sealed determination that a later issue
// amends is still genuine, and verify says, besides, that it has been
// amended and by what; the original's page says so too.
func TestVerifySaysSuperseded(t *testing.T) {
	dir := samplePractice(t)
	const caseID = "2026-fam-0318-achterberg-osei" // issue 2 amends issue 1
	ctx := context.Background()
	e, _, errb := testEnv()
	if code := run(ctx, e, []string{"seal", "--source", dir, "--on", "2026-11-16", caseID, "1"}); code != 0 {
		t.Fatalf("seal: exit %d\n%s", code, errb)
	}
	e, out, errb := testEnv()
	pdf := filepath.Join(dir, "content/cases", caseID, "sealed", caseID+"-determination-1.pdf")
	if code := run(ctx, e, []string{"verify", "--source", dir, pdf}); code != 0 {
		t.Fatalf("verify: exit %d\n%s%s", code, out, errb)
	}
	if want := "SUPERSEDED in part or in whole: amended by Memorandum of Agreement No. 2 (issue 2), issued November 24, 2026"; !strings.Contains(out.String(), want) {
		t.Errorf("verify said:\n%s\nwant a line %q", out, want)
	}

	e, _, errb = testEnv()
	if code := run(ctx, e, []string{"build", "--source", dir, "--as-of", "2026-11-27", "--no-documents"}); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errb)
	}
	page, err := os.ReadFile(filepath.Join(dir, "output", "private", "cases", caseID, "issues", "1.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Amended by") || !strings.Contains(string(page), caseID+"/issues/2.html") {
		t.Errorf("issue 1's page does not say it was amended by issue 2")
	}

	// An issue nothing amends is not called superseded.
	e, out, _ = testEnv()
	run(ctx, e, []string{"seal", "--source", dir, "--on", "2026-11-24", caseID, "2"})
	e, out, _ = testEnv()
	run(ctx, e, []string{"verify", "--source", dir, filepath.Join(dir, "content/cases", caseID, "sealed", caseID+"-agreement-2.pdf")})
	if strings.Contains(out.String(), "SUPERSEDED") {
		t.Errorf("verify of the amending document says it is superseded:\n%s", out)
	}
}
