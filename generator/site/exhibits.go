package site

import (
	"fmt"
	"strconv"

	"pcdocket/generator/practice"
)

// Exhibits are copied into the private site, each at a path of its own
// (ExhibitHref). The copy of an exhibit the issue marks shareable lies in
// the case's folder, cases/<id>/exhibits/issue-<n>/<file>, which an
// encrypted site opens to the case's parents (package vault); the copy of
// any other lies under exhibits/<id>/, which only the coordinator's
// passphrase opens. For the same reason the issue page, in the case's
// folder, lists only the shareable exhibits, and the coordinator's notes
// page, outside it, lists them all.

// ExhibitsDir is the folder of the private site that holds the copies of
// the exhibits not shared with the parents.
const ExhibitsDir = "exhibits/"

// ExhibitHref returns the site path of the copy of exhibit e of issue is.
func ExhibitHref(is *practice.Issue, e *practice.Exhibit) string {
	folder := "issue-" + strconv.Itoa(is.Number) + "/" + e.File
	if e.Shareable {
		return "cases/" + is.Case.ID + "/exhibits/" + folder
	}
	return ExhibitsDir + is.Case.ID + "/" + folder
}

// exhibitView is an exhibit as the pages list it.
type exhibitView struct {
	*practice.Exhibit
	Href string // site path of the copy
}

// SizeText is the exhibit's size for people: "812 bytes", "14.2 KB",
// "3.1 MB" (decimal units, as file managers show them).
func (e exhibitView) SizeText() string { return sizeText(e.Size) }

func sizeText(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f KB", float64(n)/1e3)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// exhibits returns the views of the issue's exhibits, in the order listed:
// all of them, or with shared only the shareable ones.
func (v *issueView) exhibits(shared bool) []exhibitView {
	var out []exhibitView
	for i := range v.Issue.Exhibits {
		e := &v.Issue.Exhibits[i]
		if shared && !e.Shareable {
			continue
		}
		out = append(out, exhibitView{Exhibit: e, Href: ExhibitHref(v.Issue, e)})
	}
	return out
}

// SharedExhibits are the exhibits the issue page lists: the shareable ones.
func (v *issueView) SharedExhibits() []exhibitView { return v.exhibits(true) }

// AllExhibits are the exhibits the coordinator's notes page lists: all.
func (v *issueView) AllExhibits() []exhibitView { return v.exhibits(false) }

// UnsharedExhibits says how many exhibits the issue page leaves to the
// notes page, "1 exhibit is" or "3 exhibits are"; "" when none.
func (v *issueView) UnsharedExhibits() string {
	n := 0
	for _, e := range v.Issue.Exhibits {
		if !e.Shareable {
			n++
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return "1 exhibit is"
	}
	return strconv.Itoa(n) + " exhibits are"
}
