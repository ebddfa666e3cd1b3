package parse

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// A decoder turns a YAML node tree into model structs by their `pc` tags,
// recording the line of every key and reporting every structural problem it
// meets rather than stopping at the first.
type decoder struct {
	r     *reader // records the keys met, and interns their paths
	src   *practice.Source
	off   int // added to node lines to give file lines
	diags *diag.List
	depth int
}

var dateType = reflect.TypeFor[practice.Date]()

// moneyType is decoded from an amount written as text or a number (fees).
var moneyType = reflect.TypeFor[practice.Money]()

// field describes one tagged struct field.
type field struct {
	key      string
	index    int
	required bool
}

// A structInfo is what decoding needs of a model struct type.
type structInfo struct {
	fields []field
	names  []string // the keys, for hints
	// shorthand is the index in fields of the field a plain scalar fills
	// when the file writes the struct as one value (`pc:"name,shorthand"`),
	// or -1 when the struct must be written as keys.
	shorthand int
}

// structOf returns the tagged fields of struct type t. They are read with
// reflection once per reader rather than on every struct decoded: that was
// 7% of the parse's allocations.
func (r *reader) structOf(t reflect.Type) *structInfo {
	if s, ok := r.structs[t]; ok {
		return s
	}
	s := &structInfo{shorthand: -1}
	for i := 0; i < t.NumField(); i++ {
		tag, ok := t.Field(i).Tag.Lookup("pc")
		if !ok {
			continue
		}
		key, opts, _ := strings.Cut(tag, ",")
		f := field{key: key, index: i}
		for _, opt := range strings.Split(opts, ",") {
			switch opt {
			case "required":
				f.required = true
			case "shorthand":
				if s.shorthand >= 0 || t.Field(i).Type.Kind() != reflect.String {
					panic(fmt.Sprintf("parse: %s.%s: a struct has at most one shorthand field, of type string", t, t.Field(i).Name))
				}
				s.shorthand = len(s.fields)
			}
		}
		s.fields = append(s.fields, f)
		s.names = append(s.names, key)
	}
	if r.structs == nil {
		r.structs = map[reflect.Type]*structInfo{}
	}
	r.structs[t] = s
	return s
}

func (d *decoder) line(n *yaml.Node) int { return n.Line + d.off }

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.diags.Errorf(practice.Pos{File: d.src.File, Line: d.line(n)}, format, args...)
}

// fail reports that the value at path could not be read, and records it
// in the Source, so that package check judges nothing by the value's
// stand-in (a zero, an empty list): one mistake, one finding.
func (d *decoder) fail(n *yaml.Node, path string, format string, args ...any) {
	d.errorf(n, format, args...)
	d.src.Unread = append(d.src.Unread, path)
}

// at is Source.At over the keys met so far: a missing key is reported at
// its nearest present parent.
func (d *decoder) at(path string) practice.Pos {
	src := practice.Source{File: d.src.File, StartLine: d.src.StartLine, Keys: d.r.keysSoFar()}
	return src.At(path)
}

// describe names a path for messages: the top level is "the front matter".
func describe(path string) string {
	if path == "" {
		return "the front matter"
	}
	return path
}

// kindName says what a node is, in the words a coordinator would use.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of keys"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing"
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// decodeStruct decodes a mapping node into the struct v.
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	info := d.r.structOf(v.Type())
	fields := info.fields
	// seen[i] says whether field i's key was met, and on which line.
	// Model structs have far fewer keys than the array holds, so it stays
	// on the stack where a map was allocated for every struct.
	var buf [32]seenKey
	seen := buf[:0]
	if len(fields) <= len(buf) {
		seen = buf[:len(fields)]
	} else {
		seen = make([]seenKey, len(fields))
	}
	if n != nil && n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			n = nil
		} else {
			n = n.Content[0]
		}
	}
	if n = d.resolve(n); n != nil && !isNull(n) {
		if n.Kind == yaml.ScalarNode && info.shorthand >= 0 && path != "" {
			// The short form: one value stands for the shorthand key,
			// which is then the only key given.
			f := fields[info.shorthand]
			p := d.r.join(path, f.key)
			d.r.record(p, d.line(n))
			d.decodeValue(n, v.Field(f.index), p)
			return
		}
		if n.Kind != yaml.MappingNode {
			want := "a set of keys (key: value lines)"
			if info.shorthand >= 0 {
				want = fmt.Sprintf("one line of text (the %s) or a set of keys (key: value lines)", fields[info.shorthand].key)
			}
			d.fail(n, path, "%s: want %s, got %s", describe(path), want, kindName(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			key := k.Value
			fi := lookup(fields, key)
			if fi < 0 {
				where := ""
				if path != "" {
					where = " in " + path
				}
				d.errorf(k, "unknown key %q%s%s", key, where, hint(key, info.names))
				continue
			}
			f := fields[fi]
			p := d.r.join(path, key)
			if first := seen[fi]; first.ok {
				d.errorf(k, "key %q is given twice (first on line %d): keep one", p, first.line)
				continue
			}
			seen[fi] = seenKey{d.line(k), true}
			d.r.record(p, d.line(k))
			if isNull(val) {
				if f.required {
					d.fail(k, p, "%s has no value: it is required", p)
				}
				continue
			}
			d.decodeValue(val, v.Field(f.index), p)
		}
	}
	for i, f := range fields {
		if !seen[i].ok && f.required {
			d.diags.Errorf(d.at(path), "missing required key %q in %s: add it", f.key, describe(path))
		}
	}
}

type seenKey struct {
	line int
	ok   bool
}

func hint(key string, names []string) string {
	if h := diag.DidYouMean(key, names); h != "" {
		return h
	}
	return fmt.Sprintf(" (known keys: %s)", strings.Join(names, ", "))
}

// lookup returns the index in fs of the field for key, or -1.
func lookup(fs []field, key string) int {
	for i, f := range fs {
		if f.key == key {
			return i
		}
	}
	return -1
}

// resolve follows aliases, refusing chains deep enough to be an attack.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i > 8 {
			return nil
		}
		n = n.Alias
	}
	return n
}

func (d *decoder) decodeValue(n *yaml.Node, v reflect.Value, path string) {
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > 32 {
		d.fail(n, path, "%s: nested too deeply", path)
		return
	}
	if n = d.resolve(n); n == nil {
		return
	}
	if v.Type() == dateType {
		if n.Kind != yaml.ScalarNode {
			d.fail(n, path, "%s: want a date (YYYY-MM-DD), got %s", path, kindName(n))
			return
		}
		date, err := practice.ParseDate(n.Value)
		if err != nil {
			d.fail(n, path, "%s: %v", path, err)
			return
		}
		if v.CanAddr() {
			// Through a pointer: reflect.ValueOf(date) would box the
			// Date, an allocation for every date of the practice.
			*v.Addr().Interface().(*practice.Date) = date
		} else {
			v.Set(reflect.ValueOf(date))
		}
		return
	}
	if v.Type() == moneyType {
		m, err := practice.ParseMoney(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.fail(n, path, "%s: want an amount like 187.50, got %s", path, kindName(n))
			return
		}
		v.SetInt(int64(m))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if n.Kind == yaml.MappingNode && n.Style == 0 && len(n.Content) == 2 && n.Content[1].Kind == yaml.ScalarNode {
			// "- Exchanges are at: 5 p.m." reads as a key and its value.
			k, val := n.Content[0], n.Content[1]
			d.fail(n, path, "%s: want text, got a set of keys: a text containing \": \" must be in quotes: write %q", path, k.Value+": "+val.Value)
			return
		}
		if n.Kind != yaml.ScalarNode {
			d.fail(n, path, "%s: want text, got %s", path, kindName(n))
			return
		}
		v.SetString(d.r.word(n.Value))
	case reflect.Int:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			if _, err := strconv.Atoi(strings.TrimSpace(n.Value)); err == nil {
				d.fail(n, path, "%s: want a whole number, got the text %q: write it without quotes", path, n.Value)
				return
			}
		}
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			d.fail(n, path, "%s: want a whole number, got %s", path, kindName(n))
			return
		}
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if err != nil || i != int64(int32(i)) {
			d.fail(n, path, "%s: %s is out of range", path, n.Value)
			return
		}
		v.SetInt(i)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.fail(n, path, "%s: want true or false, got %s", path, kindName(n))
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case reflect.Pointer:
		e := reflect.New(v.Type().Elem())
		d.decodeValue(n, e.Elem(), path)
		v.Set(e)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, path, "%s: want a list (lines starting with \"- \"), got %s", path, kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			p := d.r.index(path, i)
			d.r.record(p, d.line(item))
			if isNull(item) {
				d.fail(item, p, "%s: empty list item", p)
				continue
			}
			d.decodeValue(item, s.Index(i), p)
		}
		v.Set(s)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	default:
		panic(fmt.Sprintf("parse: field kind %s of %s has no decoder", v.Kind(), path)) // a model change the decoder missed
	}
}
