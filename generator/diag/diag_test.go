package diag

import (
	"bytes"
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

func TestSuggest(t *testing.T) {
	opts := []string{"title", "court", "court_case_no", "status", "appointment"}
	tests := []struct{ word, want string }{
		{"titel", "title"},
		{"court_case_number", ""},
		{"apointment", "appointment"},
		{"zzz", ""},
		{"statuss", "status"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, opts); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestListSortAndFormat(t *testing.T) {
	var l List
	l.Warnf(practice.Pos{File: "b.md", Line: 2}, "late")
	l.Errorf(practice.Pos{File: "a.md", Line: 9}, "second")
	l.Errorf(practice.Pos{File: "a.md", Line: 3}, "first")
	l.Errorf(practice.Pos{File: "a.md", Line: 3}, "first")
	l.Sort()
	var buf bytes.Buffer
	l.WriteText(&buf)
	want := "a.md:3: first\na.md:9: second\nb.md:2: warning: late\n"
	if buf.String() != want {
		t.Errorf("text = %q, want %q", buf.String(), want)
	}
	if e, w := l.Count(); e != 2 || w != 1 {
		t.Errorf("Count = %d, %d; want 2, 1", e, w)
	}
	buf.Reset()
	l.WriteJSON(&buf)
	if !strings.Contains(buf.String(), `"severity": "warning"`) {
		t.Errorf("JSON lacks a warning severity: %s", buf.String())
	}
	if err := l.Err(); err == nil || !strings.Contains(err.Error(), "a.md:3: first (and 1 more errors)") {
		t.Errorf("Err() = %v", err)
	}
}

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		noun string
		want string
	}{{0, "day", "0 days"}, {1, "day", "1 day"}, {2, "error", "2 errors"}, {21000, "page", "21000 pages"}} {
		if got := Plural(tt.n, tt.noun); got != tt.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
		}
	}
}
