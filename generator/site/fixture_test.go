package site

import (
	"fmt"

	"pcdocket/generator/practice"
)

var asOf = practice.MustDate("2026-03-15")

func d(s string) practice.Date { return practice.MustDate(s) }

func intp(n int) *int { return &n }

// samplePractice is a small practice that reaches every branch of the
// templates: every outcome kind, a recommendation, a non-responding parent,
// an urgent waiver of mediation, an out-of-scope referral, a silent plan, an
// overdue issue, non-ASCII names, a clause ref that needs a safe file name,
// and hostile text in a title, a position and a body.
func samplePractice() *practice.Practice {
	p := &practice.Practice{
		Name: "Miller Mediation & Arbitration",
		Coordinator: practice.Coordinator{
			Name: "Dana Miller", Credentials: "J.D.",
			Email: "dana@example.org", Address: []string{"12 Elm Street", "Springfield"},
		},
		Rules: practice.Rules{DecisionDays: intp(10), ObjectionDays: intp(10)},
	}
	a := &practice.Case{
		ID: "alvarez-brennan", Title: "Müller-Łukasik & Núñez", Court: "Superior Court of Marin County",
		CourtCaseNo: "FL-2023-00417", Status: practice.StatusActive,
		Appointment: practice.Appointment{
			OrderDate: d("2025-01-10"), TermEnds: d("2027-01-10"), Authority: practice.AuthorityBinding,
			OrderRef:           "Stipulated Order Appointing Parenting Coordinator, para. 4",
			ConflictDisclosure: practice.Disclosure{Due: d("2025-01-20"), Filed: d("2025-01-17")},
			Extensions:         []practice.Extension{{On: d("2026-12-01"), TermEnds: d("2027-07-10"), OrderRef: "Order Extending the Term"}},
		},
		Parties: practice.Parties{
			ParentA: practice.Party{Name: "Zoë Müller-Łukasik", Label: "Mother", Counsel: &practice.Counsel{Name: "Siobhán O’Brien"}},
			ParentB: practice.Party{Name: "José Núñez", Label: "Father"},
		},
		Children: []practice.Child{{Initials: "A.N.", Born: 2015}, {Initials: "M.N.", Born: 2018}},
		Plan: practice.Plan{Title: "Stipulated Parenting Plan", Date: d("2024-11-02"), Clauses: []practice.Clause{
			{Ref: "4.2", Title: "Holidays", Text: "The children spend alternating Thanksgivings with each parent.\nWinter break is divided equally."},
			{Ref: "5.1", Title: "Exchanges", Text: "Exchanges take place at the children's school, or at 6 p.m. at the public library when school is not in session."},
			{Ref: "§ 7(b)", Title: "Travel", Text: "Either parent may travel with the children within the state on notice."},
		}},
		Safety: &practice.Safety{ScreenedOn: d("2025-01-05"), Result: "No indicators found", Safeguards: []string{"separate sessions on request"}},
		Body:   "## Background\n\nParents separated in 2022. *Communication through the co-parenting app only.*\n",
	}
	a.Issues = []*practice.Issue{
		{
			Number: 1, Title: "Thanksgiving 2025", Category: "holidays", RaisedBy: practice.PartyA, RaisedOn: d("2025-10-01"),
			Clauses: []string{"4.2"}, Question: "Which parent has the children for Thanksgiving 2025?",
			Positions: practice.Positions{ParentA: "2024 was with Father, so 2025 is mine.", ParentB: "The alternation starts in odd years."},
			Events: []practice.Event{
				{On: d("2025-10-02"), Kind: practice.EventNotice},
				{On: d("2025-10-06"), Kind: practice.EventSubmission, By: practice.PartyA},
				{On: d("2025-10-07"), Kind: practice.EventSubmission, By: practice.PartyB},
				{On: d("2025-10-10"), Kind: practice.EventMediation, Result: practice.ResultNoAgreement},
				{On: d("2025-10-12"), Kind: practice.EventRecordClosed},
			},
			Outcome: &practice.Outcome{
				Kind: practice.OutcomeDetermination, On: d("2025-10-20"), Effective: d("2025-10-22"), ServedOn: d("2025-10-21"),
				Summary:    "Thanksgiving 2025 is with Mother; the alternation continues from there.",
				Directives: []string{"The children spend Thanksgiving 2025 with Mother, from Wednesday 6 p.m. to Sunday 6 p.m.", "Thanksgiving 2026 is with Father."},
			},
			Body: "# Findings\n\nThe plan does not say where the alternation begins.[^1]\n\n| Year | Parent |\n|---|---|\n| 2024 | Father |\n\n[^1]: Clause 4.2.\n",
		},
		{
			Number: 2, Title: "Exchange location in summer", Category: "exchanges", RaisedBy: practice.PartyBoth, RaisedOn: d("2025-06-01"),
			Clauses: []string{"5.1", "4.2"}, Question: "Where do exchanges happen during summer break?",
			Positions: practice.Positions{ParentA: "The library.", ParentB: "The library or the park."},
			Events:    []practice.Event{{On: d("2025-06-05"), Kind: practice.EventMediation, Result: practice.ResultAgreement}},
			Outcome: &practice.Outcome{
				Kind: practice.OutcomeAgreement, On: d("2025-06-05"), Summary: "Summer exchanges at the public library.",
				Directives: []string{"Summer exchanges take place at the public library at 6 p.m."},
			},
			Body: "The parents agreed during mediation.\n",
		},
		{
			Number: 3, Title: "Spring break travel", Category: "travel", RaisedBy: practice.PartyB, RaisedOn: d("2026-01-20"), Urgent: true,
			Clauses: []string{"§ 7(b)"}, Question: "May Father take the children to the coast over spring break?",
			Positions: practice.Positions{ParentB: "It is within the state."},
			Events: []practice.Event{
				{On: d("2026-01-21"), Kind: practice.EventNotice},
				{On: d("2026-02-10"), Kind: practice.EventRecordClosed, Note: "Mother did not respond."},
			},
		},
		{
			Number: 4, Title: "<script>alert('title')</script> Tablet rules", Category: "technology", RaisedBy: practice.PartyA, RaisedOn: d("2026-03-01"),
			Clauses: []string{"5.1"}, Silent: true, Question: "What are the rules for the children's tablet at each home?",
			Positions: practice.Positions{ParentA: "<script>alert('position')</script> One hour a day."},
			Body:      "Mother wrote: <script>alert('body')</script>\n",
		},
		{
			Number: 5, Title: "Move to Portland", Category: "relocation", RaisedBy: practice.PartyB, RaisedOn: d("2025-08-01"),
			Clauses: []string{"§ 7(b)"}, Question: "May Father move with the children to Portland?",
			Outcome: &practice.Outcome{Kind: practice.OutcomeReferred, On: d("2025-08-03"), ReferredTo: "court"},
		},
		{
			Number: 6, Title: "Soccer fees", Category: "extracurricular", RaisedBy: practice.PartyA, RaisedOn: d("2025-09-01"),
			Clauses: []string{"4.2"}, Question: "Who pays the soccer fees?",
			Outcome: &practice.Outcome{Kind: practice.OutcomeWithdrawn, On: d("2025-09-04")},
		},
	}
	b := &practice.Case{
		ID: "okafor-reyes", Title: "Okafor & Reyes", Court: "Circuit Court of Cook County",
		CourtCaseNo: "2024-D-009931", Status: practice.StatusActive,
		Appointment: practice.Appointment{
			OrderDate: d("2024-05-01"), Authority: practice.AuthorityRecommend, ScopeOut: []string{"travel"},
		},
		Parties: practice.Parties{
			ParentA: practice.Party{Name: "Chidinma Okafor", Label: "Mother"},
			ParentB: practice.Party{Name: "Mateo Reyes", Label: "Father", Counsel: &practice.Counsel{Name: "Ana Flores"}},
		},
		Children: []practice.Child{{Initials: "L.R.", Born: 2019}},
		Plan: practice.Plan{Title: "Judgment for Allocation of Parental Responsibilities", Clauses: []practice.Clause{
			{Ref: "2", Title: "Regular schedule", Text: "Alternate weekends with Father, Friday to Monday."},
		}},
		Rules: practice.Rules{DecisionDays: intp(7)},
	}
	b.Issues = []*practice.Issue{
		{
			Number: 1, Title: "Pick-up time on Fridays", Category: "schedule", RaisedBy: practice.PartyB, RaisedOn: d("2025-11-03"), Urgent: true,
			Clauses: []string{"2"}, Question: "At what time does Father's weekend begin on Fridays?",
			Positions: practice.Positions{ParentB: "At school dismissal."},
			Events: []practice.Event{
				{On: d("2025-11-04"), Kind: practice.EventNotice},
				{On: d("2025-11-06"), Kind: practice.EventRecordClosed},
			},
			Outcome: &practice.Outcome{
				Kind: practice.OutcomeDetermination, On: d("2025-11-07"),
				Summary: "Weekends begin at school dismissal.", Directives: []string{"Father picks the child up at school dismissal on his Fridays."},
				MediationWaived: "urgent: the next weekend began the following day",
			},
		},
		{
			Number: 2, Title: "Friday pick-up when school is closed", Category: "schedule", RaisedBy: practice.PartyA, RaisedOn: d("2026-03-02"),
			Clauses: []string{"2"}, Question: "Where does pick-up happen when school is closed?",
			Events: []practice.Event{{On: d("2026-03-10"), Kind: practice.EventRecordClosed}},
		},
	}
	// The log: a shared and a private entry about issue 1, a contact
	// logged, a session and a hearing scheduled, a hearing with someone
	// outside the case, and hostile text; a disclosure owed, and a case
	// with no log at all.
	p.Timezone = "America/Los_Angeles"
	a.Log = &practice.CommLog{File: "content/cases/alvarez-brennan/log.txt", Entries: []practice.LogEntry{
		{Line: 1, Date: d("2025-10-10"), Clock: 600, Mode: practice.LogSession, Minutes: 90, With: []string{"mother", "parent_b", "A.N."}, Issue: 1, Bill: true, Summary: "Joint session on Thanksgiving"},
		{Line: 2, Date: d("2025-10-11"), Clock: -1, Mode: practice.LogCall, Minutes: 20, With: []string{"mother"}, Issue: 1, Private: true, Summary: "SECRET-CALL: the Mother raised a worry"},
		{Line: 3, Date: d("2026-03-10"), Clock: 9 * 60, Mode: practice.LogCall, Minutes: 15, With: []string{practice.PartyA}, Summary: "Spring break dates"},
		{Line: 4, Date: d("2026-03-17"), Clock: 14*60 + 30, Mode: practice.LogSession, Minutes: 90, Scheduled: true,
			With: []string{practice.PartyA, practice.PartyB}, Issue: 3, Summary: "Joint session; bring the school calendar, <both> \\ dates"},
		{Line: 5, Date: d("2026-03-20"), Clock: -1, Mode: practice.LogCourt, Scheduled: true, Private: true, Summary: "Status hearing, Dept. 4"},
		{Line: 6, Date: d("2026-04-02"), Clock: 840, Mode: practice.LogCourt, With: []string{"both", "counsel_a", "school counselor"}, Outside: []string{"school counselor"}, Scheduled: true, Summary: "Review hearing <script>alert(1)</script>"},
	}}
	b.Appointment.ConflictDisclosure = practice.Disclosure{Due: d("2026-03-18")}
	p.Cases = []*practice.Case{a, b}
	for _, c := range p.Cases {
		for _, is := range c.Issues {
			is.Case = c
		}
	}
	p.SortCases()
	return p
}

// generated returns a synthetic practice of n issues spread over n/50
// cases, for benchmarks.
func generated(n int) *practice.Practice {
	p := samplePractice()
	p.Cases = nil
	cats := practice.Categories[:14]
	kinds := []string{"", practice.OutcomeAgreement, practice.OutcomeDetermination, practice.OutcomeWithdrawn, "", practice.OutcomeDetermination}
	body := "## Background\n\nThe parents disagree about *this*.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nA longer paragraph of findings, as a real record has, with some **emphasis** and a [link](https://example.org).\n"
	base := d("2024-01-01")
	for i := 0; len(p.Issues()) < n; i++ {
		c := &practice.Case{
			ID: fmt.Sprintf("case-%04d", i), Title: fmt.Sprintf("Family %d", i), Court: "Superior Court", CourtCaseNo: fmt.Sprintf("FL-%06d", i),
			Appointment: practice.Appointment{OrderDate: base, OrderRef: "Order"},
			Parties: practice.Parties{
				ParentA: practice.Party{Name: "Parent A", Label: "Mother"}, ParentB: practice.Party{Name: "Parent B", Label: "Father"},
			},
			Children: []practice.Child{{Initials: "X.Y.", Born: 2016}},
			Body:     body,
		}
		for j := 0; j < 20; j++ {
			c.Plan.Clauses = append(c.Plan.Clauses, practice.Clause{Ref: fmt.Sprintf("%d.%d", j/5+1, j%5+1), Title: "Clause", Text: "The parents shall cooperate."})
		}
		for j := 1; j <= 50 && len(p.Issues())+len(c.Issues) < n; j++ {
			raised := base.AddDays((i*50 + j) % 700)
			is := &practice.Issue{
				Case: c, Number: j, Title: fmt.Sprintf("Issue %d", j), Category: cats[j%len(cats)].Name, RaisedBy: practice.PartyA,
				RaisedOn: raised, Clauses: []string{c.Plan.Clauses[j%20].Ref, c.Plan.Clauses[(j*7)%20].Ref}, Question: "What now?",
				Positions: practice.Positions{ParentA: "This.", ParentB: "That."},
				Events: []practice.Event{
					{On: raised.AddDays(1), Kind: practice.EventNotice},
					{On: raised.AddDays(5), Kind: practice.EventMediation, Result: practice.ResultNoAgreement},
					{On: raised.AddDays(9), Kind: practice.EventRecordClosed},
				},
				Body: body,
			}
			if k := kinds[j%len(kinds)]; k != "" {
				is.Outcome = &practice.Outcome{Kind: k, On: raised.AddDays(12), ServedOn: raised.AddDays(13), Summary: "Decided.", Directives: []string{"Do this.", "Then that."}}
			}
			c.Issues = append(c.Issues, is)
		}
		p.Cases = append(p.Cases, c)
	}
	p.SortCases()
	return p
}
