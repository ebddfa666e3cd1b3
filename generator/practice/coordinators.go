package practice

// This file holds a practice of several coordinators: practice.yaml's
// coordinator (the default) and coordinators (each with an id), and the
// case key that names who acts in a case.

// AllCoordinators returns every coordinator of the practice: coordinator
// first when practice.yaml gives one, then coordinators in file order.
func (p *Practice) AllCoordinators() []Coordinator {
	var all []Coordinator
	if p.Coordinator.Name != "" || p.Coordinator.ID != "" {
		all = append(all, p.Coordinator)
	}
	return append(all, p.Coordinators...)
}

// CoordinatorByID returns the coordinator with the given id and whether
// there is one.
func (p *Practice) CoordinatorByID(id string) (Coordinator, bool) {
	if id == "" {
		return Coordinator{}, false
	}
	for _, co := range p.AllCoordinators() {
		if co.ID == id {
			return co, true
		}
	}
	return Coordinator{}, false
}

// DefaultCoordinator returns the coordinator of a case that names none:
// coordinator when practice.yaml gives it, else the only entry of
// coordinators. ok is false when there is no such coordinator (none at
// all, or several in coordinators and no coordinator key), which check
// reports for each case that names none.
func (p *Practice) DefaultCoordinator() (co Coordinator, ok bool) {
	if p.Coordinator.Name != "" || p.Coordinator.ID != "" {
		return p.Coordinator, true
	}
	if len(p.Coordinators) == 1 {
		return p.Coordinators[0], true
	}
	return Coordinator{}, false
}

// CoordinatorOf returns the coordinator who acts in case c: the one its
// coordinator key names, else DefaultCoordinator. A case naming an
// unknown id, or none in a practice without a default, gets the default
// or, failing that, the first coordinator listed; check reports both, so
// that a document is never built for them without a warning.
func (p *Practice) CoordinatorOf(c *Case) Coordinator {
	if c != nil {
		if co, ok := p.CoordinatorByID(c.Coordinator); ok {
			return co
		}
	}
	if co, ok := p.DefaultCoordinator(); ok {
		return co
	}
	if len(p.Coordinators) > 0 {
		return p.Coordinators[0]
	}
	return Coordinator{}
}

// Signature is how a document names the coordinator as author: the name,
// and the credentials after a comma when there are any.
func (co Coordinator) Signature() string {
	if co.Credentials == "" {
		return co.Name
	}
	return co.Name + ", " + co.Credentials
}
