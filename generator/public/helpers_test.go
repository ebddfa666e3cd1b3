package public

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"pcdocket/generator/practice"
	"pcdocket/templates"
)

// loadPages reads *.md from dir with a minimal front matter reader (flat
// "key: value" lines), enough for the fixtures and content/public until the
// real parser is available to these tests.
func loadPages(tb testing.TB, dir, rel string) []*practice.Page {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no pages in %s: %v", dir, err)
	}
	var pages []*practice.Page
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		name := filepath.Base(f)
		pg := &practice.Page{Slug: strings.TrimSuffix(name, ".md"), Src: practice.Source{File: rel + "/" + name, StartLine: 1}}
		sc := bufio.NewScanner(bytes.NewReader(b))
		line, state := 0, 0
		var body []string
		for sc.Scan() {
			line++
			t := sc.Text()
			switch {
			case state == 0 && t == "---":
				state = 1
			case state == 1 && t == "---":
				state, pg.Src.BodyLine = 2, line+1
			case state == 1:
				k, v, _ := strings.Cut(t, ":")
				v = strings.TrimSpace(v)
				switch strings.TrimSpace(k) {
				case "title":
					pg.Title = v
				case "description":
					pg.Description = v
				case "weight":
					pg.Weight, _ = strconv.Atoi(v)
				case "menu":
					m := v == "true"
					pg.Menu = &m
				}
			default:
				body = append(body, t)
			}
		}
		pg.Body = strings.Join(body, "\n") + "\n"
		pages = append(pages, pg)
	}
	p := &practice.Practice{Pages: pages}
	p.SortCases()
	return p.Pages
}

// fixturePractice is a practice with the fixture pages and full contact details.
func fixturePractice(tb testing.TB, base string) *practice.Practice {
	tb.Helper()
	return &practice.Practice{
		Name: "Fixture Mediation & Arbitration",
		Coordinator: practice.Coordinator{
			Name:        "Jordan Éclair-Smith",
			Credentials: "J.D., Certified Parenting Coordinator",
			Email:       "office@example.org",
			Phone:       "+1 (555) 010-0199",
			Address:     []string{"100 Example Street, Suite 2", "Springfield, ST 00000"},
		},
		Public: practice.PublicSite{BaseURL: base},
		Pages:  loadPages(tb, "testdata/pages", "content/public"),
	}
}

// build renders every page into memory: path -> bytes.
func build(tb testing.TB, p *practice.Practice) map[string][]byte {
	tb.Helper()
	pages, err := Pages(p, templates.Default())
	if err != nil {
		tb.Fatalf("Pages: %v", err)
	}
	out := map[string][]byte{}
	for _, pg := range pages {
		var buf bytes.Buffer
		if err := pg.Render(&buf); err != nil {
			tb.Fatalf("Render %s: %v", pg.Path, err)
		}
		if _, dup := out[pg.Path]; dup {
			tb.Fatalf("two files at %s", pg.Path)
		}
		out[pg.Path] = buf.Bytes()
	}
	return out
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// doc is what the validity walk learns about one HTML page.
type doc struct {
	h1       int
	lang     string
	ids      map[string]int
	refs     []string // every href and src
	current  int      // aria-current="page" links inside <nav aria-label="Main">
	headings []int    // heading levels in document order
	title    string
	meta     map[string]string // name or property -> content
	landmark map[string]int    // header, nav, main, footer
}

// voids are the HTML elements with no end tag; pages write them as <x />,
// which keeps every page well-formed XML and lets encoding/xml check the
// balance of every other tag.
var voids = map[string]bool{"meta": true, "link": true, "br": true, "hr": true, "img": true, "input": true}

// parseHTML walks the page's tokens with a strict XML decoder: an unclosed or
// misnested tag, a bad attribute or a stray '<' fails the walk.
func parseHTML(b []byte) (*doc, error) {
	d := &doc{ids: map[string]int{}, meta: map[string]string{}, landmark: map[string]int{}}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	var stack []string
	navMain, inTitle := 0, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not well-formed: %w (open: %v)", err, stack)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			stack = append(stack, name)
			attr := map[string]string{}
			for _, a := range t.Attr {
				attr[a.Name.Local] = a.Value
			}
			if v, ok := attr["id"]; ok {
				d.ids[v]++
			}
			if v, ok := attr["href"]; ok {
				d.refs = append(d.refs, v)
			}
			if v, ok := attr["src"]; ok {
				d.refs = append(d.refs, v)
			}
			switch name {
			case "html":
				d.lang = attr["lang"]
			case "h1", "h2", "h3", "h4", "h5", "h6":
				lvl := int(name[1] - '0')
				d.headings = append(d.headings, lvl)
				if lvl == 1 {
					d.h1++
				}
			case "nav":
				d.landmark[name]++
				if attr["aria-label"] == "Main" {
					navMain = len(stack)
				}
			case "header", "main", "footer":
				d.landmark[name]++
			case "a":
				if navMain > 0 && attr["aria-current"] == "page" {
					d.current++
				}
			case "meta":
				k := attr["name"]
				if k == "" {
					k = attr["property"]
				}
				if k != "" {
					d.meta[k] = attr["content"]
				}
			case "title":
				inTitle = true
			}
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != t.Name.Local {
				return nil, fmt.Errorf("not well-formed: </%s> closes %v", t.Name.Local, stack)
			}
			if navMain == len(stack) {
				navMain = 0
			}
			stack = stack[:len(stack)-1]
			if t.Name.Local == "title" {
				inTitle = false
			}
		case xml.CharData:
			if inTitle {
				d.title += string(t)
			}
		}
	}
	if len(stack) != 0 {
		return nil, fmt.Errorf("not well-formed: unclosed %v", stack)
	}
	if !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) {
		return nil, fmt.Errorf("no <!DOCTYPE html> first")
	}
	for name := range voids { // a void element written <x>...</x> would pass the XML walk
		if bytes.Contains(b, []byte("</"+name+">")) {
			return nil, fmt.Errorf("end tag </%s> for a void element", name)
		}
	}
	return d, nil
}
