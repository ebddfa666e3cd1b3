package markup

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// parseSection parses src as Section does, returning the transformed tree.
func parseSection(m *Markdown, src string, level int) ast.Node {
	pc := parser.NewContext()
	pc.Set(sectionLevel, level)
	return m.md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
}

// headingLevels lists the levels of the headings of a tree, in order.
func headingLevels(doc ast.Node) []int {
	var got []int
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			got = append(got, h.Level)
		}
		return ast.WalkContinue, nil
	})
	return got
}

func TestSectionHeadings(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		level int
		want  []int
	}{
		{"h2 under h2", "## Background\n\n## Findings\n", 2, []int{3, 3}},
		{"skipped levels closed up", "## Background\n\n#### Detail\n\n###### Fine print\n", 2, []int{3, 4, 5}},
		{"h1 then h3", "# A\n\n### B\n\n## C\n\n# D\n", 2, []int{3, 4, 4, 3}},
		{"first heading deeper than later ones", "### A\n\n# B\n\n## C\n", 2, []int{3, 3, 4}},
		{"under h3", "## Note\n\n### Sub\n", 3, []int{4, 5}},
		{"past h6 stays at 6", "# A\n\n## B\n\n### C\n\n#### D\n", 3, []int{4, 5, 6, 6}},
		{"setext", "Title\n=====\n\nSub\n---\n", 1, []int{2, 3}},
		{"heading in a quote counts", "## A\n\n> #### Quoted\n\n## B\n", 2, []int{3, 4, 3}},
		{"no headings", "Just text.\n", 2, nil},
	}
	m := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := headingLevels(parseSection(m, tt.src, tt.level))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("levels of %q under h%d = %v, want %v", tt.src, tt.level, got, tt.want)
			}
			// The outline never skips a level, going down.
			prev := tt.level
			for _, l := range got {
				if l > prev+1 {
					t.Errorf("h%d follows h%d", l, prev)
				}
				prev = l
			}
		})
	}
}

// Parse, which the document assembler walks, keeps the levels as typed
// and the tables where they were.
func TestParseUntransformed(t *testing.T) {
	m := New()
	doc := m.Parse([]byte("## A\n\n#### B\n\n| x | y |\n|---|---|\n| 1 | 2 |\n"))
	if got := headingLevels(doc); fmt.Sprint(got) != "[2 4]" {
		t.Errorf("Parse heading levels = %v, want [2 4]", got)
	}
	if _, ok := doc.LastChild().(*east.Table); !ok {
		t.Errorf("Parse: last block is %T, want the table itself", doc.LastChild())
	}
}

func TestScrollTables(t *testing.T) {
	m := New()
	doc := parseSection(m, "Before.\n\n| Date | *Event* |\n|---|---|\n| 1 | 2 |\n\n> | a |\n> |---|\n> | b |\n", 2)
	var regions []*ScrollRegion
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if r, ok := n.(*ScrollRegion); ok && entering {
			regions = append(regions, r)
			if _, ok := r.FirstChild().(*east.Table); !ok || r.ChildCount() != 1 {
				t.Errorf("region holds %d children, first %T; want the table alone", r.ChildCount(), r.FirstChild())
			}
		}
		if _, ok := n.(*east.Table); ok && entering {
			if _, ok := n.Parent().(*ScrollRegion); !ok {
				t.Errorf("a table's parent is %T, want a ScrollRegion", n.Parent())
			}
		}
		return ast.WalkContinue, nil
	})
	if len(regions) != 2 {
		t.Fatalf("%d scroll regions, want 2", len(regions))
	}
	if regions[0].Label != "Table: Date, Event" || regions[1].Label != "Table: a" {
		t.Errorf("labels %q, %q; want %q, %q", regions[0].Label, regions[1].Label, "Table: Date, Event", "Table: a")
	}
}

func TestSectionHTML(t *testing.T) {
	m := New()
	got, err := m.Section("## Background\n\n#### Detail <b>\n\n| A & B | C |\n|---|---|\n| 1 | 2 |\n", 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<h3>Background</h3>",
		"<h4>Detail &lt;b&gt;</h4>",
		`<div class="scroll" tabindex="0" role="group" aria-label="Table: A &amp; B, C">` + "\n<table>",
		"</table>\n</div>\n",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("Section = %q, want it to contain %q", got, want)
		}
	}
	// HTML, for the public site, is as before.
	plain, _ := m.HTML("## Background\n\n| a |\n|---|\n| 1 |\n")
	if !strings.Contains(string(plain), "<h2>Background</h2>") || strings.Contains(string(plain), "scroll") {
		t.Errorf("HTML = %q, want the heading as typed and no scroll region", plain)
	}
	for _, bad := range []int{0, 7} {
		if _, err := m.Section("x", bad); err == nil {
			t.Errorf("Section(level %d): no error", bad)
		}
	}
}
