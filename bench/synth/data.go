package synth

// The vocabularies the generator draws from. Every name is invented; the
// lists mix in accented letters, hyphenated surnames and apostrophes so that
// the renderers meet them at scale.

const practiceYAML = `# A synthetic practice written by pcdocket/bench/synth. Every name is invented.
name: Harrow Lane Parenting Coordination
coordinator:
  name: Margit O. Ellery
  credentials: J.D., Certified Family Mediator
  email: office@harrow-lane.example
  phone: +1 (555) 010-4477
  address:
    - Harrow Lane Parenting Coordination
    - 27 Harrow Lane, Suite 5
    - Fenwick, Ardley County 55190
public:
  base_url: https://harrow-lane.example
timezone: America/Chicago
rules:
  decision_days: 10
  objection_days: 10
  filing_days: 0
`

var publicPages = map[string]string{
	"index.md": `---
title: Parenting coordination
description: Day-to-day disagreements under an existing parenting plan, settled quickly and out of court.
weight: 0
---
**Parenting coordination applies the parenting plan you already have.**

- It handles one small, specific disagreement at a time.
- It tries agreement first, and decides only when agreement fails.
- You keep your right to object or to ask the court to review a decision.
`,
	"contact.md": `---
title: Contact
description: How to reach the coordinator.
weight: 90
---
Write to the office or call during office hours. Do not send case documents by ordinary email.
`,
}

var firstNames = []string{
	"Zoë", "Daniel", "Siobhán", "Mateo", "Ingrid", "Tomás", "Amara", "Łukasz", "Priya", "Jonas",
	"Chloé", "Rafael", "Nkechi", "Søren", "Leila", "Marcus", "Ana Lucía", "Kenji", "Beatriz", "Oliver",
	"Hélène", "Tariq", "Maren", "Dmitri", "Fatima", "Eamon", "Yuki", "Gabriel", "Aoife", "Henrik",
}

var surnames = []string{
	"Müller-Łukasik", "Harlow", "O’Brien", "Castellanos", "Núñez", "Ward", "Okafor", "Lindqvist",
	"Brennan", "Aziz", "Fairweather", "Kowalczyk", "Delacroix", "Østergaard", "Moreau-Finch", "Adeyemi",
	"Valdés", "Thorne", "Nakamura", "Ferreira", "Grünewald", "McAllister", "Sørensen", "Ibáñez",
	"Whitcombe", "Haddad", "Van der Berg", "Petrović", "Ashworth", "Quiñones",
}

var courts = []string{
	"Circuit Court of Ardley County, Family Division",
	"Superior Court of Fenwick County, Family Part",
	"District Court of Marlow County, Domestic Relations",
}

var counsel = []string{
	"Ruth A. Okonkwo, Okonkwo & Vance LLP", "Declan Feeney, Feeney Mulcahy", "Ana Lucía Ferreira, Ferreira & Stone",
	"Peter Lindahl, Lindahl Family Law", "Grace Ebere, Ebere Clarke LLP",
}

// A topic is a plan provision and the kinds of dispute it gives rise to.
type topic struct {
	category string
	title    string
	text     string
	disputes []string // issue titles
	subject  string   // what the dispute is about, for prose
}

// topics are the provisions a plan draws from, in plan order.
var topics = []topic{
	{"schedule", "Regular residential schedule",
		"The children shall reside with the Mother from Sunday at 5:00 p.m. until Wednesday at the start of school, and with the Father from Wednesday until Friday at the end of school. The parents shall alternate weekends.",
		[]string{"Make-up time after a missed weekend", "Start of the alternating weekend", "Overnight before an early school trip", "Sunday return time during exams"},
		"the regular schedule"},
	{"holidays", "Holidays and school breaks",
		"Thanksgiving break shall be spent with the Mother in odd-numbered years and with the Father in even-numbered years. Winter break shall be divided equally, the exchange taking place at noon on the midpoint day.",
		[]string{"Start of Thanksgiving break", "Midpoint of winter break", "New Year's Eve", "Spring break in a leap year", "Mother's Day weekend"},
		"the holiday schedule"},
	{"exchanges", "Exchanges",
		"Exchanges shall take place at school on school days and otherwise at 5:00 p.m. in the lobby of the public library. Only a parent, or an adult both parents have approved in writing, shall carry out an exchange.",
		[]string{"Exchange location when school is closed", "Late arrivals at the library", "A relative at exchanges", "Exchange time on a public holiday"},
		"the exchanges"},
	{"transportation", "Transportation",
		"The receiving parent shall provide transportation. Each parent shall use an approved booster or car seat appropriate to each child's age and weight.",
		[]string{"Hockey practice transportation", "Booster seat in the second car", "Airport pick-up after a trip", "Carpool with a neighbour"},
		"transportation"},
	{"communication", "Communication between the parents",
		"The parents shall communicate about the children through the agreed co-parenting application, keep messages brief and child-focused, and reply to non-urgent messages within 48 hours.",
		[]string{"Response time to messages", "Phone during video calls", "Calls to the older child", "Tone of messages about school"},
		"communication"},
	{"extracurricular", "Extracurricular activities",
		"Neither parent shall enrol a child in an activity that takes place during the other parent's time without that parent's written consent, which shall not be unreasonably withheld.",
		[]string{"Swim club enrolment", "Violin lessons on Saturdays", "Second season of football", "Robotics club fees"},
		"the children's activities"},
	{"childcare", "Childcare and right of first refusal",
		"When a parent will be away for more than four hours during his or her time, that parent shall first offer the time to the other parent before arranging other childcare.",
		[]string{"First refusal for an evening class", "Babysitter on school holidays", "After-school club on Wednesdays"},
		"childcare"},
	{"travel", "Travel",
		"Either parent may travel with the children during his or her time, including outside the country for up to 21 days, on 45 days' written notice giving dates, destinations and contact details.",
		[]string{"Summer trip itinerary", "Passport for a December trip", "Notice for a weekend abroad", "Travel during a school week"},
		"travel"},
	{"school-logistics", "School",
		"Both parents may attend school events and parent-teacher conferences. Each parent shall share school notices received within two days.",
		[]string{"Separate parent-teacher conferences", "Science trip consent form", "School photo orders", "Homework routine across homes"},
		"school arrangements"},
	{"health-logistics", "Health care",
		"Each parent shall inform the other within 24 hours of any illness or injury requiring medical attention. Routine appointments shall be scheduled so as to minimise disruption to either parent's time.",
		[]string{"Orthodontist scheduling", "Allergy medication at both homes", "Dental check-up during the Father's week", "Eye test follow-up"},
		"health appointments"},
	{"technology", "Devices and screen time",
		"The parents shall apply the same rules for screen time and devices in both homes, as agreed in writing from time to time.",
		[]string{"A phone for the older child", "Screen time on school nights", "Online gaming with strangers"},
		"devices and screen time"},
	{"belongings", "Belongings",
		"The children's clothing, school equipment, musical instruments and medication shall travel with them between homes and be returned in reasonable condition.",
		[]string{"Violin and uniforms", "Winter coats", "The school laptop", "Sports kit after matches"},
		"the children's belongings"},
	{"extended-family", "Extended family",
		"Each parent shall encourage the children's relationships with both sides of the family and shall not permit a relative to speak disparagingly of the other parent in the children's presence.",
		[]string{"Grandmother at exchanges", "Visit of the paternal grandparents", "Cousin's wedding weekend"},
		"extended family"},
	{"other", "General provisions",
		"The parents shall act in the children's best interests, cooperate in good faith, and raise any disagreement about this plan with the parenting coordinator before applying to the court.",
		[]string{"Haircuts", "Pet at the Mother's home", "Religious holiday observance"},
		"a matter the plan does not name"},
	{"decision-making-change", "Decision-making",
		"The parents shall share major decisions about education, health and religion. Day-to-day decisions belong to the parent with whom the children are residing.",
		nil, "decision-making"},
	{"relocation", "Relocation",
		"Neither parent shall move the children's residence more than 25 miles from its present location without the other parent's written consent or an order of the court.",
		nil, "relocation"},
	{"child-support", "Expenses",
		"Child support and the sharing of childcare, activity and medical costs are governed by the Child Support Order of the same date and are outside the coordinator's appointment.",
		nil, "expenses"},
}

// outOfScope are the out-of-scope categories, with issue titles and where
// each is referred.
var outOfScope = []struct {
	category string
	titles   []string
	referTo  []string
}{
	{"plan-redesign", []string{"Rewrite of the whole schedule", "A new plan for the teenage years"}, []string{"mediation", "court"}},
	{"step-up-schedule", []string{"Overnights for the younger child", "Step-up to alternate weekends"}, []string{"mediation", "court"}},
	{"decision-making-change", []string{"Sole decision-making on schooling", "Change of school without consent"}, []string{"court", "mediation"}},
	{"foundational-dispute", []string{"Whether the plan still applies"}, []string{"court"}},
	{"custody-change", []string{"Request to change primary residence"}, []string{"court"}},
	{"relocation", []string{"Move to another state", "Relocation for a new job"}, []string{"court"}},
	{"child-support", []string{"Camp fees", "Share of orthodontic costs"}, []string{"support-agency", "court"}},
	{"therapy", []string{"Co-parenting coaching", "Counselling for the older child"}, []string{"therapist"}},
}

var notes = []string{
	"Joint session by video, 60 minutes.",
	"Separate sessions, by telephone.",
	"The parents asked for a short adjournment.",
	"Documents exchanged through the co-parenting application.",
	"Session held in the office; the parents sat in separate rooms.",
}

// sentences are the stock of the records' prose. {A} is parent A's
// name, {B} parent B's, {S} the subject of the dispute, {R} a clause ref.
var sentences = []string{
	"The plan addresses {S} in clause {R}, but it does not say what happens when the ordinary arrangement cannot be followed.",
	"{A} wrote through the co-parenting application that the arrangement had broken down twice in the past month.",
	"{B} accepts that the clause applies but reads it differently, and says the other reading would shorten his or her time.",
	"Neither parent alleges bad faith, and each read the clause in a way the words can bear.",
	"The children are reported to be doing well at school, and both parents want the question settled before the next term.",
	"The coordinator reviewed the messages each parent forwarded and the school calendar for the current year.",
	"The more natural reading of clause {R} is the one that keeps the children's routine predictable for both homes.",
	"A reading that adds an arrangement the plan does not contain would change the plan rather than apply it.",
	"The concern {B} raises about lost time is genuine, but the effect is modest: a few hours on a handful of days a year.",
	"{A} proposed a written protocol so that the same disagreement does not recur each season.",
	"Both parents agreed that the children should not hear the disagreement discussed at exchanges.",
	"The coordinator has considered whether the question falls within the appointment, and it does: it concerns the implementation of {S}.",
	"This decision interprets clause {R}; it does not change the schedule or any other provision of the plan.",
	"The parents may agree in writing to a different arrangement for a particular occasion, and the directives yield to such an agreement.",
	"Where the plan is silent, the coordinator looks to the nearest provisions and to the purpose the parents stated when they agreed the plan.",
	"The older child expressed a preference through {A}, which the coordinator notes but does not treat as decisive.",
	"Each parent had an opportunity to reply to the other's submission before the record closed.",
	"The arrangement that worked last year depended on a timetable that has since changed.",
	"{B} asked that any directive take effect only after the current school term, to allow time to make arrangements.",
	"The coordinator reminded both parents of the plan's requirement to keep messages brief and child-focused.",
}

var findingsList = []string{
	"The disagreement arose on at least two occasions in the period under review.",
	"Each parent gave notice of his or her position in writing before the session.",
	"The school calendar shows the dates on which the question will arise again this year.",
	"No third party has been involved in the disagreement.",
	"Both parents received the other's submission and had time to reply.",
	"The children were not asked to carry messages between the homes.",
	"The cost of the proposed arrangement is small and is not in dispute.",
	"The plan's wording was agreed by both parents with the help of counsel.",
}

var considerations = []string{
	"the children's routine and school week",
	"the time each parent spends travelling",
	"what the parents did in practice before the dispute",
	"whether a clear rule will prevent the next disagreement",
	"the safeguards recorded at intake",
	"the cost to each household",
}
