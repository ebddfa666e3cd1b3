// Package check is the semantic checker behind `pcdocket check`. Package
// parse reports what is wrong with the shape of the files (syntax, unknown
// keys, types, missing keys, dates, ids); check reports what is wrong with
// their meaning: values outside the vocabulary, references to clauses and
// issues that do not exist, matters outside a coordinator's scope, a
// determination made without due process, dates out of order, and the
// deadlines a coordinator would want to be told about.
//
// Every finding points at the line of the key it is about, and the checker
// reports every problem it finds rather than stopping at the first.
package check

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"pcdocket/generator/deadline"
	"pcdocket/generator/diag"
	"pcdocket/generator/jurisdiction"
	"pcdocket/generator/practice"
	"pcdocket/generator/public"
)

// Practice checks the whole practice and returns every finding, sorted
// (diag.List.Sort). asOf is the reference date for time-dependent warnings
// (overdue decisions, ended appointments, implausible birth years); with the
// zero date those checks are skipped, so that no result depends on the clock.
//
// A nil practice, or a partly decoded one (as parse returns alongside its own
// errors), is checked as far as it goes: keys the parser already reported
// missing are not reported again.
//
// Dates (overdue decisions, late filings) come from book, on each case's
// court-day calendar; a nil book counts them under the built-in
// jurisdiction profiles.
func Practice(p *practice.Practice, asOf practice.Date, book *deadline.Book) diag.List {
	if p == nil {
		return nil
	}
	if book == nil {
		set, _ := jurisdiction.Load("")
		book = deadline.New(p, set)
	}
	l := Top(p, asOf)
	// Cases are checked one after the other: checking is cheap next to
	// parsing, and a single list keeps the result simple and deterministic.
	for _, c := range p.Cases {
		l = append(l, Case(p, c, asOf, book)...)
	}
	l.Sort()
	return l
}

// languageTag is the shape of a BCP 47 language tag: a language, then
// subtags such as a region ("en-US", "es-419", "zh-Hant-TW").
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Top returns the findings about practice.yaml and the public pages, which
// belong to no case. Practice is Top plus Case for every case, sorted:
// watch mode keeps each case's findings and checks again only the cases an
// edit touched.
func Top(p *practice.Practice, asOf practice.Date) diag.List {
	if p == nil {
		return nil
	}
	// The public site's rules are its renderer's (public.Check), so that
	// check reports whatever would make the build refuse a page.
	k := &checker{p: p, asOf: asOf, l: public.Check(p)}
	k.rules(&p.Src, p.Rules)
	if p.Timezone != "" {
		if _, err := time.LoadLocation(p.Timezone); err != nil || p.Timezone == "Local" {
			k.l.Errorf(p.Src.At("timezone"), "timezone %q is not an IANA time zone name: write one like \"America/Denver\" or \"Europe/London\", or leave it out for UTC", p.Timezone)
		}
	}
	k.coordinators()
	if p.Language != "" && !languageTag.MatchString(p.Language) {
		k.l.Errorf(p.Src.At("language"), "language %q is not a language tag: write one like \"en-US\" or \"es-MX\", or leave it out for en-US", p.Language)
	}
	if p.Jurisdiction != "" {
		k.jurisdiction(&p.Src, p.Jurisdiction)
	}
	first := map[practice.Date]int{}
	for i, h := range p.Holidays {
		pos := p.Src.At(fmt.Sprintf("holidays[%d]", i))
		if j, dup := first[h]; dup {
			k.l.Warnf(pos, "holiday %s is listed twice (first as holidays[%d]): remove one", h, j)
			continue
		}
		first[h] = i
	}
	return k.l
}

// builtinJurisdictions are the codes of the built-in jurisdiction profiles
// that practice.yaml and case files may name in jurisdiction: the embedded
// profiles themselves are the list.
var builtinJurisdictions = jurisdiction.BuiltinCodes()

// jurisdiction checks the jurisdiction key of a file: a built-in profile,
// or the code of an override file jurisdictions/<CODE>.yaml.
func (k *checker) jurisdiction(src *practice.Source, code string) {
	// A local file may override a built-in profile of the same code: list
	// each code once.
	known := append([]string(nil), builtinJurisdictions...)
	for _, c := range k.p.LocalJurisdictions {
		if !slices.Contains(known, c) {
			known = append(known, c)
		}
	}
	for _, c := range known {
		if c == code {
			return
		}
	}
	hint := ""
	for _, c := range known {
		if strings.EqualFold(c, code) {
			hint = fmt.Sprintf(" (did you mean %q?)", c) // codes are written as the profiles spell them
			break
		}
	}
	if hint == "" {
		hint = diag.DidYouMean(code, known)
	}
	if hint == "" {
		hint = ": use " + orList(known) + ", or add an override file jurisdictions/" + code + ".yaml"
	}
	k.l.Errorf(src.At("jurisdiction"), "jurisdiction %q is not a known jurisdiction profile%s", code, hint)
}

// Case returns the findings about one case of p: its case.md and its
// issues. They depend on the case, its issues, practice.yaml's rules and
// the jurisdiction profiles only. book is as for Practice.
func Case(p *practice.Practice, c *practice.Case, asOf practice.Date, book *deadline.Book) diag.List {
	if p == nil || c == nil {
		return nil
	}
	if book == nil {
		set, _ := jurisdiction.Load("")
		book = deadline.New(p, set)
	}
	k := &checker{p: p, asOf: asOf, book: book}
	k.checkCase(c)
	return k.l
}

// checker accumulates the findings of one run.
type checker struct {
	p    *practice.Practice
	asOf practice.Date
	book *deadline.Book // nil for Top, which computes no dates
	l    diag.List
}

// has reports whether the file wrote the key at path and the parser could
// read its value. The parser reports required keys that are absent and
// values it cannot read, so the checker only judges values it has: a rule
// that depends on a value the parser could not read stays silent
// (practice.Source.Readable), rather than judge the value's zero stand-in.
func has(src *practice.Source, path string) bool {
	_, ok := src.Line(path)
	return ok && src.Readable(path)
}

// at returns the position of the first of paths that the file wrote, and
// failing all, the nearest present parent of the last: a finding about a
// missing value belongs at the key where the coordinator would add it.
func at(src *practice.Source, paths ...string) practice.Pos {
	for _, p := range paths {
		if _, ok := src.Line(p); ok {
			return src.At(p)
		}
	}
	return src.At(paths[len(paths)-1])
}

// oneOf reports an error unless value is one of options: key is the key as
// the coordinator wrote it, noun what the value should be ("a case status").
// It offers the closest option when one is a likely typo, else lists them.
func (k *checker) oneOf(pos practice.Pos, key, value, noun string, options []string) bool {
	for _, o := range options {
		if value == o {
			return true
		}
	}
	hint := diag.DidYouMean(value, options)
	if hint == "" {
		hint = ": use " + orList(options)
	}
	k.l.Errorf(pos, "%s %q is not %s%s", key, value, noun, hint)
	return false
}

// orList joins words as prose: "a, b or c".
func orList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// andList joins words as prose: "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// The vocabularies values are checked against. They are read, never
// modified: package-level only so that each run does not rebuild them.
var (
	caseStatuses  = []string{practice.StatusActive, practice.StatusClosed}
	authorities   = []string{practice.AuthorityBinding, practice.AuthorityRecommend}
	raisers       = []string{practice.PartyA, practice.PartyB, practice.PartyBoth, practice.PartyCoordinator}
	parents       = []string{practice.PartyA, practice.PartyB}
	mediationEnds = []string{practice.ResultAgreement, practice.ResultNoAgreement}
	categoryNames = func() []string {
		names := make([]string, len(practice.Categories))
		for i, c := range practice.Categories {
			names[i] = c.Name
		}
		return names
	}()
)

// rules checks deadline settings, in practice.yaml or a case's rules override.
func (k *checker) rules(src *practice.Source, r practice.Rules) {
	for _, f := range []struct {
		key string
		v   *int
	}{
		{"rules.decision_days", r.DecisionDays},
		{"rules.objection_days", r.ObjectionDays},
		{"rules.filing_days", r.FilingDays},
	} {
		if f.v != nil && *f.v < 0 {
			k.l.Errorf(src.At(f.key), "%s is %d: a number of days must be 0 or more", f.key, *f.v)
		}
	}
}

// checkCase checks case.md and then each of the case's issues.
func (k *checker) checkCase(c *practice.Case) {
	src := &c.Src
	if c.Status != "" {
		k.oneOf(src.At("status"), "status", c.Status, "a case status", caseStatuses)
	}

	// The appointment.
	ap := c.Appointment
	if ap.Authority != "" {
		k.oneOf(src.At("appointment.authority"), "authority", ap.Authority, "an appointment authority", authorities)
	}
	if !ap.TermEnds.IsZero() && !ap.OrderDate.IsZero() && ap.TermEnds.Before(ap.OrderDate) {
		k.l.Errorf(src.At("appointment.term_ends"), "the appointment term ends on %s, before the order of %s: correct one of the dates", ap.TermEnds, ap.OrderDate)
	}
	for i, name := range ap.ScopeOut {
		if !src.Readable(fmt.Sprintf("appointment.scope_out[%d]", i)) {
			continue
		}
		k.oneOf(src.At(fmt.Sprintf("appointment.scope_out[%d]", i)), "scope_out entry", name, "a category", categoryNames)
	}
	if c.Jurisdiction != "" {
		k.jurisdiction(src, c.Jurisdiction)
	}
	k.caseCoordinator(c)
	k.parties(c)

	// Children: by initials and birth year only.
	if len(c.Children) == 0 && has(src, "children") {
		k.l.Errorf(src.At("children"), "children is empty: list at least one child, by initials and birth year")
	}
	for i, ch := range c.Children {
		path := fmt.Sprintf("children[%d]", i)
		if ch.Initials != "" && !initialsOnly(ch.Initials) {
			k.l.Errorf(at(src, path+".initials", path), "initials %q look like a name: children appear by initials only (e.g. \"M.H.\"), so that no full name can reach a document", ch.Initials)
		}
		if has(src, path+".born") {
			k.born(at(src, path+".born", path), ch)
		}
	}

	// The plan.
	if len(c.Plan.Clauses) == 0 && has(src, "plan.clauses") {
		k.l.Errorf(src.At("plan.clauses"), "plan.clauses is empty: list at least one clause of the plan, with its ref, title and text")
	}
	if has(src, "plan.clause_label") && strings.TrimSpace(c.Plan.ClauseLabel) == "" {
		k.l.Errorf(src.At("plan.clause_label"), "plan.clause_label is empty: write the plan's word for a clause (e.g. Section), or remove the key for %q", practice.DefaultClauseLabel)
	}
	firstRef := map[string]int{}
	for i, cl := range c.Plan.Clauses {
		if cl.Ref == "" {
			continue // missing: the parser's to report
		}
		if j, dup := firstRef[cl.Ref]; dup {
			first := src.At(fmt.Sprintf("plan.clauses[%d].ref", j))
			k.l.Errorf(at(src, fmt.Sprintf("plan.clauses[%d].ref", i), fmt.Sprintf("plan.clauses[%d]", i)),
				"duplicate clause ref %q: the clause on line %d already has it; give each clause its own ref", cl.Ref, first.Line)
			continue
		}
		firstRef[cl.Ref] = i
	}

	// Safety screening: a coordinator screens for family violence before
	// anything else, and the screening decides what process is safe.
	if (c.Safety == nil || c.Safety.ScreenedOn.IsZero()) && src.Readable("safety") {
		k.l.Warnf(at(src, "safety", "title"), "no safety screening on record: screen both parents for family violence and record it under safety (screened_on, result, safeguards)")
	}

	k.rules(src, c.Rules)
	k.issues(c)
	k.exhibits(c) // exhibits.go
	k.pendingAtEnd(c)
	k.fees(c)      // fees.go
	k.lifecycle(c) // week.go
	k.commLog(c)
}

// parties checks how each parent is served: a serve_by from the
// vocabulary, and a contact for it. A represented parent is served on
// counsel, so counsel's email or address is what counts.
func (k *checker) parties(c *practice.Case) {
	src := &c.Src
	for _, key := range parents {
		p := c.Party(key)
		base := "parties." + key
		if p.Name == "" && !has(src, base) || !src.Readable(base) {
			continue // missing or unreadable: the parser's to report
		}
		if p.ServeBy != "" && !k.oneOf(src.At(base+".serve_by"), "serve_by", p.ServeBy, "a service method", practice.ServiceMethods) {
			continue
		}
		who, contact := fmt.Sprintf("%s (%s)", p.Name, key), base
		if p.Represented() {
			who, contact = fmt.Sprintf("counsel for %s (%s)", p.Name, key), base+".counsel"
		}
		switch p.ServiceMethod() {
		case "":
			if p.Represented() {
				k.l.Warnf(at(src, contact, base), "%s has neither email nor address, and documents for a represented parent are served on counsel: add %s.email or %s.address", who, contact, contact)
			} else {
				k.l.Warnf(at(src, base+".name", base), "%s has no email or address, so documents cannot be served: add %s.email, or %s.address with serve_by: mail", who, base, base)
			}
		case practice.ServeEmail:
			if p.ServiceEmail() == "" {
				k.l.Warnf(src.At(base+".serve_by"), "serve_by is email but %s has no email: add %s.email, or choose another serve_by", who, contact)
			}
		case practice.ServeMail:
			if len(p.ServiceAddress()) == 0 {
				k.l.Warnf(src.At(base+".serve_by"), "serve_by is mail but %s has no postal address: add %s.address (one line per item), or choose another serve_by", who, contact)
			}
		}
	}
}

// born checks that a child's birth year is plausible for a parenting plan.
func (k *checker) born(pos practice.Pos, ch practice.Child) {
	switch {
	case ch.Born < 1000 || ch.Born > 9999:
		k.l.Errorf(pos, "born %d is not a year: write the child's four-digit birth year", ch.Born)
	case !k.asOf.IsZero() && ch.Born > k.asOf.Time().Year():
		k.l.Errorf(pos, "born %d is in the future: write the child's birth year", ch.Born)
	case !k.asOf.IsZero() && ch.Born < k.asOf.Time().Year()-25:
		k.l.Errorf(pos, "born %d is not a plausible birth year for a child under a parenting plan: check the year", ch.Born)
	}
}

// initialsOnly reports whether s holds initials only: at most four capital
// letters, with dots, hyphens or spaces between them ("M.H.", "J-P. D.").
func initialsOnly(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '-' || r == ' ':
		default:
			return false
		}
	}
	return letters >= 1 && letters <= 4
}

// lastTermKey returns the key that sets the last day of the term: the
// latest extension's term_ends, else appointment.term_ends.
func lastTermKey(c *practice.Case) string {
	key, end := "appointment.term_ends", c.Appointment.TermEnds
	for i, x := range c.Appointment.Extensions {
		if end.IsZero() || x.TermEnds.After(end) {
			key, end = fmt.Sprintf("appointment.extensions[%d].term_ends", i), x.TermEnds
		}
	}
	return key
}

// pendingAtEnd warns about issues left pending where nothing more can happen:
// after the appointment has ended, or in a case marked closed.
func (k *checker) pendingAtEnd(c *practice.Case) {
	var pending []string
	for _, is := range c.Issues {
		if is != nil && (!has(&is.Src, "number") || !is.Src.Readable("outcome")) {
			return // an issue the parser could not read may be pending or not
		}
		if is != nil && is.Pending() {
			pending = append(pending, fmt.Sprint(is.Number))
		}
	}
	if len(pending) == 0 {
		return
	}
	list, their := "issue "+pending[0]+" is", "its outcome"
	if len(pending) > 1 {
		list, their = "issues "+andList(pending)+" are", "their outcomes"
	}
	src := &c.Src
	te := c.Appointment.TermEnd()
	switch t := c.Appointment.Terminated; {
	case t != nil && !src.Readable("appointment.terminated.on"):
		// unreadable: the parser's to report
	case t != nil && !k.asOf.IsZero() && t.On.Before(k.asOf):
		k.l.Warnf(at(src, "appointment.terminated.on", "appointment.terminated"), "the appointment was terminated on %s but %s still pending: record %s (withdrawn or referred, as the coordinator can no longer decide)", t.On, list, their)
	case !k.asOf.IsZero() && !te.IsZero() && te.Before(k.asOf):
		k.l.Warnf(at(src, lastTermKey(c), "appointment.term_ends"), "the appointment term ended on %s but %s still pending: record %s (withdrawn or referred, if the coordinator can no longer decide), or record the renewed term in appointment.extensions", te, list, their)
	}
	if c.Status == practice.StatusClosed {
		k.l.Warnf(src.At("status"), "the case is closed but %s still pending: record %s, or set status to active", list, their)
	}
}
