package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
)

// Cryptographic parameters. The browser side (vault.js) uses the same ones
// through WebCrypto.
const (
	// DefaultIterations is the PBKDF2-SHA256 iteration count: OWASP's 2023
	// recommendation for PBKDF2-HMAC-SHA256.
	DefaultIterations = 600_000
	keySize           = 32 // AES-256
	saltSize          = 16
	nonceSize         = 12 // the GCM standard nonce
)

// derive turns a passphrase, in NFC (see normalize), into a 256-bit key.
func derive(pass string, salt []byte, iter int) ([]byte, error) {
	k, err := pbkdf2.Key(sha256.New, normalize(pass), salt, iter, keySize)
	if err != nil {
		return nil, fmt.Errorf("deriving key: %w", err)
	}
	return k, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// seal encrypts plaintext under key with a fresh random nonce read from rnd.
// aad binds the ciphertext to where it belongs (the build and file name),
// so a host cannot swap one file's ciphertext for another's unnoticed.
func seal(rnd io.Reader, key, plaintext, aad []byte) (nonce, ct []byte, err error) {
	g, err := newGCM(key)
	if err != nil {
		return nil, nil, err
	}
	nonce = make([]byte, nonceSize)
	if _, err := io.ReadFull(rnd, nonce); err != nil {
		return nil, nil, fmt.Errorf("reading random nonce: %w", err)
	}
	return nonce, g.Seal(nil, nonce, plaintext, aad), nil
}

// errAuth is what a wrong key, a wrong passphrase or a tampered file gives:
// GCM cannot tell them apart, and neither can we.
var errAuth = errors.New("message authentication failed")

func open(key, nonce, ct, aad []byte) ([]byte, error) {
	g, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	if len(nonce) != g.NonceSize() {
		return nil, fmt.Errorf("nonce of %d bytes, want %d", len(nonce), g.NonceSize())
	}
	pt, err := g.Open(nil, nonce, ct, aad)
	if err != nil {
		return nil, errAuth
	}
	return pt, nil
}

// label returns a short stable identifier for s under key: HMAC-SHA256,
// hex, n characters. File names and key ids are labels, so they say
// nothing about the case or page they stand for.
func label(key []byte, s string, n int) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil))[:n]
}

func randomBytes(rnd io.Reader, n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(rnd, b); err != nil {
		return nil, fmt.Errorf("reading random bytes: %w", err)
	}
	return b, nil
}
