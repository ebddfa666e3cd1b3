package pdfdoc

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown renders the Markdown src by walking goldmark's tree: headings,
// paragraphs, lists, emphasis, block quotes, code, tables and footnotes.
// Raw HTML is printed as the text it is, never interpreted.
func (d *doc) markdown(src []byte) {
	root := d.a.md.Parse(src)
	m := &mdWriter{d: d, src: src}
	m.blocks(root, false)
	d.body("")
}

// mdWriter carries the source the tree's segments point into.
type mdWriter struct {
	d   *doc
	src []byte
}

// blocks renders the block children of n; tight lists use smaller gaps.
func (m *mdWriter) blocks(n ast.Node, tight bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		m.block(c, tight)
	}
}

func (m *mdWriter) block(n ast.Node, tight bool) {
	d := m.d
	switch n := n.(type) {
	case *ast.Heading:
		size := bodySize
		switch n.Level {
		case 1:
			size = 12.5
		case 2:
			size = 12
		}
		d.subheading(plain(m.inline(n)), "B", size)
	case *ast.Paragraph, *ast.TextBlock:
		d.f.SetX(d.lm())
		d.write(bodyLine, m.inline(n))
		d.f.Ln(bodyLine)
		if tight {
			d.f.Ln(paraGap * 0.3)
		} else {
			d.f.Ln(paraGap)
		}
	case *ast.List:
		m.list(n)
	case *ast.Blockquote:
		d.indent(quoteIn, quoteIn/2, func() { m.blocks(n, false) })
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		m.lines(n.Lines(), nil)
	case *ast.HTMLBlock:
		var closure []byte
		if n.HasClosure() {
			closure = n.ClosureLine.Value(m.src)
		}
		m.lines(n.Lines(), closure)
	case *ast.ThematicBreak:
		d.hrule(2, paraGap+4)
	case *east.Table:
		m.table(n)
	case *east.FootnoteList:
		d.f.Ln(2)
		d.style("", smallSize)
		d.hrule(0, 4)
		d.subheading("Notes", "B", bodySize)
		for i, c := 1, n.FirstChild(); c != nil; i, c = i+1, c.NextSibling() {
			d.body("")
			l := d.lm()
			d.needSpace(2 * bodyLine)
			d.f.SetX(l)
			d.cell(hangW, bodyLine, fmt.Sprintf("[%d]", i), "L", 0)
			d.indent(hangW, 0, func() {
				d.f.SetX(l + hangW)
				m.blocks(c, true)
			})
		}
	default:
		// Unknown blocks (definition lists and the like) still show their text.
		if n.Type() == ast.TypeBlock && n.FirstChild() != nil {
			m.blocks(n, tight)
		}
	}
}

// lines prints a code or HTML block line by line, as plain text.
func (m *mdWriter) lines(ls *gtext.Segments, closure []byte) {
	d := m.d
	var b strings.Builder
	for i := 0; i < ls.Len(); i++ {
		s := ls.At(i)
		b.Write(bytes.TrimRight(s.Value(m.src), "\r\n"))
		b.WriteByte('\n')
	}
	if closure != nil {
		b.Write(bytes.TrimRight(closure, "\r\n"))
	}
	d.indent(quoteIn/2, 0, func() {
		d.f.SetX(d.lm())
		d.write(bodyLine, []run{{strings.TrimRight(b.String(), "\n"), ""}})
		d.f.Ln(bodyLine)
		d.f.Ln(paraGap)
	})
}

// list renders a bullet or numbered list with hanging labels.
func (m *mdWriter) list(n *ast.List) {
	d := m.d
	num := n.Start
	if num == 0 {
		num = 1
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		label := "•"
		if n.IsOrdered() {
			label = fmt.Sprintf("%d%c", num, n.Marker)
			num++
		}
		d.body("")
		l := d.lm()
		d.needSpace(2 * bodyLine)
		d.f.SetX(l)
		d.cell(hangW, bodyLine, label, "L", 0)
		d.indent(hangW, 0, func() {
			d.f.SetX(l + hangW)
			m.blocks(c, n.IsTight)
		})
	}
	if n.IsTight {
		d.f.Ln(paraGap * 0.7)
	}
}

// inline collects the inline content of n as styled runs.
func (m *mdWriter) inline(n ast.Node) []run {
	var runs []run
	m.inlines(n, "", &runs)
	return runs
}

func (m *mdWriter) inlines(n ast.Node, style string, runs *[]run) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		m.inlineNode(c, style, runs)
	}
}

func (m *mdWriter) inlineNode(n ast.Node, style string, runs *[]run) {
	add := func(s string) { *runs = append(*runs, run{s, style}) }
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(m.src)
		if !n.IsRaw() {
			v = unescape(v)
		}
		add(string(v))
		switch {
		case n.HardLineBreak():
			add("\n")
		case n.SoftLineBreak():
			add(" ")
		}
	case *ast.String:
		v := n.Value
		if !n.IsRaw() && !n.IsCode() {
			v = unescape(v)
		}
		add(string(v))
	case *ast.Emphasis:
		s := style
		if n.Level >= 2 {
			s = addStyle(s, "B")
		} else {
			s = addStyle(s, "I")
		}
		m.inlines(n, s, runs)
	case *ast.CodeSpan:
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(m.src))
			} else if s, ok := c.(*ast.String); ok {
				b.Write(s.Value)
			}
		}
		add(b.String())
	case *ast.Link:
		before := len(*runs)
		m.inlines(n, style, runs)
		dest := string(n.Destination)
		if dest != "" && !strings.HasPrefix(dest, "#") && plain((*runs)[before:]) != dest {
			add(" <" + dest + ">")
		}
	case *ast.AutoLink:
		add(string(n.URL(m.src)))
	case *ast.Image:
		add("[image: " + plain(m.inline(n)) + "]")
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			s := n.Segments.At(i)
			add(string(s.Value(m.src)))
		}
	case *east.Strikethrough:
		m.inlines(n, addStyle(style, "S"), runs)
	case *east.FootnoteLink:
		add(fmt.Sprintf("[%d]", n.Index))
	case *east.FootnoteBacklink:
		// The PDF has no back-links; the note number says enough.
	default:
		m.inlines(n, style, runs)
	}
}

// addStyle merges a style letter into an fpdf style string, keeping the
// order fpdf's font keys use ("BI", then "S").
func addStyle(style, letter string) string {
	if strings.Contains(style, letter) {
		return style
	}
	b := strings.Contains(style, "B") || letter == "B"
	i := strings.Contains(style, "I") || letter == "I"
	s := strings.Contains(style, "S") || letter == "S"
	out := ""
	if b {
		out += "B"
	}
	if i {
		out += "I"
	}
	if s {
		out += "S"
	}
	return out
}

// unescape resolves backslash escapes and character references, as
// goldmark's HTML writer does.
func unescape(v []byte) []byte {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// plain joins runs' text.
func plain(runs []run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.text)
	}
	return strings.TrimSpace(b.String())
}
