package site

import (
	"bytes"
	"fmt"
	"html/template"
)

// The two kinds of page a build writes by the ten thousand, the issue
// page and the clause page, written in Go while the templates they stand
// for (goPageTemplates) are the built-in ones: writeIssuePage prints what
// issue.html prints, and writeClausePage what clause.html prints, with
// the same fragments (fragments.go, frame.go) and the same templates for
// what a practice may change elsewhere (site-header, case-crumbs,
// site-footer, log-table). A practice that changes any of goPageTemplates
// gets every page from the templates, as before. TestGoPages holds each
// function to its template on every page of the sample practice and of
// awkward pages.
//
// Fast path: after the fragments, what was left of the templates (their
// actions, each evaluated by reflection, and each fragment's HTML copied
// from a string of its own into the page) was about a fifth of an issue
// page's time; the fragments now write into the page's buffer itself.

// goPageTemplates are the templates the Go pages print as they stand:
// while each of these is the built-in one, a practice may override any
// other template (the docket, the case page, site-header...) and keep the
// Go pages, which call the templates they do not stand for by name.
var goPageTemplates = []string{"issue.html", "clause.html", "head", "crumbs", "foot", "document", "doc-paper"}

// sameTemplates reports whether each template of names is in both sets
// and parsed the same in t as in def, before either has run (html/template
// adds its escapers to a tree when it first runs it). Any file may define
// or redefine any template, so it is the trees that are compared, not the
// files.
func sameTemplates(t, def *template.Template, names []string) bool {
	for _, name := range names {
		a, b := t.Lookup(name), def.Lookup(name)
		if a == nil || b == nil || a.Tree == nil || b.Tree == nil || a.Tree.Root.String() != b.Tree.Root.String() {
			return false
		}
	}
	return true
}

// goPageWriters are the pages written in Go, by template name.
var goPageWriters = map[string]func(*Site, *bytes.Buffer, *pageData) error{
	"issue.html":  (*Site).writeIssuePage,
	"clause.html": (*Site).writeClausePage,
}

// writeIssuePage writes the issue page of d, as issue.html prints it.
func (s *Site) writeIssuePage(b *bytes.Buffer, d *pageData) error {
	return s.writeFramed(b, d, s.writeIssueMain)
}

// writeIssueMain writes what issue.html prints between the crumbs and
// the foot.
func (s *Site) writeIssueMain(b *bytes.Buffer, d *pageData) error {
	v, i := d.Issue, d.Issue.Issue
	b.WriteString("\n<h1><span class=\"ref\">Issue ")
	writeInt(b, i.Number)
	b.WriteString(":</span> ")
	writeText(b, i.Title)
	b.WriteString("</h1>\n<p class=\"badges\">")
	writeStatusBadges(b, v)
	b.WriteString("</p>\n")
	writeIssueFacts(b, d)
	b.WriteString("\n\n")
	writeIssueQuestion(b, d)
	b.WriteString("\n\n<section aria-labelledby=\"timeline\">\n<h2 id=\"timeline\">Timeline</h2>\n<ol class=\"timeline\">")
	writeTimeline(b, v.Timeline())
	b.WriteString("\n</ol>\n</section>")
	if href := d.Case.LogHref; href != "" {
		b.WriteString("\n<section aria-labelledby=\"contacts\">\n<h2 id=\"contacts\">Contacts and sessions</h2>")
		if len(v.LogRows) > 0 {
			b.WriteString("\n<p>The entries of the case's log about this issue, newest first. <a href=\"")
			writeLink(b, d.Root, href)
			b.WriteString("\">The whole log</a> is for the coordinator only.</p>\n")
			if err := s.tmpl.ExecuteTemplate(b, "log-table", logTableData{Root: d.Root, Rows: v.LogRows, Label: "contacts"}); err != nil {
				return err
			}
		} else {
			b.WriteString("\n<p class=\"muted\">No entry about this issue is shown here. <a href=\"")
			writeLink(b, d.Root, href)
			b.WriteString("\">The whole log</a>, with the entries marked private, is for the coordinator only.</p>")
		}
		b.WriteString("\n</section>")
	}
	writeIssueExhibits(b, d)
	b.WriteString("\n\n")
	writeIssueOutcome(b, d)
	if v.Documented {
		b.WriteByte('\n')
		if err := s.writeDocument(b, d); err != nil {
			return err
		}
	} else if err := s.writeRecord(b, v); err != nil {
		return err
	}
	b.WriteByte('\n')
	return nil
}

// writeDocument writes the issue's document, as the template document
// (document.html) prints it.
func (s *Site) writeDocument(b *bytes.Buffer, d *pageData) error {
	v := d.Issue
	doc, err := v.Document()
	if err != nil {
		return err
	}
	if doc != nil {
		b.WriteString("\n<section class=\"document\" id=\"document\" aria-labelledby=\"doc\">\n<h2 id=\"doc\">Document</h2>\n<p class=\"doc-link\"><a href=\"")
		writeLink(b, d.Root, v.DocHref)
		b.WriteString("\">Download the PDF: ")
		writeText(b, doc.Title)
		b.WriteString("</a></p>\n")
		writePaper(b, doc)
		if po := doc.ProposedOrder; po != nil {
			b.WriteString("\n<article class=\"paper proposed-order\">\n")
			writeSection(b, *po)
			b.WriteString("\n</article>")
		}
		b.WriteString("\n</section>")
	}
	if v.DocKind == "agreement" {
		if err := s.writeRecord(b, v); err != nil {
			return err
		}
	}
	b.WriteByte('\n')
	return nil
}

// writeRecord writes the issue's record section after a blank line, as
// issue.html and document.html print it.
func (s *Site) writeRecord(b *bytes.Buffer, v *issueView) error {
	h, err := v.BodyHTML(2)
	if err != nil {
		return err
	}
	b.WriteString("\n\n<section aria-labelledby=\"record\">\n<h2 id=\"record\">Record</h2>")
	if h != "" {
		b.WriteString("\n<div class=\"prose\">\n")
		b.WriteString(string(h))
		b.WriteString("\n</div>")
	} else {
		b.WriteString("\n<p class=\"muted\">No record written yet.</p>")
	}
	b.WriteString("\n</section>")
	return nil
}

// writeClausePage writes the clause page of d, as clause.html prints it.
func (s *Site) writeClausePage(b *bytes.Buffer, d *pageData) error {
	return s.writeFramed(b, d, s.writeClauseMain)
}

// writeClauseMain writes what clause.html prints between the crumbs and
// the foot.
func (s *Site) writeClauseMain(b *bytes.Buffer, d *pageData) error {
	b.WriteString("\n<h1>")
	writeText(b, d.Title)
	b.WriteString("</h1>\n")
	writeClauseQuote(b, d)
	b.WriteString("\n\n<section aria-labelledby=\"history\">\n<h2 id=\"history\">Interpretation history</h2>")
	writeClauseHistory(b, d)
	b.WriteString("\n</section>\n")
	return nil
}

// writeFramed writes a page as issue.html and clause.html lay it out:
// head, a line break, the crumbs, what main writes, the foot and a line
// break.
func (s *Site) writeFramed(b *bytes.Buffer, d *pageData, main func(*bytes.Buffer, *pageData) error) error {
	if err := s.writeHead(b, d); err != nil {
		return err
	}
	b.WriteByte('\n')
	if err := s.writeCrumbs(b, d); err != nil {
		return err
	}
	if err := main(b, d); err != nil {
		return err
	}
	if err := s.writeFoot(b, d); err != nil {
		return err
	}
	b.WriteByte('\n')
	return nil
}

// executeGo renders the page d of template name with its Go writer, when
// it has one and the templates are the built-in ones; ok reports whether
// it did.
func (s *Site) executeGo(buf *bytes.Buffer, name string, d *pageData) (ok bool, err error) {
	if !s.goPages {
		return false, nil
	}
	write := goPageWriters[name]
	if write == nil {
		return false, nil
	}
	if err := write(s, buf, d); err != nil {
		return true, fmt.Errorf("%s: %w", name, err)
	}
	return true, nil
}
