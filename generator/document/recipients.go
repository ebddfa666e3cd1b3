package document

import (
	"strings"

	"pcdocket/generator/practice"
)

// Recipient is one person a document is served on.
type Recipient struct {
	Name       string
	Role       string   // "Mother", "counsel for Daniel Harlow"
	Address    []string // postal address lines, when served by mail
	Method     string   // "by email to d.harlow@example.com"; "" when unknown
	OnBehalfOf string   // for counsel: the parent represented
}

// Line is the recipient as the certificate of service lists them:
// "Daniel Harlow (Father), by email to d.harlow@example.com."
func (r Recipient) Line() string {
	s := r.Name
	switch {
	case r.OnBehalfOf != "":
		s += ", " + r.Role
	case r.Role != "":
		s += " (" + r.Role + ")"
	}
	if r.Method != "" {
		s += ", " + r.Method
	}
	if len(r.Address) > 0 {
		s += ", " + strings.Join(r.Address, ", ")
	}
	return s + "."
}

// Recipients lists who a document of case c is served on: each parent,
// then the parent's counsel. A parent with counsel is left out when the
// rules serve counsel alone.
func Recipients(c *practice.Case, r Rules) []Recipient {
	var out []Recipient
	for _, key := range []string{practice.PartyA, practice.PartyB} {
		out = append(out, partyRecipients(c.Party(key), key, r)...)
	}
	return out
}

// partyRecipients is one parent's share of the recipients. It reads the
// party's fields in one place, so that serving by post or a counsel's own
// address is a change here alone.
func partyRecipients(p *practice.Party, key string, r Rules) []Recipient {
	var out []Recipient
	if p.Counsel == "" || r.CopyToRepresentedParent {
		rc := Recipient{Name: p.Name, Role: partyLabel(p, key)}
		if p.Email != "" {
			rc.Method = "by email to " + p.Email
		}
		out = append(out, rc)
	}
	if p.Counsel != "" {
		out = append(out, Recipient{Name: p.Counsel, Role: "counsel for " + p.Name, OnBehalfOf: p.Name})
	}
	return out
}

// partyLabel is a party's label ("Mother"), or a neutral one.
func partyLabel(p *practice.Party, key string) string {
	if p.Label != "" {
		return p.Label
	}
	if key == practice.PartyA {
		return "Parent A"
	}
	return "Parent B"
}
