package fees

import (
	"io"
	"math/rand/v2"
	"testing"
)

// BenchmarkCompute10000x200 prices 10,000 ledgers of 200 entries each,
// with a month's statement for each parent and the CSV of all of them: the
// work fees adds to a build of a large practice, without the pages.
func BenchmarkCompute10000x200(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := make([]*Account, 0, 10000)
	for range 10000 {
		cases = append(cases, &Account{Case: randomCase(r, 200)})
	}
	m := Month{2026, 6}
	b.ReportAllocs()
	for b.Loop() {
		accs := cases[:0:0]
		for _, a := range cases {
			acc := Compute(a.Case)
			acc.Statement(0, m)
			acc.Statement(1, m)
			accs = append(accs, acc)
		}
		if err := WriteCSV(io.Discard, accs, Month{}); err != nil {
			b.Fatal(err)
		}
	}
}
