package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pcdocket/bench/synth"
)

// BenchmarkIncrementalEdit measures Incremental.Rebuild after one issue file
// of a synthetic 10,000-issue practice (500 cases × 20) changed its title:
// re-read, check, re-render, without the watcher's debounce. It reports the
// median of each phase.
//
//	go test ./generator/build -run XXX -bench IncrementalEdit -benchtime 40x
func BenchmarkIncrementalEdit(b *testing.B) {
	src := b.TempDir()
	if err := synth.Write(src, synth.Options{Cases: 500, IssuesPerCase: 20, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	inc := NewIncremental(Options{Source: src, AsOf: incAsOf, NoDocuments: true})
	if _, err := inc.Rebuild(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	// The issue files of a case in the middle of the practice.
	cases, err := os.ReadDir(filepath.Join(src, "content", "cases"))
	if err != nil {
		b.Fatal(err)
	}
	id := cases[len(cases)/2].Name()
	issues, err := filepath.Glob(filepath.Join(src, "content", "cases", id, "issues", "*.md"))
	if err != nil || len(issues) == 0 {
		b.Fatalf("no issues in %s: %v", id, err)
	}
	var parse, check, render, total []float64
	var pages int
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		file := issues[i%len(issues)]
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		lines := strings.SplitN(string(data), "\n", 4)
		lines[2] = fmt.Sprintf("title: \"Edited title %d\"", i)
		if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			b.Fatal(err)
		}
		rel, _ := filepath.Rel(src, file)
		u, err := inc.Rebuild(context.Background(), []string{filepath.ToSlash(rel)})
		if err != nil {
			b.Fatal(err)
		}
		parse = append(parse, msOf(u.Parse))
		check = append(check, msOf(u.Check))
		render = append(render, msOf(u.Render))
		total = append(total, msOf(u.Duration))
		pages += len(u.Rendered)
	}
	b.ReportMetric(median(parse), "parse-ms-p50")
	b.ReportMetric(median(check), "check-ms-p50")
	b.ReportMetric(median(render), "render-ms-p50")
	b.ReportMetric(median(total), "rebuild-ms-p50")
	b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
}

func msOf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
