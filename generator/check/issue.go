package check

import (
	"fmt"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// issues checks every issue of a case: numbering across the case first, then
// each issue on its own.
func (k *checker) issues(c *practice.Case) {
	// Issues come sorted by number then file, so the first file of a number
	// keeps it and each later file is the one reported.
	first := map[int]*practice.Issue{}
	for _, is := range c.Issues {
		if is == nil {
			continue
		}
		src := &is.Src
		if has(src, "number") {
			if is.Number < 1 {
				k.l.Errorf(src.At("number"), "number is %d: number a case's issues from 1", is.Number)
			} else if f, dup := first[is.Number]; dup {
				k.l.Errorf(src.At("number"), "duplicate issue number %d: %s already has it; give each issue of a case its own number", is.Number, f.Src.File)
			} else {
				first[is.Number] = is
			}
		}
		k.issue(c, is)
	}
}

// issue checks one issue file.
func (k *checker) issue(c *practice.Case, is *practice.Issue) {
	src := &is.Src
	cat, known := practice.Category{}, false
	if is.Category != "" {
		if k.oneOf(src.At("category"), "category", is.Category, "a category", categoryNames) {
			cat, known = practice.LookupCategory(is.Category)
		}
	}
	if is.RaisedBy != "" {
		k.oneOf(src.At("raised_by"), "raised_by", is.RaisedBy, "a party", raisers)
	}
	ap := c.Appointment
	if !is.RaisedOn.IsZero() && !ap.OrderDate.IsZero() && is.RaisedOn.Before(ap.OrderDate) {
		k.l.Warnf(src.At("raised_on"), "the issue was raised on %s, before the appointment order of %s: check the date, and that the issue belongs to this appointment", is.RaisedOn, ap.OrderDate)
	}
	k.clauses(c, is)
	k.amends(c, is)
	k.events(is)
	if is.Outcome != nil {
		k.outcome(c, is)
	}
	if known {
		k.scope(c, is, cat)
	}
	k.overdue(c, is)
}

// clauses checks that the issue cites clauses the case's plan has.
func (k *checker) clauses(c *practice.Case, is *practice.Issue) {
	src := &is.Src
	if len(is.Clauses) == 0 && has(src, "clauses") {
		k.l.Errorf(src.At("clauses"), "clauses is empty: cite at least one clause of the plan (the nearest ones, with silent: true, when the plan does not address the question)")
	}
	if !c.Src.Readable("plan.clauses") {
		return // the case's plan could not be read: no ref can be judged
	}
	refs := make([]string, 0, len(c.Plan.Clauses))
	for _, cl := range c.Plan.Clauses {
		refs = append(refs, cl.Ref)
	}
	for i, ref := range is.Clauses {
		if c.Clause(ref) != nil || !src.Readable(fmt.Sprintf("clauses[%d]", i)) {
			continue
		}
		hint := diag.DidYouMean(ref, refs)
		if hint == "" && len(refs) > 0 {
			hint = ": the plan has " + andList(refs)
		}
		k.l.Errorf(at(src, fmt.Sprintf("clauses[%d]", i), "clauses"), "clause %q is not in the case's plan%s", ref, hint)
	}
}

// amends checks that an amending issue names an earlier issue of the same
// case that produced a document to amend.
func (k *checker) amends(c *practice.Case, is *practice.Issue) {
	if is.Amends == 0 && !has(&is.Src, "amends") {
		return
	}
	if !has(&is.Src, "amends") || !has(&is.Src, "number") {
		return // the parser reported the value, or this issue's number
	}
	if prior := c.Issue(is.Amends); prior != nil && !prior.Src.Readable("outcome") {
		return // what the issue amended could not be read
	}
	pos := is.Src.At("amends")
	n := is.Amends
	for _, other := range c.Issues {
		if other != is && (!has(&other.Src, "number") || !other.Src.Readable("outcome")) && c.Issue(n) == nil {
			return // the issue it names may be the one the parser could not read
		}
	}
	switch prior := c.Issue(n); {
	case n == is.Number:
		k.l.Errorf(pos, "amends %d names this issue itself: give the number of the earlier issue whose document this one amends", n)
	case prior == nil:
		k.l.Errorf(pos, "amends %d: the case has no issue %d; give the number of the earlier issue whose document this one amends", n, n)
	case n > is.Number:
		k.l.Errorf(pos, "amends %d: issue %d is not earlier than this issue (%d); an amendment follows the document it amends", n, n, is.Number)
	case prior.Pending():
		k.l.Errorf(pos, "amends %d: issue %d is still pending and has no determination or agreement to amend", n, n)
	case !prior.Documented():
		k.l.Errorf(pos, "amends %d: issue %d ended %s and has no determination or agreement to amend", n, n, prior.Status())
	}
}

// events checks each event and the order of the timeline.
func (k *checker) events(is *practice.Issue) {
	src := &is.Src
	var prev practice.Date
	for i, e := range is.Events {
		path := fmt.Sprintf("events[%d]", i)
		if !src.Readable(path) {
			continue // the parser reported what it could not read
		}
		kind := e.Kind
		if kind != "" && !k.oneOf(at(src, path+".kind", path), "kind", kind, "an event kind", practice.EventKinds) {
			kind = "" // unknown: judge nothing else by it
		}
		switch {
		case kind == practice.EventSubmission && e.By == "":
			k.l.Errorf(at(src, path+".kind", path), "a submission needs by: the parent who made it (parent_a or parent_b)")
		case kind == practice.EventSubmission && (e.By == practice.PartyBoth || e.By == practice.PartyCoordinator):
			k.l.Errorf(src.At(path+".by"), "a submission's by must be a parent, not %s: use parent_a or parent_b, one submission event per parent", e.By)
		case kind == practice.EventMissed && e.By == "":
			k.l.Errorf(at(src, path+".kind", path), "a missed event needs by: the parent who did not attend (parent_a or parent_b)")
		case kind == practice.EventMissed && (e.By == practice.PartyBoth || e.By == practice.PartyCoordinator):
			k.l.Errorf(src.At(path+".by"), "a missed event's by must be a parent, not %s: use parent_a or parent_b, one missed event per parent", e.By)
		case kind == practice.EventSubmission || kind == practice.EventMissed:
			if k.oneOf(src.At(path+".by"), "by", e.By, "a parent", parents) && kind == practice.EventMissed && src.Readable("events") {
				k.missed(is, i)
			}
		case e.By != "":
			k.oneOf(src.At(path+".by"), "by", e.By, "a party", raisers)
		}
		switch {
		case kind == practice.EventMediation && e.Result == "":
			k.l.Errorf(at(src, path+".kind", path), "a mediation event needs result: agreement or no-agreement")
		case kind == practice.EventMediation:
			k.oneOf(src.At(path+".result"), "result", e.Result, "a mediation result", mediationEnds)
		case kind != "" && e.Result != "":
			k.l.Warnf(src.At(path+".result"), "result only applies to a mediation event, and this one is a %s: remove it, or change kind to mediation", kind)
		}
		switch {
		case kind == practice.EventNoncompliance:
			k.noncompliance(is, i)
		case kind != "" && has(src, path+".directive"):
			k.l.Warnf(src.At(path+".directive"), "directive only applies to a noncompliance event, and this one is a %s: remove it, or change kind to noncompliance", kind)
		}

		if e.On.IsZero() {
			continue
		}
		pos := at(src, path+".on", path)
		switch {
		case !prev.IsZero() && e.On.Before(prev):
			k.l.Errorf(pos, "event dated %s comes after one dated %s: list events in the order they happened", e.On, prev)
		case !is.RaisedOn.IsZero() && e.On.Before(is.RaisedOn):
			k.l.Errorf(pos, "event dated %s is before the issue was raised (raised_on %s): correct one of the dates", e.On, is.RaisedOn)
		}
		if o := is.Outcome; o != nil && !o.On.IsZero() && e.On.After(o.On) && kind != practice.EventNoncompliance {
			k.l.Errorf(pos, "event dated %s is after the outcome of %s: an issue's timeline ends with its outcome; correct one of the dates", e.On, o.On)
		}
		prev = e.On
	}
}

// noncompliance checks event i, a noncompliance event: it names a parent
// and a directive of the issue's binding outcome, and is dated on or after
// that outcome. The non-compliance report quotes the directive, so a wrong
// number would put words in the report the parent was never bound by.
func (k *checker) noncompliance(is *practice.Issue, i int) {
	src := &is.Src
	e := is.Events[i]
	path := fmt.Sprintf("events[%d]", i)
	if e.By == "" {
		k.l.Errorf(at(src, path+".kind", path), "a noncompliance event needs by: the parent who did not follow the directive (parent_a, parent_b or both)")
	} else if e.By == practice.PartyCoordinator {
		k.l.Errorf(src.At(path+".by"), "a noncompliance event's by must be a parent, not the coordinator: use parent_a, parent_b or both")
	}
	if !src.Readable("outcome") {
		return // the parser reported the outcome
	}
	o := is.Outcome
	binding := o != nil && (o.Kind == practice.OutcomeAgreement ||
		o.Kind == practice.OutcomeDetermination && (!is.Case.Appointment.Recommends() || !o.AdoptedOn.IsZero()))
	if !binding {
		why := "the issue has no outcome yet"
		switch {
		case o == nil:
		case o.Kind == practice.OutcomeDetermination:
			why = "its outcome is a recommendation the court has not adopted (no adopted_on)"
		default:
			why = "the issue was " + o.Kind
		}
		k.l.Errorf(at(src, path+".kind", path), "a noncompliance event needs a binding outcome to have been broken, and %s: record it on the issue whose determination or agreement was not followed", why)
		return
	}
	if n := len(o.Directives); e.Directive < 1 || e.Directive > n {
		dpos := at(src, path+".directive", path+".kind", path)
		switch {
		case !has(src, path+".directive"):
			k.l.Errorf(dpos, "a noncompliance event needs directive: the number of the directive not followed, as outcome.directives lists them (%s)", rangeOf(n))
		case n == 0:
			k.l.Errorf(dpos, "directive %d: the outcome has no directives; list them under outcome.directives", e.Directive)
		case n == 1:
			k.l.Errorf(dpos, "directive %d is not one of the outcome's directives: it has one, directive 1", e.Directive)
		default:
			k.l.Errorf(dpos, "directive %d is not one of the outcome's directives: number them from 1 to %d, in the order outcome.directives lists them", e.Directive, n)
		}
	}
	if !e.On.IsZero() && !o.On.IsZero() && e.On.Before(o.On) {
		k.l.Errorf(at(src, path+".on", path), "noncompliance dated %s is before the outcome of %s: a directive can only be broken once it was given; correct one of the dates", e.On, o.On)
	}
}

// missed checks that the parent who missed a session (event i) had notice
// of it: a parent cannot be faulted for missing what nobody told them of.
// Without notice the absence stays on record, with a warning, and does not
// count as a failed mediation (see dueProcess).
func (k *checker) missed(is *practice.Issue, i int) {
	e := is.Events[i]
	if noticedBefore(is, i, e.By) {
		return
	}
	path := fmt.Sprintf("events[%d]", i)
	k.l.Warnf(at(&is.Src, path+".by", path), "%s (%s) missed a session on %s but no notice to them is on record before it: record the notice event (to both parents, or with by: %s) that told them of it; until then the absence does not count as a failed mediation",
		is.Case.PartyName(e.By), e.By, e.On, e.By)
}

// noticedBefore reports whether an event listed before event i, and not
// dated after it, is a notice to party.
func noticedBefore(is *practice.Issue, i int, party string) bool {
	for _, e := range is.Events[:i] {
		if e.NoticeTo(party) && (e.On.IsZero() || is.Events[i].On.IsZero() || !e.On.After(is.Events[i].On)) {
			return true
		}
	}
	return false
}

// outcome checks the outcome's kind, the fields each kind needs, its dates,
// and, for a determination, due process.
func (k *checker) outcome(c *practice.Case, is *practice.Issue) {
	src := &is.Src
	o := is.Outcome
	kindPos := at(src, "outcome.kind", "outcome")
	kind := o.Kind
	if kind != "" && !k.oneOf(kindPos, "kind", kind, "an outcome kind", practice.OutcomeKinds) {
		kind = ""
	}
	documented := kind == practice.OutcomeAgreement || kind == practice.OutcomeDetermination
	if documented {
		if strings.TrimSpace(o.Summary) == "" && src.Readable("outcome.summary") {
			k.l.Errorf(kindPos, "%s needs a summary: add outcome.summary, one line for the docket", article(kind))
		} else if strings.Contains(strings.TrimSpace(o.Summary), "\n") {
			k.l.Warnf(src.At("outcome.summary"), "outcome.summary runs over several lines: keep it to one line for the docket (the directives and the body carry the detail)")
		}
		if len(o.Directives) == 0 && src.Readable("outcome.directives") {
			what := "the directives"
			if kind == practice.OutcomeAgreement {
				what = "the agreed terms"
			}
			k.l.Errorf(kindPos, "%s needs directives: list %s under outcome.directives", article(kind), what)
		}
		for i, d := range o.Directives {
			if strings.TrimSpace(d) == "" && src.Readable(fmt.Sprintf("outcome.directives[%d]", i)) {
				k.l.Errorf(at(src, fmt.Sprintf("outcome.directives[%d]", i), "outcome.directives"), "directive %d is empty: write it, or remove the item", i+1)
			}
		}
	}
	switch {
	case !src.Readable("outcome.referred_to"):
	case kind == practice.OutcomeReferred && o.ReferredTo == "":
		k.l.Errorf(kindPos, "a referred outcome needs referred_to: %s", orList(practice.ReferralTargets))
	case kind == practice.OutcomeReferred:
		k.oneOf(src.At("outcome.referred_to"), "referred_to", o.ReferredTo, "a referral destination", practice.ReferralTargets)
	case kind != "" && o.ReferredTo != "":
		k.l.Warnf(src.At("outcome.referred_to"), "referred_to only applies to a referred outcome, and this one is %s: remove it, or change outcome.kind to referred", article(kind))
	}

	// Dates.
	if !o.On.IsZero() {
		if !is.RaisedOn.IsZero() && o.On.Before(is.RaisedOn) {
			k.l.Errorf(src.At("outcome.on"), "the outcome is dated %s, before the issue was raised on %s: correct one of the dates", o.On, is.RaisedOn)
		}
		if !o.Effective.IsZero() && o.Effective.Before(o.On) {
			k.l.Errorf(src.At("outcome.effective"), "effective %s is before the outcome of %s: an outcome cannot take effect before it is made; correct one of the dates", o.Effective, o.On)
		}
		if !o.ServedOn.IsZero() && o.ServedOn.Before(o.On) {
			k.l.Errorf(src.At("outcome.served_on"), "served_on %s is before the outcome of %s: a document cannot be served before it is made; correct one of the dates", o.ServedOn, o.On)
		}
	}
	k.filing(c, is, kind)

	if kind == practice.OutcomeDetermination && src.Readable("events") && src.Readable("positions") && src.Readable("outcome") {
		k.dueProcess(c, is)
	}
}

// filing checks outcome.filed_on and outcome.adopted_on. Any document may
// be filed with the court (some orders require it: rules.filing_days); only
// a recommendation is adopted, since a binding determination or an
// agreement takes effect without the court.
func (k *checker) filing(c *practice.Case, is *practice.Issue, kind string) {
	src := &is.Src
	o := is.Outcome
	documented := kind == practice.OutcomeAgreement || kind == practice.OutcomeDetermination
	if !o.FiledOn.IsZero() {
		switch {
		case kind != "" && !documented:
			k.l.Errorf(src.At("outcome.filed_on"), "filed_on only applies to a determination, recommendation or agreement, and this outcome is %s: it has no document to file; remove it", kind)
		case !o.On.IsZero() && o.FiledOn.Before(o.On):
			k.l.Errorf(src.At("outcome.filed_on"), "filed_on %s is before the outcome of %s: a document cannot be filed before it is made; correct one of the dates", o.FiledOn, o.On)
		}
	}
	if !o.AdoptedOn.IsZero() {
		pos := src.At("outcome.adopted_on")
		switch {
		case kind == "", !c.Src.Readable("appointment.authority"), !src.Readable("outcome.filed_on"):
		case !is.Recommendation():
			what := "an agreement"
			switch {
			case kind == practice.OutcomeDetermination:
				what = "a binding determination (the appointment's authority is not recommend)"
			case kind != practice.OutcomeAgreement:
				what = kind
			}
			k.l.Errorf(pos, "adopted_on only applies to a recommendation (a determination under appointment.authority: recommend), and this outcome is %s: remove it", what)
		case o.FiledOn.IsZero():
			k.l.Errorf(pos, "adopted_on %s but the recommendation has no filed_on: record under outcome.filed_on when it was filed with the court", o.AdoptedOn)
		case o.AdoptedOn.Before(o.FiledOn):
			k.l.Errorf(pos, "adopted_on %s is before filed_on %s: the court adopts a recommendation after it is filed; correct one of the dates", o.AdoptedOn, o.FiledOn)
		}
	}
	// A document the order requires to be filed, and not filed in time.
	if documented && o.FiledOn.IsZero() && !k.asOf.IsZero() && src.Readable("outcome.filed_on") && has(src, "number") && datesReadable(c) {
		if due, ok := k.book.Filing(is); ok && due.Date.Before(k.asOf) {
			k.l.Warnf(at(src, "outcome.served_on", "outcome"), "%s was due to be filed with the court by %s (%s; %s): file it and record outcome.filed_on", is.DocumentTitle(), due.Date, due.Basis, due.Rule)
		}
	}
}

// dueProcess checks what a determination requires before it is made: each
// parent heard or given notice, and mediation tried first unless waived.
// Under an appointment that only recommends, the same process applies: the
// document is a recommendation (practice.Issue.DocumentKind), which is not an
// error and needs no finding.
func (k *checker) dueProcess(c *practice.Case, is *practice.Issue) {
	src := &is.Src
	o := is.Outcome
	decided := o.On
	onOrBefore := func(d practice.Date) bool { return decided.IsZero() || d.IsZero() || !d.After(decided) }

	noticed := map[string]bool{}  // party -> given notice on or before the decision
	submitted := map[string]int{} // party -> index of its first submission event
	mediated := false
	for i, e := range is.Events {
		if !onOrBefore(e.On) {
			continue // an event after the decision did not inform it
		}
		switch e.Kind {
		case practice.EventNotice:
			for _, party := range parents {
				noticed[party] = noticed[party] || e.NoticeTo(party)
			}
		case practice.EventSubmission:
			if _, seen := submitted[e.By]; !seen {
				submitted[e.By] = i
			}
		case practice.EventMediation:
			if e.Result == practice.ResultNoAgreement {
				mediated = true
			}
		case practice.EventMissed:
			// A parent who missed a session after notice of it made
			// the mediation attempt fail, as a no-agreement would.
			if (e.By == practice.PartyA || e.By == practice.PartyB) && noticedBefore(is, i, e.By) {
				mediated = true
			}
		}
	}

	for _, party := range parents {
		if strings.TrimSpace(is.Positions.Of(party)) != "" {
			continue
		}
		key := "positions." + party
		name := c.PartyName(party)
		if i, ok := submitted[party]; ok {
			k.l.Errorf(at(src, "positions", fmt.Sprintf("events[%d]", i)), "%s (%s) made a submission on %s but has no position on record: record it under %s", party, name, is.Events[i].On, key)
			continue
		}
		if !noticed[party] {
			k.l.Errorf(at(src, "positions", "outcome.kind", "outcome"), "determination without %s's position: record it under %s, or record the notice event (dated on or before %s) that invited %s to respond", party, key, decided, name)
		}
	}

	waived := strings.TrimSpace(o.MediationWaived)
	switch strings.ToLower(waived) {
	case "":
		if !mediated {
			k.l.Errorf(at(src, "outcome.kind", "outcome"), "determination without a mediation attempt: record a mediation event with result no-agreement before the decision (or a missed event, by a parent given notice, for a session that parent did not attend), or give the reason mediation was waived under outcome.mediation_waived")
		}
	case "true", "yes", "false", "no":
		k.l.Errorf(src.At("outcome.mediation_waived"), "mediation_waived must give the reason mediation was waived (e.g. \"urgent: the trip departs in three days\"), not %q", waived)
	}
}

// scope checks that a decision stays within a coordinator's scope: matters
// outside it (by the vocabulary, or by the appointment's scope_out) can only
// be referred or withdrawn.
func (k *checker) scope(c *practice.Case, is *practice.Issue, cat practice.Category) {
	referral, why := cat.Referral, "is outside a parenting coordinator's scope"
	if cat.InScope {
		excluded := false
		for _, s := range c.Appointment.ScopeOut {
			excluded = excluded || s == cat.Name
		}
		if !excluded {
			return
		}
		referral, why = "the court", "is excluded by this case's appointment order (appointment.scope_out)"
	}
	src := &is.Src
	switch {
	case is.Outcome == nil:
		k.l.Warnf(src.At("category"), "category %s %s: this issue can only end referred (to %s) or withdrawn", cat.Name, why, referral)
	case is.Outcome.Kind == practice.OutcomeAgreement || is.Outcome.Kind == practice.OutcomeDetermination:
		k.l.Errorf(at(src, "outcome.kind", "outcome"), "category %s %s: refer it to %s and end the issue referred (or withdrawn)", cat.Name, why, referral)
	}
}

// overdue warns about a pending issue whose decision deadline has passed.
func (k *checker) overdue(c *practice.Case, is *practice.Issue) {
	if k.asOf.IsZero() || !is.Pending() || !is.Src.Readable("events") || !is.Src.Readable("outcome") || !has(&is.Src, "number") || !datesReadable(c) {
		return // a date counted from values the parser could not read would mislead
	}
	dl, ok := k.book.DecisionDue(is)
	if !ok || !dl.Date.Before(k.asOf) {
		return
	}
	due := dl.Date
	last := 0
	for i, e := range is.Events {
		if e.Kind == practice.EventRecordClosed {
			last = i
		}
	}
	doc := "a determination"
	if c.Appointment.Recommends() {
		doc = "a recommendation"
	}
	k.l.Warnf(at(&is.Src, fmt.Sprintf("events[%d]", last), "events"), "issue %d is overdue: the record closed on %s and %s was due on %s", is.Number, is.RecordClosed(), doc, due)
}

// datesReadable reports whether everything of a case that its deadlines
// are counted by was read: its rules, jurisdiction and appointment.
func datesReadable(c *practice.Case) bool {
	return c.Src.Readable("rules") && c.Src.Readable("jurisdiction") && c.Src.Readable("appointment")
}

// article returns the outcome kind with its indefinite article.
func article(kind string) string {
	if kind == practice.OutcomeAgreement {
		return "an agreement"
	}
	return "a " + kind
}

// rangeOf says which directive numbers an outcome of n directives has.
func rangeOf(n int) string {
	switch n {
	case 0:
		return "it lists none"
	case 1:
		return "1"
	}
	return fmt.Sprintf("1 to %d", n)
}
