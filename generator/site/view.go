package site

// The view API: the values the private site's templates see. A practice
// that overrides a template works with these fields, so they are an API:
// each is documented here and in docs/templates.md ("The view API of the
// private site"), a field no default template reads is not kept, and a
// change to a field's name is a change to every override. TestViewAPI
// holds both: a field is read by a default template and named in the doc.
//
// The shape, and why:
//   - pageData is the dot of every page: the fields every page has, then
//     one pointer per kind of page (docket, categories, case, issue, clause,
//     notes, fees), nil on the other kinds.
//   - caseView, issueView, clauseView and categoryView are the model's
//     values with their links and display strings precomputed as plain
//     fields, grouped by comments. Templates read fields, not methods, where
//     a value is cheap to compute once: a field costs a template far less
//     than a method call (every call goes through reflection). Methods are
//     kept for what is expensive and read once (rendered Markdown, the
//     document, the rows rendered once per issue).
//   - The groups are not embedded structs: text/template resolves a
//     promoted field by a breadth-first search that allocates, which made
//     every lookup several times slower. Nor are they named sub-structs:
//     that would rename every field an override reads.

import (
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"
	"sync"

	"pcdocket/generator/agenda"
	"pcdocket/generator/deadline"
	"pcdocket/generator/diag"
	"pcdocket/generator/document"
	"pcdocket/generator/jurisdiction"
	"pcdocket/generator/practice"
)

// recentOutcomes is how many outcomes the docket lists.
const recentOutcomes = 20

// pageData is the dot of every page template. The first group is set on
// every page; the others by the kind of page, and are nil (false) on the
// other kinds, so a shared template tests them with {{if .Issue}}.
type pageData struct {
	// Every page.
	Practice *practice.Practice // the whole model
	AsOf     practice.Date      // the reference date of the build
	Root     string             // the way back to the site root: "", "../", "../../"...
	Title    string             // the page's <title> and <h1>
	Nav      string             // the current navigation entry: "docket", "categories" or ""

	// The docket, index.html.
	Docket  *docketData  // open issues, recent outcomes, coming deadlines
	Cases   []*caseView  // every case, in the practice's order
	Billing *billingView // the billing summary (fees.go)
	// Coordinators link to each coordinator's docket, in a practice of
	// several; nil otherwise (coordinators.go).
	Coordinators []coordinatorLink

	// The category pages: categories/index.html lists Categories (those
	// with issues), categories/<name>.html shows one Category.
	Categories []*categoryView
	Category   *categoryView

	// The pages of one case: Case is set on the case page and on its
	// issue, clause, notes and fee pages; the page's own item beside it.
	Case   *caseView
	Issue  *issueView  // cases/<id>/issues/<n>.html
	Clause *clauseView // cases/<id>/clauses/<ref>.html
	Notes  bool        // notes/<id>.html, the coordinator's notes page
	// LogPage is set on log/<id>.html, the coordinator's log page (log.go).
	LogPage bool
	Fees    *feeView // fees/<id>.html (fees.go)
}

// docketData is the practice-wide view of open issues and recent outcomes.
type docketData struct {
	Pending []*issueView // overdue first, then urgent, then by due date, then raised date
	Overdue int
	Urgent  int
	Recent  []*issueView // newest outcome first, at most recentOutcomes
	Closed  int          // all issues with an outcome
	// Ahead are the deadlines from the reference date on, soonest first,
	// at most deadlinesAhead; AheadAll counts them all.
	Ahead    []aheadRow
	AheadAll int
	// Week is "This week": what falls due, what is open and who has not
	// been heard from, as of the reference date (week.go).
	Week *weekView
}

// deadlinesAhead is how many coming deadlines the docket lists; `pcdocket
// deadlines` lists every one.
const deadlinesAhead = 40

// aheadRow is one coming deadline on the docket.
type aheadRow struct {
	Deadline deadline.Deadline
	Day      string     // "Mon 2026-11-30"
	What     string     // "review", "decision due", ...
	Case     *caseView  // the case
	Issue    *issueView // the issue; nil for a date of the case itself
}

// caseView is what the templates see of a case (as .Case on the pages of
// a case, and as each item of the docket's .Cases): the model, its links,
// its issues and clauses, and what its pages print. The model is a named
// field, not embedded (see the top of this file).
type caseView struct {
	// The model and its rules.
	Case      *practice.Case     // .Case.Title, .Case.Parties, .Case.Plan...
	Status    string             // "active" or "closed", with the default applied
	Deadlines practice.Deadlines // the practice's deadline rules, overridden by the case's: .DecisionDays, .ObjectionDays...
	// Jurisdiction names the profile that governs the case's documents and
	// deadlines, "Colorado (CO)"; JurisdictionSummary is its one line.
	Jurisdiction, JurisdictionSummary string
	Recommends                        bool  // the appointment makes recommendations, not binding determinations
	PartyA, PartyB                    party // the parents as the pages name them
	// Coordinator is, in a practice of several coordinators, the one who
	// acts in the case, and CoordinatorHref that coordinator's docket;
	// both "" in a practice of one.
	Coordinator, CoordinatorHref string

	// Links: site paths from the root.
	Href      string // the case page
	NotesHref string // the coordinator-only notes page
	Dir       string // the case's folder, with a trailing slash

	// The case's issues and clauses.
	Issues  []*issueView  // by number
	Clauses []*clauseView // in plan order
	Pending int           // open issues
	Overdue int           // open issues past their due date

	// The communications and session log (log.go): Log is every entry,
	// newest first, for the coordinator's log page at LogHref; LogShared
	// the entries that are not private, for the case page. LogHref is ""
	// when the case has no log.
	Log       []*logRow
	LogShared []*logRow
	LogHref   string

	// Not for templates.
	pages    []Page       // the case's own pages, kept for Site.Next
	byDep    []*issueView // Issues in the order of their dependency keys
	oneBuild bool         // the site is rendered once: cache nothing (NewOneBuild)

	tmpl      *template.Template // for the row below
	docketRow row                // the case's row of the docket's list of cases, rendered once

	search     sync.Once // searchEntry
	searchJSON []byte
	searchErr  error

	fees feeCache // the case's priced ledger (fees.go)

	// The case's dated items (package agenda), for the week and the
	// feeds, and its feed: its path and its events, made once (week.go).
	agenda    []agenda.Item
	feedHref  string
	feedDeps  []Dep // the dependencies of the case's feed, made once
	feed      sync.Once
	feedBytes []byte
	feedErr   error

	md section
}

// A section renders Markdown for a place under a heading of the given
// level (markup.Markdown.Section): the page template says where it puts
// the Markdown, and the coordinator's headings are numbered below it.
type section func(src string, level int) (template.HTML, error)

// NotesHTML returns the case notes as HTML for a place under a heading of
// the given level. The notes page is its one reader.
func (c *caseView) NotesHTML(level int) (template.HTML, error) {
	h, err := c.md(c.Case.Body, level)
	if err != nil {
		return "", fmt.Errorf("case %s notes: %w", c.Case.ID, err)
	}
	return h, nil
}

// party is a parent as the pages name them.
type party struct {
	Name    string // "Dana Reyes"
	Label   string // "Mother", or "" (templates fall back to "Parent A")
	Counsel string // the counsel's name and firm, or ""
}

func newParty(p practice.Party) party {
	return party{Name: p.Name, Label: p.Label, Counsel: p.Counsel.String()}
}

// timelineRow is one line of an issue's timeline.
type timelineRow struct {
	On     string // YYYY-MM-DD
	What   string // "Raised", "Notice", "Mediation", the outcome's label, "Served"
	By     string // who, for "by ..."
	To     string // where a referral went, for "to ..."
	Result string // a mediation's result
	Note   string
}

// clauseView is what the templates see of a plan clause (as .Clause on a
// clause page, each item of a case's .Clauses and of an issue's .Cited):
// the clause, its page and its interpretation history.
type clauseView struct {
	Clause  *practice.Clause // .Clause.Ref, .Clause.Title, .Clause.Text
	Href    string           // site path of the clause page; "" for a ref the plan lacks
	History []*issueView     // issues citing the clause, newest first
}

// issueView is what the templates see of an issue (as .Issue on an issue
// page, and as each row of the docket, case and category lists): the model,
// then everything its pages show, precomputed as plain fields, because a
// field costs a template far less than a method call (every call goes
// through reflection). The groups are plain fields, not embedded structs
// (see the top of this file).
type issueView struct {
	// The model and where it sits.
	Issue    *practice.Issue
	Case     *practice.Case
	CaseView *caseView
	Href     string // site path of the issue page

	// Status and category.
	Status      string // "pending" or the outcome kind
	StatusLabel string // the status for display; a determination under a recommending appointment reads "Recommendation"
	Pending     bool   // no outcome yet
	Category    practice.Category
	OutOfScope  bool   // the vocabulary or the appointment's scope_out excludes the category
	Referral    string // where an out-of-scope matter goes, when known
	ReferredTo  string // the referral's label

	// The document, when the outcome has one.
	Documented bool
	DocKind    string // practice.Issue.DocumentKind
	DocTitle   string // practice.Issue.DocumentTitle
	DocHref    string // site path of the PDF, or ""

	// Dates and deadlines (package deadline computes them; the display
	// strings below print them).
	Due         practice.Date // the decision's due date; zero while the record is open
	HasDue      bool          // the record has closed, so a due date runs
	Overdue     bool          // pending past Due on the reference date
	DaysPending int           // days from raised_on to the reference date
	DaysLate    int           // days past due, when overdue
	DaysLeft    int           // days until due, when not overdue
	// ObjectionBasis and FilingBasis say how the deadline was computed and
	// the rule it comes from.
	ObjectionBasis, FilingBasis string
	Deadlines                   []deadline.Deadline // every date of the issue

	// Links to other issues and clauses.
	Cited        []*clauseView // the cited clauses, in the order cited
	AmendsIssue  *issueView    // the issue this one amends, when it exists
	SupersededBy *issueView    // the latest issue whose document amends this one's, when there is one

	// Display strings, computed once.
	RaisedBy      string // the party who raised the issue, by name
	RaisedOnLong  string // "March 4, 2026"
	RecordLong    string // the record's closing date, "" while it is open
	DueLong       string // the due date, "March 4, 2026"
	DaysLateText  string // "3 days"
	DaysLeftText  string // "3 days"
	OnLong        string // the outcome's date; "" while pending
	EffectiveLong string // the date the outcome takes effect
	EffectiveOwn  bool   // the outcome takes effect on a day of its own
	ServedLong    string // "" while not served
	ObjectionLong string // the objection deadline, long form
	FilingLong    string // the filing deadline, long form

	// Not for templates.
	dep Dep // DepIssue, computed once

	md   section
	tmpl *template.Template // for the rows below
	p    *practice.Practice
	docs *document.Builder // for Document

	// The issue's rows on the docket and on its category's page, rendered
	// once: watch mode keeps the views of unchanged cases, and with them
	// their rows, so that a docket of thousands of rows is put together
	// after an edit instead of rendered again.
	docketRow, categoryRow row

	// LogRows are the case's log entries about the issue that are not
	// private, newest first (log.go).
	LogRows []*logRow
}

// row is one issue's rendered row of a list page.
type row struct {
	once sync.Once
	html template.HTML
	err  error
}

// rowData is the dot of the row templates.
type rowData struct {
	Root string     // the way back to the root from the list's page
	Row  *issueView // the issue
}

// Roots of the pages that list issue rows.
const (
	docketRoot   = ""    // index.html
	categoryRoot = "../" // categories/<name>.html
)

// DocketRow returns the issue's row of the docket's open issues.
func (v *issueView) DocketRow() (template.HTML, error) {
	return v.row(&v.docketRow, "docket-row", docketRoot)
}

// CategoryRow returns the issue's row on its category's page.
func (v *issueView) CategoryRow() (template.HTML, error) {
	return v.row(&v.categoryRow, "category-row", categoryRoot)
}

func (v *issueView) row(r *row, name, root string) (template.HTML, error) {
	if v.CaseView.oneBuild {
		// Rendered once per build (an issue is on one category page, and
		// on the docket while open): kept, the rows of 50,000 issues held
		// 30 MB to the end of the build. See NewOneBuild.
		r = new(row)
	}
	if err := r.render(v.tmpl, name, rowData{Root: root, Row: v}); err != nil {
		return "", fmt.Errorf("issue %s: %w", v.Issue.ID(), err)
	}
	return r.html, nil
}

// caseRowData is the dot of the docket-case-row template.
type caseRowData struct {
	Root string    // the way back to the root from the list's page
	Row  *caseView // the case
}

// DocketRow returns the case's row of the docket's list of cases (the
// practice's docket and its coordinator's, both at the site's root).
func (cv *caseView) DocketRow() (template.HTML, error) {
	if err := cv.docketRow.render(cv.tmpl, "docket-case-row", caseRowData{Root: docketRoot, Row: cv}); err != nil {
		return "", fmt.Errorf("case %s: %w", cv.Case.ID, err)
	}
	return cv.docketRow.html, nil
}

// render renders the row with the template name, once.
func (r *row) render(tmpl *template.Template, name string, data any) error {
	r.once.Do(func() {
		var b strings.Builder
		if tmpl == nil || tmpl.Lookup(name) == nil {
			r.err = fmt.Errorf("template %q is missing", name)
			return
		}
		if r.err = tmpl.ExecuteTemplate(&b, name, data); r.err == nil {
			r.html = template.HTML(b.String())
		}
	})
	return r.err
}

// joinRows returns the rows of views, each rendered once and kept with its
// view, joined.
//
// Fast path: a list page's template prints its rows with one call instead
// of ranging over them. At 10,000 issues the docket (914 open issues' rows
// and 500 cases' rows) took 6 to 7 ms to render after every edit, most of
// it html/template calling each view's row method by reflection, and the
// case rows' 3,500 printed values; joined, the docket takes about 3 ms
// (the week's, deadlines' and outcomes' rows are still printed value by
// value).
func joinRows[V any](views []V, rowOf func(V) (template.HTML, error)) (template.HTML, error) {
	rows := make([]template.HTML, len(views))
	n := 0
	for i, v := range views {
		h, err := rowOf(v)
		if err != nil {
			return "", err
		}
		rows[i] = h
		n += len(h)
	}
	var b strings.Builder
	b.Grow(n)
	for _, h := range rows {
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

// BodyHTML returns the issue's record as HTML, for a place under a heading
// of the given level. It converts the Markdown on
// every call and keeps nothing: the issue page is the one page that shows
// the record, once, so a cache only held every record in memory until the
// build ended (about 40 MB at 10,000 issues).
func (v *issueView) BodyHTML(level int) (template.HTML, error) {
	h, err := v.md(v.Issue.Body, level)
	if err != nil {
		return "", fmt.Errorf("issue %s record: %w", v.Issue.ID(), err)
	}
	return h, nil
}

// PrivateHTML returns the issue's "## Private" notes as HTML under a
// heading of the given level, for the
// coordinator's notes page only: issue pages lie in the case's folder,
// which an encrypted site opens to the case's parents.
func (v *issueView) PrivateHTML(level int) (template.HTML, error) {
	h, err := v.md(v.Issue.Private, level)
	if err != nil {
		return "", fmt.Errorf("issue %s private notes: %w", v.Issue.ID(), err)
	}
	return h, nil
}

// Document builds the issue's document, the one its PDF renders, for the
// HTML twin; nil for an issue without a document. Like BodyHTML it builds
// on every call and keeps nothing: the issue page is its one reader.
func (v *issueView) Document() (*document.Document, error) {
	if !v.Documented || v.docs == nil {
		return nil, nil
	}
	d, err := v.docs.Build(v.p, v.Issue)
	if err != nil {
		return nil, fmt.Errorf("issue %s: %w", v.Issue.ID(), err)
	}
	return d, nil
}

// display fills in the display strings, given the dates the view does not
// keep (templates print them as strings).
func (v *issueView) display(recordClosed, objection, filing practice.Date) {
	c, is := v.Case, v.Issue
	v.RaisedBy = c.PartyName(is.RaisedBy)
	v.RaisedOnLong = is.RaisedOn.Long()
	v.RecordLong = recordClosed.Long()
	v.DueLong = v.Due.Long()
	v.DaysLateText, v.DaysLeftText = diag.Plural(v.DaysLate, "day"), diag.Plural(v.DaysLeft, "day")
	v.ObjectionLong, v.FilingLong = objection.Long(), filing.Long()
	o := is.Outcome
	if o == nil {
		return
	}
	v.OnLong, v.EffectiveLong, v.ServedLong = o.On.Long(), o.EffectiveOn().Long(), o.ServedOn.Long()
	v.EffectiveOwn = o.EffectiveOn().String() != o.On.String()
	v.ReferredTo = kindLabel(o.ReferredTo)
}

// Timeline returns the issue's timeline: raised, each event, the outcome
// and its service, then any directive not followed.
//
// Memory: a method, made for the issue page that prints it, not a field
// made with the view: the timelines were the largest part of the views,
// 47 MB at 50,000 issues, all live while the pages were rendered. The issue
// page reads it once, so the reflective call costs nothing that shows.
func (v *issueView) Timeline() []timelineRow {
	c, is := v.Case, v.Issue
	// Sized once: raised, the events, the outcome and its service. Grown
	// by appending, the timelines were a third of the views' memory (33 MB
	// of 104 MB at 50,000 issues), most of it capacity never used.
	tl := make([]timelineRow, 0, len(is.Events)+3)
	tl = append(tl, timelineRow{On: is.RaisedOn.String(), What: "Raised", By: v.RaisedBy})
	// A directive not followed comes after the outcome it breaks, and
	// after its service: the timeline lists it there.
	var after []timelineRow
	for _, e := range is.Events {
		row := timelineRow{On: e.On.String(), What: kindLabel(e.Kind), Result: e.Result, Note: e.Note}
		if e.By != "" {
			row.By = c.PartyName(e.By)
		}
		if row.Result == practice.ResultNoAgreement {
			row.Result = "no agreement"
		}
		if e.Kind == practice.EventNoncompliance {
			row.What = fmt.Sprintf("Directive %d not followed", e.Directive)
			after = append(after, row)
			continue
		}
		tl = append(tl, row)
	}
	if o := is.Outcome; o != nil {
		tl = append(tl, timelineRow{On: o.On.String(), What: v.StatusLabel, To: v.ReferredTo})
		if !o.ServedOn.IsZero() {
			tl = append(tl, timelineRow{On: o.ServedOn.String(), What: "Served"})
		}
	}
	return append(tl, after...)
}

// categoryView is what the templates see of a category (each item of
// .Categories, and .Category on a category's page): the vocabulary entry,
// its page, and its issues with their counts.
type categoryView struct {
	Category practice.Category // the vocabulary entry: .Name, .Label, .InScope, .Referral
	Href     string            // site path of the category's page
	Counts   []kindCount       // one per outcome kind, in practice.OutcomeKinds order
	Pending  int               // open issues
	Issues   []*issueView      // by case, then number
}

// kindCount is how many issues of a category ended one way.
type kindCount struct {
	Kind  string // the outcome kind, "determination"
	Label string // its label, "Determination"
	N     int
}

// index resolves every case and issue once, for all pages to share. The
// views of a case found in reuse are taken as they are.
func (s *Site) index(reuse map[*practice.Case]*caseView) {
	md := section(s.md.Section)
	caseSlugs := newNamer()
	views := make([]*caseView, len(s.p.Cases))
	var todo []int // cases to resolve
	slugs := make([]string, len(s.p.Cases))
	for i, c := range s.p.Cases {
		slugs[i] = caseSlugs.name(c.ID)
		if cv := reuse[c]; cv != nil && cv.Dir == "cases/"+slugs[i]+"/" {
			views[i] = cv
		} else {
			todo = append(todo, i)
		}
	}
	// Cases resolve independently (a case's views point only into the
	// case), so a full build resolves them on all cores: 10,000 issues
	// took 120 ms on one.
	forEach(len(todo), func(k int) {
		i := todo[k]
		views[i] = s.caseView(s.p.Cases[i], slugs[i], md)
	})
	s.cases = append(s.cases, views...)
	// The category views are put together beside the dockets, on the
	// other core: each reads the case views and writes its own fields.
	// Site.Next runs this after every edit on one core otherwise, 3.5 ms
	// at 10,000 issues (1.3 ms of it the categories).
	var cats sync.WaitGroup
	cats.Go(s.indexCategories)
	s.docket = s.docketOf(views)
	s.dockets = s.coordinatorDockets(views)
	cats.Wait()
}

// docketOf is the docket of the cases views: their open issues, recent
// outcomes and coming deadlines.
func (s *Site) docketOf(views []*caseView) docketData {
	var dd docketData
	d := &dd
	for _, cv := range views {
		for _, v := range cv.Issues {
			if v.Pending {
				d.Pending = append(d.Pending, v)
				if v.Overdue {
					d.Overdue++
				}
				if v.Issue.Urgent {
					d.Urgent++
				}
			} else {
				d.Recent = append(d.Recent, v)
			}
		}
	}

	for _, cv := range views {
		for _, dl := range s.book.Case(cv.Case) {
			if !dl.Date.Before(s.asOf) {
				d.Ahead = append(d.Ahead, aheadRow{Deadline: dl, Case: cv})
			}
		}
		for _, v := range cv.Issues {
			for _, dl := range v.Deadlines {
				if !dl.Date.Before(s.asOf) {
					d.Ahead = append(d.Ahead, aheadRow{Deadline: dl, Case: cv, Issue: v})
				}
			}
		}
	}
	// slices.SortStableFunc, not sort.SliceStable, which swaps through
	// reflection: Site.Next sorts every deadline ahead and every open
	// issue again after each edit (1 ms of its 4 at 10,000 issues).
	slices.SortStableFunc(d.Ahead, func(a, b aheadRow) int {
		return order(a.Deadline.Date.Before(b.Deadline.Date), b.Deadline.Date.Before(a.Deadline.Date))
	})
	d.AheadAll = len(d.Ahead)
	d.Ahead = d.Ahead[:min(len(d.Ahead), deadlinesAhead)]
	for i := range d.Ahead {
		r := &d.Ahead[i]
		r.Day, r.What = jurisdiction.ShortDate(r.Deadline.Date), r.Deadline.Kind.Describe()
	}
	d.Week = s.weekOf(views)
	slices.SortStableFunc(d.Pending, func(a, b *issueView) int { return order(docketBefore(a, b), docketBefore(b, a)) })
	d.Closed = len(d.Recent)
	d.Recent = newest(d.Recent, recentOutcomes)

	return dd
}

// caseView resolves one case and its issues.
func (s *Site) caseView(c *practice.Case, slug string, md section) *caseView {
	cv := &caseView{Case: c, Status: c.Status, Deadlines: c.Deadlines(s.p), md: md, oneBuild: s.oneBuild, tmpl: s.tmpl}
	if cv.Status == "" {
		cv.Status = practice.StatusActive
	}
	cv.Recommends = c.Appointment.Recommends()
	cv.PartyA, cv.PartyB = newParty(c.Parties.ParentA), newParty(c.Parties.ParentB)
	if len(s.p.AllCoordinators()) > 1 {
		co := s.p.CoordinatorOf(c)
		cv.Coordinator = co.Name
		if idSafe(co.ID) {
			cv.CoordinatorHref = CoordinatorDocketPath(co.ID)
		}
	}
	prof := s.book.Profile(c)
	cv.Jurisdiction = fmt.Sprintf("%s (%s)", prof.Name, prof.Code)
	cv.JurisdictionSummary = prof.Summary
	cv.Dir = "cases/" + slug + "/"
	cv.Href = cv.Dir + "index.html"
	// The notes page lives outside cases/<id>/ on purpose: an
	// encrypted site opens that folder to the case's parents, and the
	// safety screening and private notes are the coordinator's alone.
	cv.NotesHref = "notes/" + slug + ".html"
	cv.feedHref = FeedDir + slug + ".ics"
	byRef := map[string]*clauseView{}
	clauseSlugs := newNamer()
	for i := range c.Plan.Clauses {
		cl := &c.Plan.Clauses[i]
		clv := &clauseView{Clause: cl, Href: cv.Dir + "clauses/" + clauseSlugs.name(cl.Ref) + ".html"}
		cv.Clauses = append(cv.Clauses, clv)
		if _, dup := byRef[cl.Ref]; !dup {
			byRef[cl.Ref] = clv
		}
	}
	byNumber := map[int]*issueView{}
	for _, is := range c.Issues {
		v := s.issueView(cv, is, byRef, md)
		cv.Issues = append(cv.Issues, v)
		byNumber[is.Number] = v
		if v.Pending {
			cv.Pending++
			if v.Overdue {
				cv.Overdue++
			}
		}
	}
	for _, v := range cv.Issues {
		if n := v.Issue.Amends; n != 0 && n != v.Issue.Number {
			v.AmendsIssue = byNumber[n]
		}
		if v.Documented {
			if by := c.AmendedBy(v.Issue.Number); by != nil {
				v.SupersededBy = byNumber[by.Number]
			}
		}
	}
	setLog(cv, slug) // log.go
	byIssue := make(map[*practice.Issue]*issueView, len(cv.Issues))
	for _, v := range cv.Issues {
		byIssue[v.Issue] = v
	}
	cv.agenda = agenda.Case(c, func(is *practice.Issue) []deadline.Deadline { return byIssue[is].Deadlines }, caseLinks{cv, byNumber})
	cv.byDep = slices.Clone(cv.Issues)
	slices.SortFunc(cv.byDep, func(a, b *issueView) int { return strings.Compare(string(a.dep), string(b.dep)) })
	for _, clv := range cv.Clauses {
		sort.SliceStable(clv.History, func(i, j int) bool { return newer(clv.History[i], clv.History[j]) })
	}
	return cv
}

func (s *Site) issueView(cv *caseView, is *practice.Issue, byRef map[string]*clauseView, md section) *issueView {
	v := &issueView{Issue: is, Case: cv.Case, CaseView: cv, md: md, tmpl: s.tmpl, p: s.p, docs: s.docs}
	v.dep = DepIssue(is)
	v.Status, v.Pending, v.Documented = is.Status(), is.Pending(), is.Documented()
	v.StatusLabel = kindLabel(v.Status)
	if is.Outcome != nil && is.Outcome.Kind == practice.OutcomeDetermination && cv.Case.Appointment.Recommends() {
		switch {
		case is.AwaitingAdoption():
			v.StatusLabel = "Recommendation, awaiting adoption"
		case is.Adopted():
			v.StatusLabel = "Recommendation, adopted"
		default:
			v.StatusLabel = "Recommendation"
		}
	}
	v.DocKind, v.DocTitle = is.DocumentKind(), is.DocumentTitle()
	v.Href = fmt.Sprintf("%sissues/%d.html", cv.Dir, is.Number)
	cat, ok := practice.LookupCategory(is.Category)
	if !ok {
		cat = practice.Category{Name: is.Category, Label: is.Category, InScope: true}
	}
	v.Category = cat
	v.OutOfScope, v.Referral = !cat.InScope, cat.Referral
	for _, out := range cv.Case.Appointment.ScopeOut {
		if out == is.Category {
			v.OutOfScope = true
		}
	}
	v.Deadlines = s.book.Issue(is)
	var objection, filing practice.Date
	for _, d := range v.Deadlines {
		switch d.Kind {
		case deadline.DecisionDue:
			v.Due = d.Date
		case deadline.Review:
			objection, v.ObjectionBasis = d.Date, d.Basis+" ("+d.Rule+")"
		case deadline.Filing:
			filing, v.FilingBasis = d.Date, d.Basis+" ("+d.Rule+")"
		}
	}
	v.HasDue = !v.Due.IsZero()
	if objection.IsZero() && (is.DocumentKind() == "determination" || is.DocumentKind() == "recommendation") {
		per := s.book.Profile(is.Case).Review.Period(cv.Deadlines.ObjectionDays)
		v.ObjectionBasis = fmt.Sprintf("%s after %s (not yet recorded)", diag.Plural(per.Days, "day"), per.From)
	}
	v.DaysPending = max(is.DaysPending(s.asOf), 0) // a reference date before raised_on counts nothing
	if is.Pending() && !v.Due.IsZero() {
		if s.asOf.After(v.Due) {
			v.Overdue, v.DaysLate = true, v.Due.DaysUntil(s.asOf)
		} else {
			v.DaysLeft = s.asOf.DaysUntil(v.Due)
		}
	}
	if f := is.DocumentFile(); f != "" {
		v.DocHref = "documents/" + f
	}
	v.display(is.RecordClosed(), objection, filing)
	seen := map[string]bool{}
	for _, ref := range is.Clauses {
		if seen[ref] {
			continue
		}
		seen[ref] = true
		clv := byRef[ref]
		if clv == nil {
			// A ref the plan lacks (check reports it): quote what we can.
			v.Cited = append(v.Cited, &clauseView{Clause: &practice.Clause{Ref: ref}})
			continue
		}
		v.Cited = append(v.Cited, clv)
		clv.History = append(clv.History, v)
	}
	return v
}

func (s *Site) indexCategories() {
	byName := map[string]*categoryView{}
	var all []*categoryView
	for _, c := range practice.Categories {
		slug := safeName(c.Name)
		cv := &categoryView{Category: c, Href: "categories/" + slug + ".html"}
		for _, k := range practice.OutcomeKinds {
			cv.Counts = append(cv.Counts, kindCount{Kind: k, Label: kindLabel(k)})
		}
		byName[c.Name] = cv
		all = append(all, cv)
	}
	for _, c := range s.cases {
		for _, v := range c.Issues {
			cv := byName[v.Issue.Category]
			if cv == nil {
				continue // not in the vocabulary: check reports it
			}
			cv.Issues = append(cv.Issues, v)
			if v.Pending {
				cv.Pending++
				continue
			}
			for i := range cv.Counts {
				if cv.Counts[i].Kind == v.Status {
					cv.Counts[i].N++
				}
			}
		}
	}
	for _, cv := range all {
		if len(cv.Issues) > 0 {
			s.catList = append(s.catList, cv)
		}
	}
}

// order turns "a before b" and "b before a" into a comparison's result.
func order(ab, ba bool) int {
	switch {
	case ab:
		return -1
	case ba:
		return 1
	}
	return 0
}

// docketBefore orders open issues: overdue first, then urgent ones (an
// urgent issue often has no due date yet, its record still open, but it is
// the one the coordinator must act on today), then by due date (issues
// whose record is still open last), then by raised date.
func docketBefore(a, b *issueView) bool {
	if a.Overdue != b.Overdue {
		return a.Overdue
	}
	if a.Issue.Urgent != b.Issue.Urgent {
		return a.Issue.Urgent
	}
	if a.Due != b.Due {
		if a.Due.IsZero() || b.Due.IsZero() {
			return b.Due.IsZero()
		}
		return a.Due.Before(b.Due)
	}
	if a.Issue.RaisedOn != b.Issue.RaisedOn {
		return a.Issue.RaisedOn.Before(b.Issue.RaisedOn)
	}
	return byCaseNumber(a, b)
}

// newest returns the n issues of closed with the latest outcomes, newest
// first (ties by case and number, a total order). It keeps a sorted list of
// n instead of sorting every closed issue: watch mode redoes this after
// every edit, and a practice of 10,000 issues has 9,000 closed ones.
func newest(closed []*issueView, n int) []*issueView {
	before := func(a, b *issueView) bool {
		if a.Issue.Outcome.On != b.Issue.Outcome.On {
			return a.Issue.Outcome.On.After(b.Issue.Outcome.On)
		}
		return byCaseNumber(a, b)
	}
	if n <= 0 {
		return nil
	}
	top := make([]*issueView, 0, min(n, len(closed))+1)
	for _, v := range closed {
		if len(top) == n && !before(v, top[n-1]) {
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return before(v, top[i]) })
		top = append(top, nil)
		copy(top[i+1:], top[i:])
		top[i] = v
		if len(top) > n {
			top = top[:n]
		}
	}
	return top[:len(top):len(top)]
}

func byCaseNumber(a, b *issueView) bool {
	if a.Case.ID != b.Case.ID {
		return a.Case.ID < b.Case.ID
	}
	return a.Issue.Number < b.Issue.Number
}

// newer is the order of practice.Case.ClauseHistory: raised_on, then
// number, newest first.
func newer(a, b *issueView) bool {
	if a.Issue.RaisedOn != b.Issue.RaisedOn {
		return a.Issue.RaisedOn.After(b.Issue.RaisedOn)
	}
	return a.Issue.Number > b.Issue.Number
}

// kindLabel names an outcome kind for display.
func kindLabel(k string) string {
	switch k {
	case "":
		return ""
	case "child-protection":
		return "Child protection"
	case "support-agency":
		return "Support agency"
	}
	return strings.ToUpper(k[:1]) + strings.ReplaceAll(k[1:], "-", " ")
}
