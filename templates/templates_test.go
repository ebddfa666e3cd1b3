package templates

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
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
