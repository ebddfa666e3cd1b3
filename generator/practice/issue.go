package practice

import "fmt"

// Issue is one dispute: content/cases/<case-id>/issues/<name>.md.
type Issue struct {
	Case *Case // the case the issue belongs to

	Number    int       `pc:"number,required"`
	Title     string    `pc:"title,required"`
	Category  string    `pc:"category,required"`
	RaisedBy  string    `pc:"raised_by"`
	RaisedOn  Date      `pc:"raised_on,required"`
	Urgent    bool      `pc:"urgent"`
	Clauses   []string  `pc:"clauses,required"`
	Silent    bool      `pc:"silent"`
	Question  string    `pc:"question,required"`
	Positions Positions `pc:"positions"`
	Events    []Event   `pc:"events"`
	Outcome   *Outcome  `pc:"outcome"`
	Amends    int       `pc:"amends"` // number of an earlier issue whose sealed document this one amends
	// Exhibits are the files the coordinator considered, in the order
	// given, from the issue's exhibit folder (see Exhibit).
	Exhibits []Exhibit `pc:"exhibits"`

	// Body is the record: background, findings, analysis (Markdown),
	// without the coordinator's private sections. Documents and pages
	// print it.
	Body string
	// Private is the Markdown of the body's "## Private" sections, the
	// coordinator's own notes (see SplitPrivate); "" when there are none.
	Private string
	Src     Source
}

// Positions are the parents' positions as received; empty until received.
type Positions struct {
	ParentA string `pc:"parent_a"`
	ParentB string `pc:"parent_b"`
}

// Of returns the position of a party key.
func (p Positions) Of(party string) string {
	switch party {
	case PartyA:
		return p.ParentA
	case PartyB:
		return p.ParentB
	}
	return ""
}

// Event is one step of the process, in the order it happened.
type Event struct {
	On     Date   `pc:"on,required"`
	Kind   string `pc:"kind,required"`
	By     string `pc:"by"`
	Result string `pc:"result"`
	Note   string `pc:"note"`
	// Directive is, for a noncompliance event, the number (from 1) of the
	// directive of the issue's outcome that was not followed.
	Directive int `pc:"directive"`
}

// Event kinds.
const (
	EventNotice       = "notice"
	EventSubmission   = "submission"
	EventMediation    = "mediation"
	EventRecordClosed = "record-closed"
	EventNote         = "note"
	// EventMissed records that a parent (By), given notice of a mediation
	// or session, did not attend it.
	EventMissed = "missed"
	// EventNoncompliance records, after a binding outcome, that a parent
	// (By) did not follow one of its directives (Directive): what happened
	// is the Note. It feeds the non-compliance report to the court, and
	// never the document of the outcome it follows.
	EventNoncompliance = "noncompliance"
)

// EventKinds lists the event kinds, for validation and suggestions.
var EventKinds = []string{EventNotice, EventSubmission, EventMediation, EventMissed, EventRecordClosed, EventNote, EventNoncompliance}

// NoticeTo reports whether e is a notice addressed to party: a notice's by
// names the parent noticed, and a notice without by (or by both) goes to
// both parents.
func (e Event) NoticeTo(party string) bool {
	return e.Kind == EventNotice && (e.By == "" || e.By == PartyBoth || e.By == party)
}

// Noncompliance returns the issue's noncompliance events, in order.
func (is *Issue) Noncompliance() []Event {
	var out []Event
	for _, e := range is.Events {
		if e.Kind == EventNoncompliance {
			out = append(out, e)
		}
	}
	return out
}

// Noticed returns the date of the first notice to party, or the zero date.
func (is *Issue) Noticed(party string) Date {
	for _, e := range is.Events {
		if e.NoticeTo(party) {
			return e.On
		}
	}
	return Date{}
}

// Mediation results.
const (
	ResultAgreement   = "agreement"
	ResultNoAgreement = "no-agreement"
)

// Outcome is how an issue ended; nil while the issue is pending.
type Outcome struct {
	Kind            string   `pc:"kind,required"`
	On              Date     `pc:"on,required"`
	Effective       Date     `pc:"effective"`
	Summary         string   `pc:"summary"`
	Directives      []string `pc:"directives"`
	ReferredTo      string   `pc:"referred_to"`
	MediationWaived string   `pc:"mediation_waived"`
	ServedOn        Date     `pc:"served_on"`
	FiledOn         Date     `pc:"filed_on"`   // filed with the court
	AdoptedOn       Date     `pc:"adopted_on"` // a recommendation adopted by the court
}

// Outcome kinds.
const (
	OutcomeAgreement     = "agreement"
	OutcomeDetermination = "determination"
	OutcomeWithdrawn     = "withdrawn"
	OutcomeReferred      = "referred"
)

// OutcomeKinds lists the outcome kinds in display order.
var OutcomeKinds = []string{OutcomeAgreement, OutcomeDetermination, OutcomeWithdrawn, OutcomeReferred}

// Referral destinations for outcome.referred_to.
var ReferralTargets = []string{"court", "mediation", "counsel", "therapist", "child-protection", "support-agency"}

// EffectiveOn returns the date the outcome takes effect: Effective, or On.
func (o *Outcome) EffectiveOn() Date {
	if !o.Effective.IsZero() {
		return o.Effective
	}
	return o.On
}

// Status is "pending" or the outcome kind.
func (is *Issue) Status() string {
	if is.Outcome == nil {
		return "pending"
	}
	return is.Outcome.Kind
}

// Pending reports whether the issue has no outcome yet.
func (is *Issue) Pending() bool { return is.Outcome == nil }

// Documented reports whether the issue's outcome produces a written document
// (a determination or recommendation, or a memorandum of agreement).
func (is *Issue) Documented() bool {
	return is.Outcome != nil && (is.Outcome.Kind == OutcomeDetermination || is.Outcome.Kind == OutcomeAgreement)
}

// Recommendation reports whether the outcome is a recommendation to the
// court: a determination under an appointment that only recommends.
func (is *Issue) Recommendation() bool { return is.DocumentKind() == "recommendation" }

// AwaitingAdoption reports whether the issue is a recommendation filed with
// the court that the court has not yet adopted.
func (is *Issue) AwaitingAdoption() bool {
	return is.Recommendation() && !is.Outcome.FiledOn.IsZero() && is.Outcome.AdoptedOn.IsZero()
}

// Adopted reports whether the issue is a recommendation the court adopted.
func (is *Issue) Adopted() bool {
	return is.Recommendation() && !is.Outcome.AdoptedOn.IsZero()
}

// ID returns the issue's identifier within the practice: "<case-id>#<number>".
func (is *Issue) ID() string { return fmt.Sprintf("%s#%d", is.Case.ID, is.Number) }

// RecordClosed returns the date of the last record-closed event, or the zero date.
func (is *Issue) RecordClosed() Date {
	var d Date
	for _, e := range is.Events {
		if e.Kind == EventRecordClosed {
			d = e.On
		}
	}
	return d
}

// DueDate returns the date a determination is due (record closed +
// decision_days), or the zero date while the record is open.
func (is *Issue) DueDate(dl Deadlines) Date {
	rc := is.RecordClosed()
	if rc.IsZero() {
		return rc
	}
	return rc.AddDays(dl.DecisionDays)
}

// DaysPending returns the days since the issue was raised, as of asOf
// (for a closed issue, until its outcome).
func (is *Issue) DaysPending(asOf Date) int {
	end := asOf
	if is.Outcome != nil {
		end = is.Outcome.On
	}
	return is.RaisedOn.DaysUntil(end)
}

// ObjectionDeadline returns the last day to object or seek court review:
// served_on + objection_days. Zero until the document is served.
func (is *Issue) ObjectionDeadline(dl Deadlines) Date {
	if is.Outcome == nil || is.Outcome.ServedOn.IsZero() {
		return Date{}
	}
	return is.Outcome.ServedOn.AddDays(dl.ObjectionDays)
}

// FilingDeadline returns served_on + filing_days, or zero when the practice
// does not file determinations with the court.
func (is *Issue) FilingDeadline(dl Deadlines) Date {
	if is.Outcome == nil || is.Outcome.ServedOn.IsZero() || dl.FilingDays == 0 {
		return Date{}
	}
	return is.Outcome.ServedOn.AddDays(dl.FilingDays)
}

// Category is one entry of the category vocabulary.
type Category struct {
	Name     string
	Label    string
	InScope  bool
	Referral string // where an out-of-scope matter goes instead
}

// Categories is the category vocabulary, in-scope first, in display order.
// The out-of-scope entries and their referrals come from the practice's own
// statement of what parenting coordination does not do.
var Categories = []Category{
	{Name: "schedule", Label: "Schedule", InScope: true},
	{Name: "holidays", Label: "Holidays", InScope: true},
	{Name: "exchanges", Label: "Exchanges", InScope: true},
	{Name: "transportation", Label: "Transportation", InScope: true},
	{Name: "communication", Label: "Communication", InScope: true},
	{Name: "extracurricular", Label: "Extracurricular activities", InScope: true},
	{Name: "childcare", Label: "Childcare", InScope: true},
	{Name: "travel", Label: "Travel", InScope: true},
	{Name: "school-logistics", Label: "School logistics", InScope: true},
	{Name: "health-logistics", Label: "Health logistics", InScope: true},
	{Name: "technology", Label: "Technology", InScope: true},
	{Name: "belongings", Label: "Belongings", InScope: true},
	{Name: "extended-family", Label: "Extended family", InScope: true},
	{Name: "other", Label: "Other", InScope: true},
	{Name: "plan-redesign", Label: "Plan redesign", Referral: "comprehensive mediation (Closed Mediation or Med/Arb) or the court"},
	{Name: "step-up-schedule", Label: "Step-up schedule", Referral: "comprehensive mediation (Closed Mediation or Med/Arb) or the court"},
	{Name: "decision-making-change", Label: "Decision-making change", Referral: "comprehensive mediation (Closed Mediation or Med/Arb) or the court"},
	{Name: "foundational-dispute", Label: "Foundational dispute", Referral: "comprehensive mediation (Closed Mediation or Med/Arb) or the court"},
	{Name: "custody-change", Label: "Custody change", Referral: "the court"},
	{Name: "relocation", Label: "Relocation", Referral: "the court"},
	{Name: "child-support", Label: "Child support", Referral: "the court or the child support agency"},
	{Name: "therapy", Label: "Therapy", Referral: "a therapist or counselor"},
}

// LookupCategory returns the vocabulary entry for name.
func LookupCategory(name string) (Category, bool) {
	for _, c := range Categories {
		if c.Name == name {
			return c, true
		}
	}
	return Category{}, false
}

// DocumentKind names the written document an outcome produces:
// "determination", "recommendation" (a determination under an appointment
// that only recommends), "agreement", or "" for none.
func (is *Issue) DocumentKind() string {
	if !is.Documented() {
		return ""
	}
	if is.Outcome.Kind == OutcomeAgreement {
		return "agreement"
	}
	if is.Case.Appointment.Recommends() {
		return "recommendation"
	}
	return "determination"
}

// DocumentTitle is the document's title with its number, as in the caption:
// "Parenting Coordinator Determination No. 3".
func (is *Issue) DocumentTitle() string {
	switch is.DocumentKind() {
	case "determination":
		return fmt.Sprintf("Parenting Coordinator Determination No. %d", is.Number)
	case "recommendation":
		return fmt.Sprintf("Parenting Coordinator Recommendation No. %d", is.Number)
	case "agreement":
		return fmt.Sprintf("Memorandum of Agreement No. %d", is.Number)
	}
	return ""
}

// DocumentFile is the document's file name under the private site's
// documents/ folder: "<case-id>-<kind>-<number>.pdf", or "" for none.
func (is *Issue) DocumentFile() string {
	k := is.DocumentKind()
	if k == "" {
		return ""
	}
	return fmt.Sprintf("%s-%s-%d.pdf", is.Case.ID, k, is.Number)
}
