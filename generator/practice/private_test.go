package practice

import (
	"strings"
	"testing"
)

func TestSplitPrivate(t *testing.T) {
	tests := []struct {
		name, body, record, private string
	}{
		{"none", "## Background\n\nText.\n", "## Background\n\nText.\n", ""},
		{"the word private in prose", "## Background\n\nA private school.\n", "## Background\n\nA private school.\n", ""},
		{"to the next heading of the same level",
			"## Background\n\nB.\n\n## Private\n\nMy note.\n\n## Analysis\n\nA.\n",
			"## Background\n\nB.\n\n## Analysis\n\nA.\n", "My note.\n"},
		{"to the end", "## Findings\n\nF.\n\n## Private\n\nNote.\n", "## Findings\n\nF.\n\n", "Note.\n"},
		{"a deeper heading stays inside",
			"## Private\n\nN.\n\n### Calls\n\nC.\n\n# Record\n\nR.\n",
			"# Record\n\nR.\n", "N.\n\n### Calls\n\nC.\n"},
		{"a third-level private section ends at a second-level heading",
			"## Analysis\n\nA.\n\n### Private\n\nP.\n\n## Findings\n\nF.\n",
			"## Analysis\n\nA.\n\n## Findings\n\nF.\n", "P.\n"},
		{"case-insensitive, closing hashes and spaces", "  ## PRIVATE ##  \nP.\n## Next\n", "## Next\n", "P.\n"},
		{"not an exact match", "## Private notes\n\nShown.\n", "## Private notes\n\nShown.\n", ""},
		{"not a heading without a space", "##Private\n\nShown.\n", "##Private\n\nShown.\n", ""},
		{"indented four spaces is code", "    ## Private\n\nShown.\n", "    ## Private\n\nShown.\n", ""},
		{"in a block quote", "> ## Private\n> Shown.\n", "> ## Private\n> Shown.\n", ""},
		{"inside a code fence",
			"## Example\n\n```markdown\n## Private\nshown\n```\n\nAfter.\n",
			"## Example\n\n```markdown\n## Private\nshown\n```\n\nAfter.\n", ""},
		{"a tilde fence closes only with tildes",
			"~~~~\n```\n## Private\n~~~~\n## Private\nP.\n",
			"~~~~\n```\n## Private\n~~~~\n", "P.\n"},
		{"a fence inside a private section hides its headings",
			"## Private\n\n```\n## Analysis\n```\n\nP.\n\n## Analysis\n\nA.\n",
			"## Analysis\n\nA.\n", "```\n## Analysis\n```\n\nP.\n"},
		{"several sections",
			"## Private\nOne.\n## Background\nB.\n## private\nTwo.\n",
			"## Background\nB.\n", "One.\n\nTwo.\n"},
		{"adjacent sections", "## Private\nOne.\n## Private\nTwo.\n", "", "One.\n\nTwo.\n"},
		{"an empty section", "## Private\n\n## Analysis\nA.\n", "## Analysis\nA.\n", ""},
		{"no final newline", "A.\n## Private\nP.", "A.\n", "P.\n"},
		{"heading on the last line without newline", "A.\n## Private", "A.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, priv := SplitPrivate(tt.body)
			if rec != tt.record || priv != tt.private {
				t.Errorf("SplitPrivate(%q)\n = %q, %q\nwant %q, %q", tt.body, rec, priv, tt.record, tt.private)
			}
		})
	}
}

func TestSplitPrivateAllocatesNothingWithoutPrivate(t *testing.T) {
	body := "## Background\n\nA long record without the word.\n"
	if n := testing.AllocsPerRun(100, func() { SplitPrivate(body) }); n != 0 {
		t.Errorf("SplitPrivate allocated %v times on a body without private sections", n)
	}
}

func BenchmarkSplitPrivate(b *testing.B) {
	body := strings.Repeat("## Findings\n\nThe parents disagree about the exchange on a school day; the plan is silent.\n\n", 30)
	b.ReportAllocs()
	for b.Loop() {
		SplitPrivate(body)
	}
}
