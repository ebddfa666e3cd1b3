package public

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"

	"pcdocket/generator/diag"
	"pcdocket/generator/markup"
	"pcdocket/generator/practice"
)

// A body is a public page's Markdown body, parsed with the directives
// (markup.NewWith(directives{...})).
type body struct {
	src []byte
	doc ast.Node
}

func parseBody(md *markup.Markdown, text string) body {
	src := []byte(strings.ReplaceAll(text, "\r\n", "\n"))
	return body{src: src, doc: md.Parse(src)}
}

// hasColumns reports whether the body has a group of columns, for which
// the layout loads its column styles.
func (b body) hasColumns() bool {
	found := false
	_ = ast.Walk(b.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*Columns); ok {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// render returns the body's HTML.
func (b body) render(md *markup.Markdown) (template.HTML, error) { return md.Render(b.src, b.doc) }

// check reports every problem of the body, at its line in file src: a
// level-1 heading (the page title is the page's only h1), a directive out
// of place or unknown, a group of columns never closed.
func (b body) check(l *diag.List, src practice.Source, file string) {
	at := func(offset int) practice.Pos {
		if src.BodyLine <= 0 {
			return practice.Pos{File: file}
		}
		return practice.Pos{File: file, Line: src.BodyLine + bytes.Count(b.src[:offset], []byte("\n"))}
	}
	_ = ast.Walk(b.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 1 {
				offset := 0
				if n.Lines().Len() > 0 {
					offset = n.Lines().At(0).Start
				}
				l.Errorf(at(offset), "a level-1 heading (#) in the page body; the page title is the page's only h1, so start body headings at ##")
			}
		case *Directive:
			l.Errorf(at(n.Offset), "%s", n.Problem)
		case *Columns:
			if !n.Closed {
				l.Errorf(at(n.Offset), `"::: columns" is never closed; end the group with a line ":::"`)
			}
		}
		return ast.WalkContinue, nil
	})
}
