package document

import (
	"fmt"

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

// Generic is the wording of a practice without a jurisdiction profile,
// from the practice's and case's deadline settings: calendar days, no
// rolling forward past weekends or holidays, no rule cited.
func Generic(p *practice.Practice, is *practice.Issue) Rules {
	dl := is.Case.Deadlines(p)
	kind := is.DocumentKind()
	this := "this " + noun(kind)
	var r Rules
	r.CopyToRepresentedParent = true
	switch kind {
	case KindAgreement:
		r.IncorporationText = "Either parent may submit this memorandum to the Court and ask that its terms be incorporated in an order."
	case KindRecommendation:
		r.ReviewText = "A party who disagrees with " + this + " may file a written objection with the Court"
	default:
		r.ReviewText = "A party who disagrees with " + this + " may object in writing to the Parenting Coordinator or seek review by the Court"
		r.EffectText = "Unless a party objects or the Court orders otherwise, the parents shall comply with " + this + " from its effective date."
	}
	if od := is.ObjectionDeadline(dl); !od.IsZero() {
		r.ReviewDeadline = Deadline{Date: od, Basis: fmt.Sprintf("%s after service on %s", days(dl.ObjectionDays), is.Outcome.ServedOn.Long())}
	} else {
		r.ReviewDeadline = Deadline{Basis: days(dl.ObjectionDays) + " after it is served"}
	}
	if kind != KindAgreement {
		if fd := is.FilingDeadline(dl); !fd.IsZero() {
			r.FilingText = "This " + noun(kind) + " will be filed with the Court no later than " + fd.Long() + "."
		} else if dl.FilingDays > 0 {
			r.FilingText = fmt.Sprintf("This %s will be filed with the Court within %s after it is served.", noun(kind), days(dl.FilingDays))
		}
	}
	return r
}

// days is "1 day", "10 days".
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
