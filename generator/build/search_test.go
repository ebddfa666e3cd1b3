package build

import (
	"context"
	"strings"
	"testing"
)

// TestSearchIndexPrivateOnly: the sample's build writes its search index,
// which finds a known issue and case, into the private site only.
func TestSearchIndexPrivateOnly(t *testing.T) {
	out := t.TempDir()
	if _, err := Build(context.Background(), Options{Source: repoRoot, Output: out, AsOf: asOf, NoDocuments: true}); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	idx := string(files["private/search-index.js"])
	for _, want := range []string{
		"Passport application for T.H. before the December cruise", // an issue's title
		"2026-fam-0142-nunez-ward/issues/5.html",                   // an issue's page
		"José Núñez",                                               // a parent
	} {
		if !strings.Contains(idx, want) {
			t.Errorf("private/search-index.js lacks %q", want)
		}
	}
	n := 0
	for p, data := range files {
		if strings.HasPrefix(p, "private/cases/") && strings.HasSuffix(p, "/search-index.js") {
			n++
		}
		if strings.HasPrefix(p, "public/") && (strings.Contains(p, "search") || strings.Contains(string(data), "pcdIndex")) {
			t.Errorf("the public site holds %s, a search file", p)
		}
	}
	if n != 8 {
		t.Errorf("%d case indexes, want one for each of the sample's 8 cases", n)
	}
}
