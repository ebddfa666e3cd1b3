package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcdocket/bench/synth"
	"pcdocket/generator/vault"
)

// The test binary runs as pcdocket itself when this variable is set, so
// that the crash test can kill a real build process without compiling one.
const envRunMain = "PCDOCKET_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(envRunMain) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestBuildSurvivesSIGKILL kills `pcdocket build` with SIGKILL at many
// points of its run, plain and encrypted, over a generated practice. After
// every kill the published output must be one complete build (private and
// public from the same one); after the next finished build nothing a build
// leaves while it runs may remain, and after an encrypted one no plain-text
// page anywhere in the output folder. Bounded to about a minute.
func TestBuildSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real build processes for up to a minute")
	}
	src := t.TempDir()
	if err := synth.Write(src, synth.Options{Cases: 30, IssuesPerCase: 10, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	build := func(encrypt bool) *exec.Cmd {
		args := []string{"build", "--source", src, "--output", out, "--as-of", "2026-11-27"}
		if encrypt {
			args = append(args, "--encrypt")
		}
		cmd := exec.Command(self, args...)
		cmd.Env = append(os.Environ(), envRunMain+"=1", vault.EnvPassphrase+"=correct horse battery staple crash")
		return cmd
	}
	finish := func(encrypt bool) {
		t.Helper()
		if b, err := build(encrypt).CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, b)
		}
	}

	// One finished build of each kind gives the file counts of a complete
	// output, and how long a build takes, to spread the kills over.
	started := time.Now()
	finish(true)
	encCount := count(t, out)
	finish(false)
	took := time.Since(started) / 2
	plainCount := count(t, out)
	canary := plainCanary(t, src)

	deadline := time.Now().Add(45 * time.Second)
	kills := 0
	for i := 0; time.Now().Before(deadline) && i < 40; i++ {
		encrypt := i%3 == 2
		cmd := build(encrypt)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Spread the kills from the first instant to past the end.
		time.Sleep(time.Duration(i%20) * took / 16)
		cmd.Process.Kill()
		cmd.Wait()
		kills++
		if n := count(t, out); n != plainCount && n != encCount {
			t.Fatalf("kill %d at %v: the published output has %d files; a complete build has %d (plain) or %d (encrypted)",
				kills, time.Duration(i%20)*took/16, n, plainCount, encCount)
		}
	}
	t.Logf("%d kills over builds of about %v", kills, took)

	finish(false)
	assertCleanOutput(t, out)
	if findPlaintext(t, out, canary) == "" {
		t.Fatalf("the plain site does not show %q: the scan below would prove nothing", canary)
	}
	finish(true)
	assertCleanOutput(t, out)
	if f := findPlaintext(t, out, canary); f != "" {
		t.Errorf("after an encrypted build, %s still holds plain text (%q)", f, canary)
	}
}

// count returns the number of files in the published output, read through
// its private and public links as a reader would, and checks that both
// lead into the same build.
func count(t *testing.T, out string) int {
	t.Helper()
	priv, err1 := filepath.EvalSymlinks(filepath.Join(out, "private"))
	pub, err2 := filepath.EvalSymlinks(filepath.Join(out, "public"))
	if err1 != nil || err2 != nil {
		t.Fatalf("published output unreadable: %v, %v", err1, err2)
	}
	if filepath.Dir(priv) != filepath.Dir(pub) {
		t.Fatalf("private (%s) and public (%s) come from different builds", priv, pub)
	}
	n := 0
	for _, d := range []string{priv, pub} {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err == nil && e.Type().IsRegular() {
				n++
			}
			return err
		})
	}
	return n
}

// assertCleanOutput fails unless out holds one build folder and the
// links, marker and lock: nothing a killed build left behind.
func assertCleanOutput(t *testing.T, out string) {
	t.Helper()
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	builds := 0
	for _, e := range entries {
		switch n := e.Name(); {
		case strings.HasPrefix(n, ".build-"):
			builds++
		case n == "private" || n == "public" || n == "current" || n == ".pcdocket-output" || n == ".pcdocket-lock":
		default:
			t.Errorf("output holds %s after a finished build", n)
		}
	}
	if builds != 1 {
		t.Errorf("output holds %d build folders after a finished build, want 1", builds)
	}
}

// plainCanary returns a string the plain private site shows and an
// encrypted one must not: the first case's folder name appears in the
// plain pages' text.
func plainCanary(t *testing.T, src string) string {
	t.Helper()
	cases, err := os.ReadDir(filepath.Join(src, "content", "cases"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("generated practice has no cases: %v", err)
	}
	return cases[0].Name()
}

// findPlaintext returns a file anywhere under out whose bytes hold s.
func findPlaintext(t *testing.T, out, s string) string {
	t.Helper()
	found := ""
	filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || found != "" || !e.Type().IsRegular() {
			return err
		}
		if data, _ := os.ReadFile(p); bytes.Contains(data, []byte(s)) {
			found = p
		}
		return nil
	})
	return found
}
