// Package fontstack finds, for a character the documents' own serif family
// cannot draw, a font that can: first among the fonts a practice names
// (practice.yaml documents.fonts), then in the system's font folders. It
// also says, for a character no font draws, which script it belongs to and
// which font package would cover it, so that `check` can name the fix.
//
// The choice is deterministic, so that the same fonts give the same PDFs:
//
//  1. the practice's fonts, in the order listed (a folder's files sorted by
//     path);
//  2. the system's fonts (see SystemDirs), files sorted by path, and among
//     them first a Noto face named for the character's script (a serif
//     face before a sans one, a regular before other weights), for
//     Chinese, Japanese and Korean then Droid Sans Fallback, then every
//     other face in path order;
//  3. the first of these whose character map has the character wins.
//
// Only TrueType-outline faces (glyf) are used: pcdocket subsets TrueType
// outlines, not CFF. Debian's Noto CJK (.ttc) faces are CFF, so Chinese,
// Japanese and Korean come from a TrueType face such as fonts-droid-fallback's
// DroidSansFallbackFull.ttf.
//
// A Stack reads a font's character map only when a character sends it
// looking (a practice whose documents are all Latin reads none), and keeps
// what it read for the life of the process: For returns one shared Stack
// per list of folders.
package fontstack

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/font"

	"pcdocket/generator/fontsubset"
)

// Face is one font face that draws some characters a document needs.
type Face struct {
	Path  string // the font file
	Index int    // the face's index in a collection (.ttc), else 0
	Name  string // a PDF-safe name for the face, from its file name
	File  []byte // the whole font file
	Dir   int    // the offset of the face's table directory in File
	Font  *font.Font

	mu    sync.Mutex // guards face: a go-text Face is not safe for concurrent use
	face  *font.Face
	runes []rune // sorted: the characters it maps
}

// Has reports whether the face maps r.
func (f *Face) Has(r rune) bool {
	_, ok := slices.BinarySearch(f.runes, r)
	return ok
}

// Stack is an ordered list of font files to look in. It is safe for
// concurrent use.
type Stack struct {
	practice []string // the practice's font files, in order
	system   []string // the system's font files, sorted

	mu      sync.Mutex
	covered map[rune]*Face // nil: no face has it
	faces   map[string][]*Face
	tried   map[string]bool
}

// SystemDirs are the folders the system keeps its fonts in, on this
// operating system; the environment variable PCDOCKET_FONT_DIRS, when set,
// replaces them (a list like PATH; empty for none), so that tests and a
// practice's CI can fix which fonts a build sees.
func SystemDirs() []string {
	if v, ok := os.LookupEnv("PCDOCKET_FONT_DIRS"); ok {
		return filepath.SplitList(v)
	}
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "darwin":
		return []string{"/System/Library/Fonts", "/Library/Fonts", filepath.Join(home, "Library/Fonts")}
	case "windows":
		w := os.Getenv("WINDIR")
		if w == "" {
			w = `C:\Windows`
		}
		return []string{filepath.Join(w, "Fonts")}
	}
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts"}
	if home != "" {
		dirs = append(dirs, filepath.Join(home, ".local/share/fonts"))
	}
	return dirs
}

var (
	stacksMu sync.Mutex
	stacks   = map[string]*Stack{}
)

// For returns the Stack of a practice: its fonts (files or folders,
// relative to root unless absolute) before the folders of system (nil
// means SystemDirs; an empty, non-nil slice means none). Stacks are shared
// per list of paths, so that each font is read once per process.
func For(root string, fonts []string, system []string) *Stack {
	if system == nil {
		system = SystemDirs()
	}
	var own []string
	for _, f := range fonts {
		if !filepath.IsAbs(f) {
			f = filepath.Join(root, filepath.FromSlash(f))
		}
		own = append(own, f)
	}
	key := strings.Join(own, "\x00") + "\x01" + strings.Join(system, "\x00")
	stacksMu.Lock()
	defer stacksMu.Unlock()
	if s, ok := stacks[key]; ok {
		return s
	}
	s := &Stack{covered: map[rune]*Face{}, faces: map[string][]*Face{}, tried: map[string]bool{}}
	for _, f := range own {
		s.practice = append(s.practice, fontFiles(f)...)
	}
	for _, d := range system {
		s.system = append(s.system, fontFiles(d)...)
	}
	slices.Sort(s.system)
	s.system = slices.Compact(s.system)
	stacks[key] = s
	return s
}

// fontFiles lists the font files at path: path itself when it is one, or
// the font files under the folder path, sorted.
func fontFiles(path string) []string {
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	if !st.IsDir() {
		return []string{path}
	}
	var out []string
	filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && isFontFile(p) {
			out = append(out, p)
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// HasFonts reports whether path is a font file or a folder holding one.
func HasFonts(path string) bool {
	fs := fontFiles(path)
	return len(fs) > 0 && isFontFile(fs[0])
}

func isFontFile(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".ttf", ".otf", ".ttc":
		return true
	}
	return false
}

// Face returns the face that draws r, or nil when no font in the stack
// has it.
func (s *Stack) Face(r rune) *Face {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.covered[r]; ok {
		return f
	}
	var found *Face
	for _, p := range s.order(r) {
		for _, f := range s.load(p) {
			if f.Has(r) {
				found = f
				break
			}
		}
		if found != nil {
			break
		}
	}
	s.covered[r] = found
	return found
}

// order is the files to look in for r, by the package's rule.
func (s *Stack) order(r rune) []string {
	out := slices.Clone(s.practice)
	script := Script(r)
	type ranked struct {
		rank int
		path string
	}
	var rs []ranked
	for _, p := range s.system {
		rs = append(rs, ranked{rankFor(filepath.Base(p), script), p})
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return a.rank - b.rank })
	for _, x := range rs {
		out = append(out, x.path)
	}
	return out
}

// rankFor ranks a system font file for a character of script: a Noto face
// named for the script first (serif, then sans; regular, then others),
// then the rest.
func rankFor(base, script string) int {
	if script == "" {
		return 9
	}
	if Package(script) == "fonts-droid-fallback" && strings.HasPrefix(base, "DroidSansFallback") {
		return 5 // the TrueType CJK face Debian ships; Noto CJK is CFF
	}
	token := strings.ReplaceAll(script, " ", "")
	if !strings.HasPrefix(base, "Noto") || !strings.Contains(base, token) {
		return 9
	}
	rank := 4
	switch {
	case strings.HasPrefix(base, "NotoSerif"), strings.HasPrefix(base, "NotoNaskh"):
		rank = 0
	case strings.HasPrefix(base, "NotoSans"):
		rank = 2
	}
	if !strings.Contains(base, "-Regular.") {
		rank++
	}
	return rank
}

// load reads the faces of the file at p once; a file that cannot be read
// or has no TrueType outlines gives none.
func (s *Stack) load(p string) []*Face {
	if s.tried[p] {
		return s.faces[p]
	}
	s.tried[p] = true
	b, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	offs, err := fontsubset.Collection(b)
	if err != nil {
		return nil
	}
	var faces []*Face
	var gofaces []*font.Face
	for i, off := range offs {
		inf, err := fontsubset.Cover(b, off)
		if err != nil || !inf.TrueType {
			continue
		}
		if gofaces == nil {
			gofaces, err = font.ParseTTC(bytesResource(b))
			if err != nil || len(gofaces) != len(offs) {
				return nil
			}
		}
		faces = append(faces, &Face{
			Path:  p,
			Index: i,
			Name:  psName(p, i),
			File:  b,
			Dir:   off,
			Font:  gofaces[i].Font,
			face:  gofaces[i],
			runes: inf.Runes,
		})
	}
	s.faces[p] = faces
	return faces
}

// psName makes a PDF name for face i of the file at p.
func psName(p string, i int) string {
	base := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	name := strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7F && !strings.ContainsRune("()<>[]{}/%#", r) {
			return r
		}
		return -1
	}, base)
	if i > 0 {
		name += "-" + string(rune('0'+i%10))
	}
	return name
}

// Script names the Unicode script of r ("Arabic", "Han"), or "" for
// characters common to scripts (digits, punctuation) and combining marks.
func Script(r rune) string {
	for _, name := range commonScripts {
		if unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	for _, name := range allScripts {
		if name != "Common" && name != "Inherited" && unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	return ""
}

// commonScripts are tried first, for speed.
var commonScripts = []string{"Latin", "Greek", "Cyrillic", "Arabic", "Hebrew", "Devanagari", "Han", "Hiragana", "Katakana", "Hangul", "Thai"}

var allScripts = func() []string {
	var s []string
	for name := range unicode.Scripts {
		s = append(s, name)
	}
	slices.Sort(s)
	return s
}()

// Package names the Debian package whose fonts cover script: what `check`
// tells a coordinator to install. On macOS and Windows the same Noto
// faces (TrueType, from the Noto project) can be named in documents.fonts.
func Package(script string) string {
	switch script {
	case "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo":
		// fonts-noto-cjk is CFF, which pcdocket does not subset.
		return "fonts-droid-fallback"
	}
	return "fonts-noto-core"
}

// bytesResource adapts a byte slice to go-text's font.Resource.
func bytesResource(b []byte) font.Resource { return bytes.NewReader(b) }

// Styled returns the face of f's family in bold and/or italic, when the
// folder of f holds one by the usual file names (NotoNaskhArabic-Bold.ttf
// beside NotoNaskhArabic-Regular.ttf) and it draws r; otherwise f itself,
// so that text is drawn in the regular weight rather than not at all.
func (s *Stack) Styled(f *Face, bold, italic bool, r rune) *Face {
	if s == nil || f == nil || !bold && !italic {
		return f
	}
	style := "Bold"
	switch {
	case bold && italic:
		style = "BoldItalic"
	case italic:
		style = "Italic"
	}
	base := filepath.Base(f.Path)
	i := strings.LastIndex(base, "-Regular.")
	if i < 0 {
		return f
	}
	p := filepath.Join(filepath.Dir(f.Path), base[:i]+"-"+style+base[i+len("-Regular"):])
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range s.load(p) {
		if g.Index == f.Index && g.Has(r) {
			return g
		}
	}
	return f
}
