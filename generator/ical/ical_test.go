package ical_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"pcdocket/generator/ical"
	"pcdocket/generator/ical/icaltest"
)

// TestEscapeText holds RFC 5545 §3.3.11: backslash, semicolon and comma
// are escaped, line breaks become \n, and the result reads back as the
// input.
func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"a;b", `a\;b`},
		{"a,b", `a\,b`},
		{`C:\path`, `C:\\path`},
		{"line\nbreak", `line\nbreak`},
		{"crlf\r\nbreak", `crlf\nbreak`},
		{"cr\rbreak", `cr\nbreak`},
		{"colon: stays", "colon: stays"},
		{`"quotes" stay`, `"quotes" stay`},
		{"tab\there", "tab here"},
		{"é, ü; ✓", `é\, ü\; ✓`},
		{`\n literal`, `\\n literal`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ical.EscapeText(tt.in)
			if got != tt.want {
				t.Fatalf("EscapeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
			back, err := icaltest.Text(got)
			if err != nil {
				t.Fatal(err)
			}
			norm := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", " ").Replace(tt.in)
			if back != norm {
				t.Fatalf("reads back as %q, want %q", back, norm)
			}
		})
	}
}

// TestAppendLine holds RFC 5545 §3.1: lines of at most 75 octets, folded
// with CRLF and one space, never inside a UTF-8 character, and unfolding
// gives the line back.
func TestAppendLine(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []int // the octets of each physical line, the space included
	}{
		{"short", "SUMMARY:hello", []int{13}},
		{"exactly 75", "X:" + strings.Repeat("a", 73), []int{75}},
		{"76 folds", "X:" + strings.Repeat("a", 74), []int{75, 2}},
		{"long ascii", "X:" + strings.Repeat("a", 200), []int{75, 75, 54}},
		// A two-octet é at octets 75-76 moves to the next line whole.
		{"two-octet at the edge", "X:" + strings.Repeat("a", 72) + "é" + "bc", []int{74, 5}},
		// A three-octet ✓ across the limit.
		{"three-octet at the edge", "X:" + strings.Repeat("a", 71) + "✓" + "b", []int{73, 5}},
		// A four-octet emoji.
		{"four-octet at the edge", "X:" + strings.Repeat("a", 72) + "😀", []int{74, 5}},
		{"all multi-octet", "X:" + strings.Repeat("✓", 60), nil},
		{"invalid utf-8 replaced", "X:a\xffb", []int{7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := ical.AppendLine(nil, tt.line)
			if !bytes.HasSuffix(out, []byte("\r\n")) {
				t.Fatalf("%q does not end with CRLF", out)
			}
			phys := strings.Split(string(out[:len(out)-2]), "\r\n")
			var lens []int
			var unfolded strings.Builder
			for i, l := range phys {
				if len(l) > ical.MaxLine {
					t.Errorf("line %d has %d octets", i, len(l))
				}
				if !utf8.ValidString(l) {
					t.Errorf("line %d splits a character: %q", i, l)
				}
				if i > 0 {
					if !strings.HasPrefix(l, " ") {
						t.Errorf("continuation %d does not start with a space: %q", i, l)
					}
					l = l[1:]
				}
				lens = append(lens, len(phys[i]))
				unfolded.WriteString(l)
			}
			want := strings.ToValidUTF8(tt.line, "\uFFFD")
			if unfolded.String() != want {
				t.Errorf("unfolds to %q, want %q", unfolded.String(), want)
			}
			if tt.want != nil && !equal(lens, tt.want) {
				t.Errorf("line lengths %v, want %v", lens, tt.want)
			}
		})
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestMarshal writes a calendar of an all-day and a timed event, reads it
// back with the strict parser, and checks each property.
func TestMarshal(t *testing.T) {
	stamp := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	cal := &ical.Calendar{
		ProdID:   "-//pcdocket//Calendar//EN",
		Name:     "Reyes, Smith; dates",
		TimeZone: "America/New_York",
		Events: []ical.Event{
			{UID: "decision-due/a/3@pcdocket", Stamp: stamp, AllDay: true, Start: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC),
				Summary: "Decision due: issue 3, summer; travel", Description: "Record closed Dec 21.\nSee cases/a/issues/3.html " + strings.Repeat("long ", 30),
				URL: "http://localhost:8080/cases/a/issues/3.html", Categories: []string{"decision due", "a, b"}},
			{UID: "session/a/2026-12-04T15:00@pcdocket", Stamp: stamp, Start: time.Date(2026, 12, 4, 10, 0, 0, 0, ny), Duration: 90 * time.Minute, Summary: "Session"},
		},
	}
	data, err := cal.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := cal.Marshal()
	if !bytes.Equal(data, again) {
		t.Fatal("two marshals differ")
	}
	root, err := icaltest.Parse(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if name, _ := root.Get("X-WR-CALNAME"); name.Value != `Reyes\, Smith\; dates` {
		t.Errorf("X-WR-CALNAME %q", name.Value)
	}
	if len(root.Comps) != 2 {
		t.Fatalf("%d components, want 2", len(root.Comps))
	}
	day, timed := root.Comps[0], root.Comps[1]
	checks := []struct {
		c          *icaltest.Component
		prop, want string
	}{
		{day, "DTSTART", "20261231"},
		{day, "DTEND", "20270101"},
		{day, "DTSTAMP", "20261203T000000Z"},
		{day, "URL", "http://localhost:8080/cases/a/issues/3.html"},
		{day, "CATEGORIES", `decision due,a\, b`},
		{timed, "DTSTART", "20261204T150000Z"}, // 10:00 EST is 15:00 UTC
		{timed, "DURATION", "PT90M"},
	}
	for _, c := range checks {
		p, ok := c.c.Get(c.prop)
		if !ok || p.Value != c.want {
			t.Errorf("%s = %q, want %q", c.prop, p.Value, c.want)
		}
	}
	if p, _ := day.Get("DTSTART"); p.Params["VALUE"] != "DATE" {
		t.Errorf("the all-day DTSTART has no VALUE=DATE: %v", p.Params)
	}
	sum, _ := day.Get("SUMMARY")
	if s, _ := icaltest.Text(sum.Value); s != "Decision due: issue 3, summer; travel" {
		t.Errorf("SUMMARY reads back as %q", s)
	}
	desc, _ := day.Get("DESCRIPTION")
	if s, _ := icaltest.Text(desc.Value); !strings.HasPrefix(s, "Record closed Dec 21.\nSee cases/a/issues/3.html long") {
		t.Errorf("DESCRIPTION reads back as %q", s)
	}
	if _, ok := timed.Get("DTEND"); ok {
		t.Error("the timed event has a DTEND beside its DURATION")
	}
}

// TestMarshalRefuses an event a client would reject.
func TestMarshalRefuses(t *testing.T) {
	for _, e := range []ical.Event{
		{Start: time.Now(), Summary: "no uid"},
		{UID: "x", Summary: "no start"},
	} {
		cal := &ical.Calendar{ProdID: "x", Events: []ical.Event{e}}
		if _, err := cal.Marshal(); err == nil {
			t.Errorf("%s: no error", e.Summary)
		}
	}
}

// TestParseRejects shows the strict parser can fail: each input breaks
// one rule the writer must keep.
func TestParseRejects(t *testing.T) {
	ok := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20261203T000000Z\r\nDTSTART;VALUE=DATE:20261203\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if _, err := icaltest.Parse([]byte(ok)); err != nil {
		t.Fatalf("the valid calendar: %v", err)
	}
	bad := map[string]string{
		"LF line ends":      strings.ReplaceAll(ok, "\r\n", "\n"),
		"long line":         strings.Replace(ok, "SUMMARY:x", "SUMMARY:"+strings.Repeat("x", 80), 1),
		"split character":   strings.Replace(ok, "SUMMARY:x", "SUMMARY:"+strings.Repeat("x", 66)+"\xc3\r\n \xa9", 1),
		"unescaped ;":       strings.Replace(ok, "SUMMARY:x", "SUMMARY:a;b", 1),
		"unescaped ,":       strings.Replace(ok, "SUMMARY:x", "SUMMARY:a,b", 1),
		"bad escape":        strings.Replace(ok, "SUMMARY:x", `SUMMARY:a\tb`, 1),
		"no UID":            strings.Replace(ok, "UID:a\r\n", "", 1),
		"two DTSTART":       strings.Replace(ok, "SUMMARY:x", "DTSTART;VALUE=DATE:20261204", 1),
		"local DTSTAMP":     strings.Replace(ok, "T000000Z", "T000000", 1),
		"unclosed":          strings.Replace(ok, "END:VEVENT\r\n", "", 1),
		"after the end":     ok + "X:y\r\n",
		"DTEND before":      strings.Replace(ok, "SUMMARY:x", "DTEND;VALUE=DATE:20261202", 1),
		"DTEND of a type":   strings.Replace(ok, "SUMMARY:x", "DTEND:20261204T000000Z", 1),
		"bad property name": strings.Replace(ok, "SUMMARY:x", "sum mary:x", 1),
	}
	for name, in := range bad {
		if _, err := icaltest.Parse([]byte(in)); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
}
