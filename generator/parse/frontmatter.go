package parse

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

var bom = []byte("\xef\xbb\xbf")

// FrontMatter decodes the front matter of a Markdown file into v (a pointer
// to a model struct with `pc` tags) and returns the body and the file's
// Source. YAML front matter sits between "---" lines, TOML between "+++"
// lines. Every problem found is returned; v holds what could be decoded.
func FrontMatter(file string, data []byte, v any) (body string, src practice.Source, diags diag.List) {
	src = practice.Source{File: file, Keys: map[string]int{}, Sum: sha256.Sum256(data)}
	if bytes.HasPrefix(data, bom) {
		diags.Errorf(practice.Pos{File: file, Line: 1}, "the file starts with a UTF-8 byte-order mark: save it as UTF-8 without BOM")
		data = data[len(bom):]
	}
	open, delim := openingLine(data)
	src.StartLine = open
	if delim == "" {
		diags.Errorf(practice.Pos{File: file, Line: 1}, "no front matter: start the file with a line \"---\", then the keys, then another \"---\" line")
		return string(data), src, diags
	}

	var raw []byte
	capture := func(b []byte, _ any) error { raw = bytes.Clone(b); return nil }
	rest, err := frontmatter.MustParse(bytes.NewReader(data), nil,
		frontmatter.NewFormat("---", "---", capture),
		frontmatter.NewFormat("+++", "+++", capture))
	if errors.Is(err, frontmatter.ErrNotFound) {
		diags.Errorf(practice.Pos{File: file, Line: open}, "front matter opened on line %d is never closed: add a %q line after the last key", open, delim)
		return "", src, diags
	}
	if err != nil {
		diags.Errorf(practice.Pos{File: file, Line: open}, "reading front matter: %v", err)
		return "", src, diags
	}
	src.BodyLine = open + bytes.Count(raw, []byte("\n")) + 2

	var root *yaml.Node
	if delim == "+++" {
		root, err = tomlNode(raw)
	} else {
		root, err = yamlNode(raw)
	}
	if err != nil {
		line, msg := syntaxLine(err)
		// A parser may point past the end of what it was given; the
		// closing delimiter is the last line that can be at fault.
		line = max(1, min(open+line, src.BodyLine-1))
		diags.Errorf(practice.Pos{File: file, Line: line}, "front matter: %s", msg)
		return string(rest), src, diags
	}
	d := &decoder{src: &src, off: open, diags: &diags}
	d.decodeStruct(root, reflect.ValueOf(v).Elem(), "")
	return string(rest), src, diags
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

func yamlNode(data []byte) (*yaml.Node, error) {
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

// syntaxLine extracts the line (relative to the front matter) and message
// of a YAML or TOML syntax error.
func syntaxLine(err error) (int, string) {
	var se *syntaxError
	if errors.As(err, &se) {
		return se.line, se.msg
	}
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		// yaml.v3 counts lines from 0 for parser errors that carry a
		// context mark, which all read "did not find expected ...".
		if strings.HasPrefix(m[2], "did not find expected") {
			n++
		}
		return n, m[2] + " (YAML syntax)"
	}
	return 1, msg
}
