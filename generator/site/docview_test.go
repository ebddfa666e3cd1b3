package site

import (
	"bytes"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"pcdocket/generator/document"
	"pcdocket/templates"
)

// TestTwinTemplateHasNoWording holds document.html to layout: apart from
// the issue page's own furniture around the twin, every word it prints
// comes from the document model, which the PDF renders too.
func TestTwinTemplateHasNoWording(t *testing.T) {
	for _, tt := range []struct {
		file      string
		furniture []string
	}{
		{"private/document.html", []string{"Document", "Download", "the", "PDF:", "Record", "No", "record", "written", "yet."}},
		{"private/report.html", []string{"·"}}, // a report's page of its own: every word is the document's
	} {
		b, err := fs.ReadFile(templates.Default(), tt.file)
		if err != nil {
			t.Fatal(err)
		}
		s := regexp.MustCompile(`(?s)\{\{/\*.*?\*/\}\}`).ReplaceAllString(string(b), " ")
		s = regexp.MustCompile(`(?s)\{\{.*?\}\}`).ReplaceAllString(s, " ")
		s = regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(s, " ")
		for _, w := range strings.Fields(s) {
			if !slices.Contains(tt.furniture, w) {
				t.Errorf("%s prints %q: a document's wording belongs in package document", tt.file, w)
			}
		}
	}
}

func TestBlocksHTML(t *testing.T) {
	s := &Site{}
	s.bufs.New = func() any { return new(bytes.Buffer) }
	got := string(s.htmlOf(func(b *bytes.Buffer) {
		writeBlocks(b, []document.Block{
			&document.Paragraph{Runs: []document.Run{{Text: "a <b> & "}, {Text: "bold", Bold: true}, {Text: " ", Italic: true}, {Text: "gone", Strike: true}, {Text: "all", Bold: true, Italic: true, Strike: true}}},
			&document.Heading{Level: 2, Text: "Findings"},
			&document.List{Tight: true, Items: []document.Item{{Label: "1.", Blocks: []document.Block{&document.Paragraph{Runs: []document.Run{{Text: "x"}}}}}}},
			&document.Table{Header: []string{"A", "B"}, Rows: [][]string{{"1", "<2>"}}, Align: []string{"L", "R"}},
			&document.Signatures{Columns: 2, Lines: []document.SignLine{{Signed: "/s/ E", Name: "E", Under: []string{"Parenting Coordinator"}}}},
		})
	}))
	want := `<p>a &lt;b&gt; &amp; <strong>bold</strong><em> </em><s>gone</s><strong><em><s>all</s></em></strong></p>` +
		`<h5>Findings</h5>` +
		`<ul class="doc-list tight"><li><span class="doc-label">1.</span><div><p>x</p></div></li></ul>` +
		`<div class="table-wrap" tabindex="0" role="group" aria-label="Table: A, B"><table><thead><tr><th class="align-L">A</th><th class="align-R">B</th></tr></thead>` +
		`<tbody><tr><td class="align-L">1</td><td class="align-R">&lt;2&gt;</td></tr></tbody></table></div>` +
		`<div class="signatures cols-2"><div class="sign-line"><p class="signed"><em>/s/ E</em></p><p class="signer"><strong>E</strong><br>Parenting Coordinator</p></div></div>`
	if got != want {
		t.Errorf("writeBlocks wrote\n\n%s\nwant\n%s", got, want)
	}
}
