package check

import (
	"fmt"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// This file checks the appointment's lifecycle (conflict disclosure,
// extensions, termination) and the communications and session log: the
// findings of issue 18.

// lifecycle checks appointment.conflict_disclosure, .extensions and
// .terminated, and that no document was issued after the appointment
// ended.
func (k *checker) lifecycle(c *practice.Case) {
	src := &c.Src
	ap := c.Appointment
	order := ap.OrderDate
	if !src.Readable("appointment.order_date") {
		order = practice.Date{}
	}

	// The conflict disclosure.
	cd := ap.ConflictDisclosure
	const cdKey = "appointment.conflict_disclosure"
	if !order.IsZero() && has(src, cdKey+".due") && cd.Due.Before(order) {
		k.l.Errorf(src.At(cdKey+".due"), "the conflict disclosure is due on %s, before the order of appointment (%s): correct the date; the order or statute counts it from the appointment", cd.Due, order)
	}
	if !order.IsZero() && has(src, cdKey+".filed") && cd.Filed.Before(order) {
		k.l.Errorf(src.At(cdKey+".filed"), "the conflict disclosure was filed on %s, before the order of appointment (%s): correct the date", cd.Filed, order)
	}
	if has(src, cdKey+".filed") && !k.asOf.IsZero() && cd.Filed.After(k.asOf) {
		k.l.Errorf(src.At(cdKey+".filed"), "the conflict disclosure is recorded as filed on %s, after today (%s): record the day it was filed, or leave filed out while it is owed", cd.Filed, k.asOf)
	}
	if has(src, cdKey+".due") && src.Readable(cdKey+".filed") && cd.Owed() && !k.asOf.IsZero() && cd.Due.Before(k.asOf) {
		k.l.Warnf(src.At(cdKey+".due"), "the conflict disclosure was due on %s and is not filed (as of %s): file it with the court and record the day in %s.filed", cd.Due, k.asOf, cdKey)
	}

	// Extensions, oldest first: each ends the term later than the last.
	end, endKey := ap.TermEnds, "appointment.term_ends"
	if !src.Readable(endKey) {
		end = practice.Date{}
	}
	for i, x := range ap.Extensions {
		base := fmt.Sprintf("appointment.extensions[%d]", i)
		if !src.Readable(base) {
			end = practice.Date{}
			continue
		}
		if !order.IsZero() && x.On.Before(order) {
			k.l.Errorf(at(src, base+".on", base), "the extension of %s is dated before the order of appointment (%s): correct the date", x.On, order)
		}
		if t := ap.Terminated; t != nil && src.Readable("appointment.terminated.on") && x.On.After(t.On) {
			k.l.Errorf(at(src, base+".on", base), "the extension of %s is dated after the appointment was terminated (%s): a terminated appointment is not extended; record a new appointment in a new case, or correct the date", x.On, t.On)
		}
		if !end.IsZero() && !x.TermEnds.After(end) {
			k.l.Errorf(at(src, base+".term_ends", base), "the extension's term_ends (%s) is not after the term it extends (%s, %s): write the new last day of the term; list extensions oldest first", x.TermEnds, end, strings.TrimPrefix(endKey, "appointment."))
		}
		if end.IsZero() || x.TermEnds.After(end) {
			end, endKey = x.TermEnds, base+".term_ends"
		}
	}

	// Termination.
	if t := ap.Terminated; t != nil && src.Readable("appointment.terminated") {
		const tKey = "appointment.terminated"
		if !order.IsZero() && t.On.Before(order) {
			k.l.Errorf(at(src, tKey+".on", tKey), "the appointment is terminated on %s, before the order of appointment (%s): correct the date", t.On, order)
		}
		if te := ap.TermEnd(); !te.IsZero() && src.Readable(endKey) && t.On.After(te) {
			k.l.Errorf(at(src, tKey+".on", tKey), "the appointment is terminated on %s, after its term ended (%s): an ended term needs no termination; remove terminated, or record the extension that ran to then", t.On, te)
		}
		if has(src, tKey+".reason") && strings.TrimSpace(t.Reason) == "" {
			k.l.Errorf(src.At(tKey+".reason"), "terminated.reason is empty: write why the appointment ended (the order's words, e.g. \"Order of the court on the Mother's motion\")")
		}
		if !k.asOf.IsZero() && t.On.After(k.asOf) {
			k.l.Warnf(at(src, tKey+".on", tKey), "the appointment is recorded as terminated on %s, after today (%s): record a termination once the order is made", t.On, k.asOf)
		}
		if c.Status != practice.StatusClosed && (k.asOf.IsZero() || !t.On.After(k.asOf)) && src.Readable("status") {
			k.l.Warnf(at(src, "status", tKey), "the appointment was terminated on %s but the case is not closed: set status: closed", t.On)
		}
	}

	// Documents issued after the appointment ended.
	ends := ap.EndsOn()
	if ends.IsZero() || !src.Readable("appointment") || !order.IsZero() && ap.TermEnds.Before(order) {
		return // a term that ends before it starts is reported at term_ends
	}
	why := "its term ended"
	if ap.Terminated != nil {
		why = "it was terminated"
	}
	for _, is := range c.Issues {
		if is == nil || !is.Documented() || !has(&is.Src, "outcome.on") || !is.Outcome.On.After(ends) {
			continue
		}
		k.l.Errorf(is.Src.At("outcome.on"), "%s dated %s, after the appointment ended (%s %s): a coordinator has no authority once the appointment ends; correct the date, record the extension in appointment.extensions, or record the outcome as referred", is.Outcome.Kind, is.Outcome.On, why, ends)
	}
}

// commLog checks the case's log: the people and issues each entry names,
// and entries whose date does not fit their scheduled marker.
func (k *checker) commLog(c *practice.Case) {
	l := c.Log
	if l == nil {
		return
	}
	issuesKnown := true
	for _, is := range c.Issues {
		if is != nil && (!has(&is.Src, "number") || is.Number <= 0) {
			issuesKnown = false
		}
	}
	people := participants(c)
	names := make([]string, 0, len(people))
	for w := range people {
		names = append(names, w)
	}
	for i := range l.Entries {
		e := &l.Entries[i]
		pos := l.Pos(e)
		switch {
		case e.IssueCase != "" && e.IssueCase != c.ID:
			k.l.Errorf(pos, "%s#%d is an issue of another case: a log records one family's contacts; move the line to content/cases/%s/%s, or write an issue of this case", e.IssueCase, e.Issue, e.IssueCase, practice.LogFile)
		case e.Issue != 0 && issuesKnown && c.Issue(e.Issue) == nil:
			k.l.Errorf(pos, "issue #%d is not an issue of this case%s: write the number of one of its issues, or leave #%d out", e.Issue, knownIssues(c), e.Issue)
		}
		if c.Src.Readable("parties") && c.Src.Readable("children") {
			for _, w := range e.With {
				if e.Outsider(w) {
					continue
				}
				switch why, ok := people[normWho(w)]; {
				case !ok:
					k.l.Errorf(pos, "@%s is not someone of this case%s: write @parent_a, @parent_b, a parent's label, @both, @counsel, @children or a child's initials; for anyone else write @\"%s\" in quotes", w, diag.DidYouMean(normWho(w), names), w)
				case why != "":
					k.l.Errorf(pos, "@%s: %s", w, why)
				}
			}
		}
		if !k.asOf.IsZero() {
			switch {
			case e.Scheduled && e.Date.Before(k.asOf):
				k.l.Warnf(pos, "the %s scheduled for %s is still marked scheduled (as of %s): once it is held, remove scheduled and add what happened; if it did not take place, remove the line or say so", e.Mode, e.Date, k.asOf)
			case !e.Scheduled && e.Date.After(k.asOf):
				k.l.Warnf(pos, "entry dated %s, after today (%s), is not marked scheduled: mark a planned session or hearing scheduled, or correct the date", e.Date, k.asOf)
			}
		}
		k.billed(c, e, pos)
	}
}

// billed checks a log entry marked bill against the fee ledger: the
// ledger must exist, and must not hold the same time again.
func (k *checker) billed(c *practice.Case, e *practice.LogEntry, pos practice.Pos) {
	if !e.Bill {
		return
	}
	fl := c.FeeLedger
	if fl == nil {
		k.l.Errorf(pos, "the entry is marked bill but the case has no fee ledger: create %s (it may hold only a comment line) with fee terms in case.md, or remove bill", practice.FeeFile)
		return
	}
	if !c.Fees.Given() {
		return // the ledger's own finding says so
	}
	ap := c.Appointment
	if te := ap.EndsOn(); !te.IsZero() && e.Date.After(te) && c.Src.Readable("appointment") {
		k.l.Errorf(pos, "billed time dated %s, after the appointment ended (%s): correct the date, or remove bill", e.Date, te)
	}
	for i := range fl.Entries {
		f := &fl.Entries[i]
		if f.Kind == practice.EntryTime && f.Date == e.Date && f.Minutes == e.Minutes && f.Issue == e.Issue {
			k.l.Errorf(pos, "this time is billed twice: %s has the same day, time (%dm) and issue; remove that line, or remove bill here", fl.Pos(f), e.Minutes)
		}
	}
}

// participants returns the words a log entry may name someone of the case
// by, normalized (normWho), each with the reason it cannot be used, ""
// when it can.
func participants(c *practice.Case) map[string]string {
	m := map[string]string{
		practice.PartyA:    "",
		practice.PartyB:    "",
		practice.PartyBoth: "",
		"parents":          "",
		"children":         "",
		"counsel":          "",
		"counsel_a":        "",
		"counsel_b":        "",
	}
	for _, key := range parents {
		p := c.Party(key)
		if p.Label != "" {
			m[normWho(p.Label)] = ""
		}
		ck := "counsel_" + key[len(key)-1:]
		if !p.Represented() {
			m[ck] = fmt.Sprintf("%s has no counsel on record: add counsel under parties.%s, or name who took part in quotes", p.Name, key)
			if p.Label != "" {
				m[normWho(p.Label)+"_counsel"] = m[ck]
			}
		} else if p.Label != "" {
			m[normWho(p.Label)+"_counsel"] = ""
		}
	}
	if !c.Parties.ParentA.Represented() && !c.Parties.ParentB.Represented() {
		m["counsel"] = "neither parent has counsel on record: add counsel under parties, or name who took part in quotes"
	}
	for _, ch := range c.Children {
		if ch.Initials != "" {
			m[normWho(ch.Initials)] = ""
		}
	}
	return m
}

// normWho is how a participant's word is compared: in lower case, without
// the dots and spaces of initials ("J.W." and "jw" are one child), with
// hyphens as underscores ("mother-counsel").
func normWho(w string) string {
	w = strings.ToLower(w)
	w = strings.NewReplacer(".", "", " ", "", "-", "_", "'s", "").Replace(w)
	return w
}
