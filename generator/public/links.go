package public

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// rootLinks is the goldmark extension that makes every relative link and
// image of a page start from root, the base URL's path ("/" or "/pc/"): the
// 404 page is shown at any depth (/a/b/c), where a relative link would
// break. Links to a fragment, root-relative links and URLs with a scheme
// (anything with a colon) are left alone.
type rootLinks struct{ root string }

// Extend implements goldmark.Extender.
func (e rootLinks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 100)))
}

// Transform implements parser.ASTTransformer.
func (e rootLinks) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = e.rebase(n.Destination)
		case *ast.Image:
			n.Destination = e.rebase(n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

// rebase returns dest from the root when it is relative.
func (e rootLinks) rebase(dest []byte) []byte {
	if len(dest) == 0 || bytes.IndexByte([]byte("#/"), dest[0]) >= 0 || bytes.IndexByte(dest, ':') >= 0 {
		return dest
	}
	return append([]byte(e.root), dest...)
}
