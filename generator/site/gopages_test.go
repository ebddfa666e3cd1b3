package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/bench/synth"
	"pcdocket/generator/markup"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
	"pcdocket/templates"
)

// TestGoPages holds the issue and clause pages written in Go to the
// templates issue.html and clause.html they stand for: on every page of
// the sample practice (documents, logs, exhibits, amendments), of the
// fixture practice and of a synthetic one, the site with its Go pages and
// the same site from its templates alone print the same bytes.
func TestGoPages(t *testing.T) {
	practices := map[string]*practice.Practice{"fixture": samplePractice()}
	if p, findings := parse.Dir(filepath.Join("..", "..")); findings.HasErrors() || p == nil {
		t.Fatalf("the sample practice does not parse: %v", findings)
	} else {
		practices["sample"] = p
	}
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Cases: 10, IssuesPerCase: 12, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if p, findings := parse.Dir(dir); findings.HasErrors() {
		t.Fatalf("the synthetic practice does not parse: %v", findings)
	} else {
		practices["synthetic"] = p
	}
	for name, p := range practices {
		goSite := newSite(t, p)
		if !goSite.goPages {
			t.Fatalf("%s: the built-in templates are not taken for the built-in templates", name)
		}
		fromTemplates := newSite(t, p)
		fromTemplates.goPages = false
		got, want := renderAll(t, goSite), renderAll(t, fromTemplates)
		kinds := map[string]int{}
		for path, w := range want {
			for _, k := range []string{"/issues/", "/clauses/"} {
				if strings.Contains(path, k) {
					kinds[k]++
				}
			}
			if !bytes.Equal(got[path], w) {
				t.Errorf("%s: %s written in Go differs from its template:\n%s", name, path, firstDiff(w, got[path]))
			}
		}
		if kinds["/issues/"] == 0 || kinds["/clauses/"] == 0 {
			t.Errorf("%s: compared %d issue pages and %d clause pages, want some of each", name, kinds["/issues/"], kinds["/clauses/"])
		}
	}
}

// TestGoPagesAwkward holds writeIssuePage and writeClausePage to their
// templates on awkward pages: every branch of the fragments, with
// strings that html/template escapes in every field.
func TestGoPagesAwkward(t *testing.T) {
	s := fragmentSite()
	s.partials = new(partials)
	s.partials.reset()
	if err := s.parseTemplates(templates.Default()); err != nil {
		t.Fatal(err)
	}
	md := markup.New()
	for i, d := range awkwardIssuePages() {
		w := awkward[i%len(awkward)]
		d.Practice, d.Title = &practice.Practice{Name: w}, awkward[(i+3)%len(awkward)]
		d.Issue.md = section(md.Section)
		d.Issue.Issue.Body = []string{"", "Some *record* with <b>raw</b> & more.\n\n## Heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"}[i%2]
		if i%3 == 0 {
			d.Case.LogHref = awkwardLinks[i%len(awkwardLinks)]
		}
		if i%4 == 0 {
			d.Issue.DocKind = "agreement"
		}
		pages := map[string]*pageData{"issue.html": d}
		if cl := d.Issue.Cited; len(cl) > 0 {
			pages["clause.html"] = &pageData{Practice: d.Practice, Title: w, Root: d.Root, Case: d.Case, Clause: cl[0]}
		}
		for name, d := range pages {
			var want, got bytes.Buffer
			if err := s.tmpl.ExecuteTemplate(&want, name, d); err != nil {
				t.Fatal(err)
			}
			if err := goPageWriters[name](s, &got, d); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s (page %d) written in Go differs from its template:\n%s", name, i, firstDiff(want.Bytes(), got.Bytes()))
			}
		}
	}
}

// TestGoPagesOverridden: a practice that changes a template the Go pages
// stand for (issue.html, or head in layout.html) gets its issue pages from
// the templates, with its change; one that changes another template
// (fees.html, or site-footer in layout.html, which the Go pages call)
// keeps the Go pages, and its change shows too.
func TestGoPagesOverridden(t *testing.T) {
	const own = `<p class="own">The practice's own</p>`
	tests := []struct {
		file, old, new string // in templates/private/file, old replaced by new
		goPages        bool
		shows          string // in every issue page
	}{
		{"issue.html", `{{template "foot" .}}`, own + `{{template "foot" .}}`, false, own},
		{"layout.html", `{{define "head"}}{{pageHead .}}{{end}}`, `{{define "head"}}{{pageHead .}}` + own + `{{end}}`, false, own},
		{"layout.html", `<p><strong>Confidential.</strong>`, own + `<p><strong>Confidential.</strong>`, true, own},
		{"fees.html", `<nav class="crumbs"`, own + `<nav class="crumbs"`, true, ""},
		{"issue.html", `{{template "head" .}}`, `{{/* a comment of the practice's own */}}{{template "head" .}}`, true, ""},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "private"), 0o755); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join("..", "..", "templates", "private", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(tt.old)) {
			t.Fatalf("%s lacks %q", tt.file, tt.old)
		}
		b = bytes.Replace(b, []byte(tt.old), []byte(tt.new), 1)
		if err := os.WriteFile(filepath.Join(dir, "private", tt.file), b, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := New(samplePractice(), templates.Overlay(dir), markup.New(), asOf, nil)
		if err != nil {
			t.Fatal(err)
		}
		if s.goPages != tt.goPages {
			t.Errorf("%s with %q: goPages = %v, want %v", tt.file, tt.new, s.goPages, tt.goPages)
		}
		for path, page := range renderAll(t, s) {
			if strings.Contains(path, "/issues/") && !bytes.Contains(page, []byte(tt.shows)) {
				t.Errorf("%s with %q: %s does not show it", tt.file, tt.new, path)
			}
		}
	}
}
