package site

import (
	"bytes"
	"html/template"
	"strings"
)

// Fragments of the issue page written in Go, for the default templates.
//
// An html/template action costs far more than the text it prints: each
// value goes through the escaper functions, which text/template calls by
// reflection (a variadic call, a slice of arguments, a boxed value, then
// fmt.Fprint to the output). In a benchmark of 100 actions, printing one
// string field cost about 530 ns and 6 allocations; a link written as
// {{.Root}}{{.Href}} cost 3.2 µs and 32. An issue page ran well over a
// hundred, and they, with the collector's share of their garbage, were
// most of its time. Where a default template looped over many small fields of
// one value (the timeline's rows, the sections of a document's twin), a
// function writes them here instead, escaped exactly as html/template
// escapes them, so that the page's bytes are the same. The view keeps the
// fields, for an override that prints them itself.

// htmlOf returns what write writes, as HTML, written into a buffer of the
// site's pool: the string is then allocated once, at its size.
func (s *Site) htmlOf(write func(*bytes.Buffer)) template.HTML {
	b := s.bufs.Get().(*bytes.Buffer)
	b.Reset()
	write(b)
	h := template.HTML(b.String())
	s.bufs.Put(b)
	return h
}

// templateSpecials are the bytes html/template's escaper replaces in text
// and in a quoted attribute value (its htmlReplacementTable). All are
// ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII, so
// replacing bytes gives what html/template's rune by rune replacement
// gives, on valid and invalid UTF-8 alike.
const templateSpecials = "\x00\"&'+<>"

// writeText writes s to b as html/template prints a plain string in text
// or in a quoted attribute value: NUL becomes U+FFFD, and " & ' + < >
// become &#34; &amp; &#39; &#43; &lt; &gt;. (html.EscapeString, which
// writeEscaped uses for the twin's blocks, leaves + and NUL as they are.)
func writeText(b *bytes.Buffer, s string) {
	for {
		i := strings.IndexAny(s, templateSpecials)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case 0:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		}
		s = s[i+1:]
	}
}

// writeTimeline writes an issue's timeline rows as issue.html's
// {{range .Timeline}} printed them, each on a line of its own (a newline,
// then the <li>).
func writeTimeline(b *bytes.Buffer, rows []timelineRow) {
	for _, r := range rows {
		b.WriteString(`
<li><time datetime="`)
		writeText(b, r.On)
		b.WriteString(`">`)
		writeText(b, r.On)
		b.WriteString(`</time> <strong>`)
		writeText(b, r.What)
		b.WriteString(`</strong>`)
		if r.By != "" {
			b.WriteString(" by ")
			writeText(b, r.By)
		}
		if r.To != "" {
			b.WriteString(" to ")
			writeText(b, r.To)
		}
		if r.Result != "" {
			b.WriteString(": ")
			writeText(b, r.Result)
		}
		if r.Note != "" {
			b.WriteString(`<br><span class="note">`)
			writeText(b, r.Note)
			b.WriteString(`</span>`)
		}
		b.WriteString(`</li>`)
	}
}
