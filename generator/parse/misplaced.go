package parse

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

// A file under content/ that pcdocket does not read is a coordinator's
// work that silently goes nowhere: an issue saved beside case.md, in
// Issues/ or issue/, as .markdown, a case.md spelled Case.md. Each such
// file draws a warning naming where it most likely belongs. Scratch files
// (sourcefile.Scratch), dotfiles and dot-folders are passed over in
// silence, so a coordinator can keep files of their own in content/ under
// a name starting with a dot. Package seal owns sealed/.

// maxStrayDepth bounds how deep a walk of an unknown folder goes.
const maxStrayDepth = 8

// strayContent reports the files under content/ outside cases/ and
// public/, which pcdocket never reads. ids are the case ids, for the
// suggestion of a file that looks like an issue.
func (r *reader) strayContent(root string, ids []string) diag.List {
	var diags diag.List
	entries, err := sourcefile.ReadDir(root, ContentDir)
	if err != nil {
		return nil // no content/ folder: nothing can be misplaced in it
	}
	for _, e := range entries {
		rel := path.Join(ContentDir, e.Name())
		if Classify(rel).Kind == KindStray {
			r.strayTree(&diags, root, rel, e.IsDir(), ids, 0)
		}
	}
	return diags
}

// strayTree reports rel, a file, or every file under rel, a folder.
func (r *reader) strayTree(diags *diag.List, root, rel string, dir bool, ids []string, depth int) {
	if !dir {
		r.strayFile(diags, root, rel, ids)
		return
	}
	if depth > maxStrayDepth {
		return
	}
	entries, err := sourcefile.ReadDir(root, rel)
	if err != nil {
		return // a refusal of a folder nothing reads is not worth a finding
	}
	for _, e := range entries {
		if sourcefile.Scratch(e.Name()) {
			continue
		}
		r.strayTree(diags, root, path.Join(rel, e.Name()), e.IsDir(), ids, depth+1)
	}
}

// strayFile reports rel, a file pcdocket does not read, with the place it
// most likely belongs.
func (r *reader) strayFile(diags *diag.List, root, rel string, ids []string) {
	target := r.intended(root, rel, ids)
	pos := practice.Pos{File: rel}
	if target == "" {
		diags.Warnf(pos, "pcdocket does not read this file: content/ holds case.md files, issue files (.md) in each case's issues/ folder and the public pages; keep other files outside content/, or in a folder whose name starts with a dot")
		return
	}
	if same(root, rel, target) {
		return // a case-insensitive file system opened it under its other spelling
	}
	why := "pcdocket does not read this file"
	switch dir := path.Dir(target); {
	case path.Dir(rel) == dir && !strings.EqualFold(path.Ext(rel), ".md"):
		why += ": it reads only files ending in .md"
	case path.Dir(rel) == dir && strings.EqualFold(path.Base(rel), path.Base(target)):
		why += ": names are written in lowercase"
	case path.Dir(rel) == dir:
	case path.Base(target) == CaseFile:
		why += ": a case is read from its folder's case.md"
	case strings.HasPrefix(target, PublicDir+"/"):
		why += fmt.Sprintf(": public pages are read from %s/", PublicDir)
	default:
		why += fmt.Sprintf(": issue files are read from %s/", dir)
	}
	exists := ""
	if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(target))); err == nil {
		exists = "; that file exists: merge the two and remove this one"
	}
	diags.Warnf(pos, "%s (did you mean %s?)%s", why, target, exists)
}

// intended returns the path where rel, a file pcdocket does not read,
// most likely belongs, or "" when it does not look like a file of the
// practice at all.
func (r *reader) intended(root, rel string, ids []string) string {
	parts := strings.Split(rel, "/")[1:] // below content/
	name := parts[len(parts)-1]
	stem, ext := splitExt(name)
	if !markdownExt(ext) {
		return ""
	}
	// The case this file is in, if any: content/cases/<id>/..., with a
	// case folder nested in another one counting as its own.
	id := ""
	inCases := len(parts) >= 3 && strings.EqualFold(parts[0], "cases")
	if inCases {
		id = parts[1]
		for i := 2; i+1 < len(parts); i++ {
			if ValidID(parts[i]) && !isIssuesName(parts[i]) && (i+2 < len(parts) && isIssuesName(parts[i+1]) || strings.EqualFold(parts[i+1], CaseFile)) {
				id = parts[i] // content/cases/a/b/issues/x.md: case b
			}
		}
	}
	if !ValidID(id) {
		id = ""
	}
	kind := ""
	switch {
	case strings.EqualFold(stem, "case"):
		kind = "case"
	case inCases && len(parts) >= 4 && isIssuesName(parts[len(parts)-2]):
		kind = "issue"
	case len(parts) >= 2 && strings.EqualFold(parts[0], "public"):
		kind = "page"
	default:
		kind = r.sniff(root, rel)
	}
	caseID := id
	if caseID == "" {
		caseID = "<case-id>"
		if len(ids) == 1 {
			caseID = ids[0]
		}
	}
	switch kind {
	case "case":
		if id == "" && !inCases {
			return path.Join(CasesDir, "<case-id>", CaseFile)
		}
		if id == "" {
			return path.Join(CasesDir, suggestID(stem), CaseFile)
		}
		return path.Join(CasesDir, id, CaseFile)
	case "issue":
		return path.Join(CasesDir, caseID, IssuesDir, stem+".md")
	case "page":
		return path.Join(PublicDir, suggestID(stem)+".md")
	}
	if inCases && id != "" {
		return path.Join(CasesDir, id, IssuesDir, stem+".md") // Markdown in a case folder: an issue
	}
	return ""
}

// sniff tells from its front matter whether a Markdown file is a case, an
// issue or a page ("" when it has none).
func (r *reader) sniff(root, rel string) string {
	data, err := sourcefile.ReadFile(root, rel, r.limitOr(), nil)
	if err != nil {
		return ""
	}
	raw, _, ok := split(normalizeNewlines(bytes.TrimPrefix(data, bom)))
	if !ok {
		return ""
	}
	has := func(key string) bool {
		return bytes.HasPrefix(raw, []byte(key)) || bytes.Contains(raw, []byte("\n"+key))
	}
	switch {
	case has("court_case_no") || has("parties") || has("court"):
		return "case"
	case has("number") || has("question") || has("clauses") || has("raised_on"):
		return "issue"
	case has("title"):
		return "page"
	}
	return ""
}

func (r *reader) limitOr() int64 {
	if r.limit > 0 {
		return r.limit
	}
	return practice.DefaultMaxFileBytes
}

// splitExt splits a file name into its stem and extension (".md").
func splitExt(name string) (stem, ext string) {
	ext = path.Ext(name)
	return strings.TrimSuffix(name, ext), ext
}

// markdownExt reports whether ext is one a Markdown file is saved with.
func markdownExt(ext string) bool {
	switch strings.ToLower(ext) {
	case ".md", ".markdown", ".mdown", ".mkd", ".txt":
		return true
	}
	return false
}

// isIssuesName reports whether a folder name is "issues" as a person
// might write it: Issues, issue, ISSUES.
func isIssuesName(name string) bool {
	return strings.EqualFold(name, IssuesDir) || strings.EqualFold(name, "issue")
}

// same reports whether rel and target are one file: on a case-insensitive
// file system, Case.md is case.md and was read.
func same(root, rel, target string) bool {
	a, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return false
	}
	b, err := os.Stat(filepath.Join(root, filepath.FromSlash(target)))
	return err == nil && os.SameFile(a, b)
}

// strayInCase reports the files of a case folder that pcdocket does not
// read: anything but case.md, issues/, sealed/, exhibits/ and the fee
// ledger (readInCase). skip is a file already reported (as the likely
// case.md of a folder without one).
func (r *reader) strayInCase(root, dir, skip string) diag.List {
	var diags diag.List
	entries, err := sourcefile.ReadDir(root, dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		rel := path.Join(dir, e.Name())
		if e.Name() == skip || readInCase(Classify(rel).Kind, e.IsDir()) {
			continue
		}
		r.strayTree(&diags, root, rel, e.IsDir(), nil, 0)
	}
	return diags
}

// readInCase reports whether an entry of kind k in a case folder, a folder
// when dir, is one that pcdocket reads (case.md, issues/), leaves to
// another package (sealed/ to package seal, the fee ledger), or keeps
// without reading (exhibits/, scratch files): no stray.
func readInCase(k Kind, dir bool) bool {
	switch k {
	case KindScratch, KindSealed, KindSealLedger, KindExhibit:
		return true
	case KindCase, KindFeeLedger, KindLog:
		return !dir
	case KindIssues:
		return dir
	}
	return false
}

// caseFileCandidate returns the name of the file in a case folder that is
// most likely its case.md under another spelling (Case.md, case.markdown),
// or "".
func caseFileCandidate(entries []fs.DirEntry) string {
	for _, e := range entries {
		stem, ext := splitExt(e.Name())
		if !e.IsDir() && strings.EqualFold(stem, "case") && markdownExt(ext) && e.Name() != CaseFile {
			return e.Name()
		}
	}
	return ""
}
