package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"pcdocket/generator/sourcefile"
	"sort"
	"strings"
	"unicode/utf8"

	"pcdocket/generator/practice"
)

// EnvPassphrase is the environment variable that holds the coordinator's
// passphrase.
const EnvPassphrase = "PCDOCKET_PASSPHRASE"

// Passphrase rules; see CheckStrength.
const (
	MinLength   = 12 // characters (Unicode code points), not bytes
	MinDistinct = 6  // different characters, so "aaaaaaaaaaaa" is refused
)

// Passphrases are the secrets of an encrypted build: the coordinator's,
// which opens everything, and each parent's, which opens only that
// parent's case. They are read from the environment and from a keys file
// outside the practice folder, never from the practice itself, and never
// written to the output.
type Passphrases struct {
	Coordinator string             `json:"coordinator,omitempty"`
	Cases       map[string]Parents `json:"cases,omitempty"` // by case id
}

// Parents holds the two parents' passphrases for one case. Either may be
// empty: that parent then has no access to the encrypted site.
type Parents struct {
	ParentA string `json:"parent_a,omitempty"`
	ParentB string `json:"parent_b,omitempty"`
}

// LoadPassphrases reads the coordinator's passphrase from getenv(EnvPassphrase)
// and, when keysFile is not empty, the keys file (see ReadKeysFile). The
// coordinator's passphrase must come from exactly one of the two.
// practiceDir is the practice folder, which the keys file must be outside of.
func LoadPassphrases(keysFile, practiceDir string, getenv func(string) string) (*Passphrases, error) {
	ps := &Passphrases{}
	if keysFile != "" {
		var err error
		if ps, err = ReadKeysFile(keysFile, practiceDir); err != nil {
			return nil, err
		}
	}
	if env := getenv(EnvPassphrase); env != "" {
		if ps.Coordinator != "" {
			return nil, fmt.Errorf("the coordinator's passphrase is set both in %s and in %s; keep one", EnvPassphrase, keysFile)
		}
		ps.Coordinator = env
	}
	if ps.Coordinator == "" {
		return nil, fmt.Errorf("no coordinator passphrase: set %s or put \"coordinator\" in a keys file named with --keys", EnvPassphrase)
	}
	// Refuse weak passphrases now, before an expensive build; the case ids
	// are checked against the practice when it has been read.
	if err := ps.Validate(nil); err != nil {
		return nil, err
	}
	return ps, nil
}

// ReadKeysFile reads a keys file: JSON of the form
//
//	{"coordinator": "…", "cases": {"<case-id>": {"parent_a": "…", "parent_b": "…"}}}
//
// It refuses a file inside practiceDir (which holds content/ and is often
// under version control or synced): secrets must live elsewhere. On Unix
// it refuses a file that other users may read or write, as ssh refuses
// such a private key. Its errors give the line and column of every problem
// in the file but never quote it.
func ReadKeysFile(path, practiceDir string) (*Passphrases, error) {
	if inside, err := sourcefile.Within(path, practiceDir); err != nil {
		return nil, fmt.Errorf("keys file %s: %w", path, err)
	} else if inside {
		abs, _ := filepath.Abs(practiceDir)
		return nil, fmt.Errorf("keys file %s is inside the practice folder %s: keep passphrases outside it, where they cannot be committed, synced or published with the practice", path, abs)
	}
	if err := checkPrivate(path); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("keys file: %w", err)
	}
	return decodeKeys("keys file "+path, data)
}

// modeError refuses a keys file whose permission bits let users other
// than its owner read or write it, saying how to fix that.
func modeError(path string, perm fs.FileMode) error {
	var what string
	switch {
	case perm&0o044 != 0:
		what = "readable"
	case perm&0o022 != 0:
		what = "writable"
	default:
		return nil
	}
	return fmt.Errorf("keys file %s is %s by others (mode %04o): run chmod 600 %s", path, what, perm, shellQuote(path))
}

// shellQuote quotes s for a POSIX shell when it needs quoting, so that the
// command in a message can be pasted as it is.
func shellQuote(s string) string {
	plain := func(r rune) bool {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("/._-+,@%=", r)
	}
	if s != "" && strings.IndexFunc(s, func(r rune) bool { return !plain(r) }) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// decodeKeys decodes a keys file's JSON. Every problem is reported as
// name:line:column: what is wrong, in words of its own: encoding/json's
// messages quote the offending character ("invalid character 'x'") or key,
// and in a keys file that is as likely as not part of a passphrase.
func decodeKeys(name string, data []byte) (*Passphrases, error) {
	w := &keysWalker{name: name, data: data}
	dec := json.NewDecoder(bytes.NewReader(data))
	var top json.RawMessage
	if err := dec.Decode(&top); err != nil {
		return nil, w.syntax(err)
	}
	start := int(dec.InputOffset()) - len(top)
	if _, err := dec.Token(); err != io.EOF {
		w.errorf(skipSpace(data, int(dec.InputOffset())), "not valid JSON: there is more after the object's closing brace")
	}
	ps := &Passphrases{}
	w.object(start, top, "the keys file", func(key string, _ int, val json.RawMessage, at int) bool {
		switch key {
		case "coordinator":
			ps.Coordinator = w.str(at, val, `"coordinator"`)
		case "cases":
			ps.Cases = map[string]Parents{}
			w.object(at, val, `"cases"`, func(id string, _ int, val json.RawMessage, at int) bool {
				var pp Parents
				w.object(at, val, "a case", func(key string, _ int, val json.RawMessage, at int) bool {
					switch key {
					case "parent_a":
						pp.ParentA = w.str(at, val, `"parent_a"`)
					case "parent_b":
						pp.ParentB = w.str(at, val, `"parent_b"`)
					default:
						return false
					}
					return true
				})
				ps.Cases[id] = pp
				return true
			})
		default:
			return false
		}
		return true
	})
	if len(w.errs) > 0 {
		return nil, errors.Join(w.errs...)
	}
	return ps, nil
}

// keysWalker walks a keys file's JSON, collecting its problems.
type keysWalker struct {
	name string
	data []byte
	errs []error
}

// errorf records a problem at byte offset off. The message must not
// contain anything read from the file.
func (w *keysWalker) errorf(off int, format string, args ...any) {
	off = min(max(off, 0), len(w.data))
	before := w.data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := 1 + utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	w.errs = append(w.errs, fmt.Errorf("%s:%d:%d: %s", w.name, line, col, fmt.Sprintf(format, args...)))
}

// syntax turns a decoding error of the whole file into a positioned error
// that says, in its own words, what kind of mistake it is.
func (w *keysWalker) syntax(err error) error {
	var se *json.SyntaxError
	switch {
	case err == io.EOF:
		w.errorf(0, `the file is empty: write {"coordinator": "…"} or {"cases": {…}}`)
	case errors.Is(err, io.ErrUnexpectedEOF):
		w.errorf(len(w.data), "the file ends inside the JSON object: a closing quote, brace or comma is missing")
	case errors.As(err, &se):
		w.errorf(int(se.Offset)-1, "not valid JSON: %s", syntaxKind(se.Error()))
	default:
		w.errorf(0, "not valid JSON")
	}
	return errors.Join(w.errs...)
}

// syntaxKind describes a JSON syntax error from the end of encoding/json's
// message, which names the kind of mistake after the quoted character.
func syntaxKind(msg string) string {
	for _, k := range []struct{ suffix, say string }{
		{"looking for beginning of value", "a value is expected here: a string in double quotes, or an object in braces"},
		{"looking for beginning of object key string", "a key in double quotes is expected here"},
		{"after object key", "a colon is expected after the key"},
		{"after object key:value pair", "a comma or a closing brace is expected after the value"},
		{"after array element", "a comma or a closing bracket is expected"},
		{"after top-level value", "there is more after the object's closing brace"},
		{"in string literal", "a string holds a control character such as a tab or a line break: remove it"},
		{"in string escape code", `a string has an unknown escape after a backslash: write a backslash as \\`},
		{"hexadecimal character escape", `a string has a bad \u escape`},
	} {
		if strings.HasSuffix(msg, k.suffix) {
			return k.say
		}
	}
	return "a syntax error"
}

// object walks the JSON object val found at offset off, calling f with
// each key, the key's offset, its value and the value's offset; f returns
// false for a key it does not know. what names the object in messages.
func (w *keysWalker) object(off int, val json.RawMessage, what string, f func(key string, keyAt int, val json.RawMessage, at int) bool) {
	if val[0] != '{' {
		w.errorf(off, "%s must be an object in braces, not %s", what, jsonKind(val))
		return
	}
	// val is valid JSON (the whole file decoded), so no error can occur.
	dec := json.NewDecoder(bytes.NewReader(val))
	dec.Token() // {
	seen := map[string]int{}
	for dec.More() {
		keyAt := off + skipSpace(val, int(dec.InputOffset()))
		tok, _ := dec.Token()
		key, _ := tok.(string)
		var v json.RawMessage
		dec.Decode(&v)
		at := off + int(dec.InputOffset()) - len(v)
		if first, dup := seen[key]; dup {
			line := 1 + bytes.Count(w.data[:first], []byte("\n"))
			w.errorf(keyAt, "this key is given twice in %s (first on line %d): keep one", what, line)
			continue
		}
		seen[key] = keyAt
		if !f(key, keyAt, v, at) {
			w.errorf(keyAt, "unknown key in %s: %s", what, knownKeys[what])
		}
	}
}

// knownKeys lists, for each object that has fixed keys, what they are.
var knownKeys = map[string]string{
	"the keys file": `the keys are "coordinator" and "cases"`,
	"a case":        `a case has "parent_a" and "parent_b"`,
}

// str returns the JSON string val found at offset off.
func (w *keysWalker) str(off int, val json.RawMessage, what string) string {
	var s string
	if val[0] != '"' || json.Unmarshal(val, &s) != nil {
		w.errorf(off, "%s must be a string in double quotes, not %s", what, jsonKind(val))
		return ""
	}
	return s
}

// jsonKind names the kind of a JSON value, never its content.
func jsonKind(val json.RawMessage) string {
	switch val[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

// skipSpace returns the offset of the first byte at or after off that is
// not white space or a separator: where the next token starts.
func skipSpace(b []byte, off int) int {
	for off < len(b) && strings.IndexByte(" \t\r\n,:", b[off]) >= 0 {
		off++
	}
	return off
}

// CheckStrength refuses a passphrase that is too weak to stand up to an
// offline guessing attack on a copied site: fewer than MinLength characters
// or fewer than MinDistinct different ones. The error never quotes the
// passphrase.
func CheckStrength(pass string) error {
	if !utf8.ValidString(pass) {
		return errors.New("is not valid UTF-8")
	}
	n := utf8.RuneCountInString(pass)
	if n < MinLength {
		return fmt.Errorf("is too short (%d characters; use at least %d, e.g. four or five unrelated words)", n, MinLength)
	}
	if strings.TrimSpace(pass) != pass {
		return errors.New("starts or ends with white space, which is easy to lose when typing it")
	}
	distinct := map[rune]bool{}
	for _, r := range pass {
		distinct[r] = true
	}
	if len(distinct) < MinDistinct {
		return fmt.Errorf("is too repetitive (%d different characters; use at least %d)", len(distinct), MinDistinct)
	}
	return nil
}

// Validate checks every passphrase against p: each is strong enough, each
// names a case that exists, and no two holders share one (a shared
// passphrase would open both holders' cases). A nil p skips the case ids.
func (ps *Passphrases) Validate(p *practice.Practice) error {
	if ps == nil || ps.Coordinator == "" {
		return fmt.Errorf("no coordinator passphrase: set %s or put \"coordinator\" in the keys file", EnvPassphrase)
	}
	known := map[string]bool{}
	if p != nil {
		for _, c := range p.Cases {
			known[c.ID] = true
		}
	}
	var errs []error
	seen := map[string]string{}
	check := func(who, pass string) {
		if pass == "" {
			return
		}
		// Two spellings of one passphrase derive the same key (see
		// normalize): judge and compare what is derived.
		pass = normalize(pass)
		if err := CheckStrength(pass); err != nil {
			errs = append(errs, fmt.Errorf("passphrase of %s %w", who, err))
			return
		}
		if other, dup := seen[pass]; dup {
			errs = append(errs, fmt.Errorf("passphrase of %s is the same as that of %s; every holder needs their own", who, other))
			return
		}
		seen[pass] = who
	}
	check("the coordinator", ps.Coordinator)
	ids := make([]string, 0, len(ps.Cases))
	for id := range ps.Cases {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if p != nil && !known[id] {
			errs = append(errs, fmt.Errorf("keys file names case %q, which the practice does not have", id))
			continue
		}
		check("parent_a of case "+id, ps.Cases[id].ParentA)
		check("parent_b of case "+id, ps.Cases[id].ParentB)
	}
	return errors.Join(errs...)
}
