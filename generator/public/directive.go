package public

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Directive lines let a public page do the two things plain Markdown cannot,
// without raw HTML (which markup escapes):
//
//	::: columns   start a group of side-by-side columns (the first column)
//	::: column    start the next column
//	:::           end the group
//	::: contact   the coordinator's contact details, as in the footer
//
// A directive is a line of its own, at the left margin of the page's top
// level (not in a list, a quote or a code block), and it ends a paragraph.
// Columns stack on narrow screens in source order, so reading order and
// heading order stay those of the Markdown.
//
// They are a goldmark extension (directives): a block parser reads each
// directive line into a Directive node, and a transformer then moves the
// blocks between "::: columns" and ":::" into a Columns node of Column
// nodes, and turns "::: contact" into a Contact node. A directive it cannot
// place stays a Directive, with its Problem; Check reports them.
const directive = ":::"

// Kinds of the directives' nodes.
var (
	KindDirective = ast.NewNodeKind("Directive")
	KindColumns   = ast.NewNodeKind("Columns")
	KindColumn    = ast.NewNodeKind("Column")
	KindContact   = ast.NewNodeKind("Contact")
)

// Directive is a directive line. After the transformer, only those it could
// not place are left, each with its Problem.
type Directive struct {
	ast.BaseBlock
	Name    string // what follows ":::", trimmed: "columns", "column", "", "contact"
	Line    string // the line as written, for messages
	Offset  int    // byte offset of the line in the source, for its line number
	Problem string // why the directive is not valid here; "" before the transformer
}

// Kind implements ast.Node.
func (n *Directive) Kind() ast.NodeKind { return KindDirective }

// IsRaw implements ast.Node: a directive has no inline content.
func (n *Directive) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *Directive) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name, "Problem": n.Problem}, nil)
}

// Columns is a group of side-by-side columns: its children are Column
// nodes.
type Columns struct {
	ast.BaseBlock
	Offset int  // byte offset of its "::: columns" line
	Closed bool // a ":::" line ends it
}

// Kind implements ast.Node.
func (n *Columns) Kind() ast.NodeKind { return KindColumns }

// Dump implements ast.Node.
func (n *Columns) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Closed": fmt.Sprint(n.Closed)}, nil)
}

// Column is one column of a Columns group; its children are the blocks
// written in it.
type Column struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *Column) Kind() ast.NodeKind { return KindColumn }

// Dump implements ast.Node.
func (n *Column) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// Contact stands for the coordinator's contact details.
type Contact struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *Contact) Kind() ast.NodeKind { return KindContact }

// Dump implements ast.Node.
func (n *Contact) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// directives is the goldmark extension of the directive lines; contact is
// the HTML a Contact node renders as.
type directives struct{ contact template.HTML }

// Extend implements goldmark.Extender.
func (e directives) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(directiveParser{}, 50)),
		parser.WithASTTransformers(util.Prioritized(columnsTransformer{}, 50)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(directiveRenderer{e.contact}, 50)))
}

// directiveParser reads a directive line into a Directive node.
type directiveParser struct{}

func (directiveParser) Trigger() []byte { return []byte{':'} }

func (directiveParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if parent.Kind() != ast.KindDocument || pc.BlockIndent() != 0 {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	if !bytes.HasPrefix(line, []byte(directive)) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	text := strings.TrimRight(string(line), "\r\n")
	return &Directive{Name: strings.TrimSpace(text[len(directive):]), Line: text, Offset: seg.Start}, parser.NoChildren
}

func (directiveParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

func (directiveParser) Close(ast.Node, text.Reader, parser.Context) {}

func (directiveParser) CanInterruptParagraph() bool { return true }

func (directiveParser) CanAcceptIndentedLine() bool { return false }

// columnsTransformer puts the blocks between "::: columns" and ":::" into
// Columns and Column nodes and turns "::: contact" into a Contact node;
// the directives it cannot place keep their node, with a Problem.
type columnsTransformer struct{}

func (columnsTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var (
		cols *Columns // the open group, if any
		col  *Column  // its current column
	)
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		d, ok := n.(*Directive)
		switch {
		case !ok:
			if col != nil {
				doc.RemoveChild(doc, n)
				col.AppendChild(col, n)
			}
		case d.Name == "columns" && cols != nil:
			d.Problem = `"::: columns" inside columns; close the first group with ":::"`
		case d.Name == "columns":
			cols, col = &Columns{Offset: d.Offset}, &Column{}
			cols.AppendChild(cols, col)
			doc.ReplaceChild(doc, d, cols)
		case d.Name == "column" && cols == nil:
			d.Problem = `"::: column" outside "::: columns"`
		case d.Name == "column":
			col = &Column{}
			cols.AppendChild(cols, col)
			doc.RemoveChild(doc, d)
		case d.Name == "" && cols == nil:
			d.Problem = `":::" closes nothing`
		case d.Name == "":
			cols.Closed = true
			cols, col = nil, nil
			doc.RemoveChild(doc, d)
		case d.Name == "contact":
			c := &Contact{}
			if col != nil {
				doc.RemoveChild(doc, d)
				col.AppendChild(col, c)
			} else {
				doc.ReplaceChild(doc, d, c)
			}
		default:
			d.Problem = fmt.Sprintf(`unknown directive %q; want "::: columns", "::: column", ":::" or "::: contact"`, d.Line)
		}
		if ok && d.Problem != "" && col != nil {
			doc.RemoveChild(doc, d)
			col.AppendChild(col, d)
		}
		n = next
	}
}

// directiveRenderer writes the directives' nodes as HTML.
type directiveRenderer struct{ contact template.HTML }

func (r directiveRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindColumns, div("columns"))
	reg.Register(KindColumn, div("column"))
	reg.Register(KindContact, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(string(r.contact))
			w.WriteString("\n")
		}
		return ast.WalkContinue, nil
	})
	// A misplaced directive is an error Check reports; a page that has one
	// is never published, so it renders as nothing.
	reg.Register(KindDirective, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}

// div renders a node as a div of the class around its children.
func div(class string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(`<div class="` + class + "\">\n")
		} else {
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	}
}
