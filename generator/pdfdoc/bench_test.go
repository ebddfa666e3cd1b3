package pdfdoc

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"pcdocket/bench/synth"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
)

// BenchmarkDocument assembles one determination.
func BenchmarkDocument(b *testing.B) {
	a := newAssembler(b)
	p := fixture(b)
	is := p.Case("2025-fam-0387-muller-lukasik").Issue(3)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.Document(p, is); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDocuments1000 assembles the documents of a practice of 1,000
// documented issues, one after another on one goroutine; ns/op is for all
// of them, and ms/doc is the figure the README quotes.
func BenchmarkDocuments1000(b *testing.B) {
	a := newAssembler(b)
	p := fixture(b)
	c := p.Case("2025-fam-0387-muller-lukasik")
	tmpl := []*practice.Issue{c.Issue(2), c.Issue(3), c.Issue(4)}
	var issues []*practice.Issue
	for i := range 1000 {
		is := *tmpl[i%len(tmpl)]
		is.Number = 100 + i
		is.Title = fmt.Sprintf("%s (%d)", is.Title, i)
		is.Amends = 0
		issues = append(issues, &is)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, is := range issues {
			if _, err := a.Document(p, is); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(len(issues)), "ms/doc")
}

// BenchmarkLongDocument assembles the fixture's seven-page determination
// with a very long directive and quoted clause.
func BenchmarkLongDocument(b *testing.B) {
	a := newAssembler(b)
	p := fixture(b)
	is := p.Case("2025-fam-0387-muller-lukasik").Issue(4)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.Document(p, is); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPractice10000 assembles every document of the generated
// 10,000-issue practice (bench/gen -cases 500 -issues 20 -seed 1) on all
// cores, one worker per core as the build runs them: ns/op is the
// figure issue 7 sets at under 10 s on two cores; ms/doc is per document
// (wall time, not CPU time).
func BenchmarkPractice10000(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Cases: 500, IssuesPerCase: 20, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	p, diags := parse.Dir(dir)
	if err := diags.Err(); err != nil {
		b.Fatal(err)
	}
	a := newAssembler(b)
	var issues []*practice.Issue
	for _, is := range p.Issues() {
		if is.Documented() {
			issues = append(issues, is)
		}
	}
	workers := runtime.GOMAXPROCS(0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var next atomic.Int64
		var wg sync.WaitGroup
		errs := make([]error, workers)
		for w := range workers {
			wg.Go(func() {
				for {
					i := int(next.Add(1)) - 1
					if i >= len(issues) {
						return
					}
					if _, err := a.Document(p, issues[i]); err != nil {
						errs[w] = err
						return
					}
				}
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(issues)), "docs")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/practice")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/float64(len(issues)), "ms/doc")
}
