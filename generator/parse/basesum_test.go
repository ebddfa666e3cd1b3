package parse

import (
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

// TestBaseSum checks that an issue file's Base is the fingerprint of the
// same file without its noncompliance events (and the comments just above
// them), in YAML and in TOML, and that a file without one has none.
func TestBaseSum(t *testing.T) {
	const yamlHead = "---\nnumber: 1\nevents:\n  - on: 2026-01-02\n    kind: notice\n"
	const yamlTail = "outcome:\n  kind: determination\n  on: 2026-01-10\n  directives:\n    - Do it.\n---\nRecord.\n"
	const yamlEvent = "  # broken on the first Friday\n  - on: 2026-01-20\n    kind: noncompliance\n    by: parent_a\n    directive: 1\n    note: >-\n      Not done.\n"
	const tomlHead = "+++\nnumber = 1\n\n[[events]]\non = 2026-01-02\nkind = \"notice\"\n\n"
	const tomlEvent = "[[events]]\non = 2026-01-20\nkind = \"noncompliance\"\nby = \"parent_a\"\ndirective = 1\n\n"
	const tomlTail = "[outcome]\nkind = \"determination\"\non = 2026-01-10\ndirectives = [\"Do it.\"]\n+++\nRecord.\n"
	tests := []struct {
		name, with, without string
	}{
		{"yaml", yamlHead + yamlEvent + yamlTail, yamlHead + yamlTail},
		{"yaml, two events", yamlHead + yamlEvent + yamlEvent + yamlTail, yamlHead + yamlTail},
		{"yaml, CRLF", strings.ReplaceAll(yamlHead+yamlEvent+yamlTail, "\n", "\r\n"), yamlHead + yamlTail},
		{"toml", tomlHead + tomlEvent + tomlTail, tomlHead + tomlTail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var is practice.Issue
			_, src, diags := FrontMatter("i.md", []byte(tt.with), &is)
			if len(src.Unread) > 0 || len(is.Events) < 2 { // the required keys left out are reported, and do not matter here
				t.Fatalf("parse: %v", diags)
			}
			base := baseSum([]byte(tt.with), &src, is.Events)
			if want := SourceSum([]byte(tt.without)); base != want {
				t.Errorf("Base is not the fingerprint of the file without its noncompliance events")
			}
			var plain practice.Issue
			_, psrc, _ := FrontMatter("i.md", []byte(tt.without), &plain)
			if b := baseSum([]byte(tt.without), &psrc, plain.Events); b != ([32]byte{}) {
				t.Error("a file without noncompliance events has a Base")
			}
		})
	}
}
