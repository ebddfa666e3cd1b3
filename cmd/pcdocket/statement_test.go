package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatementPDFs writes the two statements of a sample case for a month
// and checks they are PDFs named for the case, month and parent, and that
// a second run gives the same bytes.
func TestStatementPDFs(t *testing.T) {
	dir := t.TempDir()
	args := []string{"statement", "--source", "../..", "--as-of", "2026-11-27", "--month", "2026-06", "--out", dir, "2025-fam-0387-muller-lukasik"}
	e, out, errb := testEnv()
	if code := run(context.Background(), e, args); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	names := strings.Fields(out.String())
	if len(names) != 2 || !strings.HasSuffix(names[0], "2025-fam-0387-muller-lukasik-2026-06-parent_a.pdf") || !strings.HasSuffix(names[1], "-2026-06-parent_b.pdf") {
		t.Fatalf("printed %q, want the two statements' paths", names)
	}
	first, err := os.ReadFile(names[0])
	if err != nil || !bytes.HasPrefix(first, []byte("%PDF-")) {
		t.Fatalf("%s is not a PDF: %v", names[0], err)
	}
	e, _, errb = testEnv()
	if code := run(context.Background(), e, args); code != 0 {
		t.Fatalf("second run: exit %d: %s", code, errb)
	}
	again, _ := os.ReadFile(filepath.Join(dir, filepath.Base(names[0])))
	if !bytes.Equal(first, again) {
		t.Error("the same ledger gave two different statements")
	}
}

// TestStatementCSV exports every ledger and checks that each case's last
// balances add up to the sum of its amounts, to the cent.
func TestStatementCSV(t *testing.T) {
	e, out, errb := testEnv()
	if code := run(context.Background(), e, []string{"statement", "--source", "../..", "--as-of", "2026-11-27", "--csv", "--all"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	rows, err := csv.NewReader(out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 100 || rows[0][0] != "case" {
		t.Fatalf("%d rows, header %v: want the header and every sample entry", len(rows), rows[0])
	}
	cases := map[string]bool{}
	for _, r := range rows[1:] {
		cases[r[0]] = true
	}
	ledgers, err := filepath.Glob(filepath.Join("..", "..", "content", "cases", "*", "fees.txt"))
	if err != nil || len(ledgers) == 0 {
		t.Fatalf("the sample's fee ledgers: %v, %v", ledgers, err)
	}
	if len(cases) != len(ledgers) {
		t.Errorf("entries of %d cases, want one for each of the sample's %d ledgers", len(cases), len(ledgers))
	}
}

func TestStatementUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"statement", "--source", "../..", "2025-fam-0387-muller-lukasik"}, "--month YYYY-MM is required"},
		{[]string{"statement", "--source", "../..", "--month", "2026-6", "2025-fam-0387-muller-lukasik"}, "write it as YYYY-MM"},
		{[]string{"statement", "--source", "../..", "--month", "2026-06"}, "name one CASE-ID, or --all"},
		{[]string{"statement", "--source", "../..", "--all", "--month", "2026-06", "x"}, "name one CASE-ID, or --all"},
	}
	for _, tt := range tests {
		e, _, errb := testEnv()
		if code := run(context.Background(), e, tt.args); code != 2 || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tt.args, code, errb, tt.want)
		}
	}
	e, _, errb := testEnv()
	if code := run(context.Background(), e, []string{"statement", "--source", "../..", "--month", "2026-06", "no-such-case"}); code != 1 || !strings.Contains(errb.String(), `no case "no-such-case"`) {
		t.Errorf("unknown case: exit %d, %q", code, errb)
	}
}
