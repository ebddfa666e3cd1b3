package parse

import (
	"testing"

	"pcdocket/bench/synth"
)

// BenchmarkDir reads a synthetic practice of 10,000 issues in 500 cases.
func BenchmarkDir(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Cases: 500, IssuesPerCase: 20, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Dir(dir); diags.HasErrors() {
			b.Fatal(diags[0])
		}
	}
}
