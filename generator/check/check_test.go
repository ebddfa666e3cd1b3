package check_test

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"pcdocket/generator/check"
	"pcdocket/generator/diag"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
)

var update = flag.Bool("update", false, "rewrite testdata/*/want.txt from the checker's output (review each by eye)")

// asOf is the reference date of every fixture: the overdue and term warnings
// are written against it.
var asOf = practice.MustDate("2026-04-01")

// fixtures returns the names of the fixture folders, sorted.
func fixtures(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// run parses the practice at dir, failing the test on any parse finding (a
// fixture states one semantic rule, so it must be well formed), and returns
// the checker's findings as text. A fixture named unread-* holds a value
// the parser cannot read: its findings are the parser's and the checker's,
// and must be the parser's one finding alone.
func run(t *testing.T, dir string) string {
	t.Helper()
	p, pd := parse.Dir(dir)
	if strings.HasPrefix(filepath.Base(dir), "unread-") {
		l := append(pd, check.Practice(p, asOf, nil)...)
		l.Sort()
		var b strings.Builder
		l.WriteText(&b)
		return b.String()
	}
	if len(pd) > 0 {
		var b strings.Builder
		pd.WriteText(&b)
		t.Fatalf("fixture %s does not parse cleanly:\n%s", dir, b.String())
	}
	var b strings.Builder
	if err := check.Practice(p, asOf, nil).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestRules runs each fixture in testdata/<rule>/ and compares the findings,
// line for line, with testdata/<rule>/want.txt.
func TestRules(t *testing.T) {
	for _, name := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", name)
			got := run(t, dir)
			wantFile := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("findings differ from %s\n--- got:\n%s--- want:\n%s", wantFile, got, want)
			}
			// A valid fixture says so in its name or by an empty want.txt;
			// every other fixture must make its rule fire.
			if strings.HasPrefix(name, "valid") && got != "" {
				t.Errorf("valid fixture has findings")
			}
		})
	}
}

// TestEveryRuleAtOnce copies the case of every fixture into one practice, as
// its own case, and checks that the findings are exactly the union of the
// fixtures' findings: the checker reports every problem in one run, and no
// rule hides or disturbs another.
func TestEveryRuleAtOnce(t *testing.T) {
	base, err := os.ReadFile(filepath.Join("testdata", "valid", "practice.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "practice.yaml"), base, 0o644); err != nil {
		t.Fatal(err)
	}
	var want []string
	cases := 0
	for _, name := range fixtures(t) {
		dir := filepath.Join("testdata", name)
		pr, err := os.ReadFile(filepath.Join(dir, "practice.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if string(pr) != string(base) || strings.HasPrefix(name, "unread-") {
			continue // a practice-wide rule, or parse findings
		}
		copyDir(t, filepath.Join(dir, "content", "cases", "c1"), filepath.Join(root, "content", "cases", name))
		cases++
		w, err := os.ReadFile(filepath.Join(dir, "want.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(string(w), "\n"), "\n") {
			if line != "" {
				want = append(want, strings.ReplaceAll(line, "content/cases/c1/", "content/cases/"+name+"/"))
			}
		}
	}
	p, pd := parse.Dir(root)
	if len(pd) > 0 {
		t.Fatalf("combined practice does not parse cleanly: %v", pd)
	}
	l := check.Practice(p, asOf, nil)
	got := make([]string, len(l))
	for i, f := range l {
		got[i] = f.String()
	}
	sort.Strings(want)
	sortedGot := append([]string(nil), got...)
	sort.Strings(sortedGot)
	if strings.Join(sortedGot, "\n") != strings.Join(want, "\n") {
		t.Errorf("combined findings differ from the union of the fixtures'\n--- got:\n%s\n--- want:\n%s", strings.Join(sortedGot, "\n"), strings.Join(want, "\n"))
	}
	if e, _ := l.Count(); e < 30 || cases < 30 {
		t.Errorf("combined practice: %d cases, %d errors; expected the fixtures to cover many rules", cases, e)
	}
	// Sorted output, whatever order the rules ran in.
	sorted := append(diag.List(nil), l...)
	sorted.Sort()
	for i := range l {
		if l[i] != sorted[i] {
			t.Fatalf("findings are not sorted at %d: %v", i, l[i])
		}
	}
}

// TestDeterministic checks the same practice twice and compares the output.
func TestDeterministic(t *testing.T) {
	dir := filepath.Join("testdata", "issue-amends")
	if a, b := run(t, dir), run(t, dir); a != b {
		t.Errorf("two runs differ:\n%s\n---\n%s", a, b)
	}
}

// TestNoClock checks that with the zero reference date no time-dependent
// finding appears: the result never depends on when the test runs.
func TestNoClock(t *testing.T) {
	p, _ := parse.Dir(filepath.Join("testdata", "issue-overdue"))
	if l := check.Practice(p, practice.Date{}, nil); len(l) != 0 {
		t.Errorf("zero asOf: got findings %v", l)
	}
}

// TestPartialModel feeds the checker models as a failed parse may leave them:
// nil, empty, with nil cases and issues, and with absent keys. It must not
// panic, and must not report a required key the parser already reported.
func TestPartialModel(t *testing.T) {
	empty := &practice.Case{ID: "x", Safety: &practice.Safety{ScreenedOn: asOf}}
	tests := []struct {
		name string
		p    *practice.Practice
		want int
	}{
		{"nil", nil, 0},
		{"empty", &practice.Practice{}, 0},
		{"nil case", &practice.Practice{Cases: []*practice.Case{nil}}, 0},
		{"empty case", &practice.Practice{Cases: []*practice.Case{empty}}, 0},
		{"nil issue and outcome without kind", &practice.Practice{Cases: []*practice.Case{{
			ID: "y", Safety: &practice.Safety{ScreenedOn: asOf},
			Issues: []*practice.Issue{nil, {Outcome: &practice.Outcome{}}},
		}}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if l := check.Practice(tt.p, asOf, nil); len(l) != tt.want {
				t.Errorf("got %d findings, want %d: %v", len(l), tt.want, l)
			}
		})
	}
}

// copyDir copies the regular files under src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestJurisdictionOverrideListedOnce: a practice's own CO.yaml overrides
// the built-in CO profile; the list of known codes in an error names CO
// once.
func TestJurisdictionOverrideListedOnce(t *testing.T) {
	p, _ := parse.Dir(filepath.Join("testdata", "issue-overdue"))
	p.LocalJurisdictions = []string{"CO", "ZZ"}
	p.Jurisdiction = "Texas"
	var msg string
	for _, f := range check.Top(p, practice.Date{}) {
		if strings.Contains(f.Message, `"Texas"`) {
			msg = f.Message
		}
	}
	if msg == "" {
		t.Fatal("no finding for an unknown jurisdiction")
	}
	if strings.Count(msg, "CO") != 1 || !strings.Contains(msg, "ZZ") {
		t.Errorf("known codes listed as %q: want CO once and ZZ", msg)
	}
}
