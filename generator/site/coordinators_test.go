package site

import (
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

// TestCoordinatorDockets gives the sample practice a second coordinator
// acting in one case, and checks that each coordinator's docket page lists
// that coordinator's cases only, that every docket links to the others as
// plain links (no script needed), the current one marked, and that the
// links and anchors hold together (checkSite).
func TestCoordinatorDockets(t *testing.T) {
	p := samplePractice()
	p.Coordinator.ID = "miller"
	p.Coordinators = []practice.Coordinator{{ID: "reyes", Name: "Priya N. Reyes"}}
	if len(p.Cases) < 2 {
		t.Fatal("the fixture needs two cases")
	}
	theirs := p.Cases[len(p.Cases)-1]
	theirs.Coordinator = "reyes"
	got := renderAll(t, newSite(t, p))

	for _, tt := range []struct {
		path, current string
		cases         []*practice.Case
	}{
		{"index.html", "All coordinators", p.Cases},
		{"docket-miller.html", "Dana Miller", p.Cases[:len(p.Cases)-1]},
		{"docket-reyes.html", "Priya N. Reyes", []*practice.Case{theirs}},
	} {
		page := string(got[tt.path])
		if page == "" {
			t.Errorf("%s: no such page", tt.path)
			continue
		}
		if want := `aria-current="page">` + tt.current + `</a>`; !strings.Contains(page, want) {
			t.Errorf("%s: the coordinators' list does not mark %q current", tt.path, tt.current)
		}
		for _, href := range []string{`href="index.html"`, `href="docket-miller.html"`, `href="docket-reyes.html"`} {
			if !strings.Contains(page, href) {
				t.Errorf("%s: no link %s", tt.path, href)
			}
		}
		_, list, _ := strings.Cut(page, `<h2 id="cases">`)
		for _, c := range p.Cases {
			in := strings.Contains(list, ">"+htmlText(c.Title)+"</a>")
			want := false
			for _, k := range tt.cases {
				want = want || k == c
			}
			if in != want {
				t.Errorf("%s: case %s listed %v, want %v", tt.path, c.ID, in, want)
			}
		}
	}
	page := string(got["cases/"+theirs.ID+"/index.html"])
	if !strings.Contains(page, `<dt>Coordinator</dt><dd><a href="../../docket-reyes.html">Priya N. Reyes</a></dd>`) {
		t.Errorf("the case page of %s does not name its coordinator with a link to her docket", theirs.ID)
	}
	checkSite(t, p)

	// A practice of one coordinator has one docket and no list.
	one := renderAll(t, newSite(t, samplePractice()))
	if strings.Contains(string(one["index.html"]), `class="coordinators"`) {
		t.Error("a practice of one coordinator lists coordinators")
	}
	for _, c := range p.Cases {
		if strings.Contains(string(one["cases/"+c.ID+"/index.html"]), "<dt>Coordinator</dt>") {
			t.Errorf("a practice of one coordinator names it on the page of %s", c.ID)
		}
	}
	for pth := range one {
		if strings.HasPrefix(pth, "docket-") {
			t.Errorf("a practice of one coordinator has %s", pth)
		}
	}
}

// htmlText escapes s as html/template prints text.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&#39;", `"`, "&#34;").Replace(s)
}
