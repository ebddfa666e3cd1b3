package pdfdoc

import (
	"fmt"
	"testing"

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
