package parse

import (
	"context"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unique"

	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

// A reader decodes files one after another, reusing what the files of a
// practice have in common. Dir gives each of its goroutines its own reader,
// so nothing in it is locked; the exported functions that read one file use
// a fresh one. The zero value decodes but reads no file (its limit is 0).
type reader struct {
	ctx   context.Context // nil: never stopped
	limit int64           // the largest file read, in bytes
	// exhibitLimit is the largest exhibit hashed, in bytes
	// (Practice.MaxExhibitBytes).
	exhibitLimit int64

	// buf holds the file being read. Nothing decoded points into it (the
	// body is copied into a string, YAML and TOML copy their values), so
	// one buffer serves every file instead of a fresh one from os.ReadFile.
	buf []byte
	// yaml holds the nodes of the front matter being decoded: nothing
	// decoded points into them either.
	yaml yamlScratch
	// paths interns key paths: the files of a practice write the same few
	// hundred ("title", "events[2].on"), and a copy per file kept 3.5 MB
	// of strings live at 10,000 issues.
	paths map[string]string
	// words interns short values (see word).
	words map[string]string
	// shapes maps the key paths of a file as met, joined by NUL, to
	// their shape: most files write the same keys in the same order, so
	// they are sorted once, and the Sources share one slice of paths and
	// keep only their lines (see practice.Keys).
	shapes map[string]*shape
	// lists maps sorted key paths, joined by NUL, to one slice of them,
	// for files that write the same keys in another order.
	lists   map[string][]string
	structs map[reflect.Type]*structInfo // see structOf
	keys    []keyLine                    // the keys of the file being decoded, in the order met
	scratch []byte                       // for building a path or a shape's map key
}

// newReader returns a reader of files of at most limit bytes; limit <= 0
// means practice.DefaultMaxFileBytes. It hashes exhibits of at most
// practice.DefaultMaxExhibitBytes: readers of a case set exhibitLimit.
func newReader(limit int64) *reader {
	if limit <= 0 {
		limit = practice.DefaultMaxFileBytes
	}
	return &reader{limit: limit, exhibitLimit: practice.DefaultMaxExhibitBytes}
}

// A keyLine is a key met while decoding.
type keyLine struct {
	path string
	line int
}

// readFile reads the file name (slash-separated, relative to root) into
// the reader's buffer, which the next readFile overwrites, by the rules of
// package sourcefile and the reader's size limit. Once the reader's
// context is done it reads nothing and returns the context's error.
func (r *reader) readFile(root, name string) ([]byte, error) {
	if err := r.ready(); err != nil {
		return nil, err
	}
	return r.keep(sourcefile.ReadFile(root, name, r.limit, r.buf))
}

// readIn reads the file base of the open folder d as readFile reads a
// file.
func (r *reader) readIn(d *sourcefile.Dir, base string) ([]byte, error) {
	if err := r.ready(); err != nil {
		return nil, err
	}
	return r.keep(d.ReadFile(base, r.limit, r.buf))
}

// ready returns the context's error once it is done, and makes the
// reader's buffer before its first read.
func (r *reader) ready() error {
	if r.ctx != nil {
		if err := r.ctx.Err(); err != nil {
			return err
		}
	}
	if r.buf == nil {
		r.buf = make([]byte, 0, 16<<10) // a case file is a few kB
	}
	return nil
}

// keep keeps b, what a read returned, as the reader's buffer.
func (r *reader) keep(b []byte, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	r.buf = b
	return b, nil
}

// join returns the path of key inside path.
func (r *reader) join(path, key string) string {
	b := r.scratch[:0]
	if path != "" {
		b = append(append(b, path...), '.')
	}
	r.scratch = append(b, key...)
	return r.intern(r.scratch)
}

// index returns the path of item i of the list at path.
func (r *reader) index(path string, i int) string {
	b := append(append(r.scratch[:0], path...), '[')
	r.scratch = append(strconv.AppendInt(b, int64(i), 10), ']')
	return r.intern(r.scratch)
}

// intern returns b as a string, the same string every time: canonical across
// readers too (package unique), so the practice holds one "title".
func (r *reader) intern(b []byte) string {
	if s, ok := r.paths[string(b)]; ok { // no allocation: the compiler looks up b in place
		return s
	}
	if r.paths == nil {
		r.paths = map[string]string{}
	}
	s := unique.Make(string(b)).Value()
	r.paths[s] = s
	return s
}

// maxWord is the longest value word interns: the vocabulary of the
// files ("submission", "parent_a", "no-agreement", "communication",
// clause refs) is that short, a title or a note rarely.
const maxWord = 16

// word returns s, or the same string as an earlier s of the reader when s
// is short. A practice writes the same few dozen short values in every
// issue (event kinds, parties, results, categories): at 50,000 issues a
// copy of each kept about 10 MB live for the whole build. Longer values
// are kept as they are: mostly one of a kind, a map of them would cost
// more than it saves.
func (r *reader) word(s string) string {
	if len(s) > maxWord {
		return s
	}
	if w, ok := r.words[s]; ok {
		return w
	}
	if r.words == nil {
		r.words = map[string]string{}
	}
	r.words[s] = s
	return s
}

// begin starts recording the keys of a new file.
func (r *reader) begin() { r.keys = r.keys[:0] }

// record notes that the key at path is on line.
func (r *reader) record(path string, line int) {
	r.keys = append(r.keys, keyLine{path, line})
}

// sourceKeys returns the keys recorded since begin.
func (r *reader) sourceKeys() practice.Keys {
	ks := r.keys
	if len(ks) == 0 {
		return practice.Keys{}
	}
	// Paths are made of `pc` tag names and list indices, so they never
	// hold a NUL and the joined form names one list of paths.
	b := r.scratch[:0]
	for _, k := range ks {
		b = append(append(b, k.path...), 0)
	}
	r.scratch = b
	sh, ok := r.shapes[string(b)]
	if !ok {
		key := string(b) // before shapeOf reuses the scratch buffer
		sh = r.shapeOf(ks)
		if r.shapes == nil {
			r.shapes = map[string]*shape{}
		}
		r.shapes[key] = sh
	}
	return sh.keys(ks)
}

// keysSoFar returns the keys recorded since begin, for a finding that needs
// them before the file is done.
func (r *reader) keysSoFar() practice.Keys {
	return r.shapeOf(r.keys).keys(r.keys)
}

// A shape is the key paths of a file in the order met, sorted once for
// every file that has them.
type shape struct {
	paths []string // sorted, each once; shared by the Keys of every such file
	order []int    // order[i] is the index among the keys met of paths[i]
}

// shapeOf sorts the paths of ks. A path met twice keeps its last line, as
// assigning to a map did.
func (r *reader) shapeOf(ks []keyLine) *shape {
	order := make([]int, len(ks))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(ks[a].path, ks[b].path) })
	out := order[:0]
	for i, j := range order {
		if i+1 < len(order) && ks[order[i+1]].path == ks[j].path {
			continue
		}
		out = append(out, j)
	}
	b := r.scratch[:0]
	for _, j := range out {
		b = append(append(b, ks[j].path...), 0)
	}
	r.scratch = b
	paths, ok := r.lists[string(b)]
	if !ok {
		paths = make([]string, len(out))
		for i, j := range out {
			paths[i] = ks[j].path
		}
		if r.lists == nil {
			r.lists = map[string][]string{}
		}
		r.lists[string(b)] = paths
	}
	return &shape{paths, out}
}

// keys returns the Keys of ks, a file of this shape.
func (sh *shape) keys(ks []keyLine) practice.Keys {
	lines := make([]int32, len(sh.order))
	for i, j := range sh.order {
		lines[i] = int32(ks[j].line) // a file of 2^31 lines is not read
	}
	return practice.NewKeys(sh.paths, lines)
}
