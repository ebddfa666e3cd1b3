package site

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// indexJSON is a search index as search.js reads it.
type indexJSON struct {
	V     int `json:"v"`
	Cases []struct {
		Title   string      `json:"t"`
		Href    string      `json:"u"`
		Number  string      `json:"n"`
		Parties string      `json:"p"`
		Docs    [][5]string `json:"d"`
	} `json:"cases"`
}

func readIndex(t *testing.T, b []byte) indexJSON {
	t.Helper()
	s, ok := strings.CutPrefix(string(b), searchPrefix)
	if !ok || !strings.HasSuffix(s, ";\n") {
		t.Fatalf("not an index script: %.60q", b)
	}
	var idx indexJSON
	if err := json.Unmarshal([]byte(strings.TrimSuffix(s, ";\n")), &idx); err != nil {
		t.Fatal(err)
	}
	return idx
}

func TestSearchIndex(t *testing.T) {
	got := renderAll(t, newSite(t, samplePractice()))
	all := readIndex(t, got[SearchIndexFile])
	if all.V != 1 || len(all.Cases) != 2 {
		t.Fatalf("index v%d with %d cases, want v1 with 2", all.V, len(all.Cases))
	}
	own := readIndex(t, got["cases/okafor-reyes/"+SearchIndexFile])
	if len(own.Cases) != 1 || own.Cases[0].Title != "Okafor & Reyes" {
		t.Fatalf("the case's own index holds %d cases (%+v), want Okafor & Reyes alone", len(own.Cases), own.Cases)
	}
	c := own.Cases[0]
	if c.Number != "2024-D-009931" || c.Href != "cases/okafor-reyes/index.html" || !strings.Contains(c.Parties, "Chidinma Okafor") || !strings.Contains(c.Parties, "Mateo Reyes") {
		t.Errorf("case entry %q %q %q %q: want its number, page and parties' names", c.Title, c.Number, c.Href, c.Parties)
	}
	want := [][5]string{
		{"case", "Okafor & Reyes", "cases/okafor-reyes/index.html", "Circuit Court of Cook County", "active"},
		{"issue", "Issue 1: Pick-up time on Fridays", "cases/okafor-reyes/issues/1.html", "At what time does Father's weekend begin on Fridays? · Schedule · Weekends begin at school dismissal. · Clause 2: Regular schedule", "Recommendation"},
		{"issue", "Issue 2: Friday pick-up when school is closed", "cases/okafor-reyes/issues/2.html", "Where does pick-up happen when school is closed? · Schedule · Clause 2: Regular schedule", "Pending"},
		{"clause", "Clause 2: Regular schedule", "cases/okafor-reyes/clauses/2.html", "2 Regular schedule", "2 issues"},
	}
	if !slices.Equal(c.Docs, want) {
		t.Errorf("entries:\n%q\nwant:\n%q", c.Docs, want)
	}
	// Every entry's link is a page of the site.
	for _, c := range all.Cases {
		for _, d := range c.Docs {
			if got[d[2]] == nil {
				t.Errorf("%s %q links to %s, which is not a page", d[0], d[1], d[2])
			}
		}
	}
	// Never indexed: notes, the screening, positions, records.
	p := samplePractice()
	for _, k := range p.Cases {
		secret := []string{k.Body}
		if k.Safety != nil {
			secret = append(secret, k.Safety.Result)
		}
		for _, is := range k.Issues {
			secret = append(secret, is.Positions.ParentA, is.Positions.ParentB, is.Body, is.Private)
		}
		for _, s := range secret {
			j, _ := json.Marshal(strings.TrimSpace(s))
			if s = strings.Trim(string(j), `"`); len(s) > 3 && bytes.Contains(got[SearchIndexFile], []byte(s)) {
				t.Errorf("the index holds %q", s)
			}
		}
	}
	// A script of the index cannot be closed by case text.
	if bytes.Contains(got[SearchIndexFile], []byte("<")) {
		t.Error("the index holds a raw <")
	}
}

// TestSearchIndexDeterministic: two sites of the same practice write the
// same bytes, and so does a site derived by Next with nothing changed.
func TestSearchIndexDeterministic(t *testing.T) {
	a := renderAll(t, newSite(t, samplePractice()))
	s := newSite(t, samplePractice())
	b := renderAll(t, s)
	n, err := s.Next(func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	c := renderAll(t, n)
	for _, p := range []string{SearchIndexFile, "cases/alvarez-brennan/" + SearchIndexFile, "cases/okafor-reyes/" + SearchIndexFile} {
		if !bytes.Equal(a[p], b[p]) || !bytes.Equal(a[p], c[p]) {
			t.Errorf("%s differs between builds", p)
		}
	}
}

// TestSearchIndexDeps: an index is rebuilt when any issue it holds changes.
func TestSearchIndexDeps(t *testing.T) {
	s := newSite(t, samplePractice())
	deps := map[string][]Dep{}
	for _, pg := range s.Pages() {
		deps[pg.Path] = pg.Deps
	}
	for _, c := range s.p.Cases {
		for _, is := range c.Issues {
			if !slices.Contains(deps[SearchIndexFile], DepIssue(is)) {
				t.Errorf("%s does not depend on %s", SearchIndexFile, DepIssue(is))
			}
			own := "cases/" + c.ID + "/" + SearchIndexFile
			if !slices.Contains(deps[own], DepIssue(is)) {
				t.Errorf("%s does not depend on %s", own, DepIssue(is))
			}
		}
		if !slices.Contains(deps[SearchIndexFile], DepCase(c.ID)) {
			t.Errorf("%s does not depend on %s", SearchIndexFile, DepCase(c.ID))
		}
	}
	if slices.Contains(deps[SearchIndexFile], DepAsOf) {
		t.Errorf("%s depends on the date: it shows nothing that changes with it", SearchIndexFile)
	}
}
