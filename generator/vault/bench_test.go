package vault

import "testing"

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
