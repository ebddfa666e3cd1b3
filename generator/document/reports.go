package document

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"pcdocket/generator/deadline"
	"pcdocket/generator/practice"
)

// Kinds of the reports a coordinator files with the court (issue 18).
const (
	KindStatusReport        = "status-report"
	KindNoncomplianceReport = "noncompliance-report"
	KindEndOfTermReport     = "end-of-term-report"
)

// Reports names each report as `pcdocket report` takes it, with its kind.
var Reports = []struct{ Name, Kind string }{
	{"status", KindStatusReport},
	{"noncompliance", KindNoncomplianceReport},
	{"end-of-term", KindEndOfTermReport},
}

// ReportKind returns the kind of the report called name ("status",
// "noncompliance", "end-of-term"), or "" for none.
func ReportKind(name string) string {
	for _, r := range Reports {
		if r.Name == name {
			return r.Kind
		}
	}
	return ""
}

// ReportOptions are what a report is made with besides the practice and
// the case.
type ReportOptions struct {
	// AsOf is the report's date: its figures count what happened up to
	// and including it.
	AsOf practice.Date
	// Served is the day the report is served on the parents (or their
	// counsel); zero leaves a blank in the certificate of service to fill
	// in by hand, as for a determination not yet served.
	Served practice.Date
	// Rules give whether a represented parent gets a copy; see CaseRules.
	Rules Rules
}

// CaseRules returns the wording of a document of case c that belongs to
// no issue, such as a report: whether a represented parent is served a
// copy besides counsel, from the case's jurisdiction profile.
func CaseRules(book *deadline.Book, c *practice.Case) Rules {
	return Rules{CopyToRepresentedParent: book.Profile(c).CopyToRepresentedParent.Allowed}
}

// Report builds the report of kind (KindStatusReport, ...) on case c. A
// non-compliance report needs a noncompliance event on or before
// opt.AsOf, and an end-of-term report an appointment that has ended by
// then (its term, as extended, or a termination): otherwise Report
// returns an error saying so, as there is nothing to report.
func Report(p *practice.Practice, c *practice.Case, kind string, opt ReportOptions) (*Document, error) {
	if c == nil {
		return nil, fmt.Errorf("document: report without a case")
	}
	if opt.AsOf.IsZero() {
		return nil, fmt.Errorf("document: %s: a report needs its date", c.ID)
	}
	r := &reporter{p: p, c: c, opt: opt, sc: newScreener(c)}
	switch kind {
	case KindStatusReport:
		return r.status(), nil
	case KindNoncomplianceReport:
		return r.noncompliance()
	case KindEndOfTermReport:
		return r.endOfTerm()
	}
	return nil, fmt.Errorf("document: %q is not a kind of report", kind)
}

// reporter holds one report being built.
type reporter struct {
	p   *practice.Practice
	c   *practice.Case
	opt ReportOptions
	sc  *screener
	d   *Document
}

// start sets up the document: title, identifier, caption and metadata.
func (r *reporter) start(kind, title, short, re, letters string) {
	c := r.c
	d := &Document{Kind: kind, Title: title, Short: short, Re: re, Date: r.opt.AsOf}
	d.ID = reportID(c, letters, r.opt.AsOf)
	co := r.p.CoordinatorOf(c)
	d.Author, d.Coordinator = co.Signature(), co.ID
	d.Subject = fmt.Sprintf("%s, Case No. %s: %s, %s", c.Title, c.CourtCaseNo, strings.ToLower(short), r.opt.AsOf.Long())
	d.RunningHead = fmt.Sprintf("%s — Case No. %s", c.Title, c.CourtCaseNo)
	d.Caption = caseCaption(r.p, c, d.ID)
	r.d = d
}

// reportID is a report's identifier, "PCD-<court no>-<letters><date>-<hash>",
// the hash over the case's files as read (case.md and every issue), so
// that a report of changed facts gets a new identifier.
func reportID(c *practice.Case, letters string, asOf practice.Date) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", c.ID, letters, asOf)
	h.Write(c.Src.Sum[:])
	for _, is := range c.Issues {
		h.Write(is.Src.Sum[:])
	}
	ref := shortRef(idPart(c.CourtCaseNo))
	if ref == "" {
		ref = shortRef(idPart(c.ID))
	}
	return fmt.Sprintf("PCD-%s-%s%s-%s", ref, letters, strings.ReplaceAll(asOf.String(), "-", ""), hex.EncodeToString(h.Sum(nil)[:4]))
}

// section appends a numbered section.
func (r *reporter) section(heading string, blocks ...Block) {
	r.d.Sections = append(r.d.Sections, Section{Number: roman(len(r.d.Sections) + 1), Heading: heading, Blocks: blocks})
}

// finish adds the signature and the certificate of service.
func (r *reporter) finish(noun string) *Document {
	co := r.p.CoordinatorOf(r.c)
	r.d.Signature = Section{Blocks: []Block{
		text("Respectfully submitted, " + r.opt.AsOf.Long() + "."),
		&Signatures{Columns: 1, Lines: []SignLine{{Name: co.Name, Under: coordinator(r.p, r.c)}}},
	}}
	on := blank
	if !r.opt.Served.IsZero() {
		on = r.opt.Served.Long()
	}
	l := &List{}
	for _, rc := range Recipients(r.c, r.opt.Rules) {
		l.Items = append(l.Items, Item{Label: "•", Blocks: []Block{text(rc.Line())}})
	}
	r.d.Certificate = &Section{Heading: "Certificate of Service", Blocks: []Block{
		text("I certify that on " + on + " I served a copy of this " + noun + " on the following:"),
		l,
		&Signatures{Columns: 1, Lines: []SignLine{{Signed: "/s/ " + co.Name, Name: co.Name, Under: []string{"Parenting Coordinator", "Date: " + on}}}},
	}}
	return r.d
}

// appointment states the appointment: the order, the term as extended,
// and its end when it has ended by the report's date.
func (r *reporter) appointment() []Block {
	c, ap := r.c, r.c.Appointment
	var s strings.Builder
	fmt.Fprintf(&s, "By order dated %s", ap.OrderDate.Long())
	if ap.OrderRef != "" {
		fmt.Fprintf(&s, " (%s)", ap.OrderRef)
	}
	fmt.Fprintf(&s, ", %s (the “Court”) appointed the undersigned Parenting Coordinator in this matter", courtName(c.Court))
	if !ap.TermEnds.IsZero() {
		fmt.Fprintf(&s, ", for a term ending %s", ap.TermEnds.Long())
	}
	s.WriteString(".")
	if ap.Recommends() {
		s.WriteString(" Under that order the Parenting Coordinator makes recommendations to the Court, which take effect only if the Court adopts them.")
	} else {
		s.WriteString(" Under that order the Parenting Coordinator resolves disputes about the implementation of the parenting plan by mediation and, where mediation does not succeed, by binding determination.")
	}
	out := []Block{text(s.String())}
	out = append(out, extensions(ap, r.opt.AsOf)...)
	if t := ap.Terminated; t != nil && !t.On.After(r.opt.AsOf) {
		out = append(out, text(fmt.Sprintf("The appointment was terminated on %s: %s", t.On.Long(), sentence(r.sc.text(t.Reason)))))
	} else if end := ap.TermEnd(); !end.IsZero() && end.Before(r.opt.AsOf) {
		out = append(out, text(fmt.Sprintf("The term ended on %s.", end.Long())))
	}
	if len(c.Children) > 0 {
		var kids []string
		for _, ch := range c.Children {
			kids = append(kids, fmt.Sprintf("%s (born %d)", ch.Initials, ch.Born))
		}
		out = append(out, text("The children concerned are "+joinAnd(kids)+"."))
	}
	return out
}

// raised returns the issues of the case raised on or before day.
func (r *reporter) raised(day practice.Date) []*practice.Issue {
	var out []*practice.Issue
	for _, is := range r.c.Issues {
		if !is.RaisedOn.After(day) {
			out = append(out, is)
		}
	}
	return out
}

// resolvedBy reports whether is had its outcome on or before day.
func resolvedBy(is *practice.Issue, day practice.Date) bool {
	return is.Outcome != nil && !is.Outcome.On.After(day)
}

// outcomeText names an issue's outcome as of day, in a table cell.
func outcomeText(is *practice.Issue, day practice.Date) string {
	if !resolvedBy(is, day) {
		return "Pending"
	}
	o := is.Outcome
	switch {
	case is.Recommendation() && !o.AdoptedOn.IsZero() && !o.AdoptedOn.After(day):
		return "Recommendation, adopted " + o.AdoptedOn.String()
	case is.Recommendation():
		return "Recommendation"
	case o.Kind == practice.OutcomeDetermination:
		return "Determination"
	case o.Kind == practice.OutcomeAgreement:
		return "Agreement"
	case o.Kind == practice.OutcomeWithdrawn:
		return "Withdrawn"
	case o.Kind == practice.OutcomeReferred && o.ReferredTo != "":
		return "Referred to " + strings.ReplaceAll(o.ReferredTo, "-", " ")
	}
	return capitalize(o.Kind)
}

// categoryTable counts the issues raised, resolved and pending as of day,
// per category, in the vocabulary's order, with a total.
func categoryTable(issues []*practice.Issue, day practice.Date) *Table {
	t := &Table{Header: []string{"Category", "Raised", "Resolved", "Pending"}, Align: []string{"L", "R", "R", "R"}}
	var tr, tres int
	label := func(name string) string {
		if cat, ok := practice.LookupCategory(name); ok {
			return cat.Label
		}
		return name
	}
	seen := map[string]bool{}
	var order []string
	for _, cat := range practice.Categories {
		order = append(order, cat.Name)
	}
	for _, is := range issues { // a category outside the vocabulary, last
		if _, ok := practice.LookupCategory(is.Category); !ok && !seen[is.Category] {
			seen[is.Category] = true
			order = append(order, is.Category)
		}
	}
	for _, name := range order {
		var n, res int
		for _, is := range issues {
			if is.Category == name {
				n++
				if resolvedBy(is, day) {
					res++
				}
			}
		}
		if n == 0 {
			continue
		}
		tr, tres = tr+n, tres+res
		t.Rows = append(t.Rows, []string{label(name), fmt.Sprint(n), fmt.Sprint(res), fmt.Sprint(n - res)})
	}
	t.Rows = append(t.Rows, []string{"Total", fmt.Sprint(tr), fmt.Sprint(tres), fmt.Sprint(tr - tres)})
	return t
}

// issueTable lists each issue with its dates and outcome as of day.
func issueTable(issues []*practice.Issue, day practice.Date) *Table {
	t := &Table{Header: []string{"No.", "Issue", "Category", "Raised", "Outcome", "Date"}, Align: []string{"R", "L", "L", "L", "L", "L"}}
	for _, is := range issues {
		on := ""
		if resolvedBy(is, day) {
			on = is.Outcome.On.String()
		}
		cat := is.Category
		if c, ok := practice.LookupCategory(cat); ok {
			cat = c.Label
		}
		t.Rows = append(t.Rows, []string{fmt.Sprint(is.Number), is.Title, cat, is.RaisedOn.String(), outcomeText(is, day), on})
	}
	return t
}

// pending describes each issue pending on day: when it was raised, and
// where it stands.
func (r *reporter) pending(issues []*practice.Issue, day practice.Date) []Block {
	dl := r.c.Deadlines(r.p)
	l := &List{}
	for _, is := range issues {
		if resolvedBy(is, day) {
			continue
		}
		s := fmt.Sprintf("Issue %d, %s, raised on %s by %s.", is.Number, is.Title, is.RaisedOn.Long(), raiser(r.c, is.RaisedBy))
		if rc := is.RecordClosed(); !rc.IsZero() && !rc.After(day) {
			if due := is.DueDate(dl); due.Before(day) {
				s += fmt.Sprintf(" The record closed on %s; a decision was due by %s and is overdue.", rc.Long(), due.Long())
			} else {
				s += fmt.Sprintf(" The record closed on %s; a decision is due by %s.", rc.Long(), due.Long())
			}
		} else {
			s += " The record remains open."
		}
		l.Items = append(l.Items, Item{Label: "•", Blocks: []Block{text(s)}})
	}
	if len(l.Items) == 0 {
		return []Block{text("No issue is pending.")}
	}
	return []Block{l}
}

// raiser names who raised an issue in prose.
func raiser(c *practice.Case, key string) string {
	switch key {
	case "":
		return "a parent"
	case practice.PartyA, practice.PartyB:
		p := c.Party(key)
		return fmt.Sprintf("%s (%s)", p.Name, partyLabel(p, key))
	}
	return strings.ToLower(c.PartyName(key)[:1]) + c.PartyName(key)[1:]
}

// breaches returns the noncompliance events of the case on or before
// day, by issue, in issue then event order.
func (r *reporter) breaches(day practice.Date) (issues []*practice.Issue, n int) {
	for _, is := range r.c.Issues {
		found := false
		for _, e := range is.Noncompliance() {
			if !e.On.After(day) {
				n++
				found = true
			}
		}
		if found {
			issues = append(issues, is)
		}
	}
	return issues, n
}

// noncomplianceSummary is the sentence a status or end-of-term report
// gives the non-compliance on record.
func (r *reporter) noncomplianceSummary(day practice.Date) Block {
	issues, n := r.breaches(day)
	if n == 0 {
		return text("The Parenting Coordinator has no non-compliance with a determination or agreement to report.")
	}
	var nums []string
	for _, is := range issues {
		nums = append(nums, fmt.Sprint(is.Number))
	}
	word := "instance"
	if n > 1 {
		word = "instances"
	}
	iss := "issue"
	if len(nums) > 1 {
		iss = "issues"
	}
	return text(fmt.Sprintf("The Parenting Coordinator has recorded %d %s of non-compliance with the outcome of %s %s, reported to the Court in a report of non-compliance.", n, word, iss, joinAnd(nums)))
}

// status builds the status report: the appointment, the issues raised,
// resolved and pending per category, each issue with its dates, the
// pending ones in detail, and the non-compliance on record.
func (r *reporter) status() *Document {
	day := r.opt.AsOf
	r.start(KindStatusReport, "Parenting Coordinator’s Status Report", "Status Report", "Re: Status of the appointment as of "+day.Long(), "ST")
	issues := r.raised(day)
	r.section("Appointment", r.appointment()...)
	if len(issues) == 0 {
		r.section("Issues", text(fmt.Sprintf("No issue has been raised with the Parenting Coordinator from the appointment through %s.", day.Long())))
	} else {
		r.section("Issues by Category",
			text(fmt.Sprintf("From the appointment through %s, the parents raised %s with the Parenting Coordinator:", day.Long(), count(len(issues), "issue"))),
			categoryTable(issues, day))
		r.section("Issues and Outcomes", issueTable(issues, day))
		r.section("Pending Issues", r.pending(issues, day)...)
	}
	r.section("Compliance", r.noncomplianceSummary(day))
	return r.finish("report")
}

// noncompliance builds the report of non-compliance: for each document
// whose directives a parent did not follow, the document, each directive
// not followed quoted, and what happened, with the dates.
func (r *reporter) noncompliance() (*Document, error) {
	day := r.opt.AsOf
	issues, n := r.breaches(day)
	if n == 0 {
		return nil, fmt.Errorf("case %s has no noncompliance event on or before %s: there is no non-compliance to report", r.c.ID, day)
	}
	r.start(KindNoncomplianceReport, "Parenting Coordinator’s Report of Non-Compliance", "Report of Non-Compliance", "Re: Directives not followed, through "+day.Long(), "NC")
	r.section("Appointment", r.appointment()...)

	sum := &Table{Header: []string{"Date", "Parent", "Document", "Directive"}, Align: []string{"L", "L", "L", "R"}}
	var detail []Block
	for _, is := range issues {
		o := is.Outcome
		head := is.DocumentTitle()
		if head == "" {
			head = fmt.Sprintf("Issue No. %d", is.Number)
		}
		detail = append(detail, &Heading{Level: 3, Text: head + " — " + is.Title})
		what := "issued"
		if is.DocumentKind() == KindAgreement {
			what = "signed"
		}
		s := fmt.Sprintf("%s was %s on %s (Document %s) and took effect on %s.", shortTitle(is.DocumentKind(), is.Number), what, o.On.Long(), ID(is), o.EffectiveOn().Long())
		if !o.ServedOn.IsZero() {
			s = strings.TrimSuffix(s, ".") + fmt.Sprintf("; it was served on %s.", o.ServedOn.Long())
		}
		if is.Adopted() {
			s += fmt.Sprintf(" The Court adopted it on %s.", o.AdoptedOn.Long())
		}
		detail = append(detail, text(s))
		for _, e := range is.Noncompliance() {
			if e.On.After(day) {
				continue
			}
			dir := ""
			if e.Directive >= 1 && e.Directive <= len(o.Directives) {
				dir = strings.TrimSpace(o.Directives[e.Directive-1])
			}
			detail = append(detail,
				para(bold(fmt.Sprintf("Directive %d", e.Directive)), plain(" provides:")),
				&Quote{Blocks: []Block{text("“" + dir + "”")}})
			s := fmt.Sprintf("On %s, %s did not comply with this directive.", e.On.Long(), breacher(r.c, e.By))
			if note := r.sc.text(e.Note); note != "" {
				s += " " + sentence(note)
			}
			detail = append(detail, text(s))
			sum.Rows = append(sum.Rows, []string{e.On.String(), breacherShort(r.c, e.By), shortTitle(is.DocumentKind(), is.Number), fmt.Sprint(e.Directive)})
		}
	}
	r.section("Summary",
		text(fmt.Sprintf("The Parenting Coordinator reports %s of non-compliance with the directives of the documents below, through %s.", count(n, "instance"), day.Long())),
		sum)
	r.section("Directives Not Followed", detail...)
	r.section("Report to the Court",
		text("The Parenting Coordinator reports these matters to the Court for such action as the Court considers appropriate. This report states what the Parenting Coordinator observed or was told, and the dates; it makes no finding of contempt, which is for the Court."))
	return r.finish("report"), nil
}

// breacher names who did not comply in prose.
func breacher(c *practice.Case, key string) string {
	switch key {
	case practice.PartyA, practice.PartyB:
		p := c.Party(key)
		return fmt.Sprintf("%s (%s)", p.Name, partyLabel(p, key))
	case practice.PartyBoth:
		return "both parents"
	}
	return "a parent"
}

// breacherShort names who did not comply in a table cell.
func breacherShort(c *practice.Case, key string) string {
	switch key {
	case practice.PartyA, practice.PartyB:
		return c.Party(key).Name
	case practice.PartyBoth:
		return "Both parents"
	}
	return ""
}

// endOfTerm builds the end-of-term report: the appointment and how it
// ended, the issues and their outcomes over the whole term, what remained
// pending, and the non-compliance on record.
func (r *reporter) endOfTerm() (*Document, error) {
	ap := r.c.Appointment
	end := ap.EndsOn()
	switch {
	case end.IsZero():
		return nil, fmt.Errorf("case %s: the appointment has no term_ends and was not terminated: there is no end of term to report", r.c.ID)
	case r.opt.AsOf.Before(end):
		return nil, fmt.Errorf("case %s: the appointment ends on %s, after %s: make the end-of-term report on or after that day", r.c.ID, end, r.opt.AsOf)
	}
	how := "Re: End of the term on " + end.Long()
	if ap.Terminated != nil {
		how = "Re: Termination of the appointment on " + end.Long()
	}
	r.start(KindEndOfTermReport, "Parenting Coordinator’s End-of-Term Report", "End-of-Term Report", how, "ET")
	issues := r.raised(end)
	r.section("Appointment", r.appointment()...)

	var sum strings.Builder
	fmt.Fprintf(&sum, "The appointment ran from %s to %s, %s. ", ap.OrderDate.Long(), end.Long(), count(ap.OrderDate.DaysUntil(end)+1, "day"))
	if d := ap.ConflictDisclosure; !d.Filed.IsZero() {
		fmt.Fprintf(&sum, "The Parenting Coordinator filed the conflict-of-interest disclosure on %s. ", d.Filed.Long())
	}
	if len(issues) == 0 {
		sum.WriteString("No issue was raised with the Parenting Coordinator during the term.")
		r.section("Summary of the Appointment", text(strings.TrimSpace(sum.String())))
	} else {
		counts := map[string]int{}
		for _, is := range issues {
			if resolvedBy(is, end) {
				counts[is.Outcome.Kind]++
			} else {
				counts["pending"]++
			}
		}
		var parts []string
		for _, k := range []struct{ kind, noun string }{
			{practice.OutcomeDetermination, determinationNoun(r.c)},
			{practice.OutcomeAgreement, "agreement"},
			{practice.OutcomeWithdrawn, "withdrawn"},
			{practice.OutcomeReferred, "referred elsewhere"},
			{"pending", "pending at the end of the term"},
		} {
			if n := counts[k.kind]; n > 0 {
				if k.kind == practice.OutcomeDetermination || k.kind == practice.OutcomeAgreement {
					parts = append(parts, count(n, k.noun))
				} else {
					parts = append(parts, fmt.Sprintf("%d %s", n, k.noun))
				}
			}
		}
		fmt.Fprintf(&sum, "The parents raised %s with the Parenting Coordinator: %s.", count(len(issues), "issue"), joinAnd(parts))
		r.section("Summary of the Appointment", text(sum.String()), categoryTable(issues, end))
		r.section("Issues and Outcomes", issueTable(issues, end))
		r.section("Matters Outstanding", r.pending(issues, end)...)
	}
	r.section("Compliance", r.noncomplianceSummary(end))
	r.section("Conclusion", text("With this report the Parenting Coordinator concludes the appointment and asks the Court to take notice that it has ended. A matter still open is for the parents, their counsel and the Court."))
	return r.finish("report"), nil
}

// determinationNoun is what the case's decisions are called.
func determinationNoun(c *practice.Case) string {
	if c.Appointment.Recommends() {
		return "recommendation"
	}
	return "determination"
}

// count is "1 issue", "3 issues".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
