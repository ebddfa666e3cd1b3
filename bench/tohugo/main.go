// Command tohugo converts a practice folder into a Hugo site with the same
// pages as pcdocket's private site, for the side-by-side benchmark in
// bench/hugo.sh: the docket (home), the index of categories with counts and
// one page per category listing its issues (a Hugo taxonomy), one list page
// per case, one page per issue, one per plan clause and one for each case's
// coordinator's notes, and the stylesheet. Hugo adds two list pages
// pcdocket has not: cases.html and notes.html.
//
//	go run ./bench/tohugo -source PRACTICE -out HUGOSITE
//
// The issues are read with pcdocket's own parser, so both tools build the
// same records; clause histories are computed here and passed in front
// matter, because Hugo has no cheap way to join pages.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
)

func main() {
	source := flag.String("source", "", "the practice folder")
	out := flag.String("out", "", "the Hugo site folder to write (should be empty)")
	flag.Parse()
	if *source == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: tohugo -source PRACTICE -out HUGOSITE")
		os.Exit(2)
	}
	if err := run(*source, *out); err != nil {
		fmt.Fprintf(os.Stderr, "tohugo: %v\n", err)
		os.Exit(1)
	}
}

func run(source, out string) error {
	p, diags := parse.Dir(source)
	if diags.HasErrors() {
		return fmt.Errorf("%s does not parse: %v", source, diags[0])
	}
	for name, body := range layouts {
		if err := write(filepath.Join(out, name), body); err != nil {
			return err
		}
	}
	css, err := os.ReadFile(filepath.Join("templates", "private", "style.css"))
	if err != nil {
		css = []byte("body{font-family:serif;max-width:50em;margin:auto}\n")
	}
	if err := write(filepath.Join(out, "static", "style.css"), string(css)); err != nil {
		return err
	}
	if err := write(filepath.Join(out, "content", "_index.md"), page(map[string]any{"title": "Docket"}, "")); err != nil {
		return err
	}
	for _, c := range p.Cases {
		dir := filepath.Join(out, "content", "cases", c.ID)
		fm := map[string]any{"title": c.Title, "court": c.Court, "court_case_no": c.CourtCaseNo,
			"parent_a": c.Parties.ParentA.Name, "parent_b": c.Parties.ParentB.Name}
		if err := write(filepath.Join(dir, "_index.md"), page(fm, "")); err != nil {
			return err
		}
		// The coordinator's notes have a page of their own, as in pcdocket.
		notes := map[string]any{"title": "Coordinator's notes: " + c.Title}
		if err := write(filepath.Join(out, "content", "notes", c.ID+".md"), page(notes, c.Body)); err != nil {
			return err
		}
		for _, is := range c.Issues {
			if err := write(filepath.Join(dir, "issues", fmt.Sprintf("%d.md", is.Number)), page(issueFM(is), is.Body)); err != nil {
				return err
			}
		}
		for i, cl := range c.Plan.Clauses {
			var hist []map[string]any
			for _, is := range c.ClauseHistory(cl.Ref) {
				hist = append(hist, map[string]any{"number": is.Number, "title": is.Title, "status": is.Status()})
			}
			fm := map[string]any{"title": "Clause " + cl.Ref + ": " + cl.Title, "ref": cl.Ref, "history": hist, "weight": i + 1}
			if err := write(filepath.Join(dir, "clauses", fmt.Sprintf("c%d.md", i+1)), page(fm, cl.Text)); err != nil {
				return err
			}
		}
	}
	return nil
}

func issueFM(is *practice.Issue) map[string]any {
	fm := map[string]any{
		"title": fmt.Sprintf("Issue %d: %s", is.Number, is.Title), "number": is.Number, "weight": is.Number,
		"category": is.Category, "categories": []string{is.Category}, "status": is.Status(), "raised_on": is.RaisedOn.String(),
		"question": is.Question, "clauses": is.Clauses,
		"position_a": is.Positions.ParentA, "position_b": is.Positions.ParentB,
	}
	var events []map[string]string
	for _, e := range is.Events {
		events = append(events, map[string]string{"on": e.On.String(), "kind": e.Kind, "by": e.By, "result": e.Result, "note": e.Note})
	}
	fm["events"] = events
	if o := is.Outcome; o != nil {
		fm["outcome"] = map[string]any{"kind": o.Kind, "on": o.On.String(), "summary": o.Summary, "directives": o.Directives, "referred_to": o.ReferredTo}
	}
	return fm
}

// page writes front matter as JSON, which Hugo reads between braces.
func page(fm map[string]any, body string) string {
	b, _ := json.MarshalIndent(fm, "", "  ")
	return string(b) + "\n\n" + body
}

func write(path, s string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(s), 0o644)
}

// layouts is a minimal Hugo theme: a single and a list layout, and the two
// index pages, showing what pcdocket's pages show.
var layouts = map[string]string{
	"hugo.toml": `baseURL = "https://example.invalid/"
title = "Private case site"
uglyURLs = true
relativeURLs = true
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]

# One page per category listing its issues, and an index of categories with
# counts, as pcdocket's categories/ pages.
[taxonomies]
  category = "categories"
`,
	"layouts/partials/head.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head><body><nav><a href="{{ "/" | relURL }}">Docket</a> <a href="{{ "/categories.html" | relURL }}">Categories</a></nav><main><h1>{{ .Title }}</h1>
`,
	"layouts/_default/single.html": `{{ partial "head.html" . }}
{{ with .Params.question }}<h2>Question presented</h2><p>{{ . }}</p>{{ end }}
{{ with .Params.clauses }}<h2>Plan provisions</h2><ul>{{ range . }}<li>Clause {{ . }}</li>{{ end }}</ul>{{ end }}
{{ if .Params.number }}<h2>Positions</h2><p>{{ .Params.position_a }}</p><p>{{ .Params.position_b }}</p>
<h2>Timeline</h2><ol>{{ range .Params.events }}<li>{{ .on }} {{ .kind }} {{ .by }} {{ .result }} {{ .note }}</li>{{ end }}</ol>{{ end }}
{{ with .Params.outcome }}<h2>Outcome: {{ .kind }}, {{ .on }}</h2><p>{{ .summary }}</p><ol>{{ range .directives }}<li>{{ . }}</li>{{ end }}</ol>{{ end }}
{{ with .Params.history }}<h2>Interpretation history</h2><ul>{{ range . }}<li>Issue {{ .number }}: {{ .title }} ({{ .status }})</li>{{ end }}</ul>{{ end }}
<h2>Record</h2>{{ .Content }}
</main></body></html>
`,
	"layouts/_default/list.html": `{{ partial "head.html" . }}
<p>{{ .Params.court }} {{ .Params.court_case_no }}: {{ .Params.parent_a }} and {{ .Params.parent_b }}</p>
{{ .Content }}
<ul>{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.status }}</li>{{ end }}</ul>
</main></body></html>
`,
	"layouts/index.html": `{{ partial "head.html" . }}
<h2>Open issues</h2><ul>{{ range where site.RegularPages "Params.status" "pending" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> raised {{ .Params.raised_on }}</li>{{ end }}</ul>
</main></body></html>
`,
	"layouts/_default/taxonomy.html": `{{ partial "head.html" . }}
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>: {{ .Count }}</li>{{ end }}</ul>
</main></body></html>
`,
	"layouts/_default/term.html": `{{ partial "head.html" . }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.status }}, raised {{ .Params.raised_on }}</li>{{ end }}</ul>
</main></body></html>
`,
}
