package site

import (
	"bytes"
	"html"
	"html/template"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"pcdocket/generator/document"
	"pcdocket/generator/practice"
	"pcdocket/templates"
)

// awkward are strings that html/template escapes: every byte it replaces,
// runes of several bytes, invalid UTF-8 and U+FFFD itself.
var awkward = []string{
	"", "plain", `a "quoted" & 'single' + <b>tag</b>`, "nul\x00byte", "Ünïcödé — 🙂 +1",
	"bad \xff\xfe utf-8 <", "\uFFFD&amp;", "<<>>&&++''\"\"",
}

// TestWriteText holds writeText to html/template's own escaping, in text
// and in a quoted attribute value.
func TestWriteText(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(`<p title="{{.}}">{{.}}</p>`))
	for _, s := range awkward {
		var want, got bytes.Buffer
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		got.WriteString(`<p title="`)
		writeText(&got, s)
		got.WriteString(`">`)
		writeText(&got, s)
		got.WriteString(`</p>`)
		if got.String() != want.String() {
			t.Errorf("writeText(%q) =\n%s\nhtml/template:\n%s", s, got.String(), want.String())
		}
	}
}

// TestWriteEscaped holds writeEscaped, the twin's blocks' escaping, to
// html.EscapeString.
func TestWriteEscaped(t *testing.T) {
	for _, s := range awkward {
		var b bytes.Buffer
		writeEscaped(&b, s)
		if got, want := b.String(), html.EscapeString(s); got != want {
			t.Errorf("writeEscaped(%q) = %q, html.EscapeString gives %q", s, got, want)
		}
	}
}

// FuzzEscaping holds writeText to html/template and writeEscaped to
// html.EscapeString on any string: both look for the bytes to replace
// with indexByteSet, not the library's own search.
func FuzzEscaping(f *testing.F) {
	for _, s := range awkward {
		f.Add(s)
	}
	tmpl := template.Must(template.New("t").Parse(`{{.}}`))
	f.Fuzz(func(t *testing.T, s string) {
		var want, got bytes.Buffer
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		writeText(&got, s)
		if got.String() != want.String() {
			t.Errorf("writeText(%q) = %q, html/template gives %q", s, got.String(), want.String())
		}
		got.Reset()
		writeEscaped(&got, s)
		if got, want := got.String(), html.EscapeString(s); got != want {
			t.Errorf("writeEscaped(%q) = %q, html.EscapeString gives %q", s, got, want)
		}
	})
}

// BenchmarkWriteText writes a record's line of prose, with an apostrophe
// and an ampersand, as the fragments write most strings.
func BenchmarkWriteText(b *testing.B) {
	const s = "The parents' exchange at the school & the library moved to 5:30 pm on Fridays, as the plan's clause 4.2 allows."
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		writeText(&buf, s)
	}
}

func TestWriteTimeline(t *testing.T) {
	tmpl := fragmentTemplates(t, fragmentSite())
	var rows []timelineRow
	for i, s := range awkward {
		r := timelineRow{On: "2026-03-0" + string(rune('1'+i%9)), What: s}
		switch i % 4 { // every combination of the optional parts, over the rows
		case 0:
			r.By, r.Note = s, s
		case 1:
			r.To, r.Result = s, s
		case 2:
			r.By, r.To, r.Result, r.Note = s, s, s, s
		}
		rows = append(rows, r)
	}
	for _, rs := range [][]timelineRow{nil, rows[:1], rows} {
		var want, got bytes.Buffer
		if err := tmpl.ExecuteTemplate(&want, "ref-timeline", rs); err != nil {
			t.Fatal(err)
		}
		got.WriteString(`<ol class="timeline">`)
		writeTimeline(&got, rs)
		got.WriteString("\n</ol>")
		if got.String() != want.String() {
			t.Errorf("writeTimeline(%d rows) =\n%s\ntemplate:\n%s", len(rs), got.String(), want.String())
		}
	}
}

// TestWriteSection holds the functions section and sections to the
// default template doc-section, which they replace in doc-paper.
func TestWriteSection(t *testing.T) {
	s := &Site{}
	s.bufs.New = func() any { return new(bytes.Buffer) }
	tmpl, err := template.New("t").Funcs(twinFuncs(s.htmlOf)).ParseFS(templates.Default(), "private/document.html")
	if err != nil {
		t.Fatal(err)
	}
	template.Must(tmpl.New("range").Parse(`{{- range .}}
{{template "doc-section" .}}
{{- end}}`))
	template.Must(tmpl.New("sections").Parse(`{{- with .}}
{{sections .}}
{{- end}}`))
	var secs []document.Section
	for i, h := range awkward {
		secs = append(secs, document.Section{Number: strings.Repeat("I", i%3), Heading: h,
			Blocks: []document.Block{&document.Paragraph{Runs: []document.Run{{Text: h}}}}})
	}
	for _, ss := range [][]document.Section{nil, secs[:1], secs} {
		var want, got bytes.Buffer
		if err := tmpl.ExecuteTemplate(&want, "range", ss); err != nil {
			t.Fatal(err)
		}
		if err := tmpl.ExecuteTemplate(&got, "sections", ss); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("sections (%d) =\n%s\ndoc-section:\n%s", len(ss), got.String(), want.String())
		}
		for _, sec := range ss {
			want.Reset()
			if err := tmpl.ExecuteTemplate(&want, "doc-section", sec); err != nil {
				t.Fatal(err)
			}
			if got := string(twinFuncs(s.htmlOf)["section"].(func(document.Section) template.HTML)(sec)); got != want.String() {
				t.Errorf("section(%q) =\n%s\ndoc-section:\n%s", sec.Heading, got, want.String())
			}
		}
	}
}

// TestWriteCaption holds the function caption to the default template
// doc-caption, which it replaces in doc-paper.
func TestWriteCaption(t *testing.T) {
	s := &Site{}
	s.bufs.New = func() any { return new(bytes.Buffer) }
	tmpl, err := template.New("t").Funcs(twinFuncs(s.htmlOf)).ParseFS(templates.Default(), "private/document.html")
	if err != nil {
		t.Fatal(err)
	}
	caption := twinFuncs(s.htmlOf)["caption"].(func(*document.Document) template.HTML)
	for i, w := range awkward {
		d := &document.Document{Title: w, Re: "Re: " + w, Caption: document.Caption{
			Court: w, CaseNo: w, And: w, Document: w, Before: awkward[:i],
			Parties: [2]document.CaptionParty{{Name: w, Label: w}, {Name: w + "2", Label: ""}},
		}}
		var want bytes.Buffer
		if err := tmpl.ExecuteTemplate(&want, "doc-caption", d); err != nil {
			t.Fatal(err)
		}
		if got := string(caption(d)); got != want.String() {
			t.Errorf("caption(%q) =\n%s\ndoc-caption:\n%s", w, got, want.String())
		}
	}
}

// fragmentTemplates parses the templates that the fragments replaced
// (reference.html) with the site's functions and layout.html's templates
// (status, party, due), which they call.
func fragmentTemplates(t *testing.T, s *Site) *template.Template {
	t.Helper()
	tmpl, err := template.New("t").Funcs(s.funcs()).ParseFS(templates.Default(), "private/layout.html", "private/reference.html")
	if err != nil {
		t.Fatal(err)
	}
	return tmpl
}

// fragmentSite is a site with just what the fragments' functions use.
func fragmentSite() *Site {
	s := &Site{}
	s.bufs.New = func() any { return new(bytes.Buffer) }
	return s
}

// awkwardLinks are site paths and roots that html/template's URL escapers
// treat each their own way: schemes safe and not, valid, invalid and
// final % escapes, reserved, unreserved and non-ASCII bytes.
var awkwardLinks = []string{
	"cases/a/index.html", "javascript:alert(1)", "JavaScript:x", "HTTP://x y", "https:ok", "mailto:a@b",
	"a/b:c", "%41%4", "%4g%zz", "100%", "x%41", "x%41y", "a b?c=d&e=f#g", "ü/ö.html", `'"<>`, "\x00\x7f",
	"\xff\xfe", "~!*();$,@[]", "+", "../", "documents/a&b+c.pdf",
}

// TestWriteLink holds writeLink to href="{{link root path}}", with and
// without text after the action, for every pair of awkward roots and
// paths.
func TestWriteLink(t *testing.T) {
	tmpl := template.Must(template.New("t").Funcs(template.FuncMap{"link": link}).Parse(
		`<a href="{{link .Root .Path}}">x</a><a href="{{link .Root .Path}}#exhibits">x</a>`))
	strs := append(slices.Clone(awkward), awkwardLinks...)
	for _, root := range append(strs, "", "../../") {
		for _, path := range strs {
			var want, got bytes.Buffer
			if err := tmpl.Execute(&want, struct{ Root, Path string }{root, path}); err != nil {
				t.Fatal(err)
			}
			got.WriteString(`<a href="`)
			writeLink(&got, root, path)
			got.WriteString(`">x</a><a href="`)
			writeLink(&got, root, path)
			got.WriteString(`#exhibits">x</a>`)
			if got.String() != want.String() {
				t.Errorf("writeLink(%q, %q) =\n%s\nhtml/template:\n%s", root, path, got.String(), want.String())
			}
		}
	}
}

// awkwardIssuePages are issue pages, with the case and issue views that
// the fragments read, that take every branch of the fragments (chosen at
// random, with a fixed seed, over many pages) with awkward strings in
// every field they print.
func awkwardIssuePages() []*pageData {
	r := rand.New(rand.NewPCG(1, 19))
	flag := func() bool { return r.IntN(2) == 0 }
	str := func() string {
		if flag() {
			return ""
		}
		return awkward[r.IntN(len(awkward))]
	}
	link := func() string { return awkwardLinks[r.IntN(len(awkwardLinks))] }
	date := func() practice.Date {
		if r.IntN(4) == 0 {
			return practice.Date{}
		}
		return practice.MustDate("2026-01-01").AddDays(r.IntN(400))
	}
	var pages []*pageData
	for range 400 {
		c := &practice.Case{ID: str(), Title: str(), Parties: practice.Parties{
			ParentA: practice.Party{Name: str(), Label: str()},
			ParentB: practice.Party{Name: str(), Label: str()},
		}}
		cv := &caseView{Case: c, Href: link(), NotesHref: link()}
		is := &practice.Issue{Case: c, Number: r.IntN(200) - 5, Title: str(), RaisedOn: date(), Urgent: flag(),
			Silent: flag(), Question: str(), Positions: practice.Positions{ParentA: str(), ParentB: str()}}
		for range r.IntN(4) {
			e := practice.Exhibit{File: str() + []string{"", ".pdf", ".png", ".eml"}[r.IntN(4)], Title: str(),
				Shareable: flag(), Label: str(), Size: int64(r.IntN(3_000_000)), SHA256: str()}
			is.Exhibits = append(is.Exhibits, e)
		}
		v := &issueView{Issue: is, Case: c, CaseView: cv, Href: link(), Status: str(), StatusLabel: str(),
			Pending: flag(), Category: practice.Category{Label: str()}, OutOfScope: flag(), Referral: str(),
			ReferredTo: str(), Documented: flag(), DocTitle: str(), HasDue: flag(), Overdue: flag(),
			DaysPending: r.IntN(100) - 3, ObjectionBasis: str(), FilingBasis: str(),
			RaisedBy: str(), RaisedOnLong: str(), RecordLong: str(), DueLong: str(), DaysLateText: str(),
			DaysLeftText: str(), OnLong: str(), EffectiveLong: str(), EffectiveOwn: flag(), ServedLong: str(),
			ObjectionLong: str(), FilingLong: str(), Due: date(), DaysLate: r.IntN(40), DaysLeft: r.IntN(40) - 1}
		if flag() {
			v.DocHref = link()
		}
		if !v.Pending {
			is.Outcome = &practice.Outcome{Kind: str(), On: date(), Summary: str(), ReferredTo: str(), MediationWaived: str()}
			for range r.IntN(3) {
				is.Outcome.Directives = append(is.Outcome.Directives, str())
			}
		}
		other := func() *issueView {
			if flag() {
				return nil
			}
			return &issueView{Issue: &practice.Issue{Number: r.IntN(9), Title: str()}, Href: link(), DocTitle: str(), OnLong: str()}
		}
		v.AmendsIssue, v.SupersededBy = other(), other()
		for range r.IntN(4) {
			clv := &clauseView{Clause: &practice.Clause{Ref: str(), Title: str(), Text: str()}}
			for range r.IntN(3) {
				clv.History = append(clv.History, v)
			}
			if flag() {
				clv.Href = link()
			}
			v.Cited = append(v.Cited, clv)
		}
		root := []string{"", "../../", link()}[r.IntN(3)]
		pages = append(pages, &pageData{Root: root, AsOf: date(), Case: cv, Issue: v})
	}
	return pages
}

// TestIssueFragments holds each function that writes part of the default
// issue page to the text of issue.html it replaced, and statusBadges to the
// template status, on awkward pages.
func TestIssueFragments(t *testing.T) {
	s := fragmentSite()
	tmpl := fragmentTemplates(t, s)
	fns := s.funcs()
	refs := map[string]string{"issueFacts": "ref-issue-facts", "issueQuestion": "ref-issue-question",
		"issueExhibits": "ref-issue-exhibits", "issueOutcome": "ref-issue-outcome"}
	for _, d := range awkwardIssuePages() {
		for name, ref := range refs {
			var want bytes.Buffer
			if err := tmpl.ExecuteTemplate(&want, ref, d); err != nil {
				t.Fatal(err)
			}
			if got := string(fns[name].(func(*pageData) template.HTML)(d)); got != want.String() {
				t.Errorf("%s =\n%s\nissue.html:\n%s", name, got, want.String())
			}
		}
		var want bytes.Buffer
		if err := tmpl.ExecuteTemplate(&want, "status", d.Issue); err != nil {
			t.Fatal(err)
		}
		if got := string(fns["statusBadges"].(func(*issueView) template.HTML)(d.Issue)); got != want.String() {
			t.Errorf("statusBadges =\n%s\ntemplate status:\n%s", got, want.String())
		}
	}
}

// TestClauseFragments holds clauseQuote and clauseHistory to the text of
// clause.html they replaced, for no issue, one and many.
func TestClauseFragments(t *testing.T) {
	s := fragmentSite()
	tmpl := fragmentTemplates(t, s)
	fns := s.funcs()
	pages := awkwardIssuePages()
	var history []*issueView
	for _, d := range pages {
		history = append(history, d.Issue)
	}
	dates := []practice.Date{{}, practice.MustDate("2025-07-04")}
	for i, d := range pages {
		hs := [][]*issueView{nil, history[:1], history[:2+i%40]}[i%3]
		clause := &clauseView{Clause: &practice.Clause{Text: awkward[i%len(awkward)]}, History: hs}
		c := *d.Case.Case
		c.Plan = practice.Plan{Title: awkward[(i/3)%len(awkward)], Date: dates[i/2%2]}
		d := &pageData{Root: d.Root, Case: &caseView{Case: &c}, Clause: clause}
		for name, ref := range map[string]string{"clauseQuote": "ref-clause-quote", "clauseHistory": "ref-clause-history"} {
			var want bytes.Buffer
			if err := tmpl.ExecuteTemplate(&want, ref, d); err != nil {
				t.Fatal(err)
			}
			if got := string(fns[name].(func(*pageData) template.HTML)(d)); got != want.String() {
				t.Errorf("%s (%d issues) =\n%s\nclause.html:\n%s", name, len(hs), got, want.String())
			}
		}
	}
}

// TestCaseFragments holds caseIssueRows and caseClauses to the text of
// case.html they replaced, for none, one and many.
func TestCaseFragments(t *testing.T) {
	s := fragmentSite()
	tmpl := fragmentTemplates(t, s)
	fns := s.funcs()
	caseIssueRows := fns["caseIssueRows"].(func(string, []*issueView) template.HTML)
	caseClauses := fns["caseClauses"].(func(string, []*clauseView) template.HTML)
	pages := awkwardIssuePages()
	var issues []*issueView
	var clauses []*clauseView
	for _, d := range pages {
		issues = append(issues, d.Issue)
		clauses = append(clauses, d.Issue.Cited...)
	}
	for i := range 3 {
		is, cls := issues[:min(i, 1)], clauses[:min(i, 1)]
		if i == 2 {
			is, cls = issues, clauses
		}
		d := &pageData{Root: pages[i].Root, Case: &caseView{Issues: is, Clauses: cls}}
		for name, got := range map[string]template.HTML{"ref-case-issue-rows": caseIssueRows(d.Root, is), "ref-case-clauses": caseClauses(d.Root, cls)} {
			var want bytes.Buffer
			if err := tmpl.ExecuteTemplate(&want, name, d); err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Errorf("case %s (%d issues, %d clauses) =\n%s\ncase.html:\n%s", name, len(is), len(cls), got, want.String())
			}
		}
	}
}

// TestFrameFragments holds pageHead, pageCrumbs and pageFoot to the
// templates ref-head, ref-crumbs and ref-foot they replaced, on every kind
// of page that has them: a case's own page, its issue, clause, notes and
// log pages, and a page outside any case (no crumbs).
func TestFrameFragments(t *testing.T) {
	s := fragmentSite()
	s.partials = new(partials)
	tmpl := fragmentTemplates(t, s)
	s.tmpl = tmpl
	fns := s.funcs()
	frame := map[string]string{"pageHead": "ref-head", "pageCrumbs": "ref-crumbs", "pageFoot": "ref-foot"}
	for i, d := range awkwardIssuePages() {
		w := func(k int) string { return awkward[(i+k)%len(awkward)] }
		d.Practice = &practice.Practice{Name: w(1)}
		d.Title, d.Nav = w(2), []string{"", "docket", "categories", w(3)}[i%4]
		d.Case.LogHref = awkwardLinks[i%len(awkwardLinks)]
		switch i % 6 {
		case 1:
			d.Issue = nil // the case's own page
		case 2:
			d.Issue, d.Clause = nil, &clauseView{Clause: &practice.Clause{Ref: w(4)}, Href: awkwardLinks[(i+1)%len(awkwardLinks)]}
		case 3:
			d.Issue, d.Notes = nil, true
		case 4:
			d.Issue, d.LogPage = nil, true
		case 5:
			d.Issue, d.Case = nil, nil // the docket: no crumbs
		}
		for name, ref := range frame {
			if d.Case == nil && name == "pageCrumbs" {
				continue
			}
			s.partials.reset() // the shared parts rendered for this page
			var want bytes.Buffer
			if err := tmpl.ExecuteTemplate(&want, ref, d); err != nil {
				t.Fatal(err)
			}
			s.partials.reset()
			got, err := fns[name].(func(*pageData) (template.HTML, error))(d)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Errorf("%s (page %d) =\n%s\n%s:\n%s", name, i, got, ref, want.String())
			}
		}
	}
}

// TestWritePaper holds the function paper to the template doc-paper it
// replaced, with and without a preamble, sections and a certificate.
func TestWritePaper(t *testing.T) {
	s := fragmentSite()
	fns := twinFuncs(s.htmlOf)
	tmpl := fragmentTemplates(t, s)
	paper := fns["paper"].(func(*document.Document) template.HTML)
	section := func(i int, w string) document.Section {
		return document.Section{Number: strings.Repeat("I", i%3), Heading: awkward[i%len(awkward)],
			Blocks: []document.Block{&document.Paragraph{Runs: []document.Run{{Text: w}}}}}
	}
	for i, w := range awkward {
		for k := range 8 {
			d := &document.Document{Title: w, Re: w, Signature: section(i, w), Caption: document.Caption{
				Court: w, CaseNo: w, And: w, Document: w, Before: awkward[:i],
				Parties: [2]document.CaptionParty{{Name: w, Label: w}, {Name: w, Label: ""}},
			}}
			if k&1 != 0 {
				d.Preamble = section(i+1, w).Blocks
			}
			if k&2 != 0 {
				for j := range i + 1 {
					d.Sections = append(d.Sections, section(j, w))
				}
			}
			if k&4 != 0 {
				c := section(i+2, w)
				d.Certificate = &c
			}
			var want bytes.Buffer
			if err := tmpl.ExecuteTemplate(&want, "ref-paper", d); err != nil {
				t.Fatal(err)
			}
			if got := string(paper(d)); got != want.String() {
				t.Errorf("paper(%q, case %d) =\n%s\ndoc-paper:\n%s", w, k, got, want.String())
			}
		}
	}
}

// TestRowFragments holds docketRow and categoryRow to the templates they
// replaced, on awkward issues.
func TestRowFragments(t *testing.T) {
	s := fragmentSite()
	tmpl := fragmentTemplates(t, s)
	fns := s.funcs()
	rowFuncs := map[string]func(rowData) template.HTML{
		"ref-docket-row":   fns["docketRow"].(func(rowData) template.HTML),
		"ref-category-row": fns["categoryRow"].(func(rowData) template.HTML),
	}
	for _, d := range awkwardIssuePages() {
		rd := rowData{Root: d.Root, Row: d.Issue}
		for name, f := range rowFuncs {
			var want bytes.Buffer
			if err := tmpl.ExecuteTemplate(&want, name, rd); err != nil {
				t.Fatal(err)
			}
			if got := f(rd); string(got) != want.String() {
				t.Errorf("%s row =\n%s\ntemplate:\n%s", name, got, want.String())
			}
		}
	}
}
