package document

import (
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

func TestReports(t *testing.T) {
	p := fixture()
	c := p.Cases[0]
	// A second coordinator acts in the case.
	p.Coordinators = []practice.Coordinator{{ID: "reyes", Name: "Priya N. Reyes", Credentials: "LCSW", Email: "mr@example.org"}}
	c.Coordinator = "reyes"
	// A pending issue, and a directive of issue 1 not followed; its note
	// speaks of the screening and must not reach the court's report.
	c.Issues = append(c.Issues, &practice.Issue{Case: c, Number: 4, Title: "Summer", Category: "holidays", RaisedOn: d("2026-05-01"),
		Events: []practice.Event{{On: d("2026-05-02"), Kind: practice.EventNotice}, {On: d("2026-05-09"), Kind: practice.EventRecordClosed}}})
	c.Issues[0].Category = "exchanges"
	c.Issues[1].Category = "exchanges"
	c.Issues[2].Category = "holidays"
	c.Issues[0].Events = append(c.Issues[0].Events,
		practice.Event{On: d("2026-03-20"), Kind: practice.EventNoncompliance, By: practice.PartyB, Directive: 1, Note: "The Father waited at the school."},
		practice.Event{On: d("2026-04-20"), Kind: practice.EventNoncompliance, By: practice.PartyB, Directive: 1, Note: "The safety screening came up again."},
		practice.Event{On: d("2026-06-20"), Kind: practice.EventNoncompliance, By: practice.PartyA, Directive: 1, Note: "After the report's date."},
	)
	c.Appointment.TermEnds = d("2026-12-31")
	c.Appointment.Terminated = &practice.Termination{On: d("2026-05-31"), Reason: "The parents reconciled"}
	opt := ReportOptions{AsOf: d("2026-05-15"), Served: d("2026-05-16"), Rules: Rules{CopyToRepresentedParent: true}}

	tests := []struct {
		kind      string
		asOf      practice.Date
		want, not []string
	}{
		{KindStatusReport, opt.AsOf, []string{
			"Parenting Coordinator’s Status Report", "Before the Parenting Coordinator, Priya N. Reyes",
			"the parents raised 4 issues",
			"Exchanges 2 2 0", "Holidays 2 1 1", "Total 4 3 1",
			"1 Closure days Exchanges 2026-02-01 Determination 2026-03-02",
			"4 Summer Holidays 2026-05-01 Pending",
			"Issue 4, Summer, raised on May 1, 2026 by a parent. The record closed on May 9, 2026; a decision is due by May 19, 2026.",
			"recorded 2 instances of non-compliance with the outcome of issue 1",
			"I certify that on May 16, 2026 I served a copy of this report",
			"Ruth Okonkwo, Okonkwo LLP, counsel for Dan Hale", "Dan Hale (Father, a copy)",
			"/s/ Priya N. Reyes", "LCSW Parenting Coordinator",
		}, []string{"Eleanor J. Miller", "terminated"}},
		{KindNoncomplianceReport, opt.AsOf, []string{
			"Report of Non-Compliance", "reports 2 instances of non-compliance",
			"2026-03-20 Dan Hale Determination No. 1 1", "Directive 1 provides:", "“The exchange is at the library.”",
			"On March 20, 2026, Dan Hale (Father) did not comply with this directive. The Father waited at the school.",
			"On April 20, 2026, Dan Hale (Father) did not comply with this directive.",
			"Determination No. 1 was issued on March 2, 2026",
		}, []string{"screening", "After the report's date", "Zoë Müller (Mother) did not comply"}},
		{KindEndOfTermReport, d("2026-06-01"), []string{
			"Termination of the appointment on May 31, 2026", "The appointment was terminated on May 31, 2026: The parents reconciled.",
			"The appointment ran from January 5, 2026 to May 31, 2026, 147 days.",
			"4 issues with the Parenting Coordinator: 2 determinations, 1 agreement and 1 pending at the end of the term",
			"Issue 4, Summer", "a decision was due by May 19, 2026 and is overdue",
		}, []string{"The term ended"}},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			o := opt
			o.AsOf = tt.asOf
			doc, err := Report(p, c, tt.kind, o)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(words(doc)+" "+doc.Re+" "+strings.Join(doc.Caption.Before, " ")), " ")
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("the report does not say %q\n%s", w, text)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(text, w) {
					t.Errorf("the report says %q", w)
				}
			}
			if doc.Coordinator != "reyes" || !strings.HasPrefix(doc.Author, "Priya N. Reyes") {
				t.Errorf("author %q, coordinator %q: want the case's coordinator", doc.Author, doc.Coordinator)
			}
			again, _ := Report(p, c, tt.kind, o)
			if again.ID != doc.ID || words(again) != words(doc) {
				t.Error("two builds differ")
			}
		})
	}

	// Nothing to report is an error, not an empty report.
	for _, tt := range []struct {
		kind string
		asOf practice.Date
		want string
	}{
		{KindNoncomplianceReport, d("2026-03-01"), "no noncompliance event on or before 2026-03-01"},
		{KindEndOfTermReport, d("2026-05-30"), "ends on 2026-05-31, after 2026-05-30"},
		{"minutes", d("2026-05-30"), "not a kind of report"},
	} {
		if _, err := Report(p, c, tt.kind, ReportOptions{AsOf: tt.asOf}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s as of %s: got %v, want %q", tt.kind, tt.asOf, err, tt.want)
		}
	}

	// An edit of the case's files gives the report a new identifier.
	before, _ := Report(p, c, KindStatusReport, opt)
	c.Issues[3].Src.Sum[0] ^= 1
	after, _ := Report(p, c, KindStatusReport, opt)
	if before.ID == after.ID {
		t.Errorf("the identifier %s did not change with the case's files", before.ID)
	}
}

// TestNoncomplianceNotInDetermination checks that a directive not followed,
// recorded on the issue after its document, never changes what the
// document says: the process it recounts ended with the decision.
func TestNoncomplianceNotInDetermination(t *testing.T) {
	p := fixture()
	is := p.Cases[0].Issues[0]
	before, err := Build(p, is, Rules{})
	if err != nil {
		t.Fatal(err)
	}
	is.Events = append(is.Events, practice.Event{On: d("2026-03-20"), Kind: practice.EventNoncompliance, By: practice.PartyB, Directive: 1, Note: "The Father waited at the school."})
	after, err := Build(p, is, Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if words(before) != words(after) {
		t.Errorf("a noncompliance event changed the determination:\n%s\n---\n%s", words(before), words(after))
	}
}
