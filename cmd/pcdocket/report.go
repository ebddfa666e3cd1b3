package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"pcdocket/generator/build"
	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// runReport is `pcdocket report`: a report to the court on one case, as a
// PDF signed like the determinations and its HTML twin: the status report,
// the report of non-compliance, or the end-of-term report.
func runReport(ctx context.Context, e *env, args []string) int {
	var c common
	fs := newFlags(e, "report")
	c.register(fs)
	out := fs.String("out", ".", "the folder the PDF and its HTML twin are written to")
	served := fs.String("served", "", "the day YYYY-MM-DD the report is served, for its certificate of service (default: a blank to fill in)")
	setUsage(fs, "pcdocket report [--source DIR] [--as-of DATE] [--served DATE] [--out DIR] status|noncompliance|end-of-term CASE-ID")
	code, ok := parseArgs(e, fs, args, 2, 2)
	if !ok {
		return code
	}
	name, caseID := fs.Arg(0), fs.Arg(1)
	if !c.find(e, "report") {
		return 2
	}
	asOf, err := c.date(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket report: %v\n", err)
		return 2
	}
	var on practice.Date
	if *served != "" {
		if on, err = practice.ParseDate(*served); err != nil {
			fmt.Fprintf(e.stderr, "pcdocket report: --served: %v\n", err)
			return 2
		}
	}
	r, err := build.Report(ctx, build.Options{Source: c.source, AsOf: asOf}, caseID, name, on)
	if err != nil {
		var le *diag.ListError
		if errors.As(err, &le) {
			le.Findings.WriteText(e.stderr)
			summarize(e.stderr, le.Findings)
			fmt.Fprintln(e.stderr, "pcdocket report: fix the errors of the case first; a report to the court must rest on a sound record")
		} else {
			fmt.Fprintf(e.stderr, "pcdocket report: %v\n", err)
		}
		return 1
	}
	if len(r.Elsewhere) > 0 {
		r.Elsewhere.WriteText(e.stderr)
		fmt.Fprintf(e.stderr, "pcdocket report: note: %s elsewhere in the practice, which this report does not rest on\n", diag.Plural(len(r.Elsewhere), "error"))
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(e.stderr, "pcdocket report: %v\n", err)
		return 1
	}
	for _, f := range []struct {
		ext string
		b   []byte
	}{{".pdf", r.PDF}, {".html", r.HTML}} {
		file := filepath.Join(*out, r.Name+f.ext)
		if err := writeAtomic(file, f.b); err != nil {
			fmt.Fprintf(e.stderr, "pcdocket report: %v\n", err)
			return 1
		}
		fmt.Fprintln(e.stdout, file)
	}
	return 0
}
