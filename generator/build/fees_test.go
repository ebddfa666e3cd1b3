package build

import (
	"bytes"
	"context"
	"flag"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/fees"
	"pcdocket/generator/practice"
)

var updateFees = flag.Bool("update", false, "rewrite testdata/fees/*.txt from the statements (review each by eye)")

// feeNotes returns the description of every entry of every sample ledger,
// the strings that must stay on the coordinator's pages.
func feeNotes(t *testing.T, p *practice.Practice) []string {
	t.Helper()
	var notes []string
	for _, c := range p.Cases {
		if c.FeeLedger == nil || len(c.FeeLedger.Entries) == 0 {
			t.Fatalf("sample case %s has no fee ledger: every sample case carries one", c.ID)
		}
		for _, e := range c.FeeLedger.Entries {
			if len(e.Note) > 12 && !strings.HasPrefix(e.Note, "Notice of the issue") {
				notes = append(notes, e.Note, html.EscapeString(e.Note))
			}
		}
	}
	return notes
}

// TestFeesStayPrivate builds the sample practice and checks that the
// ledgers reach the coordinator's fee pages, and neither the public site
// nor any page under cases/<id>/, which an encrypted site opens to both
// of the case's parents.
func TestFeesStayPrivate(t *testing.T) {
	out := t.TempDir()
	res, err := Build(context.Background(), Options{Source: repoRoot, Output: out, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	notes := feeNotes(t, res.Practice)
	private := readTree(t, filepath.Join(out, "private"))
	for _, c := range res.Practice.Cases {
		page, ok := private["fees/"+c.ID+".html"]
		if !ok {
			t.Fatalf("no fee page fees/%s.html", c.ID)
		}
		if !bytes.Contains(page, []byte(html.EscapeString(c.FeeLedger.Entries[len(c.FeeLedger.Entries)-1].Note))) {
			t.Errorf("fees/%s.html does not list the ledger's last entry", c.ID)
		}
	}
	if !bytes.Contains(private["index.html"], []byte(`id="billing"`)) {
		t.Error("the docket has no billing summary")
	}
	for p, data := range private {
		if !strings.HasPrefix(p, "cases/") {
			continue
		}
		for _, n := range notes {
			if bytes.Contains(data, []byte(n)) {
				t.Errorf("private/%s, which both parents may open, carries the fee entry %q", p, n)
			}
		}
	}
	public := readTree(t, filepath.Join(out, "public"))
	for p, data := range public {
		for _, n := range append(notes, "fees/", "retainer", "Billing") {
			if bytes.Contains(data, []byte(n)) {
				t.Errorf("public/%s carries fee data: %q", p, n)
			}
		}
	}
}

// TestStatementsDeterministicAndGolden renders statements and a fee report
// of the sample twice, byte for byte the same, and compares their text
// (pdftotext -layout) with testdata/fees/*.txt.
func TestStatementsDeterministicAndGolden(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	ctx := context.Background()
	opts := Options{Source: repoRoot, AsOf: asOf}
	l, accs, err := FeeAccounts(ctx, opts, []string{"2025-fam-0387-muller-lukasik", "2024-fam-0911-obrien-castellanos"})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := fees.ParseMonth("2026-06")
	render := func() []FeeDoc {
		docs, err := Statements(&opts, l, accs[:1], m)
		if err != nil {
			t.Fatal(err)
		}
		more, err := FeeReports(&opts, l, accs, asOf)
		if err != nil {
			t.Fatal(err)
		}
		return append(docs, more...)
	}
	a, b := render(), render()
	if len(a) != 4 {
		t.Fatalf("want 2 statements and 2 reports, got %d documents", len(a))
	}
	dir := t.TempDir()
	for i := range a {
		if !bytes.Equal(a[i].PDF, b[i].PDF) {
			t.Errorf("%s: two renderings differ", a[i].Name)
		}
		pdf := filepath.Join(dir, a[i].Name)
		if err := os.WriteFile(pdf, a[i].PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", a[i].Name, err)
		}
		golden := filepath.Join("testdata", "fees", strings.TrimSuffix(a[i].Name, ".pdf")+".txt")
		if *updateFees {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: text differs from %s (run with -update and review the diff)\n%s", a[i].Name, golden, got)
		}
	}
}

// TestIncrementalFees edits a case's fees.txt and checks that an
// incremental rebuild re-renders the case's ledger page and the docket,
// and equals a build from scratch.
func TestIncrementalFees(t *testing.T) {
	dir := incCopy(t)
	const rel = "content/cases/2026-fam-0402-delacroix-haddad/fees.txt"
	b := NewIncremental(Options{Source: dir, AsOf: incAsOf})
	ctx := context.Background()
	if _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	incWrite(t, dir, rel, incRead(t, dir, rel)+"2026-10-20  1h15  session  #1  Follow-up session on the return flights\n")
	u, err := b.Rebuild(ctx, []string{rel})
	if err != nil {
		t.Fatal(err)
	}
	rendered := map[string]bool{}
	for _, p := range u.Rendered {
		rendered[p] = true
	}
	for _, p := range []string{"private/fees/2026-fam-0402-delacroix-haddad.html", "private/index.html"} {
		if !rendered[p] {
			t.Errorf("editing %s did not render %s again (rendered %v)", rel, p, u.Rendered)
		}
	}
	if !bytes.Contains(u.Files["private/fees/2026-fam-0402-delacroix-haddad.html"], []byte("Follow-up session on the return flights")) {
		t.Error("the ledger page does not show the new entry")
	}
	incSame(t, "edit fees.txt", u.Files, incFull(t, dir))

	// A broken entry is a finding at its line, and the build keeps the
	// last good output.
	incWrite(t, dir, rel, incRead(t, dir, rel)+"2026-11-21  -1h  call  Negative\n")
	if _, err := b.Rebuild(ctx, []string{rel}); err == nil || !strings.Contains(err.Error(), "fees.txt:12: negative time") {
		t.Errorf("a negative time: got %v, want an error at fees.txt:12", err)
	}
}
