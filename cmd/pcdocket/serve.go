package main

import (
	"context"
	"fmt"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
	"pcdocket/generator/watch"
)

// runServe builds the practice, serves the private site and rebuilds it on
// every save, printing one line per rebuild.
func runServe(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "serve")
	var source string
	sourceFlag(fs, &source)
	asOf := fs.String("as-of", "", "reference date YYYY-MM-DD for days pending and deadlines (default today in the practice's time zone)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to serve on (host:port)")
	noDocs := fs.Bool("no-documents", false, "leave out the PDF documents (faster rebuilds; document links do not work)")
	public := fs.Bool("public-bind", false, "allow a non-loopback --addr: anyone who can reach it can read the case data")
	setUsage(fs, "pcdocket serve [--source DIR] [--addr 127.0.0.1:8080] [--as-of DATE] [--no-documents] [--public-bind]")
	if code, ok := parseArgs(e, fs, args, 0, 0); !ok {
		return code
	}
	source, ok := practiceDir(e, "serve", source)
	if !ok {
		return 2
	}
	var date practice.Date
	if *asOf != "" {
		d, err := practice.ParseDate(*asOf)
		if err != nil {
			fmt.Fprintf(e.stderr, "pcdocket serve: --as-of: %v\n", err)
			return 2
		}
		date = d
	}
	ln, err := watch.Listen(*addr, *public)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket serve: %v\n", err)
		return 2
	}
	if *public {
		fmt.Fprintf(e.stderr, "pcdocket serve: WARNING: serving on %s with --public-bind: anyone who can reach this address can read every case\n", ln.Addr())
	}
	srv := watch.New(watch.Config{
		Source:      source,
		AsOf:        date,
		PublicBind:  *public,
		NoDocuments: *noDocs,
		OnRebuild: func(r watch.Report) {
			fmt.Fprintf(e.stdout, "%s %s\n", e.now().Format("15:04:05"), r)
			if r.Err != nil {
				for _, line := range strings.Split(strings.TrimSpace(errorLines(r)), "\n") {
					fmt.Fprintf(e.stdout, "    %s\n", line)
				}
			} else if len(r.Changed) == 0 {
				// The first build lists the warnings once, as check would;
				// later rebuilds only count them, to keep one line per save.
				for _, f := range r.Findings {
					fmt.Fprintf(e.stdout, "    %s\n", f)
				}
			}
		},
	})
	fmt.Fprintf(e.stdout, "serving %s on http://%s/ (Ctrl-C stops)\n", source, ln.Addr())
	if err := srv.Run(ctx, ln); err != nil {
		fmt.Fprintf(e.stderr, "pcdocket serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(e.stdout, "stopped")
	return 0
}

// errorLines lists a failed rebuild's errors, one per line.
func errorLines(r watch.Report) string {
	var b strings.Builder
	n := 0
	for _, f := range r.Findings {
		if f.Severity == diag.Error {
			fmt.Fprintln(&b, f)
			n++
		}
	}
	if n == 0 {
		fmt.Fprintln(&b, r.Err)
	}
	return b.String()
}
