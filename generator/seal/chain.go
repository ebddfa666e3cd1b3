package seal

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// The ledger's entries form a hash chain: each records, as prev, the
// SHA-256 of the canonical form of the entry before it in the file, and the
// first records the SHA-256 of its case's genesis. Removing, reordering or
// editing an entry breaks the link of the entry after it. When practice.yaml
// pins a key, each entry also carries an Ed25519 signature of its canonical
// form, prev included, so that an entry cannot be rewritten, and the chain
// recomputed, without the private key.

// canonicalHeader starts every canonical form; the version lets the form
// change one day without old and new forms ever hashing alike.
const canonicalHeader = "pcdocket sealed ledger entry v1\n"

// serviceHeader starts the canonical form of a service record, so that it
// never hashes like a sealed document's.
const serviceHeader = "pcdocket sealed ledger service v1\n"

// Canonical returns the bytes of e that the hash chain hashes and the
// signature signs: one "key: value" line per ledger field in a fixed order,
// the case first and prev last, strings quoted as Go quotes them so that no
// value can forge a line. It is independent of how YAML lays out the ledger.
//
// source_hash came after v1: its line is written only when the entry has
// one, so that the form, hash and signature of every entry written before
// are unchanged, while removing it from a newer entry breaks the chain and
// the signature like any other edit.
func (e Entry) Canonical() []byte {
	var b strings.Builder
	line := func(k, v string) { b.WriteString(k + ": " + v + "\n") }
	if sv := e.Service; sv != nil {
		b.WriteString(serviceHeader)
		line("case", strconv.Quote(e.Case))
		line("number", strconv.Itoa(e.Number))
		line("served_on", sv.On.String())
		line("by", strconv.Quote(sv.By))
		line("recorded_on", sv.RecordedOn.String())
		line("prev", hex.EncodeToString(e.Prev[:]))
		return []byte(b.String())
	}
	b.WriteString(canonicalHeader)
	line("case", strconv.Quote(e.Case))
	line("number", strconv.Itoa(e.Number))
	line("kind", strconv.Quote(e.Kind))
	line("id", strconv.Quote(e.ID))
	line("sealed_on", e.SealedOn.String())
	line("file", strconv.Quote(e.File))
	line("pdf_sha256", hex.EncodeToString(e.PDFSum[:]))
	line("source", strconv.Quote(e.Source))
	line("source_sha256", hex.EncodeToString(e.SourceSum[:]))
	if e.SourceHash != "" {
		line("source_hash", strconv.Quote(e.SourceHash))
	}
	line("prev", hex.EncodeToString(e.Prev[:]))
	return []byte(b.String())
}

// Hash returns the SHA-256 of e's canonical form: the prev of the entry
// after it.
func (e Entry) Hash() [32]byte { return sha256.Sum256(e.Canonical()) }

// Genesis returns the prev of a case's first ledger entry. It names the
// case, so an entry moved into another case's ledger does not chain.
func Genesis(caseID string) [32]byte {
	return sha256.Sum256([]byte("pcdocket sealed ledger genesis v1\ncase: " + strconv.Quote(caseID) + "\n"))
}

// Chained reports whether e records a link of the hash chain; an entry of
// a ledger written before pcdocket chained entries does not.
func (e Entry) Chained() bool { return e.Prev != [32]byte{} }

// link sets the prev of every entry of a case's ledger, in file order, and
// signs each with key when key is not nil.
func link(caseID string, es []Entry, key ed25519.PrivateKey) {
	prev := Genesis(caseID)
	for i := range es {
		es[i].Prev = prev
		if key != nil {
			es[i].Signature = ed25519.Sign(key, es[i].Canonical())
		}
		prev = es[i].Hash()
	}
}

// A flaw is an entry the chain or the pinned key does not vouch for.
type flaw struct {
	line     int
	msg      string
	unsigned bool // only the signature is missing, which Rechain may add
	unpinned bool // entries are signed, but no key is pinned to check them
}

// audit checks the chain and the signatures of a case's entries, in file
// order, against pub (nil when practice.yaml pins no key). legacy reports a
// ledger written before pcdocket chained entries: none has prev or a
// signature. Its chain is not checked, but with a pinned key each of its
// entries is unsigned, hence a flaw.
func audit(caseID string, es []Entry, pub ed25519.PublicKey) (flaws []flaw, legacy bool) {
	legacy = len(es) > 0
	for _, e := range es {
		if e.Chained() || e.Signature != nil {
			legacy = false
		}
	}
	path := ledgerPath(caseID)
	restore := fmt.Sprintf("restore %s from version control (git log -p -- %s)", LedgerFile, path)
	prev, prevLine, prevNumber := Genesis(caseID), 0, 0
	signedUnpinned := false
	for _, e := range es {
		switch {
		case legacy:
		case !e.Chained():
			flaws = append(flaws, flaw{line: e.line, msg: fmt.Sprintf("%s has no prev: in a chained ledger every entry records the SHA-256 of the entry before it; %s", e.what(), restore)})
		case e.Prev != prev && prevLine == 0:
			flaws = append(flaws, flaw{line: e.line, msg: fmt.Sprintf("%s does not follow the entry before it: it is first in the ledger, but its prev %s is not the start of case %s's chain (%s): an entry before it was removed, or the entries were reordered; %s", e.what(), short(e.Prev), caseID, short(prev), restore)})
		case e.Prev != prev:
			flaws = append(flaws, flaw{line: e.line, msg: fmt.Sprintf("%s does not follow the entry before it: its prev %s is not the SHA-256 of the entry for issue %d on line %d (%s): an entry was removed, reordered or edited since it was sealed; %s", e.what(), short(e.Prev), prevNumber, prevLine, short(prev), restore)})
		}
		switch {
		case pub == nil && e.Signature != nil:
			signedUnpinned = true
		case pub == nil:
		case e.Signature == nil:
			flaws = append(flaws, flaw{line: e.line, unsigned: true, msg: fmt.Sprintf("%s is not signed, but practice.yaml pins a ledger key; %s, or, if the entry was sealed before the key was pinned and its history is clean, sign the ledger with `pcdocket seal --rechain --signing-key FILE %s`", e.what(), restore, caseID)})
		case !ed25519.Verify(pub, e.Canonical(), e.Signature):
			flaws = append(flaws, flaw{line: e.line, msg: fmt.Sprintf("%s: its signature does not match the ledger key practice.yaml pins: the entry was edited after it was sealed, or signed with another key; %s", e.what(), restore)})
		}
		prev, prevLine, prevNumber = e.Hash(), e.line, e.Number
	}
	if signedUnpinned {
		flaws = append(flaws, flaw{line: es[0].line, unpinned: true, msg: "the ledger's entries are signed, but practice.yaml pins no ledger key, so nothing checks the signatures; restore `ledger: {public_key: ...}` in practice.yaml from version control"})
	}
	return flaws, legacy
}

// what names e in findings: "entry for issue 3", or "service record for
// issue 3".
func (e Entry) what() string {
	if e.Service != nil {
		return fmt.Sprintf("service record for issue %d", e.Number)
	}
	return fmt.Sprintf("entry for issue %d", e.Number)
}

// short abbreviates a hash for messages, as git abbreviates commits.
func short(sum [32]byte) string { return hex.EncodeToString(sum[:6]) }
