package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// caseData is one generated case, kept for its issues to draw on.
type caseData struct {
	id, title        string
	nameA, nameB     string
	court, courtNo   string
	order            date
	recommend        bool
	closed           bool
	scopeOut         []string
	clauses          []clause
	byCategory       map[string][]int // clause indexes by topic category
	childInitials    []string
	childBorn        []int
	screened         date
	counselA, counsB string
}

type clause struct {
	ref string
	t   topic
}

func newCase(r *rand.Rand, i int) *caseData {
	c := &caseData{byCategory: map[string][]int{}}
	sa, sb := pick(r, surnames), pick(r, surnames)
	for sb == sa {
		sb = pick(r, surnames)
	}
	c.nameA, c.nameB = pick(r, firstNames)+" "+sa, pick(r, firstNames)+" "+sb
	c.title = sa + " and " + sb
	year := 2020 + r.IntN(5)
	c.id = fmt.Sprintf("%d-fam-%04d-%s", year, i+1, slugOf(sa))
	c.court = pick(r, courts)
	c.courtNo = fmt.Sprintf("FC-%d-%04d", year, i+1)
	c.order = day(year, time.Month(1+r.IntN(12)), 1+r.IntN(28))
	c.screened = c.order + date(7+r.IntN(14))
	c.recommend = r.IntN(5) == 0
	c.closed = r.IntN(8) == 0
	if r.IntN(4) == 0 {
		c.scopeOut = []string{pick(r, []string{"travel", "technology", "extended-family"})}
	}
	if r.IntN(2) == 0 {
		c.counselA = pick(r, counsel)
	}
	if r.IntN(2) == 0 {
		c.counsB = pick(r, counsel)
	}
	letter := string([]rune(fold(sb))[0])
	for k := range 1 + r.IntN(3) {
		c.childInitials = append(c.childInitials, fmt.Sprintf("%c.%s.", "MTJAERSLN"[r.IntN(9)], letter))
		c.childBorn = append(c.childBorn, 2008+r.IntN(13)+k)
	}

	// The plan: most topics, numbered by section, in plan order.
	sec := 1
	for _, t := range topics {
		if r.IntN(5) == 0 && t.category != "other" {
			continue
		}
		sub := 1 + r.IntN(2)
		for k := 1; k <= sub; k++ {
			c.byCategory[t.category] = append(c.byCategory[t.category], len(c.clauses))
			c.clauses = append(c.clauses, clause{ref: fmt.Sprintf("%d.%d", sec, k), t: t})
		}
		sec++
	}
	return c
}

// inScope reports whether a category may end in an agreement or
// determination in this case.
func (c *caseData) inScope(cat string) bool {
	for _, s := range c.scopeOut {
		if s == cat {
			return false
		}
	}
	for _, t := range topics[:14] { // the in-scope topics
		if t.category == cat {
			return true
		}
	}
	return false
}

func (c *caseData) file(r *rand.Rand) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("---\ntitle: %s\ncourt: %s\ncourt_case_no: %s\n", q(c.title), q(c.court), q(c.courtNo))
	if c.closed {
		w("status: closed\n")
	} else {
		w("status: active\n")
	}
	w("appointment:\n  order_date: %s\n  term_ends: %s\n", c.order, c.order+date(8*365))
	if c.recommend {
		w("  authority: recommend\n")
	} else {
		w("  authority: binding\n")
	}
	w("  order_ref: %s\n", q(fmt.Sprintf("Stipulated Order Appointing Parenting Coordinator, para. %d", 2+r.IntN(5))))
	if len(c.scopeOut) > 0 {
		w("  scope_out: [%s]\n", strings.Join(c.scopeOut, ", "))
	}
	w("parties:\n")
	for _, p := range []struct{ key, name, label, counsel string }{
		{"parent_a", c.nameA, "Mother", c.counselA}, {"parent_b", c.nameB, "Father", c.counsB},
	} {
		w("  %s:\n    name: %s\n    label: %s\n    email: %s\n", p.key, q(p.name), p.label, slugOf(p.name)+"@example.net")
		if p.counsel != "" {
			// Counsel as a record, so that service goes to counsel's
			// email: "Name, Firm" splits into its two keys.
			name, firm, _ := strings.Cut(p.counsel, ", ")
			w("    counsel:\n      name: %s\n      firm: %s\n      email: %s\n", q(name), q(firm), slugOf(name)+"@counsel.example")
		}
	}
	w("children:\n")
	for k := range c.childInitials {
		w("  - initials: %s\n    born: %d\n", q(c.childInitials[k]), c.childBorn[k])
	}
	w("plan:\n  title: Stipulated Parenting Plan\n  date: %s\n  clauses:\n", c.order-date(20+r.IntN(60)))
	for _, cl := range c.clauses {
		w("    - ref: %s\n      title: %s\n      text: >-\n%s", q(cl.ref), q(cl.t.title), wrap(cl.t.text, "        "))
	}
	w("safety:\n  screened_on: %s\n  result: %s\n  safeguards: [%s]\n", c.screened,
		q(pick(r, []string{"No concerns identified by either parent.", "Concerns of high conflict; no violence reported.", "Protective order history; separate sessions only."})),
		pick(r, []string{"", q("no joint sessions"), q("separate sessions") + ", " + q("exchanges in public places")}))
	w("---\n\n## Case notes\n\n")
	for range 2 + r.IntN(2) {
		w("%s\n\n", paragraph(r, c, "the appointment", c.clauses[0].ref, 2+r.IntN(2)))
	}
	w("- Preferred contact: %s\n- Sessions: %s\n", pick(r, []string{"email through counsel", "the co-parenting application"}), pick(r, []string{"video", "in person, separate rooms", "telephone"}))
	return b.String()
}

// wrap folds s into lines of about 76 columns, each with the indent.
func wrap(s, indent string) string {
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(s) {
		if i == 0 || line+1+len(word) > 76 {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(indent)
			line = len(indent)
		} else {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += len(word)
	}
	b.WriteByte('\n')
	return b.String()
}

// paragraph writes n sentences of prose about a dispute.
func paragraph(r *rand.Rand, c *caseData, subject, ref string, n int) string {
	parts := pickN(r, sentences, n)
	for k := range parts {
		parts[k] = fill(parts[k], c, subject, ref)
	}
	return strings.Join(parts, " ")
}

// fill replaces the placeholders of a stock sentence.
func fill(s string, c *caseData, subject, ref string) string {
	s = strings.ReplaceAll(s, "{A}", c.nameA)
	s = strings.ReplaceAll(s, "{B}", c.nameB)
	s = strings.ReplaceAll(s, "{S}", subject)
	return strings.ReplaceAll(s, "{R}", ref)
}

// pickN returns n distinct items of xs (fewer if xs is shorter), in random order.
func pickN[T any](r *rand.Rand, xs []T, n int) []T {
	out := make([]T, 0, n)
	for _, i := range r.Perm(len(xs))[:min(n, len(xs))] {
		out = append(out, xs[i])
	}
	return out
}
