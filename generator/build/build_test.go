package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

var asOf = practice.MustDate("2026-11-27")

// repoRoot is the sample practice: the repository itself.
const repoRoot = "../.."

// copyPractice copies the practice folder's inputs (practice.yaml, content/,
// templates/) into a fresh temporary folder and returns it.
func copyPractice(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"practice.yaml", "content", "templates"} {
		root := filepath.Join(src, name)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			if strings.HasSuffix(p, ".go") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	return dst
}

// readTree returns every file under dir by slash path. An output folder
// is read as published: through its current link.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	if cur, err := filepath.EvalSymlinks(filepath.Join(dir, currentLink)); err == nil {
		dir = cur
	} else if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBuildSampleTwiceIsByteIdentical(t *testing.T) {
	out1, out2 := t.TempDir(), t.TempDir()
	ctx := context.Background()
	for _, out := range []string{out1, out2} {
		if _, err := Build(ctx, Options{Source: repoRoot, Output: out, AsOf: asOf}); err != nil {
			t.Fatalf("build: %v", err)
		}
	}
	a, b := readTree(t, out1), readTree(t, out2)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("builds wrote %d and %d files", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between two builds of the same input", p)
		}
	}
	for _, want := range []string{"private/index.html", "private/style.css", "private/calendar.ics", "public/index.html"} {
		if _, ok := a[want]; !ok {
			t.Errorf("build wrote no %s", want)
		}
	}
	assertOneBuild(t, out1)
}

func TestFailedBuildLeavesPreviousOutput(t *testing.T) {
	src := copyPractice(t, repoRoot)
	out := t.TempDir()
	ctx := context.Background()
	if _, err := Build(ctx, Options{Source: src, Output: out, AsOf: asOf}); err != nil {
		t.Fatalf("first build: %v", err)
	}
	before := readTree(t, out)

	// Break one issue: an unknown category is a check error.
	issues, _ := filepath.Glob(filepath.Join(src, "content/cases/*/issues/*.md"))
	if len(issues) == 0 {
		t.Fatal("sample practice has no issues")
	}
	data, _ := os.ReadFile(issues[0])
	broken := strings.Replace(string(data), "\ncategory: ", "\ncategory: nonsense-", 1)
	if broken == string(data) {
		t.Fatalf("%s has no category line to break", issues[0])
	}
	os.WriteFile(issues[0], []byte(broken), 0o644)

	_, err := Build(ctx, Options{Source: src, Output: out, AsOf: asOf})
	var le *diag.ListError
	if !errors.As(err, &le) {
		t.Fatalf("build of a broken practice: err = %v, want a *diag.ListError", err)
	}
	if !strings.Contains(err.Error(), "category") {
		t.Errorf("error %q does not name the category", err)
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("failed build changed the output: %d files before, %d after", len(before), len(after))
	}
	for p, data := range before {
		if !bytes.Equal(data, after[p]) {
			t.Errorf("failed build changed %s", p)
		}
	}
}

func TestWriteFilesRefusesEscapingPaths(t *testing.T) {
	for _, p := range []string{"../x.html", "/etc/x", "a/../../x", "", `a\..\x`} {
		err := WriteFiles(context.Background(), t.TempDir(), []File{{Path: p, Render: nil}})
		if err == nil {
			t.Errorf("WriteFiles(%q) succeeded; want a refusal", p)
		}
	}
}

// TestPublicSiteCarriesNoCaseData builds the sample practice plus a canary
// case whose every field is a unique string, and asserts that none of them,
// nor any party name, case id or court case number of the sample cases,
// reaches output/public, and that no public page links into the private site.
func TestPublicSiteCarriesNoCaseData(t *testing.T) {
	src := copyPractice(t, repoRoot)
	dir := filepath.Join(src, "content/cases/canary-case-7f3a")
	os.MkdirAll(filepath.Join(dir, "issues"), 0o755)
	os.WriteFile(filepath.Join(dir, "case.md"), []byte(canaryCase), 0o644)
	os.WriteFile(filepath.Join(dir, "issues", "01-canary.md"), []byte(canaryIssue), 0o644)

	out := t.TempDir()
	res, err := Build(context.Background(), Options{Source: src, Output: out, AsOf: asOf})
	if err != nil {
		t.Fatalf("build with canary: %v", err)
	}
	if res.Practice.Case("canary-case-7f3a") == nil {
		t.Fatal("canary case was not loaded")
	}
	private := readTree(t, filepath.Join(out, "private"))
	secrets := []string{"canary-case-7f3a", "X.Q.Z."}
	for _, line := range strings.Split(canaryCase+canaryIssue, "\n") {
		for _, f := range strings.Fields(line) {
			if strings.HasPrefix(f, "CANARY") {
				secrets = append(secrets, strings.Trim(f, `".,:`))
			}
		}
	}
	for _, c := range res.Practice.Cases {
		secrets = append(secrets, c.ID, c.CourtCaseNo, c.Parties.ParentA.Name, c.Parties.ParentB.Name, c.Title)
	}
	// The canaries must reach the private site, or this test proves nothing.
	foundPrivate := false
	for _, data := range private {
		if bytes.Contains(data, []byte("CANARYPOSITIONA")) {
			foundPrivate = true
		}
	}
	if !foundPrivate {
		t.Fatal("canary position not found in the private site: the canary is not exercised")
	}
	public := readTree(t, filepath.Join(out, "public"))
	if len(public) == 0 {
		t.Fatal("no public site written")
	}
	for p, data := range public {
		for _, s := range secrets {
			if s != "" && bytes.Contains(data, []byte(s)) {
				t.Errorf("public/%s contains case data %q", p, s)
			}
		}
		for _, bad := range []string{"private/", "/cases/", "documents/"} {
			if bytes.Contains(data, []byte(`href="`+bad)) || bytes.Contains(data, []byte(`../`+bad)) {
				t.Errorf("public/%s links into the private site (%s)", p, bad)
			}
		}
	}
}

const canaryCase = `---
title: CANARYTITLE case
court: CANARYCOURT
court_case_no: CANARYNO-0001
appointment:
  order_date: 2026-01-05
  order_ref: CANARYORDERREF
  authority: binding
parties:
  parent_a:
    name: CANARYPARENTA
    label: CANARYLABELA
    email: CANARYEMAILA@example.com
    counsel: CANARYCOUNSELA
  parent_b:
    name: CANARYPARENTB
    label: CANARYLABELB
children:
  - initials: X.Q.Z.
    born: 2016
plan:
  title: CANARYPLAN
  date: 2025-12-01
  clauses:
    - ref: "9.9"
      title: CANARYCLAUSETITLE
      text: CANARYCLAUSETEXT
safety:
  screened_on: 2026-01-06
  result: CANARYSAFETY
  safeguards: [CANARYSAFEGUARD]
---
CANARYCASENOTES
`

const canaryIssue = `---
number: 1
title: CANARYISSUETITLE
category: schedule
raised_by: parent_a
raised_on: 2026-02-01
clauses: ["9.9"]
question: CANARYQUESTION
positions:
  parent_a: CANARYPOSITIONA
  parent_b: CANARYPOSITIONB
events:
  - on: 2026-02-02
    kind: notice
    note: CANARYNOTE
  - on: 2026-02-05
    kind: mediation
    result: no-agreement
outcome:
  kind: determination
  on: 2026-02-10
  summary: CANARYSUMMARY
  directives:
    - CANARYDIRECTIVE
  served_on: 2026-02-11
---
CANARYBODY
`

func TestTodayInPracticeTimeZone(t *testing.T) {
	now := time.Date(2026, 11, 28, 3, 0, 0, 0, time.UTC) // 8 pm on the 27th in Denver
	tests := []struct {
		tz   string
		want string
	}{
		{"America/Denver", "2026-11-27"},
		{"Asia/Tokyo", "2026-11-28"},
		{"", "2026-11-28"},
		{"Nowhere/Nothing", "2026-11-28"}, // check reports it; the date falls back to UTC
	}
	for _, tt := range tests {
		if got := Today(&practice.Practice{Timezone: tt.tz}, now); got.String() != tt.want {
			t.Errorf("Today in %q = %v, want %s", tt.tz, got, tt.want)
		}
	}
}
