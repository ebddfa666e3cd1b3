package site

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// Fragments of the private site's pages written in Go, for the default
// templates.
//
// An html/template action costs far more than the text it prints: each
// value goes through the escaper functions, which text/template calls by
// reflection (a variadic call, a slice of arguments, a boxed value, then
// fmt.Fprint to the output). In a benchmark of 100 actions, printing one
// string field cost about 530 ns and 6 allocations; a link written as
// {{.Root}}{{.Href}} cost 3.2 µs and 32. An issue page ran well over a
// hundred, and they, with the collector's share of their garbage, were
// most of its time. Where a default template looped over many small fields of
// one value (the timeline's rows, the sections of a document's twin), a
// function writes them here instead, escaped exactly as html/template
// escapes them, so that the page's bytes are the same. The view keeps the
// fields, for an override that prints them itself.
//
// Fast path: the parts of the pages built by the thousand are written so,
// each by one function the template calls: on an issue page its facts
// (issueFacts), question, provisions and positions (issueQuestion),
// exhibits (issueExhibits) and outcome (issueOutcome), and its badges
// (statusBadges, the template status); on a clause page the plan's line and the
// clause's text (clauseQuote) and the history (clauseHistory); on a case
// page the rows of its issues (caseIssueRows) and its clauses
// (caseClauses). In BenchmarkPageKinds (a 2,000-issue practice, one core)
// they took an issue page from 818 allocations to 572, a clause page from
// 231 to 113 and a case page from 1,665 to 234; see docs/performance.md
// for the times and the build. Each has a test that holds it to the
// template text it replaced, on awkward strings and every branch
// (fragments_test.go).

// htmlOf returns what write writes, as HTML, written into a buffer of the
// site's pool: the string is then allocated once, at its size.
func (s *Site) htmlOf(write func(*bytes.Buffer)) template.HTML {
	b := s.bufs.Get().(*bytes.Buffer)
	b.Reset()
	write(b)
	h := template.HTML(b.String())
	s.bufs.Put(b)
	return h
}

// pageFragment is the template function of a writer of part of a page.
func (s *Site) pageFragment(write func(*bytes.Buffer, *pageData)) func(*pageData) template.HTML {
	return func(d *pageData) template.HTML {
		return s.htmlOf(func(b *bytes.Buffer) { write(b, d) })
	}
}

// templateSpecials are the bytes html/template's escaper replaces in text
// and in a quoted attribute value (its htmlReplacementTable). All are
// ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII, so
// replacing bytes gives what html/template's rune by rune replacement
// gives, on valid and invalid UTF-8 alike.
const templateSpecials = "\x00\"&'+<>"

// byteSet is a set of bytes, for indexByteSet.
type byteSet [256]bool

func newByteSet(chars string) *byteSet {
	var set byteSet
	for i := 0; i < len(chars); i++ {
		set[chars[i]] = true
	}
	return &set
}

// templateSpecial and htmlSpecial are the bytes writeText and
// writeEscaped replace.
var templateSpecial, htmlSpecial = newByteSet(templateSpecials), newByteSet("<>&'\"")

// indexByteSet returns the index of the first byte of s in set, or -1.
//
// Fast path, instead of strings.IndexAny: that builds its set of bytes
// again on every call, and tests each byte against it in a function of
// its own; writeText and writeEscaped call it for every string of every
// page, 3.5% of a 10,000-issue build's CPU. A line of prose now takes
// 53 ns instead of 123 (BenchmarkWriteText).
func indexByteSet(s string, set *byteSet) int {
	for i := 0; i < len(s); i++ {
		if set[s[i]] {
			return i
		}
	}
	return -1
}

// writeText writes s to b as html/template prints a plain string in text
// or in a quoted attribute value: NUL becomes U+FFFD, and " & ' + < >
// become &#34; &amp; &#39; &#43; &lt; &gt;. (html.EscapeString, which
// writeEscaped uses for the twin's blocks, leaves + and NUL as they are.)
func writeText(b *bytes.Buffer, s string) {
	for {
		i := indexByteSet(s, templateSpecial)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case 0:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		}
		s = s[i+1:]
	}
}

// writeWith writes open, s and end when s is not "", as a default
// template's {{with s}}open{{.}}end{{end}} printed them (open and end are
// template text, written as they are).
func writeWith(b *bytes.Buffer, open, s, end string) {
	if s == "" {
		return
	}
	b.WriteString(open)
	writeText(b, s)
	b.WriteString(end)
}

// writeTime writes <time datetime="date">text</time>, as the default
// templates print a date.
func writeTime(b *bytes.Buffer, date, text string) {
	b.WriteString(`<time datetime="`)
	writeText(b, date)
	b.WriteString(`">`)
	writeText(b, text)
	b.WriteString(`</time>`)
}

// writeTimeline writes an issue's timeline rows as issue.html's
// {{range .Timeline}} printed them, each on a line of its own (a newline,
// then the <li>).
func writeTimeline(b *bytes.Buffer, rows []timelineRow) {
	for _, r := range rows {
		b.WriteString("\n<li>")
		writeTime(b, r.On, r.On)
		b.WriteString(" <strong>")
		writeText(b, r.What)
		b.WriteString("</strong>")
		writeWith(b, " by ", r.By, "")
		writeWith(b, " to ", r.To, "")
		writeWith(b, ": ", r.Result, "")
		writeWith(b, `<br><span class="note">`, r.Note, `</span>`)
		b.WriteString(`</li>`)
	}
}

// writeLink writes root+path as href="{{link root path}}" prints it, at
// the start of a quoted URL attribute: html/template's URL filter (a
// scheme other than http, https or mailto becomes #ZgotmplZ), its URL
// normalizer (bytes outside RFC 3986's unreserved and reserved sets
// become %xx, a valid %xx escape stays) and its attribute escaper (& and
// + become &amp; and &#43;), in one pass.
//
// Fast path: the three escapers, each called by reflection, made a link
// about 1.6 µs and 19 allocations (names.go); here it is one string.
func writeLink(b *bytes.Buffer, root, path string) {
	s := root + path
	if !isSafeURL(s) {
		s = "#ZgotmplZ"
	}
	const hex = "0123456789abcdef"
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			// html/template keeps a valid escape, but not one that ends
			// the string (its test is i+2 < len(s)).
			continue
		}
		writeText(b, s[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		written = i + 1
	}
	writeText(b, s[written:])
}

// isSafeURL is html/template's test of a URL's scheme: none, or http,
// https or mailto.
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// writeInt writes n as html/template prints an int.
func writeInt(b *bytes.Buffer, n int) {
	var a [20]byte
	b.Write(strconv.AppendInt(a[:0], int64(n), 10))
}

// writeOr writes s, or alt when s is "", as {{or s "alt"}} prints them.
func writeOr(b *bytes.Buffer, s, alt string) {
	if s == "" {
		s = alt
	}
	writeText(b, s)
}

// writeStatusBadges writes an issue's status badges as the template "status"
// (layout.html) does.
func writeStatusBadges(b *bytes.Buffer, v *issueView) {
	b.WriteString(`<span class="badge status-`)
	writeText(b, v.Status)
	b.WriteString(`">`)
	writeText(b, v.StatusLabel)
	b.WriteString(`</span>`)
	if v.SupersededBy != nil {
		b.WriteString(` <span class="badge superseded">Amended</span>`)
	}
	if v.Overdue {
		b.WriteString(` <span class="badge overdue">Overdue</span>`)
	}
	if v.Issue.Urgent {
		b.WriteString(` <span class="badge urgent">Urgent</span>`)
	}
	if v.OutOfScope {
		b.WriteString(` <span class="badge scope">Out of scope</span>`)
	}
}

// writeParty writes a parent as the template "party" (layout.html) does.
func writeParty(b *bytes.Buffer, p practice.Party) {
	writeText(b, p.Name)
	writeWith(b, ` <span class="muted">(`, p.Label, `)</span>`)
}

// writeIssueLink writes a link to an issue's page, "Issue 4: Title".
func writeIssueLink(b *bytes.Buffer, root string, v *issueView) {
	b.WriteString(`<a href="`)
	writeLink(b, root, v.Href)
	b.WriteString(`">Issue `)
	writeInt(b, v.Issue.Number)
	b.WriteString(": ")
	writeText(b, v.Issue.Title)
	b.WriteString("</a>")
}

// writeIssueFacts writes the facts list of an issue page, from <dl> to
// </dl>, and the out-of-scope warning after it, as issue.html printed them
// action by action: every branch of the list (pending, decided,
// documented, amending, amended) is here.
func writeIssueFacts(b *bytes.Buffer, d *pageData) {
	cv, v := d.Case, d.Issue
	is := v.Issue
	b.WriteString("<dl class=\"facts\">\n<div><dt>Case</dt><dd><a href=\"")
	writeLink(b, d.Root, cv.Href)
	b.WriteString(`">`)
	writeText(b, cv.Case.Title)
	b.WriteString("</a></dd></div>\n<div><dt>Category</dt><dd>")
	writeText(b, v.Category.Label)
	if v.OutOfScope {
		b.WriteString(` <span class="badge scope">Out of scope</span>`)
	}
	b.WriteString("</dd></div>\n<div><dt>Raised by</dt><dd>")
	writeText(b, v.RaisedBy)
	b.WriteString("</dd></div>\n<div><dt>Raised on</dt><dd>")
	writeTime(b, is.RaisedOn.String(), v.RaisedOnLong)
	b.WriteString("</dd></div>\n<div><dt>Urgent</dt><dd>")
	if is.Urgent {
		b.WriteString("Yes")
	} else {
		b.WriteString("No")
	}
	b.WriteString("</dd></div>")
	if v.Pending {
		b.WriteString("\n<div><dt>Days pending</dt><dd>")
		writeInt(b, v.DaysPending)
		b.WriteString(` <span class="muted">as of `)
		writeText(b, d.AsOf.String())
		b.WriteString("</span></dd></div>\n<div><dt>Record closed</dt><dd>")
		writeOr(b, v.RecordLong, "Not yet")
		b.WriteString("</dd></div>\n<div><dt>Due</dt><dd>")
		switch {
		case !v.HasDue:
			b.WriteString("When the record closes")
		case v.Overdue:
			writeText(b, v.DueLong)
			b.WriteString(` <span class="late">(`)
			writeText(b, v.DaysLateText)
			b.WriteString(` overdue)</span>`)
		default:
			writeText(b, v.DueLong)
			b.WriteString(` <span class="muted">(in `)
			writeText(b, v.DaysLeftText)
			b.WriteString(`)</span>`)
		}
		b.WriteString("</dd></div>")
	}
	if o := is.Outcome; o != nil {
		b.WriteString("\n<div><dt>Outcome</dt><dd>")
		writeText(b, v.StatusLabel)
		b.WriteString(`, `)
		writeTime(b, o.On.String(), v.OnLong)
		b.WriteString("</dd></div>\n<div><dt>Effective</dt><dd>")
		writeText(b, v.EffectiveLong)
		b.WriteString("</dd></div>")
		if v.Documented {
			b.WriteString("\n<div><dt>Served</dt><dd>")
			writeOr(b, v.ServedLong, "Not yet served")
			b.WriteString("</dd></div>\n<div><dt>Review deadline</dt><dd>")
			if v.ObjectionLong != "" {
				writeText(b, v.ObjectionLong)
				b.WriteString(` <span class="muted">(`)
				writeText(b, v.ObjectionBasis)
				b.WriteString(`)</span>`)
			} else {
				writeText(b, v.ObjectionBasis)
			}
			b.WriteString("</dd></div>")
			if v.FilingLong != "" {
				b.WriteString("\n<div><dt>Filing deadline</dt><dd>")
				writeText(b, v.FilingLong)
				b.WriteString(` <span class="muted">(`)
				writeText(b, v.FilingBasis)
				b.WriteString(")</span></dd></div>")
			}
		}
		writeWith(b, "\n<div><dt>Referred to</dt><dd>", v.ReferredTo, "</dd></div>")
	}
	if a := v.AmendsIssue; a != nil {
		b.WriteString("\n<div class=\"wide\"><dt>Amends</dt><dd>")
		writeIssueLink(b, d.Root, a)
		b.WriteString("</dd></div>")
	}
	if v.DocHref != "" {
		b.WriteString("\n<div class=\"wide\"><dt>Document</dt><dd><a href=\"")
		writeLink(b, d.Root, v.DocHref)
		b.WriteString(`">`)
		writeText(b, v.DocTitle)
		b.WriteString(" (PDF)</a></dd></div>")
	}
	if by := v.SupersededBy; by != nil {
		b.WriteString("\n<div class=\"wide\"><dt>Superseded</dt><dd>Amended by <a href=\"")
		writeLink(b, d.Root, by.Href)
		b.WriteString(`">`)
		writeText(b, by.DocTitle)
		b.WriteString("</a>, issued ")
		writeText(b, by.OnLong)
		b.WriteString("; what that document does not change remains in force.</dd></div>")
	}
	b.WriteString("\n</dl>")
	if v.OutOfScope {
		b.WriteString("\n<p class=\"warn\">This category is outside the coordinator's scope")
		writeWith(b, ": refer to ", v.Referral, "")
		b.WriteString(".</p>")
	}
}

// writeIssueQuestion writes the question, plan provisions and positions
// sections of an issue page as issue.html printed them.
func writeIssueQuestion(b *bytes.Buffer, d *pageData) {
	v := d.Issue
	is := v.Issue
	b.WriteString("<section aria-labelledby=\"question\">\n<h2 id=\"question\">Question presented</h2>\n<p class=\"question text\">")
	writeText(b, is.Question)
	b.WriteString("</p>\n</section>\n\n<section aria-labelledby=\"clauses\">\n<h2 id=\"clauses\">Plan provisions</h2>")
	if is.Silent {
		b.WriteString("\n<p class=\"note\">The plan is silent on this question; the nearest provisions are quoted.</p>")
	}
	for _, cl := range v.Cited {
		b.WriteString("\n<figure class=\"clause\">\n<figcaption>")
		if cl.Href != "" {
			b.WriteString(`<a href="`)
			writeLink(b, d.Root, cl.Href)
			b.WriteString(`">Clause `)
			writeText(b, cl.Clause.Ref)
			writeWith(b, ": ", cl.Clause.Title, "")
			b.WriteString("</a>")
		} else {
			b.WriteString("Clause ")
			writeText(b, cl.Clause.Ref)
			b.WriteString(` <span class="warn">(not in the plan)</span>`)
		}
		b.WriteString("</figcaption>\n<blockquote>")
		writeTextPara(b, cl.Clause.Text, "No text recorded.")
		b.WriteString("</blockquote>\n</figure>")
	}
	b.WriteString("\n</section>\n\n<section aria-labelledby=\"positions\">\n<h2 id=\"positions\">Positions</h2>\n<div class=\"positions\">\n<section aria-labelledby=\"position-a\">\n<h3 id=\"position-a\">")
	writeParty(b, d.Case.Case.Parties.ParentA)
	b.WriteString("</h3>\n")
	writeTextPara(b, is.Positions.ParentA, "No position received.")
	b.WriteString("\n</section>\n<section aria-labelledby=\"position-b\">\n<h3 id=\"position-b\">")
	writeParty(b, d.Case.Case.Parties.ParentB)
	b.WriteString("</h3>\n")
	writeTextPara(b, is.Positions.ParentB, "No position received.")
	b.WriteString("\n</section>\n</div>\n</section>")
}

// writeTextPara writes s as <p class="text">s</p>, or, when s is "",
// <p class="muted">none</p> (none is template text, written as it is).
func writeTextPara(b *bytes.Buffer, s, none string) {
	if s == "" {
		b.WriteString(`<p class="muted">`)
		b.WriteString(none)
		b.WriteString(`</p>`)
		return
	}
	b.WriteString(`<p class="text">`)
	writeText(b, s)
	b.WriteString(`</p>`)
}

// writeIssueExhibits writes the exhibits section of an issue page, after
// a newline, as issue.html printed it; nothing for an issue without
// exhibits.
func writeIssueExhibits(b *bytes.Buffer, d *pageData) {
	v := d.Issue
	if len(v.Issue.Exhibits) == 0 {
		return
	}
	b.WriteString("\n<section aria-labelledby=\"exhibits\">\n<h2 id=\"exhibits\">Exhibits</h2>")
	if es := v.SharedExhibits(); len(es) > 0 {
		b.WriteString(`
<div class="scroll" tabindex="0" role="group" aria-labelledby="exhibits">
<table class="exhibits reflow">
<thead><tr><th scope="col">Exhibit</th><th scope="col">Title</th><th scope="col">Type</th><th scope="col" class="num">Size</th><th scope="col">SHA-256</th></tr></thead>
<tbody>`)
		for _, e := range es {
			b.WriteString("\n<tr><td data-label=\"Exhibit\">")
			writeText(b, e.Label)
			b.WriteString(`</td><td data-label="Title"><a href="`)
			writeLink(b, d.Root, e.Href)
			b.WriteString(`">`)
			writeText(b, e.Name())
			b.WriteString("</a>")
			if e.Title != "" { // the name is the title: the file name under it
				b.WriteString(`<br><span class="muted">`)
				writeText(b, e.File)
				b.WriteString("</span>")
			}
			b.WriteString(`</td><td data-label="Type">`)
			writeText(b, e.Type())
			b.WriteString(`</td><td class="num" data-label="Size">`)
			writeText(b, e.SizeText())
			b.WriteString(`</td><td data-label="SHA-256"><code class="hash">`)
			writeText(b, e.SHA256)
			b.WriteString("</code></td></tr>")
		}
		b.WriteString("\n</tbody>\n</table>\n</div>")
	}
	if n := v.UnsharedExhibits(); n != "" {
		b.WriteString("\n<p class=\"muted\">")
		writeText(b, n)
		b.WriteString(` not shared with the parents: the <a href="`)
		writeLink(b, d.Root, d.Case.NotesHref)
		b.WriteString(`#exhibits">coordinator's notes</a> list every exhibit.</p>`)
	}
	b.WriteString("\n</section>")
}

// writeIssueOutcome writes the outcome section of an issue page as
// issue.html printed it: the outcome's line, summary, directives,
// referral and waiver, or "Pending."
func writeIssueOutcome(b *bytes.Buffer, d *pageData) {
	v := d.Issue
	b.WriteString("<section aria-labelledby=\"outcome\">\n<h2 id=\"outcome\">Outcome</h2>")
	o := v.Issue.Outcome
	if o == nil {
		b.WriteString("\n<p>Pending.</p>\n</section>")
		return
	}
	b.WriteString("\n<p><span class=\"badge status-")
	writeText(b, o.Kind)
	b.WriteString(`">`)
	writeText(b, v.StatusLabel)
	b.WriteString(`</span> on `)
	writeTime(b, o.On.String(), v.OnLong)
	if v.EffectiveOwn {
		b.WriteString(", effective ")
		writeText(b, v.EffectiveLong)
	}
	b.WriteString(".</p>")
	writeWith(b, "\n<p class=\"summary\">", o.Summary, "</p>")
	if len(o.Directives) > 0 {
		b.WriteString("\n<ol class=\"directives\">")
		for _, dir := range o.Directives {
			b.WriteString("\n<li>")
			writeText(b, dir)
			b.WriteString("</li>")
		}
		b.WriteString("\n</ol>")
	}
	if o.ReferredTo != "" {
		b.WriteString("\n<p>Referred to ")
		writeText(b, v.ReferredTo)
		writeWith(b, "; the category belongs with ", v.Referral, "")
		b.WriteString(".</p>")
	}
	writeWith(b, "\n<p>Mediation waived: ", o.MediationWaived, "</p>")
	b.WriteString("\n</section>")
}

// writeClauseQuote writes the top of a clause page under its heading: the
// plan's title, date and case, and the clause's text, as clause.html
// printed them.
func writeClauseQuote(b *bytes.Buffer, d *pageData) {
	c := d.Case.Case
	b.WriteString(`<p class="muted">`)
	writeOr(b, c.Plan.Title, "Parenting plan")
	writeWith(b, ", dated ", c.Plan.Date.Long(), "")
	b.WriteString(" · ")
	writeText(b, c.Title)
	b.WriteString("</p>\n<blockquote class=\"clause\">\n")
	writeTextPara(b, d.Clause.Clause.Text, "No text recorded for this clause.")
	b.WriteString("\n</blockquote>")
}

// writeClauseHistory writes a clause page's history section after its
// heading, as clause.html printed it: how many issues cite the clause,
// then each, newest first, or that none does.
func writeClauseHistory(b *bytes.Buffer, d *pageData) {
	history := d.Clause.History
	if len(history) == 0 {
		b.WriteString("\n<p>No issue has cited this clause.</p>")
		return
	}
	b.WriteString("\n<p class=\"muted\">")
	writeText(b, diag.Plural(len(history), "issue"))
	b.WriteString(" cited this clause, newest first.</p>\n<ol class=\"history\" reversed>")
	writeClauseHistoryItems(b, d.Root, history)
	b.WriteString("\n</ol>")
}

// writeClauseHistoryItems writes the items of a clause page's history,
// the issues that cite the clause, each after a newline, as clause.html's
// {{range $h := $cl.History}} printed them.
func writeClauseHistoryItems(b *bytes.Buffer, root string, history []*issueView) {
	for _, h := range history {
		is := h.Issue
		b.WriteString("\n<li>\n<h3>")
		writeIssueLink(b, root, h)
		b.WriteString("</h3>\n<p class=\"meta\">Raised ")
		writeTime(b, is.RaisedOn.String(), h.RaisedOnLong)
		b.WriteString(" · ")
		writeStatusBadges(b, h)
		if o := is.Outcome; o != nil {
			b.WriteString(` · decided `)
			writeTime(b, o.On.String(), h.OnLong)
		}
		if is.Silent {
			b.WriteString(` · <span class="muted">plan silent; nearest clause</span>`)
		}
		b.WriteString("</p>")
		if o := is.Outcome; o != nil {
			writeWith(b, "\n<p class=\"summary\">", o.Summary, "</p>")
		}
		b.WriteString("\n</li>")
	}
}

// writeDue writes an open issue's due date as the template "due"
// (layout.html) does: nothing for a decided issue.
func writeDue(b *bytes.Buffer, v *issueView) {
	switch {
	case !v.Pending:
	case !v.HasDue:
		b.WriteString(`<span class="muted">record open</span>`)
	default:
		due := v.Due.String()
		writeTime(b, due, due)
		if v.Overdue {
			writeWith(b, ` <span class="late">`, diag.Plural(v.DaysLate, "day"), ` late</span>`)
		} else {
			writeWith(b, ` <span class="muted">in `, diag.Plural(v.DaysLeft, "day"), `</span>`)
		}
	}
}

// writeCaseIssueRows writes the rows of a case page's table of issues,
// each after a newline, as case.html's {{range $cv.Issues}} printed them.
func writeCaseIssueRows(b *bytes.Buffer, root string, issues []*issueView) {
	for _, v := range issues {
		is := v.Issue
		b.WriteString("\n<tr")
		if v.Overdue {
			b.WriteString(` class="overdue"`)
		}
		b.WriteString(">\n<td class=\"num\" data-label=\"No.\">")
		writeInt(b, is.Number)
		b.WriteString("</td>\n<td data-label=\"Issue\"><a href=\"")
		writeLink(b, root, v.Href)
		b.WriteString(`">`)
		writeText(b, is.Title)
		b.WriteString("</a>")
		if v.DocHref != "" {
			b.WriteString(` <a class="doc" href="`)
			writeLink(b, root, v.DocHref)
			b.WriteString(`">PDF<span class="visually-hidden"> of `)
			writeText(b, v.DocTitle)
			b.WriteString("</span></a>")
		}
		b.WriteString("</td>\n<td class=\"status\" data-label=\"Status\">")
		writeStatusBadges(b, v)
		b.WriteString("</td>\n<td class=\"date\" data-label=\"Due or decided\">")
		if o := is.Outcome; o != nil {
			on := o.On.String()
			writeTime(b, on, on)
		} else {
			writeDue(b, v)
		}
		b.WriteString("</td>\n<td data-label=\"Category\">")
		writeText(b, v.Category.Label)
		raised := is.RaisedOn.String()
		b.WriteString("</td>\n<td class=\"date\" data-label=\"Raised\">")
		writeTime(b, raised, raised)
		b.WriteString("</td>\n</tr>")
	}
}

// writeCaseClauses writes the items of a case page's list of plan
// clauses, each after a newline, as case.html's {{range $cv.Clauses}}
// printed them.
func writeCaseClauses(b *bytes.Buffer, root string, clauses []*clauseView) {
	for _, cl := range clauses {
		b.WriteString("\n<li>\n<h3><a href=\"")
		writeLink(b, root, cl.Href)
		b.WriteString(`"><span class="ref">`)
		writeText(b, cl.Clause.Ref)
		b.WriteString("</span> ")
		writeText(b, cl.Clause.Title)
		b.WriteString("</a></h3>\n")
		writeWith(b, `<p class="text">`, cl.Clause.Text, "</p>")
		b.WriteString("\n")
		if n := len(cl.History); n > 0 {
			b.WriteString(`<p class="muted">Cited by `)
			writeText(b, diag.Plural(n, "issue"))
			b.WriteString(".</p>")
		}
		b.WriteString("\n</li>")
	}
}

// writeDocketRow writes an open issue's row of the docket as the template
// docket-row (layout.html) printed it: the issue, its badges, when it is
// due, its case, category and date raised.
func writeDocketRow(b *bytes.Buffer, root string, v *issueView) {
	is := v.Issue
	writeRowStart(b, root, v)
	if is.Urgent {
		b.WriteString(` <span class="badge urgent">Urgent</span>`)
	}
	if v.Overdue {
		b.WriteString(` <span class="badge overdue">Overdue</span>`)
	}
	b.WriteString("</td>\n<td class=\"date\" data-label=\"Due\">")
	writeDue(b, v)
	b.WriteString("</td>\n<td class=\"num\" data-label=\"Days pending\">")
	writeInt(b, v.DaysPending)
	b.WriteString("</td>\n")
	writeRowCase(b, root, v)
	b.WriteString("\n<td data-label=\"Category\">")
	writeText(b, v.Category.Label)
	if v.OutOfScope {
		b.WriteString(` <span class="badge scope">Out of scope</span>`)
	}
	b.WriteString("</td>\n")
	writeRowEnd(b, v)
}

// writeCategoryRow writes an issue's row of its category's page as the
// template category-row (layout.html) printed it: the issue, its status,
// its case and the date raised.
func writeCategoryRow(b *bytes.Buffer, root string, v *issueView) {
	writeRowStart(b, root, v)
	b.WriteString("</td>\n<td class=\"status\" data-label=\"Status\">")
	writeStatusBadges(b, v)
	b.WriteString("</td>\n")
	writeRowCase(b, root, v)
	b.WriteString("\n")
	writeRowEnd(b, v)
}

// writeRowStart opens an issue's row of a list, up to the issue's link.
func writeRowStart(b *bytes.Buffer, root string, v *issueView) {
	b.WriteString("\n<tr")
	if v.Overdue {
		b.WriteString(` class="overdue"`)
	}
	b.WriteString(">\n<td><a href=\"")
	writeLink(b, root, v.Href)
	b.WriteString(`">`)
	writeInt(b, v.Issue.Number)
	b.WriteString(". ")
	writeText(b, v.Issue.Title)
	b.WriteString("</a>")
}

// writeRowCase writes the case cell of an issue's row of a list.
func writeRowCase(b *bytes.Buffer, root string, v *issueView) {
	b.WriteString(`<td class="case" data-label="Case"><a href="`)
	writeLink(b, root, v.CaseView.Href)
	b.WriteString(`">`)
	writeText(b, v.Case.Title)
	b.WriteString("</a></td>")
}

// writeRowEnd writes the date raised and closes an issue's row of a list.
func writeRowEnd(b *bytes.Buffer, v *issueView) {
	raised := v.Issue.RaisedOn.String()
	b.WriteString(`<td class="date" data-label="Raised">`)
	writeTime(b, raised, raised)
	b.WriteString("</td>\n</tr>")
}
