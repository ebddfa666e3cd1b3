package site

import (
	"bytes"
	"errors"
	"html/template"
	"strconv"
)

// The frame of every private page, the templates head, crumbs and foot of
// layout.html, written in Go: pageHead, pageCrumbs and pageFoot print what
// the templates ref-head, ref-crumbs and ref-foot of reference.html print
// (fragments_test.go holds them to it). The parts shared by many pages
// (site-header, case-crumbs and site-footer) stay templates, rendered once
// each through the cache of the function cached, so that a practice can
// still override them.
//
// Fast path: the frame is on all of a build's 21,000 pages. In
// BenchmarkPageKinds/clause (one core), the template crumbs alone was
// 4.5 µs and 42 allocations of a clause page's 12.7 µs and 113, head
// 2 µs and 27, and foot 1.3 µs and 15: each field it tests and prints
// is evaluated by reflection, and the keys of cached go into a new slice
// on every call.

// errNoPractice stands for the template's error on a page without its
// practice, which every page has.
var errNoPractice = errors.New("page data without a practice")

// pageHead, pageCrumbs and pageFoot are the template functions of
// writeHead, writeCrumbs and writeFoot.
func (s *Site) pageHead(d *pageData) (template.HTML, error)   { return s.htmlOfErr(d, s.writeHead) }
func (s *Site) pageCrumbs(d *pageData) (template.HTML, error) { return s.htmlOfErr(d, s.writeCrumbs) }
func (s *Site) pageFoot(d *pageData) (template.HTML, error)   { return s.htmlOfErr(d, s.writeFoot) }

// htmlOfErr returns what write writes for d, as HTML, or its error.
func (s *Site) htmlOfErr(d *pageData, write func(*bytes.Buffer, *pageData) error) (template.HTML, error) {
	var err error
	h := s.htmlOf(func(b *bytes.Buffer) { err = write(b, d) })
	if err != nil {
		return "", err
	}
	return h, nil
}

// writeHead writes the start of a page up to <main>, as ref-head prints
// it.
func (s *Site) writeHead(b *bytes.Buffer, d *pageData) error {
	if d.Practice == nil {
		return errNoPractice
	}
	header, err := s.partials.cached(s.tmpl, "site-header", d, d.Root, d.Nav)
	if err != nil {
		return err
	}
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
		"<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>")
	writeText(b, d.Title)
	b.WriteString(" · ")
	writeText(b, d.Practice.Name)
	b.WriteString("</title>\n")
	b.WriteString(string(header))
	return nil
}

// writeCrumbs writes a case's page's breadcrumb trail, as ref-crumbs
// prints it.
func (s *Site) writeCrumbs(b *bytes.Buffer, d *pageData) error {
	if d.Case == nil {
		return errors.New("breadcrumbs of a page without a case")
	}
	b.WriteString(`<nav class="crumbs" aria-label="Breadcrumb"><ol>`)
	// A case's own page ends the trail; its other pages add to the
	// trail to the case, which is the same on all of them.
	if d.Issue != nil || d.Clause != nil || d.Notes || d.LogPage {
		first, err := s.partials.cached(s.tmpl, "case-crumbs", d, d.Root, d.Case.Href, d.Case.Case.Title)
		if err != nil {
			return err
		}
		b.WriteString(string(first))
	} else {
		b.WriteString("\n<li><a href=\"")
		writeLink(b, d.Root, "")
		b.WriteString("index.html\">Docket</a></li>")
		writeCurrentCrumb(b, d.Root, d.Case.Href, d.Case.Case.Title)
	}
	if d.Notes {
		writeCurrentCrumb(b, d.Root, d.Case.NotesHref, "Notes")
	}
	if d.LogPage {
		writeCurrentCrumb(b, d.Root, d.Case.LogHref, "Log")
	}
	if v := d.Issue; v != nil {
		writeCurrentCrumb(b, d.Root, v.Href, "Issue "+strconv.Itoa(v.Issue.Number))
	}
	if v := d.Clause; v != nil {
		writeCurrentCrumb(b, d.Root, v.Href, "Clause "+v.Clause.Ref)
	}
	b.WriteString("\n</ol></nav>\n")
	return nil
}

// writeCurrentCrumb writes the crumb of the page itself: a link to href,
// marked as the current page, with label as its text.
func writeCurrentCrumb(b *bytes.Buffer, root, href, label string) {
	b.WriteString("\n<li><a href=\"")
	writeLink(b, root, href)
	b.WriteString(`" aria-current="page">`)
	writeText(b, label)
	b.WriteString("</a></li>")
}

// writeFoot writes the end of a page from </main>, as ref-foot prints it.
func (s *Site) writeFoot(b *bytes.Buffer, d *pageData) error {
	var foot template.HTML
	var err error
	if d.Case != nil {
		foot, err = s.partials.cached(s.tmpl, "site-footer", d, d.Root, d.Case.Href)
	} else {
		foot, err = s.partials.cached(s.tmpl, "site-footer", d, d.Root)
	}
	b.WriteString(string(foot))
	return err
}
