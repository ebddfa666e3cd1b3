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

// timelineTemplate is how issue.html printed the timeline, action by
// action, before the function timeline wrote it.
const timelineTemplate = `<ol class="timeline">
{{- range .}}
<li><time datetime="{{.On}}">{{.On}}</time> <strong>{{.What}}</strong>{{with .By}} by {{.}}{{end}}{{with .To}} to {{.}}{{end}}{{with .Result}}: {{.}}{{end}}{{with .Note}}<br><span class="note">{{.}}</span>{{end}}</li>
{{- end}}
</ol>`

func TestWriteTimeline(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(timelineTemplate))
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
		if err := tmpl.Execute(&want, rs); err != nil {
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

// The texts of issue.html and clause.html that the functions issueFacts,
// issueQuestion, issueExhibits, issueOutcome, clauseQuote and clauseHistory replaced,
// as they were, with the variables they read; and those of case.html that
// caseIssueRows and caseClauses replaced.
const (
	issueVars = `{{$cv := .Case}}{{$c := .Case.Case}}{{$v := .Issue}}{{$i := .Issue.Issue}}`

	issueFactsTemplate = issueVars + `<dl class="facts">
<div><dt>Case</dt><dd><a href="{{link .Root $cv.Href}}">{{$c.Title}}</a></dd></div>
<div><dt>Category</dt><dd>{{$v.Category.Label}}{{if $v.OutOfScope}} <span class="badge scope">Out of scope</span>{{end}}</dd></div>
<div><dt>Raised by</dt><dd>{{$v.RaisedBy}}</dd></div>
<div><dt>Raised on</dt><dd><time datetime="{{$i.RaisedOn}}">{{$v.RaisedOnLong}}</time></dd></div>
<div><dt>Urgent</dt><dd>{{if $i.Urgent}}Yes{{else}}No{{end}}</dd></div>
{{- if $v.Pending}}
<div><dt>Days pending</dt><dd>{{$v.DaysPending}} <span class="muted">as of {{.AsOf}}</span></dd></div>
<div><dt>Record closed</dt><dd>{{or $v.RecordLong "Not yet"}}</dd></div>
<div><dt>Due</dt><dd>{{if not $v.HasDue}}When the record closes{{else}}{{$v.DueLong}}{{if $v.Overdue}} <span class="late">({{$v.DaysLateText}} overdue)</span>{{else}} <span class="muted">(in {{$v.DaysLeftText}})</span>{{end}}{{end}}</dd></div>
{{- end}}
{{- with $i.Outcome}}
<div><dt>Outcome</dt><dd>{{$v.StatusLabel}}, <time datetime="{{.On}}">{{$v.OnLong}}</time></dd></div>
<div><dt>Effective</dt><dd>{{$v.EffectiveLong}}</dd></div>
{{- if $v.Documented}}
<div><dt>Served</dt><dd>{{or $v.ServedLong "Not yet served"}}</dd></div>
<div><dt>Review deadline</dt><dd>{{with $v.ObjectionLong}}{{.}} <span class="muted">({{$v.ObjectionBasis}})</span>{{else}}{{$v.ObjectionBasis}}{{end}}</dd></div>
{{- with $v.FilingLong}}
<div><dt>Filing deadline</dt><dd>{{.}} <span class="muted">({{$v.FilingBasis}})</span></dd></div>
{{- end}}
{{- end}}
{{- with $v.ReferredTo}}
<div><dt>Referred to</dt><dd>{{.}}</dd></div>
{{- end}}
{{- end}}
{{- with $v.AmendsIssue}}
<div class="wide"><dt>Amends</dt><dd><a href="{{link $.Root .Href}}">Issue {{.Issue.Number}}: {{.Issue.Title}}</a></dd></div>
{{- end}}
{{- if $v.DocHref}}
<div class="wide"><dt>Document</dt><dd><a href="{{link .Root $v.DocHref}}">{{$v.DocTitle}} (PDF)</a></dd></div>
{{- end}}
{{- with $v.SupersededBy}}
<div class="wide"><dt>Superseded</dt><dd>Amended by <a href="{{link $.Root .Href}}">{{.DocTitle}}</a>, issued {{.OnLong}}; what that document does not change remains in force.</dd></div>
{{- end}}
</dl>
{{- if $v.OutOfScope}}
<p class="warn">This category is outside the coordinator's scope{{with $v.Referral}}: refer to {{.}}{{end}}.</p>
{{- end}}`

	issueQuestionTemplate = issueVars + `<section aria-labelledby="question">
<h2 id="question">Question presented</h2>
<p class="question text">{{$i.Question}}</p>
</section>

<section aria-labelledby="clauses">
<h2 id="clauses">Plan provisions</h2>
{{- if $i.Silent}}
<p class="note">The plan is silent on this question; the nearest provisions are quoted.</p>
{{- end}}
{{- range $v.Cited}}
<figure class="clause">
<figcaption>{{if .Href}}<a href="{{link $.Root .Href}}">Clause {{.Clause.Ref}}{{with .Clause.Title}}: {{.}}{{end}}</a>{{else}}Clause {{.Clause.Ref}} <span class="warn">(not in the plan)</span>{{end}}</figcaption>
<blockquote>{{with .Clause.Text}}<p class="text">{{.}}</p>{{else}}<p class="muted">No text recorded.</p>{{end}}</blockquote>
</figure>
{{- end}}
</section>

<section aria-labelledby="positions">
<h2 id="positions">Positions</h2>
<div class="positions">
<section aria-labelledby="position-a">
<h3 id="position-a">{{template "party" $c.Parties.ParentA}}</h3>
{{with $i.Positions.ParentA}}<p class="text">{{.}}</p>{{else}}<p class="muted">No position received.</p>{{end}}
</section>
<section aria-labelledby="position-b">
<h3 id="position-b">{{template "party" $c.Parties.ParentB}}</h3>
{{with $i.Positions.ParentB}}<p class="text">{{.}}</p>{{else}}<p class="muted">No position received.</p>{{end}}
</section>
</div>
</section>`

	issueExhibitsTemplate = issueVars + `{{- if $i.Exhibits}}
<section aria-labelledby="exhibits">
<h2 id="exhibits">Exhibits</h2>
{{- with $v.SharedExhibits}}
<div class="scroll" tabindex="0" role="group" aria-labelledby="exhibits">
<table class="exhibits reflow">
<thead><tr><th scope="col">Exhibit</th><th scope="col">Title</th><th scope="col">Type</th><th scope="col" class="num">Size</th><th scope="col">SHA-256</th></tr></thead>
<tbody>
{{- range .}}
<tr><td data-label="Exhibit">{{.Label}}</td><td data-label="Title"><a href="{{link $.Root .Href}}">{{.Name}}</a>{{if .Title}}<br><span class="muted">{{.File}}</span>{{end}}</td><td data-label="Type">{{.Type}}</td><td class="num" data-label="Size">{{.SizeText}}</td><td data-label="SHA-256"><code class="hash">{{.SHA256}}</code></td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- with $v.UnsharedExhibits}}
<p class="muted">{{.}} not shared with the parents: the <a href="{{link $.Root $cv.NotesHref}}#exhibits">coordinator's notes</a> list every exhibit.</p>
{{- end}}
</section>
{{- end}}`

	issueOutcomeTemplate = issueVars + `<section aria-labelledby="outcome">
<h2 id="outcome">Outcome</h2>
{{- with $i.Outcome}}
<p><span class="badge status-{{.Kind}}">{{$v.StatusLabel}}</span> on <time datetime="{{.On}}">{{$v.OnLong}}</time>{{if $v.EffectiveOwn}}, effective {{$v.EffectiveLong}}{{end}}.</p>
{{- with .Summary}}
<p class="summary">{{.}}</p>
{{- end}}
{{- if .Directives}}
<ol class="directives">
{{- range .Directives}}
<li>{{.}}</li>
{{- end}}
</ol>
{{- end}}
{{- with .ReferredTo}}
<p>Referred to {{$v.ReferredTo}}{{with $v.Referral}}; the category belongs with {{.}}{{end}}.</p>
{{- end}}
{{- with .MediationWaived}}
<p>Mediation waived: {{.}}</p>
{{- end}}
{{- else}}
<p>Pending.</p>
{{- end}}
</section>`

	caseIssueRowsTemplate = `{{$cv := .Case}}{{- range $cv.Issues}}
<tr{{if .Overdue}} class="overdue"{{end}}>
<td class="num" data-label="No.">{{.Issue.Number}}</td>
<td data-label="Issue"><a href="{{link $.Root .Href}}">{{.Issue.Title}}</a>{{if .DocHref}} <a class="doc" href="{{link $.Root .DocHref}}">PDF<span class="visually-hidden"> of {{.DocTitle}}</span></a>{{end}}</td>
<td class="status" data-label="Status">{{template "status" .}}</td>
<td class="date" data-label="Due or decided">{{with .Issue.Outcome}}<time datetime="{{.On}}">{{.On}}</time>{{else}}{{template "due" .}}{{end}}</td>
<td data-label="Category">{{.Category.Label}}</td>
<td class="date" data-label="Raised"><time datetime="{{.Issue.RaisedOn}}">{{.Issue.RaisedOn}}</time></td>
</tr>
{{- end}}`

	caseClausesTemplate = `{{$cv := .Case}}{{- range $cv.Clauses}}
<li>
<h3><a href="{{link $.Root .Href}}"><span class="ref">{{.Clause.Ref}}</span> {{.Clause.Title}}</a></h3>
{{with .Clause.Text}}<p class="text">{{.}}</p>{{end}}
{{with .History}}<p class="muted">Cited by {{plural (len .) "issue"}}.</p>{{end}}
</li>
{{- end}}`

	clauseVars = `{{$c := .Case.Case}}{{$cl := .Clause}}`

	clauseQuoteTemplate = clauseVars + `<p class="muted">{{or $c.Plan.Title "Parenting plan"}}{{with long $c.Plan.Date}}, dated {{.}}{{end}} · {{$c.Title}}</p>
<blockquote class="clause">
{{with $cl.Clause.Text}}<p class="text">{{.}}</p>{{else}}<p class="muted">No text recorded for this clause.</p>{{end}}
</blockquote>`

	clauseHistoryTemplate = clauseVars + `{{- if $cl.History}}
<p class="muted">{{plural (len $cl.History) "issue"}} cited this clause, newest first.</p>
<ol class="history" reversed>
{{- range $h := $cl.History}}
<li>
<h3><a href="{{link $.Root .Href}}">Issue {{.Issue.Number}}: {{.Issue.Title}}</a></h3>
<p class="meta">Raised <time datetime="{{.Issue.RaisedOn}}">{{.RaisedOnLong}}</time> · {{template "status" .}}{{with .Issue.Outcome}} · decided <time datetime="{{.On}}">{{$h.OnLong}}</time>{{end}}{{if .Issue.Silent}} · <span class="muted">plan silent; nearest clause</span>{{end}}</p>
{{- with .Issue.Outcome}}{{with .Summary}}
<p class="summary">{{.}}</p>
{{- end}}{{end}}
</li>
{{- end}}
</ol>
{{- else}}
<p>No issue has cited this clause.</p>
{{- end}}`
)

// fragmentTemplates parses the texts that fragments replaced with the
// site's functions and layout.html's templates (status, party), which
// they call.
func fragmentTemplates(t *testing.T, s *Site, texts map[string]string) *template.Template {
	t.Helper()
	tmpl, err := template.New("t").Funcs(s.funcs()).ParseFS(templates.Default(), "private/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range texts {
		template.Must(tmpl.New(name).Parse(text))
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
	tmpl := fragmentTemplates(t, s, map[string]string{
		"issueFacts": issueFactsTemplate, "issueQuestion": issueQuestionTemplate,
		"issueExhibits": issueExhibitsTemplate, "issueOutcome": issueOutcomeTemplate,
	})
	fns := s.funcs()
	for _, d := range awkwardIssuePages() {
		for _, name := range []string{"issueFacts", "issueQuestion", "issueExhibits", "issueOutcome"} {
			var want bytes.Buffer
			if err := tmpl.ExecuteTemplate(&want, name, d); err != nil {
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
	tmpl := fragmentTemplates(t, s, map[string]string{"clauseQuote": clauseQuoteTemplate, "clauseHistory": clauseHistoryTemplate})
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
		for _, name := range []string{"clauseQuote", "clauseHistory"} {
			var want bytes.Buffer
			if err := tmpl.ExecuteTemplate(&want, name, d); err != nil {
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
	tmpl := fragmentTemplates(t, s, map[string]string{"rows": caseIssueRowsTemplate, "clauses": caseClausesTemplate})
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
		for name, got := range map[string]template.HTML{"rows": caseIssueRows(d.Root, is), "clauses": caseClauses(d.Root, cls)} {
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

// paperTemplate is how document.html's doc-paper laid the paper out, with
// the functions caption, blocks, sections and section, before the function
// paper wrote it.
const paperTemplate = `<article class="paper">
{{caption .}}
{{- with .Preamble}}
<div class="preamble">{{blocks .}}</div>
{{- end}}
{{- with .Sections}}
{{sections .}}
{{- end}}
<div class="signing">
{{section .Signature}}
{{- with .Certificate}}
{{section .}}
{{- end}}
</div>
</article>`

// TestWritePaper holds the function paper to the template doc-paper it
// replaced, with and without a preamble, sections and a certificate.
func TestWritePaper(t *testing.T) {
	s := fragmentSite()
	fns := twinFuncs(s.htmlOf)
	tmpl := template.Must(template.New("paper").Funcs(fns).Parse(paperTemplate))
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
			if err := tmpl.Execute(&want, d); err != nil {
				t.Fatal(err)
			}
			if got := string(paper(d)); got != want.String() {
				t.Errorf("paper(%q, case %d) =\n%s\ndoc-paper:\n%s", w, k, got, want.String())
			}
		}
	}
}

// docketRowTemplate and categoryRowTemplate are how layout.html's
// docket-row and category-row printed an issue's row before the functions
// docketRow and categoryRow wrote it.
const (
	docketRowTemplate = `{{with .Row}}
<tr{{if .Overdue}} class="overdue"{{end}}>
<td><a href="{{link $.Root .Href}}">{{.Issue.Number}}. {{.Issue.Title}}</a>{{if .Issue.Urgent}} <span class="badge urgent">Urgent</span>{{end}}{{if .Overdue}} <span class="badge overdue">Overdue</span>{{end}}</td>
<td class="date" data-label="Due">{{template "due" .}}</td>
<td class="num" data-label="Days pending">{{.DaysPending}}</td>
<td class="case" data-label="Case"><a href="{{link $.Root .CaseView.Href}}">{{.Case.Title}}</a></td>
<td data-label="Category">{{.Category.Label}}{{if .OutOfScope}} <span class="badge scope">Out of scope</span>{{end}}</td>
<td class="date" data-label="Raised"><time datetime="{{.Issue.RaisedOn}}">{{.Issue.RaisedOn}}</time></td>
</tr>{{end}}`
	categoryRowTemplate = `{{with .Row}}
<tr{{if .Overdue}} class="overdue"{{end}}>
<td><a href="{{link $.Root .Href}}">{{.Issue.Number}}. {{.Issue.Title}}</a></td>
<td class="status" data-label="Status">{{template "status" .}}</td>
<td class="case" data-label="Case"><a href="{{link $.Root .CaseView.Href}}">{{.Case.Title}}</a></td>
<td class="date" data-label="Raised"><time datetime="{{.Issue.RaisedOn}}">{{.Issue.RaisedOn}}</time></td>
</tr>{{end}}`
)

// TestRowFragments holds docketRow and categoryRow to the templates they
// replaced, on awkward issues.
func TestRowFragments(t *testing.T) {
	s := fragmentSite()
	tmpl := fragmentTemplates(t, s, map[string]string{"docket": docketRowTemplate, "category": categoryRowTemplate})
	fns := s.funcs()
	rowFuncs := map[string]func(rowData) template.HTML{
		"docket":   fns["docketRow"].(func(rowData) template.HTML),
		"category": fns["categoryRow"].(func(rowData) template.HTML),
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
