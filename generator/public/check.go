package public

import (
	"fmt"
	"net/url"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/markup"
	"pcdocket/generator/practice"
)

// Check returns every problem that stops the public site from being built:
// a public.base_url that is not an absolute http(s) URL, a page name the
// site cannot use, a page without a title, two pages of one name, and in a
// page's body a level-1 heading, a directive out of place or unknown, or a
// group of columns never closed. Each finding is at the file and line at
// fault. `pcdocket check` reports them through package check, and Pages
// refuses a practice that has any, so the two never disagree.
func Check(p *practice.Practice) diag.List {
	if p == nil {
		return nil
	}
	var l diag.List
	if _, err := baseURL(p); err != "" {
		l.Errorf(p.Src.At("public.base_url"), "%s", err)
	}
	md := markup.NewWith(directives{})
	seen := map[string]bool{}
	for _, pg := range p.Pages {
		if pg == nil {
			continue
		}
		file := pageFile(pg)
		if msg := slugProblem(pg.Slug); msg != "" {
			l.Errorf(practice.Pos{File: file}, "%s", msg)
		}
		if strings.TrimSpace(pg.Title) == "" {
			// A page read without a title key is told so by parse: say it
			// again only of a title that is there but blank.
			if _, written := pg.Src.Line("title"); written || pg.Title != "" || pg.Src.File == "" {
				l.Errorf(pg.Src.At("title"), "page has no title: write one in the front matter, e.g. title: Frequently asked questions")
			}
		}
		if seen[pg.Slug] {
			l.Errorf(practice.Pos{File: file}, "two pages named %q: rename one", pg.Slug)
		}
		seen[pg.Slug] = true
		parseBody(md, pg.Body).check(&l, pg.Src, file)
	}
	return l
}

// pageFile returns the file a page was read from, or would be.
func pageFile(pg *practice.Page) string {
	if pg.Src.File != "" {
		return pg.Src.File
	}
	return "content/public/" + pg.Slug + ".md"
}

// reserved are names of files the generator writes itself.
var reserved = map[string]bool{"404": true, "style": true, "sitemap": true, "robots": true}

// slugProblem says what is wrong with a page name, or "".
func slugProblem(slug string) string {
	switch {
	case !slugRE.MatchString(slug):
		return fmt.Sprintf("page name %q: use lowercase letters, digits and single hyphens between them, e.g. how-it-works.md", slug)
	case reserved[slug]:
		return fmt.Sprintf("page name %q is reserved for a file the site generator writes; rename the page", slug)
	}
	return ""
}

// baseURL returns public.base_url without a trailing slash ("" when not
// set), or what is wrong with it.
func baseURL(p *practice.Practice) (string, string) {
	b := strings.TrimSpace(p.Public.BaseURL)
	if b == "" {
		return "", ""
	}
	u, err := url.Parse(b)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Sprintf("public.base_url %q: want an absolute http(s) URL such as https://example.org/", b)
	}
	return strings.TrimRight(b, "/"), ""
}
