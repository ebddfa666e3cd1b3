package sourcefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// WriteNew writes a new file with the mode asked for, and never replaces
// one: a signing key that already exists keeps every byte.
func TestWriteNew(t *testing.T) {
	name := filepath.Join(t.TempDir(), "key")
	if err := WriteNew(name, []byte("first"), 0o600); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if err := WriteNew(name, []byte("second"), 0o600); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second write: %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(name); string(b) != "first" {
		t.Errorf("the file holds %q after a refused write, want %q", b, "first")
	}
	if err := WriteNew(filepath.Join(t.TempDir(), "missing", "key"), nil, 0o600); err == nil {
		t.Error("a write into a missing folder succeeded")
	}
}
