package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMisplacedFiles: a file under content/ that pcdocket does not read is
// a warning naming where it most likely belongs; an editor's scratch file
// and a dotfile are not.
func TestMisplacedFiles(t *testing.T) {
	issue, err := os.ReadFile(filepath.Join("testdata", "basic", filepath.FromSlash(issueFile)))
	if err != nil {
		t.Fatal(err)
	}
	kase, err := os.ReadFile(filepath.Join("testdata", "basic", filepath.FromSlash(caseDir+"/case.md")))
	if err != nil {
		t.Fatal(err)
	}
	// An issue with its own number, so that the practice stays valid.
	other := strings.Replace(string(issue), "number: 1\n", "number: 3\n", 1)
	page := "---\ntitle: Fees\n---\nOur fees.\n"
	tests := []struct {
		name  string
		files map[string]string // written under the practice
		drop  string            // removed from it first
		want  []string
	}{
		{"an issue beside case.md", map[string]string{caseDir + "/03-pickup.md": other}, "", []string{
			"content/cases/2026-fam-0001/03-pickup.md: warning: pcdocket does not read this file: issue files are read from content/cases/2026-fam-0001/issues/ (did you mean content/cases/2026-fam-0001/issues/03-pickup.md?)"}},
		{"an Issues folder", map[string]string{caseDir + "/Issues/03-pickup.md": other}, "", []string{
			"content/cases/2026-fam-0001/Issues/03-pickup.md: warning: pcdocket does not read this file: issue files are read from content/cases/2026-fam-0001/issues/ (did you mean content/cases/2026-fam-0001/issues/03-pickup.md?)"}},
		{"an issue folder", map[string]string{caseDir + "/issue/03-pickup.md": other}, "", []string{
			"content/cases/2026-fam-0001/issue/03-pickup.md: warning: pcdocket does not read this file: issue files are read from content/cases/2026-fam-0001/issues/ (did you mean content/cases/2026-fam-0001/issues/03-pickup.md?)"}},
		{"a .markdown issue", map[string]string{caseDir + "/issues/03-pickup.markdown": other}, "", []string{
			"content/cases/2026-fam-0001/issues/03-pickup.markdown: warning: pcdocket does not read this file: it reads only files ending in .md (did you mean content/cases/2026-fam-0001/issues/03-pickup.md?)"}},
		{"an issue in a folder below issues", map[string]string{caseDir + "/issues/old/03-pickup.md": other}, "", []string{
			"content/cases/2026-fam-0001/issues/old/03-pickup.md: warning: pcdocket does not read this file: issue files are read from content/cases/2026-fam-0001/issues/ (did you mean content/cases/2026-fam-0001/issues/03-pickup.md?)"}},
		{"a case folder inside another case's folder", map[string]string{caseDir + "/2026-fam-0002/issues/01-x.md": other}, "", []string{
			"content/cases/2026-fam-0001/2026-fam-0002/issues/01-x.md: warning: pcdocket does not read this file: issue files are read from content/cases/2026-fam-0002/issues/ (did you mean content/cases/2026-fam-0002/issues/01-x.md?)"}},
		{"case.markdown instead of case.md", map[string]string{caseDir + "/case.markdown": string(kase)}, caseDir + "/case.md", []string{
			"content/cases/2026-fam-0001/case.markdown: no case.md in the case folder: a case is read from case.md, named exactly so; rename case.markdown to case.md"}},
		{"Case.md beside case.md", map[string]string{caseDir + "/Case.md": string(kase)}, "", []string{
			"content/cases/2026-fam-0001/Case.md: warning: pcdocket does not read this file: names are written in lowercase (did you mean content/cases/2026-fam-0001/case.md?); that file exists: merge the two and remove this one"}},
		{"an issue directly in content/", map[string]string{"content/03-pickup.md": other}, "", []string{
			"content/03-pickup.md: warning: pcdocket does not read this file: issue files are read from content/cases/2026-fam-0001/issues/ (did you mean content/cases/2026-fam-0001/issues/03-pickup.md?)"}},
		{"an issue directly in content/cases/", map[string]string{"content/cases/03-pickup.md": other}, "", []string{
			"content/cases/03-pickup.md: warning: pcdocket does not read this file: issue files are read from content/cases/2026-fam-0001/issues/ (did you mean content/cases/2026-fam-0001/issues/03-pickup.md?)"}},
		{"a case file directly in content/cases/", map[string]string{"content/cases/case.md": string(kase)}, "", []string{
			"content/cases/case.md: warning: pcdocket does not read this file: a case is read from its folder's case.md (did you mean content/cases/<case-id>/case.md?)"}},
		{"a page in content/", map[string]string{"content/fees.md": page}, "", []string{
			"content/fees.md: warning: pcdocket does not read this file: public pages are read from content/public/ (did you mean content/public/fees.md?)"}},
		{"a page saved as .markdown", map[string]string{"content/public/fees.markdown": page}, "", []string{
			"content/public/fees.markdown: warning: pcdocket does not read this file: it reads only files ending in .md (did you mean content/public/fees.md?)"}},
		{"a PDF in a case folder", map[string]string{caseDir + "/order.pdf": "%PDF-1.4"}, "", []string{
			"content/cases/2026-fam-0001/order.pdf: warning: pcdocket does not read this file: content/ holds case.md files, issue files (.md) in each case's issues/ folder and the public pages; keep other files outside content/, or in a folder whose name starts with a dot"}},
		{"notes without front matter in a folder of their own", map[string]string{"content/notes/todo.md": "call the school\n"}, "", []string{
			"content/notes/todo.md: warning: pcdocket does not read this file: content/ holds case.md files, issue files (.md) in each case's issues/ folder and the public pages; keep other files outside content/, or in a folder whose name starts with a dot"}},
		{"practice.yml", map[string]string{"practice.yml": "name: P\ncoordinator:\n  name: C\n"}, "practice.yaml", []string{
			"practice.yml: pcdocket reads the practice from practice.yaml, named exactly so: rename practice.yml to practice.yaml"}},
		{"editors' scratch files and dot-folders", map[string]string{
			caseDir + "/issues/4913":                       "",
			caseDir + "/issues/.01-exchange.md.swp":        "x",
			caseDir + "/issues/#01-exchange.md#":           "x",
			caseDir + "/issues/.#01-exchange.md":           "x",
			caseDir + "/issues/01-exchange.md~":            "x",
			caseDir + "/issues/01-exchange.md___jb_tmp___": "x",
			caseDir + "/issues/.goutputstream-AB12CD":      "x",
			caseDir + "/.DS_Store":                         "x",
			"content/.private/letter.md":                   "x",
			caseDir + "/sealed/ledger.yaml":                "entries: []\n",
		}, "", nil},
		{"a case's exhibits and fee ledger", map[string]string{
			caseDir + "/exhibits/order.pdf":       "%PDF-1.4",
			caseDir + "/exhibits/2025/letter.md":  "a letter\n",
			caseDir + "/" + FeeLedgerFile:         "",
			caseDir + "/" + LogFile:               "",
			caseDir + "/" + SealedDir + "/01.pdf": "%PDF-1.4",
			caseDir + "/issues/" + FeeLedgerFile:  "",
		}, "", []string{
			"content/cases/2026-fam-0001/issues/fees.txt: warning: pcdocket does not read this file: it reads only files ending in .md (did you mean content/cases/2026-fam-0001/issues/fees.md?)"}},
		{"a template of a name pcdocket lacks", map[string]string{"templates/private/mine.html": `{{define "x"}}{{end}}`}, "", []string{
			"templates/private/mine.html: warning: pcdocket does not read this file: a practice's template replaces the built-in one of the same path, and a file of another name is never read; put your definitions into one of the files it overrides (docs/templates.md lists them)"}},
		{"a template outside its folder", map[string]string{"templates/issue.html": "x"}, "", []string{
			"templates/issue.html: warning: pcdocket does not read this file: a practice's template replaces the built-in one of the same path, and a file of another name is never read; put your definitions into one of the files it overrides (did you mean templates/private/issue.html?)"}},
		{"a template saved as .htm", map[string]string{"templates/public/Layout.htm": "x"}, "", []string{
			"templates/public/Layout.htm: warning: pcdocket does not read this file: a practice's template replaces the built-in one of the same path, and a file of another name is never read; put your definitions into one of the files it overrides (did you mean templates/public/layout.html?)"}},
		{"a folder of templates pcdocket lacks", map[string]string{"templates/site/issue.html": "x"}, "", []string{
			"templates/site/issue.html: warning: pcdocket does not read this file: a practice's template replaces the built-in one of the same path, and a file of another name is never read; put your definitions into one of the files it overrides (did you mean templates/private/issue.html?)"}},
		{"other files in a folder of its own", map[string]string{"templates/notes/ideas.txt": "x", "templates/img/logo.png": "x"}, "", nil},
		{"overrides, and the editor's files beside them", map[string]string{
			"templates/private/issue.html":      "x",
			"templates/private/style.css":       "x",
			"templates/private/.issue.html.swp": "x",
			"templates/public/contact.html":     "x",
		}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyPractice(t)
			if tt.drop != "" {
				os.Remove(filepath.Join(root, filepath.FromSlash(tt.drop)))
			}
			for rel, data := range tt.files {
				writeFile(t, root, rel, data)
			}
			_, diags := Dir(root)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestStrayTemplatesFonts: fonts that practice.yaml names (documents.fonts)
// may be kept under templates/ without a warning.
func TestStrayTemplatesFonts(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "templates/fonts/NotoNaskh.ttf", "font")
	writeFile(t, root, "templates/more/a/b.otf", "font")
	writeFile(t, root, "templates/private/mine.html", "x")
	var got []string
	for _, d := range strayTemplates(root, []string{"templates/fonts/NotoNaskh.ttf", "./templates/more"}) {
		got = append(got, d.Pos.File)
	}
	if strings.Join(got, " ") != "templates/private/mine.html" {
		t.Errorf("warned about %q, want only templates/private/mine.html", got)
	}
}
