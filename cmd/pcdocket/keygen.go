package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"strings"

	"pcdocket/generator/seal"
)

// runKeygen creates the practice's ledger signing key: it writes the
// private key to a new file readable by its owner only, outside the
// practice folder, and prints the practice.yaml lines that pin its public
// half. It is not the key that digitally signs the documents themselves
// (`pcdocket keys`).
func runKeygen(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "keygen")
	out := fs.String("out", "", "the new private key file, outside the practice folder (for example ~/.config/pcdocket/ledger.key)")
	source := fs.String("source", "", "the practice folder, which the key must be outside of (default: the practice holding the current folder, or the current folder)")
	setUsage(fs, "pcdocket keygen --out FILE [--source DIR]")
	if code, ok := parseArgs(e, fs, args, 0, 0); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(e.stderr, "pcdocket keygen: --out FILE is required")
		fs.Usage()
		return 2
	}
	if dir, err := findPractice(*source); err == nil {
		*source = dir
	} else if *source == "" {
		// Outside any practice the key only has to stay out of here.
		*source = "."
	} else {
		fmt.Fprintf(e.stderr, "pcdocket keygen: %v\n", err)
		return 2
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket keygen: %v\n", err)
		return 1
	}
	if err := seal.WriteSigningKey(*out, *source, priv); err != nil {
		fmt.Fprintf(e.stderr, "pcdocket keygen: %v\n", strings.TrimPrefix(err.Error(), "seal: "))
		return 1
	}
	fmt.Fprintf(e.stdout, `wrote the ledger signing key to %s, readable by you only.
Keep a copy offline: without it no new document can be sealed once practice.yaml pins it.

Add to practice.yaml:

ledger:
  public_key: %q

Then sign the ledgers already written, once per case with sealed documents,
after checking their history (git log -p -- content/cases/CASE-ID/sealed/ledger.yaml):

  pcdocket seal --rechain --signing-key %s CASE-ID
`, *out, seal.FormatPublicKey(pub), *out)
	return 0
}
