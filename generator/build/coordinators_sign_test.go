package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcdocket/generator/pdfsign"
	"pcdocket/generator/practice"
)

// TestCoordinatorsSign gives a copy of the sample the practice's key and a
// key of the second coordinator (keys/reyes.p12), and checks that the
// documents and reports of that coordinator's cases are signed with that
// key, and the others with the practice's: each coordinator signs their
// own cases, whatever their number.
func TestCoordinatorsSign(t *testing.T) {
	dir := copyPractice(t, repoRoot)
	t.Setenv(pdfsign.EnvKey, "")
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	miller, err := pdfsign.Generate(pdfsign.Subject{Name: "Eleanor J. Miller"}, now)
	if err != nil {
		t.Fatal(err)
	}
	reyes, err := pdfsign.Generate(pdfsign.Subject{Name: "Priya N. Reyes"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := pdfsign.WriteKey(pdfsign.KeyPath(dir), miller, "practice passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := pdfsign.WriteKey(pdfsign.CoordinatorKeyPath(dir, "reyes"), reyes, "her own passphrase"); err != nil {
		t.Fatal(err)
	}
	t.Setenv(pdfsign.EnvPassphrase, "practice passphrase")

	// Her key needs her passphrase: the practice's does not open it, and
	// the build says which variable to set.
	if _, err := Report(context.Background(), Options{Source: dir, AsOf: asOf}, "2026-fam-0142-nunez-ward", "status", practice.Date{}); err == nil {
		t.Fatal("a coordinator's key opened with the wrong passphrase")
	}
	t.Setenv(pdfsign.CoordinatorPassphraseEnv("reyes"), "her own passphrase")

	signedBy := func(name string, pdf []byte, want *pdfsign.Signer) {
		t.Helper()
		sigs := pdfsign.Verify(pdf)
		if len(sigs) != 1 || !sigs[0].Valid() {
			t.Fatalf("%s: %d signatures, want 1 valid", name, len(sigs))
		}
		if !bytes.Equal(sigs[0].Certificate.Raw, want.Certificate().Raw) {
			t.Errorf("%s: signed by %s, want %s", name, sigs[0].Certificate.Subject.CommonName, want.Certificate().Subject.CommonName)
		}
	}
	for _, r := range []struct {
		name, caseID string
		by           *pdfsign.Signer
	}{
		{"status", "2026-fam-0142-nunez-ward", reyes},
		{"end-of-term", "2025-fam-0654-brennan-aziz", reyes},
		{"noncompliance", "2025-fam-0387-muller-lukasik", miller},
	} {
		d, err := Report(context.Background(), Options{Source: dir, AsOf: asOf}, r.caseID, r.name, practice.Date{})
		if err != nil {
			t.Fatal(err)
		}
		signedBy(d.Name, d.PDF, r.by)
	}

	out := t.TempDir()
	if _, err := Build(context.Background(), Options{Source: dir, Output: out, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	docs, err := filepath.Glob(filepath.Join(out, PrivateDir, DocumentsDir, "*.pdf"))
	if err != nil || len(docs) < 10 {
		t.Fatalf("the build wrote %d documents (%v)", len(docs), err)
	}
	for _, f := range docs {
		pdf, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := miller
		if base := filepath.Base(f); strings.HasPrefix(base, "2026-fam-0142-nunez-ward-") || strings.HasPrefix(base, "2025-fam-0654-brennan-aziz-") {
			want = reyes
		}
		signedBy(filepath.Base(f), pdf, want)
	}
}
