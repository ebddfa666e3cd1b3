package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// docLink is a Markdown link or image, [text](target), or an HTML image or
// link, <img src="target"> or <a href="target">.
var docLink = regexp.MustCompile(`!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)|<(?:img|a)\s[^>]*?(?:src|href)="([^"]+)"`)

// TestDocLinks checks every relative link and image of the README and the
// pages under docs/: the file or folder it names exists, and a #fragment
// names a heading of the page it points to (GitHub's anchors). Links to
// other sites are not fetched.
func TestDocLinks(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	pages = append(pages, filepath.Join(repoRoot, "README.md"), filepath.Join(repoRoot, "bench", "README.md"))
	anchors := map[string]map[string]bool{}
	anchorsOf := func(page string) map[string]bool {
		if a, ok := anchors[page]; ok {
			return a
		}
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		a := headingAnchors(string(data))
		anchors[page] = a
		return a
	}
	links := 0
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(repoRoot, page)
		for n, line := range proseLines(string(data)) {
			for _, m := range docLink.FindAllStringSubmatch(line, -1) {
				target := m[1] + m[2]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				links++
				file, frag, _ := strings.Cut(target, "#")
				dest := page
				if file != "" {
					dest = filepath.Join(filepath.Dir(page), filepath.FromSlash(file))
					if _, err := os.Stat(dest); err != nil {
						t.Errorf("%s:%d: link %s: %s does not exist", rel, n, target, file)
						continue
					}
				}
				if frag == "" {
					continue
				}
				if !strings.HasSuffix(dest, ".md") {
					t.Errorf("%s:%d: link %s: a #fragment on a file that is not a Markdown page", rel, n, target)
					continue
				}
				if !anchorsOf(dest)[frag] {
					t.Errorf("%s:%d: link %s: %s has no heading with the anchor #%s", rel, n, target, filepath.Base(dest), frag)
				}
			}
		}
	}
	if links < 50 {
		t.Errorf("found %d relative links; expected the README and docs/ to have many more (is the pattern reading them?)", links)
	}
}

// TestHeadingAnchors holds the anchor rule to GitHub's on the headings the
// pages link to.
func TestHeadingAnchors(t *testing.T) {
	for heading, want := range map[string]string{
		"## The seal ledger: `content/cases/<id>/sealed/ledger.yaml`": "the-seal-ledger-contentcasesidsealedledgeryaml",
		"# Watch mode: `pcdocket serve`":                              "watch-mode-pcdocket-serve",
		"### Sealing: an issued document never changes":               "sealing-an-issued-document-never-changes",
		"## practice.yaml":                           "practiceyaml",
		"#### due-process-late-notice":               "due-process-late-notice",
		"## Conventions: front matter, types, dates": "conventions-front-matter-types-dates",
	} {
		if a := headingAnchors(heading + "\n"); !a[want] {
			t.Errorf("%q: anchors %v, want %s", heading, a, want)
		}
	}
	if a := headingAnchors("## Ex\n## Ex\n"); !a["ex"] || !a["ex-1"] {
		t.Errorf("a repeated heading: anchors %v, want ex and ex-1", a)
	}
}

// proseLines returns the lines of a Markdown page by line number, with
// fenced code blocks, inline code and HTML comments blanked out: a link
// there is an example, not a link.
func proseLines(text string) map[int]string {
	out := map[int]string{}
	fenced, comment := false, false
	code := regexp.MustCompile("`[^`]*`")
	for i, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			fenced = !fenced
			continue
		case fenced:
			continue
		}
		if comment || strings.Contains(line, "<!--") {
			start := strings.Index(line, "<!--")
			end := strings.Index(line, "-->")
			switch {
			case comment && end >= 0:
				line, comment = line[end+3:], false
			case comment:
				continue
			case end > start:
				line = line[:start] + line[end+3:]
			default:
				line, comment = line[:start], true
			}
		}
		// A code span becomes a word: [`x`](y) stays a link, `[x](y)` is text.
		out[i+1] = code.ReplaceAllString(line, "code")
	}
	return out
}

// headingAnchors returns the anchors GitHub gives the headings of a page:
// the text lower-cased, with every character but letters, digits, spaces,
// hyphens and underscores removed and spaces made hyphens; a repeated
// anchor gets -1, -2...
func headingAnchors(text string) map[string]bool {
	anchors := map[string]bool{}
	fenced := false
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
			continue
		}
		if fenced || !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.TrimLeft(line, "#")
		if !strings.HasPrefix(h, " ") {
			continue
		}
		var b strings.Builder
		for _, r := range strings.ToLower(strings.TrimSpace(h)) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(r)
			}
		}
		a := b.String()
		for i := 1; anchors[a]; i++ {
			a = b.String() + "-" + strconv.Itoa(i)
		}
		anchors[a] = true
	}
	return anchors
}
