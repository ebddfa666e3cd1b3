package practice

import (
	"fmt"
	"slices"
	"testing"
)

func TestKeysLine(t *testing.T) {
	k := NewKeys([]string{"events", "events[0].on", "title"}, []int32{4, 5, 2})
	for path, want := range map[string]int{"events": 4, "events[0].on": 5, "title": 2} {
		if got, ok := k.Line(path); !ok || got != want {
			t.Errorf("Line(%q) = %d, %v; want %d, true", path, got, ok, want)
		}
	}
	for _, path := range []string{"", "event", "events[0]", "titles"} {
		if got, ok := k.Line(path); ok {
			t.Errorf("Line(%q) = %d, true; want no line", path, got)
		}
	}
	var got []string
	for p, l := range k.All() {
		got = append(got, fmt.Sprintf("%s:%d", p, l))
	}
	if want := []string{"events:4", "events[0].on:5", "title:2"}; !slices.Equal(got, want) {
		t.Errorf("All = %v, want %v", got, want)
	}
	if _, ok := (Keys{}).Line("title"); ok {
		t.Error("the zero Keys has a line")
	}
}

func TestNewKeysRefusesUnsortedPaths(t *testing.T) {
	for name, paths := range map[string][]string{
		"unsorted": {"title", "events"},
		"repeated": {"events", "events"},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("NewKeys accepted them")
				}
			}()
			NewKeys(paths, []int32{1, 2})
		})
	}
}

func TestReadable(t *testing.T) {
	src := Source{Unread: []string{"safety.screened_on", "events[1].by"}}
	for path, want := range map[string]bool{
		"safety.screened_on": false, // itself
		"safety":             false, // a value inside it
		"":                   false, // the whole front matter holds it
		"safety.result":      true,  // a sibling
		"events[1]":          false,
		"events[1].by.name":  false, // inside it
		"events[10].by":      true,  // not events[1]
		"events[0]":          true,
		"safetyx":            true,
	} {
		if got := src.Readable(path); got != want {
			t.Errorf("Readable(%q) = %v, want %v", path, got, want)
		}
	}
	whole := Source{Unread: []string{""}}
	if whole.Readable("title") {
		t.Error("a file whose front matter could not be read has a readable title")
	}
	if !(&Source{}).Readable("title") {
		t.Error("a file read whole has an unreadable title")
	}
}
