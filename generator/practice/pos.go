package practice

import "fmt"

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
	File      string         // path relative to the practice root
	StartLine int            // line of the opening front matter delimiter
	BodyLine  int            // first line of the Markdown body
	Keys      map[string]int // dotted key path ("parties.parent_a.name", "events[2].on") to line
	Sum       [32]byte       // SHA-256 of the file's bytes, for sealing
}

// At returns the position of the key at path. A key that is absent is
// reported at its nearest present parent, and failing that at the opening
// delimiter: the place a coordinator would add it.
func (s *Source) At(path string) Pos {
	for p := path; p != ""; p = parentPath(p) {
		if l, ok := s.Keys[p]; ok {
			return Pos{s.File, l}
		}
	}
	line := s.StartLine
	if line == 0 {
		line = 1
	}
	return Pos{s.File, line}
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
