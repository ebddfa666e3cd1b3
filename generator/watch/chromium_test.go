package watch

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// The end-to-end test drives a real headless Chromium over the DevTools
// protocol. It speaks the protocol over --remote-debugging-pipe (JSON
// messages separated by NUL bytes on file descriptors 3 and 4), which needs
// neither a WebSocket client nor a driver library.

func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// cdp is a minimal DevTools protocol client.
type cdp struct {
	w       *os.File
	mu      sync.Mutex
	nextID  int
	pending map[int]chan cdpReply
}

type cdpReply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

func (c *cdp) read(r *os.File) {
	br := bufio.NewReader(r)
	for {
		msg, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m struct {
			ID int `json:"id"`
			cdpReply
		}
		if json.Unmarshal(msg[:len(msg)-1], &m) != nil || m.ID == 0 {
			continue // an event; this test polls instead
		}
		c.mu.Lock()
		ch := c.pending[m.ID]
		delete(c.pending, m.ID)
		c.mu.Unlock()
		if ch != nil {
			ch <- m.cdpReply
		}
	}
}

func (c *cdp) call(session, method string, params any, result any) error {
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan cdpReply, 1)
	c.pending[id] = ch
	c.mu.Unlock()
	msg := map[string]any{"id": id, "method": method, "params": params}
	if session != "" {
		msg["sessionId"] = session
	}
	b, _ := json.Marshal(msg)
	if _, err := c.w.Write(append(b, 0)); err != nil {
		return err
	}
	select {
	case r := <-ch:
		if r.Error != nil {
			return fmt.Errorf("%s: %s", method, r.Error.Message)
		}
		if result != nil {
			return json.Unmarshal(r.Result, result)
		}
		return nil
	case <-time.After(20 * time.Second):
		return fmt.Errorf("%s: no reply in 20 s", method)
	}
}

func TestChromiumReloadsOnEdit(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		t.Skip("no Chromium on PATH (Debian package chromium): skipping the end-to-end browser test")
	}
	dir := t.TempDir()
	writeFixture(t, dir, 1, 2)
	// One stream at most, so that the end of the test can push the page's
	// stream out.
	r := startWith(t, Config{Source: dir, MaxStreams: 1})

	inR, inW, err := os.Pipe() // the browser reads commands from fd 3
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe() // and writes replies to fd 4
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--remote-debugging-pipe", "--user-data-dir="+t.TempDir(), "about:blank")
	cmd.ExtraFiles = []*os.File{inR, outW}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	inR.Close()
	outW.Close()
	c := &cdp{w: inW, pending: map[int]chan cdpReply{}}
	go c.read(outR)
	t.Cleanup(func() {
		c.call("", "Browser.close", map[string]any{}, nil)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		inW.Close()
		outR.Close()
	})

	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := c.call("", "Target.createTarget", map[string]any{"url": r.base + issuePage(0, 1)}, &target); err != nil {
		t.Fatal(err)
	}
	var att struct {
		SessionID string `json:"sessionId"`
	}
	if err := c.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att); err != nil {
		t.Fatal(err)
	}
	eval := func(expr string) string {
		var res struct {
			Result struct {
				Value any `json:"value"`
			} `json:"result"`
		}
		if err := c.call(att.SessionID, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &res); err != nil {
			return ""
		}
		return fmt.Sprint(res.Result.Value)
	}
	waitFor := func(what, expr string, ok func(string) bool) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		var last string
		for time.Now().Before(deadline) {
			if last = eval(expr); ok(last) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s: still %q after 15 s", what, last)
	}
	connected := func() {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for r.subscribers() == 0 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if r.subscribers() == 0 {
			t.Fatal("the page never opened its event stream")
		}
	}
	const body = "document.body ? document.body.innerText : ''"
	const overlay = "(document.getElementById('pcdocket-overlay') || {}).innerText || ''"

	waitFor("page load", body, func(s string) bool { return strings.Contains(s, "Exchange time 1") })
	connected()
	// A marker a reload wipes out and a DOM patch would not.
	eval("window.pcdocketMarker = 1")

	mustWrite(t, dir, issueRel(0, 1), fixtureIssue(1, "Handover at the library"))
	waitFor("reload with the new text", body, func(s string) bool { return strings.Contains(s, "Handover at the library") })
	if m := eval("String(window.pcdocketMarker)"); m != "undefined" {
		t.Errorf("new text arrived without a reload (marker %q)", m)
	}
	connected()

	// An error shows the overlay over the last good page; the fix clears it.
	good := fixtureIssue(1, "Handover at the library")
	mustWrite(t, dir, issueRel(0, 1), strings.Replace(good, "clauses: [", "clauses: [[", 1))
	waitFor("error overlay", overlay, func(s string) bool { return strings.Contains(s, issueRel(0, 1)+":") })
	if !strings.Contains(eval(body), "Handover at the library") {
		t.Error("the last good page is not shown under the overlay")
	}
	if path := os.Getenv("PCDOCKET_SCREENSHOT"); path != "" {
		var shot struct {
			Data string `json:"data"`
		}
		if err := c.call(att.SessionID, "Page.captureScreenshot", map[string]any{"format": "png"}, &shot); err == nil {
			png, _ := base64.StdEncoding.DecodeString(shot.Data)
			os.WriteFile(path, png, 0o644)
		}
	}
	// Announced to screen readers, and dismissed from the keyboard: Tab
	// reaches its button first; Escape closes it.
	if role := eval("document.getElementById('pcdocket-overlay').getAttribute('role')"); role != "alert" {
		t.Errorf("overlay role %q, want alert", role)
	}
	eval("document.activeElement && document.activeElement.blur()")
	key := func(name string, code int) {
		for _, typ := range []string{"keyDown", "keyUp"} {
			c.call(att.SessionID, "Input.dispatchKeyEvent", map[string]any{"type": typ, "key": name, "code": name, "windowsVirtualKeyCode": code}, nil)
		}
	}
	key("Tab", 9)
	if id := eval("document.activeElement.id"); id != "pcdocket-overlay-dismiss" {
		t.Errorf("the first Tab stop is %q, want the overlay's dismiss button", id)
	}
	key("Escape", 27)
	waitFor("overlay dismissed by Escape", overlay, func(s string) bool { return s == "" })
	mustWrite(t, dir, issueRel(0, 1), strings.Replace(good, "category: exchanges", "category: exchangez", 1))
	waitFor("overlay back for a new error", overlay, func(s string) bool { return strings.Contains(s, issueRel(0, 1)+":") })
	eval("document.getElementById('pcdocket-overlay-dismiss').click()")
	waitFor("overlay dismissed by its button", overlay, func(s string) bool { return s == "" })

	mustWrite(t, dir, issueRel(0, 1), fixtureIssue(1, "Handover at the school gate"))
	waitFor("overlay cleared after the fix", "("+overlay+") + '|' + ("+body+")", func(s string) bool {
		return strings.HasPrefix(s, "|") && strings.Contains(s, "Handover at the school gate")
	})

	// Too many pages: a newer stream takes this page's place. The page is
	// told "bye" and stays disconnected (reconnecting, 500 ms later, would
	// push the newer stream out) until it is looked at again.
	connected()
	newer := r.subscribe(t)
	if h := newer.next(t); h.name != "hello" {
		t.Fatalf("newer stream: %+v", h)
	}
	select {
	case ev := <-newer.events:
		t.Fatalf("the evicted page reconnected and pushed the newer stream out: %+v", ev)
	case <-time.After(2 * time.Second):
	}
	eval("document.dispatchEvent(new Event('visibilitychange'))") // headless pages are visible
	if ev := newer.next(t); ev.name != "bye" {
		t.Errorf("after the page was looked at again: %+v, want the newer stream told bye", ev)
	}
	connected()
}
