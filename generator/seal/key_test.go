package seal

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSigningKeyFile(t *testing.T) {
	practiceDir := t.TempDir()
	dir := t.TempDir()
	pub, priv := newKey(t)
	name := filepath.Join(dir, "ledger.key")
	if err := WriteSigningKey(name, practiceDir, priv); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("key file mode %04o, want 0600", perm)
	}
	got, err := ReadSigningKey(name, practiceDir)
	if err != nil || !bytes.Equal(got, priv) {
		t.Fatalf("ReadSigningKey: %v (same key %v)", err, bytes.Equal(got, priv))
	}

	// Never overwrite: the first key is still there afterwards.
	_, other := newKey(t)
	if err := WriteSigningKey(name, practiceDir, other); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second WriteSigningKey: err = %v", err)
	}
	if got, _ := ReadSigningKey(name, practiceDir); !bytes.Equal(got, priv) {
		t.Error("the existing key was overwritten")
	}

	// Open to others: refused with the chmod to run.
	os.Chmod(name, 0o644)
	if _, err := ReadSigningKey(name, practiceDir); err == nil || !strings.Contains(err.Error(), "chmod 600 "+name) {
		t.Errorf("ReadSigningKey of a 0644 key: err = %v", err)
	}
	os.Chmod(name, 0o600)

	// Inside the practice folder: refused on writing and on reading.
	inside := filepath.Join(practiceDir, "ledger.key")
	if err := WriteSigningKey(inside, practiceDir, priv); err == nil || !strings.Contains(err.Error(), "inside the practice folder") {
		t.Errorf("WriteSigningKey inside the practice: err = %v", err)
	}
	if _, err := os.Stat(inside); err == nil {
		t.Error("a key was written inside the practice folder")
	}
	data, _ := os.ReadFile(name)
	os.WriteFile(inside, data, 0o600)
	if _, err := ReadSigningKey(inside, practiceDir); err == nil || !strings.Contains(err.Error(), "inside the practice folder") {
		t.Errorf("ReadSigningKey inside the practice: err = %v", err)
	}

	// Not a key.
	junk := filepath.Join(dir, "junk.key")
	os.WriteFile(junk, []byte("hello"), 0o600)
	if _, err := ReadSigningKey(junk, practiceDir); err == nil || !strings.Contains(err.Error(), "PRIVATE KEY") {
		t.Errorf("ReadSigningKey of junk: err = %v", err)
	}

	// The public key round-trips through its practice.yaml form.
	s := FormatPublicKey(pub)
	if back, err := ParsePublicKey(s); err != nil || !back.Equal(pub) || !strings.HasPrefix(s, "ed25519:") {
		t.Errorf("ParsePublicKey(%q) = %v, %v", s, back, err)
	}
}

func TestParsePublicKeyErrors(t *testing.T) {
	for _, s := range []string{"", "AAAA", "rsa:AAAA", "ed25519:", "ed25519:c2hvcnQ=", "ed25519:!!!"} {
		if _, err := ParsePublicKey(s); err == nil {
			t.Errorf("ParsePublicKey(%q): no error", s)
		}
	}
}
