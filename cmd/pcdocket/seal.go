package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"pcdocket/generator/build"
	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// runSeal issues an issue's document: it assembles the PDF, writes it into
// the case's sealed/ folder and records it in the case's ledger.
func runSeal(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "seal")
	source := fs.String("source", ".", "the practice folder")
	on := fs.String("on", "", "sealing date YYYY-MM-DD (default today in the practice's time zone)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: pcdocket seal [--source DIR] [--on DATE] CASE-ID NUMBER")
		fs.PrintDefaults()
	}
	if fs.Parse(args) != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	caseID := fs.Arg(0)
	number, err := strconv.Atoi(fs.Arg(1))
	if err != nil || number < 1 {
		fmt.Fprintf(e.stderr, "pcdocket seal: issue number %q: want a whole number from 1\n", fs.Arg(1))
		return 2
	}
	var date practice.Date
	if *on != "" {
		if date, err = practice.ParseDate(*on); err != nil {
			fmt.Fprintf(e.stderr, "pcdocket seal: --on: %v\n", err)
			return 2
		}
	}
	entry, err := build.Seal(build.Options{Source: *source}, caseID, number, date)
	var le *diag.ListError
	if errors.As(err, &le) {
		le.Findings.WriteText(e.stderr)
		summarize(e.stderr, le.Findings)
		fmt.Fprintln(e.stderr, "pcdocket seal: the practice has errors; nothing sealed")
		return 1
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket seal: %v\n", strings.TrimPrefix(err.Error(), "seal: "))
		return 1
	}
	fmt.Fprintf(e.stdout, "sealed %s\n  %s\n  sha256 %x\n", entry, entry.PDFPath(), entry.PDFSum)
	return 0
}
