// Package site renders the private case site of a practice: the docket
// (index.html), one page per case (cases/<id>/index.html), per issue
// (cases/<id>/issues/<n>.html) and per plan clause
// (cases/<id>/clauses/<ref>.html), an index by category with counts
// (categories/index.html), one page per category listing its issues
// (categories/<name>.html), style.css, and the search box's files: its
// script (assets/search.js, from the template private/search.js) and the
// search indexes, search-index.js for every case and
// cases/<id>/search-index.js for one (see search.go), and the calendar
// feeds, calendar.ics for the practice and calendar/<id>.ics for one case
// (see week.go, which also makes the docket's "This week").
//
// New does all the work that is shared between pages once: it parses the
// templates, resolves every issue's category, deadlines and links, indexes
// clause histories and sorts the docket. Each Page then renders on its own,
// so the build can render pages in parallel. The Markdown of an issue is
// converted by its issue page, the one page that shows it, and not kept:
// memory then grows with the number of workers, not of issues.
//
// # Links and file names
//
// Every link is relative, so the output folder works from file:// and under
// any host path. Page paths are built from case ids, issue numbers and
// clause refs; a clause ref becomes a file name by keeping ASCII letters
// (lowercased, for case-insensitive file systems), digits, '.', '-' and '_',
// replacing any other run of characters by '-', and appending "-2", "-3"...
// in plan order where two refs of one case would collide: "4.2" stays
// "4.2.html", "§ 3(b)" becomes "3-b.html".
//
// # Templates
//
// The templates are read from private/ in the template file system:
// layout.html (the frame and small partials), docket.html, case.html,
// issue.html, document.html (the HTML twin of a determination or agreement,
// rendered from the document model the PDF renders, package document: the
// template lays out the paper, the functions caption, sections and blocks
// write its parts), clause.html, categories.html, category.html, and
// style.css, copied as is.
// A practice overrides any of them by putting a file of the same name in its
// own templates/private/. The data each template sees is pageData in
// view.go; model values are reached by name (.Issue.Title on an issue view,
// .Case.Title on a case view), precomputed values directly (.Href, .Due,
// .Overdue, .StatusLabel). The template function cached renders a template
// once per list of keys and reuses the HTML: layout.html renders the site
// header ("site-header") once per page depth and section, a case's first
// crumbs ("case-crumbs") and the footer ("site-footer") once per depth,
// instead of on every page. The functions timeline, caption, sections and
// section write an issue's timeline and a twin's caption and sections in
// Go (fragments.go, docview.go), and link joins .Root and a site path in
// one action: html/template's escapers, called by reflection for every
// action, were most of an issue page's time.
//
// # Dependencies
//
// Page.Deps names the inputs a page is built from, so that a rebuild after an
// edit can render only the pages that changed. The keys (type Dep) are:
//
//	practice           practice.yaml (every page shows the practice's name)
//	case:<id>          content/cases/<id>/case.md
//	issue:<id>#<n>     issue number n of case <id> (practice.Issue.ID)
//	log:<id>           content/cases/<id>/log.txt (DepLog)
//	log:<id>#<n>       the entries of that log about issue n that are not
//	                   private (DepLogIssue)
//	asof               the reference date: the page shows days pending or
//	                   overdue figures
//	pages              the public pages (no private page depends on them)
//
// Templates are not listed: a change to any template rebuilds every page.
// Deps are sorted and free of duplicates. Because an edit can move an issue
// out of a page (a changed clause ref, a closed issue leaving the docket), a
// page needs rendering when it is new, or when its Deps in either the
// previous or the current Pages name a changed key; pages of the previous
// set that are gone from the current one are to be deleted.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"pcdocket/generator/deadline"
	"pcdocket/generator/document"
	"pcdocket/generator/markup"
	"pcdocket/generator/practice"
	"pcdocket/templates"
)

// A Dep is a dependency key: it names one input that output files are
// built from (see the package documentation). It is a string underneath so
// that a page's list of them sorts and compares as fast as strings do; make
// one with the constants, DepCase or DepIssue, and read the case it names
// with Case, never by taking the string apart.
type Dep string

// Dependency keys; see the package documentation.
const (
	DepPractice Dep = "practice"
	DepAsOf     Dep = "asof"
	// DepPages are the public pages, content/public/*.md. No page of the
	// private site shows them; the build adds the key to every file of the
	// public site.
	DepPages Dep = "pages"
)

const (
	depCasePrefix  = "case:"
	depIssuePrefix = "issue:"
)

// DepCase returns the dependency key of a case file.
func DepCase(id string) Dep { return Dep(depCasePrefix + id) }

// DepIssue returns the dependency key of an issue file.
func DepIssue(is *practice.Issue) Dep { return Dep(depIssuePrefix + is.ID()) }

// Case returns the id of the case whose case file (DepCase) or issue
// (DepIssue) d names, and false for the keys that name no case.
func (d Dep) Case() (string, bool) {
	s := string(d)
	if id, ok := strings.CutPrefix(s, depCasePrefix); ok {
		return id, true
	}
	if rest, ok := strings.CutPrefix(s, depLogPrefix); ok {
		id, _, _ := strings.Cut(rest, "#") // DepLog, or DepLogIssue: <case>#<n>
		return id, true
	}
	if rest, ok := strings.CutPrefix(s, depIssuePrefix); ok {
		if i := strings.LastIndexByte(rest, '#'); i >= 0 { // practice.Issue.ID: <case>#<n>
			return rest[:i], true
		}
	}
	return "", false
}

// Template files the site needs under private/ in the template file system.
var pageTemplates = []string{"docket.html", "case.html", "notes.html", "issue.html", "clause.html", "categories.html", "category.html", "fees.html", "log.html"}

// Site renders the private site of one practice. Templates are parsed once
// in New; a Site is safe for concurrent use.
type Site struct {
	p      *practice.Practice
	md     *markup.Markdown
	docs   *document.Builder // the documents of the HTML twins
	book   *deadline.Book    // every date of the practice, on its court-day calendars
	asOf   practice.Date
	loc    *time.Location // the practice's time zone, for the feeds' timed events
	tmpl   *template.Template
	css    []byte
	script []byte // the search box's script, assets/search.js

	cases   []*caseView
	docket  docketData
	dockets []*coordinatorDocket // one per coordinator, in a practice of several (coordinators.go)
	catList []*categoryView
	pages   []Page

	// The dependency lists of the pages that list the whole practice, by
	// page path, and the list of every case and issue; see keptDeps.
	depLists map[string][]Dep
	depMu    sync.Mutex // guards depLists: the category pages are made beside the rest
	every    []Dep
	prev     *Site // the site Next was called on, while buildPages runs

	bufs     sync.Pool
	partials *partials // the cache of the template function cached
	// goPages is set when the templates the Go pages stand for are the
	// built-in ones: the issue and clause pages are then written in Go
	// (gopages.go).
	goPages bool

	// oneBuild is set by NewOneBuild: the site is rendered once and
	// dropped, so nothing is cached for a later edit.
	oneBuild bool
}

// Page is one file of the private site.
type Page struct {
	// Path is the slash path relative to output/private, e.g. "index.html",
	// "cases/<id>/issues/3.html", "cases/<id>/clauses/4.2.html",
	// "categories/index.html", "categories/holidays.html", "style.css".
	Path string
	// Deps names what the page depends on, for incremental rebuilds; see the
	// package documentation for the scheme.
	Deps []Dep
	// Record is the issue whose record (practice.Issue.Body) the page
	// shows, or nil. An issue page is the one page of the site that reads
	// it, so a build that does not keep the model may let the record go
	// once the page is written (build.Build does).
	Record *practice.Issue

	render func(w io.Writer) error
}

// Render writes the page. Pages of one Site may render concurrently. The
// page is rendered in full before anything is written, so an error leaves w
// untouched.
func (pg Page) Render(w io.Writer) error {
	if pg.render == nil {
		return fmt.Errorf("page %s: no renderer (a Page must come from Site.Pages)", pg.Path)
	}
	return pg.render(w)
}

// New prepares the private site of p, with time-dependent figures computed
// as of asOf. tmpl is read under "private/": usually templates.Overlay, so a
// practice may override any template file.
//
// Deadlines (due dates, review and filing deadlines, the docket's dates
// ahead) come from book; nil means the built-in jurisdiction profiles.
func New(p *practice.Practice, tmpl fs.FS, md *markup.Markdown, asOf practice.Date, book *deadline.Book) (*Site, error) {
	return makeSite(p, tmpl, md, asOf, book, false)
}

// NewOneBuild is New for a site that is rendered once and dropped, as by
// a one-off build (build.Build), never by watch mode, which calls Next.
// Such a site caches nothing for a later edit: each issue's docket and
// category rows and each case's search entry are made when a page needs
// them and not kept, and TakePages hands the pages over so that each can
// be freed once it is written.
//
// Memory: at 50,000 issues the rows kept were 30 MB and the search
// entries 24 MB, all live until the last page was written, and the
// collector lets the heap grow to twice what is live. A case's search
// entry is then made twice (its own index and every case's), a few
// hundred milliseconds of CPU at that size.
func NewOneBuild(p *practice.Practice, tmpl fs.FS, md *markup.Markdown, asOf practice.Date, book *deadline.Book) (*Site, error) {
	return makeSite(p, tmpl, md, asOf, book, true)
}

func makeSite(p *practice.Practice, tmpl fs.FS, md *markup.Markdown, asOf practice.Date, book *deadline.Book, oneBuild bool) (*Site, error) {
	if p == nil {
		return nil, errors.New("site: no practice")
	}
	if md == nil {
		md = markup.New()
	}
	if book == nil {
		book = deadline.New(p, nil)
	}
	s := &Site{p: p, md: md, docs: document.NewBuilder(md, document.ProfileRules(book)), book: book, asOf: asOf, loc: location(p), partials: new(partials), oneBuild: oneBuild}
	s.partials.reset()
	s.bufs.New = func() any { return new(bytes.Buffer) }
	if err := s.parseTemplates(tmpl); err != nil {
		return nil, err
	}
	s.index(nil)
	if err := s.buildPages(); err != nil {
		return nil, err
	}
	return s, nil
}

// Next returns the site of the same practice value after an edit, as New
// would, but keeps the templates and, for every case that is still in the
// practice (the same *practice.Case) and for which changed reports false,
// its views and pages. Only the changed cases and the practice-wide pages
// (the docket, the category index and pages) are resolved again: watch mode
// calls Next after each edit instead of New. The practice-level settings,
// the templates and the reference date must be those of s; after a change to
// any of them, call New.
func (s *Site) Next(changed func(caseID string) bool) (*Site, error) {
	reuse := make(map[*practice.Case]*caseView, len(s.cases))
	for _, cv := range s.cases {
		if !changed(cv.Case.ID) {
			reuse[cv.Case] = cv
		}
	}
	n := &Site{p: s.p, md: s.md, docs: s.docs, book: s.book, asOf: s.asOf, loc: s.loc, tmpl: s.tmpl, goPages: s.goPages, css: s.css, script: s.script, partials: s.partials}
	// The templates, and the cached function bound to them, are shared
	// with s; what they cached may show what the edit changed.
	n.partials.reset()
	n.bufs.New = func() any { return new(bytes.Buffer) }
	n.index(reuse)
	n.prev = s
	err := n.buildPages()
	n.prev = nil // so that the sites of past edits are not all kept
	if err != nil {
		return nil, err
	}
	return n, nil
}

func (s *Site) parseTemplates(tmpl fs.FS) error {
	if tmpl == nil {
		return errors.New("site: no template file system")
	}
	t, err := s.parseTemplateSet(tmpl)
	if err != nil {
		return err
	}
	for _, name := range pageTemplates {
		if t.Lookup(name) == nil {
			return fmt.Errorf("site: template private/%s is missing", name)
		}
	}
	s.tmpl = t
	if s.goPages = templates.PrivateDefault(tmpl); !s.goPages {
		// Overrides: the Go pages still stand for the templates they
		// replace if those parse as the built-in ones do.
		def, err := s.parseTemplateSet(templates.Default())
		if err != nil {
			return err
		}
		s.goPages = sameTemplates(t, def, goPageTemplates)
	}
	if s.css, err = fs.ReadFile(tmpl, "private/style.css"); err != nil {
		return fmt.Errorf("site: reading stylesheet: %w", err)
	}
	if s.script, err = fs.ReadFile(tmpl, "private/search.js"); err != nil {
		return fmt.Errorf("site: reading the search script: %w", err)
	}
	return nil
}

// parseTemplateSet parses the private site's templates of tmpl
// (private/*.html) into one set, with the site's functions.
func (s *Site) parseTemplateSet(tmpl fs.FS) (*template.Template, error) {
	names, err := fs.Glob(tmpl, "private/*.html")
	if err != nil {
		return nil, fmt.Errorf("site: listing templates: %w", err)
	}
	t := template.New("private").Funcs(s.funcs())
	for _, name := range names {
		b, err := fs.ReadFile(tmpl, name)
		if err != nil {
			return nil, fmt.Errorf("site: reading template: %w", err)
		}
		if _, err := t.New(path.Base(name)).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("site: %w", err)
		}
	}
	return t, nil
}

// Pages returns every page and asset of the private site, sorted by Path.
// The slice is shared: callers must not modify it.
func (s *Site) Pages() []Page { return s.pages }

// TakePages returns the pages of a site made by NewOneBuild, as Pages
// does but without their dependency lists, and forgets them, so that a page's data and dependency list are
// freed as soon as the caller has written the page and let go of it
// (about 50 MB at 50,000 issues that otherwise stayed live to the end). A
// site made by New keeps its pages for Next and returns them as Pages
// does.
func (s *Site) TakePages() []Page {
	pages := s.pages
	if s.oneBuild {
		s.pages = nil
		for _, c := range s.cases {
			c.pages = nil
		}
		// Nothing is rebuilt from the dependency lists of a site that is
		// rendered once.
		for i := range pages {
			pages[i].Deps = nil
		}
	}
	return pages
}

// buildPages puts together every page of the site, in path order.
//
// Fast path: the pages are appended in the order their paths sort, so that
// the list comes out sorted without a sort, and the slice is sized once.
// Watch mode rebuilds this list after every edit, and an edit's whole
// rebuild at 10,000 issues takes about 29 ms: sort.Slice over 20,000 page
// paths measured 23 ms (checking the order, 0.15 ms), and growing the
// slice by appending was a tenth of the rebuild. The
// order is the layout: assets/, cases/ (each case's pages, which casePages
// sorts, in the order of the case folders), categories/, fees/,
// index.html, notes/, search-index.js, style.css. Should a name fall outside that
// scheme (a case folder that sorts among the other folders), inPathOrder
// sorts after all.
func (s *Site) buildPages() error {
	s.depLists = map[string][]Dep{}
	if !s.oneBuild {
		s.every = s.keptDeps(SearchIndexFile, s.searchIndexDeps())
	}
	forEach(len(s.cases), func(i int) {
		if c := s.cases[i]; c.pages == nil {
			c.pages = s.casePages(c)
		}
	})
	n := len(s.catList) + 3*len(s.cases) + 6 // the category pages, their index, fee and log pages and feeds, the practice feed, the docket, the search script and index, style.css
	for _, c := range s.cases {
		n += len(c.pages)
	}
	// The category pages are put together on the other core, beside
	// the rest: each category's list of dependencies is made from its
	// issues (1.6 ms of the 7 ms Site.Next took after an edit at 10,000
	// issues, on one core).
	var cats []Page
	var catsDone sync.WaitGroup
	catsDone.Go(func() { cats = s.appendCategoryPages(make([]Page, 0, len(s.catList)+1)) })
	pages := make([]Page, 0, n)
	pages = append(pages, bytesPage(SearchScript, s.script))
	pages = append(pages, s.feedPages()...) // calendar.ics, calendar/ (week.go), between assets/ and cases/
	pages = s.appendCasePages(pages)
	var rest []Page                              // after categories/
	rest = append(rest, s.coordinatorPages()...) // docket-<id>.html, between categories/ and fees/
	rest = append(rest, s.feePages()...)         // fees/, between categories/ and index.html (fees.go)
	rest = append(rest, s.listPage("index.html", s.docketDeps(), "docket.html", &pageData{Title: "Docket", Nav: "docket", Docket: &s.docket, Cases: s.cases,
		Billing: &billingView{cases: s.cases, asOf: s.asOf}, Coordinators: s.coordinatorLinks("index.html")}))
	rest = append(rest, s.logPages()...) // log/, between index.html and notes/ (log.go)
	rest = s.appendNotesPages(rest)
	rest = append(rest,
		Page{Path: SearchIndexFile, Deps: s.every, render: s.index1(SearchIndexFile, s.cases)},
		bytesPage("style.css", s.css))
	catsDone.Wait()
	pages = append(pages, cats...)
	pages = append(pages, rest...)
	pages, err := inPathOrder(pages)
	if err != nil {
		return err
	}
	s.pages = pages
	return nil
}

// page is the page at path p that renders the template name with data.
func (s *Site) page(p string, deps []Dep, name string, data *pageData) Page {
	data.Root = strings.Repeat("../", strings.Count(p, "/"))
	return Page{Path: p, Deps: sortDeps(deps), render: s.execute(name, p, data)}
}

// listPage is page, for a page whose dependencies name a large part of the
// practice (the docket, the category pages): its list of dependencies is
// kept from the last build when it holds the same keys (keptDeps).
func (s *Site) listPage(p string, deps []Dep, name string, data *pageData) Page {
	data.Root = strings.Repeat("../", strings.Count(p, "/"))
	return Page{Path: p, Deps: s.keptDeps(p, deps), render: s.execute(name, p, data)}
}

// keptDeps returns deps sorted and without duplicates, as sortDeps does; for
// the page at p, the very list of the site Next was called on when it holds
// the same keys.
//
// Fast path: after an edit, Site.Next puts together again the lists of the
// pages that list every issue (the docket, the search index and the
// calendar feed, 10,500 keys each at 10,000 issues; each category's page,
// about 1,000). Checking that each is sorted compared keys with long common
// prefixes: 1.2 ms of each edit's 8 ms in Next. Comparing with the last list
// costs a pointer comparison per key, since the views of unchanged cases
// are kept with their keys; and a list kept whole lets the incremental
// build skip comparing it again (sameBacking in package build).
func (s *Site) keptDeps(p string, deps []Dep) []Dep {
	if s.oneBuild {
		// Nothing is rebuilt from them, and kept here they stayed live to
		// the end of the build (13 MB at 50,000 issues).
		return nil
	}
	if s.prev != nil {
		if old, ok := s.prev.depLists[p]; ok && slices.Equal(deps, old) {
			s.depMu.Lock()
			s.depLists[p] = old
			s.depMu.Unlock()
			return old
		}
	}
	deps = sortDeps(deps)
	s.depMu.Lock()
	s.depLists[p] = deps
	s.depMu.Unlock()
	return deps
}

// bytesPage is a page whose bytes are data.
func bytesPage(p string, data []byte) Page {
	return Page{Path: p, render: func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}}
}

// appendCasePages appends every case's pages under cases/ (each case's are
// sorted by casePages; its notes page, first, goes under notes/), case
// folder by case folder.
func (s *Site) appendCasePages(pages []Page) []Page {
	byDir := slices.Clone(s.cases)
	slices.SortFunc(byDir, func(a, b *caseView) int { return strings.Compare(a.Dir, b.Dir) })
	for _, c := range byDir {
		pages = append(pages, c.pages[1:]...)
	}
	return pages
}

// appendNotesPages appends every case's notes page, sorted by path.
func (s *Site) appendNotesPages(pages []Page) []Page {
	notes := len(pages)
	for _, c := range s.cases {
		pages = append(pages, c.pages[0])
	}
	slices.SortFunc(pages[notes:], func(a, b Page) int { return strings.Compare(a.Path, b.Path) })
	return pages
}

// appendCategoryPages appends the category index and each category's page,
// sorted by path.
//
// The category index shows counts only, so that it stays small at any
// size of practice; each category's page lists its issues. An edit then
// re-renders a 22-row index and one category's list, not every issue.
// Dependency lists are put together in sorted order (sortDeps then only
// checks): the keys of the cases, in id order, then of their issues, case
// by case.
func (s *Site) appendCategoryPages(pages []Page) []Page {
	inIndex := map[string]bool{}
	for _, cv := range s.catList {
		inIndex[cv.Category.Name] = true
	}
	deps := []Dep{}
	for _, c := range s.cases {
		for _, v := range c.byDep {
			if inIndex[v.Issue.Category] {
				deps = append(deps, v.dep)
			}
		}
	}
	deps = append(deps, DepPractice)
	pages = append(pages, s.listPage("categories/index.html", deps, "categories.html", &pageData{Title: "Issues by category", Nav: "categories", Categories: s.catList}))
	cats := len(pages)
	for _, cv := range s.catList {
		var caseDeps, issueDeps []Dep
		pending := false
		run := 0 // where the current case's issues start in issueDeps
		for i, v := range cv.Issues {
			pending = pending || v.Pending // the overdue badge
			if i == 0 || v.CaseView != cv.Issues[i-1].CaseView {
				slices.Sort(issueDeps[run:]) // "#10" sorts before "#2"
				run = len(issueDeps)
				caseDeps = append(caseDeps, DepCase(v.Case.ID))
			}
			issueDeps = append(issueDeps, v.dep)
		}
		slices.Sort(issueDeps[run:])
		deps := caseDeps
		if pending {
			deps = append([]Dep{DepAsOf}, deps...)
		}
		deps = append(deps, issueDeps...)
		deps = append(deps, DepPractice)
		pages = append(pages, s.listPage(cv.Href, deps, "category.html", &pageData{Title: cv.Category.Label, Nav: "categories", Category: cv}))
	}
	slices.SortFunc(pages[cats:], func(a, b Page) int { return strings.Compare(a.Path, b.Path) })
	return pages
}

// docketDeps are the docket's dependencies. Besides its rows it counts
// every case's issues, open, overdue and closed, so it depends on every
// issue, and on the reference date.
func (s *Site) docketDeps() []Dep {
	return append([]Dep{DepAsOf}, s.every...)
}

// searchIndexDeps are the dependencies of the search index of every case,
// the coordinator's: every case and every issue, in sorted order.
func (s *Site) searchIndexDeps() []Dep {
	deps := []Dep{}
	for _, c := range s.cases {
		deps = append(deps, DepCase(c.Case.ID))
	}
	for _, c := range s.cases {
		for _, v := range c.byDep {
			deps = append(deps, v.dep)
		}
	}
	return append(deps, DepPractice)
}

// inPathOrder returns pages sorted by path, sorting only when they are not
// already (see buildPages), and refuses two pages with one path.
func inPathOrder(pages []Page) ([]Page, error) {
	if sortedPages(pages) {
		return pages, nil
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	for i := 1; i < len(pages); i++ {
		if pages[i].Path == pages[i-1].Path {
			return nil, fmt.Errorf("site: two pages would be written to %s (duplicate case id or issue number?)", pages[i].Path)
		}
	}
	return pages, nil
}

// sortedPages reports whether pages are in strictly increasing path order.
func sortedPages(pages []Page) bool {
	for i := 1; i < len(pages); i++ {
		if pages[i].Path <= pages[i-1].Path {
			return false
		}
	}
	return true
}

// casePages returns the pages of one case: its notes page first, then its
// own, its issues' and its clauses', sorted by path.
func (s *Site) casePages(c *caseView) []Page {
	var pages []Page
	// The case's key, made once: each page's list used to make its own,
	// one string for every issue and clause page (4.4 MB at 50,000 issues).
	caseDep := DepCase(c.Case.ID)
	// Each page's data is made when the page is rendered, not kept with
	// it: 27 MB of pageData at 50,000 issues (106,000 pages), live while
	// every page was rendered.
	add := func(p string, deps func() []Dep, name string, data func() *pageData) {
		root := strings.Repeat("../", strings.Count(p, "/"))
		pages = append(pages, Page{Path: p, Deps: s.pageDeps(deps), render: func(w io.Writer) error {
			d := data()
			d.Root = root
			return s.execute(name, p, d)(w)
		}})
	}
	add(c.Href, func() []Dep {
		deps := []Dep{DepPractice, caseDep}
		for _, v := range c.Issues {
			deps = append(deps, v.dep)
			if v.Pending {
				deps = append(deps, DepAsOf)
			}
		}
		// The log's keys are listed whether or not the case has a log:
		// creating log.txt adds its section.
		return append(deps, DepLog(c.Case.ID))
	}, "case.html", func() *pageData { return &pageData{Title: c.Case.Title, Case: c} })
	// The notes page shows the issues' private notes: any issue's edit
	// may change it.
	everyIssue := func() []Dep {
		deps := []Dep{DepPractice, caseDep}
		for _, v := range c.Issues {
			deps = append(deps, v.dep)
		}
		return deps
	}
	add(c.NotesHref, everyIssue, "notes.html", func() *pageData {
		return &pageData{Title: "Coordinator's notes: " + c.Case.Title, Case: c, Notes: true}
	})

	for _, v := range c.Issues {
		add(v.Href, func() []Dep {
			deps := []Dep{DepPractice, caseDep, v.dep}
			if v.Pending {
				deps = append(deps, DepAsOf)
			}
			if v.AmendsIssue != nil {
				deps = append(deps, v.AmendsIssue.dep)
			}
			if v.SupersededBy != nil {
				deps = append(deps, v.SupersededBy.dep)
			}
			return append(deps, DepLogIssue(c.Case.ID, v.Issue.Number))
		}, "issue.html", func() *pageData {
			return &pageData{Title: fmt.Sprintf("Issue %d: %s", v.Issue.Number, v.Issue.Title), Case: c, Issue: v}
		})
		pages[len(pages)-1].Record = v.Issue
	}
	for _, cl := range c.Clauses {
		add(cl.Href, func() []Dep {
			deps := []Dep{DepPractice, caseDep}
			for _, v := range cl.History {
				deps = append(deps, v.dep)
				if v.Pending {
					deps = append(deps, DepAsOf)
				}
			}
			return deps
		}, "clause.html", func() *pageData { return &pageData{Title: clauseTitle(cl.Clause), Case: c, Clause: cl} })
	}
	// The case's own search index, which an encrypted site opens to the
	// case's parents.
	pages = append(pages, Page{Path: c.SearchIndexHref(), Deps: s.pageDeps(everyIssue), render: s.index1(c.SearchIndexHref(), []*caseView{c})})
	// The notes page first, then the pages under the case's folder in path
	// order: buildPages puts them in place without sorting.
	rest := pages[2:]
	pages = append([]Page{pages[1], pages[0]}, rest...)
	slices.SortFunc(pages[1:], func(a, b Page) int { return strings.Compare(a.Path, b.Path) })
	return pages
}

// pageDeps returns the sorted dependency list that deps makes, or nil for a
// site rendered once (NewOneBuild), which rebuilds nothing from the lists:
// at 50,000 issues they were 15 MB, made only to be dropped by TakePages.
func (s *Site) pageDeps(deps func() []Dep) []Dep {
	if s.oneBuild {
		return nil
	}
	return sortDeps(deps())
}

// execute returns the render function of one page.
func (s *Site) execute(name, p string, data *pageData) func(io.Writer) error {
	data.Practice = s.p
	data.AsOf = s.asOf
	return func(w io.Writer) error {
		if buf, ok := w.(*bytes.Buffer); ok {
			return s.executeInto(buf, name, p, data)
		}
		buf := s.bufs.Get().(*bytes.Buffer)
		buf.Reset()
		defer s.bufs.Put(buf)
		if err := s.executeInto(buf, name, p, data); err != nil {
			return err
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("writing %s: %w", p, err)
		}
		return nil
	}
}

// executeInto renders the page straight into buf, the build's own buffer,
// and on an error cuts buf back to what it held, so that a failed page
// still writes nothing.
//
// Fast path: rendering into a buffer of the site's own and copying it into
// the build's copied every page once more (1.1 GB at 50,000 issues) and
// kept a second pool of buffers, each grown to the largest page its worker
// had rendered (the docket is 3 MB at 50,000 issues).
func (s *Site) executeInto(buf *bytes.Buffer, name, p string, data *pageData) error {
	n := buf.Len()
	if ok, err := s.executeGo(buf, name, data); ok {
		if err != nil {
			buf.Truncate(n)
			return fmt.Errorf("rendering %s: %w", p, err)
		}
		return nil
	}
	if err := s.tmpl.ExecuteTemplate(buf, name, data); err != nil {
		buf.Truncate(n)
		return fmt.Errorf("rendering %s: %w", p, err)
	}
	return nil
}

// index1 returns the render function of a search index of cases.
func (s *Site) index1(p string, cases []*caseView) func(io.Writer) error {
	return func(w io.Writer) error {
		if err := writeIndex(w, cases); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		return nil
	}
}

// sortDeps sorts deps and drops duplicates.
func sortDeps(deps []Dep) []Dep {
	if !slices.IsSorted(deps) {
		slices.Sort(deps)
	}
	out := deps[:0]
	for i, d := range deps {
		if i == 0 || d != deps[i-1] {
			out = append(out, d)
		}
	}
	return out
}

func clauseTitle(c *practice.Clause) string {
	if c.Title == "" {
		return "Clause " + c.Ref
	}
	return "Clause " + c.Ref + ": " + c.Title
}

// forEach calls f(0..n-1) on all cores and returns when every call has.
// A worker per core takes the next i when done with one: a goroutine per
// case grew its stack again for each case.
func forEach(n int, f func(i int)) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// partials caches the output of the template function cached. The sites
// that Site.Next derives from one New share their templates, and with them
// the function and this cache; Next empties it, because an edit may change
// what an entry shows.
type partials struct {
	m atomic.Pointer[partialMap]
}

// partialMap is one cache of partials: key -> HTML.
type partialMap struct {
	mu sync.RWMutex
	m  map[string]template.HTML
}

func (c *partials) reset() { c.m.Store(&partialMap{m: map[string]template.HTML{}}) }

// cached renders the template called name with data the first time it is
// called with keys, and returns that HTML for every later call with the
// same name and keys, the way Hugo's partialCached does. The keys must
// name everything the template reads that differs between the pages that
// call it: layout.html renders the site header once per (.Root, .Nav)
// instead of on each of 21,000 pages, where its four links were a fifth
// of a clause page's cost.
//
// Fast path: every page calls it three times (header, crumbs, footer).
// The key is put together in an array on the stack and looked up in a
// map, which a string(bytes) index does not copy: joining the key into a
// new string and boxing it for a sync.Map allocated three times a call,
// for a key used once.
func (c *partials) cached(tmpl *template.Template, name string, data any, keys ...string) (template.HTML, error) {
	var arr [256]byte
	key := append(arr[:0], name...)
	for _, k := range keys {
		key = append(key, 0)
		key = append(key, k...)
	}
	if len(keys) == 0 {
		key = append(key, 0) // as strings.Join made it
	}
	pm := c.m.Load()
	pm.mu.RLock()
	h, ok := pm.m[string(key)]
	pm.mu.RUnlock()
	if ok {
		return h, nil
	}
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	h = template.HTML(b.String())
	pm.mu.Lock()
	if first, ok := pm.m[string(key)]; ok { // rendered meanwhile by another page
		h = first
	} else {
		pm.m[string(key)] = h
	}
	pm.mu.Unlock()
	return h, nil
}
