package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/check"
	"pcdocket/generator/deadline"
	"pcdocket/generator/diag"
	"pcdocket/generator/jurisdiction"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
)

// sampleName is the sample practice's name (practice.yaml at the
// repository root); a starter page must never carry it.
const sampleName = "Miller Mediation & Arbitration"

// TestStarterPagesFollowTheSample: the starter public pages are the
// sample's, word for word, so that a change to the sample's texts reaches
// new practices. Copy content/public/*.md into starter/content/public/
// when this fails.
func TestStarterPagesFollowTheSample(t *testing.T) {
	sample, err := filepath.Glob("../../content/public/*.md")
	if err != nil || len(sample) == 0 {
		t.Fatalf("sample pages: %v %v", sample, err)
	}
	pages, err := publicPages()
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != len(sample) {
		t.Errorf("%d starter pages, the sample has %d", len(pages), len(sample))
	}
	for _, name := range sample {
		want, _ := os.ReadFile(name)
		got, ok := pages[filepath.Base(name)]
		if !ok {
			t.Errorf("no starter page %s", filepath.Base(name))
			continue
		}
		if string(got) != string(want) {
			t.Errorf("starter page %s differs from the sample's: copy it again", filepath.Base(name))
		}
		for _, s := range []string{sampleName, "Miller", "Eleanor"} {
			if strings.Contains(string(got), s) {
				t.Errorf("starter page %s names the sample practice (%q)", filepath.Base(name), s)
			}
		}
	}
}

func mustDate(t *testing.T, s string) practice.Date {
	t.Helper()
	d, err := practice.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkPractice parses and checks the practice at dir.
func checkPractice(t *testing.T, dir string, asOf practice.Date) (*practice.Practice, diag.List) {
	t.Helper()
	p, diags := parse.Dir(dir)
	set, jd := jurisdiction.Load(dir)
	diags = append(diags, jd...)
	if p != nil {
		diags = append(diags, check.Practice(p, asOf, deadline.New(p, set))...)
	}
	diags.Sort()
	return p, diags
}

// TestNewPracticeChecks: a new practice with a new case and issues reads
// back as written and draws only the warnings a new case must have.
func TestNewPracticeChecks(t *testing.T) {
	today := mustDate(t, "2026-03-02")
	tests := []struct {
		name string
		p    Practice
	}{
		{"defaults", Practice{}},
		{"quotes and ampersands", Practice{Name: `Núñez & O’Brien "PC": Family: Solutions`, Coordinator: `Zoë "Z" Ng #1`, Timezone: "America/Denver", Jurisdiction: "CO"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "p")
			if _, err := Init(dir, tt.p); err != nil {
				t.Fatal(err)
			}
			if _, err := NewCase(dir, "2026-fam-0001", today); err != nil {
				t.Fatal(err)
			}
			p, _ := parse.Dir(dir)
			for i, title := range []string{"Spring break", "Phones at bedtime"} {
				rel, n, err := NewIssue(dir, p.Case("2026-fam-0001"), title, today)
				if err != nil || n != i+1 {
					t.Fatalf("NewIssue: %s %d %v", rel, n, err)
				}
				p, _ = parse.Dir(dir)
			}
			p, diags := checkPractice(t, dir, today)
			wantName, wantCoord := tt.p.Name, tt.p.Coordinator
			if wantName == "" {
				wantName, wantCoord = DefaultName, DefaultCoordinator
			}
			if p.Name != wantName || p.Coordinator.Name != wantCoord {
				t.Errorf("practice.yaml reads back %q, %q", p.Name, p.Coordinator.Name)
			}
			if diags.HasErrors() {
				t.Fatalf("errors:\n%v", diags)
			}
			// The screening, a service warning per parent, and one TODO
			// warning for case.md and each issue: what is left to fill in.
			var todo, other []string
			for _, d := range diags {
				if strings.Contains(d.Message, "TODO placeholder") {
					todo = append(todo, d.Pos.File)
				} else {
					other = append(other, d.Message)
				}
			}
			if len(todo) != 3 || len(other) != 3 || !strings.Contains(other[0], "no safety screening") {
				t.Errorf("want the screening, two service warnings and a TODO warning for case.md and each issue, have:\n%v", diags)
			}
			c := p.Case("2026-fam-0001")
			if c == nil || len(c.Issues) != 2 || c.Issues[1].Title != "Phones at bedtime" || c.Issues[1].RaisedOn != today {
				t.Errorf("case reads back as %+v", c)
			}
			// The log is there, empty, and its example line, uncommented,
			// is an entry.
			if c == nil || c.Log == nil || len(c.Log.Entries) != 0 {
				t.Fatalf("log.txt reads back as %+v, want a log without entries", c.Log)
			}
			logPath := filepath.Join(dir, "content/cases/2026-fam-0001/log.txt")
			b, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			example := strings.TrimPrefix(lines[len(lines)-1], "# ")
			l, ds := parse.ParseLog("log.txt", []byte(example+"\n"))
			if ds.HasErrors() || l == nil || len(l.Entries) != 1 {
				t.Errorf("the example line %q does not read as an entry: %v", example, ds)
			}
		})
	}
}

func TestInitRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if _, err := Init(dir, Practice{}); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("Init into a non-empty folder: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("Init touched a file")
	}
	if _, err := os.Stat(filepath.Join(dir, "practice.yaml")); err == nil {
		t.Error("Init wrote practice.yaml into a non-empty folder")
	}
}

func TestNewCaseRefuses(t *testing.T) {
	dir := t.TempDir()
	Init(dir, Practice{})
	today := mustDate(t, "2026-03-02")
	if _, err := NewCase(dir, "c1", today); err != nil {
		t.Fatal(err)
	}
	var exists *ExistsError
	if _, err := NewCase(dir, "c1", today); !errors.As(err, &exists) {
		t.Errorf("existing case: %v", err)
	}
	for _, id := range []string{"C1", "a_b", "../x", "", strings.Repeat("a", 65), "--help", "-h", "-"} {
		var inv *InvalidIDError
		if _, err := NewCase(dir, id, today); !errors.As(err, &inv) {
			t.Errorf("NewCase(%q): %v, want an InvalidIDError", id, err)
		}
	}
}

// TestNewIssueNumber: the next number is past every issue read and every
// file whose name starts with a number, so that an issue that does not
// read is never written over.
func TestNewIssueNumber(t *testing.T) {
	dir := t.TempDir()
	Init(dir, Practice{})
	today := mustDate(t, "2026-03-02")
	NewCase(dir, "c1", today)
	os.WriteFile(filepath.Join(dir, "content/cases/c1/issues/07-broken.md"), []byte("not front matter"), 0o644)
	p, _ := parse.Dir(dir)
	rel, n, err := NewIssue(dir, p.Case("c1"), "Next one", today)
	if err != nil || n != 8 || rel != "content/cases/c1/issues/08-next-one.md" {
		t.Errorf("NewIssue = %s, %d, %v; want 08-next-one.md, 8", rel, n, err)
	}
	if _, _, err := NewIssue(dir, p.Case("c1"), "  ", today); err == nil {
		t.Error("an empty title was accepted")
	}
}
