package vault_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcdocket/generator/practice"
	"pcdocket/generator/vault"
)

// The portal tests walk the encrypted sample as a parent would, with the
// keyboard alone, and check every state of every page they reach with
// axe-core at a phone's width and a desktop's. axe-core comes from
// tests/a11y (npm ci there, as tests/a11y/run.sh does); without it the
// axe checks are skipped, unless PCDOCKET_REQUIRE_AXE is set, as CI sets
// it.

// axePath is axe-core's script, installed by tests/a11y/run.sh.
const axePath = "../../tests/a11y/node_modules/axe-core/axe.min.js"

// loadAxe returns axe-core's source, or "" when it is not installed and
// not required.
func loadAxe(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(axePath)
	if err != nil {
		if os.Getenv("PCDOCKET_REQUIRE_AXE") != "" {
			t.Fatalf("axe-core is required (PCDOCKET_REQUIRE_AXE) but missing: %v; run tests/a11y/run.sh once or npm ci in tests/a11y", err)
		}
		t.Logf("axe-core is not installed (%v): skipping the accessibility checks, keeping the keyboard walk", err)
		return ""
	}
	return string(src)
}

// press presses and releases a key as a keyboard does: Tab moves the focus,
// Enter follows a link or submits a form.
func (tb *tab) press(name string) {
	codes := map[string]int{"Tab": 9, "Enter": 13, "Escape": 27}
	down := map[string]any{"type": "keyDown", "key": name, "code": name, "windowsVirtualKeyCode": codes[name], "nativeVirtualKeyCode": codes[name]}
	if name == "Enter" {
		down["text"] = "\r"
	}
	tb.b.call(tb.session, "Input.dispatchKeyEvent", down)
	tb.b.call(tb.session, "Input.dispatchKeyEvent", map[string]any{"type": "keyUp", "key": name, "code": name, "windowsVirtualKeyCode": codes[name], "nativeVirtualKeyCode": codes[name]})
}

// focused describes the element that has the focus, and whether it shows
// a focus ring (an outline of at least 2 px).
type focused struct {
	Tag, ID, Class, Text, Href string
	Ring                       bool
}

func (tb *tab) focused() focused {
	var f focused
	js := tb.str(`(() => {
		const e = document.activeElement;
		if (!e || e === document.body) return JSON.stringify({Tag: "BODY"});
		const s = getComputedStyle(e);
		return JSON.stringify({Tag: e.tagName, ID: e.id, Class: e.className, Text: (e.innerText || e.value || "").trim().slice(0, 80),
			Href: e.getAttribute("href") || "", Ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2});
	})()`)
	if err := json.Unmarshal([]byte(js), &f); err != nil {
		tb.b.t.Fatalf("active element: %v (%q)", err, js)
	}
	return f
}

// tabTo presses Tab until match accepts the focused element, checking that
// every element the focus passes shows a focus ring.
func (tb *tab) tabTo(t *testing.T, what string, match func(focused) bool) focused {
	t.Helper()
	for i := 0; i < 300; i++ {
		tb.press("Tab")
		f := tb.focused()
		if f.Tag != "BODY" && !f.Ring {
			t.Errorf("Tab stop %d (%s %q, id %q, class %q) has no visible focus ring", i+1, f.Tag, f.Text, f.ID, f.Class)
		}
		if match(f) {
			return f
		}
	}
	t.Fatalf("300 presses of Tab never reached %s", what)
	return focused{}
}

// axe runs axe-core on the page at 375 and 1280 px and reports every
// violation, whatever its impact.
func (tb *tab) axe(t *testing.T, src, where string) {
	t.Helper()
	if src == "" {
		return
	}
	for _, width := range []int{375, 1280} {
		for _, v := range tb.axeViolations(t, src, width) {
			t.Errorf("axe, %s at %d px: %s", where, width, v)
		}
	}
	tb.b.call(tb.session, "Emulation.clearDeviceMetricsOverride", nil)
}

// axeViolations runs axe-core (WCAG 2.0 to 2.2 A and AA, and best
// practices, as tests/a11y/axe-check.mjs does) at a viewport width and
// lists its violations as "impact rule: elements".
func (tb *tab) axeViolations(t *testing.T, src string, width int) []string {
	t.Helper()
	tb.b.call(tb.session, "Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600})
	if tb.eval(`typeof axe === "object"`) != true {
		r := tb.b.call(tb.session, "Runtime.evaluate", map[string]any{"expression": src, "returnByValue": true})
		if ex, ok := r["exceptionDetails"]; ok {
			t.Fatalf("loading axe-core: %v", ex)
		}
	}
	out := tb.str(`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
		resultTypes: ["violations"],
	}).then(r => JSON.stringify(r.violations.map(v => v.impact + " " + v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join("; "))))`)
	var vs []string
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("axe: %v (%q)", err, out)
	}
	return vs
}

// TestPortalKeyboard walks the portal with the keyboard alone: a parent
// opens their personal link, types their passphrase and presses Enter,
// reads their case, follows an issue link and the issue's PDF link, and
// searches; the coordinator unlocks the general entry page and opens a
// case from the docket. Every page and state passes axe-core.
func TestPortalKeyboard(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the browser test")
	}
	axeSrc := loadAxe(t)
	b := startChromium(t)
	dir, p := buildSample(t, vault.DefaultIterations)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	ps, ids := samplePassphrases(t, p)
	var link vault.PersonalLink
	for _, l := range vault.PersonalLinks(p, ps) {
		if l.Case == ids[0] && l.Parent == "parent_a" {
			link = l
		}
	}
	if link.Case == "" {
		t.Fatalf("no personal link for %s parent_a", ids[0])
	}
	title := p.Cases[0].Title

	t.Run("parent", func(t *testing.T) {
		tb := b.newTab()
		tb.navigate(srv.URL + "/" + link.Href())
		tb.waitState("locked")
		tb.axe(t, axeSrc, "entry page through a personal link")
		if f := tb.focused(); f.ID != "pcv-pass" {
			t.Fatalf("the passphrase field does not have the focus on arrival (%+v)", f)
		}

		// A wrong passphrase: told so, with the way to the general page.
		tb.b.call(tb.session, "Input.insertText", map[string]any{"text": "not the passphrase, sorry"})
		tb.press("Enter")
		tb.waitState("wrong")
		if msg := tb.str(`document.getElementById("pcv-message").innerText`); !strings.Contains(msg, "Wrong passphrase for this personal link") {
			t.Errorf("message %q", msg)
		}
		if href := tb.str(`(document.getElementById("pcv-general") || {}).getAttribute?.("href") || ""`); href != "index.html" {
			t.Errorf("the way to the general entry page is %q, want index.html", href)
		}
		tb.axe(t, axeSrc, "wrong passphrase through a personal link")

		// The right one, typed into the field that still has the focus.
		tb.eval(`document.getElementById("pcv-pass").value = ""; true`)
		if f := tb.focused(); f.ID != "pcv-pass" {
			t.Fatalf("after a wrong passphrase the focus is on %+v, want the field", f)
		}
		tb.b.call(tb.session, "Input.insertText", map[string]any{"text": aPass})
		typed := time.Now()
		tb.press("Enter")
		tb.waitState("open")
		t.Logf("parent through the personal link: case page shown %v after Enter", time.Since(typed).Round(time.Millisecond))
		if h := tb.str(`document.querySelector("h1").innerText`); h != title {
			t.Fatalf("landed on %q, want the case %q", h, title)
		}
		tb.axe(t, axeSrc, "the parent's case page")

		// Tab from the top to an issue with a document, and Enter.
		tb.eval(`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); true`)
		issue := tb.tabTo(t, "an issue link of the issues table", func(f focused) bool {
			return f.Tag == "A" && tb.eval(`!!document.activeElement.closest("table.issues") && !!document.activeElement.parentElement.querySelector("a.doc") && !document.activeElement.classList.contains("doc")`) == true
		})
		tb.eval(`window.pcvState = "leaving"; true`)
		tb.press("Enter")
		if s := tb.waitState("open", "locked", "refused"); s != "open" {
			t.Fatalf("following %q asked again (state %q)", issue.Text, s)
		}
		if h := tb.str(`document.querySelector("h1").innerText`); !strings.Contains(h, issue.Text) {
			t.Errorf("the issue page's h1 %q does not name %q", h, issue.Text)
		}
		tb.axe(t, axeSrc, "an issue page of the parent's case")

		// The issue's PDF, by keyboard: the download page offers the file.
		tb.eval(`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); true`)
		tb.tabTo(t, "the issue's PDF link", func(f focused) bool { return f.Tag == "A" && strings.Contains(f.Text, "PDF") })
		tb.eval(`window.pcvState = "leaving"; true`)
		tb.press("Enter")
		tb.waitState("download")
		if name := tb.str(`(document.getElementById("pcv-file") || {}).download || ""`); !strings.HasSuffix(name, ".pdf") {
			t.Errorf("the download page offers %q, want a PDF", name)
		}
		tb.axe(t, axeSrc, "a PDF's download page")
	})

	// The parent's own fee statement, by keyboard, from the case page,
	// which lists it alone: the other parent's item is taken out.
	t.Run("statement", func(t *testing.T) {
		tb := b.newTab()
		tb.navigate(srv.URL + "/" + link.Href())
		tb.waitState("locked")
		tb.b.call(tb.session, "Input.insertText", map[string]any{"text": aPass})
		tb.press("Enter")
		tb.waitState("open")
		items := tb.str(`JSON.stringify([...document.querySelectorAll("ul[data-pcv-mine] li")].map(li => li.innerText))`)
		own := p.Cases[0].PartyName("parent_a")
		if want, _ := json.Marshal([]string{"Statement for June 2026: " + own}); items != string(want) {
			t.Fatalf("the parent's case page lists the statements %s, want %s", items, want)
		}
		tb.eval(`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); true`)
		tb.tabTo(t, "the parent's statement link", func(f focused) bool {
			return f.Tag == "A" && strings.HasPrefix(f.Text, "Statement for June 2026")
		})
		tb.eval(`window.pcvState = "leaving"; true`)
		tb.press("Enter")
		if s := tb.waitState("download", "locked", "refused"); s != "download" {
			t.Fatalf("following the statement link: state %q", s)
		}
		want := ids[0] + "-" + sampleStatements + "-parent_a.pdf"
		if name := tb.str(`(document.getElementById("pcv-file") || {}).download || ""`); name != want {
			t.Errorf("the download page offers %q, want %q", name, want)
		}
		tb.axe(t, axeSrc, "the statement's download page")
	})

	t.Run("search", func(t *testing.T) {
		tb := b.newTab()
		tb.navigate(srv.URL + "/" + link.Href())
		tb.waitState("locked")
		tb.b.call(tb.session, "Input.insertText", map[string]any{"text": aPass})
		tb.press("Enter")
		tb.waitState("open")
		tb.eval(`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); true`)
		tb.tabTo(t, "the search box", func(f focused) bool { return f.ID == "pcd-q" })
		word := strings.Fields(p.Cases[0].Issues[0].Title)[0]
		tb.b.call(tb.session, "Input.insertText", map[string]any{"text": word})
		deadline := time.Now().Add(20 * time.Second)
		for tb.eval(`document.querySelectorAll("#pcd-results a").length`) == 0.0 && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		tb.axe(t, axeSrc, "search results")
		res := tb.tabTo(t, "a search result", func(f focused) bool {
			return f.Tag == "A" && tb.eval(`!!document.activeElement.closest("#pcd-results")`) == true
		})
		tb.eval(`window.pcvState = "leaving"; true`)
		tb.press("Enter")
		if s := tb.waitState("open", "locked", "refused"); s != "open" {
			t.Fatalf("following the search result %q: state %q", res.Text, s)
		}
		if h := tb.str(`document.querySelector("h1").innerText`); !strings.Contains(h, res.Text) && !strings.Contains(res.Text, h) {
			t.Errorf("the search result %q led to %q", res.Text, h)
		}
	})

	t.Run("coordinator", func(t *testing.T) {
		tb := b.newTab()
		tb.navigate(srv.URL + "/index.html")
		tb.waitState("locked")
		tb.axe(t, axeSrc, "the general entry page")
		tb.b.call(tb.session, "Input.insertText", map[string]any{"text": coordPass})
		tb.press("Enter")
		tb.waitState("open")
		tb.axe(t, axeSrc, "the docket")
		tb.eval(`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); true`)
		tb.tabTo(t, "the case's link in the docket's cases table", func(f focused) bool {
			return f.Tag == "A" && f.Text == title && tb.eval(`!!document.activeElement.closest("table.cases")`) == true
		})
		tb.eval(`window.pcvState = "leaving"; true`)
		tb.press("Enter")
		tb.waitState("open")
		if h := tb.str(`document.querySelector("h1").innerText`); h != title {
			t.Errorf("the coordinator opened %q, want %q", h, title)
		}
		// The checks above can fail: a heading that skips a level, on the
		// page just checked, is reported.
		if axeSrc != "" {
			tb.eval(`document.querySelector("main").insertAdjacentHTML("beforeend", "<h5>Skipped</h5>"); true`)
			if vs := tb.axeViolations(t, axeSrc, 1280); !strings.Contains(fmt.Sprint(vs), "heading-order") {
				t.Errorf("axe did not report an h5 after an h2: %v", vs)
			}
		}
	})
}

// TestPortalNFC types a parent's passphrase decomposed (e and a combining
// accent) into a site keyed with it composed (é), and the other way round.
func TestPortalNFC(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the browser test")
	}
	const composed = "tr\u00e8s s\u00fbr caf\u00e9 lanterne"
	const decomposed = "tre\u0300s su\u0302r cafe\u0301 lanterne"
	b := startChromium(t)
	p, files := smallPractice(t, 2)
	ps := &vault.Passphrases{Coordinator: coordPass, Cases: map[string]vault.Parents{
		p.Cases[0].ID: {ParentA: composed},
		p.Cases[1].ID: {ParentA: "bravo " + decomposed},
	}}
	dir := sealTo(t, p, files, ps, vault.DefaultIterations)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	for _, tt := range []struct {
		typed, slot, want string
	}{
		{decomposed, "1", p.Cases[0].Title},
		{"bravo " + composed, "2", p.Cases[1].Title},
		{decomposed, "", p.Cases[0].Title}, // the general entry page too
	} {
		tb := b.newTab()
		u := srv.URL + "/index.html"
		if tt.slot != "" {
			u += "#slot=" + tt.slot
		}
		tb.navigate(u)
		tb.waitState("locked")
		tb.typePassphrase(tt.typed)
		if s := tb.waitState("open", "wrong"); s != "open" {
			t.Errorf("%+q at %s: %s", tt.typed, u, s)
			continue
		}
		if h := tb.str(`document.querySelector("h1").innerText`); h != tt.want {
			t.Errorf("%+q at %s opened %q, want %q", tt.typed, u, h, tt.want)
		}
	}
}

// smallPractice is a practice of n cases with one page each, and the
// docket; the cases are named case-0001, case-0002…
func smallPractice(t testing.TB, n int) (*practice.Practice, []vault.File) {
	t.Helper()
	p := &practice.Practice{Name: "Unlock Test Practice"}
	var docket strings.Builder
	docket.WriteString(`<!DOCTYPE html><html lang="en"><head><title>Docket</title></head><body><main><h1>Docket</h1><ul>`)
	files := []vault.File{}
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("case-%04d", i)
		c := &practice.Case{ID: id, Title: "Family " + id}
		p.Cases = append(p.Cases, c)
		fmt.Fprintf(&docket, `<li><a href="cases/%s/index.html">%s</a></li>`, id, c.Title)
		files = append(files, vault.File{Path: "cases/" + id + "/index.html", Data: []byte(`<!DOCTYPE html><html lang="en"><head><title>` + c.Title + `</title></head><body><main><h1>` + c.Title + `</h1></main></body></html>`)})
	}
	docket.WriteString(`</ul></main></body></html>`)
	files = append(files, vault.File{Path: "index.html", Data: []byte(docket.String())})
	return p, files
}

// sealTo seals files into a new folder and returns it.
func sealTo(t testing.TB, p *practice.Practice, files []vault.File, ps *vault.Passphrases, iter int) string {
	t.Helper()
	out, err := vault.Encrypt(p, files, vault.WithIterations(vault.Options{Passphrases: ps}, iter))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range out {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f.Path)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Path), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
