package parse

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"pcdocket/bench/synth"
)

// nodeDiff returns where got and want differ, comparing every field of
// yaml.Node, or "" when they are the same tree.
func nodeDiff(path string, got, want *yaml.Node) string {
	if got == nil || want == nil {
		if got != want {
			return fmt.Sprintf("%s: got %v, want %v", path, got, want)
		}
		return ""
	}
	g, w := *got, *want
	g.Content, w.Content, g.Alias, w.Alias = nil, nil, nil, nil
	if !reflect.DeepEqual(g, w) {
		return fmt.Sprintf("%s:\n got  %+v\n want %+v", path, g, w)
	}
	if d := nodeDiff(path+".Alias", got.Alias, want.Alias); d != "" {
		return d
	}
	if len(got.Content) != len(want.Content) || (got.Content == nil) != (want.Content == nil) {
		return fmt.Sprintf("%s: got %d children (nil: %v), want %d (nil: %v)", path,
			len(got.Content), got.Content == nil, len(want.Content), want.Content == nil)
	}
	for i := range got.Content {
		if d := nodeDiff(fmt.Sprintf("%s[%d]", path, i), got.Content[i], want.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// dirtyYAML fills a scratch with nodes of every kind and many children,
// before checkSimpleYAML parses with it again.
const dirtyYAML = `title: "A title: with colons"
tags: [a, b, c, d, e, f]
events:
  - on: 2026-01-02
    kind: note
    note: 'x, y, z'
  - on: 2026-01-03
    kind: session
nested:
  a:
    b: [1, 2, 3]
    c: true
`

// checkSimpleYAML fails t when simpleYAML accepts raw and its tree is
// not the one yaml.v3 gives, or when it accepts what yaml.v3 rejects.
// It reports whether simpleYAML accepted raw.
func checkSimpleYAML(t *testing.T, raw []byte) bool {
	t.Helper()
	got, ok := simpleYAML(raw, nil)
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(raw, &want); err != nil {
		t.Fatalf("simpleYAML accepts what yaml.v3 rejects (%v):\n%s", err, raw)
	}
	if d := nodeDiff("root", got, &want); d != "" {
		t.Fatalf("simpleYAML differs from yaml.v3 at %s\ninput:\n%s", d, raw)
	}
	// A scratch that held another tree, as a reader's does, gives the
	// same tree.
	var sc yamlScratch
	if _, ok := simpleYAML([]byte(dirtyYAML), &sc); !ok {
		t.Fatal("simpleYAML does not read dirtyYAML")
	}
	again, _ := simpleYAML(raw, &sc)
	if d := nodeDiff("root", again, &want); d != "" {
		t.Fatalf("simpleYAML with a used scratch differs from yaml.v3 at %s\ninput:\n%s", d, raw)
	}
	return true
}

// frontMatters returns the YAML front matter of every Markdown file
// under dir, by file name.
func frontMatters(t testing.TB, dir string) map[string][]byte {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		data = normalizeNewlines(data)
		if _, delim := openingLine(data); delim != "---" {
			return nil
		}
		if raw, _, ok := split(data); ok {
			out[path] = raw
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// synthPractice writes a generated practice, as bench/ builds, and
// returns its folder.
func synthPractice(t testing.TB, cases, issues int) string {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Cases: cases, IssuesPerCase: issues, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The repository's own front matter: the sample practice and every
// fixture.
var repoFrontMatterDirs = []string{"../../content", "../../generator", "../../docs"}

// simpleYAMLSeeds are inputs at the edges of the subset.
var simpleYAMLSeeds = []string{
	"",
	"\n",
	"  \n\n",
	"a: 1\n",
	"a: 1",
	"a: b\n  c\n",
	"a: b\n c: d\n",
	"a:\n  - x\n  - y\nb: 2\n",
	"a:\n- x\n- y\n",
	"a:\n  - x\n   - y\n",
	"a:\n  -  k: v\n     l: w\n  - k: 2\n",
	"a:\n  - k: v\n   l: w\n",
	"a:\n  - k: v\n  l: w\n",
	"a:\n  b:\n    c: d\n  e: f\ng: h\n",
	"a:\n  b:\n    c: d\n e: f\n",
	"a:\n",
	"a:\nb: 1\n",
	"a: \"x\"\n",
	"a: \"x\\\"y\\\\z\"\n",
	"a: \"x\\ny\"\n",
	"a: \"x #y: z\"\n",
	"a: \"x\" \n",
	"a: \"x\" y\n",
	"a: \"x\": y\n",
	"a: 'it''s'\n",
	"a: 'x\\y'\n",
	"a: ''\n",
	"a: \"\"\n",
	"a: [\"1.2\", \"3.4\"]\n",
	"a: [1, 2.5, x y, -3]\n",
	"a: []\n",
	"a: [ ]\n",
	"a: [a,]\n",
	"a: [a, , b]\n",
	"a: [a: b]\n",
	"a: [? a]\n",
	"a: [a, [b]]\n",
	"a: [a, {b: c}]\n",
	"a: [\"x\",\n  \"y\"]\n",
	"a: [x] y\n",
	"a: >-\n  one\n  two\n\n  three\nb: 1\n",
	"a: >\n  one\n  two\n\n\nb: 1\n",
	"a: |\n  one\n  two\n\n  three\n",
	"a: |-\n  one\n\n",
	"a: >+\n  one\n\n",
	"a: >2\n  one\n",
	"a: >-\n  one\n    two\n  three\n",
	"a: >-\n\n  one\n",
	"a: >-\n  one\n   \n  two\n",
	"a: >-\n  one\n \n  two\n",
	"a: >-\n  # not a comment\n  x: y\n",
	"a: >-\nb: 1\n",
	"a:\n  - >-\n    one\n    two\n  - x\n",
	"a:\n  - k: >-\n      one\n      two\n    l: x\n",
	"a:\n  - k: >-\n     one\n",
	"a: x # comment\n",
	"# comment\na: x\n",
	"a: x\n# comment\n",
	"a: x#y\n",
	"a: &x 1\nb: *x\n",
	"a: !!str 1\n",
	"%YAML 1.2\n---\na: 1\n",
	"---\na: 1\n",
	"a: 1\n---\nb: 2\n",
	"a: 1\n...\n",
	"a: ---\n",
	"a: ...\n",
	"a: {b: c}\n",
	"? a\n: b\n",
	"a : b\n",
	"a:b\n",
	"a: b:c\n",
	"a: 3:00 p.m.\n",
	"a: b: c\n",
	"a: b:\n",
	"a: -\n",
	"a: -1\n",
	"a: -x\n",
	"a: - x\n",
	"a: :x\n",
	"a: ?x\n",
	"a: <<\n<<: x\n",
	"1: a\ntrue: b\nnull: c\n~: d\n",
	"a: a\na: b\n",
	"\ta: 1\n",
	"a:\t1\n",
	"a: 1\r\n",
	" a: 1\n",
	"a: caf\u00e9\nb: \"\u00e9 \u00e9\"\nc: [\u00e9, \"x\"]\n",
	"a: \u2028\n",
	"a: \ufeffx\n",
	"a: \u0085\n",
	"a: x\u00a0y\n",
	"a: \U0001F600\n",
	"a: [\U0001F600, x]\n",
	"a: \x7f\n",
	"a: \xff\n",
	"a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\n",
	"a: true\nb: False\nc: NULL\nd: ~\ne: tRUE\n",
	"a: .inf\nb: -.Inf\nc: .nan\nd: .5\ne: .x\nf: +.inf\n",
	"a: 0x1F\nb: 0o17\nc: 017\nd: 0b101\ne: -0b11\nf: 1_000\ng: +1\nh: 1e3\ni: 1.5e-3\nj: 9223372036854775808\nk: 18446744073709551616\nl: -0o7\n",
	"a: 2026-01-02\nb: 2026-1-2\nc: 2026-13-01\nd: 2026-02-30\ne: 2026-01-02T10:00:00Z\nf: 2026-01-02 10:00:00\ng: 20260102\nh: 2026-01-02x\n",
	"a: 2024-02-29\nb: 2023-02-29\nc: 2026-00-10\nd: 0000-01-01\ne: 2026-04-31\nf: 2026-12-31\ng: 2026-1-02\nh: 2026-01-2\ni: 2026/01/02\nj: 2026-01-02t10:00:00Z\n",
	"a: 1.\nb: -.5\nc: +12\nd: 0\ne: 00\nf: 1__0\ng: _1\n",
	"key-with-dash: 1\nkey_with_underscore: 2\nKey9: 3\n",
	"a:\n  b: 1\n\n\n  c: 2\n",
	"a:    spaced\nb:   \"q\"\nc:  [x]\n",
	"a: x   \nb: 1\n",
	"\n  \na: 1\n",
	"a: \"\u00e9\" \nb: [\"\u00e9\", '\u00e9', x\u00e9]\n",
	"a:\n  - [x, \"y\"]\n  - k: [z]\n",
	"a:\n  - k:\n      l: m\n    n: o\n",
	"a:\n  - k:\n    - l\n",
	"a:\n   - x\n",
	"a: >-\n  x\n y\n",
	"a:\n  - >-\n   x\n",
	"a:\n  - |\n    x\n\n    y\n  - b\n",
	"a: >\n  x\n",
	"a: >\n  x",
}

func FuzzSimpleYAML(f *testing.F) {
	for _, dir := range append(repoFrontMatterDirs, synthPractice(f, 3, 8)) {
		for _, raw := range frontMatters(f, dir) {
			f.Add(raw)
		}
	}
	for _, s := range simpleYAMLSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkSimpleYAML(t, raw)
	})
}

// TestSimpleYAMLAccepts holds simpleYAML to reading the front matter the
// practice's files have, generated and written by hand alike: what it
// leaves to yaml.v3 is read at yaml.v3's speed.
func TestSimpleYAMLAccepts(t *testing.T) {
	for _, c := range []struct {
		name string
		dir  string
		min  float64 // the share of files simpleYAML must read
	}{
		{"generated", synthPractice(t, 10, 20), 1},
		{"content", "../../content", 0.85},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := frontMatters(t, c.dir)
			n := 0
			for name, raw := range files {
				if checkSimpleYAML(t, raw) {
					n++
				} else if c.min == 1 {
					t.Errorf("%s: not read by simpleYAML:\n%s", name, raw)
				}
			}
			rate := float64(n) / float64(len(files))
			t.Logf("%d of %d files read by simpleYAML (%.0f%%)", n, len(files), 100*rate)
			if len(files) == 0 || rate < c.min {
				t.Errorf("%d of %d files read by simpleYAML, want at least %.0f%%", n, len(files), 100*c.min)
			}
		})
	}
}

// TestSimpleYAMLSeeds checks the edge cases on every run, not only
// under the fuzzer.
func TestSimpleYAMLSeeds(t *testing.T) {
	for _, s := range simpleYAMLSeeds {
		checkSimpleYAML(t, []byte(s))
	}
	for _, dir := range repoFrontMatterDirs {
		for _, raw := range frontMatters(t, dir) {
			checkSimpleYAML(t, raw)
		}
	}
}

// yamlGen writes YAML front matter from a fuzzer's bytes, each choice
// taken from the next byte: text near the subset, most of which
// simpleYAML accepts, so that FuzzSimpleYAMLShapes compares trees
// where random bytes would mostly be refused by both parsers.
type yamlGen struct {
	in  []byte
	out strings.Builder
}

// pick returns the next choice of n, or 0 once the bytes are used up:
// every loop of the generator stops on 0.
func (g *yamlGen) pick(n int) int {
	if len(g.in) == 0 {
		return 0
	}
	c := int(g.in[0])
	g.in = g.in[1:]
	return c % n
}

var (
	genKeys  = []string{"a", "b", "on", "no", "true", "1", "key-x", "x_y", "null", "title", "k", "-k", "~", "<<", "a b", "2026-01-02"}
	genWords = []string{"x", "yes", "true", "Null", "~", "1", "-1", "+1", "0x1f", "0o7", "0b1", "1_000", "1e3", "1.5", ".5", ".inf", "-.inf", ".nan",
		"2026-01-02", "2026-1-2", "2026-02-30", "2024-02-29", "2026-13-01", "2026-01-02T10:00:00Z", "007", "9223372036854775808", "1.", "-", "--", "---", "...", "parent_a", "3:00", "p.m.",
		"caf\u00e9", "\U0001F600", "a#b", "#", ":", "a:", "&a", "*a", "!t", "|", ">", "%", "@", "`", "'", "\"", "[", "]", "{", "}", ",", "?", "\\", "\t", "<<"}
	genSafeWords = 34
	genChars     = " aZ09-_.:#,[]{}'\"\\!&*?|>%@`~+\u00e9\t"
)

// scalarText returns a run of words and characters.
func (g *yamlGen) scalarText() string {
	var b strings.Builder
	words := genWords
	if g.pick(2) == 0 {
		words = genWords[:genSafeWords] // text that needs no quotes
	}
	for n := g.pick(4) + 1; n > 0; n-- {
		if len(words) == len(genWords) && g.pick(3) == 0 {
			b.WriteByte(genChars[g.pick(len(genChars))])
		} else {
			b.WriteString(words[g.pick(len(words))])
		}
		if g.pick(3) == 0 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// scalar writes a one-line scalar.
func (g *yamlGen) scalar() {
	switch g.pick(6) {
	case 0:
		g.out.WriteString(`"` + g.scalarText() + `"`)
	case 1:
		g.out.WriteString(`'` + g.scalarText() + `'`)
	default:
		g.out.WriteString(g.scalarText())
	}
	if g.pick(6) == 0 {
		g.out.WriteString("  ")
	}
}

func (g *yamlGen) blank() {
	for g.pick(8) == 1 {
		g.out.WriteString(strings.Repeat(" ", g.pick(6)) + "\n")
	}
}

// value writes the value of a key or item at column col, after the
// "key:" or "- " on the current line.
func (g *yamlGen) value(col, depth int) {
	switch c := g.pick(10); {
	case c < 4 || depth > 3:
		g.out.WriteString(" ")
		g.scalar()
		g.out.WriteString("\n")
	case c == 4:
		g.out.WriteString(" [")
		for n := g.pick(4); n > 0; n-- {
			g.scalar()
			if n > 1 || g.pick(8) == 0 {
				g.out.WriteString(", "[:1+g.pick(2)])
			}
		}
		g.out.WriteString("]\n")
	case c == 5:
		g.out.WriteString(" " + []string{">-", ">", "|", "|-", ">+", ">2", "> "}[g.pick(7)] + "\n")
		in := col + 1 + g.pick(3)
		for n := g.pick(5) + 1; n > 0; n-- {
			extra := 0
			if g.pick(6) == 0 {
				extra = g.pick(3) - 1
			}
			g.out.WriteString(strings.Repeat(" ", in+extra) + g.scalarText() + "\n")
			g.blank()
		}
	case c < 8:
		g.out.WriteString("\n")
		g.blank()
		g.mapping(col+g.pick(4), depth+1)
	default:
		g.out.WriteString("\n")
		g.blank()
		g.sequence(col+g.pick(4), depth+1)
	}
}

func (g *yamlGen) mapping(col, depth int) {
	for n := g.pick(4) + 1; n > 0; n-- {
		g.out.WriteString(strings.Repeat(" ", col))
		g.entry(col, depth)
	}
}

func (g *yamlGen) entry(col, depth int) {
	g.out.WriteString(genKeys[g.pick(len(genKeys))] + ":")
	g.value(col, depth)
	g.blank()
}

func (g *yamlGen) sequence(col, depth int) {
	for n := g.pick(4) + 1; n > 0; n-- {
		g.out.WriteString(strings.Repeat(" ", col) + "-" + strings.Repeat(" ", 1+g.pick(2)))
		if g.pick(2) == 0 {
			// A mapping begun on the item's line.
			g.entry(col+2, depth+1)
			for m := g.pick(3); m > 0; m-- {
				g.out.WriteString(strings.Repeat(" ", col+2))
				g.entry(col+2, depth+1)
			}
			continue
		}
		g.scalar()
		g.out.WriteString("\n")
		g.blank()
	}
}

// FuzzSimpleYAMLShapes compares simpleYAML with yaml.v3 on front matter
// written from the fuzzer's bytes (yamlGen).
func FuzzSimpleYAMLShapes(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("0123456789abcdefghijklmnopqrstuvwxyz"))
	f.Add([]byte{5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 9, 9, 9, 9})
	f.Fuzz(func(t *testing.T, choices []byte) {
		g := &yamlGen{in: choices}
		g.mapping(0, 0)
		checkSimpleYAML(t, []byte(g.out.String()))
	})
}

// BenchmarkFrontMatterYAML parses the front matter of generated issues
// with yaml.v3 and with simpleYAML: the measure in simpleYAML's comment.
func BenchmarkFrontMatterYAML(b *testing.B) {
	var raws [][]byte
	for name, raw := range frontMatters(b, synthPractice(b, 5, 20)) {
		if strings.Contains(name, "/issues/") {
			raws = append(raws, raw)
		}
	}
	b.Run("yaml.v3", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			var n yaml.Node
			if err := yaml.Unmarshal(raws[i%len(raws)], &n); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("simpleYAML", func(b *testing.B) {
		var sc yamlScratch // as a reader keeps one
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, ok := simpleYAML(raws[i%len(raws)], &sc); !ok {
				b.Fatal("not read")
			}
		}
	})
}

// FuzzSimpleYAMLScalar compares simpleYAML with yaml.v3 on one value,
// written plain, in a flow sequence and in a block: the tags plain
// scalars resolve to (resolvePlain), quoting and escapes.
func FuzzSimpleYAMLScalar(f *testing.F) {
	for _, w := range genWords {
		f.Add(w)
	}
	f.Add(`"a\"b\\c"`)
	f.Add(`'a''b'`)
	f.Fuzz(func(t *testing.T, s string) {
		checkSimpleYAML(t, []byte("a: "+s+"\n"))
		checkSimpleYAML(t, []byte("a: ["+s+", x]\n"))
		checkSimpleYAML(t, []byte("a:\n  - "+s+"\n  - k: "+s+"\n"))
		checkSimpleYAML(t, []byte("a: >-\n  "+s+"\n  "+s+"\n\n  x\n"))
	})
}
