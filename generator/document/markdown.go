package document

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"pcdocket/generator/markup"
)

// markdown turns the Markdown src into blocks by walking goldmark's tree:
// headings, paragraphs, lists, emphasis, block quotes, code, tables and
// footnotes. Raw HTML becomes the text it is, never markup.
func markdown(md *markup.Markdown, src []byte, sc *screener) []Block {
	m := &mdWalker{src: src, sc: sc}
	return m.blocks(md.Parse(src))
}

// mdWalker carries the source the tree's segments point into.
type mdWalker struct {
	src []byte
	sc  *screener
}

func (m *mdWalker) blocks(n ast.Node) []Block {
	var out []Block
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, m.block(c)...)
	}
	return out
}

func (m *mdWalker) block(n ast.Node) []Block {
	switch n := n.(type) {
	case *ast.Heading:
		t := plainText(m.inline(n))
		if m.sc.speaks(t) {
			m.sc.withheld++
			return nil
		}
		return []Block{&Heading{Level: n.Level, Text: t}}
	case *ast.Paragraph, *ast.TextBlock:
		runs := trimRuns(m.sc.runs(m.inline(n)))
		if len(runs) == 0 {
			return nil
		}
		return []Block{&Paragraph{Runs: runs}}
	case *ast.List:
		return m.list(n)
	case *ast.Blockquote:
		if bs := m.blocks(n); len(bs) > 0 {
			return []Block{&Quote{Blocks: bs}}
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return m.lines(n.Lines(), nil)
	case *ast.HTMLBlock:
		var closure []byte
		if n.HasClosure() {
			closure = n.ClosureLine.Value(m.src)
		}
		return m.lines(n.Lines(), closure)
	case *ast.ThematicBreak:
		return []Block{&Rule{}}
	case *east.Table:
		return m.table(n)
	case *east.FootnoteList:
		l := &List{}
		for i, c := 1, n.FirstChild(); c != nil; i, c = i+1, c.NextSibling() {
			if bs := m.blocks(c); len(bs) > 0 {
				l.Items = append(l.Items, Item{Label: fmt.Sprintf("[%d]", i), Blocks: bs})
			}
		}
		if len(l.Items) > 0 {
			return []Block{&Rule{}, &Heading{Level: 4, Text: "Notes"}, l}
		}
	default:
		// Unknown blocks (definition lists and the like) still show their text.
		if n.Type() == ast.TypeBlock && n.FirstChild() != nil {
			return m.blocks(n)
		}
	}
	return nil
}

// lines is a code or HTML block, line by line, as plain text.
func (m *mdWalker) lines(ls *gtext.Segments, closure []byte) []Block {
	var b strings.Builder
	for i := 0; i < ls.Len(); i++ {
		s := ls.At(i)
		b.Write(bytes.TrimRight(s.Value(m.src), "\r\n"))
		b.WriteByte('\n')
	}
	if closure != nil {
		b.Write(bytes.TrimRight(closure, "\r\n"))
	}
	t := strings.TrimRight(b.String(), "\n")
	if strings.TrimSpace(t) == "" {
		return nil
	}
	if m.sc.speaks(t) {
		m.sc.withheld++
		return nil
	}
	return []Block{&Preformatted{Text: t}}
}

// list is a bullet or numbered list; items are numbered after any item
// left out, so that the numbers run on.
func (m *mdWalker) list(n *ast.List) []Block {
	l := &List{Tight: n.IsTight}
	num := n.Start
	if num == 0 {
		num = 1
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		bs := m.blocks(c)
		if len(bs) == 0 {
			continue
		}
		label := "•"
		if n.IsOrdered() {
			label = fmt.Sprintf("%d%c", num, n.Marker)
			num++
		}
		l.Items = append(l.Items, Item{Label: label, Blocks: bs})
	}
	if len(l.Items) == 0 {
		return nil
	}
	return []Block{l}
}

// table is a GFM table of plain cells.
func (m *mdWalker) table(n *east.Table) []Block {
	t := &Table{}
	cols := 0
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, m.sc.text(plainText(m.inline(c))))
		}
		cols = max(cols, len(cells))
		if _, ok := r.(*east.TableHeader); ok {
			t.Header = cells
			continue
		}
		t.Rows = append(t.Rows, cells)
	}
	if cols == 0 {
		return nil
	}
	pad := func(r []string) []string {
		for len(r) < cols {
			r = append(r, "")
		}
		return r
	}
	if t.Header != nil {
		t.Header = pad(t.Header)
	}
	for i := range t.Rows {
		t.Rows[i] = pad(t.Rows[i])
	}
	t.Align = make([]string, cols)
	for i := range t.Align {
		t.Align[i] = "L"
		if i < len(n.Alignments) {
			switch n.Alignments[i] {
			case east.AlignRight:
				t.Align[i] = "R"
			case east.AlignCenter:
				t.Align[i] = "C"
			}
		}
	}
	return []Block{t}
}

// inline collects the inline content of n as styled runs.
func (m *mdWalker) inline(n ast.Node) []Run {
	var b runBuf
	m.inlines(n, Run{}, &b)
	return b.done()
}

// runBuf collects styled runs. The text of neighbours in one style is
// joined in a byte buffer: joining strings copied a paragraph's text once
// for each of its lines (65 MB a build at 1,000 issues).
type runBuf struct {
	runs []Run
	text []byte // the text of the last run, not yet stored in it
}

func (b *runBuf) add(s string, style Run) {
	if s == "" {
		return
	}
	if k := len(b.runs) - 1; k >= 0 && sameStyle(b.runs[k], style) {
		b.text = append(b.text, s...)
		return
	}
	b.flush()
	style.Text = ""
	b.runs = append(b.runs, style)
	b.text = append(b.text[:0], s...)
}

func (b *runBuf) flush() {
	if k := len(b.runs) - 1; k >= 0 {
		b.runs[k].Text = string(b.text)
	}
}

// done returns the runs, the last one's text stored.
func (b *runBuf) done() []Run {
	b.flush()
	return b.runs
}

func (m *mdWalker) inlines(n ast.Node, style Run, runs *runBuf) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		m.inlineNode(c, style, runs)
	}
}

func (m *mdWalker) inlineNode(n ast.Node, style Run, runs *runBuf) {
	add := func(s string) { runs.add(s, style) }
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
			s.Bold = true
		} else {
			s.Italic = true
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
		var ib runBuf
		m.inlines(n, style, &ib)
		inner := ib.done()
		for _, r := range inner {
			style := r
			style.Text = ""
			m.inlineText(r.Text, style, runs)
		}
		dest := string(n.Destination)
		if dest != "" && !strings.HasPrefix(dest, "#") && plainText(inner) != dest {
			add(" <" + dest + ">")
		}
	case *ast.AutoLink:
		add(string(n.URL(m.src)))
	case *ast.Image:
		add("[image: " + plainText(m.inline(n)) + "]")
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			s := n.Segments.At(i)
			add(string(s.Value(m.src)))
		}
	case *east.Strikethrough:
		s := style
		s.Strike = true
		m.inlines(n, s, runs)
	case *east.FootnoteLink:
		add(fmt.Sprintf("[%d]", n.Index))
	case *east.FootnoteBacklink:
		// A document has no back-links; the note number says enough.
	default:
		m.inlines(n, style, runs)
	}
}

// inlineText appends s in style to runs, merging with the last run of the
// same style.
func (m *mdWalker) inlineText(s string, style Run, runs *runBuf) { runs.add(s, style) }

func sameStyle(a, b Run) bool {
	return a.Bold == b.Bold && a.Italic == b.Italic && a.Strike == b.Strike
}

// trimRuns drops the spaces at either end of a paragraph.
func trimRuns(runs []Run) []Run {
	for len(runs) > 0 {
		runs[0].Text = strings.TrimLeft(runs[0].Text, " \n")
		if runs[0].Text != "" {
			break
		}
		runs = runs[1:]
	}
	for len(runs) > 0 {
		k := len(runs) - 1
		runs[k].Text = strings.TrimRight(runs[k].Text, " \n")
		if runs[k].Text != "" {
			break
		}
		runs = runs[:k]
	}
	return runs
}

// unescape resolves backslash escapes and character references, as
// goldmark's HTML writer does.
func unescape(v []byte) []byte {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// plainText joins runs' text.
func plainText(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return strings.TrimSpace(b.String())
}
