package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"unicode/utf16"

	"pcdocket/generator/diag"
	"pcdocket/generator/parse"
	"pcdocket/generator/seal"
)

// runVerify says whether a PDF is, byte for byte, a document the practice
// sealed, and which one, and whether its digital signature holds and who
// signed it. Exit status 1 when it is not sealed, when the ledger that
// lists it does not hold together, or when its signature fails.
func runVerify(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "verify")
	var dir string
	sourceFlag(fs, &dir)
	setUsage(fs, "pcdocket verify [--source DIR] FILE.pdf")
	if code, ok := parseArgs(e, fs, args, 1, 1); !ok {
		return code
	}
	name := fs.Arg(0)
	// Without the practice there is no ledger to look in: that says
	// nothing about the PDF, so it must not read as "not sealed".
	dir, ok := practiceDir(e, "verify", dir)
	if !ok {
		return 2
	}
	source := &dir
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
		code := notSealed(e, *source, name, pdf)
		signatureReport(e, pdf)
		return code
	}
	fmt.Fprintf(e.stdout, "%s: verified: %s\n  sealed copy %s\n  sha256 %x\n", name, entry, entry.PDFPath(), entry.PDFSum)
	if c := p.Case(entry.Case); c != nil {
		if by := c.AmendedBy(entry.Number); by != nil {
			// Genuine, but no longer the whole word: say so before anyone
			// relies on it.
			fmt.Fprintf(e.stdout, "  SUPERSEDED in part or in whole: amended by %s (issue %d), issued %s\n", by.DocumentTitle(), by.Number, by.Outcome.On.Long())
		}
	}
	if l, err := seal.Load(*source); err == nil {
		if rec, ok := l.ServiceOf(entry.Case, entry.Number); ok && rec.Service != nil {
			how := ""
			if rec.Service.By != "" {
				how = " by " + rec.Service.By
			}
			fmt.Fprintf(e.stdout, "  served on %s%s (recorded %s)\n", rec.Service.On.Long(), how, rec.Service.RecordedOn.Long())
		}
	}
	signed := signatureReport(e, pdf)
	switch {
	case entry.Signature != nil:
		// The key is printed so that whoever holds the PDF can compare it
		// with one the practice gave them: a practice.yaml rewritten to pin
		// another key would otherwise pass unseen.
		fmt.Fprintf(e.stdout, "  ledger entry signed with the key practice.yaml pins: %s\n", p.Ledger.PublicKey)
	case !entry.Chained():
		fmt.Fprintf(e.stderr, "pcdocket verify: warning: case %s's ledger has no hash chain; run `pcdocket seal --rechain %s`\n", entry.Case, entry.Case)
	}
	if !signed {
		return 1 // the ledger lists these bytes, but their signature fails
	}
	return 0
}

// notSealed explains a PDF that matches no ledger entry: either it carries
// the identifier of a sealed document and is an altered copy of it, or the
// practice never sealed it. Exit status 1 either way.
func notSealed(e *env, source, name string, pdf []byte) int {
	sum := sha256.Sum256(pdf)
	if id := documentID(pdf); id != "" {
		if l, err := seal.Load(source); err == nil {
			for _, entry := range l.Entries() {
				if entry.ID != id {
					continue
				}
				fmt.Fprintf(e.stdout, "%s: CHANGED: NOT the document this practice sealed\n", name)
				fmt.Fprintf(e.stdout, "  it carries the identifier of %s,\n", entry)
				fmt.Fprintf(e.stdout, "  but its bytes differ from the sealed copy %s\n", entry.PDFPath())
				fmt.Fprintf(e.stdout, "  sha256 %x here, %x sealed\n", sum, entry.PDFSum)
				fmt.Fprintln(e.stdout, "  rely on the sealed copy; this one was altered, or assembled again after sealing")
				return 1
			}
		}
	}
	fmt.Fprintf(e.stdout, "%s: NOT a document this practice sealed (sha256 %x matches no ledger entry)\n", name, sum)
	return 1
}

// documentID returns the identifier pdfdoc records in a document's
// /Keywords entry, or "" when pdf carries none. fpdf writes it as a PDF
// string literal, in UTF-16BE with a byte-order mark.
func documentID(pdf []byte) string {
	const key = "/Keywords ("
	i := bytes.Index(pdf, []byte(key))
	if i < 0 {
		return ""
	}
	var raw []byte
	rest := pdf[i+len(key):]
	depth := 0
	for j := 0; j < len(rest) && j < 4096; j++ {
		c := rest[j]
		switch {
		case c == '\\' && j+1 < len(rest):
			j++
			switch n := rest[j]; n {
			case 'n':
				raw = append(raw, '\n')
			case 'r':
				raw = append(raw, '\r')
			case 't':
				raw = append(raw, '\t')
			case 'b':
				raw = append(raw, '\b')
			case 'f':
				raw = append(raw, '\f')
			default:
				if n >= '0' && n <= '7' {
					v, k := 0, 0
					for ; k < 3 && j+k < len(rest) && rest[j+k] >= '0' && rest[j+k] <= '7'; k++ {
						v = v*8 + int(rest[j+k]-'0')
					}
					j += k - 1
					raw = append(raw, byte(v))
				} else {
					raw = append(raw, n)
				}
			}
		case c == '(':
			depth++
			raw = append(raw, c)
		case c == ')':
			if depth == 0 {
				return decodePDFText(raw)
			}
			depth--
			raw = append(raw, c)
		default:
			raw = append(raw, c)
		}
	}
	return ""
}

// decodePDFText decodes a PDF text string: UTF-16BE after a byte-order
// mark, else taken as it is (the identifiers are ASCII).
func decodePDFText(b []byte) string {
	if len(b) < 2 || b[0] != 0xfe || b[1] != 0xff {
		return string(b)
	}
	b = b[2:]
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}
