package build

import (
	"fmt"
	"path/filepath"

	"pcdocket/generator/check"
	"pcdocket/generator/diag"
	"pcdocket/generator/fontstack"
	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/practice"
	"pcdocket/templates"
)

// docFonts is the font stack of the practice at root: the fonts
// practice.yaml's documents.fonts names, then the system's.
func docFonts(root string, p *practice.Practice) *fontstack.Stack {
	return fontstack.For(root, p.Documents.Fonts, nil)
}

// glyphFindings reports the characters of documents' text that no font of
// the practice's stack draws (check.Glyphs). A serif family that cannot be
// read is left to the documents to report.
func glyphFindings(root string, p *practice.Practice) diag.List {
	l, drawn := fontFindings(root, p)
	return append(l, check.Glyphs(p, drawn)...)
}

// fontFindings reports the entries of documents.fonts that hold no font,
// and returns which characters the documents' fonts draw (pdfdoc.Coverage),
// or nil when the templates or the fonts cannot be read.
func fontFindings(root string, p *practice.Practice) (diag.List, func(rune) bool) {
	if p == nil {
		return nil, nil
	}
	var l diag.List
	for i, f := range p.Documents.Fonts {
		path := f
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, filepath.FromSlash(f))
		}
		if !fontstack.HasFonts(path) {
			l.Errorf(p.Src.At(fmt.Sprintf("documents.fonts[%d]", i)), "documents.fonts[%d] %q is not a font file (.ttf, .otf, .ttc) or a folder holding one: correct the path (relative to the practice folder) or remove it", i, f)
		}
	}
	tmpl := templates.OverlayLimit(filepath.Join(root, "templates"), p.MaxFileBytes())
	drawn, err := pdfdoc.Coverage(tmpl, docFonts(root, p))
	if err != nil {
		return l, nil
	}
	return l, drawn
}
