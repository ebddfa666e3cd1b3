package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// samplePractice copies the repository's sample practice inputs to a
// temporary folder.
func samplePractice(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"practice.yaml", "content"} {
		src := filepath.Join("..", "..", name)
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join("..", ".."), p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// TestSealBuildVerify walks the life of an issued document through the
// command: seal it, build (the sealed bytes are published), verify the
// published copy, refuse a copy with one byte changed, refuse to seal twice,
// and fail check once the sealed issue's file is edited.
func TestSealBuildVerify(t *testing.T) {
	dir := samplePractice(t)
	const caseID, number = "2025-fam-0387-muller-lukasik", "4"
	ctx := context.Background()

	e, out, errb := testEnv()
	if code := run(ctx, e, []string{"seal", "--source", dir, "--as-of", "2026-11-27", caseID, number}); code != 2 {
		t.Errorf("seal with an unknown flag: exit %d, want 2", code)
	}
	e, out, errb = testEnv()
	if code := run(ctx, e, []string{"seal", "--source", dir, "--on", "2026-04-01", caseID, number}); code != 0 {
		t.Fatalf("seal: exit %d\n%s", code, errb)
	}
	if !strings.Contains(out.String(), "sealed ") {
		t.Errorf("seal said %q", out)
	}
	sealedPDF := filepath.Join(dir, "content/cases", caseID, "sealed", caseID+"-determination-4.pdf")
	sealed, err := os.ReadFile(sealedPDF)
	if err != nil {
		t.Fatalf("sealed PDF not written: %v", err)
	}

	e, _, errb = testEnv()
	if code := run(ctx, e, []string{"seal", "--source", dir, caseID, number}); code != 1 || !strings.Contains(errb.String(), "already") {
		t.Errorf("sealing twice: exit %d, %q; want a refusal", code, errb)
	}
	e, _, errb = testEnv()
	if code := run(ctx, e, []string{"seal", "--source", dir, caseID, "6"}); code != 1 || !strings.Contains(errb.String(), "only a determination or an agreement") {
		t.Errorf("sealing a referred issue: exit %d, %q", code, errb)
	}

	e, _, errb = testEnv()
	if code := run(ctx, e, []string{"build", "--source", dir, "--as-of", "2026-11-27"}); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errb)
	}
	published := filepath.Join(dir, "output/private/documents", caseID+"-determination-4.pdf")
	pub, err := os.ReadFile(published)
	if err != nil || string(pub) != string(sealed) {
		t.Fatalf("build did not publish the sealed bytes (err %v)", err)
	}

	e, out, _ = testEnv()
	if code := run(ctx, e, []string{"verify", "--source", dir, published}); code != 0 || !strings.Contains(out.String(), "verified") {
		t.Errorf("verify of the published copy: exit %d, %q", code, out)
	}
	tampered := filepath.Join(t.TempDir(), "tampered.pdf")
	bad := []byte(string(pub))
	bad[len(bad)/2] ^= 1
	os.WriteFile(tampered, bad, 0o644)
	e, out, _ = testEnv()
	if code := run(ctx, e, []string{"verify", "--source", dir, tampered}); code != 1 || !strings.Contains(out.String(), "NOT") {
		t.Errorf("verify of a tampered copy: exit %d, %q; want a refusal", code, out)
	}

	issues, _ := filepath.Glob(filepath.Join(dir, "content/cases", caseID, "issues", "04-*.md"))
	if len(issues) != 1 {
		t.Fatalf("issue 4's file: %v", issues)
	}
	data, _ := os.ReadFile(issues[0])
	os.WriteFile(issues[0], append(data, "\nA late addition.\n"...), 0o644)
	e, out, _ = testEnv()
	if code := run(ctx, e, []string{"check", "--source", dir, "--as-of", "2026-11-27"}); code != 1 || !strings.Contains(out.String(), "was sealed on 2026-04-01") {
		t.Errorf("check after editing a sealed issue: exit %d\n%s", code, out)
	}
}
