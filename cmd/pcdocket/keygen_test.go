package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pcdocket/generator/seal"
)

const ledgerCase = "2025-fam-0387-muller-lukasik"

// runOK runs a command that must succeed and returns its stdout.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	e, out, errb := testEnv()
	if code := run(context.Background(), e, args); code != 0 {
		t.Fatalf("%s: exit %d\n%s%s", strings.Join(args, " "), code, out, errb)
	}
	return out.String()
}

// runFail runs a command that must exit with code and say want on stdout
// or stderr.
func runFail(t *testing.T, code int, want string, args ...string) {
	t.Helper()
	e, out, errb := testEnv()
	got := run(context.Background(), e, args)
	if got != code || !strings.Contains(out.String()+errb.String(), want) {
		t.Errorf("%s: exit %d, want %d saying %q\nstdout: %s\nstderr: %s", strings.Join(args, " "), got, code, want, out, errb)
	}
}

func ledgerText(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "content/cases", ledgerCase, "sealed/ledger.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeLedgerText(t *testing.T, dir, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "content/cases", ledgerCase, "sealed/ledger.yaml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestKeygen: the key is written readable by its owner only, never over
// an existing file, never inside the practice folder, and the command
// prints the practice.yaml lines that pin it.
func TestKeygen(t *testing.T) {
	dir := samplePractice(t)
	key := filepath.Join(t.TempDir(), "ledger.key")
	out := runOK(t, "keygen", "--source", dir, "--out", key)
	fi, err := os.Stat(key)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key mode %04o, want 0600", fi.Mode().Perm())
	}
	m := regexp.MustCompile(`(?m)^ledger:\n  public_key: "(ed25519:[A-Za-z0-9+/=]+)"$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("keygen did not print the practice.yaml lines:\n%s", out)
	}
	priv, err := seal.ReadSigningKey(key, dir)
	if err != nil {
		t.Fatal(err)
	}
	if pub, _ := seal.ParsePublicKey(m[1]); !pub.Equal(priv.Public()) {
		t.Error("the printed public key is not the written key's")
	}
	before, _ := os.ReadFile(key)
	runFail(t, 1, "already exists", "keygen", "--source", dir, "--out", key)
	if after, _ := os.ReadFile(key); string(after) != string(before) {
		t.Error("keygen overwrote an existing key")
	}
	runFail(t, 1, "inside the practice folder", "keygen", "--source", dir, "--out", filepath.Join(dir, "ledger.key"))
	runFail(t, 2, "usage: pcdocket keygen", "keygen", "--source", dir)
}

// TestSignedLedger walks finding 9 of issue #13 through the commands: a
// practice pins a key, seals with it, and a forged PDF whose hash is
// written into the ledger is refused by check and verify.
func TestSignedLedger(t *testing.T) {
	t.Setenv(seal.EnvSigningKey, "")
	dir := samplePractice(t)
	key := filepath.Join(t.TempDir(), "ledger.key")
	out := runOK(t, "keygen", "--source", dir, "--out", key)
	line := regexp.MustCompile(`(?m)^ledger:\n  public_key: .*\n`).FindString(out)
	yml, _ := os.ReadFile(filepath.Join(dir, "practice.yaml"))
	os.WriteFile(filepath.Join(dir, "practice.yaml"), append(yml, line...), 0o644)

	runFail(t, 1, "--signing-key FILE or $"+seal.EnvSigningKey, "seal", "--source", dir, "--on", "2026-04-01", ledgerCase, "4")
	os.Chmod(key, 0o644)
	runFail(t, 2, "chmod 600 "+key, "seal", "--source", dir, "--signing-key", key, ledgerCase, "4")
	os.Chmod(key, 0o600)

	if out := runOK(t, "seal", "--source", dir, "--signing-key", key, "--on", "2026-04-01", ledgerCase, "4"); !strings.Contains(out, "signed") {
		t.Errorf("seal said %q", out)
	}
	t.Setenv(seal.EnvSigningKey, key)
	runOK(t, "seal", "--source", dir, "--on", "2026-04-02", ledgerCase, "3")
	if l := ledgerText(t, dir); strings.Count(l, "signature: ed25519:") != 2 || strings.Count(l, "prev: ") != 2 {
		t.Errorf("ledger lacks two signed, chained entries:\n%s", l)
	}
	runOK(t, "check", "--source", dir, "--as-of", "2026-11-27")
	pdf := filepath.Join(dir, "content/cases", ledgerCase, "sealed", ledgerCase+"-determination-4.pdf")
	if out := runOK(t, "verify", "--source", dir, pdf); !strings.Contains(out, "verified") || !strings.Contains(out, "signed") {
		t.Errorf("verify said %q", out)
	}

	// The forgery: new bytes in place of the sealed PDF, their hash in the ledger.
	orig, _ := os.ReadFile(pdf)
	forged := append(orig[:len(orig):len(orig)], "\n% amended by hand\n"...)
	os.Chmod(pdf, 0o644)
	os.WriteFile(pdf, forged, 0o644)
	oldSum, newSum := sha256.Sum256(orig), sha256.Sum256(forged)
	l := ledgerText(t, dir)
	writeLedgerText(t, dir, strings.Replace(l, hex.EncodeToString(oldSum[:]), hex.EncodeToString(newSum[:]), 1))
	runFail(t, 1, "sealed/ledger.yaml:5: entry for issue 4: its signature does not match", "check", "--source", dir, "--as-of", "2026-11-27")
	runFail(t, 1, "NOT verified", "verify", "--source", dir, pdf)
	runFail(t, 1, "its signature does not match", "verify", "--source", dir, pdf)
	runFail(t, 1, "has errors; nothing sealed", "seal", "--source", dir, "--on", "2026-04-03", ledgerCase, "2")
}

// TestUnsignedLedgerChain: without a key the chain still catches entries
// removed or reordered by hand, and an old ledger is chained by --rechain.
func TestUnsignedLedgerChain(t *testing.T) {
	t.Setenv(seal.EnvSigningKey, "")
	dir := samplePractice(t)
	for _, n := range []string{"4", "3", "2"} {
		runOK(t, "seal", "--source", dir, "--on", "2026-04-01", ledgerCase, n)
	}
	intact := ledgerText(t, dir)
	head, rest, _ := strings.Cut(intact, "\n  - ")
	entries := strings.Split(rest, "\n  - ")
	if len(entries) != 3 {
		t.Fatalf("ledger entries: %d\n%s", len(entries), intact)
	}

	// Reordered: the second and third entries swapped.
	writeLedgerText(t, dir, head+"\n  - "+strings.Join([]string{entries[0], entries[2], entries[1]}, "\n  - "))
	runFail(t, 1, "entry for issue 2 does not follow the entry before it", "check", "--source", dir, "--as-of", "2026-11-27")
	// Removed: the middle entry gone.
	writeLedgerText(t, dir, head+"\n  - "+strings.Join([]string{entries[0], entries[2]}, "\n  - "))
	runFail(t, 1, "entry for issue 2 does not follow the entry before it", "check", "--source", dir, "--as-of", "2026-11-27")
	runFail(t, 1, "does not follow", "seal", "--source", dir, "--rechain", ledgerCase)

	// An old ledger without the chain: a warning, then --rechain.
	old := regexp.MustCompile(`(?m)^    prev: [0-9a-f]+\n`).ReplaceAllString(intact, "")
	writeLedgerText(t, dir, old)
	e, out, _ := testEnv()
	if code := run(context.Background(), e, []string{"check", "--source", dir, "--as-of", "2026-11-27"}); code != 0 || !strings.Contains(out.String(), "warning: the ledger has no hash chain") {
		t.Errorf("check of an old ledger: exit %d\n%s", code, out)
	}
	if out := runOK(t, "seal", "--source", dir, "--rechain", ledgerCase); !strings.Contains(out, "chained 3 entries") {
		t.Errorf("rechain said %q", out)
	}
	if got := ledgerText(t, dir); got != intact {
		t.Errorf("rechain did not restore the chain:\n%s\nwant\n%s", got, intact)
	}
}
