package watch

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"pcdocket/generator/practice"
)

// The fixture practice: a small generator, so that the tests do not depend
// on the sample content and the benchmark can make 10,000 issues.

var fixtureAsOf = practice.MustDate("2026-11-27")

const fixturePractice = `name: Watch Test Practice
coordinator:
  name: Ada Ng
  credentials: J.D.
rules:
  decision_days: 10
`

func caseID(i int) string { return fmt.Sprintf("2026-fam-%04d", i+1) }

func fixtureCase(i int) string {
	var clauses strings.Builder
	for k := 1; k <= 5; k++ {
		fmt.Fprintf(&clauses, "    - ref: \"%d.%d\"\n      title: Clause %d\n      text: The parents follow clause %d.\n", k, k, k, k)
	}
	return fmt.Sprintf(`---
title: Family %04d
court: Superior Court
court_case_no: FL-%04d
appointment:
  order_date: 2026-01-05
  authority: binding
parties:
  parent_a:
    name: Zoë Müller-%d
    label: Mother
  parent_b:
    name: José Núñez-%d
    label: Father
children:
  - initials: A.N.
    born: 2017
plan:
  title: Parenting Plan
  date: 2025-11-01
  clauses:
%ssafety:
  screened_on: 2026-01-06
  result: no concerns
---
Private notes of case %d.
`, i+1, i+1, i, i, clauses.String(), i)
}

// fixtureIssue returns issue number n; every third one is still pending.
func fixtureIssue(n int, title string) string {
	outcome := `outcome:
  kind: agreement
  on: 2026-02-10
  summary: Exchanges at 5 pm.
  directives:
    - Exchanges happen at 5 pm.
`
	if n%3 == 0 {
		outcome = ""
	}
	return fmt.Sprintf(`---
number: %d
title: %s
category: exchanges
raised_by: parent_a
raised_on: 2026-02-01
clauses: ["%d.%d"]
question: When is exchange %d?
events:
  - on: 2026-02-02
    kind: notice
%s---
## Background

The record of issue %d, with **findings** and analysis.
`, n, title, n%5+1, n%5+1, n, outcome, n)
}

func issueRel(c, n int) string {
	return fmt.Sprintf("content/cases/%s/issues/%03d.md", caseID(c), n)
}

// writeFixture writes a practice of cases × perCase issues into dir.
func writeFixture(tb testing.TB, dir string, cases, perCase int) {
	tb.Helper()
	mustWrite(tb, dir, "practice.yaml", fixturePractice)
	for c := 0; c < cases; c++ {
		mustWrite(tb, dir, "content/cases/"+caseID(c)+"/case.md", fixtureCase(c))
		for n := 1; n <= perCase; n++ {
			mustWrite(tb, dir, issueRel(c, n), fixtureIssue(n, fmt.Sprintf("Exchange time %d", n)))
		}
	}
}

func mustWrite(tb testing.TB, dir, rel, data string) {
	tb.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// running is a Server running on a free loopback port.
type running struct {
	*Server
	base    string
	reports chan Report
	stop    func() error
}

// start runs a server on dir and waits for its first build.
func start(tb testing.TB, dir string) *running { return startWith(tb, Config{Source: dir}) }

// startWith runs a server with cfg, filling in the fixture's date and a
// report channel.
func startWith(tb testing.TB, cfg Config) *running {
	tb.Helper()
	reports := make(chan Report, 1000)
	cfg.AsOf = fixtureAsOf
	cfg.OnRebuild = func(r Report) { reports <- r }
	s := New(cfg)
	ln, err := Listen("127.0.0.1:0", false)
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	r := &running{Server: s, base: "http://" + ln.Addr().String(), reports: reports}
	// Once: a test that stops the server itself would otherwise wait in
	// its cleanup for a second return of Run that never comes.
	r.stop = sync.OnceValue(func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			return fmt.Errorf("Run did not return 10 s after cancel")
		}
	})
	tb.Cleanup(func() { r.stop() })
	first := r.next(tb)
	if first.Err != nil {
		tb.Fatalf("first build: %v", first.Err)
	}
	return r
}

// next waits for the next rebuild report.
func (r *running) next(tb testing.TB) Report {
	tb.Helper()
	select {
	case rep := <-r.reports:
		return rep
	case <-time.After(20 * time.Second):
		tb.Fatal("no rebuild within 20 s")
		return Report{}
	}
}

// rebuilt waits for at least one rebuild, then for quiet, and returns the
// reports.
func (r *running) rebuilt(tb testing.TB) []Report {
	tb.Helper()
	first := r.next(tb)
	return append([]Report{first}, r.settle(300*time.Millisecond)...)
}

// settle waits until no rebuild has happened for quiet and returns the
// reports seen meanwhile.
func (r *running) settle(quiet time.Duration) []Report {
	var got []Report
	for {
		select {
		case rep := <-r.reports:
			got = append(got, rep)
		case <-time.After(quiet):
			return got
		}
	}
}

func (r *running) get(tb testing.TB, urlPath string) (int, string) {
	tb.Helper()
	resp, err := http.Get(r.base + urlPath)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// sse is a minimal event-stream client.
type sse struct {
	events chan event
	close  func()
}

func (r *running) subscribe(tb testing.TB) *sse {
	tb.Helper()
	return openStream(tb, r.base)
}

// openStream opens the event stream of the server at base.
func openStream(tb testing.TB, base string) *sse {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	s := &sse{events: make(chan event, 100), close: func() { cancel(); resp.Body.Close() }}
	tb.Cleanup(s.close)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				s.events <- ev
				ev = event{}
			}
		}
		close(s.events)
	}()
	return s
}

func (s *sse) next(tb testing.TB) event {
	tb.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			tb.Fatal("event stream closed")
		}
		return ev
	case <-time.After(20 * time.Second):
		tb.Fatal("no event within 20 s")
		return event{}
	}
}
