// Package markup turns the Markdown of case files and public pages into HTML,
// and exposes the parsed tree for document assembly.
//
// Raw HTML is never rendered: a case record is written by the coordinator
// but often quotes the parents' own messages, and a pasted <script> or
// <img onerror> must show as text, not run in the coordinator's browser.
package markup

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown converts Markdown with GFM tables, strikethrough and footnotes.
// It is safe for concurrent use.
type Markdown struct {
	md   goldmark.Markdown
	bufs sync.Pool // of *bytes.Buffer: see convert
}

// New returns a converter.
func New() *Markdown { return NewWith() }

// NewWith returns a converter with ext, further goldmark extensions, added
// (package public's directives and link rewriting).
func NewWith(ext ...goldmark.Extender) *Markdown {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote, sectionExtension{}),
		goldmark.WithExtensions(ext...),
		goldmark.WithRendererOptions(
			html.WithXHTML(),
			renderer.WithNodeRenderers(util.Prioritized(escapeRaw{}, 100)),
		),
	)
	m := &Markdown{md: md}
	m.bufs.New = func() any { return new(bytes.Buffer) }
	return m
}

// bufWriter is a bytes.Buffer as goldmark's renderer writes to it: it
// wraps any other writer in a bufio.Writer of 4 KB, a new one for every
// conversion, and flushes it into the buffer.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

// convert converts src with the options, in a buffer of m's pool, and
// returns the HTML.
//
// Fast path: each issue page of a build converts a record, and each
// conversion grew a buffer of its own from empty and wrapped it in a new
// bufio.Writer: at 10,000 issues the writers and the growing were 41 of
// the 180 MB the conversions allocated. The HTML is copied out once, at
// its size.
func (m *Markdown) convert(src string, opts ...parser.ParseOption) (template.HTML, error) {
	buf := m.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer m.bufs.Put(buf)
	if err := m.md.Convert([]byte(src), bufWriter{buf}, opts...); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// HTML renders src to HTML that is safe to embed in a page.
func (m *Markdown) HTML(src string) (template.HTML, error) {
	return m.convert(src)
}

// Section renders src as the content of a page's section whose own
// heading is at level (1 to 6): the headings of src become level+1 and
// below without skipping a level, and each table is wrapped in a
// ScrollRegion. It is safe for concurrent use.
func (m *Markdown) Section(src string, level int) (template.HTML, error) {
	if level < 1 || level > 6 {
		return "", fmt.Errorf("markup: section level %d: want 1 to 6", level)
	}
	pc := parser.NewContext()
	pc.Set(sectionLevel, level)
	return m.convert(src, parser.WithContext(pc))
}

// Render returns the HTML of n, a tree that Parse made of src.
func (m *Markdown) Render(src []byte, n ast.Node) (template.HTML, error) {
	var buf bytes.Buffer
	if err := m.md.Renderer().Render(&buf, src, n); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// Parse returns the document tree of src; node segments refer into src.
func (m *Markdown) Parse(src []byte) ast.Node {
	return m.md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
}

// escapeRaw renders raw HTML, inline and block, as escaped text.
type escapeRaw struct{}

func (escapeRaw) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
}

func renderRawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := n.(*ast.RawHTML).Segments
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		template.HTMLEscape(w, s.Value(src))
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	w.WriteString("<p>")
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		if i > 0 {
			w.WriteString("<br />")
		}
		template.HTMLEscape(w, bytes.TrimRight(s.Value(src), "\r\n"))
	}
	if b.HasClosure() {
		w.WriteString("<br />")
		template.HTMLEscape(w, bytes.TrimRight(b.ClosureLine.Value(src), "\r\n"))
	}
	w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}
