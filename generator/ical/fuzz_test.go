package ical_test

import (
	"strings"
	"testing"
	"time"

	"pcdocket/generator/ical"
	"pcdocket/generator/ical/icaltest"
)

// FuzzEvent writes an event of any summary and description and reads it
// back strictly: every line within 75 octets, no split character, and the
// text as written (line breaks normalized, control characters as spaces,
// invalid UTF-8 as U+FFFD).
func FuzzEvent(f *testing.F) {
	for _, s := range []string{"", "a;b,c\\d", "line\r\nbreak\rcr\nlf", strings.Repeat("✓é😀", 40), "tab\there\x00nul", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cal := &ical.Calendar{ProdID: "-//test//EN", Name: s, Events: []ical.Event{{
			UID: "u-" + s, Stamp: time.Unix(0, 0), AllDay: true, Start: time.Unix(0, 0), Summary: s, Description: s,
		}}}
		data, err := cal.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		root, err := icaltest.Parse(data)
		if err != nil {
			t.Fatalf("%v\n%q", err, data)
		}
		sum, _ := root.Comps[0].Get("SUMMARY")
		got, err := icaltest.Text(sum.Value)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		want = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(want)
		want = strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\n' || r == 0x7f {
				return ' '
			}
			return r
		}, want)
		if got != want {
			t.Fatalf("SUMMARY reads back as %q, want %q", got, want)
		}
	})
}
