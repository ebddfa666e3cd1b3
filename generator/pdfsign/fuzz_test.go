package pdfsign_test

import (
	"testing"

	"pcdocket/generator/pdfsign"
)

// FuzzVerify feeds Verify what anyone may hand `pcdocket verify`: it must
// never panic, and never call a changed signed document valid.
func FuzzVerify(f *testing.F) {
	signed, err := testSigner(f).Sign(oneDocument(f), info)
	if err != nil {
		f.Fatal(err)
	}
	// The signature dictionary and what follows it: where a parser of
	// byte ranges and hexadecimal strings can go wrong.
	tail := signed[len(signed)-8000:]
	f.Add(tail)
	f.Add([]byte("/ByteRange [0 1 3 0] /Contents <00>"))
	f.Add([]byte("/ByteRange [0 9223372036854775807 9223372036854775807 9223372036854775807]"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, s := range pdfsign.Verify(b) {
			if s.Valid() {
				t.Fatalf("a fuzzed input has a valid signature by %s", s.Signer)
			}
		}
	})
}
