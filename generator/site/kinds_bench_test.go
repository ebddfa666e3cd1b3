package site

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"

	"pcdocket/bench/synth"
	"pcdocket/generator/markup"
	"pcdocket/generator/parse"
	"pcdocket/templates"
)

var synthOnce = sync.OnceValues(func() (string, error) {
	dir, err := osMkdirTemp()
	if err != nil {
		return "", err
	}
	return dir, synth.Write(dir, synth.Options{Cases: 100, IssuesPerCase: 20, Seed: 1})
})

// BenchmarkPageKinds renders each kind of page of a synthetic 2,000-issue
// practice (100 cases × 20) one after the other, on one core, with the
// Markdown already converted: the template cost of each kind, per page.
//
//	go test ./generator/site -run XXX -bench PageKinds
func BenchmarkPageKinds(b *testing.B) {
	dir, err := synthOnce()
	if err != nil {
		b.Fatal(err)
	}
	p, diags := parse.Dir(dir)
	if diags.Err() != nil {
		b.Fatal(diags.Err())
	}
	s, err := New(p, templates.Default(), markup.New(), asOf, nil)
	if err != nil {
		b.Fatal(err)
	}
	kinds := map[string][]Page{}
	var buf bytes.Buffer
	for _, pg := range s.Pages() {
		k := "other"
		switch {
		case strings.Contains(pg.Path, "/issues/"):
			k = "issue"
		case strings.Contains(pg.Path, "/clauses/"):
			k = "clause"
		case strings.HasPrefix(pg.Path, "cases/"):
			k = "case"
		case strings.HasPrefix(pg.Path, "notes/"):
			k = "notes"
		case strings.HasPrefix(pg.Path, "categories/"):
			k = "category"
		case pg.Path == "index.html":
			k = "docket"
		}
		kinds[k] = append(kinds[k], pg)
		buf.Reset()
		if err := pg.Render(&buf); err != nil { // converts the Markdown once
			b.Fatal(err)
		}
	}
	for _, k := range []string{"issue", "clause", "case", "notes", "category", "docket"} {
		b.Run(k, func(b *testing.B) {
			pages := kinds[k]
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				buf.Reset()
				if err := pages[n%len(pages)].Render(&buf); err != nil {
					b.Fatal(err)
				}
				n++
			}
		})
	}
}

func osMkdirTemp() (string, error) { return os.MkdirTemp("", "pcdocket-site-bench-") }
