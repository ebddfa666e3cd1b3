package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"pcdocket/generator/build"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
	"pcdocket/generator/seal"
)

// runServed records, after sealing, when and how a sealed document was
// served: an append-only record in the case's ledger, chained and signed
// like the seal, that leaves the sealed PDF and the issue file untouched.
func runServed(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "served")
	var source string
	sourceFlag(fs, &source)
	on := fs.String("on", "", "the day the document was served, YYYY-MM-DD (default today in the practice's time zone)")
	by := fs.String("by", "", "how it was served: "+strings.Join(practice.ServiceMethods, ", "))
	keyFile := fs.String("signing-key", "", "the ledger signing key written by `pcdocket keygen`, outside the practice folder (default $"+seal.EnvSigningKey+"); needed when practice.yaml pins ledger.public_key")
	setUsage(fs, "pcdocket served [--source DIR] [--on DATE] [--by METHOD] [--signing-key FILE] CASE-ID NUMBER")
	if code, ok := parseArgs(e, fs, args, 2, 2); !ok {
		return code
	}
	pos := fs.Args()
	source, ok := practiceDir(e, "served", source)
	if !ok {
		return 2
	}
	caseID := pos[0]
	number, err := strconv.Atoi(pos[1])
	if err != nil || number < 1 {
		fmt.Fprintf(e.stderr, "pcdocket served: issue number %q: want a whole number from 1\n", pos[1])
		return 2
	}
	if *by != "" && !slices.Contains(practice.ServiceMethods, *by) {
		fmt.Fprintf(e.stderr, "pcdocket served: --by %q: want one of %s\n", *by, strings.Join(practice.ServiceMethods, ", "))
		return 2
	}
	var date practice.Date
	if *on != "" {
		if date, err = practice.ParseDate(*on); err != nil {
			fmt.Fprintf(e.stderr, "pcdocket served: --on: %v\n", err)
			return 2
		}
	}
	key, err := signingKey(*keyFile, source)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket served: %v\n", strings.TrimPrefix(err.Error(), "seal: "))
		return 2
	}
	// Read, not check: a practice that check faults for something else
	// can still record that a document went out.
	p, diags := parse.Dir(source)
	if diags.HasErrors() {
		diags.WriteText(e.stderr)
		summarize(e.stderr, diags)
		fmt.Fprintln(e.stderr, "pcdocket served: the practice has errors; nothing recorded")
		return 1
	}
	today := build.Today(p, e.now())
	if date.IsZero() {
		date = today
	}
	rec, err := seal.RecordService(source, p, caseID, number, date, *by, today, key)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket served: %v\n", strings.TrimPrefix(err.Error(), "seal: "))
		if errors.Is(err, seal.ErrKeyRequired) {
			fmt.Fprintf(e.stderr, "pcdocket served: give the private key with --signing-key FILE or $%s\n", seal.EnvSigningKey)
		}
		return 1
	}
	how := ""
	if rec.Service.By != "" {
		how = " by " + rec.Service.By
	}
	fmt.Fprintf(e.stdout, "recorded: issue %d of case %s served on %s%s\n  content/cases/%s/%s/%s\n", number, caseID, rec.Service.On.Long(), how, caseID, seal.Dir, seal.LedgerFile)
	if rec.Signature != nil {
		fmt.Fprintln(e.stdout, "  signed with the ledger key practice.yaml pins")
	}
	if l, err := seal.Load(source); err == nil {
		if s, ok := l.Entry(caseID, number); ok && date.Before(s.SealedOn) {
			fmt.Fprintf(e.stderr, "pcdocket served: warning: served on %s, before it was sealed on %s: make sure the copy served is the sealed document (pcdocket verify FILE.pdf)\n", date, s.SealedOn)
		}
	}
	return 0
}
