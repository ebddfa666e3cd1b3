package parse

import (
	"strings"
	"testing"
)

// TestPlaceholdersWarned: a TODO left in a value or at the start of a body
// line is a warning at the first one, counting the rest; a TODO in a
// comment is not.
func TestPlaceholdersWarned(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"none", "---\ntitle: Pickup\n---\nText.\n", ""},
		{"comment only", "---\n# Replace every TODO\ntitle: Pickup   # TODO: the title\n---\nText.\n", ""},
		{"value", "---\ntitle: Pickup\nquestion: \"TODO: the question\"\n---\nText.\n", "x.md:3: warning: a TODO placeholder is left here: replace it"},
		{"value and body", "\n---\ntitle: \"TODO: title\"\n---\n## Findings\n\nTODO: what the record shows.\n", "x.md:3: warning: a TODO placeholder is left here, and on 1 more lines"},
		{"body only", "---\ntitle: Pickup\n---\n## Findings\n\nTODO: what the record shows.\n", "x.md:6: warning: a TODO placeholder"},
		{"block scalar", "---\nquestion: >-\n  TODO: the question?\n---\n", "x.md:3: warning: a TODO placeholder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v struct {
				Title    string `pc:"title"`
				Question string `pc:"question"`
			}
			_, _, diags := FrontMatter("x.md", []byte(tt.src), &v)
			var got []string
			for _, d := range diags {
				if strings.Contains(d.Message, "TODO") {
					got = append(got, d.String())
				}
			}
			switch {
			case tt.want == "" && len(got) != 0:
				t.Errorf("findings %q, want none", got)
			case tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want)):
				t.Errorf("findings %q, want one starting %q", got, tt.want)
			}
		})
	}
}
