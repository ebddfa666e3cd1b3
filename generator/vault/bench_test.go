package vault

import (
	"crypto/rand"
	"testing"
)

// BenchmarkDerive measures one PBKDF2-SHA256 derivation at the real
// iteration count: what a build pays per passphrase holder (on all cores)
// and what an attacker pays per guess per slot.
func BenchmarkDerive(b *testing.B) {
	salt := make([]byte, saltSize)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := derive("correct horse battery staple", salt, DefaultIterations); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGuess measures an offline attacker holding a copy of the site,
// on every core of this machine: a guess is one derivation and one AES-GCM
// open of a keyring slot (or, equally, one name key and one file label).
// The guesses/s metric is what docs/encryption.md quotes.
func BenchmarkGuess(b *testing.B) {
	salt, key := make([]byte, saltSize), make([]byte, keySize)
	aad := slotAAD("build", 0)
	nonce, ct, err := seal(rand.Reader, key, []byte(`{"role":"coordinator"}`), aad)
	if err != nil {
		b.Fatal(err)
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			kek, err := derive("a wrong guess at the passphrase", salt, DefaultIterations)
			if err != nil {
				b.Error(err)
				return
			}
			if _, err := open(kek, nonce, ct, aad); err == nil {
				b.Error("a wrong guess opened the slot")
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "guesses/s")
}
