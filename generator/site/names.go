package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// namer turns ids and clause refs into file names that are safe on every
// file system and unique within one folder, deterministically: the same
// sequence of names always gives the same file names.
type namer struct{ used map[string]bool }

func newNamer() *namer { return &namer{used: map[string]bool{}} }

// name returns a safe, unused file name (without extension) for s.
func (n *namer) name(s string) string {
	base := safeName(s)
	name := base
	for i := 2; n.used[name]; i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	n.used[name] = true
	return name
}

// safeName keeps lowercase ASCII letters, digits, '.', '-' and '_' and
// replaces every other run of characters with one '-'. It never returns a
// name that is empty, starts with a dot (hidden files, "." and "..") or
// ends with one (Windows drops trailing dots).
func safeName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
		}
	}
	name := strings.Trim(b.String(), ".-")
	if name == "" {
		return "x"
	}
	return name
}

// link is root+path, a link from a page to a site path: in an attribute,
// href="{{link .Root .Href}}" prints what href="{{.Root}}{{.Href}}"
// prints.
//
// Fast path: html/template runs each action of a URL attribute through
// three escapers, every call by reflection; one action instead of two
// made a link about 1.6 µs and 19 allocations instead of 2.6 µs and 32
// (a benchmark of 100 links), and an issue page has half a dozen.
func link(root, path string) string { return root + path }

// funcs are the template functions.
func (s *Site) funcs() template.FuncMap {
	fm := template.FuncMap{
		// date formats a date as YYYY-MM-DD, "" when not given.
		"date": func(d practice.Date) string { return d.String() },
		// long formats a date as "March 4, 2026".
		"long": func(d practice.Date) string { return d.Long() },
		// plural formats a count with a noun: "1 day", "3 days".
		"plural": diag.Plural,
		// label names an outcome kind, event kind or referral target.
		"label": func(k string) string { return kindLabel(k) },
		// party names a party key in prose for a case.
		"party": func(c *practice.Case, key string) string { return c.PartyName(key) },
		// link is a link from the page to a site path; see link.
		"link": link,
		// cached renders a template once per distinct list of keys and
		// reuses its HTML; see partials.cached.
		"cached": func(name string, data any, keys ...string) (template.HTML, error) {
			return s.partials.cached(s.tmpl, name, data, keys...)
		},
		// pageHead, pageCrumbs and pageFoot write the frame of a page,
		// the templates head, crumbs and foot; see frame.go.
		"pageHead":   s.pageHead,
		"pageCrumbs": s.pageCrumbs,
		"pageFoot":   s.pageFoot,
		// logTable is the data of the template log-table (log.html): rows
		// of a log under the heading whose id is label, with an issue
		// column or without, and with the coordinator's badges (billed)
		// on the coordinator's page.
		"logTable": func(root string, rows []*logRow, label string, issueCol, coordinator bool) logTableData {
			return logTableData{Root: root, Rows: rows, Label: label, IssueCol: issueCol, Coordinator: coordinator}
		},
		// docketRows, categoryRows and docketCaseRows join the rows of a
		// long list, each rendered once and kept with its view (see
		// joinRows).
		"docketRows":     func(v []*issueView) (template.HTML, error) { return joinRows(v, (*issueView).DocketRow) },
		"categoryRows":   func(v []*issueView) (template.HTML, error) { return joinRows(v, (*issueView).CategoryRow) },
		"docketCaseRows": func(v []*caseView) (template.HTML, error) { return joinRows(v, (*caseView).DocketRow) },
		// timeline writes an issue's timeline rows; see fragments.go.
		"timeline": func(rows []timelineRow) template.HTML {
			return s.htmlOf(func(b *bytes.Buffer) { writeTimeline(b, rows) })
		},
		// statusBadges writes an issue's status badges, as the template
		// status does; issueFacts, issueQuestion, issueExhibits and
		// issueOutcome write parts of an issue page, and clauseQuote and
		// clauseHistory those of a clause page. See fragments.go.
		"statusBadges":  func(v *issueView) template.HTML { return s.htmlOf(func(b *bytes.Buffer) { writeStatusBadges(b, v) }) },
		"issueFacts":    s.pageFragment(writeIssueFacts),
		"issueQuestion": s.pageFragment(writeIssueQuestion),
		"issueExhibits": s.pageFragment(writeIssueExhibits),
		"issueOutcome":  s.pageFragment(writeIssueOutcome),
		"clauseQuote":   s.pageFragment(writeClauseQuote),
		"clauseHistory": s.pageFragment(writeClauseHistory),
		// caseIssueRows and caseClauses write the rows of a case page's
		// issues and the items of its plan's clauses; see fragments.go.
		"caseIssueRows": func(root string, issues []*issueView) template.HTML {
			return s.htmlOf(func(b *bytes.Buffer) { writeCaseIssueRows(b, root, issues) })
		},
		"caseClauses": func(root string, clauses []*clauseView) template.HTML {
			return s.htmlOf(func(b *bytes.Buffer) { writeCaseClauses(b, root, clauses) })
		},
		// docketRow and categoryRow write an issue's row of the docket
		// and of its category's page (the templates docket-row and
		// category-row); see fragments.go.
		"docketRow": func(d rowData) template.HTML {
			return s.htmlOf(func(b *bytes.Buffer) { writeDocketRow(b, d.Root, d.Row) })
		},
		"categoryRow": func(d rowData) template.HTML {
			return s.htmlOf(func(b *bytes.Buffer) { writeCategoryRow(b, d.Root, d.Row) })
		},
		// category returns the vocabulary entry for a category name.
		"category": func(name string) practice.Category {
			c, ok := practice.LookupCategory(name)
			if !ok {
				return practice.Category{Name: name, Label: name, InScope: true}
			}
			return c
		},
	}
	// blocks, caption, section and sections write a document's HTML twin
	// (and link, above, is among them); see docview.go.
	for name, f := range twinFuncs(s.htmlOf) {
		fm[name] = f
	}
	return fm
}
