package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
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

// A record is read again when its page is rendered; a file saved again
// since it was checked is refused, and the build publishes nothing, so
// that no page shows a record that was never checked.
func TestOneOffRefusesRecordSavedDuringBuild(t *testing.T) {
	src := copyPractice(t, repoRoot)
	out := filepath.Join(t.TempDir(), "out")
	ctx := context.Background()
	opts := Options{Source: src, Output: out, AsOf: asOf, NoDocuments: true}
	l, err := Load(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	once := newOneOff(l.Practice, src)
	var saved *practice.Issue
	for _, is := range l.Practice.Issues() {
		if is.Body != "" {
			t.Fatalf("%s: record kept after newOneOff", is.ID())
		}
		if saved == nil && once.records[is] != nil {
			saved = is
		}
	}
	if saved == nil {
		t.Fatal("no record let go")
	}
	files, _, err := renderSite(l.Practice, l.Jurisdictions, opts, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	once.readers(files)

	file := filepath.Join(src, filepath.FromSlash(saved.Src.File))
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(b, "\nA paragraph added during the build.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	err = publishFiles(ctx, out, files, once)
	var changed *parse.ChangedError
	if !errors.As(err, &changed) || changed.File != saved.Src.File {
		t.Fatalf("err = %v, want a *parse.ChangedError for %s", err, saved.Src.File)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if n := e.Name(); n != markerFile && n != lockFile {
			t.Errorf("a failed build left %s in %s", n, out)
		}
	}
}
