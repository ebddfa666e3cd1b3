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
		s += " " + strings.Join(r.Address, ", ")
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

// partyRecipients is one parent's share of the recipients: the parent,
// or, when the parent has counsel, counsel (service on a represented party
// is made on counsel, FRCP 5(b)(1) and its state analogs), with a copy to
// the parent where the rules allow it. It reads the party's fields in one
// place.
func partyRecipients(p *practice.Party, key string, r Rules) []Recipient {
	if !p.Represented() {
		return []Recipient{serve(Recipient{Name: p.Name, Role: partyLabel(p, key)}, p.ServiceMethod(), p.Email, p.Address)}
	}
	var out []Recipient
	name := p.Counsel.String()
	if name == "" {
		name = "Counsel"
	}
	out = append(out, serve(Recipient{Name: name, Role: "counsel for " + p.Name, OnBehalfOf: p.Name}, p.ServiceMethod(), p.Counsel.Email, p.Counsel.Address))
	if r.CopyToRepresentedParent {
		method := practice.ServeEmail
		if p.Email == "" && len(p.Address) > 0 {
			method = practice.ServeMail
		}
		out = append(out, serve(Recipient{Name: p.Name, Role: partyLabel(p, key) + ", a copy"}, method, p.Email, p.Address))
	}
	return out
}

// serve fills in how rc is served: the method in words and, by mail or by
// hand, the address used.
func serve(rc Recipient, method, email string, address []string) Recipient {
	switch method {
	case practice.ServeEmail:
		if email != "" {
			rc.Method = "by email to " + email
		}
	case practice.ServeMail:
		if len(address) > 0 {
			rc.Method = "by first-class mail, postage prepaid, addressed to"
			rc.Address = address
		}
	case practice.ServeHand:
		rc.Method = "by hand delivery"
		if len(address) > 0 {
			rc.Method += " at"
			rc.Address = address
		}
	case practice.ServePortal:
		rc.Method = "through the parenting coordination portal"
	}
	if rc.Method == "" {
		// check warns about a recipient with nothing to serve to; the
		// certificate must not pretend a method.
		rc.Method = "method of service not recorded"
	}
	return rc
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
