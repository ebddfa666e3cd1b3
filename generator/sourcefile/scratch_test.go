package sourcefile

import "testing"

func TestScratch(t *testing.T) {
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
		{"~$notes.docx", true},
		{".~lock.notes.odt#", true},
		{"content/cases/x/issues/4913", true},
		{"content/cases/x/issues/03.md", false},
		{"notes.swq", false},
		{"#3 pickup.md", false}, // a name that only starts with # is the coordinator's
	} {
		if got := Scratch(tc.name); got != tc.want {
			t.Errorf("Scratch(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
