package seal

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"pcdocket/generator/sourcefile"
	"runtime"
	"strings"

	"pcdocket/generator/practice"
)

// EnvSigningKey names the environment variable that may give the path of
// the ledger signing key, in place of `pcdocket seal --signing-key`.
const EnvSigningKey = "PCDOCKET_SIGNING_KEY"

// keyPrefix starts a public key in practice.yaml and a signature in a
// ledger, naming the algorithm so that another can follow one day.
const keyPrefix = "ed25519:"

// FormatPublicKey writes pub as practice.yaml's ledger.public_key holds it.
func FormatPublicKey(pub ed25519.PublicKey) string {
	return keyPrefix + base64.StdEncoding.EncodeToString(pub)
}

// ParsePublicKey reads a public key written by FormatPublicKey.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b64, ok := strings.CutPrefix(s, keyPrefix)
	if !ok {
		return nil, fmt.Errorf("public key %q: want \"ed25519:\" followed by the key in base64, as `pcdocket keygen` prints it", s)
	}
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public key %q: want %d bytes in standard base64 after \"ed25519:\", as `pcdocket keygen` prints it", s, ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// PinnedKey returns the ledger public key that p's practice.yaml pins, or
// nil when it pins none.
func PinnedKey(p *practice.Practice) (ed25519.PublicKey, error) {
	if p == nil || p.Ledger.PublicKey == "" {
		return nil, nil
	}
	return ParsePublicKey(p.Ledger.PublicKey)
}

// WriteSigningKey writes priv to a new file name, readable by its owner
// only, as a PKCS #8 PEM block (the form `openssl pkey` reads). It refuses
// to overwrite an existing file: a lost signing key cannot be recovered, and
// the entries it signed could no longer be extended. Like ReadSigningKey it
// refuses a file inside practiceDir.
func WriteSigningKey(name, practiceDir string, priv ed25519.PrivateKey) error {
	if err := outside(name, practiceDir); err != nil {
		return err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return fmt.Errorf("seal: signing key: %w", err)
	}
	err = sourcefile.WriteNew(name, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("seal: %s already exists; keygen never overwrites a key: choose another file, or move the old key away if you are sure nothing needs it", name)
	}
	if err != nil {
		return fmt.Errorf("seal: %w", err)
	}
	return nil
}

// ReadSigningKey reads a key written by WriteSigningKey. Like ssh, it
// refuses a file that others may read or write, and it refuses a file
// inside practiceDir: the practice folder is committed, synced and
// published, and a key that travels with the ledger protects nothing.
func ReadSigningKey(name, practiceDir string) (ed25519.PrivateKey, error) {
	if err := outside(name, practiceDir); err != nil {
		return nil, err
	}
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("seal: signing key: %w", err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, fmt.Errorf("seal: signing key %s is open to others (mode %04o); run: chmod 600 %s", name, perm, name)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("seal: signing key: %w", err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("seal: signing key %s: not a PEM \"PRIVATE KEY\" file as `pcdocket keygen` writes", name)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("seal: signing key %s: %v", name, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("seal: signing key %s: a %T, want an Ed25519 key", name, k)
	}
	return priv, nil
}

// outside refuses a key file inside the practice folder.
func outside(name, practiceDir string) error {
	inside, err := sourcefile.Within(name, practiceDir)
	if err != nil {
		return fmt.Errorf("seal: signing key %s: %w", name, err)
	}
	if inside {
		return fmt.Errorf("seal: signing key %s is inside the practice folder: keep it outside (for example in ~/.config/pcdocket/), where it is never committed, synced or published with the ledger it protects", name)
	}
	return nil
}
