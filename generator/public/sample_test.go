package public

import (
	"bytes"
	"strings"
	"testing"

	"pcdocket/generator/diag"
	"pcdocket/generator/parse"
)

// TestRepositoryPractice loads the repository's own practice with the real
// parser (practice.yaml, content/public and every sample case), builds its
// public site, and checks the pages and that no sample case's identifying
// strings reach it.
func TestRepositoryPractice(t *testing.T) {
	p, diags := parse.Dir("../..")
	for _, d := range diags {
		if d.Severity == diag.Error && (strings.HasPrefix(d.Pos.File, "content/public/") || d.Pos.File == parse.PracticeFile) {
			t.Errorf("%v", d)
		}
	}
	if len(p.Pages) < 6 {
		t.Fatalf("parse.Dir found %d public pages; want the 6 of content/public", len(p.Pages))
	}
	if len(p.Cases) == 0 {
		t.Fatal("no sample cases: the privacy check below would prove nothing")
	}
	out := build(t, p)
	var needles []string
	for _, c := range p.Cases {
		needles = append(needles, c.ID, c.CourtCaseNo, c.Parties.ParentA.Name, c.Parties.ParentB.Name)
		for _, is := range c.Issues {
			needles = append(needles, is.Question)
		}
	}
	for _, path := range sortedKeys(out) {
		for _, s := range needles {
			if s != "" && bytes.Contains(out[path], []byte(s)) {
				t.Errorf("%s: case data %q in the public site", path, s)
			}
		}
		if strings.HasSuffix(path, ".html") {
			if _, err := parseHTML(out[path]); err != nil {
				t.Errorf("%s: %v", path, err)
			}
		}
	}
	if p.Public.BaseURL != "" && len(out["sitemap.xml"]) == 0 {
		t.Error("base_url set but no sitemap.xml")
	}
}
