package site

import "pcdocket/generator/practice"

// In a practice of several coordinators the docket can be read for one
// of them: docket-<id>.html holds the docket of the cases that coordinator
// acts in, and every docket page links to the others. The filter is a set
// of plain pages and links, so it works without JavaScript.

// coordinatorLink is one entry of the docket's list of coordinators.
type coordinatorLink struct {
	Name    string // "All coordinators", or the coordinator's name
	Href    string // from the site root
	Current bool   // the page is this entry's docket
}

// coordinatorDocket is the docket of one coordinator's cases.
type coordinatorDocket struct {
	co     practice.Coordinator
	path   string // "docket-<id>.html"
	cases  []*caseView
	docket docketData
}

// CoordinatorDocketPath is the page of the docket of the coordinator with
// the given id.
func CoordinatorDocketPath(id string) string { return "docket-" + id + ".html" }

// coordinatorDockets returns the docket of each coordinator with an id,
// in practice.yaml's order, when the practice has more than one; nil
// otherwise.
func (s *Site) coordinatorDockets(views []*caseView) []*coordinatorDocket {
	all := s.p.AllCoordinators()
	if len(all) < 2 {
		return nil
	}
	var out []*coordinatorDocket
	seen := map[string]bool{}
	for _, co := range all {
		if co.ID == "" || seen[co.ID] || !idSafe(co.ID) {
			continue // check reports an id that is missing, repeated or unfit for a file name
		}
		seen[co.ID] = true
		cd := &coordinatorDocket{co: co, path: CoordinatorDocketPath(co.ID)}
		for _, cv := range views {
			if s.p.CoordinatorOf(cv.Case).ID == co.ID {
				cd.cases = append(cd.cases, cv)
			}
		}
		cd.docket = s.docketOf(cd.cases)
		out = append(out, cd)
	}
	return out
}

// idSafe reports whether id may name a file of the site as it is.
func idSafe(id string) bool {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return id != ""
}

// coordinatorLinks lists the dockets, the page at path (from the site
// root) marked current; nil in a practice of one coordinator.
func (s *Site) coordinatorLinks(path string) []coordinatorLink {
	if len(s.dockets) == 0 {
		return nil
	}
	links := []coordinatorLink{{Name: "All coordinators", Href: "index.html", Current: path == "index.html"}}
	for _, cd := range s.dockets {
		links = append(links, coordinatorLink{Name: cd.co.Name, Href: cd.path, Current: path == cd.path})
	}
	return links
}

// coordinatorPages are the coordinators' docket pages.
func (s *Site) coordinatorPages() []Page {
	var pages []Page
	for _, cd := range s.dockets {
		pages = append(pages, s.listPage(cd.path, cd.deps(), "docket.html", &pageData{
			Title: "Docket: " + cd.co.Name, Nav: "docket", Docket: &cd.docket, Cases: cd.cases,
			Billing: &billingView{cases: cd.cases, asOf: s.asOf}, Coordinators: s.coordinatorLinks(cd.path),
		}))
	}
	return pages
}

// deps are the dependencies of the coordinator's docket: the reference
// date, practice.yaml (which says who acts where), and the cases it lists
// with every issue of them, so that an edit of another coordinator's case
// leaves it alone.
func (cd *coordinatorDocket) deps() []Dep {
	deps := []Dep{DepAsOf, DepPractice}
	for _, c := range cd.cases {
		deps = append(deps, DepCase(c.Case.ID))
		for _, v := range c.byDep {
			deps = append(deps, v.dep)
		}
	}
	return deps
}
