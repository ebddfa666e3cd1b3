package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

type issueData struct {
	number         int
	slug, title    string
	category       string
	subject        string
	question       string
	raisedBy       string
	raised         date
	urgent, silent bool
	clauses        []string
	posA, posB     string
	events         []event
	outcome        *outcome
	amends         int
}

type event struct {
	on                     date
	kind, by, result, note string
	directive              int // a noncompliance event's directive
}

type outcome struct {
	kind               string
	on, effective      date
	served             date
	summary            string
	directives         []string
	referredTo, waived string
}

// issues generates the case's n issues, numbered from 1, raised in order
// over about two years from the appointment.
func (c *caseData) issues(r *rand.Rand, n int) []*issueData {
	step := max(1, 600/max(n, 1))
	t := c.order + date(10+r.IntN(30))
	var documented []int
	out := make([]*issueData, 0, n)
	for num := 1; num <= n; num++ {
		t += date(1 + r.IntN(2*step))
		is := &issueData{number: num, raised: t}
		is.raisedBy = pick(r, []string{"parent_a", "parent_a", "parent_b", "parent_b", "both", "coordinator"})
		is.urgent = r.IntN(20) == 0

		// The kind of ending decides what the issue may be about.
		recent := num > n-max(1, n/6)
		kind := pick(r, []string{"agreement", "agreement", "agreement", "determination", "determination", "determination", "withdrawn", "referred"})
		if recent && !c.closed && r.IntN(3) > 0 {
			kind = "pending"
		}
		// Out-of-scope matters can only end referred or withdrawn.
		if kind == "referred" && r.IntN(5) < 3 || kind == "withdrawn" && r.IntN(4) == 0 {
			o := pick(r, outOfScope)
			is.category, is.title = o.category, pick(r, o.titles)
			is.subject = "a matter outside the appointment"
			if kind == "referred" {
				is.outcome = &outcome{referredTo: pick(r, o.referTo)}
			}
		} else {
			for {
				tp := topics[r.IntN(14)]
				if c.inScope(tp.category) {
					is.category, is.title, is.subject = tp.category, pick(r, tp.disputes), tp.subject
					break
				}
			}
		}
		is.slug = slugOf(is.title)

		// Clauses: the provisions of the category, else the nearest ones.
		if idx := c.byCategory[is.category]; len(idx) > 0 {
			is.clauses = append(is.clauses, c.clauses[pick(r, idx)].ref)
		} else {
			is.silent = true
			is.clauses = append(is.clauses, pick(r, c.clauses).ref)
		}
		if r.IntN(3) == 0 {
			if ref := pick(r, c.clauses).ref; ref != is.clauses[0] {
				is.clauses = append(is.clauses, ref)
			}
		}
		is.question = fmt.Sprintf("Under clause %s, %s?", is.clauses[0], pick(r, []string{
			"which parent's reading of the provision on " + is.subject + " governs when the ordinary arrangement cannot be followed",
			"what arrangement applies to " + is.subject + " on the dates in dispute, and who bears the cost of any change",
			"must a parent give written notice before departing from the arrangement for " + is.subject + ", and how much",
			"how is " + is.subject + " to be handled for the rest of the school year",
		}))

		is.timeline(r, c, kind)
		if is.outcome != nil && (kind == "agreement" || kind == "determination") {
			if len(documented) > 0 && r.IntN(30) == 0 {
				is.amends = pick(r, documented)
			}
			documented = append(documented, num)
		}
		out = append(out, is)
	}
	return out
}

// timeline writes the events and outcome for an ending of the given kind,
// following the due-process rules package check enforces.
func (is *issueData) timeline(r *rand.Rand, c *caseData, kind string) {
	t := is.raised
	next := func(lo, hi int) date { t += date(lo + r.IntN(hi-lo+1)); return t }
	add := func(e event) { is.events = append(is.events, e) }
	position := func(name string) string {
		return fmt.Sprintf("%s asks that %s follow %s, %s", name, is.subject,
			pick(r, []string{"the arrangement the parents used before the dispute", "the plain words of the clause", "a fixed written protocol", "the school calendar"}),
			pick(r, []string{"so that the children's week stays predictable.", "because the alternative shortens that parent's time.", "with any change agreed in writing.", "and that costs be shared equally."}))
	}

	waived := kind == "determination" && is.urgent
	if !waived {
		add(event{on: next(1, 3), kind: "notice", note: "Notice of the issue and invitation to submit positions."})
	}
	// Positions: usually both; in a determination a parent sometimes does
	// not respond to notice, which the record must show.
	for _, party := range []string{"parent_a", "parent_b"} {
		if kind == "pending" && r.IntN(3) == 0 || kind == "determination" && !waived && r.IntN(10) == 0 {
			continue
		}
		name := c.nameA
		if party == "parent_b" {
			name = c.nameB
		}
		if party == "parent_a" {
			is.posA = position(name)
		} else {
			is.posB = position(name)
		}
		add(event{on: next(1, 5), kind: "submission", by: party})
	}
	if r.IntN(4) == 0 {
		add(event{on: next(0, 3), kind: "note", note: pick(r, notes)})
	}
	switch kind {
	case "pending":
		return
	case "agreement":
		add(event{on: next(2, 10), kind: "mediation", result: "agreement", note: pick(r, notes)})
	case "determination":
		if !waived {
			// A parent who did not respond to notice also stayed away
			// from the session it set: the record shows a missed event,
			// which stands for the failed mediation. The note is drawn
			// either way, so the rest of the practice stays as it was.
			e := event{on: next(2, 10), kind: "mediation", result: "no-agreement", note: pick(r, notes)}
			switch {
			case is.posA == "":
				e = event{on: e.on, kind: "missed", by: "parent_a", note: "Did not attend the session set in the notice."}
			case is.posB == "":
				e = event{on: e.on, kind: "missed", by: "parent_b", note: "Did not attend the session set in the notice."}
			}
			add(e)
		}
		add(event{on: next(1, 3), kind: "record-closed"})
	}
	o := is.outcome
	if o == nil {
		o = &outcome{}
		is.outcome = o
	}
	o.kind = kind
	o.on = next(1, 9)
	switch kind {
	case "agreement", "determination":
		o.effective = o.on + date(r.IntN(15))
		o.served = o.on + date(r.IntN(3))
		o.summary = fmt.Sprintf("%s %s: %s.", pick(r, []string{"On", "As to", "For"}), is.subject,
			pick(r, []string{"the plan's rule for ordinary days applies", "a written protocol now governs", "the receiving parent arranges and pays", "changes need 14 days' written notice"}))
		for k := range 2 + r.IntN(3) {
			o.directives = append(o.directives, fmt.Sprintf("%s %s %s.",
				pick(r, []string{"The parents shall", "Each parent shall", "The receiving parent shall", "Neither parent shall"}),
				pick(r, []string{"give written notice through the co-parenting application of any change to", "keep to the school calendar in matters of", "share equally any cost arising from", "not discuss with the children the disagreement about"}),
				pick(r, []string{is.subject, fmt.Sprintf("the arrangement in clause %s", is.clauses[0]), "the dates listed in the record"})))
			if k == 0 && kind == "determination" {
				o.directives[0] += " This applies from the effective date until the parents agree otherwise in writing."
			}
		}
		if waived {
			o.waived = "urgent: the arrangement in dispute falls within the next seven days, too soon for a mediation session."
		}
	case "referred":
		if o.referredTo == "" {
			o.referredTo = pick(r, []string{"counsel", "mediation", "court"})
		}
	}
	// Now and then a parent does not follow an agreed term (an agreement
	// binds under any appointment). Chosen by the issue's number, without
	// a draw, so that the rest of the practice stays as it was.
	if kind == "agreement" && is.number%7 == 3 {
		add(event{on: o.served + 12, kind: "noncompliance", by: "parent_b", directive: 1,
			note: "The term was not followed on the first occasion it applied."})
	}
}

// write writes the issue file.
func (is *issueData) write(b *strings.Builder, r *rand.Rand, c *caseData) {
	w := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	w("---\nnumber: %d\ntitle: %s\ncategory: %s\nraised_by: %s\nraised_on: %s\n", is.number, q(is.title), is.category, is.raisedBy, is.raised)
	if is.urgent {
		w("urgent: true\n")
	}
	refs := make([]string, len(is.clauses))
	for k, ref := range is.clauses {
		refs[k] = q(ref)
	}
	w("clauses: [%s]\n", strings.Join(refs, ", "))
	if is.silent {
		w("silent: true\n")
	}
	w("question: >-\n%s", wrap(is.question, "  "))
	if is.posA != "" || is.posB != "" {
		w("positions:\n")
		if is.posA != "" {
			w("  parent_a: >-\n%s", wrap(is.posA, "    "))
		}
		if is.posB != "" {
			w("  parent_b: >-\n%s", wrap(is.posB, "    "))
		}
	}
	if len(is.events) > 0 {
		w("events:\n")
		for _, e := range is.events {
			w("  - on: %s\n    kind: %s\n", e.on, e.kind)
			if e.by != "" {
				w("    by: %s\n", e.by)
			}
			if e.result != "" {
				w("    result: %s\n", e.result)
			}
			if e.directive != 0 {
				w("    directive: %d\n", e.directive)
			}
			if e.note != "" {
				w("    note: %s\n", q(e.note))
			}
		}
	}
	if is.amends != 0 {
		w("amends: %d\n", is.amends)
	}
	if o := is.outcome; o != nil {
		w("outcome:\n  kind: %s\n  on: %s\n", o.kind, o.on)
		if o.effective != 0 {
			w("  effective: %s\n", o.effective)
		}
		if o.served != 0 {
			w("  served_on: %s\n", o.served)
		}
		if o.summary != "" {
			w("  summary: %s\n", q(o.summary))
		}
		if len(o.directives) > 0 {
			w("  directives:\n")
			for _, d := range o.directives {
				w("    - %s\n", q(d))
			}
		}
		if o.referredTo != "" {
			w("  referred_to: %s\n", o.referredTo)
		}
		if o.waived != "" {
			w("  mediation_waived: %s\n", q(o.waived))
		}
	}
	w("---\n\n")
	is.body(b, r, c)
}

// body writes the record: a few hundred words under headings, with an
// ordered list of findings, sometimes a list of considerations, a table or
// a footnote.
func (is *issueData) body(b *strings.Builder, r *rand.Rand, c *caseData) {
	ref := is.clauses[0]
	para := func(n int) string { return wrapText(paragraph(r, c, is.subject, ref, n)) }
	fmt.Fprintf(b, "## Background\n\n%s\n\n%s\n\n", para(3+r.IntN(2)), para(2+r.IntN(2)))
	b.WriteString("## Findings\n\n")
	for k, f := range pickN(r, findingsList, 3+r.IntN(4)) {
		fmt.Fprintf(b, "%d. %s\n", k+1, f)
	}
	if r.IntN(4) == 0 {
		b.WriteString("\n| Date       | Arrangement        | What happened            |\n|------------|--------------------|--------------------------|\n")
		d := is.raised - date(30)
		for range 2 + r.IntN(3) {
			d += date(3 + r.IntN(7))
			fmt.Fprintf(b, "| %s | %-18s | %-24s |\n", d, pick(r, []string{"School, dismissal", "Library, 5:00 p.m.", "Home, 6:00 p.m."}), pick(r, []string{"As planned", "Late by 40 minutes", "Moved by agreement", "Did not take place"}))
		}
	}
	fmt.Fprintf(b, "\n## Analysis\n\n%s\n\n", para(3+r.IntN(3)))
	if r.IntN(2) == 0 {
		b.WriteString("The coordinator has weighed:\n\n")
		for _, c := range pickN(r, considerations, 2+r.IntN(3)) {
			fmt.Fprintf(b, "- %s;\n", c)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "%s", para(2+r.IntN(3)))
	if r.IntN(10) == 0 {
		b.WriteString(" The school calendar was consulted.[^cal]\n\n[^cal]: As published on the school's website at the start of the year.\n")
	} else {
		b.WriteString("\n")
	}
	if o := is.outcome; o != nil && (o.kind == "agreement" || o.kind == "determination") {
		fmt.Fprintf(b, "\n## Conclusion\n\n*%s*\n", o.summary)
	}
}

// wrapText folds prose into lines of about 76 columns.
func wrapText(s string) string { return strings.TrimSuffix(wrap(s, ""), "\n") }
