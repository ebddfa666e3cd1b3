package site

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"pcdocket/generator/markup"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
	"pcdocket/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func newSite(t testing.TB, p *practice.Practice) *Site {
	t.Helper()
	s, err := New(p, templates.Default(), markup.New(), asOf, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// renderAll renders every page to a map from path to bytes.
func renderAll(t testing.TB, s *Site) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, pg := range s.Pages() {
		var b bytes.Buffer
		if err := pg.Render(&b); err != nil {
			t.Fatalf("%s: %v", pg.Path, err)
		}
		out[pg.Path] = b.Bytes()
	}
	return out
}

func TestGolden(t *testing.T) {
	got := renderAll(t, newSite(t, samplePractice()))
	// The stylesheet is the template's bytes as they are: compare it with
	// the template rather than keep a golden copy that could only repeat it.
	css, err := fs.ReadFile(templates.Default(), "private/style.css")
	if err != nil || !bytes.Equal(got["style.css"], css) {
		t.Errorf("style.css is not templates/private/style.css as is (err %v)", err)
	}
	delete(got, "style.css")
	script, err := fs.ReadFile(templates.Default(), "private/search.js")
	if err != nil || !bytes.Equal(got[SearchScript], script) {
		t.Errorf("%s is not templates/private/search.js as is (err %v)", SearchScript, err)
	}
	delete(got, SearchScript)
	dir := filepath.Join("testdata", "golden")
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for p, b := range got {
			f := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var onDisk []string
	err = filepath.WalkDir(dir, func(f string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, f)
			onDisk = append(onDisk, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatalf("%v (run go test ./generator/site -update)", err)
	}
	for _, p := range onDisk {
		if _, ok := got[p]; !ok {
			t.Errorf("golden %s: no such page any more (run with -update)", p)
		}
	}
	for p, b := range got {
		want, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("%s: %v (run with -update)", p, err)
			continue
		}
		if !bytes.Equal(b, want) {
			t.Errorf("%s differs from its golden file (run with -update and review the diff)\n%s", p, firstDiff(want, b))
		}
	}
}

func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant: %s\ngot:  %s", i+1, w, g)
		}
	}
	return ""
}

func TestPaths(t *testing.T) {
	s := newSite(t, samplePractice())
	var paths []string
	for _, pg := range s.Pages() {
		paths = append(paths, pg.Path)
	}
	want := []string{
		"assets/search.js",
		"calendar.ics",
		"calendar/alvarez-brennan.ics",
		"calendar/okafor-reyes.ics",
		"cases/alvarez-brennan/clauses/4.2.html",
		"cases/alvarez-brennan/clauses/5.1.html",
		"cases/alvarez-brennan/clauses/7-b.html",
		"cases/alvarez-brennan/index.html",
		"cases/alvarez-brennan/issues/1.html",
		"cases/alvarez-brennan/issues/2.html",
		"cases/alvarez-brennan/issues/3.html",
		"cases/alvarez-brennan/issues/4.html",
		"cases/alvarez-brennan/issues/5.html",
		"cases/alvarez-brennan/issues/6.html",
		"cases/alvarez-brennan/search-index.js",
		"cases/okafor-reyes/clauses/2.html",
		"cases/okafor-reyes/index.html",
		"cases/okafor-reyes/issues/1.html",
		"cases/okafor-reyes/issues/2.html",
		"cases/okafor-reyes/search-index.js",
		"categories/exchanges.html",
		"categories/extracurricular.html",
		"categories/holidays.html",
		"categories/index.html",
		"categories/relocation.html",
		"categories/schedule.html",
		"categories/technology.html",
		"categories/travel.html",
		"index.html",
		"log/alvarez-brennan.html",
		"notes/alvarez-brennan.html",
		"notes/okafor-reyes.html",
		"search-index.js",
		"style.css",
	}
	if !slices.Equal(paths, want) {
		t.Errorf("paths:\n%s\nwant:\n%s", strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}
}

func TestEscaping(t *testing.T) {
	got := renderAll(t, newSite(t, samplePractice()))
	for p, b := range got {
		if p == SearchScript {
			continue // the search box's own code
		}
		if strings.HasSuffix(p, ".ics") {
			// A feed is text/calendar, which no browser runs as a page;
			// its own escaping (RFC 5545 TEXT) is package ical's test.
			continue
		}
		// The one script a page may carry is the search box's.
		root := strings.Repeat("../", strings.Count(p, "/"))
		b = bytes.Replace(b, []byte(`<script src="`+root+`assets/search.js" defer></script>`), nil, 1)
		if bytes.Contains(b, []byte("<script")) {
			t.Errorf("%s contains a raw <script", p)
		}
	}
	issue := string(got["cases/alvarez-brennan/issues/4.html"])
	for _, want := range []string{
		"&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Tablet rules",      // title, via html/template
		"&lt;script&gt;alert(&#39;position&#39;)&lt;/script&gt; One hour a day", // position
		"&lt;script&gt;alert('body')&lt;/script&gt;",                            // body, via markup
	} {
		if !strings.Contains(issue, want) {
			t.Errorf("issue 4 page lacks %q", want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	first := renderAll(t, newSite(t, samplePractice()))
	s := newSite(t, samplePractice())
	// Render the second time concurrently, several times over, as the build does.
	pages := s.Pages()
	out := make([][]byte, len(pages))
	var wg sync.WaitGroup
	errs := make(chan error, len(pages)*4)
	for round := 0; round < 4; round++ {
		for i, pg := range pages {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var b bytes.Buffer
				if err := pg.Render(&b); err != nil {
					errs <- err
					return
				}
				if round == 3 {
					out[i] = b.Bytes()
				}
			}()
		}
		wg.Wait()
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i, pg := range pages {
		if !bytes.Equal(first[pg.Path], out[i]) {
			t.Errorf("%s: two renderings differ\n%s", pg.Path, firstDiff(first[pg.Path], out[i]))
		}
	}
}

var (
	tagRe  = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`)
	hrefRe = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	idRe   = regexp.MustCompile(`\sid="([^"]*)"`)
)

var voidElements = map[string]bool{"meta": true, "link": true, "br": true, "img": true, "hr": true, "input": true, "col": true, "source": true, "wbr": true}

// TestLinksAndStructure checks every HTML page: each relative link resolves
// to a page of the site (or a document PDF), each fragment to an id of its
// target, one h1 per page, unique ids, and balanced tags.
func TestLinksAndStructure(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    *practice.Practice
	}{{"sample", samplePractice()}, {"generated", generated(120)}} {
		t.Run(tc.name, func(t *testing.T) {
			checkSite(t, tc.p)
		})
	}
}

func checkSite(t *testing.T, p *practice.Practice) {
	got := renderAll(t, newSite(t, p))
	docs := map[string]bool{}
	for _, is := range p.Issues() {
		for i := range is.Exhibits {
			docs[ExhibitHref(is, &is.Exhibits[i])] = true // copied by the build
		}
		if f := is.DocumentFile(); f != "" {
			docs["documents/"+f] = true
		}
	}
	ids := map[string]map[string]bool{}
	for pth, b := range got {
		if !strings.HasSuffix(pth, ".html") {
			continue
		}
		ids[pth] = map[string]bool{}
		for _, m := range idRe.FindAllStringSubmatch(string(b), -1) {
			if ids[pth][m[1]] {
				t.Errorf("%s: duplicate id %q", pth, m[1])
			}
			ids[pth][m[1]] = true
		}
	}
	for pth, b := range got {
		if !strings.HasSuffix(pth, ".html") {
			continue
		}
		src := string(b)
		if !strings.HasPrefix(src, "<!DOCTYPE html>\n<html lang=\"en\">") {
			t.Errorf("%s: does not start with the doctype and <html lang=\"en\">", pth)
		}
		if n := strings.Count(src, "<h1"); n != 1 {
			t.Errorf("%s: %d h1 elements, want 1", pth, n)
		}
		var stack []string
		for _, m := range tagRe.FindAllStringSubmatch(src, -1) {
			name := strings.ToLower(m[2])
			if voidElements[name] || strings.HasSuffix(m[3], "/") {
				continue
			}
			if m[1] == "" {
				stack = append(stack, name)
				continue
			}
			if len(stack) == 0 || stack[len(stack)-1] != name {
				t.Errorf("%s: </%s> does not close the open element (open: %v)", pth, name, stack)
				break
			}
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			t.Errorf("%s: unclosed elements %v", pth, stack)
		}
		for _, m := range hrefRe.FindAllStringSubmatch(src, -1) {
			href := strings.ReplaceAll(m[1], "&amp;", "&")
			if strings.HasPrefix(href, "https://") {
				continue // a link written in a Markdown body
			}
			if strings.Contains(href, ":") && !strings.HasPrefix(href, "#") {
				t.Errorf("%s: non-relative link %q", pth, href)
				continue
			}
			target, frag, _ := strings.Cut(href, "#")
			if target == "" {
				target = pth
			} else {
				target = path.Join(path.Dir(pth), target)
			}
			if docs[target] {
				continue
			}
			if _, ok := got[target]; !ok {
				t.Errorf("%s: link %q resolves to %q, which is no page", pth, href, target)
				continue
			}
			if frag != "" && !ids[target][frag] {
				t.Errorf("%s: link %q: no id %q on %s", pth, href, frag, target)
			}
		}
	}
}

func TestDeps(t *testing.T) {
	s := newSite(t, samplePractice())
	deps := map[string][]Dep{}
	for _, pg := range s.Pages() {
		if !slices.IsSorted(pg.Deps) || len(slices.Compact(slices.Clone(pg.Deps))) != len(pg.Deps) {
			t.Errorf("%s: deps not sorted and unique: %v", pg.Path, pg.Deps)
		}
		deps[pg.Path] = pg.Deps
	}
	tests := []struct {
		page     string
		has, not []Dep
	}{
		{"index.html", []Dep{"practice", "asof", "case:alvarez-brennan", "case:okafor-reyes", "issue:alvarez-brennan#3", "issue:alvarez-brennan#1", "issue:okafor-reyes#2"}, nil},
		{"cases/alvarez-brennan/issues/1.html", []Dep{"practice", "case:alvarez-brennan", "issue:alvarez-brennan#1", "log:alvarez-brennan#1"}, []Dep{"asof", "issue:alvarez-brennan#2", "log:alvarez-brennan", "log:alvarez-brennan#2"}},
		{"log/alvarez-brennan.html", []Dep{"practice", "case:alvarez-brennan", "log:alvarez-brennan"}, []Dep{"asof", "issue:alvarez-brennan#1", "log:alvarez-brennan#1"}},
		{"cases/okafor-reyes/issues/1.html", []Dep{"issue:okafor-reyes#1", "log:okafor-reyes#1"}, []Dep{"log:okafor-reyes"}},
		{"cases/alvarez-brennan/issues/3.html", []Dep{"asof", "issue:alvarez-brennan#3"}, nil},
		{"cases/alvarez-brennan/clauses/4.2.html", []Dep{"case:alvarez-brennan", "issue:alvarez-brennan#1", "issue:alvarez-brennan#2", "issue:alvarez-brennan#6"}, []Dep{"issue:alvarez-brennan#3", "asof"}},
		{"cases/alvarez-brennan/index.html", []Dep{"case:alvarez-brennan", "issue:alvarez-brennan#6", "asof", "log:alvarez-brennan"}, []Dep{"case:okafor-reyes", "log:alvarez-brennan#1"}},
		{"categories/index.html", []Dep{"issue:okafor-reyes#1", "issue:alvarez-brennan#5"}, []Dep{"case:okafor-reyes", "asof"}},
		{"categories/schedule.html", []Dep{"issue:okafor-reyes#1", "issue:okafor-reyes#2", "case:okafor-reyes", "asof"}, []Dep{"issue:alvarez-brennan#1", "case:alvarez-brennan"}},
		{"style.css", nil, []Dep{"practice"}},
	}
	for _, tt := range tests {
		got := deps[tt.page]
		for _, h := range tt.has {
			if !slices.Contains(got, h) {
				t.Errorf("%s: deps %v lack %q", tt.page, got, h)
			}
		}
		for _, n := range tt.not {
			if slices.Contains(got, n) {
				t.Errorf("%s: deps %v must not hold %q", tt.page, got, n)
			}
		}
	}
}

// TestDepCase: the case a key names is read from the key, whatever the
// case id and issue number look like.
func TestDepCase(t *testing.T) {
	c := &practice.Case{ID: "2026-fam-0142-nunez-ward"}
	tests := []struct {
		dep    Dep
		want   string
		wantOK bool
	}{
		{DepCase("a-b"), "a-b", true},
		{DepIssue(&practice.Issue{Case: c, Number: 12}), c.ID, true},
		{DepLog(c.ID), c.ID, true},
		{DepLogIssue(c.ID, 3), c.ID, true},
		{DepPractice, "", false},
		{DepAsOf, "", false},
		{DepPages, "", false},
	}
	for _, tt := range tests {
		got, ok := tt.dep.Case()
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("%q.Case() = %q, %v; want %q, %v", tt.dep, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestDocket(t *testing.T) {
	s := newSite(t, samplePractice())
	var order []string
	for _, v := range s.docket.Pending {
		order = append(order, v.Issue.ID())
	}
	// #3 is overdue (record closed Feb 10 + 10 days); okafor #2 is due Mar 17
	// (7-day rule); #4's record is still open.
	want := []string{"alvarez-brennan#3", "okafor-reyes#2", "alvarez-brennan#4"}
	if !slices.Equal(order, want) {
		t.Errorf("docket order %v, want %v", order, want)
	}
	if v := s.docket.Pending[0]; !v.Overdue || v.DaysLate != 23 {
		t.Errorf("#3: overdue %v by %d days, want overdue by 23", v.Overdue, v.DaysLate)
	}
	// An urgent issue whose record is still open comes straight after the
	// overdue ones: it is the one to act on today.
	p := samplePractice()
	p.Case("alvarez-brennan").Issue(4).Urgent = true
	order = order[:0]
	for _, v := range newSite(t, p).docket.Pending {
		order = append(order, v.Issue.ID())
	}
	if want := []string{"alvarez-brennan#3", "alvarez-brennan#4", "okafor-reyes#2"}; !slices.Equal(order, want) {
		t.Errorf("docket order with #4 urgent %v, want %v", order, want)
	}
	var recent []string
	for _, v := range s.docket.Recent {
		recent = append(recent, v.Issue.ID())
	}
	want = []string{"okafor-reyes#1", "alvarez-brennan#1", "alvarez-brennan#6", "alvarez-brennan#5", "alvarez-brennan#2"}
	if !slices.Equal(recent, want) {
		t.Errorf("recent outcomes %v, want %v", recent, want)
	}
}

// TestClauseHistory checks the index New builds against the model's own
// (quadratic but obviously right) ClauseHistory.
func TestClauseHistory(t *testing.T) {
	p := generated(300)
	s := newSite(t, p)
	for _, c := range s.cases {
		for _, cl := range c.Clauses {
			var got []*practice.Issue
			for _, v := range cl.History {
				got = append(got, v.Issue)
			}
			if want := c.Case.ClauseHistory(cl.Clause.Ref); !slices.Equal(got, want) {
				t.Errorf("%s clause %s: history differs from Case.ClauseHistory", c.Case.ID, cl.Clause.Ref)
			}
		}
	}
}

func TestSafeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"4.2", "4.2"},
		{"§ 7(b)", "7-b"},
		{"A.1", "a.1"},
		{"..", "x"},
		{"../etc", "etc"},
		{"", "x"},
		{"Schedule A / 3", "schedule-a-3"},
		{"café", "caf"},
		{"4.2.", "4.2"},
	}
	for _, tt := range tests {
		if got := safeName(tt.in); got != tt.want {
			t.Errorf("safeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	n := newNamer()
	var got []string
	for _, ref := range []string{"A.1", "a.1", "a.1-2", "(a) 1"} {
		got = append(got, n.name(ref))
	}
	if want := []string{"a.1", "a.1-2", "a.1-2-2", "a-1"}; !slices.Equal(got, want) {
		t.Errorf("names %v, want %v", got, want)
	}
}

func TestNewErrors(t *testing.T) {
	full := fstest.MapFS{}
	for _, name := range append(slices.Clone(pageTemplates), "layout.html", "document.html", "style.css", "search.js") {
		b, err := templates.Default().(interface {
			ReadFile(string) ([]byte, error)
		}).ReadFile("private/" + name)
		if err != nil {
			t.Fatal(err)
		}
		full["private/"+name] = &fstest.MapFile{Data: b}
	}
	without := func(name string) fstest.MapFS {
		m := fstest.MapFS{}
		for k, v := range full {
			if k != name {
				m[k] = v
			}
		}
		return m
	}
	broken := without("")
	broken["private/issue.html"] = &fstest.MapFile{Data: []byte("{{template \"head\" .}")}
	dup := samplePractice()
	dup.Cases[0].Issues = append(dup.Cases[0].Issues, &practice.Issue{Case: dup.Cases[0], Number: 1, Title: "again", RaisedOn: d("2025-01-01")})

	tests := []struct {
		name string
		p    *practice.Practice
		fs   fstest.MapFS
		want string
	}{
		{"ok", samplePractice(), full, ""},
		{"missing template", samplePractice(), without("private/clause.html"), "template private/clause.html is missing"},
		{"missing stylesheet", samplePractice(), without("private/style.css"), "stylesheet"},
		{"missing search script", samplePractice(), without("private/search.js"), "search script"},
		{"syntax error", samplePractice(), broken, "issue.html"},
		{"duplicate issue number", dup, full, "two pages would be written to cases/alvarez-brennan/issues/1.html"},
		{"no practice", nil, full, "no practice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.p, tt.fs, markup.New(), asOf, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestOverride shows a practice replacing one template: the rest still come
// from the defaults.
func TestOverride(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "private"), 0o755); err != nil {
		t.Fatal(err)
	}
	css := []byte("body { color: black; }\n")
	if err := os.WriteFile(filepath.Join(dir, "private", "style.css"), css, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := New(samplePractice(), templates.Overlay(dir), markup.New(), asOf, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := renderAll(t, s)
	if !bytes.Equal(got["style.css"], css) {
		t.Errorf("style.css = %q, want the practice's own", got["style.css"])
	}
}

func BenchmarkRender1000(b *testing.B) { benchmarkRender(b, 1000) }

func BenchmarkRender10000(b *testing.B) { benchmarkRender(b, 10000) }

func BenchmarkRenderParallel10000(b *testing.B) { benchmarkRenderParallel(b, 10000) }

// benchmarkRenderParallel measures New plus rendering every page with one
// worker per CPU, as the build does.
func benchmarkRenderParallel(b *testing.B, n int) {
	p := generated(n)
	md := markup.New()
	b.ReportAllocs()
	workers := runtime.GOMAXPROCS(0)
	for b.Loop() {
		s, err := New(p, templates.Default(), md, asOf, nil)
		if err != nil {
			b.Fatal(err)
		}
		pages := s.Pages()
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var w bytes.Buffer
				for i := next.Add(1) - 1; i < int64(len(pages)); i = next.Add(1) - 1 {
					w.Reset()
					if err := pages[i].Render(&w); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
	}
	b.ReportMetric(float64(len(p.Issues())), "issues")
}

// benchmarkRender measures New plus rendering every page once, on one
// goroutine: the whole cost of the private site short of writing files.
func benchmarkRender(b *testing.B, n int) {
	p := generated(n)
	md := markup.New()
	b.ReportAllocs()
	var w bytes.Buffer
	for b.Loop() {
		s, err := New(p, templates.Default(), md, asOf, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, pg := range s.Pages() {
			w.Reset()
			if err := pg.Render(&w); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(p.Issues())), "issues")
}

// TestSamplePractice renders the repository's own sample practice, when it
// parses cleanly, and checks its links and structure.
func TestSamplePractice(t *testing.T) {
	p, findings := parse.Dir(filepath.Join("..", ".."))
	if findings.HasErrors() || p == nil || len(p.Cases) == 0 {
		t.Skipf("the sample practice does not parse cleanly yet: %v", findings)
	}
	checkSite(t, p)
}
