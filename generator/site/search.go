package site

// The search index of the private site.
//
// The site is opened from disk (file://) as often as it is served, and a
// browser does not let a page at file:// fetch other files; it does run a
// script named by <script src>. So each index is a small script that
// assigns the index, as JSON, to window.pcdIndex:
//
//	window.pcdIndex={"v":1,"cases":[CASE, ...]};
//
// where a CASE is
//
//	{"t":title,"u":href,"n":court case number,"p":"the parties' names",
//	 "d":[[kind,title,href,text,status], ...]}
//
// kind is "case", "issue" or "clause"; text is what a query matches
// besides the title (an issue's question, summary, category and cited
// clauses; a clause's ref and title); every href is a path from the site
// root, so an encrypted build can rename it like any link. Every entry of a
// case also matches the case's title, number and parties' names, so a
// query such as "Núñez school" finds that family's school issues.
//
// Two kinds of index are written: search-index.js, every case, which the
// coordinator's pages load; and cases/<id>/search-index.js, one case,
// which an encrypted site opens with that case's key, so a parent's
// passphrase reveals only their own case's entries. The coordinator's
// private notes, the safety screening, positions and records are never
// indexed. templates/private/search.js is the search box's script; it
// matches every word of the query as a substring, without accents and
// case, against each entry (see that file).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"strings"

	"pcdocket/generator/diag"
)

// Paths of the search files.
const (
	SearchIndexFile = "search-index.js" // every case's entries; cases/<id>/search-index.js holds one case's
	SearchScript    = "assets/search.js"
	searchPrefix    = "window.pcdIndex="
)

// searchCase is one case's part of an index.
type searchCase struct {
	Title   string      `json:"t"`
	Href    string      `json:"u"`
	Number  string      `json:"n"`
	Parties string      `json:"p"`
	Docs    [][5]string `json:"d"` // kind, title, href, text, status
}

// SearchIndexHref returns the site path of the case's own search index.
func (c *caseView) SearchIndexHref() string { return c.Dir + SearchIndexFile }

// searchEntry returns the case's part of every index, as JSON, computed
// once: watch mode keeps the views of unchanged cases and puts the
// practice-wide index together from their parts.
func (c *caseView) searchEntry() ([]byte, error) {
	if c.oneBuild {
		// Read twice, by the case's own index and by every case's: kept,
		// the entries of 50,000 issues held 24 MB to the end of the
		// build. See NewOneBuild.
		b, err := json.Marshal(c.searchCase())
		if err != nil {
			return nil, fmt.Errorf("case %s search index: %w", c.Case.ID, err)
		}
		return b, nil
	}
	c.search.Do(func() { c.searchJSON, c.searchErr = json.Marshal(c.searchCase()) })
	if c.searchErr != nil {
		return nil, fmt.Errorf("case %s search index: %w", c.Case.ID, c.searchErr)
	}
	return c.searchJSON, nil
}

func (c *caseView) searchCase() searchCase {
	k := c.Case
	var parties []string
	for _, p := range []party{c.PartyA, c.PartyB} {
		parties = append(parties, p.Name)
		if p.Counsel != "" {
			parties = append(parties, p.Counsel)
		}
	}
	sc := searchCase{Title: k.Title, Href: c.Href, Number: k.CourtCaseNo, Parties: strings.Join(parties, "; ")}
	sc.Docs = append(sc.Docs, [5]string{"case", k.Title, c.Href, k.Court, c.Status})
	for _, v := range c.Issues {
		is := v.Issue
		text := []string{is.Question, v.Category.Label}
		if o := is.Outcome; o != nil {
			text = append(text, o.Summary)
			if o.ReferredTo != "" {
				text = append(text, v.ReferredTo)
			}
		}
		for _, cl := range v.Cited {
			text = append(text, clauseTitle(cl.Clause))
		}
		sc.Docs = append(sc.Docs, [5]string{"issue", fmt.Sprintf("Issue %d: %s", is.Number, is.Title), v.Href, joinNonEmpty(text), v.StatusLabel})
	}
	for _, cl := range c.Clauses {
		sc.Docs = append(sc.Docs, [5]string{"clause", clauseTitle(cl.Clause), cl.Href, cl.Clause.Ref + " " + cl.Clause.Title, diag.Plural(len(cl.History), "issue")})
	}
	return sc
}

func joinNonEmpty(s []string) string {
	out := s[:0:0]
	for _, t := range s {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, " · ")
}

// writeIndex writes an index script holding the given cases' entries. The
// entries are put together first, so that an error writes nothing; then
// written one by one, without a copy of the whole index, which is 5 MB at
// 10,000 issues.
func writeIndex(w io.Writer, cases []*caseView) error {
	parts := make([][]byte, 0, 2*len(cases)+1)
	parts = append(parts, []byte(searchPrefix+`{"v":1,"cases":[`))
	for i, c := range cases {
		b, err := c.searchEntry()
		if err != nil {
			return err
		}
		if i > 0 {
			parts = append(parts, comma)
		}
		parts = append(parts, b)
	}
	parts = append(parts, []byte("]};\n"))
	if buf, ok := w.(*bytes.Buffer); ok {
		// Fast path: the build renders into a buffer; grown once to the
		// index's size, it does not double its way there (every case's
		// index is 24 MB at 50,000 issues: 31 MB of copies on the way).
		n := 0
		for _, p := range parts {
			n += len(p)
		}
		buf.Grow(n)
	}
	bufs := net.Buffers(parts)
	_, err := bufs.WriteTo(w)
	return err
}

var comma = []byte(",")
