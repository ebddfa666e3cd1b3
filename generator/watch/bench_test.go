package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkEditToReload measures, on generated practices, the time from an
// issue file's write to the reload event sent to the pages (write-ms: the
// watcher's settle time after a save, DefaultSettle, included) and the
// rebuild alone (rebuild-ms: re-read, check, re-render). bench/reload
// measures the same from outside the process. Run it with a fixed count for
// stable percentiles:
//
//	go test ./generator/watch -run XXX -bench EditToReload -benchtime 40x
func BenchmarkEditToReload(b *testing.B) {
	for _, bc := range []struct {
		cases, perCase int
		docs           bool
	}{
		{10, 100, false},
		{10, 100, true},
		{100, 100, false},
	} {
		name := fmt.Sprintf("issues=%d", bc.cases*bc.perCase)
		if bc.docs {
			name += "/documents"
		}
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			writeFixture(b, dir, bc.cases, bc.perCase)
			begin := time.Now()
			r := startWith(b, Config{Source: dir, NoDocuments: !bc.docs})
			b.Logf("first build of %d issues: %v", bc.cases*bc.perCase, time.Since(begin))
			var total, rebuild []float64
			var pages int
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c, n := bc.cases/2, i%6+1 // pending and decided issues in turn
				data := fixtureIssue(n, fmt.Sprintf("Edited title %d", i))
				p := filepath.Join(dir, filepath.FromSlash(issueRel(c, n)))
				wrote := time.Now()
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					b.Fatal(err)
				}
				rep := r.next(b)
				if rep.Err != nil {
					b.Fatal(rep.Err)
				}
				total = append(total, ms(rep.Sent.Sub(wrote)))
				rebuild = append(rebuild, ms(rep.Duration))
				pages += len(rep.Rendered)
			}
			b.StopTimer()
			b.ReportMetric(pct(total, 50), "write-ms-p50")
			b.ReportMetric(pct(total, 95), "write-ms-p95")
			b.ReportMetric(pct(rebuild, 50), "rebuild-ms-p50")
			b.ReportMetric(pct(rebuild, 95), "rebuild-ms-p95")
			b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
		})
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// pct returns the p-th percentile (nearest rank).
func pct(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(p/100*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}
