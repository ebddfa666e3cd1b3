package seal

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

const issue3 = "content/cases/" + caseID + "/issues/03-late-library-exchanges.md"

// unserved removes outcome.served_on from issue 3 (an agreement made on
// 2026-02-16), as a coordinator sealing before service now leaves it, and
// parses the practice again.
func unserved(t *testing.T, root string) *practice.Practice {
	t.Helper()
	name := filepath.Join(root, filepath.FromSlash(issue3))
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	out := bytes.Replace(data, []byte("  served_on: 2026-02-17\n"), nil, 1)
	if bytes.Equal(out, data) {
		t.Fatal("issue 3 has no served_on to remove")
	}
	if err := os.WriteFile(name, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return load(t, root)
}

var (
	outcome3 = practice.MustDate("2026-02-16")
	sealed3  = practice.MustDate("2026-02-16")
	served3  = practice.MustDate("2026-02-18")
	today    = practice.MustDate("2026-03-01")
)

// TestRecordService seals issue 3 before service, records the service,
// and checks what the ledger, check and the model then say.
func TestRecordService(t *testing.T) {
	root := practiceCopy(t)
	pub, priv := newKey(t)
	pin(t, root, pub)
	p := unserved(t, root)
	pdf := render(t, p, 3)
	if !bytes.Contains(pdf, []byte("%PDF-")) {
		t.Fatal("no PDF")
	}
	e, err := Seal(root, p, caseID, 3, pdf, sealed3, priv)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := RecordService(root, p, caseID, 3, served3, "mail", today, priv)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Service == nil || rec.Service.On != served3 || rec.Service.By != "mail" || rec.Service.RecordedOn != today || rec.Signature == nil || rec.Prev != e.Hash() {
		t.Errorf("record = %+v, service %+v; want served %s by mail, signed, after the seal", rec, rec.Service, served3)
	}
	ledger, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(ledgerRel)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"record: service", "served_on: \"2026-02-18\"", "by: mail", "recorded_on: \"2026-03-01\""} {
		if !bytes.Contains(ledger, []byte(want)) {
			t.Errorf("ledger lacks %q:\n%s", want, ledger)
		}
	}
	if l := Check(root, p); len(l) > 0 {
		t.Errorf("check after recording service: %v", l)
	}
	// The sealed PDF is untouched, and still verifies.
	if v, ok, err := Verify(root, p, pdf); err != nil || !ok || v.Number != 3 {
		t.Errorf("Verify = %v, %v, %v", v, ok, err)
	}
	l, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entries()) != 1 || len(l.services) != 1 {
		t.Errorf("Load: %d entries and %d service records, want 1 and 1", len(l.Entries()), len(l.services))
	}
	// The model takes the recorded date as served_on.
	is := p.Case(caseID).Issue(3)
	if !is.Outcome.ServedOn.IsZero() {
		t.Fatalf("served_on before ApplyService: %s", is.Outcome.ServedOn)
	}
	ApplyService(root, p)
	if is.Outcome.ServedOn != served3 {
		t.Errorf("served_on after ApplyService = %s, want %s", is.Outcome.ServedOn, served3)
	}
	// A second record for the same issue is refused.
	if _, err := RecordService(root, p, caseID, 3, served3, "", today, priv); err == nil || !strings.Contains(err.Error(), "already recorded") {
		t.Errorf("second record: err = %v", err)
	}
	// Editing the record breaks its signature.
	editLedger(t, root, func(es []ledgerEntry) []ledgerEntry {
		es[1].ServedOn = "2026-02-20"
		return es
	})
	if l := Check(root, load(t, root)); !strings.Contains(fmt.Sprint(l), "signature does not match") {
		t.Errorf("edited service record: findings %v", l)
	}
}

// TestRecordServiceRefusals lists what RecordService will not record.
func TestRecordServiceRefusals(t *testing.T) {
	for _, tc := range []struct {
		name      string
		seal      bool
		keepServe bool // leave served_on 2026-02-17 in the issue file
		on        string
		by        string
		want      string
	}{
		{"not sealed", false, false, "2026-02-18", "", "is not sealed: seal it first"},
		{"before the outcome", true, false, "2026-02-15", "", "before the outcome of 2026-02-16"},
		{"in the future", true, false, "2026-03-02", "", "after today (2026-03-01)"},
		{"unknown method", true, false, "2026-02-18", "fax", `service method "fax"`},
		{"disagrees with the file", true, true, "2026-02-18", "", "its file says served_on 2026-02-17"},
		{"agrees with the file", true, true, "2026-02-17", "email", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := practiceCopy(t)
			var p *practice.Practice
			if tc.keepServe {
				p = load(t, root)
			} else {
				p = unserved(t, root)
			}
			if tc.seal {
				if _, err := Seal(root, p, caseID, 3, render(t, p, 3), practice.MustDate("2026-02-17"), nil); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(ledgerRel)))
			_, err := RecordService(root, p, caseID, 3, practice.MustDate(tc.on), tc.by, today, nil)
			after, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(ledgerRel)))
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("err = %v, want none", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			case tc.want != "" && !bytes.Equal(before, after):
				t.Errorf("a refused record changed the ledger")
			}
		})
	}
}

// TestSealRefusesUnservedCertificate: a served_on after the sealing date
// would have the sealed certificate of service certify a future service.
func TestSealRefusesUnservedCertificate(t *testing.T) {
	root := practiceCopy(t)
	p := load(t, root) // issue 3: served_on 2026-02-17
	pdf := render(t, p, 3)
	if _, err := Seal(root, p, caseID, 3, pdf, practice.MustDate("2026-02-16"), nil); err == nil || !strings.Contains(err.Error(), "served_on 2026-02-17 is after the sealing date 2026-02-16") || !strings.Contains(err.Error(), "pcdocket served") {
		t.Errorf("sealing before the served_on: err = %v", err)
	}
	if _, err := Seal(root, p, caseID, 3, pdf, practice.MustDate("2026-02-17"), nil); err != nil {
		t.Errorf("sealing on the served_on: %v", err)
	}
}

// TestCheckService checks the findings on service records that
// RecordService would have refused, written into the ledger by hand.
func TestCheckService(t *testing.T) {
	svc := func(on string) ledgerEntry {
		return ledgerEntry{Record: recordService, Number: 3, ServedOn: on, RecordedOn: "2026-03-01"}
	}
	for _, tc := range []struct {
		name      string
		keepServe bool
		records   []ledgerEntry
		at        string // the file:line the finding names: "ledger" for the record's served_on line, "issue" for outcome.served_on
		want      string
		severity  diag.Severity
	}{
		{"served before the outcome", false, []ledgerEntry{svc("2026-02-15")}, "ledger", "issue 3 is recorded as served on 2026-02-15, before its outcome of 2026-02-16 (" + issue3 + ":33)", diag.Error},
		{"served before the seal", false, []ledgerEntry{svc("2026-02-16")}, "ledger", "before it was sealed on 2026-02-17", diag.Warning},
		{"served twice", false, []ledgerEntry{svc("2026-02-18"), svc("2026-02-19")}, "", "the service of issue 3 is recorded twice", diag.Error},
		{"no seal", false, []ledgerEntry{{Record: recordService, Number: 1, ServedOn: "2026-02-18", RecordedOn: "2026-03-01"}}, "", "no entry before it seals issue 1", diag.Error},
		{"disagrees with served_on", true, []ledgerEntry{svc("2026-02-18")}, "issue", "served_on 2026-02-17 disagrees with the service recorded in " + ledgerRel, diag.Error},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := practiceCopy(t)
			var p *practice.Practice
			if tc.keepServe {
				p = load(t, root)
			} else {
				p = unserved(t, root)
			}
			if _, err := Seal(root, p, caseID, 3, render(t, p, 3), practice.MustDate("2026-02-17"), nil); err != nil {
				t.Fatal(err)
			}
			editLedger(t, root, func(es []ledgerEntry) []ledgerEntry {
				return append(es, tc.records...) // unchained: no key is pinned, and prev is reported apart
			})
			l := Check(root, p)
			var found *diag.Finding
			for i, d := range l {
				if strings.Contains(d.Message, tc.want) {
					found = &l[i]
				}
			}
			if found == nil {
				t.Fatalf("no finding saying %q; findings:\n%v", tc.want, l)
			}
			if found.Severity != tc.severity {
				t.Errorf("severity %v, want %v", found.Severity, tc.severity)
			}
			switch tc.at {
			case "ledger":
				if found.Pos.File != ledgerRel || found.Pos.Line != servedLine(t, root) {
					t.Errorf("finding at %s, want the record's served_on line %d", found.Pos, servedLine(t, root))
				}
			case "issue":
				if want := p.Case(caseID).Issue(3).Src.At("outcome.served_on"); found.Pos != want {
					t.Errorf("finding at %s, want %s", found.Pos, want)
				}
			}
		})
	}
}

// servedLine returns the line of the first served_on in the test ledger.
func servedLine(t *testing.T, root string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(ledgerRel)))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, "served_on:") {
			return i + 1
		}
	}
	t.Fatal("no served_on in the ledger")
	return 0
}

// TestLoadBadRecords: a record or source_hash this pcdocket does not know,
// and a service record with a bad field, are reported at their line.
func TestLoadBadRecords(t *testing.T) {
	const head = "documents:\n  - number: 1\n    kind: determination\n    id: X\n    sealed_on: 2026-01-01\n    file: x.pdf\n    pdf_sha256: " + zeros + "\n    source: s.md\n    source_sha256: " + zeros + "\n"
	for _, tc := range []struct {
		name, ledger, want string
	}{
		{"unknown source_hash", head + "    source_hash: normalized-v9\n", `ledger.yaml:2: source_hash "normalized-v9"`},
		{"unknown record", head + "  - record: mediation\n    number: 1\n", `ledger.yaml:10: record "mediation"`},
		{"bad served_on", head + "  - record: service\n    number: 1\n    served_on: soon\n    recorded_on: 2026-01-02\n", "ledger.yaml:10: served_on:"},
		{"bad method", head + "  - record: service\n    number: 1\n    served_on: 2026-01-02\n    by: fax\n    recorded_on: 2026-01-02\n", `ledger.yaml:10: by "fax"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := practiceCopy(t)
			dir := filepath.Join(root, "content/cases", caseID, "sealed")
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "ledger.yaml"), []byte(tc.ledger), 0o644)
			diags := Check(root, load(t, root))
			if len(diags) != 1 || !strings.Contains(diags[0].String(), tc.want) {
				t.Errorf("check = %v, want one finding with %q", diags, tc.want)
			}
		})
	}
}

const zeros = "0000000000000000000000000000000000000000000000000000000000000000"

// TestRechainSignsServiceRecords: a ledger with a service record, written
// before a key was pinned, is signed whole by Rechain, record included.
func TestRechainSignsServiceRecords(t *testing.T) {
	root := practiceCopy(t)
	p := unserved(t, root)
	if _, err := Seal(root, p, caseID, 3, render(t, p, 3), sealed3, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := RecordService(root, p, caseID, 3, served3, "hand", today, nil); err != nil {
		t.Fatal(err)
	}
	pub, priv := newKey(t)
	p = pin(t, root, pub)
	if _, err := RecordService(root, p, caseID, 3, served3, "", today, priv); err == nil || !strings.Contains(err.Error(), "not signed") {
		t.Errorf("recording onto unsigned entries: err = %v, want a refusal pointing at rechain", err)
	}
	n, err := Rechain(root, p, caseID, priv)
	if err != nil || n != 2 {
		t.Fatalf("Rechain = %d, %v; want 2 entries", n, err)
	}
	if l := Check(root, p); len(l) > 0 {
		t.Errorf("check after rechain: %v", l)
	}
	ledger, _ := Load(root)
	if s, ok := ledger.ServiceOf(caseID, 3); !ok || s.Signature == nil || s.Service.By != "hand" {
		t.Errorf("service record after rechain: %+v, %v", s, ok)
	}
}
