package build_test

import (
	"context"
	"testing"

	"pcdocket/bench/synth"
	"pcdocket/generator/build"
	"pcdocket/generator/practice"
)

// benchBuild builds a synthetic practice of cases × perCase issues, without
// documents, into a fresh output folder on every iteration. Generating the
// practice is outside the timer; reading, checking, rendering and writing
// are inside, as in `pcdocket build --no-documents`.
func benchBuild(b *testing.B, cases, perCase int) {
	src := b.TempDir()
	if err := synth.Write(src, synth.Options{Cases: cases, IssuesPerCase: perCase, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	opts := build.Options{Source: src, Output: b.TempDir(), AsOf: practice.MustDate("2026-11-27"), NoDocuments: true}
	b.ReportAllocs()
	for b.Loop() {
		res, err := build.Build(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if want := cases * perCase; res.Private < want {
			b.Fatalf("built %d private files, want at least %d", res.Private, want)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/build")
}

// BenchmarkBuild1000 builds 1,000 issues in 50 cases: the foundation
// issue's benchmark.
func BenchmarkBuild1000(b *testing.B) { benchBuild(b, 50, 20) }

// BenchmarkBuild10000 builds 10,000 issues in 500 cases: the performance
// issue's target size.
func BenchmarkBuild10000(b *testing.B) { benchBuild(b, 500, 20) }
