package site

import (
	"html/template"
	"testing"
)

// TestCached checks the contract of the template function cached: a name
// and keys seen before return the HTML rendered then, whatever the data;
// new keys render again; reset forgets everything.
func TestCached(t *testing.T) {
	tmpl := template.Must(template.New("x").Parse(`<b>{{.}}</b>`))
	c := new(partials)
	c.reset()
	steps := []struct {
		data  string
		keys  []string
		reset bool
		want  template.HTML
	}{
		{data: "first", keys: []string{"../", "docket"}, want: "<b>first</b>"},
		{data: "second", keys: []string{"../", "docket"}, want: "<b>first</b>"},               // cached
		{data: "second", keys: []string{"../", "categories"}, want: "<b>second</b>"},          // other keys
		{data: "third", keys: []string{"../docket"}, want: "<b>third</b>"},                    // keys are not run together
		{data: "fourth", keys: []string{"../", "docket"}, reset: true, want: "<b>fourth</b>"}, // after Site.Next
	}
	for i, s := range steps {
		if s.reset {
			c.reset()
		}
		got, err := c.cached(tmpl, "x", s.data, s.keys...)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got != s.want {
			t.Errorf("step %d: got %q, want %q", i, got, s.want)
		}
	}
	if _, err := c.cached(tmpl, "missing", "data"); err == nil {
		t.Error("a missing template gave no error")
	}
}
