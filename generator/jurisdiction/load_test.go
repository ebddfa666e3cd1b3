package jurisdiction

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

func TestBuiltinProfiles(t *testing.T) {
	s := mustSet(t)
	want := []string{"generic", "AZ", "CO", "FL", "NC", "OK", "TX"}
	if got := s.Codes(); !slices.Equal(got, want) {
		t.Fatalf("Codes = %v, want %v", got, want)
	}
	for _, code := range want {
		p := mustProfile(t, s, code)
		if p.Name == "" || p.Summary == "" || len(p.Holidays) < 8 {
			t.Errorf("%s: name %q, summary %q, %d holidays", code, p.Name, p.Summary, len(p.Holidays))
		}
		for _, c := range p.citations() {
			if strings.TrimSpace(c.src.Citation) == "" {
				t.Errorf("%s: %s has no citation", code, c.path)
			}
			if c.src.Unverified && code == "generic" {
				t.Errorf("generic: %s is unverified; the federal profile should be certain", c.path)
			}
		}
		if !strings.HasPrefix(p.File, builtinPrefix) {
			t.Errorf("%s: File = %q", code, p.File)
		}
	}
	if p, ok := s.Profile("co"); !ok || p.Code != "CO" {
		t.Error(`Profile("co") must find CO`)
	}
}

func TestLookup(t *testing.T) {
	s := mustSet(t)
	var l diag.List
	pos := practice.Pos{File: "practice.yaml", Line: 14}
	if p := s.Lookup("", pos, &l); p.Code != Generic || len(l) != 0 {
		t.Errorf("Lookup(\"\") = %s, %v", p.Code, l)
	}
	p := s.Lookup("CX", pos, &l)
	if p.Code != Generic || len(l) != 1 {
		t.Fatalf("Lookup(CX) = %s, %v", p.Code, l)
	}
	want := `practice.yaml:14: unknown jurisdiction "CX" (did you mean "CO"?): use one of generic, AZ, CO, FL, NC, OK, TX, or add jurisdictions/CX.yaml`
	if l[0].String() != want {
		t.Errorf("finding\n got %s\nwant %s", l[0], want)
	}
}

func TestOverride(t *testing.T) {
	s, diags := Load("testdata/override")
	var errs []string
	for _, f := range diags {
		errs = append(errs, f.String())
	}
	want := []string{"jurisdictions/README.txt: warning: ignored: profile files end in .yaml, e.g. jurisdictions/CO.yaml"}
	if !slices.Equal(errs, want) {
		t.Fatalf("findings:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}

	co := mustProfile(t, s, "CO")
	if co.Review.Days != 28 || co.Review.Citation != "C.R.S. § 14-10-128.3(4)(a)" || !strings.Contains(co.Review.Note, "para. 9") {
		t.Errorf("CO review not merged key by key: %+v", co.Review)
	}
	if co.Filing.Days != 20 || co.Effect.Citation != "C.R.S. § 14-10-128.3(3)" {
		t.Error("CO keys the override leaves out must keep their built-in values")
	}
	if co.File != builtinPrefix+"profiles/CO.yaml + jurisdictions/CO.yaml" {
		t.Errorf("CO File = %q", co.File)
	}
	cal := co.Calendar(nil)
	for date, want := range map[string]string{
		"2026-04-03": "Good Friday",                 // added
		"2026-07-03": "Independence Day (observed)", // rule replaced: now nearest
		"2026-10-05": "",                            // removed
		"2026-12-25": "Christmas Day",               // kept
	} {
		got, _ := cal.Holiday(practice.MustDate(date))
		if got != want {
			t.Errorf("CO %s: %q, want %q", date, got, want)
		}
	}
	if n := len(co.Holidays); n != 11 {
		t.Errorf("CO has %d holidays, want 11 (11 built in, +1, -1)", n)
	}
	for _, h := range co.Holidays {
		if h.Name == "Good Friday" && h.pos != (practice.Pos{File: "jurisdictions/CO.yaml", Line: 6}) {
			t.Errorf("Good Friday written at %v", h.pos)
		}
	}

	xx := mustProfile(t, s, "XX")
	if xx.Review.Counting != CourtDays || xx.Review.From != Receipt {
		t.Errorf("XX review = %+v", xx.Review)
	}
	xcal := xx.Calendar(nil)
	if name, _ := xcal.Holiday(practice.MustDate("2026-03-27")); name != "Founding Day" {
		t.Errorf("XX 2026-03-27 = %q", name)
	}
	if name, _ := xcal.Holiday(practice.MustDate("2026-03-30")); name != "Day after Founding Day" {
		t.Errorf("XX 2026-03-30 = %q", name)
	}

	tx := mustProfile(t, s, "TX")
	if tx.Name != "Texas (county courts, synthetic)" || len(tx.Holidays) != 1 || tx.Review.Days != 14 {
		t.Errorf("replace: true must replace the built-in profile: %s, %d holidays", tx.Name, len(tx.Holidays))
	}
	if tx.Code != "TX" {
		t.Errorf("a lower-case file name keeps the built-in code: %q", tx.Code)
	}
	if _, ok := s.Profile("OK"); !ok {
		t.Error("profiles the practice does not override stay")
	}
}

func TestOverrideErrors(t *testing.T) {
	s, diags := Load("testdata/bad")
	var got []string
	for _, f := range diags {
		got = append(got, f.String())
	}
	for _, w := range []string{
		`jurisdictions/CO.yaml:1: unknown key "reveiw" in a profile (did you mean "review"?)`,
		`jurisdictions/CO.yaml:4: "ten" is text, but this key takes a whole number`,
		`jurisdictions/CO.yaml:5: review.from "mailing" is not one of issuance, service, filing, receipt`,
		`jurisdictions/CO.yaml:6: unknown placeholder {deadlin} in review.text (did you mean "deadline"?): use {days}, {deadline}, {from}, {reviewer}, {filing}, {citation}`,
		`jurisdictions/CO.yaml:8: holiday "Founders" must use exactly one of date, month/weekday/week, after, easter or dates (it uses 2)`,
		`jurisdictions/CO.yaml:15: week "3rd" is not one of first, second, third, fourth, fifth, last`,
		`jurisdictions/CO.yaml:17: no built-in holiday named "Nothing Day" to remove`,
		`jurisdictions/CO.yaml:19: holiday "After Nothing" has no citation: add citation: with the statute or rule it comes from`,
		`jurisdictions/CO.yaml:20: holiday "After Nothing" is after "Nothing Day", which is not a holiday of this profile`,
		`jurisdictions/NEW.yaml:4: review.counting "weekly" is not one of calendar, court`,
		`jurisdictions/NEW.yaml:2: review.filing is missing: what a party files, e.g. a motion for review`,
		`jurisdictions/NEW.yaml:1: computation has no citation: add citation: with the statute or rule it comes from`,
		`jurisdictions/NEW.yaml:7: holiday "Loop A" is after itself through a loop of after: references`,
		`jurisdictions/NEW.yaml:11: holiday "Loop B" is after itself through a loop of after: references`,
		`jurisdictions/OK.yaml:3: did not find expected ',' or ']' (YAML syntax)`,
		`jurisdictions/bad_code!.yaml: bad profile code "bad_code!": name the file for the code, using letters, digits and hyphens (e.g. CO.yaml)`,
	} {
		if !slices.Contains(got, w) {
			t.Errorf("missing finding:\n  %s", w)
		}
	}
	if t.Failed() {
		t.Logf("got:\n%s", strings.Join(got, "\n"))
	}
	for _, code := range []string{"CO", "NEW", "OK"} {
		if _, ok := s.Profile(code); ok {
			t.Errorf("profile %s has errors and must be left out", code)
		}
	}
	if _, ok := s.Profile("NC"); !ok {
		t.Error("profiles without errors stay usable")
	}
}

func TestLoadMissingFolder(t *testing.T) {
	dir := t.TempDir()
	s, diags := Load(dir)
	if len(diags) != 0 || len(s.Codes()) != 7 {
		t.Errorf("a practice without jurisdictions/ gets the built-in profiles: %v %v", s.Codes(), diags)
	}
	// An empty override file changes nothing.
	os.Mkdir(filepath.Join(dir, Dir), 0o755)
	os.WriteFile(filepath.Join(dir, Dir, "FL.yaml"), []byte("# nothing yet\n"), 0o644)
	s, diags = Load(dir)
	if len(diags) != 0 {
		t.Fatalf("empty override: %v", diags)
	}
	if fl := mustProfile(t, s, "FL"); fl.Name != "Florida" {
		t.Errorf("empty override changed FL: %q", fl.Name)
	}
}

func TestOverrideFileProblems(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(dir, Dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, Dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("CO.yaml", "review:\n  days: 30\n")
	write("co.yaml", "review:\n  days: 31\n")
	write("NC.yaml", "holidays:\n  name: Good Friday\n")
	write("OK.yaml", "- just\n- a list\n")
	write("AZ.yaml", "replace: yes please\n")
	s, diags := Load(dir)
	var got []string
	for _, f := range diags {
		got = append(got, f.String())
	}
	want := []string{
		"jurisdictions/AZ.yaml:1: replace must be true or false",
		"jurisdictions/NC.yaml:2: the value is a map of keys, but this key takes a list",
		"jurisdictions/OK.yaml:1: a profile file is a map of keys (name:, review:, holidays:, ...)",
		"jurisdictions/co.yaml: profile co is already defined by jurisdictions/CO.yaml: keep one file per code",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if co := mustProfile(t, s, "CO"); co.Review.Days != 30 {
		t.Errorf("the first file of a code wins: days = %d", co.Review.Days)
	}
}

// TestScratchFilesIgnored: editors' scratch files beside the profiles are
// passed over in silence, by the rule every reader of the practice folder
// uses (sourcefile.Scratch), not reported as files that do not end in .yaml.
func TestScratchFilesIgnored(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, Dir), 0o755)
	for _, name := range []string{"CO.yaml~", ".CO.yaml.swp", "#CO.yaml#", "4913", "CO.yaml___jb_tmp___"} {
		os.WriteFile(filepath.Join(dir, Dir, name), []byte("name: x\n"), 0o644)
	}
	if _, diags := Load(dir); len(diags) != 0 {
		t.Errorf("scratch files reported: %v", diags)
	}
}
