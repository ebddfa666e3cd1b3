package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"pcdocket/generator/build"
	"pcdocket/generator/diag"
	"pcdocket/generator/fees"
)

// runStatement is `pcdocket statement`: the fee statements of a case for a
// month, one PDF per parent; the fee report to the court (--report); or
// the ledger as CSV (--csv).
func runStatement(ctx context.Context, e *env, args []string) int {
	var c common
	fs := newFlags(e, "statement")
	c.register(fs)
	month := fs.String("month", "", "the month YYYY-MM of the statements (with --csv: only that month's entries)")
	asCSV := fs.Bool("csv", false, "print the ledger as CSV on stdout instead, for an accountant")
	report := fs.Bool("report", false, "write the fee report to the court (totals, payments, balances, time per issue) as of --as-of")
	all := fs.Bool("all", false, "every case with fee terms and a ledger, instead of CASE-ID")
	out := fs.String("out", ".", "the folder the PDFs are written to")
	setUsage(fs,
		"pcdocket statement [--source DIR] --month YYYY-MM [--out DIR] CASE-ID | --all",
		"pcdocket statement [--source DIR] --report [--as-of DATE] [--out DIR] CASE-ID | --all",
		"pcdocket statement [--source DIR] --csv [--month YYYY-MM] CASE-ID | --all")
	code, ok := parseArgs(e, fs, args, 0, 1)
	if !ok {
		return code
	}
	ids := fs.Args()
	if *all == (len(ids) == 1) {
		fmt.Fprintln(e.stderr, "pcdocket statement: name one CASE-ID, or --all for every case")
		return 2
	}
	var m fees.Month
	if *month != "" {
		var err error
		if m, err = fees.ParseMonth(*month); err != nil {
			fmt.Fprintf(e.stderr, "pcdocket statement: --month: %v\n", err)
			return 2
		}
	}
	if m == (fees.Month{}) && !*asCSV && !*report {
		fmt.Fprintln(e.stderr, "pcdocket statement: --month YYYY-MM is required for statements (or --report, or --csv)")
		return 2
	}
	if !c.find(e, "statement") {
		return 2
	}
	asOf, err := c.date(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket statement: %v\n", err)
		return 2
	}
	opts := build.Options{Source: c.source, AsOf: asOf}
	l, accs, err := build.FeeAccounts(ctx, opts, ids)
	if err != nil {
		var le *diag.ListError
		if errors.As(err, &le) {
			le.Findings.WriteText(e.stderr)
			summarize(e.stderr, le.Findings)
			fmt.Fprintln(e.stderr, "pcdocket statement: fix the errors first; fees priced from a broken ledger could be wrong")
		} else {
			fmt.Fprintf(e.stderr, "pcdocket statement: %v\n", err)
		}
		return 1
	}
	if *asCSV {
		if err := fees.WriteCSV(e.stdout, accs, m); err != nil {
			fmt.Fprintf(e.stderr, "pcdocket statement: %v\n", err)
			return 1
		}
		return 0
	}
	var docs []build.FeeDoc
	if *report {
		docs, err = build.FeeReports(&opts, l, accs, l.AsOf)
	} else {
		docs, err = build.Statements(&opts, l, accs, m)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket statement: %v\n", err)
		return 1
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(e.stderr, "pcdocket statement: %v\n", err)
		return 1
	}
	for _, d := range docs {
		name := filepath.Join(*out, d.Name)
		if err := writeAtomic(name, d.PDF); err != nil {
			fmt.Fprintf(e.stderr, "pcdocket statement: %v\n", err)
			return 1
		}
		fmt.Fprintln(e.stdout, name)
	}
	return 0
}

// writeAtomic writes b to name through a temporary file in the same
// folder, so that a reader never sees half a PDF.
func writeAtomic(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".statement-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), name); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
