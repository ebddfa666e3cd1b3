package public

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"pcdocket/generator/diag"
	"pcdocket/generator/markup"
	"pcdocket/generator/practice"
)

// tree writes the block structure of n: kinds, children in parentheses,
// a directive's name and problem in brackets.
func tree(n ast.Node) string {
	var b strings.Builder
	b.WriteString(n.Kind().String())
	switch n := n.(type) {
	case *Directive:
		fmt.Fprintf(&b, "[%s: %s]", n.Name, n.Problem)
	case *Columns:
		if !n.Closed {
			b.WriteString("[open]")
		}
	}
	if n.FirstChild() != nil && n.Type() != ast.TypeInline && n.FirstChild().Type() != ast.TypeInline {
		b.WriteString("(")
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c != n.FirstChild() {
				b.WriteString(" ")
			}
			b.WriteString(tree(c))
		}
		b.WriteString(")")
	}
	return b.String()
}

func TestDirectivesAST(t *testing.T) {
	md := markup.NewWith(directives{})
	tests := []struct {
		name, src, want string
	}{
		{"columns", "intro\n::: columns\n## A\ntext\n::: column\n## B\n:::\nafter\n",
			"Document(Paragraph Columns(Column(Heading Paragraph) Column(Heading)) Paragraph)"},
		{"contact at the top", "::: contact\n", "Document(Contact)"},
		{"contact in a column", "::: columns\n::: contact\n::: column\nx\n:::\n", "Document(Columns(Column(Contact) Column(Paragraph)))"},
		{"no space after the colons", ":::columns\nx\n:::\n", "Document(Columns(Column(Paragraph)))"},
		{"a directive ends a paragraph", "one\ntwo\n::: contact\nthree\n", "Document(Paragraph Contact Paragraph)"},
		{"in a fenced code block", "```\n::: columns\n```\n", "Document(FencedCodeBlock)"},
		{"in a quote", "> ::: columns\n", "Document(Blockquote(Paragraph))"},
		{"indented", "  ::: columns\n", "Document(Paragraph)"},
		{"after a list", "- item\n\n::: contact\n", "Document(List(ListItem(TextBlock)) Contact)"},
		{"never closed", "::: columns\nx\n", "Document(Columns[open](Column(Paragraph)))"},
		{"nested", "::: columns\n::: columns\n:::\n", `Document(Columns(Column(Directive[columns: "::: columns" inside columns; close the first group with ":::"])))`},
		{"column outside", "::: column\n", `Document(Directive[column: "::: column" outside "::: columns"])`},
		{"closes nothing", "x\n\n:::\n", `Document(Paragraph Directive[: ":::" closes nothing])`},
		{"unknown", "::: colums\n", `Document(Directive[colums: unknown directive "::: colums"; want "::: columns", "::: column", ":::" or "::: contact"])`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tree(md.Parse([]byte(tt.src))); got != tt.want {
				t.Errorf("tree of %q:\n got %s\nwant %s", tt.src, got, tt.want)
			}
		})
	}
}

func TestDirectivesHTML(t *testing.T) {
	md := markup.NewWith(directives{contact: "<address>C</address>"})
	got, err := md.HTML("a\n::: columns\nb\n::: column\n::: contact\n:::\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>a</p>\n<div class=\"columns\">\n<div class=\"column\">\n<p>b</p>\n</div>\n<div class=\"column\">\n<address>C</address>\n</div>\n</div>\n"
	if string(got) != want {
		t.Errorf("HTML:\n got %q\nwant %q", got, want)
	}
}

func TestRootLinksAST(t *testing.T) {
	md := markup.NewWith(rootLinks{"/pc/"})
	src := "[a](faq.html) [b](#top) [c](/abs.html) [d](https://example.org/x) [e](mailto:a@example.org) [f](sub/page.html#s) ![g](img.png) <https://example.org>\n"
	var got []string
	_ = ast.Walk(md.Parse([]byte(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.Link:
				got = append(got, string(n.Destination))
			case *ast.Image:
				got = append(got, string(n.Destination))
			}
		}
		return ast.WalkContinue, nil
	})
	want := []string{"/pc/faq.html", "#top", "/abs.html", "https://example.org/x", "mailto:a@example.org", "/pc/sub/page.html#s", "/pc/img.png"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("destinations:\n got %q\nwant %q", got, want)
	}
}

// TestCheckReportsAll: every problem of every page is reported at its file
// and line, not only the first, and Pages refuses the practice with them.
func TestCheckReportsAll(t *testing.T) {
	p := fixturePractice(t, "")
	p.Public.BaseURL = "example.org"
	p.Pages = append(p.Pages,
		&practice.Page{Slug: "x", Title: "X", Body: "# One\n\n::: colums\n\n# Two\n::: columns\ntext\n",
			Src: practice.Source{File: "content/public/x.md", StartLine: 1, BodyLine: 5}},
		&practice.Page{Slug: "a--b", Title: "A", Src: practice.Source{File: "content/public/a--b.md"}},
	)
	var b strings.Builder
	if err := Check(p).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`: public.base_url "example.org": want an absolute http(s) URL`,
		"content/public/x.md:5: a level-1 heading",
		`content/public/x.md:7: unknown directive "::: colums"`,
		"content/public/x.md:9: a level-1 heading",
		`content/public/x.md:10: "::: columns" is never closed`,
		`content/public/a--b.md: page name "a--b": use lowercase letters`,
	}
	got := b.String()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("Check lacks %q; it says:\n%s", w, got)
		}
	}
	if n := strings.Count(got, "\n"); n != len(want) {
		t.Errorf("Check says %d things, want %d:\n%s", n, len(want), got)
	}
	_, err := Pages(p, nil)
	var le *diag.ListError
	if !errors.As(err, &le) || len(le.Findings) != len(want) {
		t.Errorf("Pages: err = %v, want the %d findings of Check", err, len(want))
	}
}
