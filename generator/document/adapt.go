package document

// What the model does not say yet. Each function reads one thing the
// practice model is about to carry (plan.clause_label, the private part
// of an issue's body, the "missed" event kind); when the model has it, the
// function's body becomes one line.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"pcdocket/generator/practice"
)

// eventMissed is the event kind of a parent who, given notice of a
// mediation session, did not attend (practice.EventMissed to be).
const eventMissed = "missed"

// clauseWord is the plan's own word for a clause, as the plan writes it:
// "clause", "section", "paragraph" (plan.clause_label to be: the lead
// swaps the return for c.Plan.ClauseLabel). Until a plan can say, the
// neutral "clause".
func clauseWord(c *practice.Case) string {
	return "clause"
}

// clauseLabel is clauseWord capitalised, as at the start of a heading,
// and "Clause" when the plan gives no word.
func clauseLabel(c *practice.Case) string {
	w := strings.TrimSpace(clauseWord(c))
	if w == "" {
		return "Clause"
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// privateHeading opens the coordinator's private part of an issue's body.
var privateHeading = regexp.MustCompile(`(?i)^ {0,3}##[ \t]+private[ \t]*#*[ \t]*$`)

// atxHeading matches a heading of level 1 or 2, which ends the private part.
var atxHeading = regexp.MustCompile(`^ {0,3}#{1,2}([ \t]|$)`)

// recordBody is the part of an issue's body a document may carry: the
// body without its "## Private" section (to the next heading of level 2
// or 1), which holds the coordinator's deliberations (Issue.Private to
// be, when the model splits it off).
func recordBody(is *practice.Issue) string {
	body := is.Body
	if !strings.Contains(body, "rivate") && !strings.Contains(body, "RIVATE") {
		return body // the common case, without copying the body to lower it
	}
	var b strings.Builder
	skip := false
	fence := ""
	for line := range strings.SplitAfterSeq(body, "\n") {
		bare := strings.TrimRight(line, "\r\n")
		if t := strings.TrimLeft(bare, " "); fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		} else if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
		} else if privateHeading.MatchString(bare) {
			skip = true
			continue
		} else if skip && atxHeading.MatchString(bare) {
			skip = false
		}
		if !skip {
			b.WriteString(line)
		}
	}
	return b.String()
}
