package watch

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestStreamsCapped opens more event streams than the cap, one after the
// other: the live count never exceeds the cap, the oldest streams are told
// "bye" and closed, the newest stay open, and once every page has gone the
// server holds no stream and no buffer of any.
func TestStreamsCapped(t *testing.T) {
	for _, tc := range []struct {
		name       string
		maxStreams int // Config.MaxStreams
		limit      int // the cap in effect
		open       int
	}{
		{"small cap", 5, 5, 17},
		{"default cap", 0, DefaultMaxStreams, DefaultMaxStreams + 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := New(Config{Source: t.TempDir(), MaxStreams: tc.maxStreams})
			ts := httptest.NewUnstartedServer(s)
			ts.Config = s.httpServer()
			ts.Start()
			defer ts.Close()

			var peak atomic.Int64
			stop := make(chan struct{})
			sampled := make(chan struct{})
			go func() { // samples the count while the streams open
				defer close(sampled)
				for {
					peak.Store(max(peak.Load(), int64(s.subscribers())))
					select {
					case <-stop:
						return
					case <-time.After(100 * time.Microsecond):
					}
				}
			}()
			streams := make([]*sse, tc.open)
			for i := range streams {
				streams[i] = openStream(t, ts.URL)
				if hello := streams[i].next(t); hello.name != "hello" {
					t.Fatalf("stream %d: first event %+v, want hello", i, hello)
				}
				if n := s.subscribers(); n > tc.limit {
					t.Fatalf("after %d streams, %d are live; the cap is %d", i+1, n, tc.limit)
				}
			}
			close(stop)
			<-sampled
			if p := peak.Load(); p > int64(tc.limit) {
				t.Errorf("%d streams were live at once; the cap is %d", p, tc.limit)
			}
			if n := s.subscribers(); n != tc.limit {
				t.Errorf("%d streams live after opening %d, want the cap, %d", n, tc.open, tc.limit)
			}

			evicted := tc.open - tc.limit
			for i, st := range streams[:evicted] {
				if ev := st.next(t); ev.name != "bye" {
					t.Errorf("evicted stream %d: event %+v, want bye", i, ev)
				}
				select { // the server closed the connection
				case ev, ok := <-st.events:
					if ok {
						t.Errorf("evicted stream %d: event %+v after bye", i, ev)
					}
				case <-time.After(5 * time.Second):
					t.Errorf("evicted stream %d still open 5 s after bye", i)
				}
			}
			for i, st := range streams[evicted:] {
				select {
				case ev := <-st.events:
					t.Errorf("stream %d of the newest: unexpected %+v", evicted+i, ev)
				default:
				}
			}

			for _, st := range streams {
				st.close()
			}
			deadline := time.Now().Add(5 * time.Second)
			for s.subscribers() > 0 && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if n := s.subscribers(); n != 0 {
				t.Errorf("%d streams still held 5 s after every page closed", n)
			}
			s.smu.RLock()
			held := cap(s.subs)
			s.smu.RUnlock()
			if held > 2*tc.limit {
				t.Errorf("the subscriber list keeps room for %d after %d streams; want it bounded by the cap", held, tc.open)
			}
		})
	}
}

// TestStreamGetsLatestEvent: a page that has not read one event gets the
// newest in its place, and a build never blocks on it.
func TestStreamGetsLatestEvent(t *testing.T) {
	s := New(Config{Source: t.TempDir()})
	sub, _ := s.subscribe()
	defer s.unsubscribe(sub)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 3; i++ {
			s.Build(t.Context(), nil) // no practice: an errors event each time
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("a build blocked on a page that reads nothing")
	}
	if n := len(sub.events); n != 1 {
		t.Errorf("%d events queued for the page, want 1 (the latest)", n)
	}
}

func TestHTTPServerTimeouts(t *testing.T) {
	srv := New(Config{}).httpServer()
	if srv.ReadHeaderTimeout <= 0 || srv.IdleTimeout <= 0 {
		t.Errorf("ReadHeaderTimeout %v, IdleTimeout %v: both must be set", srv.ReadHeaderTimeout, srv.IdleTimeout)
	}
	if srv.WriteTimeout != 0 {
		t.Errorf("WriteTimeout %v would cut every event stream", srv.WriteTimeout)
	}
}

// TestConnsRelease: memory is handed back a few times as a flood of
// connections ends, and never for the few connections of ordinary use.
func TestConnsRelease(t *testing.T) {
	for _, tc := range []struct {
		name      string
		open      int // connections opened, then all but keep closed
		keep      int
		min, most int // releases expected
	}{
		{"ordinary use", releaseAfter - 1, 0, 0, 0},
		{"a flood, one tab left open", 5000, 1, 1, 6},
		{"just enough", releaseAfter, 0, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var released atomic.Int64
			done := make(chan struct{}, 100)
			c := conns{release: func() { released.Add(1); done <- struct{}{} }}
			for i := 0; i < tc.open; i++ {
				c.track(nil, http.StateNew)
				c.track(nil, http.StateActive)
				c.track(nil, http.StateIdle)
			}
			for i := 0; i < tc.open-tc.keep; i++ {
				c.track(nil, http.StateClosed)
			}
			for range tc.min {
				select {
				case <-done:
				case <-time.After(5 * time.Second):
					t.Fatalf("%d releases after 5 s, want at least %d", released.Load(), tc.min)
				}
			}
			time.Sleep(20 * time.Millisecond)
			if n := released.Load(); n < int64(tc.min) || n > int64(tc.most) {
				t.Errorf("%d releases, want %d to %d", n, tc.min, tc.most)
			}
			if c.open != tc.keep {
				t.Errorf("%d open, want %d", c.open, tc.keep)
			}
		})
	}
}
