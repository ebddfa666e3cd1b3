package practice

import (
	"fmt"
	"iter"
	"slices"
)

// A Pos is a place in the practice folder: a slash-separated path relative to
// the practice root and a 1-based line number (0 when unknown).
type Pos struct {
	File string
	Line int
}

// String formats the position the way compilers do: "file:line".
func (p Pos) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// Source records where a decoded file came from and where each of its keys is,
// so that any later finding can point at the line of the key it is about.
type Source struct {
	File      string   // path relative to the practice root
	StartLine int      // line of the opening front matter delimiter
	BodyLine  int      // first line of the Markdown body
	Keys      Keys     // line of each key the file wrote
	Sum       [32]byte // SHA-256 of the file's text, line endings and BOM normalized, for sealing (parse.SourceSum)
	// Base is, for an issue file with noncompliance events, the Sum of
	// the file without them (and the comment lines just above each): the
	// file as its document was made, for a directive broken after sealing
	// is recorded in the issue without changing what was sealed. Zero for
	// every other file; see DocumentSum.
	Base [32]byte
	// Unread holds the paths of the values the parser could not read and
	// reported (a wrong type, a bad date); "" stands for the whole front
	// matter (a syntax error, no front matter). See Readable.
	Unread []string
}

// DocumentSum is the fingerprint of the file as the document made from it
// sees it: Base when the file has one, else Sum.
func (s *Source) DocumentSum() [32]byte {
	if s.Base != ([32]byte{}) {
		return s.Base
	}
	return s.Sum
}

// Readable reports whether the value at path was read whole: false when
// the parser could not read it, a value inside it, a value it is inside,
// or the file's front matter at all. A rule that depends on the value
// stays silent when it is not readable: the parser has already said what
// is wrong, and a second finding in other words ("number is 0" after
// "number: want a whole number") would only mislead.
func (s *Source) Readable(path string) bool {
	for _, u := range s.Unread {
		if u == "" || u == path || within(u, path) || within(path, u) {
			return false
		}
	}
	return true
}

// within reports whether the key path p lies inside the key path parent.
func within(p, parent string) bool {
	if parent == "" {
		return true
	}
	return len(p) > len(parent) && p[:len(parent)] == parent && (p[len(parent)] == '.' || p[len(parent)] == '[')
}

// Line returns the line of the key at path ("parties.parent_a.name",
// "events[2].on") and whether the file wrote that key.
func (s *Source) Line(path string) (int, bool) { return s.Keys.Line(path) }

// At returns the position of the key at path. A key that is absent is
// reported at its nearest present parent, and failing that at the opening
// delimiter: the place a coordinator would add it.
func (s *Source) At(path string) Pos {
	for p := path; p != ""; p = parentPath(p) {
		if l, ok := s.Keys.Line(p); ok {
			return Pos{s.File, l}
		}
	}
	line := s.StartLine
	if line == 0 {
		line = 1
	}
	return Pos{s.File, line}
}

// Keys records the line of each key a file wrote, by dotted key path
// ("parties.parent_a.name", "events[2].on"). The model keeps one Source per
// file for the whole build, so Keys is two sorted slices rather than a map:
// a map of a typical issue's forty keys took 1.8 kB, and since most files
// of a practice write the same keys, the paths slice can be shared between
// them, leaving four bytes a key. The zero Keys holds no key.
type Keys struct {
	paths []string // sorted, each once; possibly shared, so never written
	lines []int32  // lines[i] is the line of paths[i]
}

// NewKeys returns the Keys that give lines[i] as the line of paths[i]. paths
// must be sorted and hold each path once. NewKeys keeps both slices rather
// than copying them, so that Keys with the same paths can share one slice;
// the caller must not change either afterwards.
func NewKeys(paths []string, lines []int32) Keys {
	if len(paths) != len(lines) {
		panic(fmt.Sprintf("practice.NewKeys: %d paths but %d lines", len(paths), len(lines)))
	}
	for i := 1; i < len(paths); i++ {
		if paths[i-1] >= paths[i] {
			panic(fmt.Sprintf("practice.NewKeys: paths not sorted or repeated at %q", paths[i]))
		}
	}
	return Keys{paths, lines}
}

// Line returns the line of the key at path and whether there is one.
func (k Keys) Line(path string) (int, bool) {
	i, ok := slices.BinarySearch(k.paths, path)
	if !ok {
		return 0, false
	}
	return int(k.lines[i]), true
}

// All yields every key path and its line, in path order.
func (k Keys) All() iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		for i, p := range k.paths {
			if !yield(p, int(k.lines[i])) {
				return
			}
		}
	}
}

// parentPath strips the last element of a dotted key path:
// "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a" -> "".
func parentPath(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		switch p[i] {
		case '.':
			return p[:i]
		case '[':
			return p[:i]
		}
	}
	return ""
}
