package markup

import (
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // substrings that must appear
		not      []string // substrings that must not
	}{
		{"paragraph", "Hello *there*.", []string{"<p>Hello <em>there</em>.</p>"}, nil},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", []string{"<table>", "<td>1</td>"}, nil},
		{"footnote", "Text.[^1]\n\n[^1]: Note.\n", []string{`class="footnotes"`}, nil},
		{"inline html escaped", "Say <b onclick=x>hi</b>.", []string{"&lt;b onclick=x&gt;hi&lt;/b&gt;"}, []string{"<b "}},
		{"block html escaped", "<script>alert(1)</script>\n", []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script>"}},
		{"div block", "<div>\nx\n</div>\n", []string{"&lt;div&gt;", "&lt;/div&gt;"}, []string{"<div>"}},
		{"javascript link dropped", "[x](javascript:alert(1))", nil, []string{"javascript:"}},
	}
	m := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := m.HTML(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("HTML(%q) = %q, want it to contain %q", tt.in, got, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(got), n) {
					t.Errorf("HTML(%q) = %q, must not contain %q", tt.in, got, n)
				}
			}
		})
	}
}
