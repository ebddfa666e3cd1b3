package parse

import (
	"fmt"
	"slices"
	"testing"

	"pcdocket/generator/practice"
)

// TestReaderKeys reads two files with one reader, as Dir does: each Source
// must hold its own lines even though the two share their key paths.
func TestReaderKeys(t *testing.T) {
	var r reader
	read := func(text string) []string {
		t.Helper()
		var is practice.Issue
		_, src, diags := r.frontMatter("f.md", []byte(text), &is)
		if len(diags) != 0 {
			t.Fatalf("findings: %v", diags)
		}
		var got []string
		for p, l := range src.Keys.All() {
			got = append(got, fmt.Sprintf("%s:%d", p, l))
		}
		return got
	}
	const head = "---\nnumber: 1\ntitle: T\ncategory: c\nraised_on: 2026-01-02\nquestion: Q?\n"
	a := read(head + "clauses: [\"1\"]\nevents:\n  - on: 2026-01-03\n    kind: notice\n---\n")
	b := read("\n" + head + "clauses:\n  - \"1\"\nevents:\n  - kind: notice\n    on: 2026-01-03\n---\n")
	wantA := []string{"category:4", "clauses:7", "clauses[0]:7", "events:8", "events[0]:9", "events[0].kind:10", "events[0].on:9",
		"number:2", "question:6", "raised_on:5", "title:3"}
	wantB := []string{"category:5", "clauses:8", "clauses[0]:9", "events:10", "events[0]:11", "events[0].kind:11", "events[0].on:12",
		"number:3", "question:7", "raised_on:6", "title:4"}
	if !slices.Equal(a, wantA) {
		t.Errorf("first file: keys %v, want %v", a, wantA)
	}
	if !slices.Equal(b, wantB) {
		t.Errorf("second file: keys %v, want %v", b, wantB)
	}
	if c := read(head + "clauses: [\"1\"]\nevents:\n  - on: 2026-01-03\n    kind: notice\n---\n"); !slices.Equal(c, wantA) {
		t.Errorf("third file: keys %v, want %v", c, wantA)
	}
	if len(r.shapes) != 2 {
		t.Errorf("%d shapes for three files with keys in two orders, want 2", len(r.shapes))
	}
	if len(r.lists) != 1 {
		t.Errorf("%d lists of paths for two files with the same keys, want 1", len(r.lists))
	}
}
