package watch

import "testing"

func TestIgnored(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"03-holiday.md", false},
		{"case.md", false},
		{"practice.yaml", false},
		{"issue.html", false},
		{"2026-fam-0001", false},
		{"issues", false},
		{"4913", true},
		{"5036", true},
		{".03-holiday.md.swp", true},
		{".03-holiday.md.swx", true},
		{".03-holiday.md.swo", true},
		{"#03-holiday.md#", true},
		{".#03-holiday.md", true},
		{"03-holiday.md~", true},
		{"03-holiday.md___jb_tmp___", true},
		{"03-holiday.md___jb_old___", true},
		{".goutputstream-AB12CD", true},
		{".DS_Store", true},
		{"content/cases/x/issues/4913", true},
		{"content/cases/x/issues/03.md", false},
		{"notes.swq", false},
	} {
		if got := Ignored(tc.name); got != tc.want {
			t.Errorf("Ignored(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

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
