package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"

	"pcdocket/generator/document"
)

// DocumentPage renders dd, a document that belongs to no issue page (a
// report to the court), as an HTML page of its own: the twin of its PDF,
// with the same words, in the private site's style, inlined so that the
// file stands alone beside the PDF. tmpl is read under "private/" as for
// New; lang is the page's language ("" is "en").
func DocumentPage(tmpl fs.FS, dd *document.Document, lang string) ([]byte, error) {
	if lang == "" {
		lang = "en"
	}
	t := template.New("report").Funcs(twinFuncs(func(write func(*bytes.Buffer)) template.HTML {
		var b bytes.Buffer
		write(&b)
		return template.HTML(b.String())
	}))
	for _, name := range []string{"private/document.html", "private/report.html"} {
		b, err := fs.ReadFile(tmpl, name)
		if err != nil {
			return nil, fmt.Errorf("site: reading template: %w", err)
		}
		if _, err := t.New(name).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("site: %w", err)
		}
	}
	css, err := fs.ReadFile(tmpl, "private/style.css")
	if err != nil {
		return nil, fmt.Errorf("site: reading stylesheet: %w", err)
	}
	var out bytes.Buffer
	data := struct {
		Doc  *document.Document
		CSS  template.CSS
		Lang string
	}{dd, template.CSS(css), lang}
	if err := t.ExecuteTemplate(&out, "report-page", data); err != nil {
		return nil, fmt.Errorf("site: %s: %w", dd.ID, err)
	}
	return out.Bytes(), nil
}
