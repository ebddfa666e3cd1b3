package parse

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The YAML and TOML parsers describe a mistake in their own grammar's words
// ("mapping values are not allowed in this context"), sometimes at the
// wrong line (a scanner's line, or the end of the text for an unclosed
// quote). explainYAML and explainTOML turn the common mistakes into what to
// do, at the line at fault, and keep the parser's own words in parentheses
// for whoever knows them.

// lines splits text (newlines already LF) into its lines, 1-based by index+1.
func lines(text []byte) []string { return strings.Split(string(text), "\n") }

// indent returns the count of leading spaces of l.
func indent(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

// blank reports whether l holds nothing but white space or a comment.
func blank(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || strings.HasPrefix(t, "#")
}

// value returns what follows "key:" on l, trimmed, and whether l has the
// form of a key line.
func value(l string) (string, bool) {
	t := strings.TrimLeft(l, " ")
	t = strings.TrimPrefix(t, "- ")
	k, v, ok := strings.Cut(t, ":")
	if !ok || strings.ContainsAny(k, "\"'{[") {
		return "", false
	}
	if v != "" && v[0] != ' ' && v[0] != '\t' {
		return "", false
	}
	return strings.TrimSpace(v), true
}

// openQuote reports whether the value on line l starts with a quote q
// that the line does not close.
func openQuote(l string) (q string, open bool) {
	v, ok := value(l)
	if !ok || v == "" || (v[0] != '"' && v[0] != '\'') {
		return "", false
	}
	q = v[:1]
	return q, !strings.Contains(unescape(v[1:], q), q)
}

// unescape drops from s, the text after a quote q, the escapes of q (and,
// in double quotes, of the backslash), leaving only the quotes that close.
func unescape(s, q string) string {
	if q == `"` {
		s = strings.ReplaceAll(s, `\\`, "")
		return strings.ReplaceAll(s, `\"`, "")
	}
	return strings.ReplaceAll(s, `''`, "")
}

// strayQuote finds the first line (from 1) whose value opens a quote q
// that the line does not close, and whose quote closes only on a line
// that is a comment or a key's line: a value written over several lines
// on purpose goes on with lines of text, not with keys. A quote that never
// closes is not stray here (see the end-of-stream message).
func strayQuote(ls []string) (n int, q string, ok bool) {
	for i := 0; i < len(ls); i++ {
		q, open := openQuote(ls[i])
		if !open {
			continue
		}
		for j := i + 1; j < len(ls); j++ {
			if !strings.Contains(unescape(ls[j], q), q) {
				continue
			}
			t := strings.TrimLeft(ls[j], " ")
			if _, key := value(ls[j]); key || strings.HasPrefix(t, "#") {
				return i + 1, q, true
			}
			i = j // a value over several lines, closed here
			break
		}
	}
	return 0, "", false
}

// explainYAML returns the line (relative to text, from 1) and the plain
// message for a YAML syntax error that the parser reported at line with
// msg (its message without "yaml: line N: ").
func explainYAML(text []byte, line int, msg string) (int, string) {
	ls := lines(text)
	at := func(n int) string {
		if n >= 1 && n <= len(ls) {
			return ls[n-1]
		}
		return ""
	}
	said := " (YAML: " + msg + ")"
	// A tab in the indentation, which the parser reports as a tab or as a
	// character that starts nothing, at its own idea of the line.
	if strings.Contains(msg, "tab") || strings.Contains(msg, "cannot start any token") {
		for i, l := range ls {
			if lead := l[:len(l)-len(strings.TrimLeft(l, " \t"))]; strings.Contains(lead, "\t") {
				return i + 1, "this line is indented with a tab: use spaces, not tabs, to indent" + said
			}
		}
	}
	// A quote left open on its line runs on to the next quote character
	// of the text, often in a comment or another key's value below: the
	// parser then reports something else further on (or before, at the
	// start of the mapping), such as a key indented differently.
	if n, q, ok := strayQuote(ls); ok {
		return n, fmt.Sprintf("the quote %s opened on this line is not closed on it, so the value runs on into the lines below: add the closing %s at the end of the value", q, q) + said
	}
	switch {
	case strings.Contains(msg, "found unexpected end of stream"),
		strings.Contains(msg, "found unexpected document indicator"):
		// An unclosed quote runs to the end: find the line that opens it.
		for i, l := range ls {
			if q, open := openQuote(l); open {
				return i + 1, fmt.Sprintf("the quote %s opened on this line is never closed: add the closing %s at the end of the value", q, q) + said
			}
		}
		return line, "the text ends inside a quoted value: close every quote you open" + said
	case strings.Contains(msg, "mapping values are not allowed"):
		l := at(line)
		for p := line - 1; p >= 1; p-- {
			if blank(at(p)) {
				continue
			}
			if v, ok := value(at(p)); ok && v != "" && !strings.HasPrefix(v, "|") && !strings.HasPrefix(v, ">") && indent(l) > indent(at(p)) {
				return line, "this line is indented more than the key above it, which already has a value: line it up with that key, or indent it under a key that has no value on its line" + said
			}
			break
		}
		if v, ok := value(l); ok {
			key, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimLeft(l, " "), "- "), ":")
			if r := []rune(v); len(r) > 40 {
				v = string(r[:40]) + "…"
			}
			return line, fmt.Sprintf("a value containing \": \" must be in quotes: write %s: %q", key, v) + said
		}
		return line, "a value containing \": \" must be in quotes" + said
	case strings.Contains(msg, "did not find expected '-' indicator"):
		// A key: value line among the items of a list.
		base := -1
		for n := line; n <= len(ls); n++ {
			l := at(n)
			if blank(l) {
				continue
			}
			t := strings.TrimLeft(l, " ")
			if strings.HasPrefix(t, "- ") || t == "-" {
				if base < 0 {
					base = indent(l)
				}
				continue
			}
			if base >= 0 && indent(l) == base {
				return n, "a key: value line in the middle of a list: start each list item with \"- \", or indent the key under the item above it" + said
			}
		}
		return line, "a line in the middle of a list is not a list item: start each item with \"- \"" + said
	case strings.Contains(msg, "did not find expected key"):
		l := at(line)
		t := strings.TrimLeft(l, " ")
		if strings.HasPrefix(t, "- ") || t == "-" {
			return line, "a list item (\"- ...\") where a key was expected: put list items under a key that has no value on its line, indented" + said
		}
		if v, ok := value(l); ok && len(v) > 0 && (v[0] == '"' || v[0] == '\'') && strings.Count(v, v[:1]) >= 2 && !strings.HasSuffix(v, v[:1]) {
			return line, "text after a closing quote: put the whole value inside the quotes" + said
		}
		return line, "this line is indented differently from the keys beside it: indent keys of the same group by the same number of spaces" + said
	case strings.Contains(msg, "could not find expected ':'"):
		return line, "this line is not a \"key: value\" line: add the colon after the key, or, if it continues the text of the key above, put that whole text in quotes" + said
	case strings.Contains(msg, "cannot start any token"):
		for n := 1; n <= len(ls); n++ {
			if v, ok := value(at(n)); ok && v != "" && strings.ContainsRune("@`%", rune(v[0])) {
				return n, fmt.Sprintf("a value cannot start with %c unquoted: put the value in quotes", v[0]) + said
			}
		}
		return line, "a value starts with a character YAML reserves (@ or `): put the value in quotes" + said
	case strings.Contains(msg, "did not find expected alphabetic or numeric character"),
		strings.Contains(msg, "unknown anchor"):
		for n := 1; n <= len(ls); n++ {
			if v, ok := value(at(n)); ok && v != "" && (v[0] == '*' || v[0] == '&') {
				return n, fmt.Sprintf("a value cannot start with %c unquoted: put the value in quotes", v[0]) + said
			}
		}
	case strings.Contains(msg, "hexdecimal number"), strings.Contains(msg, "unknown escape character"):
		for n := 1; n <= len(ls); n++ {
			if v, ok := value(at(n)); ok && strings.HasPrefix(v, `"`) && strings.Contains(v, `\`) {
				return n, "a backslash inside double quotes starts an escape: use single quotes ('C:\\Users'), or write each backslash twice" + said
			}
		}
		return line, "a backslash inside double quotes starts an escape: use single quotes, or write each backslash twice" + said
	case strings.Contains(msg, "did not find expected ',' or ']'"):
		return line, "a list in brackets [ ] is not closed: add the ], or put the value in quotes if it is text starting with [" + said
	case strings.Contains(msg, "did not find expected ',' or '}'"):
		return line, "a set of keys in braces { } is not closed: add the }, or put the value in quotes if it is text starting with {" + said
	}
	return line, "YAML syntax: " + msg
}

// explainTOML is explainYAML for TOML front matter (between +++ lines).
func explainTOML(msg string) string {
	said := " (TOML: " + msg + ")"
	switch {
	case strings.HasPrefix(msg, `expected value but found '\n'`), strings.HasPrefix(msg, "expected value but found EOF"):
		return "this key has no value: write one after the =, or remove the line" + said
	case strings.HasPrefix(msg, "expected value but found"):
		return "a text value must be in quotes: write key = \"text\"" + said
	case strings.Contains(msg, "strings cannot contain newlines"), strings.Contains(msg, "unexpected EOF"):
		return "a quoted value is not closed on its line: add the closing quote (use \"\"\" quotes for text over several lines)" + said
	case strings.Contains(msg, "but got ':' instead"):
		return "TOML front matter (between +++ lines) writes key = value, not key: value; use --- lines to write YAML" + said
	case strings.Contains(msg, "has already been defined"):
		return "a key or [table] is given twice: keep one" + said
	case strings.Contains(msg, "to end table name"):
		return "a [table] header is not closed: add the ]" + said
	case strings.Contains(msg, "hexadecimal digits after"), strings.Contains(msg, "invalid escape"):
		return "a backslash inside double quotes starts an escape: use single quotes ('C:\\Users'), or write each backslash twice" + said
	case strings.HasPrefix(msg, "expected a top-level item to end with a newline"):
		return "one key = value per line: put text with spaces in quotes" + said
	}
	return "TOML syntax: " + msg
}

// notUTF8 reports the first byte of data that is not UTF-8, as its line
// and column (counted in characters, from 1) and a message, or ok when
// data is all UTF-8. Text saved as Windows-1252 (curly quotes, é, ñ) is
// the usual cause; the parsers would report it at the wrong place or not
// at all.
func notUTF8(data []byte) (line, col int, msg string, bad bool) {
	if utf8.Valid(data) {
		return 0, 0, "", false
	}
	i := 0
	for i < len(data) {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		i += n
	}
	before := data[:i]
	line = 1 + bytes.Count(before, []byte("\n"))
	// A lone CR is a line break too (see normalizeNewlines).
	line += bytes.Count(bytes.ReplaceAll(before, []byte("\r\n"), nil), []byte("\r"))
	start := max(bytes.LastIndexByte(before, '\n'), bytes.LastIndexByte(before, '\r')) + 1
	col = utf8.RuneCount(before[start:]) + 1
	b := data[i]
	what := ""
	if c, ok := cp1252[b]; ok {
		what = fmt.Sprintf(", %s in Windows-1252", c)
	} else if b >= 0xa0 {
		what = fmt.Sprintf(", %q in Windows-1252", rune(b))
	}
	msg = fmt.Sprintf("column %d: the file is not UTF-8 text (byte 0x%02X%s): save it as UTF-8 in your editor (\"Save with encoding\", or \"Reopen with encoding Windows-1252\" first)", col, b, what)
	return line, col, msg, true
}

// cp1252 names the Windows-1252 characters that most often arrive in text
// pasted from a word processor.
var cp1252 = map[byte]string{
	0x91: "the opening quote ‘", 0x92: "the apostrophe ’", 0x93: "the opening quote “", 0x94: "the closing quote ”",
	0x96: "the dash –", 0x97: "the dash —", 0x85: "the ellipsis …", 0x80: "the euro sign €",
}
