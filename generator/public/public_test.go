package public

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/practice"
	"pcdocket/templates"
)

var (
	update = flag.Bool("update", false, "rewrite testdata/golden from the current output")
	outDir = flag.String("out", "", "also write the sample practice's public site (content/public) to this folder")
)

// samplePractice is the repository's own content/public with the sample
// practice's public settings.
func samplePractice(tb testing.TB, base string) *practice.Practice {
	tb.Helper()
	return &practice.Practice{
		Name: "Miller Mediation & Arbitration",
		Coordinator: practice.Coordinator{
			Name:        "Dana Miller",
			Credentials: "J.D., Parenting Coordinator",
			Email:       "office@miller-mediation.example",
			Phone:       "(555) 014-2277",
			Address:     []string{"210 Elm Street, Suite 3", "Springfield, ST 00000"},
		},
		Public: practice.PublicSite{BaseURL: base},
		Pages:  loadPages(tb, "../../content/public", "content/public"),
	}
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct{ name, base string }{
		{"base", "https://pc.example.org/"},
		{"nobase", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := build(t, fixturePractice(t, tc.base))
			// The stylesheet is the template's bytes as they are: compare
			// it with the template rather than keep golden copies of it.
			css, err := fs.ReadFile(templates.Default(), "public/style.css")
			if err != nil || !bytes.Equal(out["style.css"], css) {
				t.Errorf("style.css is not templates/public/style.css as is (err %v)", err)
			}
			delete(out, "style.css")
			dir := filepath.Join("testdata", "golden", tc.name)
			if *update {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				for p, b := range out {
					dst := filepath.Join(dir, filepath.FromSlash(p))
					if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(dst, b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			want, err := filepath.Glob(filepath.Join(dir, "*"))
			if err != nil {
				t.Fatal(err)
			}
			if len(want) != len(out) {
				t.Errorf("got %d files %v; golden has %d (run go test -update)", len(out), sortedKeys(out), len(want))
			}
			for _, p := range sortedKeys(out) {
				g, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
				if err != nil {
					t.Errorf("%s: no golden file (run go test -update): %v", p, err)
					continue
				}
				if !bytes.Equal(g, out[p]) {
					t.Errorf("%s differs from golden (run go test -update to accept):\n%s", p, firstDiff(g, out[p]))
				}
			}
		})
	}
}

// firstDiff shows the first differing line of two files.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, a, b)
		}
	}
	return ""
}

// sites are the outputs every structural test runs over.
func sites(t *testing.T) map[string]map[string][]byte {
	t.Helper()
	return map[string]map[string][]byte{
		"fixture/base":   build(t, fixturePractice(t, "https://pc.example.org/sub")),
		"fixture/nobase": build(t, fixturePractice(t, "")),
		"sample/base":    build(t, samplePractice(t, "https://miller-mediation.example/")),
		"sample/nobase":  build(t, samplePractice(t, "")),
	}
}

func TestSampleSite(t *testing.T) {
	out := build(t, samplePractice(t, ""))
	for _, want := range []string{"index.html", "what-it-does.html", "when-it-fits.html", "how-it-works.html", "faq.html", "contact.html", "404.html", "style.css", "robots.txt"} {
		if _, ok := out[want]; !ok {
			t.Errorf("no %s in %v", want, sortedKeys(out))
		}
	}
	if _, ok := out["sitemap.xml"]; ok {
		t.Error("sitemap.xml written without a base_url; its URLs must be absolute")
	}
	// The seed's own words that a reader must find somewhere on the site.
	all := string(bytes.Join([][]byte{out["index.html"], out["what-it-does.html"], out["when-it-fits.html"], out["how-it-works.html"], out["faq.html"], out["contact.html"]}, nil))
	for _, phrase := range []string{
		"applies the parenting plan you already have", "Closed Mediation", "Med/Arb", "therapist or counselor",
		"child support agency", "step-up", "binding", "ask the court to review", "stipulation", "appointment order",
		"left unclear", "not with what your plan never created", "generally agree to follow it",
	} {
		if !strings.Contains(all, phrase) {
			t.Errorf("sample site never says %q", phrase)
		}
	}
	if *outDir != "" {
		pages, err := Pages(samplePractice(t, ""), templates.Default())
		if err != nil {
			t.Fatal(err)
		}
		if err := writeDir(*outDir, pages); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHTMLValid: every page is well-formed, has one h1, unique ids, lang,
// a title, a description, landmarks, a skip link to an existing id, headings
// that never skip a level going down, and its nav entry marked current.
func TestHTMLValid(t *testing.T) {
	for name, out := range sites(t) {
		for _, p := range sortedKeys(out) {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			t.Run(name+"/"+p, func(t *testing.T) {
				d, err := parseHTML(out[p])
				if err != nil {
					t.Fatal(err)
				}
				if d.h1 != 1 {
					t.Errorf("%d h1 elements; want exactly 1", d.h1)
				}
				for id, n := range d.ids {
					if n > 1 {
						t.Errorf("id %q used %d times", id, n)
					}
				}
				if d.lang != "en" {
					t.Errorf(`lang=%q; want "en"`, d.lang)
				}
				if strings.TrimSpace(d.title) == "" || d.meta["description"] == "" {
					t.Errorf("title %q, description %q: both required", d.title, d.meta["description"])
				}
				for _, og := range []string{"og:title", "og:description", "og:type", "og:site_name"} {
					if d.meta[og] == "" {
						t.Errorf("no %s", og)
					}
				}
				base := strings.HasSuffix(name, "/base") && p != "404.html" // a 404 has no address of its own
				if got := d.meta["og:url"] != ""; got != base {
					t.Errorf("og:url present=%v; want %v (base_url set: %v)", got, base, base)
				}
				if d.ids["main"] != 1 || !bytes.Contains(out[p], []byte(`<a class="skip-link" href="#main">`)) {
					t.Error("no skip link to #main")
				}
				for _, lm := range []string{"header", "nav", "main", "footer"} {
					if d.landmark[lm] == 0 {
						t.Errorf("no <%s> landmark", lm)
					}
				}
				if d.landmark["main"] != 1 {
					t.Errorf("%d <main> elements; want 1", d.landmark["main"])
				}
				prev := 0
				for _, h := range d.headings {
					if h > prev+1 {
						t.Errorf("heading order %v: h%d follows h%d", d.headings, h, prev)
						break
					}
					prev = h
				}
				wantCurrent := 1
				if p == "404.html" || p == "hidden.html" {
					wantCurrent = 0
				}
				if d.current != wantCurrent {
					t.Errorf("%d nav links with aria-current=page; want %d", d.current, wantCurrent)
				}
			})
		}
	}
}

// TestLinks: every internal href and src resolves to a file the site writes;
// outside links are absolute http(s), mailto: or tel:; canonical and og:url
// sit under the base URL.
func TestLinks(t *testing.T) {
	for name, out := range sites(t) {
		base := ""
		if strings.HasSuffix(name, "/base") {
			base = map[string]string{"fixture/base": "https://pc.example.org/sub/", "sample/base": "https://miller-mediation.example/"}[name]
		}
		for _, p := range sortedKeys(out) {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			d, err := parseHTML(out[p])
			if err != nil {
				t.Fatalf("%s %s: %v", name, p, err)
			}
			for _, ref := range d.refs {
				if err := resolves(out, p, ref, base); err != nil {
					t.Errorf("%s %s: %v", name, p, err)
				}
			}
		}
		if base != "" {
			sm := string(out["sitemap.xml"])
			if n := strings.Count(sm, "<loc>"+base); n == 0 || n != strings.Count(sm, "<loc>") {
				t.Errorf("%s sitemap.xml: locs not all under %s:\n%s", name, base, sm)
			}
			if !strings.Contains(string(out["robots.txt"]), "Sitemap: "+base+"sitemap.xml") {
				t.Errorf("%s robots.txt has no Sitemap line:\n%s", name, out["robots.txt"])
			}
		}
	}
}

// resolves reports why ref, found in page from, does not lead to a file of out.
func resolves(out map[string][]byte, from, ref, base string) error {
	switch {
	case strings.HasPrefix(ref, "mailto:"), strings.HasPrefix(ref, "tel:"):
		return nil
	case strings.HasPrefix(ref, "#"):
		return nil // fragments are checked by the skip-link and id tests
	}
	target := ref
	if base != "" && strings.HasPrefix(ref, base) {
		target = strings.TrimPrefix(ref, base)
		if target == "" {
			target = "index.html"
		}
	} else if u, err := url.Parse(ref); err != nil {
		return err
	} else if u.IsAbs() {
		if u.Scheme != "https" && u.Scheme != "http" {
			return fmt.Errorf("link %q: unexpected scheme", ref)
		}
		if base == "" || !strings.HasPrefix(ref, strings.TrimSuffix(base, "/")) {
			return nil // an outside site
		}
		return fmt.Errorf("link %q under the base URL is not a produced file", ref)
	}
	if strings.HasPrefix(target, "/") {
		// Only 404.html, shown by a server at any depth, may link from the
		// base URL's path; every other page links relatively for file://.
		bp := ""
		if u, err := url.Parse(base); err == nil && base != "" {
			bp = strings.TrimRight(u.Path, "/") + "/"
		}
		if from != "404.html" || bp == "" || !strings.HasPrefix(target, bp) {
			return fmt.Errorf("root-relative link %q breaks from file://", ref)
		}
		target = strings.TrimPrefix(target, bp)
	}
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		target = target[:i]
	}
	full := path.Clean(path.Join(path.Dir(from), target))
	if strings.HasPrefix(full, "..") {
		return fmt.Errorf("link %q leaves the public site", ref)
	}
	if _, ok := out[full]; !ok {
		return fmt.Errorf("link %q: no file %s", ref, full)
	}
	return nil
}

// BenchmarkPages renders the sample practice's whole public site.
func BenchmarkPages(b *testing.B) {
	p := samplePractice(b, "https://miller-mediation.example/")
	tmpl := templates.Default()
	b.ReportAllocs()
	for b.Loop() {
		pages, err := Pages(p, tmpl)
		if err != nil {
			b.Fatal(err)
		}
		for _, pg := range pages {
			if err := pg.Render(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
}
