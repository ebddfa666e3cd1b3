package build

import (
	"context"
	"fmt"
	"path/filepath"

	"pcdocket/generator/diag"
	"pcdocket/generator/document"
	"pcdocket/generator/markup"
	"pcdocket/generator/parse"
	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/practice"
	"pcdocket/generator/site"
	"pcdocket/templates"
)

// ReportDoc is one report to the court (issue 18) as `pcdocket report`
// writes it: the PDF, signed like the determinations, and its HTML twin.
type ReportDoc struct {
	Case string
	Name string // "<case>-<kind>-<date>", without extension
	PDF  []byte
	HTML []byte
	// Elsewhere holds the errors of other cases and of the public pages:
	// they do not touch the report, so they are listed, not blocking.
	Elsewhere diag.List
}

// Report builds the report called name ("status", "noncompliance",
// "end-of-term"; see document.Reports) on case caseID as of opts.AsOf
// (today in the practice's time zone when zero), its certificate of
// service dated served (a blank when zero). As for Seal, the case's own
// folder and the practice-wide files must be free of errors; errors
// there return a *diag.ListError.
func Report(ctx context.Context, opts Options, caseID, name string, served practice.Date) (*ReportDoc, error) {
	kind := document.ReportKind(name)
	if kind == "" {
		return nil, fmt.Errorf("%q is not a report: want status, noncompliance or end-of-term", name)
	}
	l, err := Load(ctx, opts)
	if err != nil {
		return nil, err
	}
	p := l.Practice
	if p == nil || p.Case(caseID) == nil {
		return nil, fmt.Errorf("no case %q in content/cases", caseID)
	}
	blocking, elsewhere := splitFindings(l.Findings, caseID)
	if err := blocking.Err(); err != nil {
		return nil, err
	}
	c := p.Case(caseID)
	book := l.Deadlines()
	dd, err := document.Report(p, c, kind, document.ReportOptions{AsOf: l.AsOf, Served: served, Rules: document.CaseRules(book, c)})
	if err != nil {
		return nil, err
	}
	tmpl := templates.OverlayLimit(filepath.Join(opts.Source, parse.TemplatesDir), p.MaxFileBytes())
	a, err := pdfdoc.New(tmpl, markup.New(), document.ProfileRules(book))
	if err != nil {
		return nil, err
	}
	a.SetFonts(docFonts(opts.Source, p))
	if err := signWith(a, opts.Source, p); err != nil {
		return nil, err
	}
	pdf, err := a.Render(dd)
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", caseID, err)
	}
	twin, err := site.DocumentPage(tmpl, dd, p.Language)
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", caseID, err)
	}
	return &ReportDoc{
		Case:      caseID,
		Name:      fmt.Sprintf("%s-%s-%s", caseID, kind, l.AsOf),
		PDF:       pdf,
		HTML:      twin,
		Elsewhere: elsewhere,
	}, nil
}
