package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"pcdocket/generator/diag"
	"pcdocket/generator/markup"
	"pcdocket/generator/parse"
	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/practice"
	"pcdocket/generator/seal"
	"pcdocket/templates"
)

var incAsOf = practice.MustDate("2026-11-27")

// incCopy copies the sample practice's inputs into a temporary folder.
func incCopy(t testing.TB) string {
	t.Helper()
	return copyPractice(t, repoRoot)
}

// incFull builds dir from scratch, the reference an incremental result must
// equal byte for byte.
func incFull(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	u, err := NewIncremental(Options{Source: dir, AsOf: incAsOf}).Rebuild(context.Background(), nil)
	if err != nil {
		t.Fatalf("full build: %v", err)
	}
	return u.Files
}

func incSame(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	for p, w := range want {
		g, ok := got[p]
		if !ok {
			t.Errorf("%s: incremental output lacks %s", step, p)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s: incremental %s differs from a full build", step, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: incremental output has %s, which a full build has not", step, p)
		}
	}
}

func incWrite(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func incRead(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestIncrementalEqualsFullBuild applies a sequence of edits of every kind
// and checks after each that the incremental output is byte-identical to a
// build from scratch, and that a one-issue edit renders only a few pages.
func TestIncrementalEqualsFullBuild(t *testing.T) {
	dir := incCopy(t)
	issues, _ := filepath.Glob(filepath.Join(dir, "content/cases/*/issues/*.md"))
	if len(issues) < 2 {
		t.Fatal("sample practice has too few issues")
	}
	rel := func(p string) string { r, _ := filepath.Rel(dir, p); return filepath.ToSlash(r) }
	issue := rel(issues[0])
	caseDir := strings.Join(strings.Split(issue, "/")[:3], "/")

	b := NewIncremental(Options{Source: dir, AsOf: incAsOf})
	ctx := context.Background()
	first, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatalf("first build: %v", err)
	}
	total := len(first.Files)
	if !first.Full || len(first.Rendered) != total {
		t.Fatalf("first build: full=%v rendered %d of %d", first.Full, len(first.Rendered), total)
	}

	copyCase := func(id string) {
		src := filepath.Join(dir, caseDir)
		filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			r, _ := filepath.Rel(src, p)
			if !d.IsDir() {
				data, _ := os.ReadFile(p)
				incWrite(t, dir, "content/cases/"+id+"/"+filepath.ToSlash(r), string(data))
			}
			return nil
		})
	}
	steps := []struct {
		name    string
		edit    func()
		changed []string
		full    bool
		maxPage int // most pages the step may render; 0 = any
	}{
		{"edit an issue's record", func() {
			incWrite(t, dir, issue, incRead(t, dir, issue)+"\nA new paragraph of findings.\n")
		}, []string{issue}, false, 13}, // the issue, its case, clause, category and notes pages, its PDF, the docket and its coordinator's docket, the category index, the two search indexes, the practice's and the case's calendar feeds
		{"edit an issue's title", func() {
			s := incRead(t, dir, issue)
			incWrite(t, dir, issue, strings.Replace(s, "\ntitle: ", "\ntitle: Renamed ", 1))
		}, []string{issue}, false, 0},
		{"add a log entry about the issue", func() {
			log := caseDir + "/" + parse.LogFile
			incWrite(t, dir, log, incReadOr(t, dir, log)+"2025-09-01 10:00 call 0h30 @parent_a #1 A call about the issue\n")
		}, []string{caseDir + "/" + parse.LogFile}, false, 6}, // the case, log, issue and fee pages, the docket, the category index
		{"a private log entry and a comment on top", func() {
			log := caseDir + "/" + parse.LogFile
			incWrite(t, dir, log, "# a comment\n"+incReadOr(t, dir, log)+"2025-09-02 call @parent_b #1 private A private call\n")
		}, []string{caseDir + "/" + parse.LogFile}, false, 5}, // as above, but no issue page
		{"add a shareable exhibit", func() {
			incWrite(t, dir, caseDir+"/exhibits/issue-1/letter.txt", "From: the school\n\nFirst version.\n")
			s := incRead(t, dir, issue)
			incWrite(t, dir, issue, strings.Replace(s, "\nquestion:", "\nexhibits:\n  - file: letter.txt\n    title: The school's letter\n    shareable: true\nquestion:", 1))
		}, []string{issue, caseDir + "/exhibits/issue-1/letter.txt"}, false, 0},
		{"edit an exhibit alone", func() {
			incWrite(t, dir, caseDir+"/exhibits/issue-1/letter.txt", "From: the school\n\nSecond version, longer.\n")
		}, []string{caseDir + "/exhibits/issue-1/letter.txt"}, false, 0},
		{"add an exhibit the parents may not see", func() {
			incWrite(t, dir, caseDir+"/exhibits/issue-1/note.txt", "A note.\n")
			s := incRead(t, dir, issue)
			incWrite(t, dir, issue, strings.Replace(s, "\nquestion:", "\n  - note.txt\nquestion:", 1))
		}, []string{issue, caseDir + "/exhibits/issue-1/note.txt"}, false, 0},
		{"share it", func() {
			s := incRead(t, dir, issue)
			incWrite(t, dir, issue, strings.Replace(s, "\n  - note.txt\n", "\n  - file: note.txt\n    shareable: true\n", 1))
		}, []string{issue}, false, 0},
		{"remove an exhibit", func() {
			os.Remove(filepath.Join(dir, caseDir, "exhibits/issue-1/letter.txt"))
			s := incRead(t, dir, issue)
			incWrite(t, dir, issue, strings.Replace(s, "  - file: letter.txt\n    title: The school's letter\n    shareable: true\n", "", 1))
		}, []string{issue, caseDir + "/exhibits/issue-1/letter.txt"}, false, 0},
		{"remove the exhibit folder", func() {
			os.RemoveAll(filepath.Join(dir, caseDir, "exhibits"))
			s := incRead(t, dir, issue)
			incWrite(t, dir, issue, strings.Replace(s, "\nexhibits:\n  - file: note.txt\n    shareable: true\n", "\n", 1))
		}, []string{issue, caseDir + "/exhibits"}, false, 0},
		{"move an issue to another category", func() {
			// The category pages keep their paths and change their Deps.
			s := incRead(t, dir, issue)
			cat := regexp.MustCompile(`\ncategory: *([a-z-]+)`).FindStringSubmatch(s)
			to := "other"
			if cat == nil || cat[1] == to {
				to = "schedule"
			}
			incWrite(t, dir, issue, regexp.MustCompile(`\ncategory: *[a-z-]+`).ReplaceAllString(s, "\ncategory: "+to))
		}, []string{issue}, false, 0},
		{"add an issue", func() {
			s := incRead(t, dir, issue)
			s = strings.Replace(s, "\nnumber: ", "\nnumber: 9", 1) // 1 → 91
			incWrite(t, dir, caseDir+"/issues/91-new.md", s)
		}, []string{caseDir + "/issues/91-new.md"}, false, 0},
		{"delete an issue", func() {
			os.Remove(filepath.Join(dir, caseDir, "issues/91-new.md"))
		}, []string{caseDir + "/issues/91-new.md"}, false, 0},
		{"add a case folder", func() { copyCase("zz-copy") }, []string{"content/cases/zz-copy"}, false, 0},
		{"edit a case file", func() {
			s := incRead(t, dir, caseDir+"/case.md")
			incWrite(t, dir, caseDir+"/case.md", strings.Replace(s, "\ntitle: ", "\ntitle: Retitled ", 1))
		}, []string{caseDir + "/case.md"}, false, 0},
		{"delete a case folder", func() {
			os.RemoveAll(filepath.Join(dir, "content/cases/zz-copy"))
		}, []string{"content/cases/zz-copy/case.md", "content/cases/zz-copy"}, false, 0},
		{"edit a public page", func() {
			pages, _ := filepath.Glob(filepath.Join(dir, "content/public/*.md"))
			if len(pages) > 0 {
				os.WriteFile(pages[0], append([]byte(incRead(t, dir, rel(pages[0]))), "\nMore.\n"...), 0o644)
			}
		}, []string{"content/public"}, false, 0},
		{"edit practice.yaml", func() {
			s := incRead(t, dir, "practice.yaml")
			incWrite(t, dir, "practice.yaml", strings.Replace(s, "name: ", "name: The ", 1))
		}, []string{"practice.yaml"}, true, 0},
		{"a template folder appears", func() {
			os.MkdirAll(filepath.Join(dir, "templates/private"), 0o755)
		}, []string{"templates/private"}, true, 0},
		{"a file outside the inputs", func() {
			incWrite(t, dir, "notes.txt", "not an input")
		}, []string{"notes.txt"}, false, 0},
		{"add another case folder", func() { copyCase("zz-again") }, []string{"content/cases/zz-again"}, false, 0},
		{"delete a case folder as practice.yaml changes", func() {
			os.RemoveAll(filepath.Join(dir, "content/cases/zz-again"))
			s := incRead(t, dir, "practice.yaml")
			incWrite(t, dir, "practice.yaml", strings.Replace(s, "name: ", "name: Again ", 1))
		}, []string{"content/cases/zz-again", "practice.yaml"}, true, 0},
	}
	prev := first.Files
	for _, st := range steps {
		st.edit()
		u, err := b.Rebuild(ctx, st.changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		// Removed lists exactly the files of the last output that are gone.
		var gone []string
		for p := range prev {
			if _, ok := u.Files[p]; !ok {
				gone = append(gone, p)
			}
		}
		sort.Strings(gone)
		if !slices.Equal(u.Removed, gone) {
			t.Errorf("%s: removed %v, want %v", st.name, u.Removed, gone)
		}
		if strings.HasPrefix(st.name, "delete a case folder") && len(gone) == 0 {
			t.Errorf("%s: nothing removed", st.name)
		}
		prev = u.Files
		if u.Full != st.full {
			t.Errorf("%s: full = %v, want %v", st.name, u.Full, st.full)
		}
		if st.maxPage > 0 && len(u.Rendered) > st.maxPage {
			t.Errorf("%s: rendered %d of %d files, want at most %d: %v", st.name, len(u.Rendered), len(u.Files), st.maxPage, u.Rendered)
		}
		if !st.full && len(u.Rendered) >= len(u.Files) {
			t.Errorf("%s: rendered every file", st.name)
		}
		incSame(t, st.name, u.Files, incFull(t, dir))
		checkOutputsIndex(t, st.name, &b.outs)
	}
}

// checkOutputsIndex checks that the index the rebuilds keep up to date is
// the one the outputs would get afresh.
func checkOutputsIndex(t *testing.T, step string, o *outputs) {
	t.Helper()
	var fresh outputs
	fresh.reset(o.list)
	if len(fresh.byDep) != len(o.byDep) {
		t.Errorf("%s: the index has %d keys, want %d", step, len(o.byDep), len(fresh.byDep))
	}
	for d, want := range fresh.byDep {
		got := slices.Sorted(slices.Values(o.byDep[d]))
		if !slices.Equal(got, want) {
			t.Errorf("%s: the index has %s in files %v, want %v", step, d, got, want)
		}
	}
	if !slices.Equal(fresh.aggr, o.aggr) {
		t.Errorf("%s: aggregates at %v, want %v", step, o.aggr, fresh.aggr)
	}
}

// TestIncrementalKeepsLastGoodOutput breaks an issue, checks that the output
// is kept and the error reported with its line, then fixes it and checks that
// the pages the broken edit touched are rendered after all.
func TestIncrementalKeepsLastGoodOutput(t *testing.T) {
	dir := incCopy(t)
	issues, _ := filepath.Glob(filepath.Join(dir, "content/cases/*/issues/*.md"))
	r, _ := filepath.Rel(dir, issues[0])
	issue := filepath.ToSlash(r)
	b := NewIncremental(Options{Source: dir, AsOf: incAsOf})
	ctx := context.Background()
	good, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}

	orig := incRead(t, dir, issue)
	incWrite(t, dir, issue, strings.Replace(orig, "\ncategory: ", "\ncategory: nonsense-", 1))
	u, err := b.Rebuild(ctx, []string{issue})
	var le *diag.ListError
	if !errors.As(err, &le) {
		t.Fatalf("broken issue: err = %v, want *diag.ListError", err)
	}
	found := false
	for _, f := range u.Findings {
		if f.Severity == diag.Error && f.Pos.File == issue && f.Pos.Line > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("no error at a line of %s in %v", issue, u.Findings)
	}
	if len(u.Rendered) != 0 {
		t.Errorf("a failed rebuild rendered %v", u.Rendered)
	}
	incSame(t, "after a broken edit", u.Files, good.Files)

	// The fix changes the text as well, so the pages must differ from the
	// first output: proof that the edit made while broken is not lost.
	incWrite(t, dir, issue, orig+"\nFixed and amended.\n")
	u, err = b.Rebuild(ctx, []string{issue})
	if err != nil {
		t.Fatalf("fixed issue: %v", err)
	}
	incSame(t, "after the fix", u.Files, incFull(t, dir))
	if len(u.Rendered) == 0 {
		t.Error("the fix rendered nothing")
	}
}

func TestIncrementalBrokenTemplateKeepsOutput(t *testing.T) {
	dir := incCopy(t)
	b := NewIncremental(Options{Source: dir, AsOf: incAsOf})
	ctx := context.Background()
	good, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	incWrite(t, dir, "templates/private/issue.html", "{{ define \"content\" }}{{ .Nope")
	u, err := b.Rebuild(ctx, []string{"templates/private/issue.html"})
	if err == nil {
		t.Fatal("a broken template built without error")
	}
	incSame(t, "broken template", u.Files, good.Files)
	os.RemoveAll(filepath.Join(dir, "templates"))
	u, err = b.Rebuild(ctx, []string{"templates"})
	if err != nil {
		t.Fatalf("template removed: %v", err)
	}
	if !u.Full {
		t.Error("a template change did not render everything")
	}
	incSame(t, "template removed", u.Files, good.Files)
}

func TestIncrementalRemovesGonePages(t *testing.T) {
	dir := incCopy(t)
	issues, _ := filepath.Glob(filepath.Join(dir, "content/cases/*/issues/*.md"))
	// Remove an issue that no other issue amends: try each until one builds.
	b := NewIncremental(Options{Source: dir, AsOf: incAsOf})
	ctx := context.Background()
	if _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, p := range issues {
		data, _ := os.ReadFile(p)
		os.Remove(p)
		r, _ := filepath.Rel(dir, p)
		u, err := b.Rebuild(ctx, []string{filepath.ToSlash(r)})
		if err != nil {
			os.WriteFile(p, data, 0o644)
			if _, err := b.Rebuild(ctx, []string{filepath.ToSlash(r)}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if len(u.Removed) == 0 || !slices.ContainsFunc(u.Removed, func(s string) bool { return strings.Contains(s, "/issues/") }) {
			t.Errorf("deleting %s removed %v, want its issue page", r, u.Removed)
		}
		incSame(t, "delete", u.Files, incFull(t, dir))
		return
	}
	t.Fatal("no issue could be deleted without errors")
}

// TestIncrementalChecksSeals: an edit to a sealed issue is an error in
// watch mode exactly as in a full build.
func TestIncrementalChecksSeals(t *testing.T) {
	dir := incCopy(t)
	b := NewIncremental(Options{Source: dir, AsOf: incAsOf, NoDocuments: true})
	if _, err := b.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	var is *practice.Issue
	for _, i := range b.Practice().Issues() {
		if i.Documented() {
			is = i
			break
		}
	}
	pdf, err := renderDocument(dir, b.Practice(), is)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seal.Seal(dir, b.Practice(), is.Case.ID, is.Number, pdf, incAsOf, nil); err != nil {
		t.Fatal(err)
	}
	incWrite(t, dir, is.Src.File, incRead(t, dir, is.Src.File)+"\nAn afterthought.\n")
	_, err = b.Rebuild(context.Background(), []string{is.Src.File})
	if err == nil || !strings.Contains(err.Error(), "was sealed on") {
		t.Fatalf("rebuild after editing a sealed issue: err = %v, want the sealing error", err)
	}
}

func renderDocument(dir string, p *practice.Practice, is *practice.Issue) ([]byte, error) {
	a, err := pdfdoc.New(templates.Overlay(filepath.Join(dir, "templates")), markup.New(), nil)
	if err != nil {
		return nil, err
	}
	return a.Document(p, is)
}

// TestIncrementalRechecksPublicPages: the findings about the public pages
// (check.Top), which rebuilds keep between edits, follow an edit of a page
// and not of an issue.
func TestIncrementalRechecksPublicPages(t *testing.T) {
	dir := incCopy(t)
	b := NewIncremental(Options{Source: dir, AsOf: incAsOf})
	ctx := context.Background()
	if _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatalf("first build: %v", err)
	}
	const faq = "content/public/faq.md"
	good := incRead(t, dir, faq)
	incWrite(t, dir, faq, regexp.MustCompile(`\ntitle: .*`).ReplaceAllString(good, "\ntitle: \" \"")) // blank: public.Check's error
	u, _ := b.Rebuild(ctx, []string{faq})
	sameFindings(t, "page without a title", u.Findings, dir)
	// An issue edit keeps the page's error.
	issues, _ := filepath.Glob(filepath.Join(dir, "content/cases/*/issues/*.md"))
	r, _ := filepath.Rel(dir, issues[0])
	issue := filepath.ToSlash(r)
	incWrite(t, dir, issue, incRead(t, dir, issue)+"\nMore findings.\n")
	u, _ = b.Rebuild(ctx, []string{issue})
	sameFindings(t, "issue edit while the page is broken", u.Findings, dir)
	incWrite(t, dir, faq, good)
	u, err := b.Rebuild(ctx, []string{faq})
	sameFindings(t, "page fixed", u.Findings, dir)
	if err != nil {
		t.Fatalf("page fixed: %v", err)
	}
	incSame(t, "page fixed", u.Files, incFull(t, dir))
}

// sameFindings checks that findings are those a first build of dir finds.
func sameFindings(t *testing.T, step string, findings diag.List, dir string) {
	t.Helper()
	u, _ := NewIncremental(Options{Source: dir, AsOf: incAsOf}).Rebuild(context.Background(), nil)
	str := func(l diag.List) []string {
		var out []string
		for _, f := range l {
			out = append(out, f.String())
		}
		return out
	}
	if got, want := str(findings), str(u.Findings); !slices.Equal(got, want) {
		t.Errorf("%s: findings\n%s\nwant\n%s", step, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
