package site

import (
	"bytes"
	"html/template"
	"strings"

	"pcdocket/generator/document"
)

// The blocks of a document's HTML twin. document.html lays out the
// caption and the sections and calls the template function blocks for
// their content: the blocks are written here, in Go, because a template
// action per block and per run (each value through html/template's
// escapers, called by reflection) made the twins half of a build's
// allocations. Every word comes from the document model; this file adds
// only markup, with the classes style.css gives the twin.

// twinFuncs are the template functions of the HTML twin, each writing
// with html, which returns what its argument writes as HTML: paper, the
// whole document as the template doc-paper laid it out; blocks, a
// document's blocks; caption, the caption, title and "Re:" line as the
// template doc-caption lays them out; section, one section as the
// template doc-section does; sections, several, a line each.
//
// Fast path: caption, section and sections write in Go what doc-caption
// and doc-section printed action by action, a few dozen actions per
// document (see fragments.go). In BenchmarkPageKinds/issue (a 2,000-issue
// practice, two thirds of whose issues have a document), writing the
// sections and an issue's timeline in Go took an issue page from 1,223
// allocations to 971, and the caption from 943 to 885. paper writes the
// frame around them, and calls them, in Go instead of five template
// actions: in the same benchmark an issue page went from 592 allocations
// to 572 (two issue pages of three have a document).
func twinFuncs(html func(func(*bytes.Buffer)) template.HTML) template.FuncMap {
	return template.FuncMap{
		"link": link, // document.html's issue-page part links to the PDF
		"paper": func(d *document.Document) template.HTML {
			return html(func(b *bytes.Buffer) { writePaper(b, d) })
		},
		"caption": func(d *document.Document) template.HTML {
			return html(func(b *bytes.Buffer) { writeCaption(b, d) })
		},
		"blocks": func(bs []document.Block) template.HTML {
			return html(func(b *bytes.Buffer) { writeBlocks(b, bs) })
		},
		"section": func(sec document.Section) template.HTML {
			return html(func(b *bytes.Buffer) { writeSection(b, sec) })
		},
		"sections": func(ss []document.Section) template.HTML {
			return html(func(b *bytes.Buffer) {
				for i, sec := range ss {
					if i > 0 {
						b.WriteByte('\n')
					}
					writeSection(b, sec)
				}
			})
		},
	}
}

// writePaper writes the document d as on paper, as the template
// doc-paper printed it with caption, blocks, sections and section: the
// caption, the preamble, the sections, then the signature and the
// certificate.
func writePaper(b *bytes.Buffer, d *document.Document) {
	b.WriteString("<article class=\"paper\">\n")
	writeCaption(b, d)
	if len(d.Preamble) > 0 {
		b.WriteString("\n<div class=\"preamble\">")
		writeBlocks(b, d.Preamble)
		b.WriteString("</div>")
	}
	for _, sec := range d.Sections {
		b.WriteByte('\n')
		writeSection(b, sec)
	}
	b.WriteString("\n<div class=\"signing\">\n")
	writeSection(b, d.Signature)
	if d.Certificate != nil {
		b.WriteByte('\n')
		writeSection(b, *d.Certificate)
	}
	b.WriteString("\n</div>\n</article>")
}

// writeCaption writes d's caption, title and "Re:" line as the template
// doc-caption does.
func writeCaption(b *bytes.Buffer, d *document.Document) {
	c := &d.Caption
	b.WriteString("<header class=\"caption\">\n<p class=\"court\">")
	writeText(b, c.Court)
	b.WriteString("</p>\n<div class=\"caption-box\">\n<div class=\"caption-parties\">")
	party := func(p document.CaptionParty) {
		b.WriteString("\n<p class=\"party\"><strong>")
		writeText(b, p.Name)
		b.WriteString("</strong><br><span class=\"party-label\">")
		writeText(b, p.Label)
		b.WriteString("</span></p>")
	}
	party(c.Parties[0])
	b.WriteString("\n<p class=\"and\">")
	writeText(b, c.And)
	b.WriteString("</p>")
	party(c.Parties[1])
	b.WriteString("\n</div>\n<div class=\"caption-case\">\n<p class=\"case-no\"><strong>")
	writeText(b, c.CaseNo)
	b.WriteString("</strong></p>\n<p>")
	for i, l := range c.Before {
		if i > 0 {
			b.WriteString("<br>")
		}
		writeText(b, l)
	}
	b.WriteString("</p>\n<p class=\"doc-id\">")
	writeText(b, c.Document)
	b.WriteString("</p>\n</div>\n</div>\n<h3 class=\"doc-title\">")
	writeText(b, d.Title)
	b.WriteString("</h3>\n<p class=\"re\">")
	writeText(b, d.Re)
	b.WriteString("</p>\n</header>")
}

// writeSection writes sec as the template doc-section does.
func writeSection(b *bytes.Buffer, sec document.Section) {
	b.WriteString(`<section class="doc-section">`)
	if sec.Heading != "" {
		b.WriteString("<h4>")
		writeText(b, sec.Title())
		b.WriteString("</h4>")
	}
	b.WriteByte('\n')
	writeBlocks(b, sec.Blocks)
	b.WriteString("\n</section>")
}

func writeBlocks(b *bytes.Buffer, bs []document.Block) {
	for _, bl := range bs {
		writeBlock(b, bl)
	}
}

func writeBlock(b *bytes.Buffer, bl document.Block) {
	esc := func(s string) { writeEscaped(b, s) }
	switch bl := bl.(type) {
	case *document.Paragraph:
		b.WriteString("<p>")
		writeRuns(b, bl.Runs)
		b.WriteString("</p>")
	case *document.Heading:
		tag := "h5"
		if bl.Level > 3 {
			tag = "h6"
		}
		b.WriteString("<" + tag + ">")
		esc(bl.Text)
		b.WriteString("</" + tag + ">")
	case *document.Quote:
		b.WriteString("<blockquote>")
		writeBlocks(b, bl.Blocks)
		b.WriteString("</blockquote>")
	case *document.List:
		b.WriteString(`<ul class="doc-list`)
		if bl.Tight {
			b.WriteString(" tight")
		}
		b.WriteString(`">`)
		for _, it := range bl.Items {
			b.WriteString(`<li><span class="doc-label">`)
			esc(it.Label)
			b.WriteString("</span><div>")
			writeBlocks(b, it.Blocks)
			b.WriteString("</div></li>")
		}
		b.WriteString("</ul>")
	case *document.Table:
		row := func(cells []string, tag string) {
			b.WriteString("<tr>")
			for j, c := range cells {
				a := "L"
				if j < len(bl.Align) {
					a = bl.Align[j]
				}
				b.WriteString("<" + tag + ` class="align-` + a + `">`)
				esc(c)
				b.WriteString("</" + tag + ">")
			}
			b.WriteString("</tr>")
		}
		// The table scrolls sideways on a narrow screen: a keyboard must
		// be able to focus it to scroll, and a screen reader to name it.
		label := "Table"
		if h := strings.Join(bl.Header, ", "); strings.TrimSpace(h) != "" {
			label = "Table: " + h
		}
		b.WriteString(`<div class="table-wrap" tabindex="0" role="group" aria-label="`)
		esc(label)
		b.WriteString(`"><table>`)
		if bl.Header != nil {
			b.WriteString("<thead>")
			row(bl.Header, "th")
			b.WriteString("</thead>")
		}
		b.WriteString("<tbody>")
		for _, r := range bl.Rows {
			row(r, "td")
		}
		b.WriteString("</tbody></table></div>")
	case *document.Preformatted:
		b.WriteString("<pre>")
		esc(bl.Text)
		b.WriteString("</pre>")
	case *document.Rule:
		b.WriteString("<hr>")
	case *document.Signatures:
		b.WriteString(`<div class="signatures cols-`)
		if bl.Columns == 2 {
			b.WriteString("2")
		} else {
			b.WriteString("1")
		}
		b.WriteString(`">`)
		for _, l := range bl.Lines {
			b.WriteString(`<div class="sign-line">`)
			if l.Signed != "" {
				b.WriteString(`<p class="signed"><em>`)
				esc(l.Signed)
				b.WriteString("</em></p>")
			}
			b.WriteString(`<p class="signer"><strong>`)
			esc(l.Name)
			b.WriteString("</strong>")
			for _, u := range l.Under {
				b.WriteString("<br>")
				esc(u)
			}
			b.WriteString("</p></div>")
		}
		b.WriteString("</div>")
	}
}

// writeRuns writes a paragraph's runs: escaped text in strong, em and s.
func writeRuns(b *bytes.Buffer, runs []document.Run) {
	for _, r := range runs {
		marks := [...]struct {
			on  bool
			tag string
		}{{r.Bold, "strong"}, {r.Italic, "em"}, {r.Strike, "s"}}
		for _, m := range marks {
			if m.on {
				b.WriteByte('<')
				b.WriteString(m.tag)
				b.WriteByte('>')
			}
		}
		writeEscaped(b, r.Text)
		for i := len(marks) - 1; i >= 0; i-- { // closed in the reverse order
			if marks[i].on {
				b.WriteString("</")
				b.WriteString(marks[i].tag)
				b.WriteByte('>')
			}
		}
	}
}

// writeEscaped writes s to b escaped as html.EscapeString does, straight
// into b: html.EscapeString allocated a copy of every run that held an
// apostrophe or an ampersand, as much of a record's prose does.
func writeEscaped(b *bytes.Buffer, s string) {
	for {
		i := indexByteSet(s, htmlSpecial)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '"':
			b.WriteString("&#34;")
		}
		s = s[i+1:]
	}
}
