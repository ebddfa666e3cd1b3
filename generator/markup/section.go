package markup

import (
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A page places the coordinator's Markdown under headings of its own (an
// issue's record sits under "Record", an h2). Two AST transformers fit the
// Markdown to that place, so that the page keeps a valid outline and works
// on a phone whatever the coordinator typed:
//
//   - sectionHeadings maps every heading below the page's own heading level
//     without skipping a level: "## Background" then "#### Detail" under an
//     h2 become h3 and h4, never h4 and h6;
//   - scrollTables wraps every table in a ScrollRegion, a focusable,
//     labelled box that scrolls sideways when the table is wider than the
//     screen, so that a keyboard can reach what is off to the side.
//
// Both act only when the parser context names a level (see Section), so
// Parse, which the document assembler walks, still returns the tree as
// typed.

// sectionLevel is the parser context key of the level of the heading the
// Markdown is placed under, an int from 1 to 6.
var sectionLevel = parser.NewContextKey()

// sectionExtension is the goldmark extension of the two transformers and
// the ScrollRegion's renderer.
type sectionExtension struct{}

// Extend adds the transformers and the renderer to m.
func (sectionExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(sectionHeadings{}, 900),
		util.Prioritized(scrollTables{}, 910),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(scrollRegionRenderer{}, 100)))
}

// level returns the section level set in pc, or 0 when none is.
func level(pc parser.Context) int {
	n, _ := pc.Get(sectionLevel).(int)
	if n < 1 || n > 6 {
		return 0
	}
	return n
}

// sectionHeadings renumbers the headings of a document placed under a
// heading of the context's level.
type sectionHeadings struct{}

// Transform gives every heading the level one below its nearest enclosing
// heading (the nearest earlier heading the coordinator typed at a higher
// level), the top ones one below the section's: the outline the
// coordinator meant, with no level skipped. Levels past 6, which HTML
// lacks, stay at 6.
func (sectionHeadings) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	base := level(pc)
	if base == 0 {
		return
	}
	type open struct{ typed, level int }
	var stack []open
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		for len(stack) > 0 && stack[len(stack)-1].typed >= h.Level {
			stack = stack[:len(stack)-1]
		}
		lvl := base + 1
		if len(stack) > 0 {
			lvl = stack[len(stack)-1].level + 1
		}
		stack = append(stack, open{typed: h.Level, level: lvl})
		h.Level = min(lvl, 6)
		return ast.WalkSkipChildren, nil
	})
}

// KindScrollRegion is the ast.NodeKind of ScrollRegion.
var KindScrollRegion = ast.NewNodeKind("ScrollRegion")

// A ScrollRegion holds one table: a box that scrolls sideways when the
// table is wider than the page, which a keyboard can focus (to scroll it
// with the arrow keys) and a screen reader names by the table's columns.
type ScrollRegion struct {
	ast.BaseBlock
	// Label names the region: "Table: " and the table's column headings.
	Label string
}

// Kind implements ast.Node.
func (*ScrollRegion) Kind() ast.NodeKind { return KindScrollRegion }

// Dump implements ast.Node.
func (r *ScrollRegion) Dump(source []byte, level int) {
	ast.DumpHelper(r, source, level, map[string]string{"Label": r.Label}, nil)
}

// scrollTables wraps every table of a document placed under a section in
// a ScrollRegion.
type scrollTables struct{}

// Transform implements parser.ASTTransformer.
func (scrollTables) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if level(pc) == 0 {
		return
	}
	var tables []*east.Table
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*east.Table); ok && entering {
			tables = append(tables, t)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	src := reader.Source()
	for _, t := range tables {
		r := &ScrollRegion{Label: tableLabel(t, src)}
		parent := t.Parent()
		parent.ReplaceChild(parent, t, r)
		r.AppendChild(r, t)
	}
}

// tableLabel names a table by its column headings, "Table: Date, Event",
// or "Table" when they are empty.
func tableLabel(t *east.Table, src []byte) string {
	var cols []string
	for n := t.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*east.TableHeader); !ok {
			continue
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if s := strings.TrimSpace(plainText(c, src)); s != "" {
				cols = append(cols, s)
			}
		}
	}
	if len(cols) == 0 {
		return "Table"
	}
	return "Table: " + strings.Join(cols, ", ")
}

// plainText returns the text of n's inline content, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// scrollRegionRenderer writes a ScrollRegion as a focusable group: a group
// rather than a region, because a page may hold several tables and regions
// are landmarks, which must each have a name of their own.
type scrollRegionRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (scrollRegionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindScrollRegion, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(`<div class="scroll" tabindex="0" role="group" aria-label="`)
			w.WriteString(template.HTMLEscapeString(n.(*ScrollRegion).Label))
			w.WriteString("\">\n")
		} else {
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
