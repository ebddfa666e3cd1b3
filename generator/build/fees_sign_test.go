package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcdocket/generator/fees"
	"pcdocket/generator/pdfsign"
)

// TestFeeDocumentsSigned gives a copy of the sample a document signing key,
// as `pcdocket keys init` does, and checks that statements and fee reports
// (from `pcdocket statement` and from `build --statements`) carry one valid
// signature of that key over the whole file, as the determinations do;
// and that without a key they carry none.
func TestFeeDocumentsSigned(t *testing.T) {
	dir := copyPractice(t, repoRoot)
	t.Setenv(pdfsign.EnvKey, "")
	ctx := context.Background()
	opts := Options{Source: dir, AsOf: asOf}
	const id = "2025-fam-0387-muller-lukasik"
	m, _ := fees.ParseMonth("2026-06")
	feeDocs := func() []FeeDoc {
		t.Helper()
		l, accs, err := FeeAccounts(ctx, opts, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		docs, err := Statements(&opts, l, accs, m)
		if err != nil {
			t.Fatal(err)
		}
		reps, err := FeeReports(&opts, l, accs, asOf)
		if err != nil {
			t.Fatal(err)
		}
		return append(docs, reps...)
	}
	for _, d := range feeDocs() {
		if sigs := pdfsign.Verify(d.PDF); len(sigs) != 0 {
			t.Errorf("%s: signed (%d signatures) though the practice has no key", d.Name, len(sigs))
		}
	}

	s, err := pdfsign.Generate(pdfsign.Subject{Name: "Eleanor J. Miller", Email: "eleanor.miller@miller-mediation.example", Practice: "Miller Mediation & Arbitration"}, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := pdfsign.WriteKey(pdfsign.KeyPath(dir), s, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	t.Setenv(pdfsign.EnvPassphrase, "correct horse battery")
	check := func(name string, pdf []byte) {
		t.Helper()
		sigs := pdfsign.Verify(pdf)
		if len(sigs) != 1 {
			t.Fatalf("%s: %d signatures, want 1", name, len(sigs))
		}
		if !sigs[0].Valid() || !sigs[0].Whole {
			t.Errorf("%s: signature does not hold over the whole file: %v", name, sigs[0].Err)
		}
		if !bytes.Equal(sigs[0].Certificate.Raw, s.Certificate().Raw) {
			t.Errorf("%s: signed by %s, not the practice's key", name, sigs[0].Certificate.Subject)
		}
	}
	docs := feeDocs()
	if len(docs) != 3 {
		t.Fatalf("want 2 statements and a fee report, got %d", len(docs))
	}
	for _, d := range docs {
		check(d.Name, d.PDF)
	}

	// build --statements signs the statements it writes, too.
	out := t.TempDir()
	if _, err := Build(ctx, Options{Source: dir, Output: out, AsOf: asOf, NoDocuments: true, Statements: "2026-06"}); err != nil {
		t.Fatal(err)
	}
	for _, who := range fees.Parents {
		name := filepath.Join(out, PrivateDir, StatementsDir, id+"-2026-06-"+who+".pdf")
		pdf, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		check(strings.TrimPrefix(name, out), pdf)
	}
}
