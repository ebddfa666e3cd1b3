package practice

import "testing"

func intp(i int) *int { return &i }

func TestDeadlines(t *testing.T) {
	p := &Practice{Rules: Rules{ObjectionDays: intp(14)}}
	c := &Case{ID: "c", Rules: Rules{DecisionDays: intp(5)}}
	dl := c.Deadlines(p)
	if dl != (Deadlines{DecisionDays: 5, ObjectionDays: 14, FilingDays: 0}) {
		t.Fatalf("Deadlines = %+v", dl)
	}
	is := &Issue{Case: c, Number: 3, RaisedOn: MustDate("2026-01-30"),
		Events: []Event{
			{On: MustDate("2026-02-01"), Kind: EventRecordClosed},
			{On: MustDate("2026-02-20"), Kind: EventRecordClosed}, // reopened and closed again: the last counts
		}}
	if got := is.DueDate(dl); got != MustDate("2026-02-25") {
		t.Errorf("DueDate = %v, want 2026-02-25", got)
	}
	if got := is.DaysPending(MustDate("2026-03-01")); got != 30 {
		t.Errorf("DaysPending = %d, want 30 (across the end of February)", got)
	}
	if !is.ObjectionDeadline(dl).IsZero() {
		t.Error("ObjectionDeadline of a pending issue is not zero")
	}
	is.Outcome = &Outcome{Kind: OutcomeDetermination, On: MustDate("2026-02-27"), ServedOn: MustDate("2026-02-28")}
	if got := is.ObjectionDeadline(dl); got != MustDate("2026-03-14") {
		t.Errorf("ObjectionDeadline = %v, want 2026-03-14", got)
	}
	if !is.FilingDeadline(dl).IsZero() {
		t.Error("FilingDeadline with filing_days 0 is not zero")
	}
	dl.FilingDays = 30
	if got := is.FilingDeadline(dl); got != MustDate("2026-03-30") {
		t.Errorf("FilingDeadline = %v, want 2026-03-30", got)
	}
	if got := is.DaysPending(MustDate("2030-01-01")); got != 28 {
		t.Errorf("DaysPending of a decided issue = %d, want 28 (until the outcome)", got)
	}
}

func TestDocumentNaming(t *testing.T) {
	c := &Case{ID: "2026-fam-1"}
	tests := []struct {
		outcome, authority string
		kind, title, file  string
	}{
		{OutcomeDetermination, AuthorityBinding, "determination", "Parenting Coordinator Determination No. 3", "2026-fam-1-determination-3.pdf"},
		{OutcomeDetermination, AuthorityRecommend, "recommendation", "Parenting Coordinator Recommendation No. 3", "2026-fam-1-recommendation-3.pdf"},
		{OutcomeAgreement, AuthorityRecommend, "agreement", "Memorandum of Agreement No. 3", "2026-fam-1-agreement-3.pdf"},
		{OutcomeReferred, AuthorityBinding, "", "", ""},
	}
	for _, tt := range tests {
		c.Appointment.Authority = tt.authority
		is := &Issue{Case: c, Number: 3, Outcome: &Outcome{Kind: tt.outcome}}
		if is.DocumentKind() != tt.kind || is.DocumentTitle() != tt.title || is.DocumentFile() != tt.file {
			t.Errorf("%s/%s: got %q %q %q", tt.outcome, tt.authority, is.DocumentKind(), is.DocumentTitle(), is.DocumentFile())
		}
	}
}

func TestClauseHistoryNewestFirst(t *testing.T) {
	c := &Case{}
	for i, d := range []string{"2026-01-01", "2026-03-01", "2026-02-01", "2026-03-01"} {
		refs := []string{"4.2"}
		if i == 2 {
			refs = []string{"1.1"}
		}
		c.Issues = append(c.Issues, &Issue{Case: c, Number: i + 1, RaisedOn: MustDate(d), Clauses: refs})
	}
	var got []int
	for _, is := range c.ClauseHistory("4.2") {
		got = append(got, is.Number)
	}
	if len(got) != 3 || got[0] != 4 || got[1] != 2 || got[2] != 1 {
		t.Errorf("history of 4.2 = %v, want [4 2 1]", got)
	}
}

func TestSourceAtFallsBack(t *testing.T) {
	s := &Source{File: "f.md", StartLine: 1, Keys: NewKeys([]string{"events", "events[1]", "events[1].on"}, []int32{9, 12, 12})}
	tests := map[string]int{"events[1].on": 12, "events[1].kind": 12, "events[3].by": 9, "outcome.kind": 1}
	for path, want := range tests {
		if got := s.At(path); got.Line != want {
			t.Errorf("At(%q) = %v, want line %d", path, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, bad := range []string{"2026-02-30", "26-01-01", "2026/01/01", "", "2026-01-01T00:00:00Z"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) succeeded", bad)
		}
	}
	d := MustDate("2026-03-04")
	if d.Long() != "March 4, 2026" || d.String() != "2026-03-04" || d.AddDays(-4).String() != "2026-02-28" {
		t.Errorf("formatting: %q %q %q", d.Long(), d, d.AddDays(-4))
	}
}

func TestServiceMethod(t *testing.T) {
	counsel := &Counsel{Name: "R. Okonkwo", Email: "ro@law.example", Address: []string{"1 Main St"}}
	tests := []struct {
		name    string
		p       Party
		method  string
		email   string
		address int
	}{
		{"nothing on record", Party{Name: "A"}, "", "", 0},
		{"email by default", Party{Email: "a@example.com"}, ServeEmail, "a@example.com", 0},
		{"mail when there is only an address", Party{Address: []string{"2 Elm St"}}, ServeMail, "", 1},
		{"email over mail", Party{Email: "a@example.com", Address: []string{"2 Elm St"}}, ServeEmail, "a@example.com", 1},
		{"serve_by wins", Party{Email: "a@example.com", Address: []string{"2 Elm St"}, ServeBy: ServeMail}, ServeMail, "a@example.com", 1},
		{"counsel is served, not the parent", Party{Email: "a@example.com", Counsel: counsel}, ServeEmail, "ro@law.example", 1},
		{"counsel by name only has no contact", Party{Email: "a@example.com", Counsel: &Counsel{Name: "R. Okonkwo"}}, "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.ServiceMethod(); got != tt.method {
				t.Errorf("ServiceMethod = %q, want %q", got, tt.method)
			}
			if got := tt.p.ServiceEmail(); got != tt.email {
				t.Errorf("ServiceEmail = %q, want %q", got, tt.email)
			}
			if got := len(tt.p.ServiceAddress()); got != tt.address {
				t.Errorf("ServiceAddress has %d lines, want %d", got, tt.address)
			}
			if got, want := tt.p.Represented(), !tt.p.Counsel.IsZero(); got != want {
				t.Errorf("Represented = %v", got)
			}
		})
	}
	if s := (&Counsel{Name: "R. Okonkwo", Firm: "Okonkwo & Vance LLP"}).String(); s != "R. Okonkwo, Okonkwo & Vance LLP" {
		t.Errorf("Counsel.String = %q", s)
	}
}

func TestAdoption(t *testing.T) {
	c := &Case{ID: "c", Appointment: Appointment{Authority: AuthorityRecommend}}
	filed := &Outcome{Kind: OutcomeDetermination, FiledOn: MustDate("2026-03-30")}
	adopted := &Outcome{Kind: OutcomeDetermination, FiledOn: MustDate("2026-03-30"), AdoptedOn: MustDate("2026-04-20")}
	tests := []struct {
		name             string
		authority        string
		o                *Outcome
		awaiting, adopts bool
	}{
		{"pending", AuthorityRecommend, nil, false, false},
		{"not yet filed", AuthorityRecommend, &Outcome{Kind: OutcomeDetermination}, false, false},
		{"filed", AuthorityRecommend, filed, true, false},
		{"adopted", AuthorityRecommend, adopted, false, true},
		{"a binding determination is never adopted", AuthorityBinding, adopted, false, false},
		{"an agreement is not a recommendation", AuthorityRecommend, &Outcome{Kind: OutcomeAgreement, FiledOn: MustDate("2026-03-30")}, false, false},
	}
	for _, tt := range tests {
		c.Appointment.Authority = tt.authority
		is := &Issue{Case: c, Outcome: tt.o}
		if is.AwaitingAdoption() != tt.awaiting || is.Adopted() != tt.adopts {
			t.Errorf("%s: AwaitingAdoption %v, Adopted %v", tt.name, is.AwaitingAdoption(), is.Adopted())
		}
	}
}

func TestJurisdictionAndLabels(t *testing.T) {
	p := &Practice{}
	c := &Case{}
	if got := c.JurisdictionCode(p); got != DefaultJurisdiction {
		t.Errorf("no jurisdiction anywhere: %q", got)
	}
	p.Jurisdiction = "CO"
	if got := c.JurisdictionCode(p); got != "CO" {
		t.Errorf("practice's: %q", got)
	}
	c.Jurisdiction = "TX"
	if got := c.JurisdictionCode(p); got != "TX" {
		t.Errorf("case's: %q", got)
	}
	if (Plan{}).Label() != "Paragraph" || (Plan{ClauseLabel: "Section"}).Label() != "Section" {
		t.Error("Plan.Label")
	}
	is := &Issue{Events: []Event{
		{On: MustDate("2026-01-02"), Kind: EventNotice, By: PartyB},
		{On: MustDate("2026-01-03"), Kind: EventNotice},
	}}
	if got := is.Noticed(PartyB); got != MustDate("2026-01-02") {
		t.Errorf("Noticed(parent_b) = %v", got)
	}
	if got := is.Noticed(PartyA); got != MustDate("2026-01-03") {
		t.Errorf("Noticed(parent_a) = %v: a notice to parent_b is not one to parent_a", got)
	}
	p.Holidays = []Date{MustDate("2026-11-27")}
	if !p.IsHoliday(MustDate("2026-11-27")) || p.IsHoliday(MustDate("2026-11-26")) {
		t.Error("IsHoliday")
	}
}

func TestAmendedBy(t *testing.T) {
	d := MustDate
	c := &Case{}
	doc := func(n, amends int, on string) *Issue {
		return &Issue{Case: c, Number: n, Amends: amends, Outcome: &Outcome{Kind: OutcomeDetermination, On: d(on)}}
	}
	pending := &Issue{Case: c, Number: 4, Amends: 1}
	c.Issues = []*Issue{doc(1, 0, "2026-01-05"), doc(2, 1, "2026-02-01"), doc(3, 1, "2026-03-01"), pending}
	if by := c.AmendedBy(1); by == nil || by.Number != 3 {
		t.Errorf("AmendedBy(1) = %v, want issue 3, the latest documented amendment", by)
	}
	if by := c.AmendedBy(2); by != nil {
		t.Errorf("AmendedBy(2) = issue %d, want none", by.Number)
	}
}
