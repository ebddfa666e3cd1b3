package public

import (
	"strings"
	"testing"

	"pcdocket/generator/practice"
	"pcdocket/templates"
)

func TestBodyErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"h1 in body", "intro\n\n# Second title\n", "content/public/x.md:7: a level-1 heading"},
		{"setext h1", "Title\n=====\n", "content/public/x.md:5: a level-1 heading"},
		{"unclosed columns", "a\n::: columns\nb\n", "content/public/x.md:6: \"::: columns\" is never closed"},
		{"nested columns", "::: columns\n::: columns\n:::\n", "content/public/x.md:6: \"::: columns\" inside columns"},
		{"column outside", "::: column\n", "content/public/x.md:5: \"::: column\" outside"},
		{"stray close", "text\n:::\n", "content/public/x.md:6: \":::\" closes nothing"},
		{"unknown", "::: colums\n", `unknown directive "::: colums"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := fixturePractice(t, "")
			p.Pages = append(p.Pages, &practice.Page{Slug: "x", Title: "X", Body: tc.body,
				Src: practice.Source{File: "content/public/x.md", StartLine: 1, BodyLine: 5}})
			_, err := Pages(p, templates.Default())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v; want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestPageErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(p *practice.Practice)
		want string
	}{
		{"bad slug", func(p *practice.Practice) { p.Pages[0].Slug = "Bad Name" }, "use lowercase letters"},
		{"reserved slug", func(p *practice.Practice) { p.Pages[0].Slug = "404" }, "reserved"},
		{"no title", func(p *practice.Practice) { p.Pages[0].Title = " " }, "no title"},
		{"duplicate", func(p *practice.Practice) { p.Pages = append(p.Pages, p.Pages[0]) }, "two pages named"},
		{"relative base", func(p *practice.Practice) { p.Public.BaseURL = "example.org" }, "public.base_url"},
		{"query in base", func(p *practice.Practice) { p.Public.BaseURL = "https://example.org/?x=1" }, "public.base_url"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := fixturePractice(t, "")
			tc.edit(p)
			_, err := Pages(p, templates.Default())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v; want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestDeterministic renders twice and compares every byte.
func TestDeterministic(t *testing.T) {
	a, b := build(t, samplePractice(t, "https://x.example/")), build(t, samplePractice(t, "https://x.example/"))
	for _, k := range sortedKeys(a) {
		if string(a[k]) != string(b[k]) {
			t.Errorf("%s differs between two renders", k)
		}
	}
}
