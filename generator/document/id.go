package document

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"pcdocket/generator/practice"
)

// maxRef bounds the court-number part of an identifier, so that the
// identifier stays short (it is copied by hand, and printed in the footer)
// whatever the length of the case number.
const maxRef = 16

// ID is the short identifier printed on a document so that a reader can
// look it up: "PCD-<court case no>-<kind letter><number>-<hash>", for
// example "PCD-FC-2025-0387-D3-1a2b3c4d". The court case number is kept to
// its letters, digits and hyphens and to its last 16 characters (whole
// hyphen-separated parts where they fit). The hash covers the case id,
// kind, number and the issue's source with its exhibits (Issue.Fingerprint),
// so an edited issue or exhibit gets a new
// identifier and two cases whose numbers end alike still differ.
func ID(is *practice.Issue) string {
	kind := is.DocumentKind()
	letter := "X"
	switch kind {
	case KindDetermination:
		letter = "D"
	case KindRecommendation:
		letter = "R"
	case KindAgreement:
		letter = "A"
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00", is.Case.ID, kind, is.Number)
	sum0 := is.Fingerprint() // the issue file as the document was made from it, and its exhibits' hashes
	h.Write(sum0[:])
	sum := h.Sum(nil)
	ref := shortRef(idPart(is.Case.CourtCaseNo))
	if ref == "" {
		ref = shortRef(idPart(is.Case.ID))
	}
	return fmt.Sprintf("PCD-%s-%s%d-%s", ref, letter, is.Number, hex.EncodeToString(sum[:4]))
}

// shortRef keeps the last parts of ref that fit in maxRef characters.
func shortRef(ref string) string {
	if len(ref) <= maxRef {
		return ref
	}
	parts := strings.Split(ref, "-")
	out := parts[len(parts)-1]
	if len(out) > maxRef {
		return out[len(out)-maxRef:]
	}
	for i := len(parts) - 2; i >= 0; i-- {
		if len(out)+1+len(parts[i]) > maxRef {
			break
		}
		out = parts[i] + "-" + out
	}
	return out
}

// idPart keeps the letters, digits and hyphens of s, upper-cased, so that the
// identifier survives copying by hand.
func idPart(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToUpper(s) {
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}
