package check

import (
	"fmt"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

// exhibits checks the issues' exhibit lists against the case's exhibit
// folders (exhibits/issue-<number>/): every file listed is there, listed once
// and of a type pcdocket accepts; every file there is listed; every folder
// belongs to an issue of the case.
func (k *checker) exhibits(c *practice.Case) {
	issues := map[int]*practice.Issue{} // the first issue of each number, as issues() keeps it
	numbered := true                    // every issue's number could be read
	for _, is := range c.Issues {
		if is == nil {
			continue
		}
		if !is.Src.Readable("number") || is.Number < 1 {
			numbered = false
			continue
		}
		if _, dup := issues[is.Number]; !dup {
			issues[is.Number] = is
		}
		k.issueExhibits(is)
	}
	for _, f := range c.ExhibitFolders {
		is := issues[f.Number]
		if is == nil {
			if numbered {
				k.l.Errorf(practice.Pos{File: f.Dir}, "exhibit folder of issue %d, but the case has no issue %d: name the folder by the number of the issue its files belong to%s", f.Number, f.Number, numbersHint(c))
			}
			continue
		}
		if !is.Src.Readable("exhibits") {
			continue // which files the issue lists is not known: the parser said why
		}
		listed := map[string]bool{}
		for _, e := range is.Exhibits {
			listed[e.File] = true
		}
		for _, file := range f.Files {
			rel := file.Path(f.Dir)
			switch {
			case listed[file.Name]:
				// Judged at its list item.
			case practice.ExhibitType(file.Name) == "":
				k.l.Errorf(practice.Pos{File: rel}, "an exhibit of a type pcdocket does not accept: save it as %s", acceptedTypes)
			default:
				k.l.Warnf(practice.Pos{File: rel}, "the file is in issue %d's exhibit folder, but %s does not list it: add `- %s` under exhibits: in the issue, or move the file out of %s/", f.Number, is.Src.File, file.Name, f.Dir)
			}
		}
	}
}

// acceptedTypes names the accepted types of exhibit, for messages.
const acceptedTypes = "a PDF (.pdf), a PNG or JPEG image (.png, .jpg), or an email (.eml, or .txt for one pasted as text)"

// issueExhibits checks one issue's exhibits list.
func (k *checker) issueExhibits(is *practice.Issue) {
	src := &is.Src
	first := map[string]int{}
	var names []string
	if f := is.Case.ExhibitFolder(is.Number); f != nil {
		for _, file := range f.Files {
			names = append(names, file.Name)
		}
	}
	for i, e := range is.Exhibits {
		p := fmt.Sprintf("exhibits[%d]", i)
		if !src.Readable(p) || e.File == "" {
			continue
		}
		pos := src.At(p)
		if !plainFileName(e.File) {
			k.l.Errorf(pos, "exhibit %s: %q is not the name of a file in the exhibit folder: write the file's name alone, with no folder, no \"..\" and no leading dot (the file goes in %s/)", e.Label, e.File, parse.ExhibitDir(is.Case.ID, is.Number))
			continue
		}
		if j, dup := first[e.File]; dup {
			k.l.Errorf(pos, "exhibit %q is listed twice (first as exhibit %s): list each file once", e.File, practice.ExhibitLabel(j))
			continue
		}
		first[e.File] = i
		if practice.ExhibitType(e.File) == "" {
			k.l.Errorf(pos, "exhibit %s, %q, is of a type pcdocket does not accept: save it as %s", e.Label, e.File, acceptedTypes)
			continue
		}
		if !e.Found() {
			k.l.Errorf(pos, "exhibit %s, %q, is not in %s/: put the file there, or correct its name%s", e.Label, e.File, parse.ExhibitDir(is.Case.ID, is.Number), diag.DidYouMean(e.File, names))
		}
	}
}

// plainFileName reports whether name can only name a file directly in
// its folder: no separator, no "." or "..", no dotfile or scratch name
// (which the reader passes over), no control character.
func plainFileName(name string) bool {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\\\x00") || sourcefile.Scratch(name) {
		return false
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

// numbersHint lists the case's issue numbers, for the folder of no issue.
func numbersHint(c *practice.Case) string {
	var ns []string
	for _, is := range c.Issues {
		if is != nil && is.Number > 0 {
			ns = append(ns, fmt.Sprint(is.Number))
		}
	}
	if len(ns) == 0 {
		return ""
	}
	if len(ns) > 8 {
		ns = append(ns[:8], "...")
	}
	return " (the case's issues are " + strings.Join(ns, ", ") + ")"
}
