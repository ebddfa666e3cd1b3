package site

import (
	"bytes"
	"html"
	"html/template"
	"strings"
	"testing"

	"pcdocket/generator/document"
	"pcdocket/templates"
)

// awkward are strings that html/template escapes: every byte it replaces,
// runes of several bytes, invalid UTF-8 and U+FFFD itself.
var awkward = []string{
	"", "plain", `a "quoted" & 'single' + <b>tag</b>`, "nul\x00byte", "Ünïcödé — 🙂 +1",
	"bad \xff\xfe utf-8 <", "\uFFFD&amp;", "<<>>&&++''\"\"",
}

// TestWriteText holds writeText to html/template's own escaping, in text
// and in a quoted attribute value.
func TestWriteText(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(`<p title="{{.}}">{{.}}</p>`))
	for _, s := range awkward {
		var want, got bytes.Buffer
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		got.WriteString(`<p title="`)
		writeText(&got, s)
		got.WriteString(`">`)
		writeText(&got, s)
		got.WriteString(`</p>`)
		if got.String() != want.String() {
			t.Errorf("writeText(%q) =\n%s\nhtml/template:\n%s", s, got.String(), want.String())
		}
	}
}

// TestWriteEscaped holds writeEscaped, the twin's blocks' escaping, to
// html.EscapeString.
func TestWriteEscaped(t *testing.T) {
	for _, s := range awkward {
		var b bytes.Buffer
		writeEscaped(&b, s)
		if got, want := b.String(), html.EscapeString(s); got != want {
			t.Errorf("writeEscaped(%q) = %q, html.EscapeString gives %q", s, got, want)
		}
	}
}

// timelineTemplate is how issue.html printed the timeline, action by
// action, before the function timeline wrote it.
const timelineTemplate = `<ol class="timeline">
{{- range .}}
<li><time datetime="{{.On}}">{{.On}}</time> <strong>{{.What}}</strong>{{with .By}} by {{.}}{{end}}{{with .To}} to {{.}}{{end}}{{with .Result}}: {{.}}{{end}}{{with .Note}}<br><span class="note">{{.}}</span>{{end}}</li>
{{- end}}
</ol>`

func TestWriteTimeline(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(timelineTemplate))
	var rows []timelineRow
	for i, s := range awkward {
		r := timelineRow{On: "2026-03-0" + string(rune('1'+i%9)), What: s}
		switch i % 4 { // every combination of the optional parts, over the rows
		case 0:
			r.By, r.Note = s, s
		case 1:
			r.To, r.Result = s, s
		case 2:
			r.By, r.To, r.Result, r.Note = s, s, s, s
		}
		rows = append(rows, r)
	}
	for _, rs := range [][]timelineRow{nil, rows[:1], rows} {
		var want, got bytes.Buffer
		if err := tmpl.Execute(&want, rs); err != nil {
			t.Fatal(err)
		}
		got.WriteString(`<ol class="timeline">`)
		writeTimeline(&got, rs)
		got.WriteString("\n</ol>")
		if got.String() != want.String() {
			t.Errorf("writeTimeline(%d rows) =\n%s\ntemplate:\n%s", len(rs), got.String(), want.String())
		}
	}
}

// TestWriteSection holds the functions section and sections to the
// default template doc-section, which they replace in doc-paper.
func TestWriteSection(t *testing.T) {
	s := &Site{}
	s.bufs.New = func() any { return new(bytes.Buffer) }
	tmpl, err := template.New("t").Funcs(twinFuncs(s.htmlOf)).ParseFS(templates.Default(), "private/document.html")
	if err != nil {
		t.Fatal(err)
	}
	template.Must(tmpl.New("range").Parse(`{{- range .}}
{{template "doc-section" .}}
{{- end}}`))
	template.Must(tmpl.New("sections").Parse(`{{- with .}}
{{sections .}}
{{- end}}`))
	var secs []document.Section
	for i, h := range awkward {
		secs = append(secs, document.Section{Number: strings.Repeat("I", i%3), Heading: h,
			Blocks: []document.Block{&document.Paragraph{Runs: []document.Run{{Text: h}}}}})
	}
	for _, ss := range [][]document.Section{nil, secs[:1], secs} {
		var want, got bytes.Buffer
		if err := tmpl.ExecuteTemplate(&want, "range", ss); err != nil {
			t.Fatal(err)
		}
		if err := tmpl.ExecuteTemplate(&got, "sections", ss); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("sections (%d) =\n%s\ndoc-section:\n%s", len(ss), got.String(), want.String())
		}
		for _, sec := range ss {
			want.Reset()
			if err := tmpl.ExecuteTemplate(&want, "doc-section", sec); err != nil {
				t.Fatal(err)
			}
			if got := string(twinFuncs(s.htmlOf)["section"].(func(document.Section) template.HTML)(sec)); got != want.String() {
				t.Errorf("section(%q) =\n%s\ndoc-section:\n%s", sec.Heading, got, want.String())
			}
		}
	}
}

// TestWriteCaption holds the function caption to the default template
// doc-caption, which it replaces in doc-paper.
func TestWriteCaption(t *testing.T) {
	s := &Site{}
	s.bufs.New = func() any { return new(bytes.Buffer) }
	tmpl, err := template.New("t").Funcs(twinFuncs(s.htmlOf)).ParseFS(templates.Default(), "private/document.html")
	if err != nil {
		t.Fatal(err)
	}
	caption := twinFuncs(s.htmlOf)["caption"].(func(*document.Document) template.HTML)
	for i, w := range awkward {
		d := &document.Document{Title: w, Re: "Re: " + w, Caption: document.Caption{
			Court: w, CaseNo: w, And: w, Document: w, Before: awkward[:i],
			Parties: [2]document.CaptionParty{{Name: w, Label: w}, {Name: w + "2", Label: ""}},
		}}
		var want bytes.Buffer
		if err := tmpl.ExecuteTemplate(&want, "doc-caption", d); err != nil {
			t.Fatal(err)
		}
		if got := string(caption(d)); got != want.String() {
			t.Errorf("caption(%q) =\n%s\ndoc-caption:\n%s", w, got, want.String())
		}
	}
}
