package pdfdoc

import (
	"fmt"
	"strings"

	"pcdocket/generator/practice"
)

// determination lays out a determination or recommendation, section by
// section, in the order the practice's process requires.
func (d *doc) determination() {
	d.caption()
	d.authority()
	d.question()
	d.provisions()
	d.process()
	d.positions()
	d.record()
	d.directives()
	d.effect()
	d.review()
	d.signature()
	d.certificate()
}

// agreement lays out a memorandum of agreement.
func (d *doc) agreement() {
	d.caption()
	d.authority()
	d.question()
	d.provisions()
	d.directives()
	d.effect()
	d.agreementSignatures()
}

// noun is how the document calls itself in prose.
func (d *doc) noun() string {
	switch d.is.DocumentKind() {
	case "agreement":
		return "memorandum of agreement"
	case "recommendation":
		return "recommendation"
	}
	return "determination"
}

// partyLabel is a party's label ("Mother"), or a neutral one.
func partyLabel(p *practice.Party, key string) string {
	if p.Label != "" {
		return p.Label
	}
	if key == practice.PartyA {
		return "Parent A"
	}
	return "Parent B"
}

// named is "Name (Label)".
func (d *doc) named(key string) string {
	p := d.c.Party(key)
	if p == nil {
		return d.c.PartyName(key)
	}
	return fmt.Sprintf("%s (%s)", p.Name, partyLabel(p, key))
}

// caption is the court caption: court, parties, case number, title.
func (d *doc) caption() {
	f := d.f
	f.Bookmark("Caption", 0, -1)
	d.style("B", 11.5)
	f.SetX(marginL)
	d.multiCell(textW, bodyLine, strings.ToUpper(d.c.Court), "C")
	f.Ln(14)

	// Two columns divided by a rule, as a court caption is.
	top := f.GetY()
	leftW := textW * 0.55
	gutter := 14.0
	rightX := marginL + leftW + gutter

	pa, pb := &d.c.Parties.ParentA, &d.c.Parties.ParentB
	d.indent(0, textW-leftW+gutter, func() {
		d.style("B", bodySize)
		d.flow(bodyLine, pa.Name+",")
		f.Ln(bodyLine)
		d.style("", bodySize)
		f.SetX(marginL + 36)
		d.flow(bodyLine, partyLabel(pa, practice.PartyA)+",")
		f.Ln(bodyLine * 1.6)
		f.SetX(marginL + 18)
		d.flow(bodyLine, "and")
		f.Ln(bodyLine * 1.6)
		d.style("B", bodySize)
		d.flow(bodyLine, pb.Name+",")
		f.Ln(bodyLine)
		d.style("", bodySize)
		f.SetX(marginL + 36)
		d.flow(bodyLine, partyLabel(pb, practice.PartyB)+".")
		f.Ln(bodyLine)
	})
	leftEnd := f.GetY()

	f.SetXY(rightX, top)
	d.indent(leftW+gutter, 0, func() {
		d.style("B", bodySize)
		d.flow(bodyLine, "Case No. "+d.c.CourtCaseNo)
		f.Ln(bodyLine * 1.6)
		d.style("", bodySize)
		d.flow(bodyLine, "Before the Parenting Coordinator,")
		f.Ln(bodyLine)
		d.flow(bodyLine, d.p.Coordinator.Name)
		f.Ln(bodyLine * 1.6)
		d.style("", smallSize)
		d.color(grey)
		d.flow(smallLine, "Document "+d.id)
		f.Ln(smallLine)
		d.color(ink)
	})
	bottom := max(leftEnd, f.GetY()) + 4
	f.SetDrawColor(ink[0], ink[1], ink[2])
	f.SetLineWidth(0.7)
	x := marginL + leftW + gutter/2
	f.Line(x, top-2, x, bottom)
	f.Line(marginL, bottom, x, bottom)
	f.SetXY(marginL, bottom+20)

	d.style("B", 14)
	d.multiCell(textW, 18, strings.ToUpper(d.title), "C")
	f.Ln(2)
	d.style("I", bodySize)
	d.multiCell(textW, bodyLine, "Re: "+d.is.Title, "C")
	d.body("")
	f.Ln(10)

	if am := d.amends(); am != "" {
		d.indent(quoteIn, quoteIn, func() { d.para(run{am, "I"}) })
	}
	if s := d.is.Outcome.Summary; s != "" && d.is.DocumentKind() != "agreement" {
		d.indent(quoteIn, quoteIn, func() { d.para(run{"Summary. ", "B"}, run{s, ""}) })
	}
}

// amends is the sentence citing the document this one amends, or "".
func (d *doc) amends() string {
	n := d.is.Amends
	if n == 0 {
		return ""
	}
	this := "This " + d.noun()
	if old := d.c.Issue(n); old != nil && old.Documented() {
		name := strings.TrimPrefix(old.DocumentTitle(), "Parenting Coordinator ")
		return fmt.Sprintf("%s amends %s, issued %s (Document %s).", this, name, old.Outcome.On.Long(), DocumentID(old))
	}
	return fmt.Sprintf("%s amends the document issued on Issue No. %d.", this, n)
}

// authority cites the appointment order and the term.
func (d *doc) authority() {
	d.heading("Authority")
	ap := d.c.Appointment
	var b strings.Builder
	fmt.Fprintf(&b, "The undersigned was appointed Parenting Coordinator in this matter by order of the %s dated %s", d.c.Court, ap.OrderDate.Long())
	if ap.OrderRef != "" {
		fmt.Fprintf(&b, " (%s)", ap.OrderRef)
	}
	if !ap.TermEnds.IsZero() {
		fmt.Fprintf(&b, ", for a term ending %s", ap.TermEnds.Long())
	}
	b.WriteString(". ")
	plan := d.planName()
	switch {
	case d.is.DocumentKind() == "agreement":
		fmt.Fprintf(&b, "Under that order the Parenting Coordinator assists the parents in implementing the %s, and records here the terms on which they have agreed.", plan)
	case ap.Recommends():
		fmt.Fprintf(&b, "Under that order the Parenting Coordinator may not decide disputes about the %s, but makes recommendations to the Court, which takes effect only if the Court adopts it.", plan)
	default:
		fmt.Fprintf(&b, "Under that order the Parenting Coordinator resolves disputes about the implementation of the %s by mediation and, where mediation does not succeed, by binding determination.", plan)
	}
	d.text(b.String())
	if len(d.c.Children) > 0 {
		var kids []string
		for _, ch := range d.c.Children {
			kids = append(kids, fmt.Sprintf("%s (born %d)", ch.Initials, ch.Born))
		}
		d.text("The children concerned are " + joinAnd(kids) + ".")
	}
}

// planName is "Stipulated Parenting Plan dated August 28, 2025".
func (d *doc) planName() string {
	name := d.c.Plan.Title
	if name == "" {
		name = "parenting plan"
	}
	if !d.c.Plan.Date.IsZero() {
		name += " dated " + d.c.Plan.Date.Long()
	}
	return name
}

func (d *doc) question() {
	d.heading("Question Presented")
	d.indent(quoteIn/2, 0, func() { d.text(d.is.Question) })
}

// provisions quotes each cited clause with its ref and title.
func (d *doc) provisions() {
	d.heading("Plan Provisions")
	d.text(fmt.Sprintf("The question arises under the following provisions of the %s:", d.planName()))
	for _, ref := range d.is.Clauses {
		cl := d.c.Clause(ref)
		head := "Paragraph " + ref
		if cl != nil && cl.Title != "" {
			head += " — " + cl.Title
		}
		d.indent(quoteIn, 0, func() { d.subheading(head, "B", bodySize) })
		d.indent(quoteIn, quoteIn, func() {
			if cl == nil {
				d.para(run{"The plan has no paragraph " + ref + ".", "I"})
				return
			}
			d.para(run{"“" + strings.TrimSpace(cl.Text) + "”", ""})
		})
	}
	if d.is.Silent {
		d.para(run{"The plan is silent on the question presented. ", "B"},
			run{"The provisions quoted above are the nearest ones it contains; the " + d.noun() + " fills the gap consistently with them and does not add to the plan.", ""})
	}
}

// process recounts notice, submissions and mediation, and states that each
// parent had an opportunity to be heard.
func (d *doc) process() {
	d.heading("Process")
	if len(d.is.Events) > 0 {
		d.text("The Parenting Coordinator proceeded as follows.")
		for _, e := range d.is.Events {
			d.indent(quoteIn/2, 0, func() { d.numbered("•", run{d.event(e), ""}) })
		}
		d.f.Ln(paraGap * 0.4)
	}
	if w := d.is.Outcome.MediationWaived; w != "" {
		d.text("Mediation was not attempted before this " + d.noun() + ": " + sentence(w))
	}
	d.text(d.heard())
}

// event describes one event in a sentence.
func (d *doc) event(e practice.Event) string {
	var s string
	on := "On " + e.On.Long() + ", "
	switch e.Kind {
	case practice.EventNotice:
		if e.By == practice.PartyA || e.By == practice.PartyB {
			s = on + "the Parenting Coordinator gave " + d.named(e.By) + " notice of the issue and invited a written submission."
		} else {
			s = on + "the Parenting Coordinator gave both parents notice of the issue and invited written submissions."
		}
	case practice.EventSubmission:
		s = on + d.named(e.By) + " made a written submission."
	case practice.EventMediation:
		switch e.Result {
		case practice.ResultAgreement:
			s = on + "the Parenting Coordinator conducted a mediation session, at which the parents reached agreement."
		case practice.ResultNoAgreement:
			s = on + "the Parenting Coordinator conducted a mediation session, at which the parents did not reach agreement."
		default:
			s = on + "the Parenting Coordinator conducted a mediation session."
		}
	case practice.EventRecordClosed:
		s = on + "the record closed."
	default:
		s = on + "the Parenting Coordinator noted the following."
		if e.Note == "" {
			s = on + "the Parenting Coordinator made a note on the file."
		}
	}
	if e.Note != "" {
		s += " " + sentence(e.Note)
	}
	return s
}

// heard states, for each parent, that the parent was heard, or that the
// parent was given notice on a date and submitted nothing.
func (d *doc) heard() string {
	var silent []string
	for _, key := range []string{practice.PartyA, practice.PartyB} {
		if d.is.Positions.Of(key) != "" || d.submitted(key) {
			continue
		}
		p := d.c.Party(key)
		if n := d.noticed(key); !n.IsZero() {
			silent = append(silent, fmt.Sprintf("%s, given notice on %s, submitted nothing.", p.Name, n.Long()))
		} else {
			silent = append(silent, fmt.Sprintf("%s submitted nothing.", p.Name))
		}
	}
	switch len(silent) {
	case 0:
		return "Each parent had an opportunity to be heard, and each was heard."
	case 1:
		return "Each parent had an opportunity to be heard. " + silent[0]
	}
	return "Each parent had an opportunity to be heard. " + strings.Join(silent, " ")
}

func (d *doc) submitted(key string) bool {
	for _, e := range d.is.Events {
		if e.Kind == practice.EventSubmission && e.By == key {
			return true
		}
	}
	return false
}

// noticed returns the date of the first notice addressed to key (or to both).
func (d *doc) noticed(key string) practice.Date {
	for _, e := range d.is.Events {
		if e.Kind == practice.EventNotice && (e.By == "" || e.By == key || e.By == practice.PartyBoth) {
			return e.On
		}
	}
	return practice.Date{}
}

// positions gives each parent's position as recorded.
func (d *doc) positions() {
	d.heading("Positions of the Parents")
	for _, key := range []string{practice.PartyA, practice.PartyB} {
		d.subheading(d.named(key), "B", bodySize)
		pos := strings.TrimSpace(d.is.Positions.Of(key))
		if pos == "" {
			d.para(run{"No position was received.", "I"})
			continue
		}
		d.indent(quoteIn/2, 0, func() {
			for _, p := range paragraphs(pos) {
				d.text(p)
			}
		})
	}
}

// record renders the issue's Markdown body.
func (d *doc) record() {
	d.heading("Background, Findings and Analysis")
	if strings.TrimSpace(d.is.Body) == "" {
		d.text("The record consists of the notice, submissions and positions described above.")
		return
	}
	d.markdown([]byte(d.is.Body))
}

// directives lists the numbered directives or agreed terms.
func (d *doc) directives() {
	switch d.is.DocumentKind() {
	case "agreement":
		d.heading("Agreed Terms")
		d.text("With the assistance of the Parenting Coordinator, the parents agree as follows:")
	case "recommendation":
		d.heading("Recommendation")
		d.text("For these reasons, the Parenting Coordinator recommends that the Court order as follows:")
	default:
		d.heading("Determination")
		d.text("For these reasons, the Parenting Coordinator determines as follows:")
	}
	for i, dir := range d.is.Outcome.Directives {
		d.indent(quoteIn/2, 0, func() { d.numbered(fmt.Sprintf("%d.", i+1), run{strings.TrimSpace(dir), ""}) })
	}
	d.f.Ln(paraGap * 0.4)
}

// effect states the effective date and what the document does not do.
func (d *doc) effect() {
	d.heading("Effective Date")
	eff := d.is.Outcome.EffectiveOn().Long()
	switch d.is.DocumentKind() {
	case "recommendation":
		d.para(run{"If adopted by the Court, this recommendation takes effect on ", ""}, run{eff, "B"}, run{", or on the date of the Court’s order if later.", ""})
	default:
		d.para(run{"This " + d.noun() + " is effective on ", ""}, run{eff, "B"}, run{".", ""})
	}
	d.text("This " + d.noun() + " interprets and implements the existing parenting plan. It does not modify custody, decision-making authority, or child support, and it does not amend the plan.")
}

// review states the objection deadline and, when set, the filing deadline.
func (d *doc) review() {
	d.heading("Review Rights")
	od := d.is.ObjectionDeadline(d.dl)
	served := d.is.Outcome.ServedOn
	target := "object in writing to the Parenting Coordinator or seek review by the Court"
	if d.is.DocumentKind() == "recommendation" {
		target = "file a written objection with the Court"
	}
	if od.IsZero() {
		d.text(fmt.Sprintf("A party who disagrees with this %s may %s within %d days after it is served.", d.noun(), target, d.dl.ObjectionDays))
	} else {
		d.para(run{fmt.Sprintf("A party who disagrees with this %s may %s no later than ", d.noun(), target), ""},
			run{od.Long(), "B"},
			run{fmt.Sprintf(" (%d days after service on %s).", d.dl.ObjectionDays, served.Long()), ""})
	}
	if fd := d.is.FilingDeadline(d.dl); !fd.IsZero() {
		d.para(run{"This " + d.noun() + " will be filed with the Court no later than ", ""}, run{fd.Long(), "B"}, run{".", ""})
	} else if d.dl.FilingDays > 0 {
		d.text(fmt.Sprintf("This %s will be filed with the Court within %d days after it is served.", d.noun(), d.dl.FilingDays))
	}
	if d.is.DocumentKind() != "recommendation" {
		d.text("Unless a party objects or the Court orders otherwise, the parents shall comply with this " + d.noun() + " from its effective date.")
	}
}

// signature is the coordinator's signature block.
func (d *doc) signature() {
	d.f.Ln(headGap)
	d.needSpace(9 * bodyLine)
	d.f.Bookmark("Signature", 0, -1)
	d.text("Dated: " + d.is.Outcome.On.Long())
	d.f.Ln(bodyLine)
	d.signLine(marginL+textW/2, d.p.Coordinator.Name, []string{d.p.Coordinator.Credentials, "Parenting Coordinator"}, true)
}

// signLine draws a signature line at x with a name and lines under it.
func (d *doc) signLine(x float64, name string, under []string, address bool) {
	f := d.f
	w := 220.0
	y := f.GetY() + 34 // room to sign above the line
	f.SetDrawColor(ink[0], ink[1], ink[2])
	f.SetLineWidth(0.6)
	f.Line(x, y, x+w, y)
	f.SetXY(x, y+3)
	d.style("B", bodySize)
	d.cell(w, bodyLine, name, "L", 2)
	d.style("", 10)
	lines := append([]string{}, under...)
	if address {
		lines = append(lines, d.p.Coordinator.Address...)
		for _, s := range []string{d.p.Coordinator.Email, d.p.Coordinator.Phone} {
			if s != "" {
				lines = append(lines, s)
			}
		}
	}
	for _, l := range lines {
		if l == "" {
			continue
		}
		f.SetX(x)
		d.cell(w, 13, l, "L", 2)
	}
	d.body("")
	f.SetX(marginL)
}

// certificate is the certificate of service.
func (d *doc) certificate() {
	d.f.Ln(headGap)
	d.needSpace(10 * bodyLine)
	d.f.Ln(-headGap)
	d.plainHeading("Certificate of Service")
	on := "________________"
	if s := d.is.Outcome.ServedOn; !s.IsZero() {
		on = s.Long()
	}
	d.text("I certify that on " + on + " I served a copy of this " + d.noun() + " on the following:")
	for _, key := range []string{practice.PartyA, practice.PartyB} {
		p := d.c.Party(key)
		s := d.named(key)
		if p.Email != "" {
			s += ", by email to " + p.Email
		}
		d.indent(quoteIn/2, 0, func() { d.numbered("•", run{s + ".", ""}) })
		if p.Represented() {
			d.indent(quoteIn/2, 0, func() { d.numbered("•", run{p.Counsel.String() + ", counsel for " + p.Name + ".", ""}) })
		}
	}
	d.f.Ln(bodyLine)
	d.needSpace(3 * bodyLine)
	d.signLine(marginL+textW/2, d.p.Coordinator.Name, []string{"Parenting Coordinator"}, false)
}

// agreementSignatures gives both parents and the coordinator a signature line.
func (d *doc) agreementSignatures() {
	d.f.Ln(headGap)
	d.needSpace(12 * bodyLine)
	d.f.Ln(-headGap)
	d.plainHeading("Signatures")
	d.text("The parents have read this memorandum, understand it, and agree to its terms.")
	y := d.f.GetY()
	colW := textW / 2
	for i, key := range []string{practice.PartyA, practice.PartyB} {
		p := d.c.Party(key)
		d.f.SetY(y)
		d.signLine(marginL+float64(i)*colW, p.Name, []string{partyLabel(p, key), "Date: ________________"}, false)
	}
	d.f.Ln(bodyLine)
	d.needSpace(6 * bodyLine)
	d.signLine(marginL, d.p.Coordinator.Name, []string{d.p.Coordinator.Credentials, "Parenting Coordinator", "Date: " + d.is.Outcome.On.Long()}, false)
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
