package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServedAfterSealing walks the order issue #14 asks for through the
// command: a seal that would certify a future service is refused; the
// document is sealed unserved, its service recorded afterwards, and the
// deadlines count from the recorded date; the issue file re-saved with
// Windows line endings still checks clean.
func TestServedAfterSealing(t *testing.T) {
	dir := samplePractice(t)
	const caseID, number = "2026-fam-0142-nunez-ward", "4" // decided 2026-09-02, served 2026-09-03
	ctx := context.Background()
	matches, _ := filepath.Glob(filepath.Join(dir, "content/cases", caseID, "issues", "04-*.md"))
	if len(matches) != 1 {
		t.Fatalf("issue files: %v", matches)
	}
	issue := matches[0]
	do := func(args ...string) (int, string, string) {
		e, out, errb := testEnv()
		code := run(ctx, e, args)
		return code, out.String(), errb.String()
	}

	// Sealing before the served_on the file gives would certify a
	// service that had not happened.
	if code, _, errb := do("seal", "--source", dir, "--on", "2026-09-02", caseID, number); code != 1 || !strings.Contains(errb, "served_on 2026-09-03 is after the sealing date 2026-09-02") {
		t.Errorf("seal before served_on: exit %d\n%s", code, errb)
	}

	// Seal without served_on, as the coordinator now does.
	data, err := os.ReadFile(issue)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("  served_on: 2026-09-03\n"), nil, 1)
	if err := os.WriteFile(issue, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errb := do("seal", "--source", dir, "--on", "2026-09-02", caseID, number); code != 0 {
		t.Fatalf("seal: exit %d\n%s", code, errb)
	}
	pdfs, _ := filepath.Glob(filepath.Join(dir, "content/cases", caseID, "sealed", "*.pdf"))
	if len(pdfs) != 1 {
		t.Fatalf("sealed PDFs: %v", pdfs)
	}
	pdf := pdfs[0]
	sealed, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	_, before, _ := do("deadlines", "--source", dir, "--as-of", "2026-09-04")
	if strings.Contains(before, "served Fri 2026-09-04") {
		t.Fatalf("a review deadline counted from a service not yet recorded:\n%s", before)
	}

	// Refusals: before the outcome, an unknown method, a missing number.
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--on", "2026-09-01", caseID, number}, 1, "before the outcome of 2026-09-02"},
		{[]string{"--on", "2026-09-04", "--by", "fax", caseID, number}, 2, `--by "fax"`},
		{[]string{caseID}, 2, "usage: pcdocket served"},
		{[]string{"--on", "2026-09-04", caseID, "1"}, 1, "is not sealed"},
	} {
		code, _, errb := do(append([]string{"served", "--source", dir}, tc.args...)...)
		if code != tc.code || !strings.Contains(errb, tc.want) {
			t.Errorf("served %v: exit %d, want %d saying %q\n%s", tc.args, code, tc.code, tc.want, errb)
		}
	}

	// Record the service.
	code, out, errb := do("served", "--source", dir, "--on", "2026-09-04", "--by", "email", caseID, number)
	if code != 0 || !strings.Contains(out, "recorded: issue 4 of case "+caseID+" served on September 4, 2026 by email") {
		t.Fatalf("served: exit %d\n%s%s", code, out, errb)
	}
	if now, _ := os.ReadFile(pdf); !bytes.Equal(now, sealed) {
		t.Error("recording service changed the sealed PDF")
	}
	if _, v, _ := do("verify", "--source", dir, pdf); !strings.Contains(v, "served on September 4, 2026 by email") {
		t.Errorf("verify does not say when the document was served:\n%s", v)
	}
	_, after, _ := do("deadlines", "--source", dir, "--as-of", "2026-09-04")
	if !strings.Contains(after, "served Fri 2026-09-04 + 10 days") {
		t.Errorf("deadlines do not count from the recorded service:\n%s", after)
	}
	if code, _, errb := do("served", "--source", dir, "--on", "2026-09-04", caseID, number); code != 1 || !strings.Contains(errb, "already recorded") {
		t.Errorf("served twice: exit %d\n%s", code, errb)
	}

	// Check is clean, and stays clean with the issue file in CRLF; a real
	// edit still breaks the seal.
	checkSays := func() (int, string) {
		code, out, _ := do("check", "--source", dir, "--as-of", "2026-09-04")
		return code, out
	}
	if code, out := checkSays(); code != 0 || strings.Contains(out, caseID+"/") && strings.Contains(out, "error") {
		t.Errorf("check after served: exit %d\n%s", code, out)
	}
	crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	if err := os.WriteFile(issue, crlf, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out := checkSays(); code != 0 || strings.Contains(out, "has changed since") {
		t.Errorf("check after a CRLF re-save: exit %d\n%s", code, out)
	}
	edited := bytes.Replace(crlf, []byte("The curfew stands"), []byte("The curfew ends"), 1)
	if err := os.WriteFile(issue, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out := checkSays(); code != 1 || !strings.Contains(out, "its source has changed since") {
		t.Errorf("check after an edit: exit %d\n%s", code, out)
	}
}
