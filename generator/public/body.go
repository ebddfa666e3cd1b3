package public

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"

	"pcdocket/generator/markup"
	"pcdocket/generator/practice"
)

// Directive lines let a public page do the two things plain Markdown cannot,
// without raw HTML (which markup escapes):
//
//	::: columns   start a group of side-by-side columns (the first column)
//	::: column    start the next column
//	:::           end the group
//	::: contact   the coordinator's contact details, as in the footer
//
// Columns stack on narrow screens in source order, so reading order and
// heading order stay those of the Markdown.
const directive = ":::"

// renderBody renders a page body with its directives. It reports whether the
// body has columns, and rejects a level-1 heading: the page title is the h1.
func renderBody(md *markup.Markdown, body string, src practice.Source, contact template.HTML) (template.HTML, bool, error) {
	var (
		out      strings.Builder
		chunk    []string
		inCols   bool
		hasCols  bool
		colsLine int
		fence    string
	)
	at := func(i int) string {
		file := src.File
		if file == "" {
			file = "content/public"
		}
		if src.BodyLine > 0 {
			return fmt.Sprintf("%s:%d", file, src.BodyLine+i)
		}
		return file
	}
	flush := func(line int) error {
		text := strings.Join(chunk, "\n")
		if n := h1Line(md, text); n >= 0 {
			return fmt.Errorf("%s: a level-1 heading (#) in the page body; the page title is the page's only h1, so start body headings at ##", at(line+n))
		}
		h, err := md.HTML(text)
		if err != nil {
			return fmt.Errorf("%s: %w", at(line), err)
		}
		out.WriteString(string(h))
		chunk = chunk[:0]
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	start := 0 // index of the first line of the current chunk
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if fence != "" { // inside a fenced code block nothing is a directive
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			chunk = append(chunk, line)
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			chunk = append(chunk, line)
			continue
		}
		if !strings.HasPrefix(line, directive) {
			chunk = append(chunk, line)
			continue
		}
		if err := flush(start); err != nil {
			return "", false, err
		}
		start = i + 1
		switch name := strings.TrimSpace(strings.TrimPrefix(line, directive)); name {
		case "columns":
			if inCols {
				return "", false, fmt.Errorf("%s: \"::: columns\" inside columns; close the first group with \":::\"", at(i))
			}
			inCols, hasCols, colsLine = true, true, i
			out.WriteString("<div class=\"columns\">\n<div class=\"column\">\n")
		case "column":
			if !inCols {
				return "", false, fmt.Errorf("%s: \"::: column\" outside \"::: columns\"", at(i))
			}
			out.WriteString("</div>\n<div class=\"column\">\n")
		case "":
			if !inCols {
				return "", false, fmt.Errorf("%s: \":::\" closes nothing", at(i))
			}
			inCols = false
			out.WriteString("</div>\n</div>\n")
		case "contact":
			out.WriteString(string(contact))
			out.WriteString("\n")
		default:
			return "", false, fmt.Errorf("%s: unknown directive %q; want \"::: columns\", \"::: column\", \":::\" or \"::: contact\"", at(i), line)
		}
	}
	if err := flush(start); err != nil {
		return "", false, err
	}
	if inCols {
		return "", false, fmt.Errorf("%s: \"::: columns\" is never closed; end the group with a line \":::\"", at(colsLine))
	}
	return template.HTML(out.String()), hasCols, nil
}

// h1Line returns the 0-based line in text of its first level-1 heading, or -1.
func h1Line(md *markup.Markdown, text string) int {
	src := []byte(text)
	line := -1
	_ = ast.Walk(md.Parse(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok || h.Level != 1 {
			return ast.WalkContinue, nil
		}
		line = 0
		if h.Lines().Len() > 0 {
			line = bytes.Count(src[:h.Lines().At(0).Start], []byte("\n"))
		}
		return ast.WalkStop, nil
	})
	return line
}
