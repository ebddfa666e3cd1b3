package vault_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcdocket/generator/vault"
)

// The end-to-end test drives Debian's chromium through the DevTools
// protocol over --remote-debugging-pipe (file descriptors 3 and 4,
// NUL-terminated JSON), so it needs no module beyond the standard library
// and no test-only hook in the shell: it types into the same form a reader
// uses.

const chromiumPath = "/usr/bin/chromium"

type browser struct {
	t    *testing.T
	cmd  *exec.Cmd
	w    *os.File
	msgs chan map[string]any
	id   int
}

func startChromium(t *testing.T) *browser {
	t.Helper()
	bin := chromiumPath
	if _, err := os.Stat(bin); err != nil {
		if bin, err = exec.LookPath("chromium"); err != nil {
			t.Skip("chromium is not installed (apt-get install chromium): skipping the end-to-end browser test")
		}
	}
	inR, inW, err := os.Pipe() // we write commands, chromium reads fd 3
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe() // chromium writes fd 4, we read
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--disable-extensions", "--remote-debugging-pipe",
		"--user-data-dir="+t.TempDir(), "about:blank")
	cmd.ExtraFiles = []*os.File{inR, outW}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	inR.Close()
	outW.Close()
	b := &browser{t: t, cmd: cmd, w: inW, msgs: make(chan map[string]any, 256)}
	go func() {
		r := bufio.NewReader(outR)
		for {
			line, err := r.ReadBytes(0)
			if err != nil {
				close(b.msgs)
				return
			}
			var m map[string]any
			if json.Unmarshal(line[:len(line)-1], &m) == nil {
				b.msgs <- m
			}
		}
	}()
	t.Cleanup(func() {
		b.send("", "Browser.close", nil)
		inW.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill() // our own child, by its process
			<-done
		}
	})
	return b
}

func (b *browser) send(session, method string, params map[string]any) int {
	b.id++
	m := map[string]any{"id": b.id, "method": method, "params": params}
	if params == nil {
		m["params"] = map[string]any{}
	}
	if session != "" {
		m["sessionId"] = session
	}
	data, _ := json.Marshal(m)
	b.w.Write(append(data, 0))
	return b.id
}

// call sends a command and waits for its result, dropping events.
func (b *browser) call(session, method string, params map[string]any) map[string]any {
	b.t.Helper()
	r, err := b.tryCall(session, method, params)
	if err != nil {
		b.t.Fatalf("%s: %v", method, err)
	}
	return r
}

// tryCall is call returning the protocol's error instead of failing: a
// command in flight while the page navigates fails harmlessly.
func (b *browser) tryCall(session, method string, params map[string]any) (map[string]any, error) {
	b.t.Helper()
	id := b.send(session, method, params)
	timeout := time.After(60 * time.Second)
	for {
		select {
		case m, ok := <-b.msgs:
			if !ok {
				b.t.Fatalf("%s: chromium closed the pipe", method)
			}
			if v, _ := m["id"].(float64); int(v) != id {
				continue
			}
			if e, ok := m["error"]; ok {
				return nil, fmt.Errorf("%v", e)
			}
			r, _ := m["result"].(map[string]any)
			return r, nil
		case <-timeout:
			b.t.Fatalf("%s: no answer from chromium", method)
		}
	}
}

// tab is one page in its own browser context, so its sessionStorage
// starts empty.
type tab struct {
	b       *browser
	session string
}

func (b *browser) newTab() *tab {
	ctx := b.call("", "Target.createBrowserContext", nil)["browserContextId"]
	target := b.call("", "Target.createTarget", map[string]any{"url": "about:blank", "browserContextId": ctx})["targetId"]
	s := b.call("", "Target.attachToTarget", map[string]any{"targetId": target, "flatten": true})["sessionId"].(string)
	b.call(s, "Runtime.enable", nil)
	return &tab{b, s}
}

// navigate loads url. The old page's state is marked first, so that
// waitState cannot mistake it for the new page's.
func (tb *tab) navigate(url string) {
	tb.eval(`window.pcvState = "leaving"; true`)
	tb.b.call(tb.session, "Page.navigate", map[string]any{"url": url})
}

// eval returns the value of a JavaScript expression in the page.
func (tb *tab) eval(expr string) any {
	r := tb.b.call(tb.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true})
	if ex, ok := r["exceptionDetails"]; ok {
		tb.b.t.Fatalf("evaluating %s: %v", expr, ex)
	}
	res, _ := r["result"].(map[string]any)
	return res["value"]
}

func (tb *tab) str(expr string) string {
	v, _ := tb.eval(expr).(string)
	return v
}

// waitState waits until the shell reports one of the states and returns
// it; "open" is also reported after the page replaced the shell.
func (tb *tab) waitState(states ...string) string {
	tb.b.t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		// The page may be navigating (the shell replaces itself, a link
		// was clicked): an evaluation that fails then is retried.
		var s string
		r, err := tb.b.tryCall(tb.session, "Runtime.evaluate", map[string]any{"expression": "String(window.pcvState || '')", "returnByValue": true})
		if err == nil {
			if res, ok := r["result"].(map[string]any); ok {
				s, _ = res["value"].(string)
			}
		}
		for _, want := range states {
			if s == want {
				return s
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.b.t.Fatalf("the page never reached %v (state %q, url %s, text %.300q)", states, tb.str("String(window.pcvState)"), tb.str("location.href"), tb.str("document.body ? document.body.innerText : ''"))
	return ""
}

// typePassphrase types into the shell's form as a reader would and submits.
func (tb *tab) typePassphrase(pass string) {
	tb.eval(`document.getElementById("pcv-pass").focus(); document.getElementById("pcv-pass").value = ""; true`)
	tb.b.call(tb.session, "Input.insertText", map[string]any{"text": pass})
	tb.eval(`document.getElementById("pcv-submit").click(); true`)
}

func TestBrowserEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the end-to-end browser test")
	}
	b := startChromium(t)
	// The real iteration count: the point is to see it work, and how long
	// it takes, in a real browser.
	start := time.Now()
	dir, p := buildSample(t, vault.DefaultIterations)
	t.Logf("encrypted build of the sample with %d iterations: %v", vault.DefaultIterations, time.Since(start).Round(time.Millisecond))
	srv := httptest.NewServer(http.FileServer(http.Dir(dir))) // listens on 127.0.0.1
	defer srv.Close()

	// Where each case's pages and the documents ended up, from the
	// coordinator's own view of the output.
	krJS, _ := os.ReadFile(filepath.Join(dir, vault.KeyringFile))
	kr, err := vault.ParseKeyring(krJS)
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	coord, err := kr.Unlock(coordPass)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Go: one PBKDF2-SHA256 derivation (%d iterations) and unwrap: %v", kr.Iterations, time.Since(start).Round(time.Millisecond))
	homeOf := map[string]string{} // case id -> shell name
	var pdfShell, pdfName string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		_, orig, body, err := kr.Open(e.Name(), data, coord)
		if err != nil {
			continue
		}
		if strings.HasSuffix(orig, ".pdf") && pdfShell == "" {
			pdfShell, pdfName = e.Name(), orig
		}
		for _, c := range p.Cases {
			if orig == "index.html" && strings.Contains(string(body), "<h1>"+templateEscape(c.Title)+"</h1>") {
				homeOf[c.ID] = e.Name()
			}
		}
	}
	_, ids := samplePassphrases(t, p)
	titleOf := map[string]string{}
	for _, c := range p.Cases {
		titleOf[c.ID] = c.Title
	}
	if homeOf[ids[0]] == "" || homeOf[ids[2]] == "" {
		t.Fatalf("could not find the case pages in the output: %v", homeOf)
	}

	t.Run("wrong passphrase", func(t *testing.T) {
		tb := b.newTab()
		tb.navigate(srv.URL + "/index.html")
		tb.waitState("locked")
		if tb.str(`document.body.innerText`) == "" || strings.Contains(tb.str(`document.body.innerText`), "Docket") {
			t.Error("the locked page shows the docket")
		}
		tb.typePassphrase("not the passphrase, sorry")
		tb.waitState("wrong")
		msg := tb.str(`document.getElementById("pcv-message").innerText`)
		if !strings.Contains(msg, "Wrong passphrase") || tb.eval(`document.getElementById("pcv-message").hidden`) != false {
			t.Errorf("message %q, want a visible 'Wrong passphrase'", msg)
		}
	})

	t.Run("coordinator", func(t *testing.T) {
		tb := b.newTab()
		tb.navigate(srv.URL + "/")
		tb.waitState("locked")
		tb.typePassphrase(coordPass)
		tb.waitState("open")
		if h := tb.str(`document.querySelector("h1").innerText`); h != "Docket" {
			t.Fatalf("h1 %q, want Docket", h)
		}
		t.Logf("browser: PBKDF2 derivation and unwrap for the coordinator: %.0f ms", tb.eval("window.pcvDeriveMs"))
		// Follow the docket's link to a case: no passphrase asked again.
		href := tb.str(fmt.Sprintf(`(Array.from(document.querySelectorAll("a")).find(a => a.textContent.trim() === %q) || {}).href || ""`, titleOf[ids[2]]))
		if !strings.HasSuffix(href, "/"+homeOf[ids[2]]) {
			t.Fatalf("the docket's link to %s is %q, want .../%s", ids[2], href, homeOf[ids[2]])
		}
		tb.eval(fmt.Sprintf(`window.pcvState = "leaving"; Array.from(document.querySelectorAll("a")).find(a => a.textContent.trim() === %q).click(); true`, titleOf[ids[2]]))
		if s := tb.waitState("open", "locked", "refused"); s != "open" {
			t.Fatalf("navigating asked again (state %q)", s)
		}
		if h := tb.str(`document.querySelector("h1").innerText`); h != titleOf[ids[2]] {
			t.Errorf("case page h1 %q, want %q", h, titleOf[ids[2]])
		}
		if tb.str(`document.querySelector("nav.site").innerText`) == "" || !strings.Contains(tb.str(`document.querySelector("nav.site").innerText`), "Docket") {
			t.Error("the coordinator's case page lost its link to the docket")
		}
		if pdfShell == "" {
			t.Log("the build has no documents: skipping the PDF download")
			return
		}
		tb.navigate(srv.URL + "/" + pdfShell)
		tb.waitState("download")
		if got := tb.str(`document.getElementById("pcv-file").download`); got != pdfName {
			t.Errorf("download named %q, want %q", got, pdfName)
		}
		head := tb.str(`fetch(document.getElementById("pcv-file").href).then(r => r.arrayBuffer()).then(b => new TextDecoder().decode(new Uint8Array(b).slice(0, 5)))`)
		if head != "%PDF-" {
			t.Errorf("the download starts %q, want %%PDF-", head)
		}
	})

	t.Run("parent", func(t *testing.T) {
		tb := b.newTab()
		// A parent may start at the site's address: the entry page tries
		// every slot and sends them to their own case.
		tb.navigate(srv.URL + "/index.html")
		tb.waitState("locked")
		typed := time.Now()
		tb.typePassphrase(cPass)
		tb.waitState("open")
		t.Logf("browser: a parent at the entry page (%d slots, theirs tried last but one) sees their case after %v", len(kr.Slots), time.Since(typed).Round(time.Millisecond))
		if u := tb.str("location.pathname"); u != "/"+homeOf[ids[2]] {
			t.Errorf("parent landed on %s, want their case page /%s", u, homeOf[ids[2]])
		}
		if h := tb.str(`document.querySelector("h1").innerText`); h != titleOf[ids[2]] {
			t.Errorf("parent's home h1 %q, want %q", h, titleOf[ids[2]])
		}
		if strings.Contains(tb.str(`document.querySelector("nav.site").innerText`), "Docket") {
			t.Error("the parent's page still links to the docket")
		}
		// Another family's case: refused, plainly, without showing it.
		tb.navigate(srv.URL + "/" + homeOf[ids[0]])
		tb.waitState("refused")
		msg := tb.str(`document.getElementById("pcv-message").innerText`)
		if !strings.Contains(msg, "does not open this page") {
			t.Errorf("refusal message %q", msg)
		}
		if strings.Contains(tb.str("document.body.innerText"), titleOf[ids[0]]) {
			t.Error("the refusal shows the other case's title")
		}
		// The docket: refused too; going back to the entry page sends the
		// parent home without asking again.
		tb.navigate(srv.URL + "/index.html")
		tb.waitState("open")
		if h := tb.str(`document.querySelector("h1").innerText`); h != titleOf[ids[2]] {
			t.Errorf("the entry page showed %q to a parent, want their case", h)
		}
	})
}

func templateEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")
	return r.Replace(s)
}
