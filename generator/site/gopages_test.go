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

// TestGoPagesOverridden: a practice that overrides any private template,
// even one no issue page uses, gets its issue pages from the templates.
// (A file that is not one of the built-in templates is never read.)
func TestGoPagesOverridden(t *testing.T) {
	const own = `<p class="own">The practice's own</p>`
	for _, file := range []string{"issue.html", "layout.html", "fees.html"} {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "private"), 0o755); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join("..", "..", "templates", "private", file))
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, own+"\n"...)
		if err := os.WriteFile(filepath.Join(dir, "private", file), b, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := New(samplePractice(), templates.Overlay(dir), markup.New(), asOf, nil)
		if err != nil {
			t.Fatal(err)
		}
		if s.goPages {
			t.Errorf("a practice's own %s: issue pages still written in Go", file)
		}
		if file != "issue.html" {
			continue
		}
		for path, page := range renderAll(t, s) {
			if strings.Contains(path, "/issues/") && !bytes.Contains(page, []byte(own)) {
				t.Errorf("%s does not show the practice's issue.html", path)
			}
		}
	}
}
