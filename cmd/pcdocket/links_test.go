package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An encrypted build lists every parent's personal link, in slot order.
func TestBuildEncryptPrintsPersonalLinks(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: an encrypted build derives keys at the real cost")
	}
	keys := filepath.Join(t.TempDir(), "keys.json")
	if err := os.WriteFile(keys, []byte(`{"coordinator": "coordinator correct horse",
		"cases": {"2025-fam-0387-muller-lukasik": {"parent_a": "alpha parent lantern", "parent_b": "bravo parent meadow"},
		          "2024-fam-0911-obrien-castellanos": {"parent_b": "charlie parent kettle"}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	e, out, errb := testEnv()
	code := runBuild(context.Background(), e, []string{"--source", "../..", "--output", t.TempDir(), "--as-of", "2026-11-27", "--no-documents", "--encrypt", "--keys", keys})
	if code != 0 {
		t.Fatalf("build exited %d: %s", code, errb)
	}
	want := "\n  2024-fam-0911-obrien-castellanos parent_b: index.html#slot=1\n" +
		"  2025-fam-0387-muller-lukasik parent_a: index.html#slot=2\n" +
		"  2025-fam-0387-muller-lukasik parent_b: index.html#slot=3\n"
	if !strings.Contains(out.String(), "personal links") || !strings.HasSuffix(out.String(), want) {
		t.Errorf("stdout:\n%s\nwant it to end with the personal links:%s", out, want)
	}
}
