package site

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"pcdocket/generator/fees"
	"pcdocket/generator/practice"
)

// The communications and session log (log.txt) on the private site.
//
// An encrypted site opens cases/<id>/ to the case's parents, so the case
// page and the issue pages show the entries that are not private, and the
// whole log, private entries too, has a page of its own outside that
// folder, log/<id>.html, which opens to the coordinator only (like the
// notes page). No private entry's text is in any file under cases/.

const depLogPrefix = "log:"

// DepLog returns the dependency key of case id's log: the pages that show
// any of its entries (the case page, the log page, the fee ledger page,
// which its billed entries price).
func DepLog(id string) Dep { return Dep(depLogPrefix + id) }

// DepLogIssue returns the dependency key of the entries of case id's log
// that are about issue n and not private: what issue n's page shows. An
// edit of log.txt marks it changed only for the issues whose entries
// changed, so that one new entry re-renders one issue page.
func DepLogIssue(id string, n int) Dep {
	return Dep(depLogPrefix + id + "#" + strconv.Itoa(n))
}

// logRow is one entry of a log table, as the pages print it.
type logRow struct {
	Entry     *practice.LogEntry
	Date      string // YYYY-MM-DD
	Time      string // "14:00", or "" when the entry gives none
	Mode      string // "Session"
	Who       string // "Mother, Father and counsel"
	Duration  string // "1:30", or ""
	Issue     int    // 0 for none
	IssueHref string // the issue's page from the site root, or ""
	Summary   string
	Scheduled bool
	Private   bool
}

// logTableData is what the template log-table reads.
type logTableData struct {
	Root     string
	Rows     []*logRow
	Label    string // the id of the heading that names the table
	IssueCol bool   // a column links each entry's issue
	// Coordinator is set on the coordinator's log page: entries marked
	// bill say so.
	Coordinator bool
}

// logRows returns the rows of a case's log, newest first (the sessions
// and hearings still to come head the table); entries of one day by time,
// those without one first, then in file order.
func logRows(cv *caseView) []*logRow {
	l := cv.Case.Log
	if l == nil {
		return nil
	}
	rows := make([]*logRow, len(l.Entries))
	for i := range l.Entries {
		e := &l.Entries[i]
		r := &logRow{Entry: e, Date: e.Date.String(), Mode: strings.ToUpper(e.Mode[:1]) + e.Mode[1:],
			Who: who(cv.Case, e), Issue: e.Issue, Summary: e.Summary, Scheduled: e.Scheduled, Private: e.Private}
		if e.Clock >= 0 {
			r.Time = fmt.Sprintf("%02d:%02d", e.Clock/60, e.Clock%60)
		}
		if e.Minutes > 0 {
			r.Duration = fees.Hours(e.Minutes)
		}
		if e.Issue != 0 && cv.Case.Issue(e.Issue) != nil {
			r.IssueHref = fmt.Sprintf("%sissues/%d.html", cv.Dir, e.Issue)
		}
		rows[i] = r
	}
	slices.SortStableFunc(rows, func(a, b *logRow) int {
		x, y := a.Entry, b.Entry
		switch {
		case x.Date != y.Date:
			return y.Date.Time().Compare(x.Date.Time())
		case x.Clock != y.Clock:
			return y.Clock - x.Clock
		}
		return y.Line - x.Line
	})
	return rows
}

// shared returns the rows that are not private.
func shared(rows []*logRow) []*logRow {
	var out []*logRow
	for _, r := range rows {
		if !r.Private {
			out = append(out, r)
		}
	}
	return out
}

// who names the people of an entry for a table cell, capitalised:
// "Both parents and counsel" (practice.LogEntry.People).
func who(c *practice.Case, e *practice.LogEntry) string {
	s := e.People(c)
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// setLog fills the case's and its issues' log views.
func setLog(cv *caseView, slug string) {
	if cv.Case.Log == nil {
		return
	}
	cv.LogHref = "log/" + slug + ".html"
	cv.Log = logRows(cv)
	cv.LogShared = shared(cv.Log)
	for _, v := range cv.Issues {
		for _, r := range cv.LogShared {
			if r.Issue == v.Issue.Number {
				v.LogRows = append(v.LogRows, r)
			}
		}
	}
}

// logPages returns the coordinator's log page of every case that has a
// log, in path order.
func (s *Site) logPages() []Page {
	var pages []Page
	for _, c := range s.cases {
		if c.LogHref == "" {
			continue
		}
		// The rows link issues by number alone, and an entry about an
		// issue the case does not have is an error that stops the build:
		// the page depends on no issue file.
		deps := []Dep{DepPractice, DepCase(c.Case.ID), DepLog(c.Case.ID)}
		c, href := c, c.LogHref
		pages = append(pages, Page{Path: href, Deps: sortDeps(deps), render: func(w io.Writer) error {
			data := &pageData{Title: "Log: " + c.Case.Title, Case: c, LogPage: true, Root: strings.Repeat("../", strings.Count(href, "/"))}
			return s.execute("log.html", href, data)(w)
		}})
	}
	slices.SortFunc(pages, func(a, b Page) int { return strings.Compare(a.Path, b.Path) })
	return pages
}
