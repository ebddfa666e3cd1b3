package seal

import (
	"crypto/ed25519"
	"fmt"
	"slices"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// Service is recorded after sealing, never before: a document is sealed
// when it is issued, and served afterwards, so the issue file cannot say
// when it was served without changing what was sealed. RecordService
// appends a service record to the case's ledger, chained and signed like a
// sealed document's entry; ApplyService gives the model the recorded date
// as the issue's outcome.served_on, from which review and filing deadlines
// run, and Check reports a record that contradicts the issue.

// RecordService records in case caseID's ledger that the sealed document of
// issue number was served on on, by method by (one of
// practice.ServiceMethods, or "" when not said), and returns the record. It
// is dated recordedOn, the day it is written, and signed with key when p
// pins a ledger key. It refuses an issue that is not sealed or whose
// service is already recorded, a date before the outcome or after
// recordedOn, a date that contradicts the issue's own served_on, and a
// ledger whose chain or signatures do not hold. The sealed PDF is not
// touched.
func RecordService(root string, p *practice.Practice, caseID string, number int, on practice.Date, by string, recordedOn practice.Date, key ed25519.PrivateKey) (Entry, error) {
	is, err := findIssue(p, caseID, number)
	if err != nil {
		return Entry{}, err
	}
	switch {
	case on.IsZero():
		return Entry{}, fmt.Errorf("seal: no service date")
	case recordedOn.IsZero():
		return Entry{}, fmt.Errorf("seal: no recording date")
	case by != "" && !slices.Contains(practice.ServiceMethods, by):
		return Entry{}, fmt.Errorf("seal: service method %q: want one of %s", by, strings.Join(practice.ServiceMethods, ", "))
	}
	es, err := soundLedger(root, p, caseID, key, "recorded")
	if err != nil {
		return Entry{}, err
	}
	sealed := false
	for _, e := range es {
		switch {
		case e.Number != number:
		case e.Service != nil:
			return Entry{}, fmt.Errorf("seal: the service of issue %s is already recorded (%s:%d): served on %s; a ledger record is never changed: if it is wrong, remove it with version control before anything is recorded after it", is.ID(), ledgerPath(caseID), e.line, e.Service.On)
		default:
			sealed = true
		}
	}
	if !sealed {
		return Entry{}, fmt.Errorf("seal: issue %s is not sealed: seal it first with `pcdocket seal %s %d`, or, for a document that is never sealed, write outcome.served_on in its file", is.ID(), caseID, number)
	}
	switch o := is.Outcome; {
	case o == nil:
		return Entry{}, fmt.Errorf("seal: issue %s is sealed but its file now records no outcome; revert the edit", is.ID())
	case on.After(recordedOn):
		return Entry{}, fmt.Errorf("seal: issue %s: the service date %s is after today (%s): record a service once it has happened", is.ID(), on, recordedOn)
	case on.Before(o.On):
		return Entry{}, fmt.Errorf("seal: issue %s: the service date %s is before the outcome of %s: a document cannot be served before it is made; check the date", is.ID(), on, o.On)
	case !o.ServedOn.IsZero() && o.ServedOn != on:
		return Entry{}, fmt.Errorf("seal: issue %s: its file says served_on %s (%s): the service date %s disagrees; check the date", is.ID(), o.ServedOn, is.Src.At("outcome.served_on"), on)
	}
	es = append(es, Entry{Case: caseID, Number: number, Service: &Service{On: on, By: by, RecordedOn: recordedOn}})
	link(caseID, es, key)
	if err := writeLedger(root, caseID, es); err != nil {
		return Entry{}, err
	}
	return es[len(es)-1], nil
}

// ServiceOf returns the recorded service of issue number of case caseID:
// the first service record for it.
func (l *Ledger) ServiceOf(caseID string, number int) (Entry, bool) {
	return find(l.services, caseID, number)
}

// ApplyService sets the outcome.served_on of every issue whose service the
// ledgers under root record and whose file writes none, so that the site,
// the deadlines and check count from the recorded date. It skips a record
// that check rejects (before the outcome) and leaves a served_on the file
// writes, which check compares with the record. A ledger that cannot be
// read is skipped: Check reports it.
func ApplyService(root string, p *practice.Practice) {
	if p == nil {
		return
	}
	l, err := Load(root)
	if err != nil {
		return
	}
	for _, e := range l.services {
		applyService(p.Case(e.Case), e)
	}
}

// ApplyServiceCase is ApplyService for one case: watch mode applies the
// service records of the cases it read again, instead of reading every
// ledger of the practice on each edit (11 ms of CPU of an edit's rebuild at
// 10,000 issues, most of it in lstat, with ApplyService and Check each
// reading all 500 ledgers).
func ApplyServiceCase(root string, c *practice.Case) {
	if c == nil {
		return
	}
	es, err := readLedger(root, c.ID)
	if err != nil {
		return
	}
	for _, e := range es {
		if e.Service != nil {
			applyService(c, e)
		}
	}
}

func applyService(c *practice.Case, e Entry) {
	if c == nil {
		return
	}
	is := c.Issue(e.Number)
	if is == nil || is.Outcome == nil || !is.Outcome.ServedOn.IsZero() || e.Service.On.Before(is.Outcome.On) {
		return
	}
	is.Outcome.ServedOn = e.Service.On
}

// checkService reports a service record that contradicts its issue or the
// ledger: es is the case's ledger in file order, up to and including e.
func checkService(l *diag.List, p *practice.Practice, e Entry, es []Entry) {
	at := practice.Pos{File: ledgerPath(e.Case), Line: e.line}
	served := at
	if e.servedLine > 0 {
		served.Line = e.servedLine
	}
	fix := fmt.Sprintf("a ledger record is never changed: remove this one with version control (git log -p -- %s) and record the service again with `pcdocket served %s %d --on DATE`", ledgerPath(e.Case), e.Case, e.Number)
	var sealed *Entry
	for i := range es[:len(es)-1] {
		o := &es[i]
		switch {
		case o.Number != e.Number:
		case o.Service != nil:
			l.Errorf(at, "the service of issue %d is recorded twice: on line %d (%s) and here (%s); %s", e.Number, o.line, o.Service.On, e.Service.On, fix)
			return
		default:
			sealed = o
		}
	}
	if sealed == nil {
		l.Errorf(at, "a service of issue %d is recorded, but no entry before it seals issue %d; %s", e.Number, e.Number, fix)
		return
	}
	var is *practice.Issue
	if c := p.Case(e.Case); c != nil {
		is = c.Issue(e.Number)
	}
	if is == nil || is.Outcome == nil {
		return // the sealed entry reports the missing issue
	}
	o := is.Outcome
	switch {
	case e.Service.On.Before(o.On):
		l.Errorf(served, "issue %d is recorded as served on %s, before its outcome of %s (%s): a document cannot be served before it is made; %s", e.Number, e.Service.On, o.On, is.Src.At("outcome.on"), fix)
	case e.Service.On.Before(sealed.SealedOn):
		l.Warnf(served, "issue %d is recorded as served on %s, before it was sealed on %s: make sure the copy served is the sealed document (`pcdocket verify FILE.pdf`)", e.Number, e.Service.On, sealed.SealedOn)
	}
	if _, wrote := is.Src.Line("outcome.served_on"); wrote && o.ServedOn != e.Service.On {
		l.Errorf(is.Src.At("outcome.served_on"), "served_on %s disagrees with the service recorded in %s:%d (%s); the issue is sealed, so if its file is wrong revert the edit, and if the record is wrong, %s", o.ServedOn, ledgerPath(e.Case), served.Line, e.Service.On, fix)
	}
}
