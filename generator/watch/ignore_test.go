package watch

import "testing"

func TestInput(t *testing.T) {
	for _, tc := range []struct {
		rel  string
		want bool
	}{
		{"practice.yaml", true},
		{"content", true},
		{"content/cases/x/case.md", true},
		{"templates/private/issue.html", true},
		{"output/private/index.html", false},
		{".git/index", false},
		{"README.md", false},
		{"contentious.md", false},
	} {
		if got := input(tc.rel); got != tc.want {
			t.Errorf("input(%q) = %v, want %v", tc.rel, got, tc.want)
		}
	}
}
