// Package public renders the practice's public service site: the pages of
// content/public/*.md in the public templates, with a stylesheet, a sitemap,
// robots.txt and a 404 page.
//
// The public site must never carry case data. The package enforces that by
// construction: Pages copies the few public fields it needs (the practice's
// name, the coordinator's contact details, the public base URL and the public
// pages) into a view of its own, and templates only ever see that view, so
// no template, not even a practice's own override, can reach p.Cases.
package public

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"pcdocket/generator/markup"
	"pcdocket/generator/practice"
)

// Template and asset paths inside the templates file system.
const (
	layoutFile   = "public/layout.html"
	contactFile  = "public/contact.html"
	styleFile    = "public/style.css"
	notFoundFile = "public/404.md"
)

// Page is one file of the public site.
type Page struct {
	Path   string // slash-separated, relative to the site root: "index.html", "faq.html", "style.css"
	render func(w io.Writer) error
}

// Render writes the file's bytes to w.
func (pg Page) Render(w io.Writer) error { return pg.render(w) }

// site is everything the public templates may see of the practice.
type site struct {
	Name        string
	Coordinator practice.Coordinator
	BaseURL     string // without a trailing slash; "" when not set
}

// link is a navigation entry or a home-page card.
type link struct {
	Href        string
	Label       string
	Description string
	Current     bool
}

// view is the data of one rendered page.
type view struct {
	Site        site
	Slug        string
	Title       string
	DocTitle    string // the <title>
	Description string
	Canonical   string
	Root        string       // prefix for links to the site root: "", or the base URL's path (404 only)
	InlineCSS   template.CSS // the stylesheet, inlined where a relative link to it could break (404 only)
	Home        bool
	NotFound    bool
	HasColumns  bool
	Nav         []link
	Cards       []link
	Body        template.HTML
}

// Pages returns every file of the public site, sorted by path, from the
// practice's public pages and its public settings. tmpl holds the templates
// under public/ (templates.Default or templates.Overlay). A practice with
// content problems (Check) is refused with a *diag.ListError holding every
// one, each at its file and line.
func Pages(p *practice.Practice, tmpl fs.FS) ([]Page, error) {
	if err := Check(p).Err(); err != nil {
		return nil, err
	}
	s := publicSite(p)
	t, err := parseTemplates(tmpl)
	if err != nil {
		return nil, err
	}
	contact, err := executeHTML(t, "contact", s)
	if err != nil {
		return nil, err
	}
	// Copy the pages so that later changes to p cannot alter what we render.
	pages := make([]practice.Page, 0, len(p.Pages))
	for _, pg := range p.Pages {
		if pg != nil {
			pages = append(pages, *pg)
		}
	}

	md := markup.NewWith(directives{contact: template.HTML(contact)})
	var out []Page
	for i := range pages {
		pg := &pages[i]
		b := parseBody(md, pg.Body)
		body, err := b.render(md)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pageFile(pg), err)
		}
		cols := b.hasColumns()
		v := view{
			Site:        s,
			Slug:        pg.Slug,
			Title:       pg.Title,
			DocTitle:    docTitle(pg.Title, s.Name),
			Description: pg.Description,
			Canonical:   canonical(s.BaseURL, pg.Slug),
			Home:        pg.Slug == "index",
			HasColumns:  cols,
			Nav:         nav(pages, pg.Slug),
			Body:        body,
		}
		if v.Description == "" {
			v.Description = s.Name + ": " + pg.Title
		}
		if v.Home {
			v.Cards = cards(pages)
		}
		out = append(out, htmlPage(t, fileOf(pg.Slug), v))
	}

	css, err := fs.ReadFile(tmpl, styleFile)
	if err != nil {
		return nil, fmt.Errorf("public site: %w", err)
	}
	nf, err := notFound(t, tmpl, s, pages, css)
	if err != nil {
		return nil, err
	}
	out = append(out, nf)
	out = append(out, bytesPage("style.css", css), bytesPage("robots.txt", robots(s.BaseURL)))
	if s.BaseURL != "" {
		sm, err := sitemap(s.BaseURL, pages)
		if err != nil {
			return nil, err
		}
		out = append(out, bytesPage("sitemap.xml", sm))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// publicSite copies the public settings of p, normalising the base URL
// (which Check has found valid).
func publicSite(p *practice.Practice) site {
	// The practice's coordinator, or in a practice that lists only
	// coordinators, its default or first one, is its public contact.
	co := p.CoordinatorOf(nil)
	s := site{Name: p.Name, Coordinator: co}
	s.Coordinator.Address = append([]string(nil), co.Address...)
	s.BaseURL, _ = baseURL(p)
	return s
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// fileOf maps a page slug to its output file. Pages are flat files beside
// index.html so that every relative link works the same from a web server
// and from file://, where a folder does not open its index.html.
func fileOf(slug string) string { return slug + ".html" }

func canonical(base, slug string) string {
	if base == "" {
		return ""
	}
	if slug == "index" {
		return base + "/"
	}
	return base + "/" + fileOf(slug)
}

func docTitle(title, name string) string {
	if title == name || name == "" {
		return title
	}
	return title + " · " + name
}

// nav lists the menu pages, the home page first, marking the current one.
func nav(pages []practice.Page, current string) []link {
	var l []link
	for _, pg := range homeFirst(pages) {
		if !pg.InMenu() {
			continue
		}
		label := pg.Title
		if pg.Slug == "index" {
			label = "Home"
		}
		l = append(l, link{Href: fileOf(pg.Slug), Label: label, Current: pg.Slug == current})
	}
	return l
}

// cards lists the other menu pages with their descriptions, for the home page.
func cards(pages []practice.Page) []link {
	var l []link
	for _, pg := range pages {
		if pg.Slug == "index" || !pg.InMenu() {
			continue
		}
		l = append(l, link{Href: fileOf(pg.Slug), Label: pg.Title, Description: pg.Description})
	}
	return l
}

func homeFirst(pages []practice.Page) []practice.Page {
	out := make([]practice.Page, 0, len(pages))
	for _, pg := range pages {
		if pg.Slug == "index" {
			out = append(out, pg)
		}
	}
	for _, pg := range pages {
		if pg.Slug != "index" {
			out = append(out, pg)
		}
	}
	return out
}

func parseTemplates(tmpl fs.FS) (*template.Template, error) {
	t := template.New("public").Funcs(template.FuncMap{"tel": telURI})
	for _, name := range []string{layoutFile, contactFile} {
		src, err := fs.ReadFile(tmpl, name)
		if err != nil {
			return nil, fmt.Errorf("public site: %w", err)
		}
		if _, err := t.New(name).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("public site: %w", err)
		}
	}
	for _, name := range []string{"layout", "contact"} {
		if t.Lookup(name) == nil {
			return nil, fmt.Errorf("public site: the templates define no %q template", name)
		}
	}
	return t, nil
}

// telURI keeps the characters a tel: URI may hold: "(555) 010-0199" -> "+5550100199"-style digits.
func telURI(phone string) string {
	var b strings.Builder
	for i, r := range phone {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func executeHTML(t *template.Template, name string, data any) (string, error) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("public site: %w", err)
	}
	return buf.String(), nil
}

func htmlPage(t *template.Template, path string, v view) Page {
	return Page{Path: path, render: func(w io.Writer) error {
		// Render to a buffer first so a template error never leaves half a page.
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
			return fmt.Errorf("public site: %s: %w", path, err)
		}
		_, err := w.Write(buf.Bytes())
		return err
	}}
}

func bytesPage(path string, b []byte) Page {
	return Page{Path: path, render: func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}}
}

// notFound renders 404.html. A server shows it at any depth (/a/b/c), where
// relative links would break, so with a base URL every link starts from the
// base URL's path ("/" or "/pc/"): root-relative, never to another host, so a
// local preview server keeps its visitors local. The stylesheet is inlined so
// the page looks right wherever it is shown.
func notFound(t *template.Template, tmpl fs.FS, s site, pages []practice.Page, css []byte) (Page, error) {
	src, err := fs.ReadFile(tmpl, notFoundFile)
	if err != nil {
		return Page{}, fmt.Errorf("public site: %w", err)
	}
	root := ""
	if s.BaseURL != "" {
		u, err := url.Parse(s.BaseURL)
		if err != nil {
			return Page{}, fmt.Errorf("public site: base URL: %w", err)
		}
		root = strings.TrimRight(u.EscapedPath(), "/") + "/"
	}
	body, err := markup.NewWith(rootLinks{root}).HTML(string(src))
	if err != nil {
		return Page{}, fmt.Errorf("public site: %s: %w", notFoundFile, err)
	}
	v := view{
		Site:        s,
		Slug:        "not-found",
		Title:       "Page not found",
		DocTitle:    docTitle("Page not found", s.Name),
		Description: "There is no page at this address.",
		NotFound:    true,
		Nav:         nav(pages, ""),
		Body:        body,
		InlineCSS:   template.CSS(css),
	}
	if root != "" {
		v.Root = root
		for i := range v.Nav {
			v.Nav[i].Href = v.Root + v.Nav[i].Href
		}
	}
	return htmlPage(t, "404.html", v), nil
}

func robots(base string) []byte {
	b := "User-agent: *\nAllow: /\n"
	if base != "" {
		b += "\nSitemap: " + base + "/sitemap.xml\n"
	}
	return []byte(b)
}

func sitemap(base string, pages []practice.Page) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, pg := range homeFirst(pages) {
		buf.WriteString("  <url><loc>")
		if err := xml.EscapeText(&buf, []byte(canonical(base, pg.Slug))); err != nil {
			return nil, err
		}
		buf.WriteString("</loc></url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes(), nil
}
