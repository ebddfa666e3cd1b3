package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"pcdocket/generator/parse"
	"pcdocket/generator/site"
)

// TestIncrementalRebuildsDependents changes one file of each kind the
// practice's layout knows and checks that the rebuild renders exactly the
// output files whose dependencies name what the change invalidates (plus
// the two pages that count every issue), nothing else, and that the result
// is a full build's, byte for byte.
func TestIncrementalRebuildsDependents(t *testing.T) {
	dir := incCopy(t)
	b := NewIncremental(Options{Source: dir, AsOf: incAsOf})
	ctx := context.Background()
	if _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatalf("first build: %v", err)
	}
	p := b.Practice()
	if len(p.Cases) < 2 || len(p.Cases[0].Issues) < 2 {
		t.Fatal("the sample practice needs two cases, the first with two issues")
	}
	c, other := p.Cases[0], p.Cases[1]
	is := c.Issues[0]
	caseKeys := []site.Dep{site.DepCase(c.ID), site.DepLog(c.ID)} // a case read again: its file, its log and every issue
	logKeys := []site.Dep{site.DepLog(c.ID)}                      // a log created: every issue page links it
	for _, is := range c.Issues {
		caseKeys = append(caseKeys, site.DepIssue(is), site.DepLogIssue(c.ID, is.Number))
		logKeys = append(logKeys, site.DepLogIssue(c.ID, is.Number))
	}
	caseDir := parse.CaseDir(c.ID)
	logFile := caseDir + "/" + parse.LogFile
	logLine := func(line string) func() {
		return func() { incWrite(t, dir, logFile, incReadOr(t, dir, logFile)+line+"\n") }
	}
	on := is.RaisedOn.String()
	swap := path.Join(path.Dir(is.Src.File), "."+path.Base(is.Src.File)+".swp") // vim's
	appendTo := func(rel, text string) func() {
		return func() { incWrite(t, dir, rel, incRead(t, dir, rel)+text) }
	}

	tests := []struct {
		name string
		rel  string // the path changed
		kind parse.Kind
		edit func()
		// keys are the dependency keys the change invalidates; full says
		// every file is rendered; none says no file is.
		keys       []site.Dep
		full, none bool
	}{
		{"issue", is.Src.File, parse.KindIssue, appendTo(is.Src.File, "\nA new paragraph.\n"), []site.Dep{site.DepIssue(is)}, false, false},
		{"case", caseDir + "/case.md", parse.KindCase, appendTo(caseDir+"/case.md", "\nA new paragraph.\n"), caseKeys, false, false},
		{"seal ledger", parse.SealedPath(c.ID, parse.SealLedger), parse.KindSealLedger, func() {
			incWrite(t, dir, parse.SealedPath(c.ID, parse.SealLedger), "documents: []\n")
		}, caseKeys, false, false},
		{"fee ledger", caseDir + "/" + parse.FeeLedgerFile, parse.KindFeeLedger, func() {
			incWrite(t, dir, caseDir+"/"+parse.FeeLedgerFile, "")
		}, caseKeys, false, false},
		{"log removed", logFile, parse.KindLog, func() { incRemove(t, dir, logFile) }, logKeys, false, false},
		{"log created", logFile, parse.KindLog, logLine("# the log"), logKeys, false, false},
		{"log, an entry about an issue", logFile, parse.KindLog, logLine(fmt.Sprintf("%s call 0h20 @parent_a #%d A call about the issue", on, is.Number)),
			[]site.Dep{site.DepLog(c.ID), site.DepLogIssue(c.ID, is.Number)}, false, false},
		{"log, a private entry", logFile, parse.KindLog, logLine(fmt.Sprintf("%s call @parent_b #%d private A private call", on, is.Number)),
			[]site.Dep{site.DepLog(c.ID)}, false, false},
		{"log, a comment on top", logFile, parse.KindLog, func() {
			incWrite(t, dir, logFile, "# a comment: the entries move down a line, and no issue page changes\n"+incReadOr(t, dir, logFile))
		},
			[]site.Dep{site.DepLog(c.ID)}, false, false},
		{"stray in a case", caseDir + "/notes.txt", parse.KindStray, func() {
			incWrite(t, dir, caseDir+"/notes.txt", "a note")
		}, caseKeys, false, false},
		{"public page", "content/public/faq.md", parse.KindPage, appendTo("content/public/faq.md", "\nMore.\n"), []site.Dep{site.DepPages}, false, false},
		// The case is read again for any change under exhibits/: an
		// issue's exhibits, or a folder that check must now report.
		{"exhibit", caseDir + "/exhibits/plan.pdf", parse.KindExhibit, func() {
			incWrite(t, dir, caseDir+"/exhibits/plan.pdf", "%PDF-1.4")
		}, caseKeys, false, false},
		{"scratch", swap, parse.KindScratch, func() { incWrite(t, dir, swap, "x") }, nil, false, true},
		{"outside", "notes.md", parse.KindOutside, func() { incWrite(t, dir, "notes.md", "x") }, nil, false, true},
		{"stray in content", "content/notes.md", parse.KindStray, func() {
			incWrite(t, dir, "content/notes.md", "x")
		}, nil, true, false},
		{"jurisdiction", "jurisdictions/notes.txt", parse.KindJurisdiction, func() {
			incWrite(t, dir, "jurisdictions/notes.txt", "x") // a warning: profiles end in .yaml
		}, nil, true, false},
		{"template", "templates/private/notes.txt", parse.KindTemplate, func() {
			incWrite(t, dir, "templates/private/notes.txt", "x")
		}, nil, true, false},
		{"practice", "practice.yaml", parse.KindPractice, appendTo("practice.yaml", "\n"), nil, true, false},
	}
	for _, tt := range tests {
		if k := parse.Classify(tt.rel).Kind; k != tt.kind {
			t.Fatalf("%s: %s is a %v, want a %v", tt.name, tt.rel, k, tt.kind)
		}
		before := make(map[string][]site.Dep, len(b.outs.list))
		for _, o := range b.outs.list {
			before[o.path] = o.deps
		}
		tt.edit()
		rel := tt.rel
		u, err := b.Rebuild(ctx, []string{rel})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		switch {
		case tt.full:
			if !u.Full {
				t.Errorf("%s: a change to %s rendered %d files, want every file", tt.name, rel, len(u.Rendered))
			}
		case tt.none:
			if len(u.Rendered) > 0 {
				t.Errorf("%s: a change to %s rendered %v, want nothing", tt.name, rel, u.Rendered)
			}
		default:
			var want []string
			for p, deps := range before {
				if _, kept := u.Files[p]; !kept {
					continue // removed, not rendered: the log page, when log.txt is
				}
				if aggregates[p] || slices.ContainsFunc(deps, func(d site.Dep) bool { return slices.Contains(tt.keys, d) }) {
					want = append(want, p)
				}
			}
			for p := range u.Files {
				if _, ok := before[p]; !ok {
					want = append(want, p) // a new page: the log's, when log.txt is created
				}
			}
			sort.Strings(want)
			if !slices.Equal(u.Rendered, want) {
				t.Errorf("%s: a change to %s rendered\n%v\nwant\n%v", tt.name, rel, u.Rendered, want)
			}
			for _, p := range u.Rendered {
				if path.Dir(p) == PrivateDir+"/cases/"+other.ID {
					t.Errorf("%s: rendered %s, a page of another case", tt.name, p)
				}
			}
		}
		incSame(t, tt.name, u.Files, incFull(t, dir))
	}
}

// incReadOr returns the file rel of the practice at dir, "" when there is none.
func incReadOr(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return string(b)
}

// incRemove removes the file rel of the practice at dir, if it is there.
func incRemove(t *testing.T, dir, rel string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
}
