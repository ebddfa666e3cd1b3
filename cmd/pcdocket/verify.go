package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"

	"pcdocket/generator/diag"
	"pcdocket/generator/parse"
	"pcdocket/generator/seal"
)

// runVerify says whether a PDF is, byte for byte, a document the practice
// sealed, and which one. Exit status 1 when it is not, or when the ledger
// that lists it does not hold together.
func runVerify(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "verify")
	source := fs.String("source", ".", "the practice folder")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: pcdocket verify [--source DIR] FILE.pdf")
		fs.PrintDefaults()
	}
	if fs.Parse(args) != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	name := fs.Arg(0)
	pdf, err := os.ReadFile(name)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket verify: %v\n", err)
		return 1
	}
	// practice.yaml may pin the ledger key; a practice.yaml that does not
	// read must not pass for one that pins none.
	p, diags := parse.Dir(*source)
	var bad diag.List
	for _, f := range diags {
		if f.Severity == diag.Error && f.Pos.File == "practice.yaml" {
			bad = append(bad, f)
		}
	}
	if p == nil || len(bad) > 0 {
		bad.WriteText(e.stderr)
		fmt.Fprintln(e.stderr, "pcdocket verify: practice.yaml does not read, so its ledger key is unknown; fix it first")
		return 1
	}
	entry, ok, err := seal.Verify(*source, p, pdf)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket verify: %v\n", err)
		fmt.Fprintf(e.stdout, "%s: NOT verified: the ledger that lists it may have been rewritten\n", name)
		return 1
	}
	if !ok {
		fmt.Fprintf(e.stdout, "%s: NOT a document this practice sealed (sha256 %x matches no ledger entry)\n", name, sha256.Sum256(pdf))
		return 1
	}
	fmt.Fprintf(e.stdout, "%s: verified: %s\n  sealed copy %s\n  sha256 %x\n", name, entry, entry.PDFPath(), entry.PDFSum)
	if c := p.Case(entry.Case); c != nil {
		if by := c.AmendedBy(entry.Number); by != nil {
			// Genuine, but no longer the whole word: say so before anyone
			// relies on it.
			fmt.Fprintf(e.stdout, "  SUPERSEDED in part or in whole: amended by %s (issue %d), issued %s\n", by.DocumentTitle(), by.Number, by.Outcome.On.Long())
		}
	}
	switch {
	case entry.Signature != nil:
		// The key is printed so that whoever holds the PDF can compare it
		// with one the practice gave them: a practice.yaml rewritten to pin
		// another key would otherwise pass unseen.
		fmt.Fprintf(e.stdout, "  ledger entry signed with the key practice.yaml pins: %s\n", p.Ledger.PublicKey)
	case !entry.Chained():
		fmt.Fprintf(e.stderr, "pcdocket verify: warning: case %s's ledger has no hash chain; run `pcdocket seal --rechain %s`\n", entry.Case, entry.Case)
	}
	return 0
}
