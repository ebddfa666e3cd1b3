package watch

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"pcdocket/generator/diag"
)

// issuePage is the URL of issue n of case c.
func issuePage(c, n int) string { return "/cases/" + caseID(c) + "/issues/" + itoa(n) + ".html" }

func itoa(n int) string { return strconv.Itoa(n) }

func TestServeEditIssue(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 3, 6)
	r := start(t, dir)
	ev := r.subscribe(t)
	if hello := ev.next(t); hello.name != "hello" || !strings.Contains(hello.data, `"errors":[]`) {
		t.Fatalf("first event = %+v, want a hello without errors", hello)
	}

	code, body := r.get(t, issuePage(1, 2))
	if code != 200 || !strings.Contains(body, "Exchange time 2") {
		t.Fatalf("GET issue page: %d, want 200 with its title", code)
	}
	if !strings.Contains(body, `<script src="`+ScriptPath+`"></script>`) {
		t.Error("served page has no reload script")
	}

	mustWrite(t, dir, issueRel(1, 2), fixtureIssue(2, "Pickup at the library"))
	rep := r.next(t)
	if rep.Err != nil {
		t.Fatalf("rebuild: %v", rep.Err)
	}
	if rep.Full || len(rep.Rendered) == 0 || len(rep.Rendered) > 12 { // the pages of TestIncrementalEqualsFullBuild, with the two calendar feeds
		t.Errorf("one issue edited: full=%v, rendered %v", rep.Full, rep.Rendered)
	}
	if got := ev.next(t); got.name != "reload" {
		t.Errorf("event after the rebuild = %+v, want reload", got)
	}
	if _, body := r.get(t, issuePage(1, 2)); !strings.Contains(body, "Pickup at the library") {
		t.Error("edited title not served")
	}
	if _, body := r.get(t, "/cases/"+caseID(1)+"/"); !strings.Contains(body, "Pickup at the library") {
		t.Error("case page does not show the edited title")
	}
	if !strings.Contains(rep.String(), issueRel(1, 2)) || !strings.Contains(rep.String(), " ms") {
		t.Errorf("report line %q does not say what changed and how long", rep.String())
	}
}

func TestServeNewCaseFolder(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 1, 2)
	r := start(t, dir)
	// One mkdir -p, then the files at once: most are written before the
	// watch on the new folder exists.
	os.MkdirAll(filepath.Join(dir, "content/cases", caseID(7), "issues"), 0o755)
	mustWrite(t, dir, "content/cases/"+caseID(7)+"/case.md", fixtureCase(7))
	for n := 1; n <= 3; n++ {
		mustWrite(t, dir, issueRel(7, n), fixtureIssue(n, "Brand new issue "+itoa(n)))
	}
	reps := r.rebuilt(t)
	if len(reps) == 0 || reps[len(reps)-1].Err != nil {
		t.Fatalf("after a new case folder: reports %v", reps)
	}
	for n := 1; n <= 3; n++ {
		if code, body := r.get(t, issuePage(7, n)); code != 200 || !strings.Contains(body, "Brand new issue "+itoa(n)) {
			t.Errorf("new issue %d: %d", n, code)
		}
	}
	if _, body := r.get(t, "/"); !strings.Contains(body, "Family 0008") {
		t.Error("the docket does not list the new case")
	}
}

func TestServeAtomicSaves(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 1, 3)
	r := start(t, dir)
	issue := filepath.Join(dir, filepath.FromSlash(issueRel(0, 1)))

	saves := []struct {
		name string
		save func(text string)
	}{
		{"temp file renamed over", func(text string) {
			tmp := issue + ".tmp-8812" // not an ignored name: must still end well
			os.WriteFile(tmp, []byte(text), 0o644)
			os.Rename(tmp, issue)
		}},
		{"JetBrains safe write", func(text string) {
			os.WriteFile(issue+"___jb_tmp___", []byte(text), 0o644)
			os.Rename(issue, issue+"___jb_old___")
			os.Rename(issue+"___jb_tmp___", issue)
			os.Remove(issue + "___jb_old___")
		}},
		{"vim with backup and 4913 probe", func(text string) {
			probe := filepath.Join(filepath.Dir(issue), "4913")
			os.WriteFile(probe, nil, 0o644)
			os.Remove(probe)
			os.Rename(issue, issue+"~")
			os.WriteFile(issue, []byte(text), 0o644)
			os.Remove(issue + "~")
		}},
		{"GNOME output stream", func(text string) {
			tmp := filepath.Join(filepath.Dir(issue), ".goutputstream-X1Y2Z3")
			os.WriteFile(tmp, []byte(text), 0o644)
			os.Rename(tmp, issue)
		}},
	}
	for _, s := range saves {
		title := "Saved by " + s.name
		s.save(fixtureIssue(1, title))
		reps := r.rebuilt(t)
		if last := reps[len(reps)-1]; last.Err != nil {
			t.Errorf("%s: %v", s.name, last.Err)
		}
		// The log names the file saved, never the save's temporaries.
		for _, rep := range reps {
			for _, c := range rep.Changed {
				if c != issueRel(0, 1) {
					t.Errorf("%s: the report counts %s as a change: %s", s.name, c, rep)
				}
			}
		}
		if _, body := r.get(t, issuePage(0, 1)); !strings.Contains(body, title) {
			t.Errorf("%s: new text not served", s.name)
		}
	}
}

func TestServeIgnoresScratchFiles(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 1, 2)
	r := start(t, dir)
	issues := filepath.Join(dir, "content/cases", caseID(0), "issues")
	for _, name := range []string{"4913", ".001.md.swp", "#001.md#", ".#001.md", "001.md~", ".DS_Store"} {
		os.WriteFile(filepath.Join(issues, name), []byte("scratch"), 0o644)
	}
	os.Chmod(filepath.Join(dir, filepath.FromSlash(issueRel(0, 1))), 0o600) // Chmod only
	if reps := r.settle(400 * time.Millisecond); len(reps) != 0 {
		t.Errorf("scratch files and a chmod caused %d rebuilds: %v", len(reps), reps[0].Changed)
	}
}

func TestServeDelete(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 2, 3)
	r := start(t, dir)
	if code, _ := r.get(t, issuePage(1, 3)); code != 200 {
		t.Fatalf("issue page before delete: %d", code)
	}
	os.Remove(filepath.Join(dir, filepath.FromSlash(issueRel(1, 3))))
	rep := r.next(t)
	if rep.Err != nil || len(rep.Removed) == 0 {
		t.Fatalf("delete: err %v, removed %v", rep.Err, rep.Removed)
	}
	if code, body := r.get(t, issuePage(1, 3)); code != 404 || !strings.Contains(body, ScriptPath) {
		t.Errorf("deleted issue page: %d (want 404 with the reload script)", code)
	}

	// A whole case folder, renamed away then removed.
	os.Rename(filepath.Join(dir, "content/cases", caseID(0)), filepath.Join(dir, "content/cases", "zz-renamed"))
	r.rebuilt(t)
	if code, _ := r.get(t, "/cases/zz-renamed/"); code != 200 {
		t.Errorf("renamed case folder: %d", code)
	}
	if code, _ := r.get(t, "/cases/"+caseID(0)+"/"); code != 404 {
		t.Errorf("old case folder name still served: %d", code)
	}
	// The renamed folder's watches follow it: an edit inside is seen.
	mustWrite(t, dir, "content/cases/zz-renamed/issues/001.md", fixtureIssue(1, "Edited after the rename"))
	r.rebuilt(t)
	if _, body := r.get(t, "/cases/zz-renamed/issues/1.html"); !strings.Contains(body, "Edited after the rename") {
		t.Error("edit inside a renamed folder not served")
	}
	os.RemoveAll(filepath.Join(dir, "content/cases/zz-renamed"))
	r.rebuilt(t)
	if code, _ := r.get(t, "/cases/zz-renamed/"); code != 404 {
		t.Errorf("removed case folder still served: %d", code)
	}
}

func TestServeSyntaxErrorThenFix(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 1, 3)
	r := start(t, dir)
	ev := r.subscribe(t)
	ev.next(t) // hello

	rel := issueRel(0, 2)
	good := fixtureIssue(2, "Exchange time 2")
	broken := strings.Replace(good, "clauses: [", "clauses: [[", 1) // a YAML syntax error
	mustWrite(t, dir, rel, broken)
	rep := r.next(t)
	var le *diag.ListError
	if !errors.As(rep.Err, &le) {
		t.Fatalf("broken file: err %v, want a *diag.ListError", rep.Err)
	}
	got := ev.next(t)
	if got.name != "errors" || !strings.Contains(got.data, rel+":") {
		t.Fatalf("event = %+v, want errors naming %s:line", got, rel)
	}
	if code, body := r.get(t, issuePage(0, 2)); code != 200 || !strings.Contains(body, "Exchange time 2") {
		t.Errorf("last good page not served during the error: %d", code)
	}
	// A page opened now learns of the errors from its hello.
	late := r.subscribe(t)
	if h := late.next(t); h.name != "hello" || !strings.Contains(h.data, rel) {
		t.Errorf("hello during errors = %+v", h)
	}

	mustWrite(t, dir, rel, fixtureIssue(2, "Exchange time two, fixed"))
	rep = r.next(t)
	if rep.Err != nil {
		t.Fatalf("fixed file: %v", rep.Err)
	}
	if got := ev.next(t); got.name != "reload" {
		t.Errorf("event after the fix = %+v, want reload", got)
	}
	after := r.subscribe(t)
	if h := after.next(t); !strings.Contains(h.data, `"errors":[]`) {
		t.Errorf("hello after the fix still has errors: %s", h.data)
	}
	if _, body := r.get(t, issuePage(0, 2)); !strings.Contains(body, "Exchange time two, fixed") {
		t.Error("fixed text not served")
	}
}

func TestServeBurstIsOneRebuild(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 5, 10)
	r := start(t, dir)
	for i := 0; i < 50; i++ {
		c, n := i%5, i%10+1
		mustWrite(t, dir, issueRel(c, n), fixtureIssue(n, "Burst "+itoa(i)))
	}
	reps := r.rebuilt(t)
	reps = append(reps, r.settle(time.Second)...)
	if len(reps) < 1 || len(reps) > 2 {
		t.Fatalf("a burst of 50 writes caused %d rebuilds, want 1 or 2", len(reps))
	}
	if reps[len(reps)-1].Err != nil {
		t.Fatal(reps[len(reps)-1].Err)
	}
	if _, body := r.get(t, issuePage(4, 10)); !strings.Contains(body, "Burst 49") {
		t.Error("last write of the burst not served")
	}
}

func TestServeTemplateChangeRebuildsAll(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 2, 3)
	r := start(t, dir)
	os.MkdirAll(filepath.Join(dir, "templates/private"), 0o755)
	r.rebuilt(t)
	mustWrite(t, dir, "templates/private/style.css", "body { color: black }\n")
	reps := r.rebuilt(t)
	if len(reps) == 0 || !reps[len(reps)-1].Full {
		t.Fatalf("template change: %v", reps)
	}
	mustWrite(t, dir, "practice.yaml", strings.Replace(fixturePractice, "Watch Test Practice", "Renamed Practice", 1))
	reps = r.rebuilt(t)
	if len(reps) == 0 || !reps[len(reps)-1].Full {
		t.Fatalf("practice.yaml change: %v", reps)
	}
	if _, body := r.get(t, issuePage(1, 1)); !strings.Contains(body, "Renamed Practice") {
		t.Error("practice name not updated on an issue page")
	}
}

func TestServeShutdownWithOpenStreams(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 1, 1)
	r := start(t, dir)
	r.subscribe(t).next(t)
	r.subscribe(t).next(t)
	begin := time.Now()
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("shutdown with open event streams took %v", d)
	}
}

func TestServeRefusesForeignHost(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 1, 1)
	r := start(t, dir)
	for host, want := range map[string]int{
		"evil.example":       http.StatusMisdirectedRequest,
		"evil.example:8080":  http.StatusMisdirectedRequest,
		"localhost:8080":     200,
		"127.0.0.1:8080":     200,
		"[::1]:8080":         200,
		"127.0.0.1.nip.io":   http.StatusMisdirectedRequest,
		"localhost.evil.com": http.StatusMisdirectedRequest,
	} {
		req, _ := http.NewRequest("GET", r.base+"/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

func TestListenRefusesPublicAddress(t *testing.T) {
	for _, tc := range []struct {
		addr   string
		public bool
		ok     bool
	}{
		{"127.0.0.1:0", false, true},
		{"localhost:0", false, true},
		{"[::1]:0", false, true},
		{":0", false, false},
		{"0.0.0.0:0", false, false},
		{"192.0.2.1:0", false, false},
		{"0.0.0.0:0", true, true},
		{"nonsense", false, false},
	} {
		ln, err := Listen(tc.addr, tc.public)
		if ln != nil {
			ln.Close()
		}
		if (err == nil) != tc.ok {
			t.Errorf("Listen(%q, public=%v): err %v, want ok=%v", tc.addr, tc.public, err, tc.ok)
		}
		if err != nil && tc.addr != "nonsense" && !strings.Contains(err.Error(), "case data") {
			t.Errorf("Listen(%q) refusal %q does not say why", tc.addr, err)
		}
	}
}

func TestInjectLeavesPageBytesAlone(t *testing.T) {
	page := []byte("<html><body><p>x</p></body></html>\n")
	orig := string(page)
	out := inject(page)
	if string(page) != orig {
		t.Error("inject modified its input")
	}
	want := `<html><body><p>x</p><script src="` + ScriptPath + `"></script>` + "\n</body></html>\n"
	if string(out) != want {
		t.Errorf("inject = %q, want %q", out, want)
	}
}

func TestOutputPath(t *testing.T) {
	for in, want := range map[string]string{
		"/":                      "private/index.html",
		"/cases/x/":              "private/cases/x/index.html",
		"/cases/x/issues/1.html": "private/cases/x/issues/1.html",
		"/style.css":             "private/style.css",
		"/public/":               "public/index.html",
		"/public/faq.html":       "public/faq.html",
		"/../../etc/passwd":      "private/etc/passwd",
	} {
		if got := outputPath(in); got != want {
			t.Errorf("outputPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestServeMisplacedFile: an issue saved beside case.md while serving is
// a warning naming its place; moved into issues/, the warning goes.
func TestServeMisplacedFile(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir, 1, 2)
	r := start(t, dir)
	stray := "content/cases/" + caseID(0) + "/003.md"
	want := stray + ": warning: pcdocket does not read this file: issue files are read from content/cases/" + caseID(0) + "/issues/ (did you mean content/cases/" + caseID(0) + "/issues/003.md?)"
	mustWrite(t, dir, stray, fixtureIssue(3, "Pickup"))
	reps := r.rebuilt(t)
	if last := reps[len(reps)-1]; !strings.Contains(fmt.Sprint(last.Findings), want) {
		t.Errorf("findings after saving %s:\n%v\nwant among them:\n%s", stray, last.Findings, want)
	}
	if err := os.Rename(filepath.Join(dir, filepath.FromSlash(stray)), filepath.Join(dir, "content/cases", caseID(0), "issues", "003.md")); err != nil {
		t.Fatal(err)
	}
	reps = r.rebuilt(t)
	if last := reps[len(reps)-1]; strings.Contains(fmt.Sprint(last.Findings), "does not read") {
		t.Errorf("findings after moving it into issues/: %v", last.Findings)
	}
}
