package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"

	"pcdocket/generator/seal"
)

// runVerify says whether a PDF is, byte for byte, a document the practice
// sealed, and which one. Exit status 1 when it is not.
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
	entry, ok, err := seal.Verify(*source, pdf)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket verify: %v\n", err)
		return 1
	}
	if !ok {
		fmt.Fprintf(e.stdout, "%s: NOT a document this practice sealed (sha256 %x matches no ledger entry)\n", name, sha256.Sum256(pdf))
		return 1
	}
	fmt.Fprintf(e.stdout, "%s: verified: %s\n  sealed copy %s\n  sha256 %x\n", name, entry, entry.PDFPath(), entry.PDFSum)
	return 0
}
