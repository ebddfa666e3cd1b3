package check_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"pcdocket/generator/check"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
)

// BenchmarkPractice checks a synthetic practice of 100 cases with 10 issues
// each (1,000 issues), made from the valid fixture.
func BenchmarkPractice(b *testing.B) {
	p, pd := parse.Dir(filepath.Join("testdata", "valid"))
	if len(pd) > 0 || len(p.Cases) != 1 {
		b.Fatalf("valid fixture: %v", pd)
	}
	tmpl := p.Cases[0]
	big := &practice.Practice{Name: p.Name, Coordinator: p.Coordinator, Src: p.Src}
	for i := range 100 {
		c := *tmpl
		c.ID = fmt.Sprintf("case-%03d", i)
		c.Issues = nil
		for n := 1; n <= 10; n++ {
			is := *tmpl.Issues[n%len(tmpl.Issues)]
			is.Number = n
			is.Case = &c
			c.Issues = append(c.Issues, &is)
		}
		big.Cases = append(big.Cases, &c)
	}
	b.ReportAllocs()
	for b.Loop() {
		if l := check.Practice(big, asOf, nil); len(l) != 0 {
			b.Fatalf("unexpected findings: %v", l[0])
		}
	}
}
