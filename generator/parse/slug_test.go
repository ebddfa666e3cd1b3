package parse

import (
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Summer exchange time", "summer-exchange-time"},
		{"Zoë’s violin — and Łukasz's cleats!", "zoes-violin-and-lukaszs-cleats"},
		{"  2026/27 winter break  ", "2026-27-winter-break"},
		{"日本語", ""},
		{strings.Repeat("word ", 20), "word-word-word-word-word-word-word-word-word"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in, 48); got != tt.want {
			t.Errorf("Slug(%q, 48) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSuggestID(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Smith v. Jones", "smith-v-jones"},
		{"2026 FAM 0001 Müller", "2026-fam-0001-muller"},
		{"___", "case-1"},
		{strings.Repeat("abcdefghi ", 10), strings.TrimSuffix(strings.Repeat("abcdefghi-", 6), "-")},
	} {
		if got := suggestID(tt.in); got != tt.want || !ValidID(got) {
			t.Errorf("suggestID(%q) = %q, want the valid id %q", tt.in, got, tt.want)
		}
	}
}

// TestValidID: lowercase letters, digits and hyphens, 1 to 64, the first
// a letter or digit, so that no id is taken for a flag.
func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"c1": true, "2026-fam-0142-nunez-ward": true, "a": true, "7": true, "a-": true,
		strings.Repeat("a", 64): true, strings.Repeat("a", 65): false,
		"": false, "-": false, "--help": false, "-c1": false, "C1": false, "a_b": false, "../x": false, "a b": false,
	} {
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
}
