package templates

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pcdocket/generator/sourcefile"
)

func TestOverlay(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "private"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "private", "README.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := Overlay(dir)
	got, err := fs.ReadFile(o, "private/README.txt")
	if err != nil || string(got) != "mine" {
		t.Fatalf("override: got %q, %v; want the practice's file", got, err)
	}
	def, err := fs.ReadFile(o, "public/README.txt")
	if err != nil || len(def) == 0 {
		t.Fatalf("fallback: got %q, %v; want the embedded default", def, err)
	}
	if _, err := o.Open("../etc/passwd"); err == nil {
		t.Fatal("Open(../etc/passwd) succeeded; want an invalid-path error")
	}
	if _, err := fs.ReadFile(Overlay(filepath.Join(dir, "missing")), "public/README.txt"); err != nil {
		t.Fatalf("missing override dir: %v; want the defaults", err)
	}
}

// TestOverlayRules checks that a practice's templates are read as its
// content is (issue #13): a named pipe is an error, not a hang; a link out
// of the practice is refused; a file over the limit is refused.
func TestOverlayRules(t *testing.T) {
	const name = "private/style.css"
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "x.css"), []byte("CANARY"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		limit   int64
		setup   func(t *testing.T, p string) // p is the file of the override
		want    string                       // the contents read; "" for an error
		wantErr error
	}{
		{"override", 100, func(t *testing.T, p string) { writeFile(t, p, "mine") }, "mine", nil},
		{"named pipe", 100, func(t *testing.T, p string) { mkfifo(t, p) }, "", sourcefile.ErrNotRegular},
		{"link outside", 100, func(t *testing.T, p string) { symlink(t, filepath.Join(outside, "x.css"), p) }, "", sourcefile.ErrOutside},
		{"link inside", 100, func(t *testing.T, p string) {
			writeFile(t, filepath.Join(filepath.Dir(p), "..", "..", "shared.css"), "shared")
			symlink(t, filepath.Join("..", "..", "shared.css"), p)
		}, "shared", nil},
		{"over the limit", 3, func(t *testing.T, p string) { writeFile(t, p, "mine") }, "", sourcefile.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "templates")
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			tt.setup(t, p)
			var got []byte
			var err error
			done := make(chan struct{})
			go func() {
				defer close(done)
				got, err = fs.ReadFile(OverlayLimit(dir, tt.limit), name)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("still reading after 5 s: the read blocked")
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("ReadFile = %q, %v; want %v", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("ReadFile = %q, %v; want %q", got, err, tt.want)
			}
			// A folder the practice has is still the defaults' folder.
			if _, err := fs.ReadDir(OverlayLimit(dir, tt.limit), "private"); err != nil {
				t.Errorf("ReadDir(private): %v", err)
			}
		})
	}
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// TestPrivateDefault: the built-in templates, and a practice's copy of
// one that changes nothing, are the default; a changed copy, or one that
// cannot be read, is not; a file of another name is never read.
func TestPrivateDefault(t *testing.T) {
	issue, err := fs.ReadFile(Default(), "private/issue.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files map[string][]byte // under the practice's templates/private/
		want  bool
	}{
		{"no templates folder", nil, true},
		{"an unchanged copy", map[string][]byte{"issue.html": issue}, true},
		{"a file of its own", map[string][]byte{"mine.html": []byte(`{{define "x"}}{{end}}`)}, true},
		{"a changed copy", map[string][]byte{"issue.html": append(issue, '\n')}, false},
		{"a changed stylesheet only", map[string][]byte{"style.css": []byte("body{}")}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "templates")
			for name, b := range tt.files {
				if err := os.MkdirAll(filepath.Join(dir, "private"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "private", name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := PrivateDefault(Overlay(dir)); got != tt.want {
				t.Errorf("PrivateDefault = %v, want %v", got, tt.want)
			}
		})
	}
	if !PrivateDefault(Default()) {
		t.Error("PrivateDefault(Default()) = false")
	}
	dir := filepath.Join(t.TempDir(), "templates")
	if err := os.MkdirAll(filepath.Join(dir, "private"), 0o755); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, filepath.Join(dir, "private", "issue.html"))
	if PrivateDefault(Overlay(dir)) {
		t.Error("an unreadable issue.html (a named pipe) counts as the default")
	}
}
