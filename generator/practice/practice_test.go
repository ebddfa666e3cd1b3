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
