package parse

import (
	"io/fs"
	"path"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
	"pcdocket/templates"
)

// strayTemplates warns about each file under the practice's templates/
// that overrides no built-in file: a practice's template replaces the
// built-in one of the same path, and a file of any other name is never
// read, so a template defined in templates/private/mine.html, or an
// issue.html saved directly in templates/, changes nothing, silently.
// Passed over: editors' scratch files and dot-files, as in content/;
// files that look like no template (templateExt); and the files and
// folders named in fonts (documents.fonts of practice.yaml, relative to
// the practice folder), which a practice may keep there.
func strayTemplates(root string, fonts []string) diag.List {
	var diags diag.List
	def := templates.Default()
	var walk func(rel string, depth int)
	walk = func(rel string, depth int) {
		entries, err := sourcefile.ReadDir(root, rel)
		if err != nil || depth > maxStrayDepth {
			return // no templates/ folder, or one refused: nothing to say
		}
		for _, e := range entries {
			name := e.Name()
			if sourcefile.Scratch(name) {
				continue
			}
			p := path.Join(rel, name)
			if namedFont(p, fonts) {
				continue
			}
			inDefaults := strings.TrimPrefix(p, TemplatesDir+"/")
			if e.IsDir() {
				// A folder the defaults lack is no error in itself (it may
				// hold anything); its templates are, each with the
				// built-in one it most likely meant.
				walk(p, depth+1)
				continue
			}
			if _, err := fs.Stat(def, inDefaults); err == nil || !templateExt(path.Ext(name)) {
				continue
			}
			why := "pcdocket does not read this file: a practice's template replaces the built-in one of the same path, and a file of another name is never read; put your definitions into one of the files it overrides"
			if like := likeTemplate(def, inDefaults); like != "" {
				diags.Warnf(practice.Pos{File: p}, "%s (did you mean %s/%s?)", why, TemplatesDir, like)
				continue
			}
			diags.Warnf(practice.Pos{File: p}, "%s (docs/templates.md lists them)", why)
		}
	}
	walk(TemplatesDir, 0)
	return diags
}

// templateExt reports whether a file with extension ext looks like a
// template or an asset of one: files of other kinds (the Go package that
// embeds the built-in templates, where a practice is pcdocket's own
// repository, as the sample is) are none of pcdocket's business.
func templateExt(ext string) bool {
	switch strings.ToLower(ext) {
	case ".html", ".htm", ".tmpl", ".gohtml", ".tpl", ".css", ".js", ".md", ".ttf", ".otf":
		return true
	}
	return false
}

// namedFont reports whether p is one of fonts, or inside one of them.
func namedFont(p string, fonts []string) bool {
	for _, f := range fonts {
		f = path.Clean(strings.TrimPrefix(strings.ReplaceAll(f, "\\", "/"), "./"))
		if p == f || strings.HasPrefix(p, f+"/") || strings.HasPrefix(f, p+"/") {
			return true
		}
	}
	return false
}

// likeTemplate returns the built-in template that name (a path below
// templates/) most likely meant: one of the same base name, in any case,
// with .htm, .tmpl or .gohtml for .html, in its own folder or else in
// another; or "".
func likeTemplate(def fs.FS, name string) string {
	stem, ext := splitExt(path.Base(name))
	switch strings.ToLower(ext) {
	case ".htm", ".tmpl", ".gohtml", ".tpl":
		ext = ".html"
	}
	want := strings.ToLower(stem + ext)
	found := ""
	fs.WalkDir(def, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.ToLower(path.Base(p)) == want {
			if found == "" || path.Dir(p) == path.Dir(name) {
				found = p // the same folder's first
			}
		}
		return nil
	})
	return found
}
