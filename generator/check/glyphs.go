package check

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"pcdocket/generator/diag"
	"pcdocket/generator/fontstack"
	"pcdocket/generator/practice"
)

// Glyphs reports every text of the practice that reaches a document and
// holds a character no available font draws (drawn says which are; see
// pdfdoc.Coverage): the document would misname a party or misquote the
// record. Each finding is at the line of the text and names each such
// character (code point and character), its script and the Debian font
// package that covers it. It is an error where the text reaches a
// document the build writes (a documented issue, its case, practice.yaml),
// and a warning elsewhere, where it will when the issue is documented.
func Glyphs(p *practice.Practice, drawn func(rune) bool) diag.List {
	if p == nil || drawn == nil {
		return nil
	}
	l := GlyphsPractice(p, drawn)
	for _, c := range p.Cases {
		l = append(l, GlyphsCase(c, drawn)...)
	}
	return l
}

// GlyphsPractice is the part of Glyphs that checks practice.yaml (the
// practice's name and the coordinator's). Its texts reach every document, so
// they are errors as soon as any issue of any case is documented.
func GlyphsPractice(p *practice.Practice, drawn func(rune) bool) diag.List {
	if p == nil || drawn == nil {
		return nil
	}
	var l diag.List
	documented := false
	for _, c := range p.Cases {
		if c == nil {
			continue
		}
		for _, is := range c.Issues {
			if is != nil && is.Documented() {
				documented = true
			}
		}
	}
	g := glyphChecker{l: &l, drawn: drawn}
	g.field(&p.Src, "name", p.Name, documented)
	coordinator := func(path string, co practice.Coordinator) {
		g.field(&p.Src, path+".name", co.Name, documented)
		g.field(&p.Src, path+".credentials", co.Credentials, documented)
		for i, a := range co.Address {
			g.field(&p.Src, fmt.Sprintf("%s.address[%d]", path, i), a, documented)
		}
	}
	coordinator("coordinator", p.Coordinator)
	for i, co := range p.Coordinators {
		coordinator(fmt.Sprintf("coordinators[%d]", i), co)
	}
	return l
}

// GlyphsCase is the part of Glyphs that checks one case: its case file and
// its issues. What it finds depends on that case alone, so watch mode keeps
// it until the case is read again.
func GlyphsCase(c *practice.Case, drawn func(rune) bool) diag.List {
	if c == nil || drawn == nil {
		return nil
	}
	var l diag.List
	g := glyphChecker{l: &l, drawn: drawn}
	doc := false
	for _, is := range c.Issues {
		if is != nil && is.Documented() {
			doc = true
		}
	}
	src := &c.Src
	g.field(src, "title", c.Title, doc)
	g.field(src, "court", c.Court, doc)
	g.field(src, "court_case_no", c.CourtCaseNo, doc)
	for _, key := range []string{practice.PartyA, practice.PartyB} {
		pa := c.Party(key)
		base := "parties." + key
		g.field(src, base+".name", pa.Name, doc)
		g.field(src, base+".label", pa.Label, doc)
		if pa.Counsel != nil {
			g.field(src, base+".counsel.name", pa.Counsel.Name, doc)
			g.field(src, base+".counsel.firm", pa.Counsel.Firm, doc)
		}
	}
	g.field(src, "plan.title", c.Plan.Title, doc)
	for i, cl := range c.Plan.Clauses {
		g.indexed(src, "plan.clauses[%d].title", i, cl.Title, doc)
		g.indexed(src, "plan.clauses[%d].text", i, cl.Text, doc)
	}
	for _, is := range c.Issues {
		if is == nil {
			continue
		}
		d := is.Documented()
		src := &is.Src
		g.field(src, "title", is.Title, d)
		g.field(src, "question", is.Question, d)
		g.field(src, "positions.parent_a", is.Positions.ParentA, d)
		g.field(src, "positions.parent_b", is.Positions.ParentB, d)
		for i, e := range is.Events {
			g.indexed(src, "events[%d].note", i, e.Note, d)
		}
		if o := is.Outcome; o != nil {
			g.field(src, "outcome.summary", o.Summary, d)
			for i, dir := range o.Directives {
				g.indexed(src, "outcome.directives[%d]", i, dir, d)
			}
		}
		// The body, line by line from its first line (private
		// sections, which no document prints, are not in Body).
		if src.BodyLine > 0 && !g.allDrawn(is.Body) {
			for i, line := range strings.Split(is.Body, "\n") {
				g.text(practice.Pos{File: src.File, Line: src.BodyLine + i}, "the record", line, d)
			}
		}
	}
	return l
}

type glyphChecker struct {
	l     *diag.List
	drawn func(rune) bool
}

// field checks the value of the key at path in src. Every font draws
// ASCII, and nearly every value is ASCII: it is found so before the key's
// line is looked up (with nonASCII and allDrawn, the check of a
// 10,000-issue practice went from 55-70 ms to about 30).
func (g glyphChecker) field(src *practice.Source, path, s string, documented bool) {
	if isASCII(s) {
		return
	}
	g.text(src.At(path), path, s, documented)
}

// indexed is field for the path fmt.Sprintf(format, i), made only when s
// needs checking.
func (g glyphChecker) indexed(src *practice.Source, format string, i int, s string, documented bool) {
	if isASCII(s) {
		return
	}
	g.field(src, fmt.Sprintf(format, i), s, documented)
}

// allDrawn reports whether the fonts draw every character of s: a record
// is split into lines, to say which line is at fault, only when one is.
func (g glyphChecker) allDrawn(s string) bool {
	for {
		i := nonASCII(s)
		if i < 0 {
			return true
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !g.drawn(r) {
			return false
		}
		s = s[i+n:]
	}
}

func isASCII(s string) bool { return nonASCII(s) < 0 }

// nonASCII returns the index of the first byte of s that is not ASCII, or
// -1. It tests eight bytes at a time: the records of a 10,000-issue
// practice are about 30 MB, nearly all ASCII, and decoding them rune by
// rune was 20 to 30 ms of a check that runs before anything is built.
func nonASCII(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if (s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7])&0x80 != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}

// text checks s, written at pos, which is what says where it came from.
func (g glyphChecker) text(pos practice.Pos, what, s string, documented bool) {
	if isASCII(s) {
		return
	}
	var missing []rune
	var pkgs []string
	astral := false
	for _, r := range s {
		if r < utf8.RuneSelf || g.drawn(r) || containsRune(missing, r) {
			continue
		}
		missing = append(missing, r)
		if r > 0xFFFF {
			astral = true
			continue
		}
		if pkg := fontstack.Package(fontstack.Script(r)); !containsString(pkgs, pkg) {
			pkgs = append(pkgs, pkg)
		}
	}
	if len(missing) == 0 {
		return
	}
	var chars []string
	for _, r := range missing {
		sc := fontstack.Script(r)
		if sc == "" {
			sc = "no script"
		}
		chars = append(chars, fmt.Sprintf("%U %q (%s)", r, r, sc))
	}
	msg := what + " has characters no available font can draw, so a document would misprint them: " + strings.Join(chars, ", ")
	if len(pkgs) > 0 {
		msg += "; install the Debian package " + strings.Join(pkgs, " and ") + ", or name a TrueType font that has them (a file or folder) in practice.yaml documents.fonts"
	}
	if astral {
		// Fonts are read for the Basic Multilingual Plane only (cmap
		// format 4); emoji fonts are colour bitmaps besides.
		msg += "; characters beyond U+FFFF (emoji, rare ideographs) cannot be printed: write them out in words"
	}
	if documented {
		g.l.Errorf(pos, "%s", msg)
	} else {
		g.l.Warnf(pos, "%s, before the issue is documented", msg)
	}
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
