package public

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

// canaryFill sets every string (and string slice, and int) field reachable
// from v to a unique canary value, recording each value. It walks the model
// by reflection so that a field added to Case or Issue later is covered too.
func canaryFill(v reflect.Value, path string, seen *[]string) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			if v.Type().Elem() == reflect.TypeOf(practice.Case{}) {
				return // the Issue.Case back pointer is set by hand
			}
			v.Set(reflect.New(v.Type().Elem()))
		}
		canaryFill(v.Elem(), path, seen)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(practice.Date{}) {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Name == "Src" {
				continue
			}
			canaryFill(v.Field(i), path+"-"+f.Name, seen)
		}
	case reflect.String:
		s := fmt.Sprintf("CANARY%s-%d", strings.ToUpper(strings.ReplaceAll(path, "-", "")), len(*seen))
		v.SetString(s)
		*seen = append(*seen, s)
	case reflect.Int:
		if v.Int() == 0 {
			n := 9000000 + len(*seen) // unlikely digits, e.g. a case number or a child's birth year
			v.SetInt(int64(n))
			*seen = append(*seen, fmt.Sprint(n))
		}
	case reflect.Int64:
		// Fee amounts (practice.Money, issue 17): recorded as pcdocket
		// prints them and as the raw number of cents.
		if v.Type() == reflect.TypeOf(practice.Money(0)) && v.Int() == 0 {
			n := 7300000 + len(*seen)
			v.SetInt(int64(n))
			*seen = append(*seen, practice.Money(n).String(), fmt.Sprint(n))
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Pointer && v.Type().Elem().Elem() == reflect.TypeOf(practice.Issue{}) {
			return // issues are filled separately so that each has its case
		}
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		}
		for i := 0; i < v.Len(); i++ {
			canaryFill(v.Index(i), fmt.Sprintf("%s%d", path, i), seen)
		}
	}
}

// canaryCase is a case and two issues with a unique string in every field,
// including the body, the court case number and the case id.
func canaryCase(t *testing.T) (*practice.Case, []string) {
	t.Helper()
	var seen []string
	c := &practice.Case{}
	canaryFill(reflect.ValueOf(c).Elem(), "case", &seen)
	c.ID = "canary-case-id-7f3a9"
	c.CourtCaseNo = "CANARY-FC-2026-000917"
	c.Parties.ParentA.Name = "Quorra Canarywhistle"
	c.Children[0].Initials = "Q.Z.X."
	seen = append(seen, c.ID, c.CourtCaseNo, c.Parties.ParentA.Name, c.Children[0].Initials)
	for n := 1; n <= 2; n++ {
		is := &practice.Issue{Case: c}
		canaryFill(reflect.ValueOf(is).Elem(), fmt.Sprintf("issue%d", n), &seen)
		is.Number = n
		is.Body = fmt.Sprintf("CANARYBODY%d the record of the dispute", n)
		seen = append(seen, is.Body)
		c.Issues = append(c.Issues, is)
	}
	c.Body = "CANARYCASENOTES private notes"
	if c.Fees == nil || c.FeeLedger == nil || len(c.FeeLedger.Entries) == 0 || c.FeeLedger.Entries[0].Note == "" {
		t.Fatal("the reflective fill missed the fee terms or the fee ledger")
	}
	seen = append(seen, "CANARYCASENOTES")
	return c, seen
}

// TestCanary builds the public site of a practice that has a case full of
// unique strings, and asserts that none of them reaches any public byte and
// that no public link points into the private site.
func TestCanary(t *testing.T) {
	c, canaries := canaryCase(t)
	if len(canaries) < 40 {
		t.Fatalf("only %d canaries; the reflective fill missed the model", len(canaries))
	}
	for _, base := range []string{"", "https://pc.example.org/"} {
		for name, p := range map[string]*practice.Practice{
			"fixture": fixturePractice(t, base),
			"sample":  samplePractice(t, base),
		} {
			p.Cases = []*practice.Case{c}
			out := build(t, p)
			for _, path := range sortedKeys(out) {
				for _, s := range canaries {
					if bytes.Contains(out[path], []byte(s)) {
						t.Errorf("%s %s: canary %q leaked into the public site", name, path, s)
					}
				}
				if bytes.Contains(bytes.ToUpper(out[path]), []byte("CANARY")) {
					t.Errorf("%s %s: some canary text leaked into the public site", name, path)
				}
				if !strings.HasSuffix(path, ".html") {
					continue
				}
				d, err := parseHTML(out[path])
				if err != nil {
					t.Fatalf("%s %s: %v", name, path, err)
				}
				for _, ref := range d.refs {
					low := strings.ToLower(ref)
					if strings.Contains(low, "private") || strings.Contains(low, "cases/") || strings.Contains(low, "documents/") || strings.HasPrefix(low, "../") || strings.HasPrefix(low, "file:") || strings.Contains(low, "://") && !strings.HasPrefix(low, "https://pc.example.org/") && !strings.HasPrefix(low, "https://example.com/") {
						t.Errorf("%s %s: link %q may lead into the private site", name, path, ref)
					}
				}
			}
		}
	}
}
