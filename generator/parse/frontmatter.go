package parse

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

var bom = []byte("\xef\xbb\xbf")

// whole is Source.Unread for a file whose front matter could not be read
// at all. It is never modified.
var whole = []string{""}

// FrontMatter decodes the front matter of a Markdown file into v (a pointer
// to a model struct with `pc` tags) and returns the body and the file's
// Source. YAML front matter sits between "---" lines, TOML between "+++"
// lines. Every problem found is returned; v holds what could be decoded.
func FrontMatter(file string, data []byte, v any) (body string, src practice.Source, diags diag.List) {
	return new(reader).frontMatter(file, data, v)
}

func (r *reader) frontMatter(file string, data []byte, v any) (body string, src practice.Source, diags diag.List) {
	src = practice.Source{File: file, Sum: SourceSum(data)}
	// A byte-order mark is how Windows editors mark UTF-8: harmless.
	data = bytes.TrimPrefix(data, bom)
	if line, _, msg, bad := notUTF8(data); bad {
		diags.Errorf(practice.Pos{File: file, Line: line}, "%s", msg)
		src.Unread = whole
		return "", src, diags
	}
	data = normalizeNewlines(data)
	open, delim := openingLine(data)
	src.StartLine = open
	if delim == "" {
		diags.Errorf(practice.Pos{File: file, Line: 1}, "no front matter: start the file with a line \"---\", then the keys, then another \"---\" line")
		src.Unread = whole
		return string(data), src, diags
	}

	raw, rest, ok := split(data)
	if !ok {
		diags.Errorf(practice.Pos{File: file, Line: open}, "front matter opened on line %d is never closed: add a %q line after the last key", open, delim)
		src.Unread = whole
		return "", src, diags
	}
	src.BodyLine = open + bytes.Count(raw, []byte("\n")) + 2

	var (
		root *yaml.Node
		err  error
	)
	if delim == "+++" {
		root, err = tomlNode(raw)
	} else {
		root, err = yamlNode(raw, &r.yaml)
	}
	if err != nil {
		line, msg := syntaxLine(raw, err)
		// A parser may point past the end of what it was given; the
		// closing delimiter is the last line that can be at fault.
		line = max(1, min(open+line, src.BodyLine-1))
		diags.Errorf(practice.Pos{File: file, Line: line}, "%s", msg)
		src.Unread = whole
		return string(rest), src, diags
	}
	d := &decoder{r: r, src: &src, off: open, diags: &diags}
	r.begin()
	d.decodeStruct(root, reflect.ValueOf(v).Elem(), "")
	src.Keys = r.sourceKeys()
	placeholders(&diags, file, raw, open+1, rest, src.BodyLine)
	return string(rest), src, diags
}

// placeholders warns about a "TODO" left in a value of the front matter
// (comments do not count) or at the start of a line of the body: pcdocket
// new case and new issue write them for the coordinator to replace, and
// one forgotten would be printed in a document served on the parents.
// The warning names the first such line and counts the others.
func placeholders(diags *diag.List, file string, raw []byte, rawLine int, body []byte, bodyLine int) {
	first, n := 0, 0
	note := func(line int) {
		if n == 0 {
			first = line
		}
		n++
	}
	// bytes.Lines, not bytes.Split: a slice of every line of every file
	// was 4 MB for each 1,000 issues read. And only when the front matter
	// holds a TODO at all: trimming and searching each line of every file
	// was 1% of a 10,000-issue build's CPU.
	if bytes.Contains(raw, []byte("TODO")) {
		i := -1
		for l := range bytes.Lines(raw) {
			i++
			t := bytes.TrimSpace(l)
			if bytes.HasPrefix(t, []byte("#")) {
				continue
			}
			if c := bytes.Index(t, []byte(" #")); c >= 0 {
				t = t[:c]
			}
			if bytes.Contains(t, []byte("TODO")) {
				note(rawLine + i)
			}
		}
	}
	if bytes.Contains(body, []byte("TODO")) {
		i := 0
		for l := range bytes.Lines(body) {
			if bytes.HasPrefix(bytes.TrimSpace(l), []byte("TODO")) {
				note(bodyLine + i)
			}
			i++
		}
	}
	switch {
	case n == 1:
		diags.Warnf(practice.Pos{File: file, Line: first}, "a TODO placeholder is left here: replace it with the real value before a document is issued, or it will be printed")
	case n > 1:
		diags.Warnf(practice.Pos{File: file, Line: first}, "a TODO placeholder is left here, and on %d more lines: replace each with the real value before a document is issued, or it will be printed", n-1)
	}
}

// openingLine finds the first non-blank line, as the front matter library
// does, and reports its number and whether it opens front matter.
func openingLine(data []byte) (line int, delim string) {
	for line = 1; len(data) > 0; line++ {
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		switch t := string(bytes.TrimSpace(l)); t {
		case "":
			continue
		case "---", "+++":
			return line, t
		default:
			return line, ""
		}
	}
	return 1, ""
}

// split cuts data into its front matter (between the delimiter lines) and
// the body after the closing line. It reads a file the way
// github.com/adrg/frontmatter does (blank lines before the opening
// delimiter are skipped; a delimiter line may carry surrounding white
// space; the closing line must repeat the opening delimiter), without
// that library's buffered reader and copies: on a 10,000-issue practice
// they were a tenth of the parse. TestSplitMatchesFrontmatterLibrary
// holds the two to the same answers.
func split(data []byte) (raw, rest []byte, ok bool) {
	// line returns the line starting at pos, with its newline, and
	// whether it is the last one (no newline after it).
	line := func(pos int) ([]byte, bool) {
		if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
			return data[pos : pos+i+1], false
		}
		return data[pos:], true
	}
	pos := 0
	var delim []byte
	for delim == nil {
		l, last := line(pos)
		if last {
			return nil, nil, false
		}
		pos += len(l)
		switch t := bytes.TrimSpace(l); {
		case len(t) == 0:
			continue
		case string(t) == "---" || string(t) == "+++":
			delim = t
		default:
			return nil, nil, false
		}
	}
	start := pos
	for {
		l, last := line(pos)
		if bytes.Equal(bytes.TrimSpace(l), delim) {
			return data[start:pos], data[pos+len(l):], true
		}
		if last {
			return nil, nil, false
		}
		pos += len(l)
	}
}

// yamlNode parses YAML front matter: by simpleYAML when the text is in
// its plain subset, as front matter nearly always is, else by yaml.v3. The
// tree is in sc's nodes until the next call with sc.
func yamlNode(data []byte, sc *yamlScratch) (*yaml.Node, error) {
	if n, ok := simpleYAML(data, sc); ok {
		return n, nil
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// A syntaxError carries the front-matter-relative line of a syntax error.
type syntaxError struct {
	line int
	msg  string
}

func (e *syntaxError) Error() string { return e.msg }

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxLine returns the line (relative to text, from 1) and the plain
// message of a YAML or TOML syntax error met parsing text.
func syntaxLine(text []byte, err error) (int, string) {
	var se *syntaxError
	if errors.As(err, &se) {
		return se.line, se.msg
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1 // yaml.v3 leaves out the line when it is the first
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		// yaml.v3 counts lines from 0 for parser errors that carry a
		// context mark, which all read "did not find expected ...".
		if strings.HasPrefix(m[2], "did not find expected") {
			line++
		}
	}
	return explainYAML(text, line, msg)
}

// normalizeNewlines turns CRLF and lone CR line breaks into LF. YAML counts
// a lone CR as a line break, as do editors; counting lines the same way
// everywhere keeps every finding on the line the coordinator sees.
// SourceSum returns the fingerprint of a source file that sealing records
// (practice.Source.Sum): the SHA-256 of its text with CRLF and lone CR read
// as LF and a leading UTF-8 byte-order mark dropped, so that an editor that
// re-saves the file with Windows line endings or a BOM does not break the
// seal. Every other byte counts, whitespace at the end of the file included:
// for a file saved with LF and no BOM the fingerprint is the SHA-256 of its
// bytes, so the fingerprints older ledgers recorded, and the identifiers
// printed on documents (document.ID), stay what they were.
func SourceSum(data []byte) [32]byte {
	return sha256.Sum256(normalizeNewlines(bytes.TrimPrefix(data, bom)))
}

func normalizeNewlines(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}
