package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"

	"pcdocket/generator/build"
	"pcdocket/generator/markup"
	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/practice"
	"pcdocket/generator/seal"
	"pcdocket/templates"
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
	opts := build.Options{Source: *source}
	p, diags := build.Load(&opts)
	if diags.HasErrors() {
		diags.WriteText(e.stderr)
		summarize(e.stderr, diags)
		fmt.Fprintln(e.stderr, "pcdocket seal: the practice has errors; nothing sealed")
		return 1
	}
	date := build.Today(p, e.now())
	if *on != "" {
		if date, err = practice.ParseDate(*on); err != nil {
			fmt.Fprintf(e.stderr, "pcdocket seal: --on: %v\n", err)
			return 2
		}
	}
	c := p.Case(caseID)
	if c == nil || c.Issue(number) == nil {
		fmt.Fprintf(e.stderr, "pcdocket seal: no issue %d in case %q\n", number, caseID)
		return 1
	}
	a, err := pdfdoc.New(templates.Overlay(filepath.Join(*source, "templates")), markup.New())
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket seal: %v\n", err)
		return 1
	}
	is := c.Issue(number)
	if !is.Documented() {
		fmt.Fprintf(e.stderr, "pcdocket seal: issue %s is %s: only a determination or an agreement has a document to seal\n", is.ID(), is.Status())
		return 1
	}
	pdf, err := a.Document(p, is)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket seal: %v\n", err)
		return 1
	}
	entry, err := seal.Seal(*source, p, caseID, number, pdf, date)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket %v\n", err) // err reads "seal: …"
		return 1
	}
	fmt.Fprintf(e.stdout, "sealed %s\n  %s\n  sha256 %x\n", entry, entry.PDFPath(), entry.PDFSum)
	return 0
}
