package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"pcdocket/generator/build"
	"pcdocket/generator/diag"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
	"pcdocket/generator/seal"
)

// runSeal issues an issue's document: it assembles the PDF, writes it into
// the case's sealed/ folder and records it in the case's ledger. With
// --rechain it instead adds the hash chain, and the signatures of a pinned
// key, to a case's existing ledger.
func runSeal(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "seal")
	var source string
	sourceFlag(fs, &source)
	on := fs.String("on", "", "sealing date YYYY-MM-DD (default today in the practice's time zone)")
	keyFile := fs.String("signing-key", "", "the ledger signing key written by `pcdocket keygen`, outside the practice folder (default $"+seal.EnvSigningKey+"); needed when practice.yaml pins ledger.public_key")
	rechain := fs.Bool("rechain", false, "add the hash chain, and signatures when practice.yaml pins a key, to CASE-ID's existing ledger instead of sealing")
	setUsage(fs, "pcdocket seal [--source DIR] [--on DATE] [--signing-key FILE] CASE-ID NUMBER",
		"pcdocket seal --rechain [--source DIR] [--signing-key FILE] CASE-ID")
	if code, ok := parseArgs(e, fs, args, 1, 2); !ok {
		return code
	}
	want := 2 // CASE-ID NUMBER
	if *rechain {
		want = 1 // CASE-ID
	}
	if fs.NArg() != want {
		if fs.NArg() > want {
			fmt.Fprintf(e.stderr, "pcdocket seal: unexpected argument %q\n", fs.Arg(want))
		} else {
			fmt.Fprintln(e.stderr, "pcdocket seal: missing arguments")
		}
		fs.Usage()
		return 2
	}
	source, ok := practiceDir(e, "seal", source)
	if !ok {
		return 2
	}
	key, err := signingKey(*keyFile, source)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket seal: %v\n", strings.TrimPrefix(err.Error(), "seal: "))
		return 2
	}
	caseID := fs.Arg(0)
	if *rechain {
		return runRechain(e, source, caseID, key)
	}
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
	res, err := build.Seal(ctx, build.Options{Source: source}, caseID, number, date, key)
	var le *diag.ListError
	if errors.As(err, &le) {
		le.Findings.WriteText(e.stderr)
		summarize(e.stderr, le.Findings)
		fmt.Fprintf(e.stderr, "pcdocket seal: case %s, or what every document is made of (practice.yaml, jurisdictions/, templates/), has errors; nothing sealed\n", caseID)
		return 1
	}
	if err != nil {
		sealError(e.stderr, err)
		return 1
	}
	if len(res.Elsewhere) > 0 {
		res.Elsewhere.WriteText(e.stderr)
		cases, pages := 0, 0
		for _, f := range res.Elsewhere {
			if strings.HasPrefix(f.Pos.File, "content/cases/") {
				cases++
			} else {
				pages++
			}
		}
		var where []string
		if cases > 0 {
			where = append(where, diag.Plural(cases, "error")+" in other cases")
		}
		if pages > 0 {
			where = append(where, diag.Plural(pages, "error")+" in the public pages")
		}
		fmt.Fprintf(e.stderr, "pcdocket seal: warning: %s; not blocking this seal\n", strings.Join(where, " and "))
	}
	entry := res.Entry
	fmt.Fprintf(e.stdout, "sealed %s\n  %s\n  sha256 %x\n", entry, entry.PDFPath(), entry.PDFSum)
	if entry.Signature != nil {
		fmt.Fprintln(e.stdout, "  signed with the ledger key practice.yaml pins")
	}
	return 0
}

// runRechain brings a case's ledger up to date with the chain and, when
// practice.yaml pins a key, the signatures. It reads the practice without
// checking it, since check refuses the very ledger it is here to fix.
func runRechain(e *env, source, caseID string, key ed25519.PrivateKey) int {
	p, diags := parse.Dir(source)
	if diags.HasErrors() {
		diags.WriteText(e.stderr)
		summarize(e.stderr, diags)
		fmt.Fprintln(e.stderr, "pcdocket seal: the practice has errors; nothing rewritten")
		return 1
	}
	n, err := seal.Rechain(source, p, caseID, key)
	if err != nil {
		sealError(e.stderr, err)
		return 1
	}
	how := "chained"
	if key != nil {
		how = "chained and signed"
	}
	fmt.Fprintf(e.stdout, "%s %d entries of case %s's ledger\n", how, n, caseID)
	return 0
}

// signingKey reads the key named by --signing-key or, failing that, by
// $PCDOCKET_SIGNING_KEY; nil when neither names one.
func signingKey(flagValue, source string) (ed25519.PrivateKey, error) {
	name := flagValue
	if name == "" {
		name = os.Getenv(seal.EnvSigningKey)
	}
	if name == "" {
		return nil, nil
	}
	return seal.ReadSigningKey(name, source)
}

// sealError prints an error of package seal, with the flags that fix it.
func sealError(w io.Writer, err error) {
	fmt.Fprintf(w, "pcdocket seal: %v\n", strings.TrimPrefix(err.Error(), "seal: "))
	if errors.Is(err, seal.ErrKeyRequired) {
		fmt.Fprintf(w, "pcdocket seal: give the private key with --signing-key FILE or $%s\n", seal.EnvSigningKey)
	}
}
