package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelpOnEveryCommand: -h and --help print the command's own usage on
// stdout and exit 0, and `help CMD` prints the same.
func TestHelpOnEveryCommand(t *testing.T) {
	ctx := context.Background()
	for name := range commands() {
		if name == "help" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			var first string
			for _, args := range [][]string{{name, "-h"}, {name, "--help"}, {"help", name}} {
				e, out, errb := testEnv()
				if code := run(ctx, e, args); code != 0 {
					t.Errorf("%v: exit %d, want 0\n%s", args, code, errb)
				}
				if !strings.Contains(out.String(), "usage: pcdocket "+name) {
					t.Errorf("%v: stdout lacks the command's usage line:\n%s", args, out)
				}
				if first == "" {
					first = out.String()
				} else if out.String() != first {
					t.Errorf("%v prints another help than %s -h:\n%s", args, name, out)
				}
			}
		})
	}
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}, {"help", "help"}} {
		e, out, _ := testEnv()
		if code := run(ctx, e, args); code != 0 || !strings.Contains(out.String(), "commands:") {
			t.Errorf("%v: exit %d, stdout %q; want the command list and 0", args, code, out)
		}
	}
	runFail(t, 2, `unknown command "frob"`, "help", "frob")
}

// TestVersion: --version and `version` print the module version and the
// build's Go version.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out := runOK(t, args...)
		if !strings.HasPrefix(out, "pcdocket ") || !strings.Contains(out, " go1.") {
			t.Errorf("%v printed %q", args, out)
		}
	}
	runFail(t, 2, `unexpected argument "now"`, "version", "now")
}

// TestExtraArguments: an argument a command does not take is an error with
// its usage line, exit 2, never silently ignored.
func TestExtraArguments(t *testing.T) {
	dir := brokenPractice(t)
	tests := [][]string{
		{"check", "--source", dir, "stray"},
		{"build", "--source", dir, "stray"},
		{"deadlines", "--source", dir, "stray"},
		{"serve", "--source", dir, "stray"},
		{"keygen", "--out", filepath.Join(t.TempDir(), "k.key"), "stray"},
		{"verify", "--source", dir, "a.pdf", "stray"},
		{"seal", "--source", dir, "c1", "1", "stray"},
		{"seal", "--rechain", "--source", dir, "c1", "stray"},
		{"init", filepath.Join(t.TempDir(), "p"), "stray"},
		{"new", "--source", dir, "case", "c2", "stray"},
		{"new", "--source", dir, "issue", "c1", "Title", "stray"},
		{"version", "stray"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			e, out, errb := testEnv()
			if code := run(context.Background(), e, args); code != 2 {
				t.Errorf("%v: exit %d, want 2\n%s%s", args, code, out, errb)
			}
			if !strings.Contains(errb.String(), `unexpected argument "stray"`) || !strings.Contains(errb.String(), "usage: pcdocket "+args[0]) {
				t.Errorf("%v: stderr lacks the argument and the usage line:\n%s", args, errb)
			}
		})
	}
}

// TestHiddenFlags: a flag whose usage starts with "internal: " works but
// stays out of the help.
func TestHiddenFlags(t *testing.T) {
	e, out, _ := testEnv()
	fs := newFlags(e, "x")
	shown := fs.Bool("shown", false, "a flag for people")
	hidden := fs.Bool("fault-after", false, hiddenPrefix+"crash after N files, for the crash test")
	if code, ok := parseArgs(e, fs, []string{"--fault-after", "--shown"}, 0, 0); !ok || !*shown || !*hidden {
		t.Fatalf("parse: %d %v %v %v", code, ok, *shown, *hidden)
	}
	e, out, _ = testEnv()
	fs = newFlags(e, "x")
	fs.Bool("shown", false, "a flag for people")
	fs.Bool("fault-after", false, hiddenPrefix+"crash after N files")
	if code, _ := parseArgs(e, fs, []string{"-h"}, 0, 0); code != 0 {
		t.Errorf("-h: exit %d", code)
	}
	if !strings.Contains(out.String(), "-shown") || strings.Contains(out.String(), "fault-after") {
		t.Errorf("help:\n%s", out)
	}
}

// TestFindPracticeUpward: without --source every command works on the
// first folder holding practice.yaml from the current folder upward; with
// none, or a --source without one, it says so.
func TestFindPracticeUpward(t *testing.T) {
	dir := brokenPractice(t)
	t.Chdir(filepath.Join(dir, "content", "cases", "c1", "issues"))
	e, out, errb := testEnv()
	if code := run(context.Background(), e, []string{"check"}); code != 1 {
		t.Errorf("check in a subfolder: exit %d, want 1 (the practice's errors)\n%s", code, errb)
	}
	if !strings.Contains(out.String(), "content/cases/c1/issues/01.md:4: ") {
		t.Errorf("check in a subfolder did not check the practice above it:\n%s%s", out, errb)
	}

	empty := t.TempDir()
	t.Chdir(empty)
	for _, args := range [][]string{{"check"}, {"build"}, {"deadlines"}, {"serve"}, {"seal", "c1", "1"}, {"verify", "x.pdf"}, {"new", "case", "c2"}} {
		runFail(t, 2, "no practice.yaml found in "+empty+" (or above it)", args...)
	}
	runFail(t, 2, "no practice.yaml found in "+empty+": --source must name a practice folder", "check", "--source", empty)
	if _, err := os.Stat(filepath.Join(empty, "output")); err == nil {
		t.Error("build outside a practice wrote output/")
	}
}

// TestVerifyTellsWhy: a genuine document checked outside its practice is
// "no practice.yaml found", not "not sealed"; a changed copy of a sealed
// document is named as such; a PDF the practice never sealed is "NOT".
func TestVerifyTellsWhy(t *testing.T) {
	dir := samplePractice(t)
	const caseID = "2025-fam-0387-muller-lukasik"
	runOK(t, "seal", "--source", dir, "--on", "2026-04-01", caseID, "4")
	sealed := filepath.Join(dir, "content/cases", caseID, "sealed", caseID+"-determination-4.pdf")
	pdf, err := os.ReadFile(sealed)
	if err != nil {
		t.Fatal(err)
	}
	genuine := filepath.Join(t.TempDir(), "genuine.pdf")
	os.WriteFile(genuine, pdf, 0o644)
	changed := filepath.Join(t.TempDir(), "changed.pdf")
	alt := bytes.Replace(pdf, []byte("/Producer"), []byte("/Producex"), 1)
	if bytes.Equal(alt, pdf) {
		alt = append(append([]byte{}, pdf...), '\n')
	}
	os.WriteFile(changed, alt, 0o644)
	other := filepath.Join(t.TempDir(), "other.pdf")
	os.WriteFile(other, []byte("%PDF-1.4\n1 0 obj << /Keywords (D-0000-XXXX) >> endobj\n%%EOF\n"), 0o644)

	outside := t.TempDir()
	t.Chdir(outside)
	tests := []struct {
		name string
		args []string
		code int
		want string
		not  string
	}{
		{"genuine, outside the practice", []string{"verify", genuine}, 2, "no practice.yaml found in " + outside + " (or above it)", "NOT"},
		{"genuine, wrong --source", []string{"verify", "--source", outside, genuine}, 2, "no practice.yaml found in " + outside, "NOT"},
		{"genuine", []string{"verify", "--source", dir, genuine}, 0, "verified: Determination No. 4 of case " + caseID, "NOT"},
		{"changed", []string{"verify", "--source", dir, changed}, 1, "CHANGED: NOT the document this practice sealed", "matches no ledger entry"},
		{"never sealed", []string{"verify", "--source", dir, other}, 1, "NOT a document this practice sealed", "CHANGED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, out, errb := testEnv()
			code := run(context.Background(), e, tt.args)
			all := out.String() + errb.String()
			if code != tt.code || !strings.Contains(all, tt.want) || strings.Contains(all, tt.not) {
				t.Errorf("exit %d, want %d saying %q and not %q:\n%s", code, tt.code, tt.want, tt.not, all)
			}
		})
	}
	// The changed copy is named after the sealed document it claims to be.
	e, out, _ := testEnv()
	run(context.Background(), e, []string{"verify", "--source", dir, changed})
	if !strings.Contains(out.String(), "content/cases/"+caseID+"/sealed/"+caseID+"-determination-4.pdf") {
		t.Errorf("changed copy: the sealed copy is not named:\n%s", out)
	}
}

// TestDocumentID reads the identifier back from every kind of string
// fpdf may write.
func TestDocumentID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<< /Keywords (\xfe\xff\x00D\x00-\x001) >>", "D-1"},
		{"<< /Keywords (A-2\\)x) >>", "A-2)x"},
		{"<< /Keywords (R\\0553) >>", "R-3"},
		{"<< /Title (x) >>", ""},
		{"<< /Keywords (unterminated", ""},
	}
	for _, tt := range tests {
		if got := documentID([]byte(tt.in)); got != tt.want {
			t.Errorf("documentID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFirstDay walks a coordinator's first day through the command: init,
// new case, new issue, check. The new files pass check with only the
// warnings a new case must have.
func TestFirstDay(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "practice")
	const name = `O’Brien & Daughters "Family Solutions"`
	runOK(t, "init", "--name", name, "--coordinator", "Dana Q. Example", "--timezone", "Pacific/Kiritimati", dir)
	for _, f := range []string{"practice.yaml", ".gitignore", "content/public/index.md", "content/public/contact.md", "content/cases"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s: %v", f, err)
		}
	}
	gi, _ := os.ReadFile(filepath.Join(dir, ".gitignore"))
	for _, want := range []string{"output/", "*.keys.json", "*.key"} {
		if !strings.Contains(string(gi), want+"\n") {
			t.Errorf(".gitignore lacks %s:\n%s", want, gi)
		}
	}
	runFail(t, 2, "not empty", "init", dir)

	t.Chdir(filepath.Join(dir, "content"))
	const caseID = "2026-fam-0001-example"
	runOK(t, "new", "case", caseID)
	runFail(t, 1, "already exists", "new", "case", caseID)
	runFail(t, 2, `case id "Bad_ID"`, "new", "case", "Bad_ID")
	// A flag after the arguments is not an argument: help is help, and
	// any other flag is refused (new case --help once made a case
	// called "--help"); an id may not start with a hyphen.
	if out := runOK(t, "new", "case", "--help"); !strings.Contains(out, "usage: pcdocket new") {
		t.Errorf("new case --help printed %q, want the usage", out)
	}
	runFail(t, 2, "flag --source after the arguments", "new", "case", "c9", "--source", dir)
	runFail(t, 2, `case id "-c9"`, "new", "--", "case", "-c9")
	if entries, _ := os.ReadDir(filepath.Join(dir, "content", "cases")); len(entries) != 1 {
		t.Errorf("content/cases holds %d folders after the refusals, want only %s", len(entries), caseID)
	}
	runFail(t, 1, `no case "nope"`, "new", "issue", "nope", "Title")
	out := runOK(t, "new", "issue", caseID, "Summer exchange: Zoë’s camp")
	if !strings.Contains(out, "issues/01-summer-exchange-zoes-camp.md") {
		t.Errorf("new issue wrote %q", out)
	}
	out = runOK(t, "new", "issue", caseID, "Second")
	if !strings.Contains(out, "issues/02-second.md") {
		t.Errorf("second issue wrote %q", out)
	}
	issue, err := os.ReadFile(filepath.Join(dir, "content/cases", caseID, "issues/01-summer-exchange-zoes-camp.md"))
	if err != nil {
		t.Fatal(err)
	}
	// env.now is 2026-11-27 12:00 UTC: already the 28th at UTC+14.
	if !strings.Contains(string(issue), "\nraised_on: 2026-11-28\n") {
		t.Errorf("new issue is not dated today in the practice's time zone:\n%s", issue)
	}

	e, stdout, errb := testEnv()
	if code := run(context.Background(), e, []string{"check"}); code != 0 {
		t.Fatalf("check of a new practice: exit %d\n%s%s", code, stdout, errb)
	}
	// The screening, a service warning per parent, and one TODO warning
	// for case.md and each of the two issues: what is left to fill in.
	var warnings []string
	todo := 0
	for _, l := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		if strings.Contains(l, "TODO placeholder") {
			todo++
			continue
		}
		warnings = append(warnings, l)
	}
	if todo != 3 || len(warnings) != 3 || !strings.Contains(warnings[0], "no safety screening on record") ||
		!strings.Contains(warnings[1], "(parent_a) has no email or address") ||
		!strings.Contains(warnings[2], "(parent_b) has no email or address") {
		t.Errorf("check of a new practice: want the screening, the two service warnings and three TODO warnings, have:\n%s", stdout)
	}
	if !strings.Contains(errb.String(), "0 errors, 6 warnings") {
		t.Errorf("summary %q", errb)
	}
}

// TestSealWithErrorsElsewhere: an error in another family's file is listed
// as a warning, and the document is sealed.
func TestSealWithErrorsElsewhere(t *testing.T) {
	dir := samplePractice(t)
	other := filepath.Join(dir, "content/cases/2026-fam-0142-nunez-ward/issues/02-orthodontist-scheduling.md")
	b, _ := os.ReadFile(other)
	os.WriteFile(other, bytes.Replace(b, []byte("category: health-logistics"), []byte("category: helth"), 1), 0o644)
	e, out, errb := testEnv()
	if code := run(context.Background(), e, []string{"seal", "--source", dir, "--on", "2026-04-01", "2025-fam-0387-muller-lukasik", "4"}); code != 0 {
		t.Fatalf("seal: exit %d\n%s%s", code, out, errb)
	}
	if !strings.Contains(errb.String(), "02-orthodontist-scheduling.md:4: ") || !strings.Contains(errb.String(), "1 error in other cases; not blocking this seal") {
		t.Errorf("seal did not list the error elsewhere:\n%s", errb)
	}
}
