package parse

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"

	"pcdocket/generator/practice"
)

// baseSum returns the fingerprint (SourceSum) of an issue file without the
// lines of its noncompliance events, or the zero value when it has none.
// A noncompliance event is recorded after the outcome, usually after its
// document was sealed; sealing compares the file with the one sealed
// (package seal), and the document's identifier is taken over it
// (document.ID), so neither may see the event.
//
// An event's lines run from its first key to the line before the next key
// outside it (or the closing delimiter), with the comment lines right
// above it and, in TOML, its [[events]] header.
func baseSum(data []byte, src *practice.Source, events []practice.Event) [32]byte {
	var drop []int
	for i, e := range events {
		if e.Kind == practice.EventNoncompliance {
			drop = append(drop, i)
		}
	}
	if len(drop) == 0 || src.BodyLine == 0 {
		return [32]byte{}
	}
	norm := normalizeNewlines(bytes.TrimPrefix(data, bom))
	lines := bytes.SplitAfter(norm, []byte("\n"))
	gone := make([]bool, len(lines)+2)
	for _, i := range drop {
		prefix := fmt.Sprintf("events[%d]", i)
		start, end := 0, src.BodyLine-1 // the closing delimiter's line
		for p, l := range src.Keys.All() {
			in := p == prefix || strings.HasPrefix(p, prefix+".") || strings.HasPrefix(p, prefix+"[")
			if in && (start == 0 || l < start) {
				start = l
			}
		}
		if start == 0 {
			continue
		}
		for p, l := range src.Keys.All() {
			in := p == prefix || strings.HasPrefix(p, prefix+".") || strings.HasPrefix(p, prefix+"[")
			if !in && l > start && l < end {
				end = l
			}
		}
		for l := start - 1; l >= 1 && l <= len(lines); l-- { // comments above, and a TOML header
			t := strings.TrimSpace(string(lines[l-1]))
			if !strings.HasPrefix(t, "#") && t != "[[events]]" {
				break
			}
			start = l
			if t == "[[events]]" {
				break
			}
		}
		for l := start; l < end && l <= len(lines); l++ {
			gone[l] = true
		}
	}
	h := sha256.New()
	for i, ln := range lines {
		if !gone[i+1] {
			h.Write(ln)
		}
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}
