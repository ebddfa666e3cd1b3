package practice

// Case is one family's appointment: content/cases/<id>/case.md.
type Case struct {
	ID          string      // the folder name
	Title       string      `pc:"title,required"`
	Court       string      `pc:"court,required"`
	CourtCaseNo string      `pc:"court_case_no,required"`
	Status      string      `pc:"status"` // "active" (default) or "closed"
	Appointment Appointment `pc:"appointment,required"`
	Parties     Parties     `pc:"parties,required"`
	Children    []Child     `pc:"children,required"`
	Plan        Plan        `pc:"plan,required"`
	Safety      *Safety     `pc:"safety"`
	Rules       Rules       `pc:"rules"`
	// Jurisdiction overrides the practice's jurisdiction profile for this
	// case: a case may be before a court of another state.
	Jurisdiction string `pc:"jurisdiction"`
	// Coordinator is the id of the coordinator who acts in the case, one
	// of practice.yaml's coordinators; empty means the practice's default
	// (see Practice.CoordinatorOf).
	Coordinator string `pc:"coordinator"`
	// Fees are the fee terms of the order; nil when case.md gives none.
	Fees *Fees `pc:"fees"`

	// FeeLedger is the case's time and money (fees.txt), nil when the
	// case has none. Package fees prices it under Fees.
	FeeLedger *FeeLedger

	// Log is the case's communications and session log (log.txt), nil
	// when the case has none.
	Log *CommLog

	// ExhibitFolders are the issues' exhibit folders,
	// exhibits/issue-<number>/, sorted by number; the issues' Exhibits point
	// into them (Issue.ResolveExhibits).
	ExhibitFolders []*ExhibitFolder

	Body   string   // the coordinator's private notes (Markdown)
	Issues []*Issue // sorted by Number
	Src    Source
}

// Case statuses.
const (
	StatusActive = "active"
	StatusClosed = "closed"
)

// Appointment is the order that appoints the coordinator.
type Appointment struct {
	OrderDate Date     `pc:"order_date,required"`
	TermEnds  Date     `pc:"term_ends"`
	Authority string   `pc:"authority"` // AuthorityBinding (default) or AuthorityRecommend
	OrderRef  string   `pc:"order_ref"`
	ScopeOut  []string `pc:"scope_out"`

	// ConflictDisclosure is the disclosure the order requires; see Disclosure.
	ConflictDisclosure Disclosure `pc:"conflict_disclosure"`
	// Extensions are the reappointments and term extensions, oldest first.
	Extensions []Extension `pc:"extensions"`
	// Terminated is the termination of the appointment; nil while it runs.
	Terminated *Termination `pc:"terminated"`
}

// Appointment authorities.
const (
	AuthorityBinding   = "binding"
	AuthorityRecommend = "recommend"
)

// Recommends reports whether the coordinator may only recommend to the court.
func (a Appointment) Recommends() bool { return a.Authority == AuthorityRecommend }

// Parties are the two parents. Case files name them parent_a and parent_b.
type Parties struct {
	ParentA Party `pc:"parent_a,required"`
	ParentB Party `pc:"parent_b,required"`
}

// Party keys, as case files write them in raised_by, by and positions.
const (
	PartyA           = "parent_a"
	PartyB           = "parent_b"
	PartyBoth        = "both"
	PartyCoordinator = "coordinator"
)

// Party is one parent.
type Party struct {
	Name    string   `pc:"name,required"`
	Label   string   `pc:"label"`
	Email   string   `pc:"email"`
	Address []string `pc:"address"`  // postal address, one line per item
	ServeBy string   `pc:"serve_by"` // one of ServiceMethods; see ServiceMethod
	Counsel *Counsel `pc:"counsel"`  // nil when unrepresented
}

// Counsel is a parent's lawyer. Case files may write counsel as one line of
// text, which is the name: `counsel: Ruth A. Okonkwo`.
type Counsel struct {
	Name    string   `pc:"name,required,shorthand"`
	Firm    string   `pc:"firm"`
	BarNo   string   `pc:"bar_no"`
	Email   string   `pc:"email"`
	Address []string `pc:"address"`
}

// IsZero reports whether no counsel is recorded: c is nil or empty.
func (c *Counsel) IsZero() bool {
	return c == nil || c.Name == "" && c.Firm == "" && c.BarNo == "" && c.Email == "" && len(c.Address) == 0
}

// String names counsel in one line, as lists print it: "Name, Firm", the
// name alone, or "" for nil.
func (c *Counsel) String() string {
	switch {
	case c == nil:
		return ""
	case c.Firm == "":
		return c.Name
	case c.Name == "":
		return c.Firm
	}
	return c.Name + ", " + c.Firm
}

// Service methods for serve_by.
const (
	ServeEmail  = "email"
	ServeMail   = "mail"
	ServeHand   = "hand"
	ServePortal = "portal"
)

// ServiceMethods lists the values of serve_by, for validation and suggestions.
var ServiceMethods = []string{ServeEmail, ServeMail, ServeHand, ServePortal}

// Represented reports whether the parent has counsel on record. Documents
// are then served on counsel, at counsel's email or address.
func (p *Party) Represented() bool { return !p.Counsel.IsZero() }

// ServiceEmail returns the email documents are served at: counsel's for a
// represented parent, else the parent's own; "" when there is none.
func (p *Party) ServiceEmail() string {
	if p.Represented() {
		return p.Counsel.Email
	}
	return p.Email
}

// ServiceAddress returns the postal address documents are served at:
// counsel's for a represented parent, else the parent's own; nil when there
// is none.
func (p *Party) ServiceAddress() []string {
	if p.Represented() {
		return p.Counsel.Address
	}
	return p.Address
}

// ServiceMethod returns how documents are served on the parent: serve_by
// when given; otherwise email when there is a service email, mail when
// there is only a service address, and "" when there is neither (check
// warns about that).
func (p *Party) ServiceMethod() string {
	switch {
	case p.ServeBy != "":
		return p.ServeBy
	case p.ServiceEmail() != "":
		return ServeEmail
	case len(p.ServiceAddress()) > 0:
		return ServeMail
	}
	return ""
}

// Party returns the party for a key (PartyA or PartyB), or nil.
func (c *Case) Party(key string) *Party {
	switch key {
	case PartyA:
		return &c.Parties.ParentA
	case PartyB:
		return &c.Parties.ParentB
	}
	return nil
}

// PartyName returns how to refer to a party key in prose: the party's name,
// "Both parents", or "The coordinator".
func (c *Case) PartyName(key string) string {
	switch key {
	case PartyBoth:
		return "Both parents"
	case PartyCoordinator:
		return "The coordinator"
	}
	if p := c.Party(key); p != nil {
		return p.Name
	}
	return key
}

// Child is named by initials and birth year only: full names of children are
// not part of the format, so they cannot leak into anything pcdocket writes.
type Child struct {
	Initials string `pc:"initials,required"`
	Born     int    `pc:"born,required"`
}

// Plan is the parenting plan or order the coordinator implements.
type Plan struct {
	Title       string   `pc:"title"`
	Date        Date     `pc:"date"`
	ClauseLabel string   `pc:"clause_label"` // the plan's own word for a clause; see Label
	Clauses     []Clause `pc:"clauses,required"`
}

// DefaultClauseLabel is what a plan calls its clauses when clause_label is
// not given.
const DefaultClauseLabel = "Paragraph"

// Label returns the plan's word for a clause ("Paragraph", "Section",
// "clause"), as documents cite one: "Section 3.2".
func (pl Plan) Label() string {
	if pl.ClauseLabel != "" {
		return pl.ClauseLabel
	}
	return DefaultClauseLabel
}

// Clause is one provision of the plan.
type Clause struct {
	Ref   string `pc:"ref,required"`
	Title string `pc:"title"`
	Text  string `pc:"text"`
}

// Clause returns the plan clause with the given ref, or nil.
func (c *Case) Clause(ref string) *Clause {
	for i := range c.Plan.Clauses {
		if c.Plan.Clauses[i].Ref == ref {
			return &c.Plan.Clauses[i]
		}
	}
	return nil
}

// Safety is the record of domestic-violence and safety screening.
type Safety struct {
	ScreenedOn Date     `pc:"screened_on"`
	Result     string   `pc:"result"`
	Safeguards []string `pc:"safeguards"`
}

// JurisdictionCode returns the code of the jurisdiction profile that governs
// the case: its own jurisdiction, else the practice's, else
// DefaultJurisdiction.
func (c *Case) JurisdictionCode(p *Practice) string {
	if c.Jurisdiction != "" {
		return c.Jurisdiction
	}
	if p != nil {
		return p.JurisdictionCode()
	}
	return DefaultJurisdiction
}

// Deadlines returns the case's deadlines: the practice's, overridden by the case's rules.
func (c *Case) Deadlines(p *Practice) Deadlines {
	return c.Rules.Resolve(p.Deadlines())
}

// Issue returns the issue with the given number, or nil.
func (c *Case) Issue(number int) *Issue {
	for _, is := range c.Issues {
		if is.Number == number {
			return is
		}
	}
	return nil
}

// ClauseHistory returns the issues that cite ref, newest first (by raised_on,
// then number), as a clause's interpretation history.
func (c *Case) ClauseHistory(ref string) []*Issue {
	var h []*Issue
	for _, is := range c.Issues {
		for _, r := range is.Clauses {
			if r == ref {
				h = append(h, is)
				break
			}
		}
	}
	for i := 1; i < len(h); i++ { // insertion sort: histories are short
		for j := i; j > 0 && newer(h[j], h[j-1]); j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
	return h
}

func newer(a, b *Issue) bool {
	if a.RaisedOn != b.RaisedOn {
		return a.RaisedOn.After(b.RaisedOn)
	}
	return a.Number > b.Number
}

// AmendedBy returns the latest documented issue of the case that amends
// issue number (amends: number), or nil: the document that supersedes the
// one of issue number, in part or in whole.
func (c *Case) AmendedBy(number int) *Issue {
	var by *Issue
	for _, is := range c.Issues {
		if is.Amends == number && is.Number != number && is.Documented() {
			if by == nil || is.Outcome.On.After(by.Outcome.On) || is.Outcome.On == by.Outcome.On && is.Number > by.Number {
				by = is
			}
		}
	}
	return by
}
