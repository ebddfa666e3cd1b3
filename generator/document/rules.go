package document

import (
	"fmt"
	"strings"

	"pcdocket/generator/deadline"
	"pcdocket/generator/jurisdiction"

	"pcdocket/generator/practice"
)

// Rules is the legal wording of one document that depends on the
// jurisdiction. Build takes it as given; it writes no jurisdiction's law
// itself. Empty texts are left out.
type Rules struct {
	// EffectText says what a binding determination does while review is
	// pending ("Unless a party objects …, the parents shall comply …").
	EffectText string
	// ReviewText is the review route, a sentence without its end: "A party
	// who disagrees with this determination may …". Build completes it
	// with ReviewDeadline.
	ReviewText string
	// ReviewSentence, when set, is the whole review sentence as the
	// jurisdiction words it, the deadline in it; ReviewText is then unused
	// and ReviewDeadline says how the date was computed.
	ReviewSentence string
	// ReviewDeadline is the review deadline: a zero Date means the
	// document is not yet served, and Basis then says how the deadline
	// runs ("10 days after it is served").
	ReviewDeadline Deadline
	// FilingText states the duty to file the document with the court.
	FilingText string
	// FeeWarning warns of fees or costs a review may bring.
	FeeWarning string
	// IncorporationText is the statement an agreement makes about being
	// incorporated in an order.
	IncorporationText string
	// CopyToRepresentedParent says whether a parent who has counsel is
	// served a copy too, not counsel alone.
	CopyToRepresentedParent bool
}

// Deadline is a computed deadline and how it was computed.
type Deadline struct {
	Date  practice.Date
	Basis string // "10 days after service on March 3, 2026"
	Rule  string // the rule that sets it, when one is cited
}

// RulesFunc gives the Rules of one issue's document.
type RulesFunc func(p *practice.Practice, is *practice.Issue) Rules

// ProfileRules returns the rules of each issue's document from its case's
// jurisdiction profile, with the deadlines of book: the review route and
// its deadline, the filing duty, the effect while review is pending, fee
// warnings, the incorporation statement and whether a represented parent
// gets a copy, each as the profile words it.
func ProfileRules(book *deadline.Book) RulesFunc {
	return func(p *practice.Practice, is *practice.Issue) Rules {
		return profileRules(book, is)
	}
}

func profileRules(book *deadline.Book, is *practice.Issue) Rules {
	r := profileWording(book, is)
	for _, t := range []*string{&r.EffectText, &r.ReviewText, &r.ReviewSentence, &r.FilingText, &r.FeeWarning, &r.IncorporationText} {
		*t = theCourt(*t)
	}
	return r
}

// theCourt writes "the court" as the document defines it, "the Court":
// profiles word their texts for any document.
func theCourt(s string) string {
	return strings.ReplaceAll(s, "the court", "the Court")
}

func profileWording(book *deadline.Book, is *practice.Issue) Rules {
	prof := book.Profile(is.Case)
	kind := is.DocumentKind()
	dl := is.Case.Deadlines(book.Practice())
	r := Rules{CopyToRepresentedParent: prof.CopyToRepresentedParent.Allowed}
	switch kind {
	case KindAgreement:
		r.IncorporationText = prof.Agreement.Text
		return r
	case KindRecommendation:
		r.EffectText = prof.Recommendations.Text
	default:
		r.EffectText = prof.Effect.Text
		r.FeeWarning = prof.FeeShifting.Text
	}

	period := prof.Review.Period(dl.ObjectionDays)
	if d, ok := book.Review(is); ok && prof.Review.Text != "" {
		vars := prof.ReviewVars(jurisdiction.Deadline{Date: d.Date}, period.Days)
		r.ReviewSentence = jurisdiction.Fill(prof.Review.Text, vars)
		r.ReviewDeadline = Deadline{Date: d.Date, Basis: d.Basis, Rule: d.Rule}
	} else {
		reviewer, filing := prof.Review.Reviewer, prof.Review.Filing
		if reviewer == "" {
			reviewer = "the Court"
		}
		if filing == "" {
			filing = "a written objection"
		}
		r.ReviewText = fmt.Sprintf("A party who disagrees with this %s may ask %s to review it by filing %s", noun(kind), reviewer, filing)
		if ok {
			r.ReviewDeadline = Deadline{Date: d.Date, Basis: d.Basis, Rule: d.Rule}
		} else {
			r.ReviewDeadline = Deadline{Basis: days(period.Days) + " after " + eventPhrase(period.From), Rule: period.Citation}
		}
	}

	if d, ok := book.Filing(is); ok {
		if t := prof.Filing.Text; t != "" {
			fp := prof.Filing.Period(dl.FilingDays)
			r.FilingText = jurisdiction.Fill(t, map[string]string{"deadline": jurisdiction.LongDate(d.Date), "days": fmt.Sprint(fp.Days), "citation": prof.Filing.Citation})
		} else {
			r.FilingText = "This " + noun(kind) + " will be filed with the Court no later than " + jurisdiction.LongDate(d.Date) + "."
		}
	} else if fp := prof.Filing.Period(dl.FilingDays); (prof.Filing.Required || dl.FilingDays > 0) && fp.Days > 0 {
		r.FilingText = fmt.Sprintf("This %s will be filed with the Court within %s after %s.", noun(kind), days(fp.Days), eventPhrase(fp.From))
	}
	return r
}

// eventPhrase names the event a period runs from, in a sentence about
// the document.
func eventPhrase(e jurisdiction.Event) string {
	switch e {
	case jurisdiction.Issuance:
		return "it is issued"
	case jurisdiction.Filing:
		return "it is filed with the Court"
	case jurisdiction.Receipt:
		return "it is received"
	}
	return "it is served"
}

// days is "1 day", "10 days".
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
