package seal

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// ledgerRel is the test case's ledger, as findings name it.
const ledgerRel = "content/cases/" + caseID + "/sealed/ledger.yaml"

// sealIssues seals the given issues of the test case, in that order.
func sealIssues(t *testing.T, root string, p *practice.Practice, key ed25519.PrivateKey, numbers ...int) map[int][]byte {
	t.Helper()
	pdfs := map[int][]byte{}
	for _, n := range numbers {
		pdf := render(t, p, n)
		if _, err := Seal(root, p, caseID, n, pdf, sealDay, key); err != nil {
			t.Fatalf("seal issue %d: %v", n, err)
		}
		pdfs[n] = pdf
	}
	return pdfs
}

// editLedger rewrites the test case's ledger through edit, as someone with
// write access to the folder could, and returns the line of each entry of
// the result by issue number.
func editLedger(t *testing.T, root string, edit func([]ledgerEntry) []ledgerEntry) map[int]int {
	t.Helper()
	name := filepath.Join(root, filepath.FromSlash(ledgerRel))
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var lf ledgerFile
	if err := yaml.Unmarshal(data, &lf); err != nil {
		t.Fatal(err)
	}
	lf.Documents = edit(lf.Documents)
	out, err := yaml.Marshal(&lf)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, out, 0o644); err != nil {
		t.Fatal(err)
	}
	es, err := readLedger(root, caseID)
	if err != nil {
		t.Fatal(err)
	}
	lines := map[int]int{}
	for _, e := range es {
		lines[e.Number] = e.line
	}
	return lines
}

// pin writes public_key into the copy's practice.yaml, or removes the
// ledger key when pub is nil, and parses the practice again.
func pin(t *testing.T, root string, pub ed25519.PublicKey) *practice.Practice {
	t.Helper()
	name := filepath.Join(root, "practice.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := strings.Cut(string(data), "ledger:\n")
	if pub != nil {
		text += fmt.Sprintf("ledger:\n  public_key: %q\n", FormatPublicKey(pub))
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return load(t, root)
}

func newKey(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

// errorsOf returns the error findings as strings.
func errorsOf(l diag.List) []string {
	var out []string
	for _, f := range l {
		if f.Severity == diag.Error {
			out = append(out, f.String())
		}
	}
	return out
}

// wantFindings checks that the errors of l are exactly the findings that
// start with the prefixes of want.
func wantFindings(t *testing.T, l diag.List, want ...string) {
	t.Helper()
	got := errorsOf(l)
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = strings.HasPrefix(got[i], want[i])
	}
	if !ok {
		t.Errorf("findings:\n  %s\nwant findings starting with:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestChainLinksEntriesInSealingOrder(t *testing.T) {
	root := practiceCopy(t)
	p := load(t, root)
	sealIssues(t, root, p, nil, 3, 1, 2)
	es, err := readLedger(root, caseID)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 3 || es[0].Number != 3 || es[1].Number != 1 || es[2].Number != 2 {
		t.Fatalf("ledger order = %v, want sealing order 3, 1, 2", es)
	}
	if es[0].Prev != Genesis(caseID) || es[1].Prev != es[0].Hash() || es[2].Prev != es[1].Hash() {
		t.Errorf("prev fields do not chain: %x %x %x", es[0].Prev, es[1].Prev, es[2].Prev)
	}
	data, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(ledgerRel)))
	if want := "prev: " + hex.EncodeToString(es[1].Prev[:]); !strings.Contains(string(data), want) {
		t.Errorf("ledger lacks %q:\n%s", want, data)
	}
	if strings.Contains(string(data), "signature:") {
		t.Errorf("an unsigned ledger has signatures:\n%s", data)
	}
	if l := Check(root, load(t, root)); len(l) != 0 {
		t.Errorf("check of an intact chain: %v", l)
	}
	// Load still lists by issue number.
	l, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Entries(); got[0].Number != 1 || got[1].Number != 2 || got[2].Number != 3 {
		t.Errorf("Entries order: %d %d %d", got[0].Number, got[1].Number, got[2].Number)
	}
}

// TestChainDetectsRewrites edits an unsigned ledger the ways a careless or
// naive hand would: each must be a located error at the entry after the
// change, and Verify must refuse the ledger's documents.
func TestChainDetectsRewrites(t *testing.T) {
	tests := []struct {
		name string
		edit func([]ledgerEntry) []ledgerEntry
		want func(lines map[int]int) []string
	}{
		{
			name: "middle entry removed",
			edit: func(d []ledgerEntry) []ledgerEntry { return append(d[:1:1], d[2]) },
			want: func(lines map[int]int) []string {
				return []string{fmt.Sprintf("%s:%d: entry for issue 3 does not follow the entry before it: its prev ", ledgerRel, lines[3])}
			},
		},
		{
			name: "first entry removed",
			edit: func(d []ledgerEntry) []ledgerEntry { return d[1:] },
			want: func(lines map[int]int) []string {
				return []string{fmt.Sprintf("%s:%d: entry for issue 2 does not follow the entry before it: it is first in the ledger", ledgerRel, lines[2])}
			},
		},
		{
			name: "entries reordered",
			edit: func(d []ledgerEntry) []ledgerEntry { return []ledgerEntry{d[0], d[2], d[1]} },
			want: func(lines map[int]int) []string {
				return []string{
					fmt.Sprintf("%s:%d: entry for issue 3 does not follow the entry before it", ledgerRel, lines[3]),
					fmt.Sprintf("%s:%d: entry for issue 2 does not follow the entry before it", ledgerRel, lines[2]),
				}
			},
		},
		{
			name: "earlier entry edited",
			edit: func(d []ledgerEntry) []ledgerEntry { d[0].SealedOn = "2025-12-20"; return d },
			want: func(lines map[int]int) []string {
				return []string{fmt.Sprintf("%s:%d: entry for issue 2 does not follow the entry before it: its prev ", ledgerRel, lines[2])}
			},
		},
		{
			name: "prev stripped from one entry",
			edit: func(d []ledgerEntry) []ledgerEntry { d[1].Prev = ""; return d },
			want: func(lines map[int]int) []string {
				return []string{
					fmt.Sprintf("%s:%d: entry for issue 2 has no prev", ledgerRel, lines[2]),
					// Removing prev changes the entry, which its successor sees.
					fmt.Sprintf("%s:%d: entry for issue 3 does not follow the entry before it", ledgerRel, lines[3]),
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := practiceCopy(t)
			p := load(t, root)
			pdfs := sealIssues(t, root, p, nil, 1, 2, 3)
			lines := editLedger(t, root, tt.edit)
			for n := range pdfs {
				if _, ok := lines[n]; !ok {
					// Removed from the ledger: take its PDF too, as a
					// forger would, so that only the chain can tell.
					os.Remove(filepath.Join(root, "content/cases", caseID, "sealed", p.Case(caseID).Issue(n).DocumentFile()))
				}
			}
			wantFindings(t, Check(root, p), tt.want(lines)...)
			_, ok, err := Verify(root, p, pdfs[3])
			var ie *IntegrityError
			if ok || !errors.As(err, &ie) || ie.Pos.File != ledgerRel {
				t.Errorf("Verify after the edit: ok=%v err=%v, want an *IntegrityError", ok, err)
			}
			if _, err := Seal(root, p, caseID, 4, render(t, p, 4), sealDay, nil); err == nil || !strings.Contains(err.Error(), "does not follow") && !strings.Contains(err.Error(), "no prev") {
				t.Errorf("Seal onto the broken ledger: err = %v, want a refusal", err)
			}
		})
	}
}

// TestForgeryRefusedWithKey is finding 9 of issue #13: replace a sealed
// PDF and write its hash into the ledger. Without a key nothing in the
// folder can tell (the last entry has no successor to betray it); with a
// pinned key its signature fails.
func TestForgeryRefusedWithKey(t *testing.T) {
	forge := func(t *testing.T, root string, p *practice.Practice, number int) []byte {
		t.Helper()
		name := filepath.Join(root, "content/cases", caseID, "sealed", p.Case(caseID).Issue(number).DocumentFile())
		forged := append(render(t, p, number), "\n% the Father shall have every holiday\n"...)
		os.Chmod(name, 0o644)
		if err := os.WriteFile(name, forged, 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(forged)
		editLedger(t, root, func(d []ledgerEntry) []ledgerEntry {
			for i := range d {
				if d[i].Number == number {
					d[i].PDFSHA256 = hex.EncodeToString(sum[:])
				}
			}
			return d
		})
		return forged
	}

	t.Run("no key: only history protects", func(t *testing.T) {
		root := practiceCopy(t)
		p := load(t, root)
		sealIssues(t, root, p, nil, 1, 2)
		forged := forge(t, root, p, 2)
		if l := Check(root, p); l.HasErrors() {
			t.Errorf("check: %v (the README says an unsigned last entry can be rewritten; if this now fails, update it)", l)
		}
		if _, ok, err := Verify(root, p, forged); !ok || err != nil {
			t.Errorf("Verify: ok=%v err=%v", ok, err)
		}
	})

	for _, number := range []int{1, 2} {
		t.Run(fmt.Sprintf("key pinned, entry %d forged", number), func(t *testing.T) {
			root := practiceCopy(t)
			pub, priv := newKey(t)
			p := pin(t, root, pub)
			sealIssues(t, root, p, priv, 1, 2)
			if l := Check(root, p); len(l) != 0 {
				t.Fatalf("check of the signed ledger: %v", l)
			}
			forged := forge(t, root, p, number)
			es, _ := readLedger(root, caseID)
			line := map[int]int{es[0].Number: es[0].line, es[1].Number: es[1].line}
			want := []string{fmt.Sprintf("%s:%d: entry for issue %d: its signature does not match the ledger key practice.yaml pins", ledgerRel, line[number], number)}
			if number == 1 {
				want = append(want, fmt.Sprintf("%s:%d: entry for issue 2 does not follow the entry before it", ledgerRel, line[2]))
			}
			wantFindings(t, Check(root, p), want...)
			_, ok, err := Verify(root, p, forged)
			var ie *IntegrityError
			if ok || !errors.As(err, &ie) || !strings.Contains(ie.Reason, "signature does not match") {
				t.Errorf("Verify(forged): ok=%v err=%v, want a signature refusal", ok, err)
			}
		})
	}
}

func TestSignatures(t *testing.T) {
	t.Run("signed with another key", func(t *testing.T) {
		root := practiceCopy(t)
		pubA, _ := newKey(t)
		pubB, privB := newKey(t)
		p := pin(t, root, pubB)
		pdfs := sealIssues(t, root, p, privB, 1, 2)
		// The attacker's key signs, the practice pins its own.
		p = pin(t, root, pubA)
		es, _ := readLedger(root, caseID)
		wantFindings(t, Check(root, p),
			fmt.Sprintf("%s:%d: entry for issue 1: its signature does not match", ledgerRel, es[0].line),
			fmt.Sprintf("%s:%d: entry for issue 2: its signature does not match", ledgerRel, es[1].line))
		if _, ok, err := Verify(root, p, pdfs[1]); ok || err == nil {
			t.Errorf("Verify: ok=%v err=%v", ok, err)
		}
		if _, err := Seal(root, p, caseID, 3, render(t, p, 3), sealDay, privB); err == nil || !strings.Contains(err.Error(), "not the one practice.yaml pins") {
			t.Errorf("Seal with an unpinned key: err = %v", err)
		}
	})
	t.Run("signature removed", func(t *testing.T) {
		root := practiceCopy(t)
		pub, priv := newKey(t)
		p := pin(t, root, pub)
		sealIssues(t, root, p, priv, 1, 2)
		lines := editLedger(t, root, func(d []ledgerEntry) []ledgerEntry { d[1].Signature = ""; return d })
		wantFindings(t, Check(root, p), fmt.Sprintf("%s:%d: entry for issue 2 is not signed, but practice.yaml pins a ledger key", ledgerRel, lines[2]))
	})
	t.Run("pin removed from practice.yaml", func(t *testing.T) {
		root := practiceCopy(t)
		pub, priv := newKey(t)
		p := pin(t, root, pub)
		sealIssues(t, root, p, priv, 1)
		p = pin(t, root, nil)
		wantFindings(t, Check(root, p), ledgerRel+":5: the ledger's entries are signed, but practice.yaml pins no ledger key")
	})
	t.Run("key required and refused", func(t *testing.T) {
		root := practiceCopy(t)
		pub, priv := newKey(t)
		if _, err := Seal(root, load(t, root), caseID, 1, render(t, load(t, root), 1), sealDay, priv); err == nil || !strings.Contains(err.Error(), "pins no ledger key") {
			t.Errorf("Seal with a key but no pin: err = %v", err)
		}
		p := pin(t, root, pub)
		if _, err := Seal(root, p, caseID, 1, render(t, p, 1), sealDay, nil); !errors.Is(err, ErrKeyRequired) {
			t.Errorf("Seal with a pin but no key: err = %v, want ErrKeyRequired", err)
		}
	})
	t.Run("bad public key", func(t *testing.T) {
		root := practiceCopy(t)
		pub, priv := newKey(t)
		sealIssues(t, root, pin(t, root, pub), priv, 1)
		pin(t, root, nil)
		name := filepath.Join(root, "practice.yaml")
		data, _ := os.ReadFile(name)
		os.WriteFile(name, append(data, "ledger:\n  public_key: ed25519:c2hvcnQ=\n"...), 0o644)
		p := load(t, root)
		l := Check(root, p)
		if len(l) != 1 || l[0].Pos.File != "practice.yaml" || l[0].Pos.Line == 0 || !strings.Contains(l[0].Message, "want 32 bytes") {
			t.Errorf("check of a bad public key: %v", l)
		}
	})
}

// legacyLedger seals issues and then strips the chain, as the ledger of a
// pcdocket before the chain would read.
func legacyLedger(t *testing.T, root string, p *practice.Practice, numbers ...int) map[int][]byte {
	t.Helper()
	pdfs := sealIssues(t, root, p, nil, numbers...)
	editLedger(t, root, func(d []ledgerEntry) []ledgerEntry {
		for i := range d {
			d[i].Prev = ""
		}
		return d
	})
	return pdfs
}

func TestLegacyLedgerMigration(t *testing.T) {
	t.Run("warned, then chained by the next seal", func(t *testing.T) {
		root := practiceCopy(t)
		p := load(t, root)
		pdfs := legacyLedger(t, root, p, 1, 2)
		l := Check(root, p)
		if len(l) != 1 || l[0].Severity != diag.Warning || l[0].Pos.String() != ledgerRel+":2" || !strings.Contains(l[0].Message, "pcdocket seal --rechain "+caseID) {
			t.Errorf("check of a ledger without chain = %v, want one warning naming --rechain", l)
		}
		if e, ok, err := Verify(root, p, pdfs[1]); !ok || err != nil || e.Chained() {
			t.Errorf("Verify on a ledger without chain: ok=%v err=%v chained=%v", ok, err, e.Chained())
		}
		sealIssues(t, root, p, nil, 3)
		if l := Check(root, p); len(l) != 0 {
			t.Errorf("check after the next seal: %v", l)
		}
		es, _ := readLedger(root, caseID)
		for _, e := range es {
			if !e.Chained() {
				t.Errorf("entry %d not chained after the next seal", e.Number)
			}
		}
	})
	t.Run("rechained", func(t *testing.T) {
		root := practiceCopy(t)
		p := load(t, root)
		legacyLedger(t, root, p, 1, 2)
		if n, err := Rechain(root, p, caseID, nil); n != 2 || err != nil {
			t.Fatalf("Rechain = %d, %v", n, err)
		}
		if l := Check(root, p); len(l) != 0 {
			t.Errorf("check after rechain: %v", l)
		}
	})
	t.Run("key pinned over an unsigned ledger, then signed", func(t *testing.T) {
		root := practiceCopy(t)
		legacyLedger(t, root, load(t, root), 1, 2)
		pub, priv := newKey(t)
		p := pin(t, root, pub)
		l := Check(root, p)
		if errs := errorsOf(l); len(errs) != 2 || !strings.Contains(errs[0], "is not signed") || !strings.Contains(errs[0], "pcdocket seal --rechain --signing-key FILE "+caseID) {
			t.Errorf("check with a new pin over unsigned entries = %v", l)
		}
		if _, err := Seal(root, p, caseID, 3, render(t, p, 3), sealDay, priv); err == nil || !strings.Contains(err.Error(), "is not signed") {
			t.Errorf("Seal onto unsigned entries: err = %v, want a refusal pointing at rechain", err)
		}
		if _, err := Rechain(root, p, caseID, nil); !errors.Is(err, ErrKeyRequired) {
			t.Errorf("Rechain without the key: err = %v", err)
		}
		if n, err := Rechain(root, p, caseID, priv); n != 2 || err != nil {
			t.Fatalf("Rechain = %d, %v", n, err)
		}
		if l := Check(root, p); len(l) != 0 {
			t.Errorf("check after signing: %v", l)
		}
		sealIssues(t, root, p, priv, 3)
		if l := Check(root, p); len(l) != 0 {
			t.Errorf("check after sealing onto the signed ledger: %v", l)
		}
	})
	t.Run("rechain refuses what it cannot vouch for", func(t *testing.T) {
		root := practiceCopy(t)
		p := load(t, root)
		sealIssues(t, root, p, nil, 1, 2, 3)
		editLedger(t, root, func(d []ledgerEntry) []ledgerEntry { return []ledgerEntry{d[0], d[2], d[1]} })
		if _, err := Rechain(root, p, caseID, nil); err == nil || !strings.Contains(err.Error(), "does not follow") {
			t.Errorf("Rechain of a reordered ledger: err = %v", err)
		}

		root = practiceCopy(t)
		p = load(t, root)
		legacyLedger(t, root, p, 1)
		name := filepath.Join(root, "content/cases", caseID, "sealed", p.Case(caseID).Issue(1).DocumentFile())
		os.Chmod(name, 0o644)
		os.WriteFile(name, []byte("%PDF-1.4 forged"), 0o644)
		if _, err := Rechain(root, p, caseID, nil); err == nil || !strings.Contains(err.Error(), "differs from the one sealed") {
			t.Errorf("Rechain over an altered PDF: err = %v", err)
		}
	})
}

// TestStrayPDF: removing the last entry leaves no successor whose prev
// betrays it, but its PDF is still in sealed/.
func TestStrayPDF(t *testing.T) {
	root := practiceCopy(t)
	p := load(t, root)
	sealIssues(t, root, p, nil, 1, 2)
	editLedger(t, root, func(d []ledgerEntry) []ledgerEntry { return d[:1] })
	file := "content/cases/" + caseID + "/sealed/" + p.Case(caseID).Issue(2).DocumentFile()
	wantFindings(t, Check(root, p), file+": the PDF is in sealed/ but ledger.yaml lists no entry for it")
}
