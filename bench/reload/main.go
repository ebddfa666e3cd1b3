// Command reload measures `pcdocket serve` from outside the process, as a
// user sees it:
//
//   - save to reload: it subscribes to the server's event stream
//     (/_pcdocket/events), saves an issue file, alternately in place (truncate
//     and write, as most editors do) and by atomic rename (write a scratch
//     file beside it, rename it over), and times from just before the write
//     to the `reload` event. Every save changes the issue's page (its title
//     or its record), and after each reload the page is fetched to check that
//     the first reload already shows the whole edit;
//   - cold start: from launching `pcdocket serve` to the first page served
//     (GET / answered), against `pcdocket build --no-documents` of the same
//     practice, in alternating runs.
//
// Usage (bench/reload.sh builds the binary and runs it):
//
//	go run ./bench/reload -bin PCDOCKET [-sizes 1000,10000] [-saves 100] [-cold 3] [-work bench/out/reload] [-buildout DIR]
//
// Practices are generated with bench/synth (20 issues per case, seed 1, as
// bench/scale.sh does) under -work, and kept for the next run.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"pcdocket/bench/synth"
)

const asOf = "2026-11-27"

func main() {
	bin := flag.String("bin", "", "the pcdocket binary to measure (required)")
	sizes := flag.String("sizes", "1000,10000", "practice sizes in issues, comma-separated (20 issues per case)")
	saves := flag.Int("saves", 100, "saves per size and save style")
	cold := flag.Int("cold", 3, "cold-start runs per size (each with one full build beside it)")
	work := flag.String("work", "bench/out/reload", "folder for the generated practices and build outputs")
	buildOut := flag.String("buildout", "", "output folder of the timed full builds (default WORK/out); bench/reload.sh points it at a fresh journaled ext4 image, see bench/scratchfs.sh")
	gap := flag.Duration("gap", 150*time.Millisecond, "pause after each reload, before the next save (jittered ±50%)")
	flag.Parse()
	if *bin == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: reload -bin PCDOCKET [-sizes 1000,10000] [-saves N] [-cold N] [-work DIR]")
		os.Exit(2)
	}
	if *buildOut == "" {
		*buildOut = filepath.Join(*work, "out")
	}
	if err := run(*bin, *sizes, *saves, *cold, *work, *buildOut, *gap); err != nil {
		fmt.Fprintf(os.Stderr, "reload: %v\n", err)
		os.Exit(1)
	}
}

func run(bin, sizes string, saves, cold int, work, buildOut string, gap time.Duration) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	fmt.Printf("%d saves per style and size; times from just before the write to the reload event, ms\n", saves)
	fmt.Printf("%7s %-8s %6s %6s %6s %6s %7s %7s %7s\n", "issues", "style", "p50", "p90", "p99", "max", "errors", "extra", "stale")
	fmt.Printf("(rebuild: p50 and p90 of the rebuild times the server logged, both styles; errors: errors events before the reload;\n extra: events after it; stale: first reloads whose page lacked the edit)\n")
	var coldLines []string
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 20 {
			return fmt.Errorf("-sizes: %q is not a number of issues of at least 20", s)
		}
		src, err := practiceOf(work, n)
		if err != nil {
			return err
		}
		if cold > 0 {
			line, err := coldStart(bin, src, buildOut, n, cold)
			if err != nil {
				return err
			}
			coldLines = append(coldLines, line)
		}
		if saves > 0 {
			if err := saveToReload(bin, src, n, saves, gap); err != nil {
				return err
			}
		}
	}
	if len(coldLines) > 0 {
		fmt.Printf("\ncold start (launch to GET / answered) against build --no-documents, medians, ms\n")
		fmt.Printf("%7s %8s %8s %6s\n", "issues", "serve", "build", "ratio")
		for _, l := range coldLines {
			fmt.Println(l)
		}
	}
	return nil
}

// practiceOf returns the folder of the generated practice of n issues,
// writing it first if it is not there.
func practiceOf(work string, n int) (string, error) {
	src, err := filepath.Abs(filepath.Join(work, fmt.Sprintf("practice-%d", n)))
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(src, "practice.yaml")); err == nil {
		return src, nil
	}
	if err := synth.Write(src, synth.Options{Cases: n / 20, IssuesPerCase: 20, Seed: 1}); err != nil {
		return "", fmt.Errorf("generate %d issues: %w", n, err)
	}
	return src, nil
}

// server is a running `pcdocket serve`.
type server struct {
	cmd  *exec.Cmd
	addr string
	out  *logBuffer
}

// logBuffer holds what the server prints; exec writes it from its own
// goroutine while the benchmark reads it.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe launches `pcdocket serve` on a free loopback port.
func startServe(bin, src string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--no-documents", "--as-of", asOf, "--source", src, "--addr", addr)
	out := &logBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &server{cmd: cmd, addr: addr, out: out}, nil
}

func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

// firstPage waits until the server answers GET / with a page and returns
// when it did.
func (s *server) firstPage(deadline time.Duration) (time.Time, error) {
	end := time.Now().Add(deadline)
	for time.Now().Before(end) {
		resp, err := http.Get("http://" + s.addr + "/")
		if err != nil {
			time.Sleep(2 * time.Millisecond) // not listening yet
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		at := time.Now()
		if resp.StatusCode != http.StatusOK {
			return at, fmt.Errorf("GET / answered %s:\n%s", resp.Status, s.out)
		}
		return at, nil
	}
	return time.Time{}, fmt.Errorf("no page within %v:\n%s", deadline, s.out)
}

// coldStart alternates full builds and serve launches and returns the table
// line of their medians.
func coldStart(bin, src, outDir string, n, runs int) (string, error) {
	var serve, build []float64
	for i := 0; i < runs; i++ {
		// Alternate which goes first, so both share what else the machine does.
		for k := 0; k < 2; k++ {
			if (i+k)%2 == 0 {
				os.RemoveAll(outDir)
				t0 := time.Now()
				out, err := exec.Command(bin, "build", "--no-documents", "--as-of", asOf, "--source", src, "--output", outDir).CombinedOutput()
				if err != nil {
					return "", fmt.Errorf("build: %v\n%s", err, out)
				}
				build = append(build, ms(time.Since(t0)))
				continue
			}
			t0 := time.Now()
			s, err := startServe(bin, src)
			if err != nil {
				return "", err
			}
			at, err := s.firstPage(5 * time.Minute)
			s.stop()
			if err != nil {
				return "", err
			}
			serve = append(serve, ms(at.Sub(t0)))
		}
	}
	os.RemoveAll(outDir)
	sm, bm := pct(serve, 50), pct(build, 50)
	return fmt.Sprintf("%7d %8.0f %8.0f %6.2f   (serve %s; build %s)", n, sm, bm, sm/bm, list(serve), list(build)), nil
}

// An sse is one event read from the stream, stamped when its last line came.
type sse struct {
	name, data string
	at         time.Time
}

// subscribe opens the event stream and sends its events to the channel
// until the body is closed.
func subscribe(addr string) (io.Closer, <-chan sse, error) {
	resp, err := http.Get("http://" + addr + "/_pcdocket/events")
	if err != nil {
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, nil, fmt.Errorf("events: %s", resp.Status)
	}
	ch := make(chan sse, 64)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ev.at = time.Now()
					ch <- ev
				}
				ev = sse{}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
		}
	}()
	return resp.Body, ch, nil
}

// An issueFile is one issue of the practice that the benchmark edits.
type issueFile struct {
	path, url string
	orig      []byte
}

// pickIssues returns issues spread over the practice: one of every case in
// turn, so that both open and closed issues, early and late cases are edited.
func pickIssues(src string, count int) ([]issueFile, error) {
	cases, err := os.ReadDir(filepath.Join(src, "content", "cases"))
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(1, 2))
	var out []issueFile
	for len(out) < count {
		c := cases[r.IntN(len(cases))].Name()
		files, err := filepath.Glob(filepath.Join(src, "content", "cases", c, "issues", "*.md"))
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("no issues in case %s", c)
		}
		f := files[r.IntN(len(files))]
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		num, _ := strconv.Atoi(strings.SplitN(filepath.Base(f), "-", 2)[0])
		out = append(out, issueFile{path: f, url: fmt.Sprintf("/cases/%s/issues/%d.html", c, num), orig: data})
	}
	return out, nil
}

// edited returns the issue with a visible change marked by mark: the title
// on even turns, a new paragraph at the end of the record on odd ones.
func edited(orig []byte, mark string, turn int) ([]byte, error) {
	s := string(orig)
	if turn%2 == 0 {
		i := strings.Index(s, "\ntitle: \"")
		if i < 0 {
			return nil, errors.New("no title line")
		}
		j := i + len("\ntitle: \"")
		return []byte(s[:j] + mark + " " + s[j:]), nil
	}
	return []byte(strings.TrimRight(s, "\n") + "\n\n" + mark + " was added to the record.\n"), nil
}

// saveToReload starts a server on the practice and times saves of both
// styles, alternating, then restores the files it edited.
func saveToReload(bin, src string, n, saves int, gap time.Duration) error {
	issues, err := pickIssues(src, 2*saves)
	if err != nil {
		return err
	}
	defer func() {
		for _, is := range issues {
			os.WriteFile(is.path, is.orig, 0o644)
		}
	}()
	s, err := startServe(bin, src)
	if err != nil {
		return err
	}
	defer s.stop()
	if _, err := s.firstPage(5 * time.Minute); err != nil {
		return err
	}
	body, events, err := subscribe(s.addr)
	if err != nil {
		return err
	}
	defer body.Close()
	if ev := <-events; ev.name != "hello" {
		return fmt.Errorf("first event %q, want hello", ev.name)
	}
	styles := []string{"in-place", "rename"}
	times := map[string][]float64{}
	errs, extra, stale := map[string]int{}, map[string]int{}, map[string]int{}
	jitter := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 2*saves; i++ {
		style := styles[i%2]
		is := issues[i]
		mark := fmt.Sprintf("Edit%06d", i)
		data, err := edited(is.orig, mark, i/2)
		if err != nil {
			return fmt.Errorf("%s: %v", is.path, err)
		}
		t0 := time.Now()
		if style == "in-place" {
			err = os.WriteFile(is.path, data, 0o644)
		} else {
			err = saveByRename(is.path, data)
		}
		if err != nil {
			return err
		}
		at, nerr, err := waitReload(events, 10*time.Second)
		if err != nil {
			return fmt.Errorf("%d issues, save %d (%s of %s): %v\n%s", n, i, style, is.path, err, s.out)
		}
		times[style] = append(times[style], ms(at.Sub(t0)))
		errs[style] += nerr
		// The first reload must already show the whole edit.
		page, err := get(s.addr + is.url)
		if err != nil {
			return err
		}
		if !strings.Contains(page, mark) {
			stale[style]++
		}
		// Events after the reload, until the next save: a second reload
		// would mean the first one showed a half-saved file.
		pause := time.After(gap/2 + time.Duration(jitter.Int64N(int64(gap))))
	drain:
		for {
			select {
			case ev := <-events:
				if ev.name == "reload" || ev.name == "errors" {
					extra[style]++
				}
			case <-pause:
				break drain
			}
		}
	}
	for _, st := range styles {
		t := times[st]
		fmt.Printf("%7d %-8s %6.1f %6.1f %6.1f %6.1f %7d %7d %7d\n", n, st, pct(t, 50), pct(t, 90), pct(t, 99), slices.Max(t), errs[st], extra[st], stale[st])
	}
	if rb := rebuildTimes(s.out.String()); len(rb) > 0 {
		fmt.Printf("%7d rebuild  %6.1f %6.1f   (%d rebuilds logged)\n", n, pct(rb, 50), pct(rb, 90), len(rb))
	}
	return nil
}

// rebuildTimes reads the rebuild times off the server's log lines
// ("...: 9 pages re-rendered in 21 ms").
func rebuildTimes(log string) []float64 {
	var out []float64
	for _, line := range strings.Split(log, "\n") {
		i := strings.Index(line, " re-rendered in ")
		if i < 0 {
			continue
		}
		f := strings.Fields(line[i+len(" re-rendered in "):])
		if len(f) > 0 {
			if v, err := strconv.ParseFloat(f[0], 64); err == nil {
				out = append(out, v)
			}
		}
	}
	return out
}

// saveByRename saves as editors that write atomically do: a scratch file
// beside the target (a dot name, which the watcher ignores), renamed over it.
func saveByRename(path string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".bench-tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// waitReload waits for the next reload event and returns when it came and
// how many errors events came before it.
func waitReload(events <-chan sse, limit time.Duration) (time.Time, int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	nerr := 0
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return time.Time{}, nerr, errors.New("event stream closed")
			}
			switch ev.name {
			case "reload":
				return ev.at, nerr, nil
			case "errors":
				nerr++
			}
		case <-ctx.Done():
			return time.Time{}, nerr, fmt.Errorf("no reload within %v", limit)
		}
	}
}

func get(url string) (string, error) {
	resp, err := http.Get("http://" + url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return string(b), err
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// pct returns the p-th percentile (nearest rank).
func pct(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(p/100*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func list(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strings.Join(parts, " ")
}
