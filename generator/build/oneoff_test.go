package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A one-off build lets go of each page and record as it writes them
// (oneOff) and its site caches nothing (site.NewOneBuild); its output must
// be that of a site that keeps everything, as watch mode's does.
func TestOneOffBuildEqualsKeptSite(t *testing.T) {
	for _, docs := range []bool{false, true} {
		opts := Options{Source: repoRoot, Output: t.TempDir(), AsOf: asOf, NoDocuments: !docs}
		res, err := Build(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		released := 0
		for _, is := range res.Practice.Issues() {
			if is.Body == "" {
				released++
			}
		}
		if released == 0 {
			t.Errorf("documents %v: no record released by the build", docs)
		}

		l, err := Load(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		files, err := Render(context.Background(), l, opts)
		if err != nil {
			t.Fatal(err)
		}
		kept := t.TempDir()
		if err := WriteFiles(context.Background(), kept, files); err != nil {
			t.Fatal(err)
		}
		got, want := readTree(t, opts.Output), readTree(t, kept)
		for p, w := range want {
			if g, ok := got[p]; !ok {
				t.Errorf("documents %v: %s missing from the one-off build", docs, p)
			} else if !bytes.Equal(g, w) {
				t.Errorf("documents %v: %s differs from the kept site's", docs, p)
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok && filepath.Dir(p) != "." {
				t.Errorf("documents %v: %s only in the one-off build", docs, p)
			}
		}
	}
}

// A practice that overrides a template of the private site keeps its
// records: the override may print a record on any page.
func TestOneOffBuildKeepsRecordsUnderOverride(t *testing.T) {
	src := copyPractice(t, repoRoot)
	page := filepath.Join(src, "templates", "private", "case.html")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(b, "\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Source: src, Output: t.TempDir(), AsOf: asOf, NoDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range res.Practice.Issues() {
		if is.Body == "" {
			t.Errorf("%s: record released under an overridden template", is.ID())
		}
	}
}
