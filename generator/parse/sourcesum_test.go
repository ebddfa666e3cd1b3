package parse

import (
	"crypto/sha256"
	"testing"
)

// TestSourceSum checks which changes the sealing fingerprint ignores (line
// endings, a leading BOM) and which it does not, and that a file saved
// with LF and no BOM keeps the plain SHA-256 older ledgers recorded.
func TestSourceSum(t *testing.T) {
	const text = "---\nnumber: 1\n---\nBody.\n"
	want := sha256.Sum256([]byte(text))
	for _, tc := range []struct {
		name string
		data string
		same bool
	}{
		{"LF", text, true},
		{"CRLF", "---\r\nnumber: 1\r\n---\r\nBody.\r\n", true},
		{"lone CR", "---\rnumber: 1\r---\rBody.\r", true},
		{"BOM", "\xef\xbb\xbf" + text, true},
		{"BOM and CRLF", "\xef\xbb\xbf---\r\nnumber: 1\r\n---\r\nBody.\r\n", true},
		{"BOM inside", "---\nnumber: 1\n---\n\xef\xbb\xbfBody.\n", false},
		{"no final newline", "---\nnumber: 1\n---\nBody.", false},
		{"trailing space", "---\nnumber: 1\n---\nBody. \n", false},
		{"a word changed", "---\nnumber: 2\n---\nBody.\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SourceSum([]byte(tc.data)) == want; got != tc.same {
				t.Errorf("SourceSum(%q) == SHA-256(LF text) is %v, want %v", tc.data, got, tc.same)
			}
		})
	}
}
