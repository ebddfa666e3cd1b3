package practice

import "strings"

// PrivateHeading is the heading text that marks a section of an issue's
// body as the coordinator's own, matched without regard to case.
const PrivateHeading = "Private"

// SplitPrivate separates the coordinator's private sections from the record
// of an issue body. A private section starts at an ATX heading ("## Private",
// any level from # to ######) whose text is exactly "Private", ignoring case
// and surrounding spaces ("## Private notes" is not one), and runs to the
// next heading of the same level or higher (fewer #), or to the end. Only
// top-level ATX headings count: a "## Private" line inside a fenced code
// block, a block quote or a list, or indented four spaces, is text.
//
// record is body without the private sections, byte for byte the body when
// there are none; private is the sections' contents without their headings,
// each trimmed of blank lines at either end, joined by a blank line, or ""
// when there are none.
func SplitPrivate(body string) (record, private string) {
	if !containsFold(body, PrivateHeading) {
		return body, "" // the usual case: no allocation
	}
	var rec, priv strings.Builder
	var sec []string // lines of the private section being read
	flush := func() {
		for len(sec) > 0 && strings.TrimSpace(sec[0]) == "" {
			sec = sec[1:]
		}
		for len(sec) > 0 && strings.TrimSpace(sec[len(sec)-1]) == "" {
			sec = sec[:len(sec)-1]
		}
		if len(sec) > 0 {
			if priv.Len() > 0 {
				priv.WriteString("\n")
			}
			for _, l := range sec {
				priv.WriteString(strings.TrimSuffix(l, "\n"))
				priv.WriteString("\n")
			}
		}
		sec = nil
	}
	var fence string // the open code fence ("```", "~~~~"), or ""
	inPrivate := 0   // the level of the private heading being read, or 0
	found := false
	for rest := body; rest != ""; {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]

		level, text := 0, ""
		switch {
		case fence != "":
			if closesFence(line, fence) {
				fence = ""
			}
		case opensFence(line) != "":
			fence = opensFence(line)
		default:
			level, text = atxHeading(line)
		}
		if level > 0 && inPrivate > 0 && level <= inPrivate {
			flush()
			inPrivate = 0
		}
		if level > 0 && inPrivate == 0 && strings.EqualFold(text, PrivateHeading) {
			inPrivate, found = level, true
			continue
		}
		if inPrivate > 0 {
			sec = append(sec, line)
		} else {
			rec.WriteString(line)
		}
	}
	if !found {
		return body, ""
	}
	flush()
	return rec.String(), priv.String()
}

// indent returns the number of leading spaces of line, and whether they are
// at most three (a tab counts as four), as CommonMark allows before a
// heading or a fence.
func indent(line string) (int, bool) {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	if n < len(line) && line[n] == '\t' {
		return n, false
	}
	return n, n <= 3
}

// opensFence returns the fence a line opens ("```", "~~~~"), or "".
func opensFence(line string) string {
	n, ok := indent(line)
	if !ok {
		return ""
	}
	s := line[n:]
	if len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return ""
	}
	c := s[0]
	k := 0
	for k < len(s) && s[k] == c {
		k++
	}
	if k < 3 {
		return ""
	}
	if c == '`' && strings.ContainsRune(s[k:], '`') {
		return "" // a backtick fence's info string holds no backtick
	}
	return s[:k]
}

// closesFence reports whether line closes the code block opened by fence:
// the same character, at least as many, and nothing after but spaces.
func closesFence(line, fence string) bool {
	n, ok := indent(line)
	if !ok {
		return false
	}
	s := strings.TrimRight(line[n:], " \t\r\n")
	if len(s) < len(fence) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != fence[0] {
			return false
		}
	}
	return true
}

// atxHeading returns the level and text of an ATX heading line ("## Text
// ##"), or 0 when the line is not one.
func atxHeading(line string) (int, string) {
	n, ok := indent(line)
	if !ok {
		return 0, ""
	}
	s := strings.TrimRight(line[n:], "\r\n")
	level := 0
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 {
		return 0, ""
	}
	s = s[level:]
	if s != "" && s[0] != ' ' && s[0] != '\t' {
		return 0, "" // "#hashtag" is not a heading
	}
	s = strings.TrimSpace(s)
	// An optional closing sequence of #s, after a space.
	if t := strings.TrimRight(s, "#"); t != s && (t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
		s = strings.TrimSpace(t)
	}
	return level, s
}

// containsFold reports whether s contains substr, ignoring ASCII case. It
// runs on every issue body, so it compares only where the first letter
// matches: a byte loop, not a fold at every position.
func containsFold(s, substr string) bool {
	lo, up := substr[0]|0x20, substr[0]&^0x20
	for i := 0; i+len(substr) <= len(s); i++ {
		if (s[i] == lo || s[i] == up) && strings.EqualFold(s[i:i+len(substr)], substr) {
			return true
		}
	}
	return false
}
