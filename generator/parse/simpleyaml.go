package parse

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// simpleYAML parses front matter written in the plain subset of YAML that
// pcdocket's files and templates use, and returns the node tree
// yaml.Unmarshal would: every field of every node the same (Kind, Style,
// Tag, Value, Line, Column; the comments, anchors and aliases are empty in
// both, as the subset has none). It reports false for any text outside
// the subset, which yamlNode then gives to yaml.v3, so that a file that is
// not plain, or not valid, is read and diagnosed exactly as before.
//
// Why: yaml.v3 took 45 to 70 µs and 436 allocations (29 KB) for the
// front matter of a generated issue, 10 to 12% of the CPU of
// BenchmarkBuild10000; simpleYAML takes 7 to 16 µs and 13 allocations
// (15 KB, most of it the nodes), 2 to 3% (BenchmarkFrontMatterYAML;
// docs/performance.md). FuzzSimpleYAML, FuzzSimpleYAMLShapes and
// FuzzSimpleYAMLScalar hold its trees to yaml.v3's, field for field.
//
// The subset: a block mapping at the first column, of word keys
// (letters, digits, _ and -); nested block mappings, and block sequences
// indented under their key whose items are scalars or mappings begun on
// the item's line; scalars on one line (plain, double-quoted with no
// escapes but \" and \\, single-quoted, or a flow sequence of those), or
// folded or literal blocks (>, >-, |, |-) whose lines are all indented
// alike. Tabs, comments, anchors, tags, directives, document markers,
// flow mappings, empty values, text continued over lines, sequences not
// indented under their key and any other indentation are left to yaml.v3.
func simpleYAML(data []byte, sc *yamlScratch) (*yaml.Node, bool) {
	if len(data) > 0 && data[len(data)-1] != '\n' {
		return nil, false
	}
	if !simpleText(data) {
		return nil, false
	}
	if sc == nil {
		sc = new(yamlScratch)
	}
	p := &simpleParser{s: string(data), line: 1}
	// One node for the document and its mapping, two for each key and
	// its value, one for each list item, two for a flow sequence and its
	// first item, one for each other: an upper bound (text in values
	// holds those characters too) that spares a slab of nodes mostly
	// unused, a third of the bytes the parse allocated.
	nodes := 2 + 2*bytes.Count(data, []byte(":")) + bytes.Count(data, []byte("- ")) +
		2*bytes.Count(data, []byte("[")) + bytes.Count(data, []byte(","))
	p.slab, p.kids, p.stack = sc.take(nodes)
	p.find()
	p.skipBlank()
	if p.eof() {
		return &yaml.Node{}, true
	}
	if p.indent() != 0 {
		return nil, false
	}
	doc := p.node(yaml.DocumentNode, "", 0, "")
	m := p.mapping(0)
	if m == nil || !p.eof() {
		return nil, false
	}
	doc.Content = []*yaml.Node{m}
	return doc, true
}

// simpleText reports whether data holds only characters that yaml.v3
// reads as themselves: printable ASCII, line feeds, and the printable
// runes of valid UTF-8 other than the byte-order mark and the Unicode
// line and paragraph separators (which YAML counts as line breaks).
func simpleText(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c != '\n' && (c < 0x20 || c > 0x7e) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError,
			r < 0xa0,
			r >= 0xd800 && r < 0xe000,
			r == 0x2028, r == 0x2029, r == 0xfeff,
			r == 0xfffe, r == 0xffff:
			return false
		}
		i += size
	}
	return true
}

// A simpleParser reads s line by line. Every line of s ends with '\n'.
// A yamlScratch holds the nodes of one simpleYAML tree, for the next
// tree to reuse once the caller is done with this one.
//
// Fast path: a new slab of nodes for every file was 100 MB of the 1 GB a
// 10,000-issue build allocated, most of what set the pace of garbage
// collection; each reader of a practice's files (one per core) reuses
// one.
type yamlScratch struct {
	slab  []yaml.Node
	kids  []*yaml.Node
	stack []*yaml.Node
}

// take returns room for n nodes and their children, and an empty stack.
// It does not clear them: the parser sets each node whole as it takes it
// (node), and each collection's children as it makes them (children).
func (sc *yamlScratch) take(n int) ([]yaml.Node, []*yaml.Node, []*yaml.Node) {
	if cap(sc.slab) < n {
		sc.slab = make([]yaml.Node, n)
		sc.kids = make([]*yaml.Node, n)
	}
	if sc.stack == nil {
		sc.stack = make([]*yaml.Node, 0, 64)
	}
	return sc.slab[:n], sc.kids[:n], sc.stack[:0]
}

type simpleParser struct {
	s    string
	pos  int // offset of the start of the current line
	end  int // offset of the current line's '\n'
	line int // the current line's number, from 1 as yaml.v3 counts
	// slab holds the nodes not yet used, and kids the room for their
	// children, taken a collection at a time from the top of stack:
	// appending to each collection's Content was most of the parse's
	// allocations.
	slab  []yaml.Node
	kids  []*yaml.Node
	stack []*yaml.Node
}

func (p *simpleParser) eof() bool { return p.pos >= len(p.s) }

// text returns the current line without its '\n'.
func (p *simpleParser) text() string { return p.s[p.pos:p.end] }

// next moves to the next line.
func (p *simpleParser) next() {
	p.pos = p.end + 1
	p.line++
	p.find()
}

// find sets end for the line at pos.
func (p *simpleParser) find() {
	p.end = len(p.s)
	if i := strings.IndexByte(p.s[p.pos:], '\n'); i >= 0 {
		p.end = p.pos + i
	}
}

// skipBlank moves past lines of nothing but spaces.
func (p *simpleParser) skipBlank() {
	for !p.eof() && strings.TrimLeft(p.text(), " ") == "" {
		p.next()
	}
}

// indent returns the count of spaces that start the current line.
func (p *simpleParser) indent() int {
	t := p.text()
	return len(t) - len(strings.TrimLeft(t, " "))
}

func (p *simpleParser) node(kind yaml.Kind, tag string, col int, value string) *yaml.Node {
	if len(p.slab) == 0 {
		p.slab = make([]yaml.Node, 16)
	}
	n := &p.slab[0]
	p.slab = p.slab[1:]
	*n = yaml.Node{Kind: kind, Tag: tag, Value: value, Line: p.line, Column: col + 1}
	return n
}

// children returns the nodes on the stack from first, as the Content of
// the collection they belong to, and takes them off the stack.
func (p *simpleParser) children(first int) []*yaml.Node {
	n := len(p.stack) - first
	if n == 0 {
		return nil // as yaml.v3 leaves an empty collection's Content
	}
	if len(p.kids) < n {
		p.kids = make([]*yaml.Node, max(n, 16))
	}
	c := p.kids[:n:n]
	p.kids = p.kids[n:]
	copy(c, p.stack[first:])
	p.stack = p.stack[:first]
	return c
}

// column returns the column, from 0, of byte offset off of line t:
// yaml.v3 counts characters, not bytes.
func column(t string, off int) int { return utf8.RuneCountInString(t[:off]) }

// keyEnd returns the end of the word key at t[off:] when it is followed
// by ':' and then a space or the end of the line, or -1.
func keyEnd(t string, off int) int {
	i := off
	for i < len(t) {
		c := t[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' && i > off {
			i++
			continue
		}
		break
	}
	if i == off || i >= len(t) || t[i] != ':' || i+1 < len(t) && t[i+1] != ' ' {
		return -1
	}
	return i
}

// mapping reads the block mapping whose keys are at column col, the first
// of them on the current line.
func (p *simpleParser) mapping(col int) *yaml.Node {
	return p.collection(yaml.MappingNode, "!!map", col, func(t string) bool {
		end := keyEnd(t, col)
		if end < 0 {
			return false
		}
		key := t[col:end]
		tag := resolvePlain(key)
		if tag == "" || len(key) > 128 {
			return false
		}
		p.stack = append(p.stack, p.node(yaml.ScalarNode, tag, col, key))
		var val *yaml.Node
		if v := skipSpaces(t, end+1); v == len(t) {
			val = p.nested(col)
		} else {
			val = p.inline(t, v, col)
		}
		p.stack = append(p.stack, val)
		return val != nil
	})
}

// sequence reads the block sequence whose dashes are at column col, the
// first of them on the current line.
func (p *simpleParser) sequence(col int) *yaml.Node {
	return p.collection(yaml.SequenceNode, "!!seq", col, func(t string) bool {
		if !strings.HasPrefix(t[col:], "- ") {
			return false
		}
		v := skipSpaces(t, col+2)
		if v == len(t) {
			return false
		}
		var item *yaml.Node
		if keyEnd(t, v) > 0 {
			item = p.mapping(v)
		} else {
			item = p.inline(t, v, col)
		}
		p.stack = append(p.stack, item)
		return item != nil
	})
}

// collection reads a block collection at column col, its first entry on
// the current line: entry reads the entry on line t, pushes its nodes on
// the stack and moves past its lines, or reports false for text outside
// the subset. A line indented further than col that no entry takes is
// text continued, or a mistake: outside the subset too.
func (p *simpleParser) collection(kind yaml.Kind, tag string, col int, entry func(t string) bool) *yaml.Node {
	n := p.node(kind, tag, col, "")
	first := len(p.stack)
	for {
		if !entry(p.text()) {
			return nil
		}
		p.skipBlank()
		if p.eof() || p.indent() < col {
			n.Content = p.children(first)
			return n
		}
		if p.indent() > col {
			return nil
		}
	}
}

// skipSpaces returns the offset of the first byte of t[i:] that is not a
// space.
func skipSpaces(t string, i int) int {
	for i < len(t) && t[i] == ' ' {
		i++
	}
	return i
}

// nested reads the value of a key at column col written on the lines
// after it: a mapping or a sequence indented further.
func (p *simpleParser) nested(col int) *yaml.Node {
	p.next()
	p.skipBlank()
	if p.eof() {
		return nil
	}
	in := p.indent()
	if in <= col {
		return nil
	}
	t := p.text()
	if strings.HasPrefix(t[in:], "- ") {
		return p.sequence(in)
	}
	if keyEnd(t, in) > 0 {
		return p.mapping(in)
	}
	return nil
}

// inline reads the scalar or flow sequence that starts at t[off:], on the
// current line, inside a block collection at column col, and moves past
// its lines.
func (p *simpleParser) inline(t string, off, col int) *yaml.Node {
	switch t[off] {
	case '>', '|':
		return p.block(t, off, col)
	case '[':
		n := p.flowSequence(t, off)
		p.next()
		return n
	}
	n, end := p.scalar(t, off, false)
	if n == nil || strings.TrimRight(t[end:], " ") != "" {
		return nil
	}
	p.next()
	return n
}

// scalar reads the quoted or plain scalar at t[off:] and returns it and
// the offset after it. In a flow sequence (flow), a plain scalar ends
// at a comma, a bracket, a brace, '?' or a quote.
func (p *simpleParser) scalar(t string, off int, flow bool) (*yaml.Node, int) {
	col := column(t, off)
	switch t[off] {
	case '"', '\'':
		q := t[off]
		// escaped is the value once an escape is met: until then, the
		// value is the text between the quotes.
		var escaped []byte
		for i := off + 1; i < len(t); i++ {
			c := t[i]
			switch {
			case q == '"' && c == '\\':
				if i+1 >= len(t) || t[i+1] != '"' && t[i+1] != '\\' {
					return nil, 0
				}
			case q == '\'' && c == '\'' && i+1 < len(t) && t[i+1] == '\'':
			case c == q:
				v := keep(t[off+1 : i])
				if escaped != nil {
					v = string(escaped)
				}
				n := p.node(yaml.ScalarNode, "!!str", col, v)
				n.Style = yaml.DoubleQuotedStyle
				if q == '\'' {
					n.Style = yaml.SingleQuotedStyle
				}
				return n, i + 1
			default:
				if escaped != nil {
					escaped = append(escaped, c)
				}
				continue
			}
			// An escaped quote or backslash: keep the second character.
			if escaped == nil {
				escaped = append(make([]byte, 0, len(t)-off), t[off+1:i]...)
			}
			i++
			escaped = append(escaped, t[i])
		}
		return nil, 0
	}
	// A plain scalar: it may not start with an indicator (but "-" then
	// a letter, digit or '.' starts one). A '#' (a comment, or close to
	// one) and a ':' that could end a key are left to yaml.v3.
	c := t[off]
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", c) >= 0 {
		if c != '-' || off+1 >= len(t) || !isWordByte(t[off+1]) && t[off+1] != '.' {
			return nil, 0
		}
	}
	end := off
	for end < len(t) {
		c := t[end]
		if c == '#' || c == ':' && (end+1 == len(t) || t[end+1] == ' ' || flow) {
			return nil, 0
		}
		if flow && strings.IndexByte(",?[]{}\"'", c) >= 0 {
			break
		}
		end++
	}
	v := strings.TrimRight(t[off:end], " ")
	tag := resolvePlain(v)
	if tag == "" {
		return nil, 0
	}
	return p.node(yaml.ScalarNode, tag, col, keep(v)), end
}

// keep returns a copy of v, a part of the whole front matter, when v is
// long enough for the model to keep it as it is (reader.word): the
// whole text would otherwise stay in memory as long as the practice.
func keep(v string) string {
	if len(v) > maxWord {
		return strings.Clone(v)
	}
	return v
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// flowSequence reads a flow sequence of scalars written on one line.
func (p *simpleParser) flowSequence(t string, off int) *yaml.Node {
	s := p.node(yaml.SequenceNode, "!!seq", column(t, off), "")
	s.Style = yaml.FlowStyle
	first := len(p.stack)
	i := skipSpaces(t, off+1)
	if i < len(t) && t[i] == ']' {
		i++
	} else {
		for {
			if i >= len(t) {
				return nil
			}
			n, end := p.scalar(t, i, true)
			if n == nil || n.Value == "" && n.Style == 0 {
				return nil
			}
			p.stack = append(p.stack, n)
			i = skipSpaces(t, end)
			if i >= len(t) {
				return nil
			}
			if t[i] == ']' {
				i++
				break
			}
			if t[i] != ',' {
				return nil
			}
			i = skipSpaces(t, i+1)
		}
	}
	if strings.TrimRight(t[i:], " ") != "" {
		return nil
	}
	s.Content = p.children(first)
	return s
}

// block reads a folded (>) or literal (|) block scalar whose header is at
// t[off:], inside a block collection at column col. Its lines must all
// be indented alike, further than col; blank lines must be empty or
// indented less than the text.
func (p *simpleParser) block(t string, off, col int) *yaml.Node {
	header := strings.TrimRight(t[off:], " ")
	literal := header[0] == '|'
	strip := false
	switch header[1:] {
	case "":
	case "-":
		strip = true
	default:
		return nil
	}
	n := p.node(yaml.ScalarNode, "!!str", column(t, off), "")
	n.Style = yaml.FoldedStyle
	if literal {
		n.Style = yaml.LiteralStyle
	}
	p.next()
	if p.eof() {
		return nil
	}
	in := p.indent()
	if in <= col || in == len(p.text()) {
		return nil
	}
	// Find the block's lines, then join them into a value sized once.
	start := p.pos
scan:
	for !p.eof() {
		l := p.text()
		rest := strings.TrimLeft(l, " ")
		switch k := len(l) - len(rest); {
		case rest == "" && k >= in, k > in:
			return nil
		case rest != "" && k < in:
			break scan
		}
		p.next()
	}
	var b strings.Builder
	b.Grow(p.pos - start)
	lines, breaks := 0, 0 // content lines so far; empty lines since the last
	for l := range strings.Lines(p.s[start:p.pos]) {
		if len(l) < in+1 {
			breaks++
			continue
		}
		if lines > 0 {
			switch {
			case literal:
				b.WriteByte('\n')
				fallthrough
			case breaks > 0:
				for range breaks {
					b.WriteByte('\n')
				}
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(l[in : len(l)-1])
		lines++
		breaks = 0
	}
	if !strip {
		b.WriteByte('\n')
	}
	n.Value = b.String()
	return n
}

// yamlFloat is yaml.v3's pattern of a float (resolve.go).
var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// resolvePlain returns the tag yaml.v3 gives the plain scalar s: its
// function resolve, for the tags it can return here, step by step. It
// returns "" for "<<", a merge key, which the subset leaves to yaml.v3.
func resolvePlain(s string) string {
	switch s {
	case "<<":
		return ""
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "", "~", "null", "Null", "NULL":
		return "!!null"
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
		"+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "!!float"
	}
	switch c := s[0]; {
	case c == '.':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		if simpleTimestamp(s) {
			return "!!timestamp"
		}
		plain := strings.ReplaceAll(s, "_", "")
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return "!!int"
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return "!!int"
		}
		if yamlFloat.MatchString(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return "!!float"
			}
		}
		// Binary and octal, as YAML 1.2 spells them.
		for _, radix := range []struct {
			prefix string
			base   int
		}{{"0b", 2}, {"0o", 8}} {
			if digits, ok := strings.CutPrefix(plain, radix.prefix); ok {
				if _, err := strconv.ParseInt(digits, radix.base, 64); err == nil {
					return "!!int"
				}
				if _, err := strconv.ParseUint(digits, radix.base, 64); err == nil {
					return "!!int"
				}
			} else if digits, ok := strings.CutPrefix(plain, "-"+radix.prefix); ok {
				if _, err := strconv.ParseInt("-"+digits, radix.base, 64); err == nil {
					return "!!int"
				}
			}
		}
	}
	return "!!str"
}

// timestampFormats are yaml.v3's (resolve.go).
var timestampFormats = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// simpleTimestamp is yaml.v3's parseTimestamp, reporting only whether s
// parses.
func simpleTimestamp(s string) bool {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			break
		}
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	if isDate(s) {
		// The other layouts need a 'T', 't' or a time after the
		// date: each of their failures cost an error allocated, for
		// every date of the practice.
		_, err := time.Parse(timestampFormats[len(timestampFormats)-1], s)
		return err == nil
	}
	for _, format := range timestampFormats {
		if _, err := time.Parse(format, s); err == nil {
			return true
		}
	}
	return false
}

// isDate reports whether s has the shape YYYY-MM-DD.
func isDate(s string) bool {
	if len(s) != len("2006-01-02") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if digit := s[i] >= '0' && s[i] <= '9'; digit != (i != 4 && i != 7) || !digit && s[i] != '-' {
			return false
		}
	}
	return true
}
