package check

import (
	"fmt"
	"regexp"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// coordinatorID is the shape of a coordinator's id: it names a key file
// (keys/<id>.p12) and a docket page (docket-<id>.html), so it is kept to
// what every file system and URL takes as it is.
var coordinatorID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// coordinators checks practice.yaml's coordinator and coordinators: at
// least one coordinator, and an id for each of coordinators, of the right
// shape and listed once.
func (k *checker) coordinators() {
	p, src := k.p, &k.p.Src
	if src.File == "" || !src.Readable("coordinator") || !src.Readable("coordinators") {
		return // the parser reported what it could not read, or practice.yaml itself
	}
	if len(p.AllCoordinators()) == 0 {
		k.l.Errorf(src.At(""), "practice.yaml names no coordinator: add coordinator (name, credentials, contact), or coordinators, a list of them each with an id")
		return
	}
	first := map[string]int{} // id -> line of its first mention
	check := func(path string, co practice.Coordinator, required bool) {
		switch {
		case co.ID == "" && required:
			k.l.Errorf(at(src, path+".name", path), "coordinator %q has no id: give each entry of coordinators an id (e.g. %q) for cases to name in their coordinator key", co.Name, suggestID(co.Name))
		case co.ID == "":
		case !coordinatorID.MatchString(co.ID):
			k.l.Errorf(src.At(path+".id"), "coordinator id %q: use lower-case letters, digits and hyphens (e.g. %q), as it names the key file keys/<id>.p12 and the page docket-<id>.html", co.ID, suggestID(co.ID))
		case first[co.ID] != 0:
			k.l.Errorf(src.At(path+".id"), "coordinator id %q is given twice (first on line %d): give each coordinator an id of their own", co.ID, first[co.ID])
		default:
			first[co.ID] = src.At(path + ".id").Line
		}
	}
	if p.Coordinator.Name != "" || p.Coordinator.ID != "" {
		check("coordinator", p.Coordinator, false)
	}
	for i, co := range p.Coordinators {
		check(fmt.Sprintf("coordinators[%d]", i), co, true)
	}
}

// suggestID makes an id of a name: "Dana R. Okafor" gives "dana-r-okafor".
func suggestID(name string) string {
	var out []byte
	dash := false
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			out, dash = append(out, byte(r)), false
		case r >= 'A' && r <= 'Z':
			out, dash = append(out, byte(r-'A'+'a')), false
		case len(out) > 0 && !dash:
			out, dash = append(out, '-'), true
		}
	}
	if len(out) > 0 && out[len(out)-1] == '-' {
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return "coordinator-2"
	}
	return string(out)
}

// caseCoordinator checks the case's coordinator key: an id practice.yaml
// lists, or, when the case names none, a practice with a default. A
// document signed by the wrong coordinator would be worse than none, so a
// practice of several coordinators without coordinator (the default) makes
// every case name one.
func (k *checker) caseCoordinator(c *practice.Case) {
	p, src := k.p, &c.Src
	if !p.Src.Readable("coordinator") || !p.Src.Readable("coordinators") || !src.Readable("coordinator") {
		return
	}
	all := p.AllCoordinators()
	var ids []string
	for _, co := range all {
		if co.ID != "" {
			ids = append(ids, co.ID)
		}
	}
	if c.Coordinator != "" {
		if _, ok := p.CoordinatorByID(c.Coordinator); ok {
			return
		}
		hint := diag.DidYouMean(c.Coordinator, ids)
		if hint == "" && len(ids) > 0 {
			hint = ": practice.yaml lists " + andList(ids)
		} else if hint == "" {
			hint = ": practice.yaml gives no coordinator an id; add one (coordinators[].id) or remove this key"
		}
		k.l.Errorf(src.At("coordinator"), "coordinator %q is not one of the practice's coordinators%s", c.Coordinator, hint)
		return
	}
	if _, ok := p.DefaultCoordinator(); !ok && len(all) > 1 {
		k.l.Errorf(at(src, "title"), "the case names no coordinator, and practice.yaml lists several without a default: add coordinator: with one of %s, so that its documents are signed by the right person", orList(ids))
	}
}
