//go:build unix

package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"pcdocket/bench/synth"
	"pcdocket/generator/build"
	"pcdocket/generator/practice"
)

var orderDateRE = regexp.MustCompile(`(?m)^  order_date: (\d{4}-\d{2}-\d{2})$`)

// addLedgers gives every case of the synthetic practice at src fee terms
// and a ledger of n entries (issue 17): time on its issues, payments from
// both parents, an adjustment, all inside the appointment.
func addLedgers(b *testing.B, src string, perCase, n int) {
	b.Helper()
	dir := filepath.Join(src, "content", "cases")
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	acts := practice.Activities
	for ci, e := range entries {
		caseFile := filepath.Join(dir, e.Name(), "case.md")
		data, err := os.ReadFile(caseFile)
		if err != nil {
			b.Fatal(err)
		}
		m := orderDateRE.FindSubmatch(data)
		if m == nil {
			b.Fatalf("%s: no order_date", caseFile)
		}
		order := practice.MustDate(string(m[1]))
		s := string(data)
		end := strings.Index(s[3:], "\n---") + 3
		terms := "\nfees:\n  rate: 185.00\n  allocation:\n    parent_a: 55\n    parent_b: 45\n  retainer:\n    parent_a: 1000\n    parent_b: 1000\n    floor: 100\n  due_days: 30\n  issues:\n    - issue: 1\n      allocation:\n        parent_a: 0\n        parent_b: 100\n      reason: The order, para. 9.\n"
		s = s[:end] + terms + s[end:]
		if err := os.WriteFile(caseFile, []byte(s), 0o644); err != nil {
			b.Fatal(err)
		}
		var l strings.Builder
		for i := range n {
			day := order.AddDays(1 + i*3)
			switch {
			case i%10 == 4:
				fmt.Fprintf(&l, "%s  pay  parent_a  $%d.00  check %d\n", day, 300+ci%7, i)
			case i%10 == 9:
				fmt.Fprintf(&l, "%s  pay  father  $250.50  transfer %d\n", day, i)
			case i%50 == 17:
				fmt.Fprintf(&l, "%s  adjust  both  -$12.34  write-off: duplicated email %d\n", day, i)
			default:
				fmt.Fprintf(&l, "%s  %dh%02d  %s  #%d  Work on the issue, entry %d\n", day, i%3, 5+i%50, acts[i%len(acts)], 1+i%perCase, i)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name(), "fees.txt"), []byte(l.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// benchFees is benchBuild with a ledger of entries lines in every case:
// the build's added time for fees is its ms/build less benchBuild's.
func benchFees(b *testing.B, cases, perCase, entries int) {
	src := b.TempDir()
	if err := synth.Write(src, synth.Options{Cases: cases, IssuesPerCase: perCase, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if entries > 0 {
		addLedgers(b, src, perCase, entries)
	}
	opts := build.Options{Source: src, Output: b.TempDir(), AsOf: practice.MustDate("2026-11-27"), NoDocuments: true}
	b.ReportAllocs()
	// CPU time as well as wall time: on a shared machine the wall time
	// of one build varies by half between runs, its CPU time far less.
	cpu0 := cpuTime(b)
	for b.Loop() {
		res, err := build.Build(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if n := res.Practice.Cases[0].FeeLedger; entries > 0 && (n == nil || len(n.Entries) != entries) {
			b.Fatal("the ledgers were not read")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/build")
	b.ReportMetric(float64((cpuTime(b)-cpu0).Milliseconds())/float64(b.N), "cpu-ms/build")
}

// BenchmarkBuild10000Fees is BenchmarkBuild10000 (500 cases, 10,000
// issues) with a 200-entry ledger in every case.
func BenchmarkBuild10000Fees(b *testing.B) { benchFees(b, 500, 20, 200) }

// BenchmarkBuild10000NoFees is BenchmarkBuild10000Fees's baseline: the same
// practice without ledgers.
func BenchmarkBuild10000NoFees(b *testing.B) { benchFees(b, 500, 20, 0) }

// cpuTime returns the process's user and system CPU time so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBuildFees10000x200 builds 10,000 cases of one issue each, each
// with a 200-entry ledger: two million entries parsed, checked, priced and
// rendered as 10,000 ledger pages. BenchmarkBuildNoFees10000x1 is the same
// practice without ledgers.
func BenchmarkBuildFees10000x200(b *testing.B) { benchFees(b, 10000, 1, 200) }

// BenchmarkBuildNoFees10000x1 is the baseline of BenchmarkBuildFees10000x200.
func BenchmarkBuildNoFees10000x1(b *testing.B) { benchFees(b, 10000, 1, 0) }
