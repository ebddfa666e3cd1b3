package synth_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"pcdocket/bench/synth"
	"pcdocket/generator/check"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
)

// TestValid checks that generated practices of several shapes parse and
// check without errors, and hold what the benchmarks rely on.
func TestValid(t *testing.T) {
	for _, tc := range []struct {
		name          string
		cases, issues int
		seed          uint64
	}{
		{"small", 3, 5, 1},
		{"benchmark shape", 20, 20, 1},
		{"other seed", 20, 20, 7},
		{"many issues per case", 2, 200, 3},
		{"no issues", 2, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := synth.Write(dir, synth.Options{Cases: tc.cases, IssuesPerCase: tc.issues, Seed: tc.seed}); err != nil {
				t.Fatal(err)
			}
			p, diags := parse.Dir(dir)
			diags = append(diags, check.Practice(p, practice.MustDate("2026-11-27"), nil)...)
			if diags.HasErrors() {
				t.Fatalf("%v", diags)
			}
			if len(p.Cases) != tc.cases || len(p.Issues()) != tc.cases*tc.issues {
				t.Fatalf("got %d cases and %d issues, want %d and %d", len(p.Cases), len(p.Issues()), tc.cases, tc.cases*tc.issues)
			}
		})
	}
}

// TestCoverage checks that a benchmark-sized practice has every outcome kind,
// pending issues, events of every kind, and clauses cited several times.
func TestCoverage(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Cases: 20, IssuesPerCase: 20, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	p, _ := parse.Dir(dir)
	status, events := map[string]int{}, map[string]int{}
	maxCited := 0
	for _, c := range p.Cases {
		for _, cl := range c.Plan.Clauses {
			maxCited = max(maxCited, len(c.ClauseHistory(cl.Ref)))
		}
		for _, is := range c.Issues {
			status[is.Status()]++
			for _, e := range is.Events {
				events[e.Kind]++
			}
		}
	}
	for _, k := range append([]string{"pending"}, practice.OutcomeKinds...) {
		if status[k] == 0 {
			t.Errorf("no issue is %s: %v", k, status)
		}
	}
	for _, k := range practice.EventKinds {
		if events[k] == 0 {
			t.Errorf("no %s event: %v", k, events)
		}
	}
	if maxCited < 3 {
		t.Errorf("no clause is cited by 3 or more issues (most: %d)", maxCited)
	}
}

// TestDeterministic writes the same options twice and compares every byte.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	opts := synth.Options{Cases: 5, IssuesPerCase: 10, Seed: 42}
	for _, d := range []string{a, b} {
		if err := synth.Write(d, opts); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes", rel)
		}
		n++
		return nil
	})
	if err != nil || n < 50 {
		t.Fatalf("walked %d files: %v", n, err)
	}
}

func TestBadOptions(t *testing.T) {
	for _, o := range []synth.Options{{Cases: 0, IssuesPerCase: 1}, {Cases: 1, IssuesPerCase: -1}} {
		if err := synth.Write(t.TempDir(), o); err == nil {
			t.Errorf("Write(%+v): no error", o)
		}
	}
}
