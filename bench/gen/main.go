// Command gen writes a synthetic practice for benchmarks (see package
// pcdocket/bench/synth):
//
//	go run ./bench/gen -cases 500 -issues 20 -seed 1 -out DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"pcdocket/bench/synth"
)

func main() {
	cases := flag.Int("cases", 500, "number of cases")
	issues := flag.Int("issues", 20, "issues per case")
	seed := flag.Uint64("seed", 1, "random seed: the same seed writes the same practice")
	out := flag.String("out", "", "folder to write the practice into (should be empty)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -cases N -issues N [-seed N] -out DIR")
		os.Exit(2)
	}
	if err := synth.Write(*out, synth.Options{Cases: *cases, IssuesPerCase: *issues, Seed: *seed}); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}
