package document

import (
	"fmt"
	"pcdocket/generator/deadline"
	"pcdocket/generator/jurisdiction"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"pcdocket/generator/markup"
	"pcdocket/generator/practice"
)

// Builder builds documents with one Markdown parser and one source of
// legal wording. It is safe for concurrent use.
type Builder struct {
	md    *markup.Markdown
	rules RulesFunc
}

// NewBuilder returns a Builder that parses records with md (a new parser
// when nil) and takes each document's legal wording from rules; nil means
// the built-in jurisdiction profiles (ProfileRules), without a practice's
// own jurisdictions/ files.
func NewBuilder(md *markup.Markdown, rules RulesFunc) *Builder {
	if md == nil {
		md = markup.New()
	}
	if rules == nil {
		rules = builtinRules
	}
	return &Builder{md: md, rules: rules}
}

// builtinProfiles are the embedded jurisdiction profiles, read once.
var builtinProfiles = sync.OnceValue(func() *jurisdiction.Set {
	set, _ := jurisdiction.Load("")
	return set
})

// builtinRules is ProfileRules over the built-in profiles.
func builtinRules(p *practice.Practice, is *practice.Issue) Rules {
	return profileRules(deadline.New(p, builtinProfiles()), is)
}

// Build builds the document of is, which must be Documented.
func (b *Builder) Build(p *practice.Practice, is *practice.Issue) (*Document, error) {
	if is == nil || is.Case == nil {
		return nil, fmt.Errorf("document: issue without a case")
	}
	if !is.Documented() {
		return nil, fmt.Errorf("document: %s: outcome %q produces no document", is.ID(), is.Status())
	}
	return build(p, is, b.rules(p, is), b.md), nil
}

// builder holds one document being built.
type builder struct {
	p    *practice.Practice
	is   *practice.Issue
	c    *practice.Case
	r    Rules
	sc   *screener
	kind string
	d    *Document
}

func build(p *practice.Practice, is *practice.Issue, r Rules, md *markup.Markdown) *Document {
	b := &builder{p: p, is: is, c: is.Case, r: r, sc: newScreener(is.Case), kind: is.DocumentKind()}
	d := &Document{Kind: b.kind, ID: ID(is), Re: "Re: " + is.Title, Date: is.Outcome.On, Sections: make([]Section, 0, 9)}
	b.d = d
	d.Title, d.Short = is.DocumentTitle(), shortTitle(b.kind, is.Number)
	if b.amended() != nil {
		d.Title, d.Short = "Amended "+d.Title, "Amended "+d.Short
	}
	co := p.CoordinatorOf(b.c)
	d.Author, d.Coordinator = co.Signature(), co.ID
	d.Subject = fmt.Sprintf("%s, Case No. %s: %s", b.c.Title, b.c.CourtCaseNo, is.Title)
	d.RunningHead = fmt.Sprintf("%s — Case No. %s", b.c.Title, b.c.CourtCaseNo)
	b.caption()
	b.preamble()

	// The record and positions first: what they withhold decides whether
	// the process section speaks of safeguards.
	var record, positions []Block
	if b.kind != KindAgreement {
		if body := is.Body; strings.TrimSpace(body) != "" { // parse keeps the "## Private" part in is.Private
			record = markdown(md, []byte(body), b.sc)
		}
		positions = b.positions()
	}

	b.section("Authority", b.authority()...)
	b.section("Question Presented", text(strings.TrimSpace(is.Question)))
	b.section("Plan Provisions", b.provisions()...)
	if b.kind != KindAgreement {
		b.section("Process", b.process()...)
		b.section("Positions of the Parents", positions...)
		if len(record) == 0 {
			record = []Block{text("The record consists of the notice, submissions and positions described above.")}
		}
		record = append(record, b.exhibits()...)
		b.section("Background, Findings and Analysis", record...)
	}
	b.section(b.directivesHeading(), b.directives()...)
	b.section("Effective Date", b.effect()...)
	if b.kind != KindAgreement {
		b.section("Review Rights", b.review()...)
		d.Signature = b.signature()
		d.Certificate = b.certificate()
	} else {
		d.Signature = b.agreementSignatures()
		if !is.Outcome.ServedOn.IsZero() {
			d.Certificate = b.certificate()
		}
	}
	if b.kind == KindRecommendation {
		d.ProposedOrder = b.proposedOrder()
	}
	d.Withheld = b.sc.withheld
	return d
}

// exhibits lists the exhibits the coordinator considered, in the order
// the issue gives, each by label, title, file name and full SHA-256: the
// hash lets anyone holding a copy tell that it is the file considered,
// and puts the exhibit's content into the document, so that a change to
// an exhibit after sealing is a change to the sealed content
// (Issue.Fingerprint). Nil when the issue lists none.
func (b *builder) exhibits() []Block {
	if len(b.is.Exhibits) == 0 {
		return nil
	}
	l := &List{Tight: true}
	for _, e := range b.is.Exhibits {
		s := "Exhibit " + e.Label + ", "
		if t := b.sc.text(e.Title); t != "" {
			s += t + " (" + e.File + ", "
		} else {
			s += e.File + " ("
		}
		s += "SHA-256 " + e.SHA256 + ")."
		l.Items = append(l.Items, Item{Label: "•", Blocks: []Block{text(s)}})
	}
	return []Block{text("The Parenting Coordinator considered:"), l}
}

// section appends a numbered section.
func (b *builder) section(heading string, blocks ...Block) {
	b.d.Sections = append(b.d.Sections, Section{Number: roman(len(b.d.Sections) + 1), Heading: heading, Blocks: blocks})
}

// noun is how a document of kind calls itself in prose.
func noun(kind string) string {
	switch kind {
	case KindAgreement:
		return "memorandum of agreement"
	case KindRecommendation:
		return "recommendation"
	}
	return "determination"
}

func (b *builder) this() string { return "this " + noun(b.kind) }

// shortTitle is "Determination No. 3", "Recommendation No. 3" or
// "Memorandum of Agreement No. 3".
func shortTitle(kind string, n int) string {
	switch kind {
	case KindAgreement:
		return fmt.Sprintf("Memorandum of Agreement No. %d", n)
	case KindRecommendation:
		return fmt.Sprintf("Recommendation No. %d", n)
	}
	return fmt.Sprintf("Determination No. %d", n)
}

// named is "Name (Label)".
func (b *builder) named(key string) string {
	p := b.c.Party(key)
	if p == nil {
		return b.c.PartyName(key)
	}
	return fmt.Sprintf("%s (%s)", p.Name, partyLabel(p, key))
}

func (b *builder) caption() {
	b.d.Caption = caseCaption(b.p, b.c, b.d.ID)
}

// caseCaption is the caption of every document of case c: the court, the
// case number, the parents, and the document's id.
func caseCaption(p *practice.Practice, c *practice.Case, id string) Caption {
	return Caption{
		Court:  c.Court,
		CaseNo: "Case No. " + c.CourtCaseNo,
		Parties: [2]CaptionParty{
			{Name: c.Parties.ParentA.Name + ",", Label: partyLabel(&c.Parties.ParentA, practice.PartyA) + ","},
			{Name: c.Parties.ParentB.Name + ",", Label: partyLabel(&c.Parties.ParentB, practice.PartyB) + "."},
		},
		And:      "and",
		Before:   []string{"Before the Parenting Coordinator,", p.CoordinatorOf(c).Name},
		Document: "Document " + id,
	}
}

// amended is the documented issue this one amends, or nil.
func (b *builder) amended() *practice.Issue {
	if b.is.Amends == 0 || b.is.Amends == b.is.Number {
		return nil
	}
	if old := b.c.Issue(b.is.Amends); old != nil && old.Documented() {
		return old
	}
	return nil
}

// preamble is what comes between the title and the first section.
func (b *builder) preamble() {
	d := b.d
	if old := b.amended(); old != nil {
		name := shortTitle(old.DocumentKind(), old.Number)
		d.Preamble = append(d.Preamble,
			para(italic(fmt.Sprintf("This %s amends %s, issued %s (Document %s). Except as %s provides, %s remains in force.",
				noun(b.kind), name, old.Outcome.On.Long(), ID(old), b.this(), name))))
	} else if n := b.is.Amends; n != 0 {
		d.Preamble = append(d.Preamble, para(italic(fmt.Sprintf("This %s amends the document issued on Issue No. %d.", noun(b.kind), n))))
	}
	if b.kind == KindRecommendation {
		d.Preamble = append(d.Preamble, para(bold("This recommendation is not binding on the parents unless and until the Court adopts it by order.")))
	}
	if s := strings.TrimSpace(b.is.Outcome.Summary); s != "" && b.kind != KindAgreement {
		d.Preamble = append(d.Preamble, para(bold("Summary. "), plain(s)))
	}
}

// courtName is the court as prose names it, "the Superior Court of X",
// whether the case file writes "Superior Court of X", "The Superior Court
// of X" or "In the Superior Court of X".
func courtName(court string) string {
	s := strings.Join(strings.Fields(court), " ")
	for _, pre := range []string{"in the ", "in ", "the "} {
		if len(s) > len(pre) && strings.EqualFold(s[:len(pre)], pre) {
			s = s[len(pre):]
			break
		}
	}
	return "the " + s
}

func (b *builder) authority() []Block {
	ap := b.c.Appointment
	var s strings.Builder
	fmt.Fprintf(&s, "By order dated %s", ap.OrderDate.Long())
	if ap.OrderRef != "" {
		fmt.Fprintf(&s, " (%s)", ap.OrderRef)
	}
	fmt.Fprintf(&s, ", %s (the “Court”) appointed the undersigned Parenting Coordinator in this matter", courtName(b.c.Court))
	if !ap.TermEnds.IsZero() {
		fmt.Fprintf(&s, ", for a term ending %s", ap.TermEnds.Long())
	}
	s.WriteString(". ")
	plan := b.planName()
	switch {
	case b.kind == KindAgreement:
		fmt.Fprintf(&s, "Under that order the Parenting Coordinator assists the parents in implementing the %s, and records here the terms on which they have agreed.", plan)
	case ap.Recommends():
		fmt.Fprintf(&s, "Under that order the Parenting Coordinator may not decide disputes about the %s, but makes recommendations to the Court, which take effect only if the Court adopts them.", plan)
	default:
		fmt.Fprintf(&s, "Under that order the Parenting Coordinator resolves disputes about the implementation of the %s by mediation and, where mediation does not succeed, by binding determination.", plan)
	}
	out := []Block{text(s.String())}
	// The term as extended on the document's date: a determination made in
	// an extended term cites the order that gave the coordinator the
	// authority to make it, as the reports to the court do.
	out = append(out, extensions(ap, b.d.Date)...)
	if len(b.c.Children) > 0 {
		var kids []string
		for _, ch := range b.c.Children {
			kids = append(kids, fmt.Sprintf("%s (born %d)", ch.Initials, ch.Born))
		}
		out = append(out, text("The children concerned are "+joinAnd(kids)+"."))
	}
	return out
}

// planName is "Stipulated Parenting Plan dated August 28, 2025".
func (b *builder) planName() string {
	name := b.c.Plan.Title
	if name == "" {
		name = "parenting plan"
	}
	if !b.c.Plan.Date.IsZero() {
		name += " dated " + b.c.Plan.Date.Long()
	}
	return name
}

// provisions quotes each cited clause with the plan's word for it.
func (b *builder) provisions() []Block {
	word := capitalize(b.c.Plan.Label())
	out := []Block{text(fmt.Sprintf("The question arises under the following provisions of the %s:", b.planName()))}
	for _, ref := range b.is.Clauses {
		cl := b.c.Clause(ref)
		head := word + " " + ref
		if cl != nil && cl.Title != "" {
			head += " — " + cl.Title
		}
		out = append(out, &Heading{Level: 3, Text: head})
		if cl == nil {
			out = append(out, &Quote{Blocks: []Block{para(italic("The plan has no " + strings.ToLower(word) + " " + ref + "."))}})
			continue
		}
		out = append(out, &Quote{Blocks: []Block{text("“" + strings.TrimSpace(cl.Text) + "”")}})
	}
	if b.is.Silent {
		out = append(out, para(bold("The plan is silent on the question presented. "),
			plain("The provisions quoted above are the nearest ones it contains; "+b.this()+" fills the gap consistently with them and does not add to the plan.")))
	}
	return out
}

// process recounts notice, submissions and mediation, and states that each
// parent had an opportunity to be heard.
func (b *builder) process() []Block {
	var out []Block
	if hasProcess(b.is.Events) {
		out = append(out, text("The Parenting Coordinator proceeded as follows."))
		l := &List{}
		for _, e := range b.is.Events {
			if e.Kind == practice.EventNoncompliance {
				continue // it came after the document, and goes to the court in a report
			}
			l.Items = append(l.Items, Item{Label: "•", Blocks: []Block{text(b.event(e))}})
		}
		out = append(out, l)
	}
	if w := b.is.Outcome.MediationWaived; w != "" {
		out = append(out, text("Mediation was not attempted before "+b.this()+": "+sentence(b.sc.text(w))))
	}
	out = append(out, text(b.heard()))
	if s := b.c.Safety; b.sc.withheld > 0 || s != nil && len(s.Safeguards) > 0 {
		out = append(out, text("Safeguards applied throughout this process."))
	}
	return out
}

// hasProcess reports whether events hold a step of the process that led
// to the document: anything but a noncompliance event, which follows it.
func hasProcess(events []practice.Event) bool {
	for _, e := range events {
		if e.Kind != practice.EventNoncompliance {
			return true
		}
	}
	return false
}

// event describes one event in a sentence.
func (b *builder) event(e practice.Event) string {
	var s string
	on := "On " + e.On.Long() + ", "
	parent := e.By == practice.PartyA || e.By == practice.PartyB
	switch e.Kind {
	case practice.EventNotice:
		if parent {
			s = on + "the Parenting Coordinator gave " + b.named(e.By) + " notice of the issue and invited a written submission."
		} else {
			s = on + "the Parenting Coordinator gave both parents notice of the issue and invited written submissions."
		}
	case practice.EventSubmission:
		s = on + b.named(e.By) + " made a written submission."
	case practice.EventMediation:
		switch e.Result {
		case practice.ResultAgreement:
			s = on + "the Parenting Coordinator conducted a mediation session, at which the parents reached agreement."
		case practice.ResultNoAgreement:
			s = on + "the Parenting Coordinator conducted a mediation session, at which the parents did not reach agreement."
		default:
			s = on + "the Parenting Coordinator conducted a mediation session."
		}
	case practice.EventMissed:
		who := "the parents"
		if parent {
			who = b.named(e.By)
		}
		s = on + "the mediation attempt failed because " + who + " did not attend after notice."
	case practice.EventRecordClosed:
		s = on + "the record closed."
	default:
		s = on + "the Parenting Coordinator noted the following."
		if e.Note == "" {
			s = on + "the Parenting Coordinator made a note on the file."
		}
	}
	if n := b.sc.text(e.Note); n != "" {
		s += " " + sentence(n)
	}
	return s
}

// heard states, for each parent, that the parent was heard, or that the
// parent was given notice on a date and submitted nothing.
func (b *builder) heard() string {
	var silent []string
	for _, key := range []string{practice.PartyA, practice.PartyB} {
		if b.is.Positions.Of(key) != "" || b.submitted(key) {
			continue
		}
		p := b.c.Party(key)
		if n := b.noticed(key); !n.IsZero() {
			silent = append(silent, fmt.Sprintf("%s, given notice on %s, submitted nothing.", p.Name, n.Long()))
		} else {
			silent = append(silent, fmt.Sprintf("%s submitted nothing.", p.Name))
		}
	}
	if len(silent) == 0 {
		return "Each parent had an opportunity to be heard, and each was heard."
	}
	return "Each parent had an opportunity to be heard. " + strings.Join(silent, " ")
}

func (b *builder) submitted(key string) bool {
	for _, e := range b.is.Events {
		if e.Kind == practice.EventSubmission && e.By == key {
			return true
		}
	}
	return false
}

// noticed returns the date of the first notice addressed to key (or to both).
func (b *builder) noticed(key string) practice.Date {
	for _, e := range b.is.Events {
		if e.Kind == practice.EventNotice && (e.By == "" || e.By == key || e.By == practice.PartyBoth) {
			return e.On
		}
	}
	return practice.Date{}
}

// positions gives each parent's position as recorded.
func (b *builder) positions() []Block {
	var out []Block
	for _, key := range []string{practice.PartyA, practice.PartyB} {
		out = append(out, &Heading{Level: 3, Text: b.named(key)})
		pos := strings.TrimSpace(b.is.Positions.Of(key))
		var ps []Block
		for _, p := range paragraphs(pos) {
			if t := b.sc.text(p); t != "" {
				ps = append(ps, text(t))
			}
		}
		if len(ps) == 0 {
			ps = []Block{para(italic("No position was received."))}
		}
		out = append(out, ps...)
	}
	return out
}

func (b *builder) directivesHeading() string {
	switch b.kind {
	case KindAgreement:
		return "Agreed Terms"
	case KindRecommendation:
		return "Recommendation"
	}
	return "Determination"
}

// directives lists the numbered directives or agreed terms.
func (b *builder) directives() []Block {
	var intro string
	switch b.kind {
	case KindAgreement:
		intro = "With the assistance of the Parenting Coordinator, the parents agree as follows:"
	case KindRecommendation:
		intro = "For these reasons, the Parenting Coordinator recommends that the Court order as follows:"
	default:
		intro = "For these reasons, the Parenting Coordinator determines as follows:"
	}
	return []Block{text(intro), b.directiveList()}
}

func (b *builder) directiveList() *List {
	l := &List{}
	for i, dir := range b.is.Outcome.Directives {
		l.Items = append(l.Items, Item{Label: fmt.Sprintf("%d.", i+1), Blocks: []Block{text(strings.TrimSpace(dir))}})
	}
	return l
}

// effect states the effective date and what the document does not do.
func (b *builder) effect() []Block {
	eff := b.is.Outcome.EffectiveOn().Long()
	var out []Block
	if b.kind == KindRecommendation {
		out = append(out, para(plain("If adopted by the Court, this recommendation takes effect on "), bold(eff), plain(", or on the date of the Court’s order if later.")))
	} else {
		out = append(out, para(plain("This "+noun(b.kind)+" is effective on "), bold(eff), plain(".")))
	}
	out = append(out, text("This "+noun(b.kind)+" interprets and implements the existing parenting plan. It does not modify custody, decision-making authority, or child support, and it does not amend the plan."))
	if b.kind == KindAgreement && b.r.IncorporationText != "" {
		out = append(out, text(b.r.IncorporationText))
	}
	return out
}

// review states the review route and deadline, the filing duty, the
// effect while review is pending and any fee warning, as the rules word
// them.
func (b *builder) review() []Block {
	var out []Block
	if rs := b.r.ReviewSentence; rs != "" {
		out = append(out, emphasize(rs, jurisdiction.LongDate(b.r.ReviewDeadline.Date)))
	} else if rt := b.r.ReviewText; rt != "" {
		dl := b.r.ReviewDeadline
		switch {
		case !dl.Date.IsZero():
			why := dl.Basis
			if dl.Rule != "" {
				why = strings.TrimPrefix(why+"; "+dl.Rule, "; ")
			}
			tail := "."
			if why != "" {
				tail = " (" + why + ")."
			}
			out = append(out, para(plain(rt+" no later than "), bold(jurisdiction.LongDate(dl.Date)), plain(tail)))
		case dl.Basis != "":
			out = append(out, text(rt+" within "+dl.Basis+"."))
		default:
			out = append(out, text(rt+"."))
		}
	}
	for _, s := range []string{b.r.FilingText, b.r.EffectText, b.r.FeeWarning} {
		if s != "" {
			out = append(out, text(s))
		}
	}
	return out
}

// coordinatorLines are the lines under the coordinator's signature.
func (b *builder) coordinatorLines(address bool, extra ...string) []string {
	co := b.p.CoordinatorOf(b.c)
	var out []string
	if co.Credentials != "" {
		out = append(out, co.Credentials)
	}
	out = append(out, "Parenting Coordinator")
	if address {
		out = append(out, co.Address...)
		for _, s := range []string{co.Email, co.Phone} {
			if s != "" {
				out = append(out, s)
			}
		}
	}
	return append(out, extra...)
}

// signature is the coordinator's signature block.
func (b *builder) signature() Section {
	return Section{Blocks: []Block{
		text("Dated: " + b.is.Outcome.On.Long()),
		&Signatures{Columns: 1, Lines: []SignLine{{Name: b.p.CoordinatorOf(b.c).Name, Under: b.coordinatorLines(true)}}},
	}}
}

// blank is a date to fill in by hand.
const blank = "________________"

// agreementSignatures gives both parents, their counsel and the
// coordinator a signature line.
func (b *builder) agreementSignatures() Section {
	s := Section{Heading: "Signatures", Blocks: []Block{
		text("The parents have read this memorandum, understand it, and agree to its terms."),
	}}
	parents := &Signatures{Columns: 2}
	counsel := &Signatures{Columns: 2}
	for _, key := range []string{practice.PartyA, practice.PartyB} {
		p := b.c.Party(key)
		parents.Lines = append(parents.Lines, SignLine{Name: p.Name, Under: []string{partyLabel(p, key), "Date: " + blank}})
		if p.Represented() {
			counsel.Lines = append(counsel.Lines, SignLine{Name: p.Counsel.Name, Under: counselLines(p.Counsel, p.Name)})
		}
	}
	s.Blocks = append(s.Blocks, parents)
	if len(counsel.Lines) > 0 {
		s.Blocks = append(s.Blocks, counsel)
	}
	s.Blocks = append(s.Blocks, &Signatures{Columns: 1, Lines: []SignLine{{
		Name: b.p.CoordinatorOf(b.c).Name, Under: b.coordinatorLines(false, "Date: "+b.is.Outcome.On.Long()),
	}}})
	return s
}

// certificate is the certificate of service, signed /s/ by the
// coordinator.
func (b *builder) certificate() *Section {
	on := blank
	if s := b.is.Outcome.ServedOn; !s.IsZero() {
		on = s.Long()
	}
	l := &List{}
	for _, r := range Recipients(b.c, b.r) {
		l.Items = append(l.Items, Item{Label: "•", Blocks: []Block{text(r.Line())}})
	}
	co := b.p.CoordinatorOf(b.c).Name
	return &Section{Heading: "Certificate of Service", Blocks: []Block{
		text("I certify that on " + on + " I served a copy of " + b.this() + " on the following:"),
		l,
		&Signatures{Columns: 1, Lines: []SignLine{{Signed: "/s/ " + co, Name: co, Under: []string{"Parenting Coordinator", "Date: " + on}}}},
	}}
}

// proposedOrder is the order a recommendation proposes to the Court.
func (b *builder) proposedOrder() *Section {
	eff := b.is.Outcome.EffectiveOn().Long()
	return &Section{Heading: "[Proposed] Order", Blocks: []Block{
		text(fmt.Sprintf("%s, %s", b.d.Caption.CaseNo, b.c.Title)),
		text(fmt.Sprintf("The Court has reviewed Parenting Coordinator Recommendation No. %d, dated %s, and any objection to it.", b.is.Number, b.is.Outcome.On.Long())),
		text("IT IS ORDERED that the recommendation is adopted, and that:"),
		b.directiveList(),
		text("This order takes effect on " + eff + ", or on the date it is signed if later."),
		text("Dated: " + blank),
		&Signatures{Columns: 1, Lines: []SignLine{{Name: "Judge", Under: []string{strings.TrimSpace(b.c.Court)}}}},
	}}
}

// sentence makes s end with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	switch s[len(s)-1] {
	case '.', '!', '?', ')', '"':
		return s
	}
	if strings.HasSuffix(s, "”") || strings.HasSuffix(s, "’") {
		return s
	}
	return s + "."
}

// paragraphs splits plain text at blank lines and joins each paragraph's lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// joinAnd joins "a", "b and c".
func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// roman writes n (1..39) as an upper-case Roman numeral for section numbers.
func roman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

// counselLines are the lines under counsel's signature: the firm and bar
// number where recorded, whom counsel acts for, and the date.
func counselLines(c *practice.Counsel, client string) []string {
	var out []string
	if c.Firm != "" {
		out = append(out, c.Firm)
	}
	if c.BarNo != "" {
		out = append(out, "Bar No. "+c.BarNo)
	}
	return append(out, "Counsel for "+client, "Date: "+blank)
}

// capitalize is s with its first letter upper-case, as at the start of a
// heading: a plan's clause_label may be written "section".
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// emphasize is the sentence s as a paragraph with its first occurrence of
// the date d in bold: a parent must not miss a deadline.
func emphasize(s, d string) *Paragraph {
	i := strings.Index(s, d)
	if d == "" || i < 0 {
		return text(s)
	}
	return para(plain(s[:i]), bold(d), plain(s[i+len(d):]))
}

// extensions says, a paragraph each, every extension of the appointment's
// term ordered by the day asOf: a document cites the orders that gave the
// authority it acts under.
func extensions(ap practice.Appointment, asOf practice.Date) []Block {
	var out []Block
	for _, x := range ap.Extensions {
		if x.On.After(asOf) {
			continue
		}
		ref := ""
		if x.OrderRef != "" {
			ref = " (" + x.OrderRef + ")"
		}
		out = append(out, text(fmt.Sprintf("By order dated %s%s, the Court extended the term to %s.", x.On.Long(), ref, x.TermEnds.Long())))
	}
	return out
}
