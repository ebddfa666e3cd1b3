package main

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildOutputInsideSourcesKeepsEveryFile is the reproduction of the
// report: `pcdocket build --output content`, run in a practice folder,
// deleted content/public/. Now it is refused before anything is written.
func TestBuildOutputInsideSourcesKeepsEveryFile(t *testing.T) {
	dir := samplePractice(t)
	snapshot := func() map[string][32]byte {
		m := map[string][32]byte{}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				data, _ := os.ReadFile(p)
				m[p] = sha256.Sum256(data)
			}
			return nil
		})
		return m
	}
	before := snapshot()
	for _, out := range []string{"content", ".", "content/public", "templates"} {
		e, _, errb := testEnv()
		code := run(context.Background(), e, []string{"build", "--source", dir, "--output", filepath.Join(dir, out), "--force", "--as-of", "2026-11-27"})
		if code == 0 {
			t.Errorf("build --output %s: exit 0, want a refusal", out)
		}
		if !strings.Contains(errb.String(), "output folder") {
			t.Errorf("build --output %s: stderr %q does not say why", out, errb.String())
		}
	}
	after := snapshot()
	if len(after) != len(before) {
		t.Errorf("%d source files before, %d after", len(before), len(after))
	}
	for p, sum := range before {
		if after[p] != sum {
			t.Errorf("%s changed or vanished", p)
		}
	}
}
