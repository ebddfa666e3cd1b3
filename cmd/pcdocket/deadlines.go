package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"pcdocket/generator/build"
	"pcdocket/generator/deadline"
	"pcdocket/generator/jurisdiction"
)

// deadlineJSON is one deadline as `deadlines --json` prints it.
type deadlineJSON struct {
	Case  string `json:"case"`
	Issue *int   `json:"issue"` // null for a date of the case itself
	Kind  string `json:"kind"`
	Date  string `json:"date"`
	Rule  string `json:"rule"`
	Basis string `json:"basis"`
}

func runDeadlines(ctx context.Context, e *env, args []string) int {
	var c common
	fs := newFlags(e, "deadlines")
	c.register(fs)
	asJSON := fs.Bool("json", false, "print a JSON array of {case, issue, kind, date, rule, basis}")
	setUsage(fs, "pcdocket deadlines [--source DIR] [--as-of DATE] [--json]")
	if code, ok := parseArgs(e, fs, args, 0, 0); !ok {
		return code
	}
	if !c.find(e, "deadlines") {
		return 2
	}
	asOf, err := c.date(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket deadlines: %v\n", err)
		return 2
	}
	opts := build.Options{Source: c.source, AsOf: asOf}
	l, err := build.Load(ctx, opts)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket deadlines: %v\n", err)
		return 1
	}
	if l.Findings.HasErrors() {
		l.Findings.WriteText(e.stderr)
		summarize(e.stderr, l.Findings)
		fmt.Fprintln(e.stderr, "pcdocket deadlines: fix the errors first; dates computed from a broken practice could be wrong")
		return 1
	}
	all := l.Deadlines().All()
	if *asJSON {
		return writeDeadlinesJSON(e.stdout, e.stderr, all)
	}
	writeDeadlinesText(e.stdout, all, l.AsOf)
	return 0
}

func writeDeadlinesJSON(w, errw io.Writer, all []deadline.Deadline) int {
	out := make([]deadlineJSON, 0, len(all))
	for _, d := range all {
		j := deadlineJSON{Case: d.Case, Kind: string(d.Kind), Date: d.Date.String(), Rule: d.Rule, Basis: d.Basis}
		if d.Issue != 0 {
			n := d.Issue
			j.Issue = &n
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(errw, "pcdocket deadlines: %v\n", err)
		return 1
	}
	return 0
}

// writeDeadlinesText prints one deadline a line, the ones before asOf
// marked as passed.
func writeDeadlinesText(w io.Writer, all []deadline.Deadline, asOf interface{ String() string }) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tCASE\tISSUE\tKIND\tHOW\tRULE")
	for _, d := range all {
		issue := "-"
		if d.Issue != 0 {
			issue = fmt.Sprint(d.Issue)
		}
		date := jurisdiction.ShortDate(d.Date)
		if d.Date.String() < asOf.String() {
			date += " (passed)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", date, d.Case, issue, d.Kind, d.Basis, d.Rule)
	}
	tw.Flush()
}
