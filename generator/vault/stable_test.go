package vault_test

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"pcdocket/generator/vault"
)

// TestEncryptIsStable pins the bytes encryption writes for a fixed source
// of randomness: the fixture's site, with a search script, hashed in output
// order. It was recorded before the encryption function was split into
// steps, so it proves the split changed nothing; a deliberate change of the
// format changes the hash. It was recorded again when the unlock page
// learnt personal links and NFC passphrases (the shell's script is part of
// the output): the unsplit Seal of that branch gives the same hash as
// Encrypt here.
func TestEncryptIsStable(t *testing.T) {
	p := twoCases()
	files := append(siteFiles(t, p), vault.File{Path: "cases/alpha/search-index.js", Data: []byte(`window.pcdIndex={"u":"cases/alpha/issues/1.html"};`)})
	opts := vault.WithRandom(vault.WithIterations(vault.Options{Passphrases: passphrases()}, fastIter), rand.NewChaCha8([32]byte{1}))
	out, err := vault.Encrypt(p, files, opts)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for _, f := range out {
		h.Write([]byte(f.Path + "\x00"))
		h.Write(f.Data)
		h.Write([]byte{0})
	}
	const want = "d2079ccd57d3815127744c63731abcfa79ef1c6c621d6840a7cf1dc84323fdf8"
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Errorf("output hash %s, want %s", got, want)
	}
}
