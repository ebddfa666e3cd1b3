package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// assertOneBuild fails unless out holds exactly one published build and
// nothing a build leaves only while it runs.
func assertOneBuild(t *testing.T, out string) {
	t.Helper()
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	builds := 0
	for _, e := range entries {
		switch n := e.Name(); {
		case n == markerFile || n == lockFile || n == currentLink || n == PrivateDir || n == PublicDir:
		case strings.HasPrefix(n, buildPrefix):
			builds++
		default:
			t.Errorf("%s holds %s, which no finished build leaves", out, n)
		}
	}
	if builds != 1 {
		t.Errorf("%s holds %d build folders, want 1", out, builds)
	}
	for _, d := range []string{PrivateDir, PublicDir} {
		if _, err := os.Stat(filepath.Join(out, d, "index.html")); err != nil {
			t.Errorf("published %s site: %v", d, err)
		}
	}
}

// sums returns the SHA-256 of every regular file under dir, by path.
func sums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	m := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == "output" && d.IsDir() {
			return filepath.SkipDir
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		m[p] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestOutputOverlappingSourcesIsRefused: `build --output content` deleted
// content/public/, the public site's own pages. Every output folder that
// is, contains or lies inside the sources is refused, and every source file
// is still there byte for byte.
func TestOutputOverlappingSourcesIsRefused(t *testing.T) {
	src := copyPractice(t, repoRoot)
	before := sums(t, src)
	for _, out := range []string{
		".",
		"content",
		"content/public",
		"content/cases/2025-fam-0387-muller-lukasik",
		"content/cases/new-folder",
		"templates",
		"practice.yaml",
		"..",
	} {
		t.Run(out, func(t *testing.T) {
			_, err := Build(context.Background(), Options{Source: src, Output: filepath.Join(src, out), AsOf: asOf, Force: true})
			var oe *OutputError
			if !errors.As(err, &oe) {
				t.Fatalf("build --output %s: err = %v, want an *OutputError", out, err)
			}
			after := sums(t, src)
			if len(after) != len(before) {
				t.Errorf("source files: %d before, %d after", len(before), len(after))
			}
			for p, sum := range before {
				if after[p] != sum {
					t.Errorf("%s changed or vanished", p)
				}
			}
		})
	}
}

// TestOutputThroughLinkIsRefused: a link to the content folder is the
// content folder.
func TestOutputThroughLinkIsRefused(t *testing.T) {
	src := copyPractice(t, repoRoot)
	link := filepath.Join(t.TempDir(), "out")
	if err := os.Symlink(filepath.Join(src, "content"), link); err != nil {
		t.Fatal(err)
	}
	err := CheckOutput(src, link, true)
	var oe *OutputError
	if !errors.As(err, &oe) {
		t.Fatalf("output through a link to content/: err = %v, want an *OutputError", err)
	}
}

// TestOutputWithForeignFiles: a folder pcdocket did not write is used only
// with Force, and then its own files stay.
func TestOutputWithForeignFiles(t *testing.T) {
	src := copyPractice(t, repoRoot)
	out := t.TempDir()
	mine := filepath.Join(out, "notes.txt")
	os.WriteFile(mine, []byte("mine"), 0o644)
	_, err := Build(context.Background(), Options{Source: src, Output: out, AsOf: asOf, NoDocuments: true})
	var oe *OutputError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("build into a folder of someone's files: err = %v, want an *OutputError naming --force", err)
	}
	if _, err := os.Stat(filepath.Join(out, currentLink)); !os.IsNotExist(err) {
		t.Errorf("a refused build wrote into the folder: %v", err)
	}
	if _, err := Build(context.Background(), Options{Source: src, Output: out, AsOf: asOf, NoDocuments: true, Force: true}); err != nil {
		t.Fatalf("build --force: %v", err)
	}
	if data, err := os.ReadFile(mine); err != nil || string(data) != "mine" {
		t.Errorf("--force build touched notes.txt: %q, %v", data, err)
	}
	// Now marked as pcdocket's, the folder needs no --force again.
	if _, err := Build(context.Background(), Options{Source: src, Output: out, AsOf: asOf, NoDocuments: true}); err != nil {
		t.Errorf("second build: %v", err)
	}
}

// TestOutputDefaultAndLegacyAccepted: the default output/ inside the
// practice is fine, and so is the output of earlier pcdocket versions
// (real private/ and public/ folders), which the build turns into links.
func TestOutputDefaultAndLegacyAccepted(t *testing.T) {
	src := copyPractice(t, repoRoot)
	out := filepath.Join(src, "output")
	for _, d := range []string{"private", "public", ".old-123"} {
		os.MkdirAll(filepath.Join(out, d), 0o755)
	}
	os.WriteFile(filepath.Join(out, "private", "index.html"), []byte("old"), 0o644)
	if _, err := Build(context.Background(), Options{Source: src, AsOf: asOf, NoDocuments: true}); err != nil {
		t.Fatalf("build into a legacy output folder: %v", err)
	}
	assertOneBuild(t, out)
	if data, _ := os.ReadFile(filepath.Join(out, "private", "index.html")); string(data) == "old" {
		t.Error("private/index.html is still the legacy one")
	}
}

// TestStaleBuildFoldersRemoved: folders a killed build left behind (with
// plain-text pages in them) are gone after the next build.
func TestStaleBuildFoldersRemoved(t *testing.T) {
	src := copyPractice(t, repoRoot)
	out := t.TempDir()
	ctx := context.Background()
	if _, err := Build(ctx, Options{Source: src, Output: out, AsOf: asOf, NoDocuments: true}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{".build-killed1", ".build-killed2", ".old-killed"} {
		os.MkdirAll(filepath.Join(out, n, "private"), 0o700)
		os.WriteFile(filepath.Join(out, n, "private", "index.html"), []byte("plaintext"), 0o600)
	}
	os.Symlink(".build-killed1", filepath.Join(out, nextLinkName))
	if _, err := Build(ctx, Options{Source: src, Output: out, AsOf: asOf, NoDocuments: true}); err != nil {
		t.Fatal(err)
	}
	assertOneBuild(t, out)
}

// TestPrivateOutputOwnerOnly: the private site is the coordinator's alone;
// the public site stays readable by a web server.
func TestPrivateOutputOwnerOnly(t *testing.T) {
	src := copyPractice(t, repoRoot)
	out := t.TempDir()
	if _, err := Build(context.Background(), Options{Source: src, Output: out, AsOf: asOf, NoDocuments: true}); err != nil {
		t.Fatal(err)
	}
	cur, err := filepath.EvalSymlinks(filepath.Join(out, currentLink))
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(cur, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == cur {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(cur, p)
		perm := fi.Mode().Perm()
		switch {
		case strings.HasPrefix(rel, PrivateDir) && perm&0o077 != 0:
			t.Errorf("%s has mode %v: private output must be owner-only", rel, perm)
		case strings.HasPrefix(rel, PublicDir) && perm&0o004 == 0:
			t.Errorf("%s has mode %v: the public site must be readable", rel, perm)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(cur); err != nil || fi.Mode().Perm()&0o005 != 0o005 {
		t.Errorf("build folder mode %v, %v: a web server must reach public/ through it", fi.Mode(), err)
	}
}

// TestConcurrentBuildRefused: a second build into the same folder while one
// runs is refused instead of deleting the first one's work as stale.
func TestConcurrentBuildRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no flock(2): two builds at once are the user's to avoid")
	}
	out := t.TempDir()
	unlock, err := lockOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := lockOutput(out); err == nil || !strings.Contains(err.Error(), "another build") {
		t.Errorf("second lock: %v, want a refusal naming another build", err)
	}
}
