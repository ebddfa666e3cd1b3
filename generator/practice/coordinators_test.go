package practice

import "testing"

func TestCoordinatorOf(t *testing.T) {
	miller := Coordinator{ID: "miller", Name: "Eleanor J. Miller"}
	reyes := Coordinator{ID: "reyes", Name: "Priya N. Reyes"}
	okafor := Coordinator{ID: "okafor", Name: "Dana Okafor"}
	tests := []struct {
		name        string
		p           Practice
		names       string // the case's coordinator key
		want        string // the name of who acts
		wantDefault bool
	}{
		{"one coordinator, the old key", Practice{Coordinator: Coordinator{Name: "Ada"}}, "", "Ada", true},
		{"default and a list, case names none", Practice{Coordinator: miller, Coordinators: []Coordinator{reyes}}, "", "Eleanor J. Miller", true},
		{"default and a list, case names one", Practice{Coordinator: miller, Coordinators: []Coordinator{reyes}}, "reyes", "Priya N. Reyes", true},
		{"the default named by its id", Practice{Coordinator: miller, Coordinators: []Coordinator{reyes}}, "miller", "Eleanor J. Miller", true},
		{"a list of one is the default", Practice{Coordinators: []Coordinator{reyes}}, "", "Priya N. Reyes", true},
		{"a list of several, case names one", Practice{Coordinators: []Coordinator{reyes, okafor}}, "okafor", "Dana Okafor", false},
		{"a list of several, case names none: the first, and check errs", Practice{Coordinators: []Coordinator{reyes, okafor}}, "", "Priya N. Reyes", false},
		{"an unknown id: the default, and check errs", Practice{Coordinator: miller, Coordinators: []Coordinator{reyes}}, "reyse", "Eleanor J. Miller", true},
		{"no coordinator at all", Practice{}, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Case{Coordinator: tt.names}
			if got := tt.p.CoordinatorOf(c).Name; got != tt.want {
				t.Errorf("CoordinatorOf = %q, want %q", got, tt.want)
			}
			if _, ok := tt.p.DefaultCoordinator(); ok != tt.wantDefault {
				t.Errorf("DefaultCoordinator ok = %v, want %v", ok, tt.wantDefault)
			}
		})
	}
	if got := (Coordinator{Name: "A", Credentials: "J.D."}).Signature(); got != "A, J.D." {
		t.Errorf("Signature = %q", got)
	}
}
