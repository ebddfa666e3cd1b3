// Package synth writes synthetic parenting coordination practices for
// benchmarks and tests: a practice.yaml, cases with plans of many clauses,
// and issues with realistic front matter (every outcome kind, events,
// positions, clauses cited by several issues, amendments, out-of-scope
// referrals) and Markdown records of a few hundred words with headings,
// lists and tables.
//
// Output is a pure function of Options: the same options always write the
// same bytes. Each case draws from its own random stream, seeded from
// Options.Seed and the case's index, so a case's files do not change when
// the number of cases does, and cases can be written in parallel.
//
// Every practice Write produces passes `pcdocket check` without errors: the
// generator follows the check rules (due process before a determination,
// out-of-scope matters only referred or withdrawn, events in order, clause
// refs from the case's plan).
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Options say how large a practice to write.
type Options struct {
	Cases         int    // number of case folders; at least 1
	IssuesPerCase int    // issues in each case; 0 writes cases without issues
	Seed          uint64 // the same seed writes the same practice
}

// Write writes a practice into dir (created if missing). Existing files of
// the same names are overwritten; other files are left alone, so write into
// an empty folder.
func Write(dir string, opts Options) error {
	if opts.Cases < 1 {
		return fmt.Errorf("synth: %d cases: want at least 1", opts.Cases)
	}
	if opts.IssuesPerCase < 0 {
		return fmt.Errorf("synth: %d issues per case: want 0 or more", opts.IssuesPerCase)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "public"), 0o755); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if err := writeFile(filepath.Join(dir, "practice.yaml"), practiceYAML); err != nil {
		return err
	}
	for name, body := range publicPages {
		if err := writeFile(filepath.Join(dir, "content", "public", name), body); err != nil {
			return err
		}
	}

	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		next     = make(chan int)
	)
	for range min(runtime.GOMAXPROCS(0), opts.Cases) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := writeCase(dir, i, opts); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range opts.Cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return firstErr
}

func writeFile(path, s string) error {
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

// writeCase writes case i: its case.md and its issues.
func writeCase(dir string, i int, opts Options) error {
	r := rand.New(rand.NewPCG(opts.Seed, uint64(i)+1))
	c := newCase(r, i)
	caseDir := filepath.Join(dir, "content", "cases", c.id)
	if err := os.MkdirAll(filepath.Join(caseDir, "issues"), 0o755); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	issues := c.issues(r, opts.IssuesPerCase)
	if err := writeFile(filepath.Join(caseDir, "case.md"), c.file(r)); err != nil {
		return err
	}
	width := len(fmt.Sprint(opts.IssuesPerCase))
	var b strings.Builder
	for _, is := range issues {
		b.Reset()
		is.write(&b, r, c)
		name := fmt.Sprintf("%0*d-%s.md", width, is.number, is.slug)
		if err := writeFile(filepath.Join(caseDir, "issues", name), b.String()); err != nil {
			return err
		}
	}
	return nil
}

// A date is a day, as the generator counts: days since 1970-01-01 UTC.
type date int

func day(y int, m time.Month, d int) date {
	return date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (d date) String() string {
	return time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// q quotes s as a YAML double-quoted scalar.
func q(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// slugOf keeps ASCII letters and digits of s, lowercased, joined by hyphens.
func slugOf(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(fold(s)) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// fold replaces the accented letters the name lists use by ASCII ones.
func fold(s string) string { return folder.Replace(s) }

// folder is read-only after initialisation; a strings.Replacer is safe for
// concurrent use.
var folder = strings.NewReplacer("ü", "u", "ö", "o", "ø", "o", "å", "a", "é", "e", "è", "e", "á", "a",
	"í", "i", "ó", "o", "ú", "u", "ñ", "n", "ł", "l", "Ł", "L", "ç", "c", "ë", "e", "ã", "a",
	"Ö", "O", "Ø", "O", "Å", "A", "É", "E", "Ü", "U", "’", "")
