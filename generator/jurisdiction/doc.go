// Package jurisdiction holds the jurisdiction profiles and the court-day
// calendar that deadlines are computed on.
//
// A profile (Profile) says, for one court system, who reviews a
// coordinator's decision and how fast, what a binding decision does while
// review is pending, whether recommendations need the court's adoption,
// whether and when documents are filed with the court, fee-shifting
// warnings, whether an agreement is incorporated into an order, whether a
// represented parent may also receive a copy, and which days the courts are
// closed. Every value carries the citation it comes from. Profiles are data:
// YAML files embedded from profiles/ (generic, CO, OK, NC, TX, AZ, FL), which
// a practice may extend or override with files of its own in
// jurisdictions/<CODE>.yaml at the practice root (see Load).
//
// A Calendar computes deadlines: it adds a period to a start date and, when
// the last day is a Saturday, a Sunday, a legal holiday of the profile
// (observed days included) or an extra closure date of the practice, moves
// it to the next court day, as FRCP 6(a)(1)(C) and every state analog do.
// Each Deadline says how it was computed, in words, for documents to print.
package jurisdiction
