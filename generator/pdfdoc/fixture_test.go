package pdfdoc

import (
	"crypto/sha256"
	"os"
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

// d is practice.MustDate, short for fixtures.
var d = practice.MustDate

func intp(n int) *int { return &n }

// fixture builds a small practice in Go (the parser is another package):
// a binding case with a determination, a determination where one parent did
// not respond, and an agreement; and a recommending case with an urgent
// recommendation made without mediation and a filing deadline.
func fixture(tb testing.TB) *practice.Practice {
	tb.Helper()
	record, err := os.ReadFile("testdata/record.md")
	if err != nil {
		tb.Fatal(err)
	}
	p := &practice.Practice{
		Name: "Miller Mediation & Arbitration",
		Coordinator: practice.Coordinator{
			Name:        "Eleanor J. Miller",
			Credentials: "J.D., LL.M., Certified Family Mediator",
			Email:       "eleanor.miller@miller-mediation.example",
			Phone:       "+1 (555) 014-2290",
			Address:     []string{"418 Cedar Row, Suite 3B", "Port Halden, Marlow County 55014"},
		},
		Rules: practice.Rules{DecisionDays: intp(10), ObjectionDays: intp(10), FilingDays: intp(0)},
	}
	a := &practice.Case{
		ID:          "2025-fam-0387-muller-lukasik",
		Title:       "Müller-Łukasik and Harlow",
		Court:       "Circuit Court of Marlow County, Family Division",
		CourtCaseNo: "FC-2025-0387",
		Appointment: practice.Appointment{
			OrderDate: d("2025-09-15"), TermEnds: d("2027-09-14"), Authority: practice.AuthorityBinding,
			OrderRef: "Stipulated Order Appointing Parenting Coordinator, para. 4",
		},
		Parties: practice.Parties{
			ParentA: practice.Party{Name: "Zoë Müller-Łukasik", Label: "Mother", Email: "zoe.ml@example.com"},
			ParentB: practice.Party{Name: "Daniel Harlow", Label: "Father", Email: "d.harlow@example.com", Counsel: &practice.Counsel{Name: "Ruth A. Okonkwo", Firm: "Okonkwo & Vance LLP", Email: "rao@okonkwo-vance.example"}},
		},
		Children: []practice.Child{{Initials: "M.H.", Born: 2016}, {Initials: "T.H.", Born: 2019}},
		Plan: practice.Plan{Title: "Stipulated Parenting Plan", Date: d("2025-08-28"), ClauseLabel: "clause", Clauses: []practice.Clause{
			{Ref: "3.2", Title: "Exchanges", Text: "Exchanges on school days shall occur at Linden Park Elementary School, the receiving parent collecting the children at dismissal. Exchanges on days without school shall occur at 5:00 p.m. in the lobby of the Eastbrook Public Library unless the parents agree otherwise in writing."},
			{Ref: "5.1", Title: "Communication", Text: "The parents shall communicate about the children in writing through the ParentPost application, except in an emergency. Each parent shall respond to a message that requires a decision within 48 hours."},
			{Ref: "9.9", Title: "Long clause", Text: strings.Repeat("The parents shall confer in good faith about every matter this paragraph lists, and neither shall unreasonably withhold agreement — “in good faith” meaning promptly, courteously and in writing. ", 40)},
		}},
	}
	det := &practice.Issue{
		Case: a, Number: 3, Title: "Exchanges on school closure days", Category: "exchanges",
		RaisedBy: practice.PartyA, RaisedOn: d("2026-02-11"), Clauses: []string{"3.2"},
		Question: "When the school is closed on a school day, does the exchange take place at the school at dismissal time or at the Eastbrook Public Library at 5:00 p.m.?",
		Positions: practice.Positions{
			ParentA: "On a day the school is closed there is no dismissal; the exchange should be at the library at 5:00 p.m.",
			ParentB: "A weekday in term is a “school day”; the exchange should be at the school’s front gate at 3:15 p.m.",
		},
		Events: []practice.Event{
			{On: d("2026-02-12"), Kind: practice.EventNotice},
			{On: d("2026-02-16"), Kind: practice.EventSubmission, By: practice.PartyA},
			{On: d("2026-02-17"), Kind: practice.EventSubmission, By: practice.PartyB, Note: "Through counsel"},
			{On: d("2026-02-20"), Kind: practice.EventMediation, Result: practice.ResultNoAgreement, Note: "Joint session by video"},
			{On: d("2026-02-23"), Kind: practice.EventRecordClosed},
		},
		Outcome: &practice.Outcome{
			Kind: practice.OutcomeDetermination, On: d("2026-03-02"), Effective: d("2026-03-09"), ServedOn: d("2026-03-03"),
			Summary: "On a day the school is closed, the exchange takes place at the library at 5:00 p.m.",
			Directives: []string{
				"A “school day” in paragraph 3.2 is a day on which Linden Park Elementary School is open for instruction.",
				"On a weekday when the school is closed, the exchange shall occur at 5:00 p.m. in the lobby of the Eastbrook Public Library.",
				"Either parent may propose a different place in writing through ParentPost; the other parent shall answer within 48 hours.",
			},
		},
		Body: string(record),
		Src:  practice.Source{File: "content/cases/2025-fam-0387-muller-lukasik/issues/003-school-closures.md", Sum: sha256.Sum256([]byte("issue 3"))},
	}
	silent := &practice.Issue{
		Case: a, Number: 4, Title: "Response time on ParentPost", Category: "communication",
		RaisedBy: practice.PartyA, RaisedOn: d("2026-03-05"), Clauses: []string{"5.1", "9.9"}, Silent: true,
		Question:  "Does the 48-hour response time run over a weekend?",
		Positions: practice.Positions{ParentA: "Yes: 48 hours means 48 hours."},
		Events: []practice.Event{
			{On: d("2026-03-06"), Kind: practice.EventNotice},
			{On: d("2026-03-09"), Kind: practice.EventSubmission, By: practice.PartyA},
			{On: d("2026-03-12"), Kind: practice.EventMediation, Result: practice.ResultNoAgreement},
			{On: d("2026-03-16"), Kind: practice.EventRecordClosed},
		},
		Amends: 3,
		Outcome: &practice.Outcome{
			Kind: practice.OutcomeDetermination, On: d("2026-03-20"), ServedOn: d("2026-03-21"),
			Summary:    "The 48 hours run over weekends.",
			Directives: []string{strings.Repeat("The parent who receives a message that requires a decision shall answer it within 48 hours, counted continuously over weekends and holidays, and shall say in the answer whether more time is needed and why — “more time” never exceeding a further 48 hours. ", 30)},
		},
		Body: "The Father did not respond.",
		Src:  practice.Source{File: "content/cases/2025-fam-0387-muller-lukasik/issues/004-response-time.md", Sum: sha256.Sum256([]byte("issue 4"))},
	}
	agr := &practice.Issue{
		Case: a, Number: 2, Title: "Winter break handover", Category: "holidays",
		RaisedBy: practice.PartyBoth, RaisedOn: d("2025-11-20"), Clauses: []string{"3.2"},
		Question: "Where does the winter-break handover take place?",
		Events: []practice.Event{
			{On: d("2025-11-21"), Kind: practice.EventNotice},
			{On: d("2025-12-01"), Kind: practice.EventMediation, Result: practice.ResultAgreement},
		},
		Outcome: &practice.Outcome{
			Kind: practice.OutcomeAgreement, On: d("2025-12-01"), Effective: d("2025-12-19"),
			Summary:    "Handover at the library at noon.",
			Directives: []string{"The winter-break handover shall take place at noon in the lobby of the Eastbrook Public Library.", "The parent handing over shall pack the children’s school bags."},
		},
		Src: practice.Source{File: "content/cases/2025-fam-0387-muller-lukasik/issues/002-winter.md", Sum: sha256.Sum256([]byte("issue 2"))},
	}
	a.Issues = []*practice.Issue{agr, det, silent}

	b := &practice.Case{
		ID:          "2026-fam-0142-nunez-obrien",
		Title:       "Núñez and O’Brien",
		Court:       "Superior Court of Halden County",
		CourtCaseNo: "DR 2026/0142",
		Appointment: practice.Appointment{OrderDate: d("2026-01-05"), Authority: practice.AuthorityRecommend, OrderRef: "Order on Parenting Coordination"},
		Parties: practice.Parties{
			ParentA: practice.Party{Name: "José Núñez", Label: "Father", Email: "jose@example.com"},
			ParentB: practice.Party{Name: "Siobhán O’Brien", Label: "Mother", Email: "siobhan@example.com"},
		},
		Children: []practice.Child{{Initials: "A.N.", Born: 2014}},
		Plan:     practice.Plan{Title: "Parenting Order", Clauses: []practice.Clause{{Ref: "7", Title: "Travel", Text: "A parent travelling abroad with the child shall give 30 days’ notice."}}},
		Rules:    practice.Rules{FilingDays: intp(14)},
	}
	rec := &practice.Issue{
		Case: b, Number: 1, Title: "Passport renewal before a school trip", Category: "travel", Urgent: true,
		RaisedBy: practice.PartyB, RaisedOn: d("2026-02-02"), Clauses: []string{"7"},
		Question:  "Must the Father sign the child’s passport renewal form before February 20, 2026?",
		Positions: practice.Positions{ParentA: "The trip is not urgent.", ParentB: "The school trip leaves on March 1."},
		Events: []practice.Event{
			{On: d("2026-02-02"), Kind: practice.EventNotice},
			{On: d("2026-02-04"), Kind: practice.EventSubmission, By: practice.PartyA},
			{On: d("2026-02-04"), Kind: practice.EventSubmission, By: practice.PartyB},
		},
		Outcome: &practice.Outcome{
			Kind: practice.OutcomeDetermination, On: d("2026-02-06"), ServedOn: d("2026-02-06"),
			Summary:         "The Father signs the renewal form by February 13.",
			Directives:      []string{"The Father shall sign the passport renewal form by February 13, 2026."},
			MediationWaived: "the passport office needs the form within ten days",
		},
		Body: "The trip was planned by the school in September.",
		Src:  practice.Source{File: "content/cases/2026-fam-0142-nunez-obrien/issues/001-passport.md", Sum: sha256.Sum256([]byte("issue 1"))},
	}
	b.Issues = []*practice.Issue{rec}
	p.Cases = []*practice.Case{a, b}
	return p
}
