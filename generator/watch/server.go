// Package watch is pcdocket's watch mode: it builds a practice, serves the
// result from memory over HTTP, watches the practice folder with fsnotify
// and, on a change, rebuilds what the change affects and tells every open
// page to reload, by server-sent events.
//
// The served site lives in memory only: nothing under output/ is written
// (`pcdocket build` does that), and the reload script is injected into HTML
// responses as they are served, never into files. A rebuild that finds errors
// keeps the last good site and sends the errors to the pages, which show
// them in an overlay until a rebuild succeeds.
package watch

import (
	"bytes"
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"pcdocket/generator/build"
	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

//go:embed live.js
var liveJS []byte

// Paths the server answers itself; a site page can never have them, as
// package parse allows no leading underscore in ids.
const (
	EventsPath = "/_pcdocket/events"
	ScriptPath = "/_pcdocket/live.js"
)

// Config configures a Server.
type Config struct {
	Source   string        // the practice folder
	AsOf     practice.Date // reference date; zero means today, turning over at midnight
	Debounce time.Duration // quiet time after the last event; zero means DefaultDebounce
	// NoDocuments leaves out the PDF documents: faster rebuilds of
	// determinations and agreements, at the price of dead document links.
	NoDocuments bool
	// PublicBind lets the server answer requests whatever their Host header.
	// Without it, only requests for localhost or a loopback address are
	// served: a web page elsewhere cannot read case data by pointing a
	// domain name at 127.0.0.1 (DNS rebinding).
	PublicBind bool
	// MaxStreams bounds the live-reload event streams open at once; zero
	// means DefaultMaxStreams. When it is reached, a new page takes the
	// place of the oldest: a tab opened now always reloads, and no number
	// of connections can grow the server's memory without bound.
	MaxStreams int
	// OnRebuild, if set, is called after every build, the first included,
	// from the goroutine that built.
	OnRebuild func(Report)
}

// Limits of the HTTP server. A browser holds one event stream per open
// tab; a tester's 5,000 streams once held 130 MB until the server exited.
const (
	// DefaultMaxStreams is the default Config.MaxStreams: far more tabs
	// than anyone keeps open on one practice.
	DefaultMaxStreams = 64
	// readHeaderTimeout drops a connection that never finishes its request.
	readHeaderTimeout = 10 * time.Second
	// idleTimeout closes a kept-alive connection that asks for nothing.
	idleTimeout = 30 * time.Second
	// writeTimeout drops an event stream whose reader has stopped reading,
	// rather than holding its goroutine and buffers forever.
	writeTimeout = 10 * time.Second
	// keepAlive is how often an idle event stream gets a comment, so a
	// vanished reader is noticed by a failing write.
	keepAlive = 25 * time.Second
	// releaseAfter is how many connections must have come and gone before
	// their memory is handed back (see conns).
	releaseAfter = 256
)

// A Report describes one build of the server.
type Report struct {
	Generation int      // counts successful builds; the served site's version
	Changed    []string // input paths that changed (none for the first build)
	Full       bool     // every page was rendered
	Rendered   []string // output paths rendered ("private/index.html")
	Removed    []string // output paths that are gone
	Findings   diag.List
	// Err is nil, a *diag.ListError when the practice has errors, or another
	// error (a broken template). The last good site is served meanwhile.
	Err      error
	Duration time.Duration
	Sent     time.Time // when the reload or errors event went to the pages

	files map[string][]byte // the site built, until it is published
}

// String formats the report as one terminal line: what changed, what was
// rendered, how long it took.
func (r Report) String() string {
	var what string
	switch len(r.Changed) {
	case 0:
		what = "initial build"
	case 1:
		what = r.Changed[0]
	default:
		what = fmt.Sprintf("%s and %d more", r.Changed[0], len(r.Changed)-1)
	}
	ms := r.Duration.Milliseconds()
	errs, warns := r.Findings.Count()
	var le *diag.ListError
	switch {
	case errors.As(r.Err, &le):
		return fmt.Sprintf("%s: %s, serving the last good site (%d ms)", what, diag.Plural(errs, "error"), ms)
	case r.Err != nil:
		return fmt.Sprintf("%s: %v; serving the last good site (%d ms)", what, r.Err, ms)
	}
	s := fmt.Sprintf("%s: %s re-rendered", what, diag.Plural(len(r.Rendered), "page"))
	if r.Full {
		s = fmt.Sprintf("%s: full rebuild, %s", what, diag.Plural(len(r.Rendered), "page"))
	}
	if len(r.Removed) > 0 {
		s += fmt.Sprintf(", %d removed", len(r.Removed))
	}
	s += fmt.Sprintf(" in %d ms", ms)
	if warns > 0 {
		s += fmt.Sprintf(" (%s)", diag.Plural(warns, "warning"))
	}
	return s
}

// state is what the server shows: the last good site and the current errors.
// It is replaced whole, never modified.
type state struct {
	files      map[string][]byte
	generation int
	errors     []string // overlay lines, "path:line: message"
}

// Server serves a practice's site from memory and reloads it on changes.
type Server struct {
	cfg Config
	id  string // tells a restarted server from the one a page last saw

	mu     sync.Mutex // serialises builds
	inc    *build.Incremental
	builds int         // counts the watcher's builds, so a held failure knows it is stale
	held   *time.Timer // publishes a failed build's errors (rebuild)
	state  state

	conns conns

	smu     sync.RWMutex  // guards state reads and subscribers
	subs    []*subscriber // the open event streams, oldest first
	closing chan struct{}
	once    sync.Once
}

type event struct{ name, data string }

// A subscriber is one open event stream.
type subscriber struct {
	// events holds the latest event not yet written. One is enough: a
	// reload or errors event describes the whole current state, so a newer
	// one replaces an unread older one.
	events chan event
	// evicted is closed when a newer page takes this stream's place.
	evicted chan struct{}
}

// New returns a Server for cfg. Nothing is read until Build.
func New(cfg Config) *Server {
	var b [6]byte
	rand.Read(b[:])
	return &Server{
		cfg:     cfg,
		id:      hex.EncodeToString(b[:]),
		inc:     build.NewIncremental(build.Options{Source: cfg.Source, AsOf: cfg.AsOf, NoDocuments: cfg.NoDocuments}),
		closing: make(chan struct{}),
		conns:   conns{release: debug.FreeOSMemory},
	}
}

// Build builds after the given inputs changed (nil: build everything), makes
// the result the served site when it has no errors, and tells the open pages
// to reload, or shows them the errors.
func (s *Server) Build(ctx context.Context, changed []string) Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.build(ctx, changed)
	s.publish(&r)
	return r
}

// rebuild is Build for the watcher, which reports a save as soon as it
// settles (DefaultSettle): a file written in place can be read between its
// truncation and its write, and fail to parse. So a good build is shown at
// once, and a failed one only when no other build followed within the
// debounce: the overlay does not flash the errors of a half-written file.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.builds++
	if s.held != nil {
		s.held.Stop() // this build's outcome replaces the held one
		s.held = nil
	}
	r := s.build(ctx, changed)
	if r.Err == nil {
		s.publish(&r)
		return
	}
	n := s.builds
	s.held = time.AfterFunc(s.debounce(), func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.builds == n { // no build since
			s.publish(&r)
		}
	})
}

func (s *Server) debounce() time.Duration {
	if s.cfg.Debounce > 0 {
		return s.cfg.Debounce
	}
	return DefaultDebounce
}

// build rebuilds; s.mu is held.
func (s *Server) build(ctx context.Context, changed []string) Report {
	u, err := s.inc.Rebuild(ctx, changed)
	return Report{Changed: u.Changed, Full: u.Full, Rendered: u.Rendered, Removed: u.Removed,
		Findings: u.Findings, Err: err, Duration: u.Duration, files: u.Files}
}

// publish makes r's site, or its errors, what the server shows, tells the
// pages, and reports r to OnRebuild; s.mu is held.
func (s *Server) publish(r *Report) {
	s.smu.Lock()
	next := s.state
	var ev event
	if r.Err == nil {
		next.files = r.files
		next.generation++
		next.errors = nil
		ev = event{"reload", fmt.Sprintf(`{"generation":%d}`, next.generation)}
	} else {
		next.errors = overlayLines(r.Findings, r.Err)
		ev = event{"errors", jsonString(map[string]any{"errors": next.errors})}
	}
	s.state = next
	r.Generation = next.generation
	for _, sub := range s.subs {
		// Builds are the only senders and hold smu, so after dropping an
		// unread event there is room; the send never blocks.
		select {
		case <-sub.events:
		default:
		}
		sub.events <- ev
	}
	s.smu.Unlock()
	r.Sent = time.Now()
	r.files = nil
	if s.cfg.OnRebuild != nil {
		s.cfg.OnRebuild(*r)
	}
}

// overlayLines lists the errors as the overlay shows them: each error
// finding as path:line: message, or the build error itself.
func overlayLines(findings diag.List, err error) []string {
	var le *diag.ListError
	if !errors.As(err, &le) {
		return []string{err.Error()}
	}
	var lines []string
	for _, f := range findings {
		if f.Severity == diag.Error {
			lines = append(lines, f.String())
		}
	}
	return lines
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Run serves on ln and rebuilds on every change in the practice folder until
// ctx is done, then shuts the HTTP server down cleanly. It builds first, so
// the first request finds a site (or the errors).
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	w, err := NewWatcher(s.cfg.Source, s.cfg.Debounce)
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()
	// Watch before the first build, so an edit made during it is not lost.
	s.Build(ctx, nil)

	srv := s.httpServer()
	srv.RegisterOnShutdown(s.close) // event streams never go idle on their own
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	watched := make(chan error, 1)
	go func() {
		watched <- w.Run(ctx, func(batch []string) { s.rebuild(ctx, batch) })
	}()

	select {
	case <-ctx.Done():
	case err = <-served:
		return fmt.Errorf("serve: %w", err)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(sctx)
	<-watched
	s.mu.Lock()
	if s.held != nil {
		s.held.Stop() // no errors reported after Run returns
	}
	s.mu.Unlock()
	return err
}

// httpServer returns the HTTP server Run serves with. There is no
// WriteTimeout, which would cut every event stream; serveEvents sets a
// deadline on each of its writes instead.
func (s *Server) httpServer() *http.Server {
	return &http.Server{Handler: s, ReadHeaderTimeout: readHeaderTimeout, IdleTimeout: idleTimeout,
		ConnState: s.conns.track}
}

// conns counts open connections so that, when a crowd of them has gone,
// their memory goes back to the system at once. Each connection holds
// about 25 kB (its goroutine and buffers); after 5,000 idle ones closed,
// the runtime returned that memory only over minutes, as nothing else
// allocates in a quiet server to start a collection.
type conns struct {
	mu      sync.Mutex
	open    int
	peak    int    // most open since the last release
	release func() // returns free memory to the system
}

// track is the server's ConnState hook. It releases memory when the open
// connections have fallen to half a peak of at least releaseAfter: a few
// times over the end of a flood, never in ordinary use.
func (c *conns) track(_ net.Conn, st http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch st {
	case http.StateNew:
		c.open++
		c.peak = max(c.peak, c.open)
		return
	case http.StateClosed, http.StateHijacked:
		c.open--
	default:
		return
	}
	if c.peak >= releaseAfter && c.open <= c.peak/2 {
		c.peak = c.open
		go c.release()
	}
}

func (s *Server) close() { s.once.Do(func() { close(s.closing) }) }

// ServeHTTP serves the last good site from memory: the private site at /,
// the public site under /public/, the reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.PublicBind && !loopbackHost(r.Host) {
		http.Error(w, "pcdocket serve answers only requests for localhost", http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case EventsPath:
		s.serveEvents(w, r)
		return
	case ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(liveJS)
		return
	}

	s.smu.RLock()
	st := s.state
	s.smu.RUnlock()

	name := outputPath(r.URL.Path)
	data, ok := st.files[name]
	if !ok && st.files[name+"/index.html"] != nil {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	if !ok {
		s.serveMissing(w, st)
		return
	}
	ctype := contentType(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data)
	}
	w.Write(data)
}

// contentType is the media type of a file of the site by its extension:
// the system's table, which may lack both, then text/calendar for the
// calendar feeds (RFC 5545 §8.1), which calendar applications subscribe to
// at /calendar.ics and /calendar/<case>.ics, and message/rfc822 for an
// email kept as an exhibit (RFC 2046 §5.2.1), which the browser hands to
// the mail application instead of saving an unnamed binary file.
func contentType(ext string) string {
	switch ext {
	case ".ics":
		return "text/calendar; charset=utf-8"
	case ".eml":
		return "message/rfc822"
	}
	return mime.TypeByExtension(ext)
}

// outputPath maps a URL path to an output path: /x → private/x, /public/x →
// public/x, a folder to its index.html.
func outputPath(urlPath string) string {
	p := path.Clean("/" + urlPath)
	if strings.HasSuffix(urlPath, "/") || p == "/" {
		p = path.Join(p, "index.html")
	}
	p = strings.TrimPrefix(p, "/")
	if p == build.PublicDir || strings.HasPrefix(p, build.PublicDir+"/") {
		return p
	}
	return build.PrivateDir + "/" + p
}

func (s *Server) serveMissing(w http.ResponseWriter, st state) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	msg, code := "No such page. It appears here as soon as a build makes it.", http.StatusNotFound
	if st.files == nil {
		msg, code = "The practice has not built yet: fix the errors listed above and this page reloads.", http.StatusServiceUnavailable
	}
	w.WriteHeader(code)
	fmt.Fprintf(w, "<!doctype html>\n<html lang=\"en\"><meta charset=\"utf-8\"><title>pcdocket serve</title>\n<body><p style=\"margin:40vh 2em 0\">%s <a href=\"/\">Docket</a></p></body></html>\n", msg)
	// Injected as into every page, so this one reloads too.
	w.Write(inject(nil))
}

// inject returns page with the reload script before its last </body>, or
// after it when it has none. The page's bytes are not modified.
func inject(page []byte) []byte {
	tag := []byte(`<script src="` + ScriptPath + `"></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

// serveEvents streams reload and errors events to one page until the page
// goes away, a newer page takes its place, or the server shuts down.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no")
	// A stream ends only when the page or the server is done with it:
	// closing the connection then frees its buffers at once, instead of
	// keeping it alive for a request that never comes.
	w.Header().Set("Connection", "close")
	sub, st := s.subscribe()
	defer s.unsubscribe(sub)

	errs := st.errors
	if errs == nil {
		errs = []string{}
	}
	send := func(f func()) error {
		rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		f()
		return rc.Flush()
	}
	err := send(func() {
		fmt.Fprintf(w, "retry: 500\n\n")
		writeEvent(w, event{"hello", jsonString(map[string]any{"server": s.id, "generation": st.generation, "errors": errs})})
	})
	if err != nil {
		return // the page is gone, or w cannot stream
	}
	keep := time.NewTicker(keepAlive)
	defer keep.Stop()
	for err == nil {
		select {
		case ev := <-sub.events:
			err = send(func() { writeEvent(w, ev) })
		case <-keep.C:
			err = send(func() { fmt.Fprint(w, ": keep-alive\n\n") })
		case <-sub.evicted:
			// live.js closes its EventSource on "bye" instead of
			// reconnecting, which would evict the next oldest in turn.
			send(func() { writeEvent(w, event{"bye", `{"reason":"too many open pages"}`}) })
			return
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		}
	}
}

// subscribe adds an event stream, evicting the oldest ones when there are
// MaxStreams already, and returns it with the state to greet it with.
func (s *Server) subscribe() (*subscriber, state) {
	sub := &subscriber{events: make(chan event, 1), evicted: make(chan struct{})}
	limit := s.cfg.MaxStreams
	if limit <= 0 {
		limit = DefaultMaxStreams
	}
	s.smu.Lock()
	defer s.smu.Unlock()
	if n := len(s.subs) - limit + 1; n > 0 {
		for _, old := range s.subs[:n] {
			close(old.evicted)
		}
		s.subs = slices.Delete(s.subs, 0, n)
	}
	s.subs = append(s.subs, sub)
	return sub, s.state
}

// unsubscribe removes an event stream; it may be gone already, evicted.
func (s *Server) unsubscribe(sub *subscriber) {
	s.smu.Lock()
	defer s.smu.Unlock()
	if i := slices.Index(s.subs, sub); i >= 0 {
		s.subs = slices.Delete(s.subs, i, i+1)
	}
}

func writeEvent(w http.ResponseWriter, ev event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Listen listens on addr (host:port; port 0 picks a free one). It refuses an
// address that is not a loopback one unless public is set: the private site
// holds case data, and anyone who can reach the address can read it.
func Listen(addr string, public bool) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--addr %q: %w", addr, err)
	}
	if !public && !loopbackAddr(host) {
		return nil, fmt.Errorf("--addr %q is not a loopback address: anyone who can reach it could read the case data; bind 127.0.0.1, or pass --public-bind if you mean it", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	return ln, nil
}

// loopbackAddr reports whether a listen host binds loopback only. An empty
// host binds every interface.
func loopbackAddr(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// subscribers returns how many pages have an event stream open.
func (s *Server) subscribers() int {
	s.smu.RLock()
	defer s.smu.RUnlock()
	return len(s.subs)
}
