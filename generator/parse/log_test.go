package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

func TestParseLog(t *testing.T) {
	tests := []struct {
		line string
		want practice.LogEntry
	}{
		{"2026-11-03  10:00  session  1h00  @mother @father  #4  Joint session on exchanges",
			practice.LogEntry{Clock: 600, Mode: "session", Minutes: 60, With: []string{"mother", "father"}, Issue: 4, Summary: "Joint session on exchanges"}},
		{"2026-11-04 call 0h20 @parent_b private Asked about the calendar",
			practice.LogEntry{Clock: -1, Mode: "call", Minutes: 20, With: []string{"parent_b"}, Private: true, Summary: "Asked about the calendar"}},
		{`2026-11-05 email @both @"school counselor" Sent the notice`,
			practice.LogEntry{Clock: -1, Mode: "email", With: []string{"both", "school counselor"}, Outside: []string{"school counselor"}, Summary: "Sent the notice"}},
		{"2026-12-09 14:00-15:30 court @both @counsel scheduled Review hearing",
			practice.LogEntry{Clock: 840, Mode: "court", Minutes: 90, With: []string{"both", "counsel"}, Scheduled: true, Summary: "Review hearing"}},
		{"2026-11-06 09:00 call 45m @mother #5 bill private Call on hockey",
			practice.LogEntry{Clock: 540, Mode: "call", Minutes: 45, With: []string{"mother"}, Issue: 5, Bill: true, Private: true, Summary: "Call on hockey"}},
		// The summary starts at the first other word, and keeps the rest
		// of the line whatever it holds.
		{"2026-11-07 meeting @J.W. Private word, #3 and @x stay in the summary",
			practice.LogEntry{Clock: -1, Mode: "meeting", With: []string{"J.W."}, Summary: "Private word, #3 and @x stay in the summary"}},
	}
	for _, tt := range tests {
		l, diags := ParseLog("log.txt", []byte("# a comment\n\n"+tt.line+"\n"))
		if len(diags) > 0 {
			t.Errorf("%q: %v", tt.line, diags)
			continue
		}
		if len(l.Entries) != 1 {
			t.Fatalf("%q: %d entries", tt.line, len(l.Entries))
		}
		want := tt.want
		want.Line = 3
		want.Date = practice.MustDate(strings.Fields(tt.line)[0])
		if got := l.Entries[0]; !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.line, got, want)
		}
	}
}

// TestParseLogErrors holds each bad line to its finding, and checks that
// one file reports every bad line.
func TestParseLogErrors(t *testing.T) {
	tests := []struct{ line, want string }{
		{"2026-13-01 call @mother Late", `log.txt:1: bad date "2026-13-01": write it as YYYY-MM-DD: every entry starts with its date`},
		{"2026-11-01", "the entry has no mode"},
		{"2026-11-01 phone @mother Talked", `mode "phone" is not one of session, call, email, meeting, court`},
		{"2026-11-01 sesion @mother Talked", `(did you mean "session"?)`},
		{"2026-11-01 25:00 call @mother Talked", `"25:00" is not a time of day`},
		{"2026-11-01 10:00-09:00 call @mother Talked", "ends before it starts"},
		{"2026-11-01 call 1x30h @mother Talked", `"1x30h" is not a time`},
		{"2026-11-01 call 09:00-09:30 @mother Talked", "goes before the mode"},
		{"2026-11-01 call 0h30 1h @mother Talked", "gives its duration twice"},
		{"2026-11-01 call @mother #x Talked", `"#x" is not an issue number`},
		{"2026-11-01 call @mother #1 #2 Talked", "names two issues"},
		{"2026-11-01 call Talked", "names no one"},
		{"2026-11-01 call @ Talked", "@ names no one"},
		{`2026-11-01 call @"school Talked`, "has no closing quote"},
		{"2026-11-01 call @mother", "has no summary"},
		{"2026-11-01 call @mother bill Talked", "bill needs the time"},
		{"2026-11-01 call 0h30 @mother bill scheduled Talked", "a scheduled entry is not billed"},
		{"2026-11-01 call \xff", "not UTF-8"},
	}
	var file bytes.Buffer
	for _, tt := range tests {
		file.WriteString(tt.line + "\n")
		_, diags := ParseLog("log.txt", []byte(tt.line))
		if len(diags) == 0 {
			t.Errorf("%q: no finding, want %q", tt.line, tt.want)
			continue
		}
		if s := diags[0].String(); !strings.Contains(s, tt.want) {
			t.Errorf("%q: %s\nwant it to say %q", tt.line, s, tt.want)
		}
	}
	l, diags := ParseLog("log.txt", file.Bytes())
	lines := map[int]bool{}
	for _, d := range diags {
		lines[d.Pos.Line] = true
	}
	if len(lines) != len(tests) || len(l.Entries) != 0 {
		t.Errorf("one file of %d bad lines: findings on %d lines, %d entries read", len(tests), len(lines), len(l.Entries))
	}
}

// FuzzParseLog feeds arbitrary text to the log reader: it must never
// panic, every finding must point at a line of the file, and every entry
// it returns must be whole (a mode, someone, a summary).
func FuzzParseLog(f *testing.F) {
	f.Add([]byte("2026-11-03  10:00  session  1h00  @mother @father  #4  Joint session\n"))
	f.Add([]byte("2026-12-09 14:00-15:30 court @both @\"a b\" scheduled private bill Hearing\n# c\n\n"))
	f.Add([]byte("2026-11-01 call @\"x\"y 0h30 #0 bill\n2026-11-01 10:00- call @"))
	f.Add([]byte("\ufeff2026-11-01\tcall\t-1h\t@m\tx\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := 1 + bytes.Count(data, []byte("\n"))
		l, diags := ParseLog("log.txt", data)
		for _, d := range diags {
			if d.Pos.Line < 1 || d.Pos.Line > lines {
				t.Errorf("finding %q at line %d of a %d-line file", d.Message, d.Pos.Line, lines)
			}
		}
		for _, e := range l.Entries {
			if e.Mode == "" || len(e.With) == 0 || e.Summary == "" || e.Date.IsZero() || e.Minutes < 0 || e.Bill && e.Minutes == 0 {
				t.Errorf("line %d read as an incomplete entry %+v", e.Line, e)
			}
		}
	})
}

// TestFormatLogExample holds docs/format.md's copy of a sample log to the
// file, which must read without findings.
func TestFormatLogExample(t *testing.T) {
	const path = "content/cases/2025-fam-0387-muller-lukasik/log.txt"
	root := filepath.Join("..", "..")
	doc, err := os.ReadFile(filepath.Join(root, "docs", "format.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)`" + regexp.QuoteMeta(path) + "`:\n\n```text\n(.*?)```\n").FindSubmatch(doc)
	if m == nil {
		t.Fatalf("docs/format.md does not quote %s", path)
	}
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	if string(m[1]) != string(data) {
		t.Errorf("docs/format.md's copy of %s differs from the file: copy it again", path)
	}
	if _, diags := ParseLog(path, data); len(diags) > 0 {
		t.Errorf("%s: %v", path, diags)
	}
}
