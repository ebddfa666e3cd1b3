package seal

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/diag"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
)

const issue1 = "content/cases/" + caseID + "/issues/01-school-closure-exchanges.md"

// rewrite replaces the test issue file's bytes with edit's result.
func rewrite(t *testing.T, root string, edit func([]byte) []byte) {
	t.Helper()
	name := filepath.Join(root, filepath.FromSlash(issue1))
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, edit(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// reparse reads the practice again, whatever parse thinks of a BOM: the
// seal's verdict is what is under test.
func reparse(root string) *practice.Practice {
	p, _ := parse.Dir(root)
	return p
}

func crlf(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }
func cr(b []byte) []byte   { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r")) }
func bom(b []byte) []byte  { return append([]byte("\xef\xbb\xbf"), b...) }

// sourceChanged reports whether Check says issue 1's source has changed.
func sourceChanged(l diag.List) bool {
	for _, d := range l {
		if strings.Contains(d.Message, "its source has changed since") {
			return true
		}
	}
	return false
}

// TestSealSurvivesLineEndings seals issue 1 and re-saves its file as a
// Windows editor might: the seal must hold, while a real edit still breaks
// it. Whitespace at the end of the file counts (see parse.SourceSum).
func TestSealSurvivesLineEndings(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func([]byte) []byte
		changed bool
	}{
		{"unchanged", func(b []byte) []byte { return b }, false},
		{"CRLF", crlf, false},
		{"lone CR", cr, false},
		{"BOM", bom, false},
		{"BOM and CRLF", func(b []byte) []byte { return bom(crlf(b)) }, false},
		{"CRLF, then back to LF", func(b []byte) []byte { return bytes.ReplaceAll(crlf(b), []byte("\r\n"), []byte("\n")) }, false},
		{"a word changed", func(b []byte) []byte {
			return bytes.Replace(b, []byte("kind: determination"), []byte("kind: agreement"), 1)
		}, true},
		{"a word changed, with CRLF", func(b []byte) []byte { return crlf(bytes.Replace(b, []byte("2025-12-26"), []byte("2025-12-25"), 1)) }, true},
		{"a line added at the end", func(b []byte) []byte { return append(b, "\nMore.\n"...) }, true},
		{"a final newline added", func(b []byte) []byte { return append(b, '\n') }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := practiceCopy(t)
			p := load(t, root)
			e, err := Seal(root, p, caseID, 1, render(t, p, 1), sealDay, nil)
			if err != nil {
				t.Fatal(err)
			}
			if e.SourceHash != SourceNormalized {
				t.Errorf("new entry's SourceHash = %q, want %q", e.SourceHash, SourceNormalized)
			}
			rewrite(t, root, tc.edit)
			l := Check(root, reparse(root))
			if got := sourceChanged(l); got != tc.changed {
				t.Errorf("source reported changed = %v, want %v; findings:\n%v", got, tc.changed, l)
			}
			if !tc.changed && l.HasErrors() {
				t.Errorf("findings: %v", l)
			}
		})
	}
}

// TestLegacySourceHash checks ledgers written before source_hash: their
// source_sha256 is the SHA-256 of the raw bytes, and both that and the
// normalized fingerprint are accepted.
func TestLegacySourceHash(t *testing.T) {
	for _, tc := range []struct {
		name     string
		sealedAs func([]byte) []byte // the file's bytes when it was sealed
		nowAs    func([]byte) []byte // the file's bytes now
		changed  bool
	}{
		{"LF sealed, LF now", nil, nil, false},
		{"LF sealed, CRLF now", nil, crlf, false},
		{"LF sealed, BOM now", nil, bom, false},
		{"CRLF sealed, CRLF now", crlf, crlf, false},
		{"CRLF sealed, LF now", crlf, nil, true}, // the raw hash of CRLF bytes matches neither
		{"CRLF sealed, edited", crlf, func(b []byte) []byte { return crlf(bytes.Replace(b, []byte("2025-12-26"), []byte("2025-12-25"), 1)) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := practiceCopy(t)
			name := filepath.Join(root, filepath.FromSlash(issue1))
			orig, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			sealed := orig
			if tc.sealedAs != nil {
				sealed = tc.sealedAs(orig)
			}
			p := load(t, root)
			if _, err := Seal(root, p, caseID, 1, render(t, p, 1), sealDay, nil); err != nil {
				t.Fatal(err)
			}
			// What an older pcdocket wrote: the raw bytes' SHA-256 and no
			// source_hash. A single entry's prev does not cover itself.
			raw := sha256.Sum256(sealed)
			editLedger(t, root, func(es []ledgerEntry) []ledgerEntry {
				es[0].SourceHash = ""
				es[0].SourceSHA256 = hex.EncodeToString(raw[:])
				return es
			})
			now := orig
			if tc.nowAs != nil {
				now = tc.nowAs(orig)
			}
			if err := os.WriteFile(name, now, 0o644); err != nil {
				t.Fatal(err)
			}
			l := Check(root, reparse(root))
			if got := sourceChanged(l); got != tc.changed {
				t.Errorf("source reported changed = %v, want %v; findings:\n%v", got, tc.changed, l)
			}
		})
	}
}

// TestSourceHashInChain checks that source_hash is part of what the chain
// and the signature cover in a new entry, and absent from an old entry's
// canonical form, whose hash must not change.
func TestSourceHashInChain(t *testing.T) {
	old := Entry{Case: "c", Number: 1, Kind: "determination", ID: "PCD-1", SealedOn: sealDay, File: "c-determination-1.pdf", Source: "content/cases/c/issues/01.md"}
	if strings.Contains(string(old.Canonical()), "source_hash") {
		t.Errorf("an entry without source_hash has it in its canonical form:\n%s", old.Canonical())
	}
	nw := old
	nw.SourceHash = SourceNormalized
	if nw.Hash() == old.Hash() || !strings.Contains(string(nw.Canonical()), "source_hash: \"normalized-v1\"\nprev: ") {
		t.Errorf("source_hash is not in the canonical form:\n%s", nw.Canonical())
	}

	// Stripping source_hash from a sealed entry, to have the raw bytes
	// accepted, breaks the link of the entry after it, and the signature.
	root := practiceCopy(t)
	pub, priv := newKey(t)
	p := pin(t, root, pub)
	sealIssues(t, root, p, priv, 1, 3)
	lines := editLedger(t, root, func(es []ledgerEntry) []ledgerEntry {
		es[0].SourceHash = ""
		return es
	})
	l := Check(root, p)
	var link, sig bool
	for _, d := range l {
		link = link || d.Pos.Line == lines[3] && strings.Contains(d.Message, "does not follow the entry before it")
		sig = sig || d.Pos.Line == lines[1] && strings.Contains(d.Message, "signature does not match")
	}
	if !link || !sig {
		t.Errorf("stripped source_hash: broken link reported %v, bad signature %v; findings:\n%v", link, sig, l)
	}
}
