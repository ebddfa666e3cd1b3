package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"pcdocket/generator/check"
	"pcdocket/generator/deadline"
	"pcdocket/generator/diag"
	"pcdocket/generator/jurisdiction"
	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
	"pcdocket/generator/seal"
	"pcdocket/generator/site"
)

// Incremental keeps a practice's model and its rendered output in memory and,
// after an edit, re-reads only the files that changed and re-renders only the
// output files whose dependencies name them. The output it holds is always
// the last good one: an edit that leaves the practice with errors changes
// nothing but the findings, and the pages that edit touched are rendered by
// the next good rebuild.
//
// An Incremental is not safe for concurrent use; the Files maps it returns
// are never modified after they are returned and may be read by any number
// of goroutines.
type Incremental struct {
	opts Options

	p     *practice.Practice
	parse map[string]diag.List // parse findings by file, to replace one file's

	files map[string][]byte // the last good output, by output path
	outs  outputs           // the same files, with their Deps, in render's order
	asOf  practice.Date     // reference date of the last good output

	// The private site of the last good output, for site.Site.Next.
	site *site.Site

	// Each case's check findings, by case id, as of checkAsOf; recheck
	// holds the ids of the cases read again since, and checkAll says that
	// every case must be checked again.
	checks    map[string]diag.List
	glyphs    map[string]diag.List // each case's check.GlyphsCase, kept alike
	seals     map[string]diag.List // each case folder's seal.CheckCase, kept alike
	top       diag.List            // check.Top, kept while topOK
	topOK     bool
	checkAsOf practice.Date
	recheck   map[string]bool
	checkAll  bool

	// What changed since the last good output.
	reparse       bool              // read the whole practice folder again
	jurisdictions *jurisdiction.Set // the profiles, read with the whole folder
	all           bool              // render every output file again
	dirty         map[site.Dep]bool // the inputs changed: output files naming them are rendered again
	readCases     map[string]bool   // ids of the cases to read again, whole
	readIssues    map[string]string // issue files to read again, to the id of their case
	readLogs      map[string]bool   // ids of the cases whose log.txt to read again
}

// An Update describes one Rebuild.
type Update struct {
	Changed  []string // the input paths given to this Rebuild, sorted
	Full     bool     // every output file was rendered
	Rendered []string // output paths rendered, sorted
	Removed  []string // output paths that no longer exist, sorted
	// Findings are every finding of the practice after the change. When they
	// hold an error, Rebuild rendered nothing and returns a *diag.ListError.
	Findings diag.List
	// Files is the whole output after the update, by output path
	// ("private/index.html", "public/index.html"): the last good output when
	// the rebuild failed, nil before any build succeeded. It is never modified.
	Files map[string][]byte

	Parse, Check, Render time.Duration // time spent in each phase
	Duration             time.Duration
}

// NewIncremental returns an Incremental for the practice at opts.Source.
// Nothing is read until the first Rebuild.
func NewIncremental(opts Options) *Incremental {
	return &Incremental{opts: opts, reparse: true, all: true, dirty: map[site.Dep]bool{}, recheck: map[string]bool{},
		readCases: map[string]bool{}, readIssues: map[string]string{}, readLogs: map[string]bool{}}
}

// Files returns the last good output, or nil before any build succeeded.
func (b *Incremental) Files() map[string][]byte { return b.files }

// Practice returns the current model, which may hold errors, or nil before
// the first Rebuild.
func (b *Incremental) Practice() *practice.Practice { return b.p }

// Rebuild brings the output up to date after the given input files changed.
// Paths are slash paths relative to opts.Source ("content/cases/x/case.md");
// a folder stands for everything in it, and a path that no longer exists is a
// deletion. The first Rebuild reads and renders everything, whatever changed
// says.
//
// When the practice has errors Rebuild returns the Update and a
// *diag.ListError; when rendering fails (a broken template) it returns the
// Update and that error. Either way the last good output is kept.
func (b *Incremental) Rebuild(ctx context.Context, changed []string) (*Update, error) {
	start := time.Now()
	for _, c := range changed {
		b.mark(path.Clean(filepath.ToSlash(c)))
	}

	b.read()
	b.applyService()
	parsed := time.Now()

	asOf := b.today()
	if asOf != b.asOf {
		b.dirty[site.DepAsOf] = true
	}
	findings := b.findings()
	findings = append(findings, b.check(asOf)...)
	findings.Sort()
	checked := time.Now()

	u := &Update{Changed: sortedUnique(changed), Findings: findings, Files: b.files,
		Parse: parsed.Sub(start), Check: checked.Sub(parsed)}
	if err := findings.Err(); err != nil {
		u.Duration = time.Since(start)
		return u, err
	}
	if err := b.render(ctx, asOf, u); err != nil {
		u.Render = time.Since(checked)
		u.Duration = time.Since(start)
		return u, err
	}
	u.Render = time.Since(checked)
	u.Duration = time.Since(start)
	return u, nil
}

// check is Check, with the findings of each case kept from the last call
// unless the case was read again since (check.Practice is check.Top plus
// check.Case of every case). The same goes for each case's glyph findings
// (check.GlyphsCase), also dropped when a template or practice.yaml changed
// what the documents' fonts draw: checking every text of a 10,000-issue
// practice for glyphs took 70 ms of an edit's rebuild, more than all the
// rest. The sealing ledgers are checked in full.
func (b *Incremental) check(asOf practice.Date) diag.List {
	if b.checks == nil || b.checkAll || asOf != b.checkAsOf {
		b.checks = map[string]diag.List{}
		b.glyphs = map[string]diag.List{}
		b.seals = map[string]diag.List{}
		b.topOK = false
		b.checkAll = false
		clear(b.recheck)
	}
	fonts, drawn := fontFindings(b.opts.Source, b.p)
	if b.all || drawn == nil {
		clear(b.glyphs) // the templates, hence the fonts they draw with, changed
	}
	b.checkAsOf = asOf
	book := deadline.New(b.p, b.jurisdictions)
	// check.Top reads practice.yaml and the public pages only (with the
	// reference date, which resets every check above): kept until a public
	// page changes, it no longer parses the public pages' Markdown again on
	// every edit of an issue (2.4% of an edit's allocations).
	if !b.topOK || b.dirty[site.DepPages] {
		b.top, b.topOK = check.Top(b.p, asOf), true
	}
	l := slices.Clone(b.top)
	live := make(map[string]bool, len(b.p.Cases))
	for _, c := range b.p.Cases {
		if c == nil {
			continue
		}
		live[c.ID] = true
		f, ok := b.checks[c.ID]
		if !ok || b.recheck[c.ID] {
			f = check.Case(b.p, c, asOf, book)
			b.checks[c.ID] = f
		}
		l = append(l, f...)
		if drawn == nil {
			continue
		}
		g, ok := b.glyphs[c.ID]
		if !ok || b.recheck[c.ID] {
			g = check.GlyphsCase(c, drawn)
			b.glyphs[c.ID] = g
		}
		l = append(l, g...)
	}
	for id := range b.checks {
		if !live[id] {
			delete(b.checks, id)
			delete(b.glyphs, id)
		}
	}
	l = append(l, fonts...)
	l = append(l, check.GlyphsPractice(b.p, drawn)...)
	l = append(l, b.checkSeals(live)...)
	clear(b.recheck)
	return l
}

// checkSeals is seal.Check, with each case's findings kept until the case
// is read again (a change under sealed/ reads the case again). A case
// folder that did not parse is checked every time: parse dropped it, so
// nothing says when it changes.
func (b *Incremental) checkSeals(live map[string]bool) diag.List {
	l := seal.CheckKey(b.p)
	ids := seal.CaseIDs(b.opts.Source, b.p)
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		seen[id] = true
		f, ok := b.seals[id]
		if !ok || b.recheck[id] || !live[id] {
			f = seal.CheckCase(b.opts.Source, b.p, id)
			b.seals[id] = f
		}
		l = append(l, f...)
	}
	for id := range b.seals {
		if !seen[id] {
			delete(b.seals, id)
		}
	}
	return l
}

// applyService sets served_on from the ledgers' service records
// (seal.ApplyService): for the whole practice after it was read whole, else
// only for the cases read again since, whose issues are new; the others keep
// what was applied to them.
func (b *Incremental) applyService() {
	if b.checkAll || b.checks == nil {
		seal.ApplyService(b.opts.Source, b.p)
		return
	}
	for id := range b.recheck {
		seal.ApplyServiceCase(b.opts.Source, b.p.Case(id))
	}
}

// today returns the reference date: opts.AsOf, or else today in the
// practice's time zone (UTC when it names none or an unknown one), so that a
// server left running overnight re-renders the day-dependent pages.
func (b *Incremental) today() practice.Date {
	if !b.opts.AsOf.IsZero() {
		return b.opts.AsOf
	}
	return Today(b.p, time.Now())
}

// mark records what one changed input path invalidates, by what the
// practice's layout says the path is (parse.Classify).
func (b *Incremental) mark(rel string) {
	at := parse.Classify(rel)
	switch at.Kind {
	case parse.KindPractice, parse.KindJurisdiction, parse.KindFolder:
		b.reparse = true
	case parse.KindTemplate:
		b.all = true
	case parse.KindPublic, parse.KindPage:
		b.dirty[site.DepPages] = true
	case parse.KindIssue:
		b.readIssues[rel] = at.Case
	case parse.KindLog:
		b.readLogs[at.Case] = true
	case parse.KindCaseFolder, parse.KindCase, parse.KindIssues, parse.KindSealed, parse.KindSealLedger, parse.KindFeeLedger, parse.KindExhibit:
		// The case is read again whole: a sealed document or a ledger's
		// service record changes what its issues' pages show, and an
		// exhibit added, edited or removed changes an issue's exhibits,
		// their copies and the check of the exhibit folders.
		b.readCases[at.Case] = true
	case parse.KindStray:
		switch {
		case at.Case == "":
			// A file elsewhere under content/, or a case folder with a bad
			// name: read by no one but the misplaced-file check and the
			// check of the folder names, which need the whole folder.
			b.reparse = true
		case b.vanished(rel):
			// A tool's temporary file (sed -i, an editor's save) that came
			// and went, with no finding of its own to clear: nothing to read.
		default:
			b.readCases[at.Case] = true // for the misplaced-file check
		}
	}
	// Anything else (output/, .git/, notes beside the practice, editors'
	// scratch files) is read by no one.
}

// vanished reports whether rel no longer exists and no finding names it
// or a file under it.
func (b *Incremental) vanished(rel string) bool {
	for file := range b.parse {
		if file == rel || strings.HasPrefix(file, rel+"/") {
			return false
		}
	}
	_, err := os.Lstat(filepath.Join(b.opts.Source, filepath.FromSlash(rel)))
	return errors.Is(err, fs.ErrNotExist)
}

// read re-reads what mark found changed, updating the model and the parse
// findings, and turns file changes into dependency keys.
func (b *Incremental) read() {
	root := b.opts.Source
	if b.reparse || b.p == nil {
		p, diags := parse.Dir(root)
		// The profiles are read with the whole folder: a change to
		// jurisdictions/ is a change to the practice (mark).
		set, jd := jurisdiction.Load(root)
		b.jurisdictions = set
		diags = append(diags, jd...)
		b.p = p
		b.parse = map[string]diag.List{}
		b.addParse(diags)
		b.reparse = false
		b.all = true
		b.checkAll = true
		b.clearReads()
		return
	}
	// Public pages.
	if b.dirty[site.DepPages] {
		pages, diags := parse.ReadPages(root, b.p.MaxFileBytes())
		b.p.Pages = pages
		b.dropParse(parse.PublicDir)
		b.addParse(diags)
	}
	// Whole cases first, then single issue files of cases not re-read.
	for id := range b.readCases {
		b.readCase(id)
	}
	for file, id := range b.readIssues {
		if !b.readCases[id] {
			b.readIssue(id, file)
		}
	}
	for id := range b.readLogs {
		if !b.readCases[id] {
			b.readLog(id)
		}
	}
	b.clearReads()
	b.p.SortCases()
}

func (b *Incremental) clearReads() {
	clear(b.readCases)
	clear(b.readIssues)
	clear(b.readLogs)
}

// readCase re-reads one case folder and all its issues.
func (b *Incremental) readCase(id string) {
	root := b.opts.Source
	dir := path.Join(parse.CasesDir, id)
	b.dirty[site.DepCase(id)] = true
	b.dirty[site.DepLog(id)] = true
	b.recheck[id] = true
	b.dirtyIssues(b.p.Case(id))
	b.dropParse(dir)
	b.removeCase(id)
	if st, err := os.Stat(filepath.Join(root, filepath.FromSlash(dir))); err != nil || !st.IsDir() {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			var d diag.List
			d.Errorf(practice.Pos{File: dir}, "%v", err)
			b.addParse(d)
		}
		return // the case folder is gone
	}
	c, diags := parse.ReadCase(root, id, b.p)
	b.addParse(diags)
	if c != nil {
		b.p.Cases = append(b.p.Cases, c)
		b.dirtyIssues(c)
	}
}

// readIssue re-reads one issue file of case id.
func (b *Incremental) readIssue(id, file string) {
	c := b.p.Case(id)
	if c == nil {
		b.readCase(id) // the case itself failed to load before: read it all
		return
	}
	b.dropParse(file)
	b.recheck[id] = true
	at := -1
	for i, is := range c.Issues {
		if is.Src.File == file {
			at = i
			b.dirty[site.DepIssue(is)] = true
		}
	}
	if at >= 0 {
		c.Issues = append(c.Issues[:at], c.Issues[at+1:]...)
	}
	if _, err := os.Stat(filepath.Join(b.opts.Source, filepath.FromSlash(file))); errors.Is(err, fs.ErrNotExist) {
		return // deleted
	}
	is, diags := parse.ReadIssue(b.opts.Source, file, c, b.p.MaxFileBytes())
	b.addParse(diags)
	if is != nil {
		c.Issues = append(c.Issues, is)
		b.dirty[site.DepIssue(is)] = true
	}
}

func (b *Incremental) dirtyIssues(c *practice.Case) {
	if c == nil {
		return
	}
	for _, is := range c.Issues {
		b.dirty[site.DepIssue(is)] = true
		b.dirty[site.DepLogIssue(c.ID, is.Number)] = true
	}
}

// readLog re-reads the log of case id, log.txt, alone. The pages that
// show the whole log depend on site.DepLog; an issue's page shows the
// entries about it, so its key site.DepLogIssue is marked only when those
// changed: a new entry about issue 4 renders the case page, the log page
// and issue 4's page, not every issue's.
func (b *Incremental) readLog(id string) {
	c := b.p.Case(id)
	if c == nil {
		b.readCase(id) // the case itself failed to load before: read it all
		return
	}
	file := path.Join(parse.CaseDir(id), parse.LogFile)
	b.dropParse(file)
	b.recheck[id] = true
	b.dirty[site.DepLog(id)] = true
	old := c.Log
	l, diags := parse.ReadLog(b.opts.Source, id, b.p.MaxFileBytes())
	b.addParse(diags)
	c.Log = l
	for _, is := range c.Issues {
		// The issue pages link the log page only when there is one.
		if (old == nil) != (l == nil) || !sameShared(old, l, is.Number) {
			b.dirty[site.DepLogIssue(id, is.Number)] = true
		}
	}
}

// sameShared reports whether logs a and b hold the same entries about
// issue n that are not private, in the same order, wherever their lines
// are: what the issue's page shows.
func sameShared(a, b *practice.CommLog, n int) bool {
	about := func(l *practice.CommLog) []practice.LogEntry {
		if l == nil {
			return nil
		}
		var out []practice.LogEntry
		for _, e := range l.Entries {
			if e.Issue == n && !e.Private {
				e.Line = 0
				out = append(out, e)
			}
		}
		return out
	}
	x, y := about(a), about(b)
	return len(x) == len(y) && reflect.DeepEqual(x, y)
}

func (b *Incremental) removeCase(id string) {
	cases := b.p.Cases[:0]
	for _, c := range b.p.Cases {
		if c.ID != id {
			cases = append(cases, c)
		}
	}
	clear(b.p.Cases[len(cases):])
	b.p.Cases = cases
}

func (b *Incremental) addParse(diags diag.List) {
	for _, f := range diags {
		b.parse[f.Pos.File] = append(b.parse[f.Pos.File], f)
	}
}

// dropParse forgets the parse findings of a file or of everything under a
// folder.
func (b *Incremental) dropParse(p string) {
	for file := range b.parse {
		if file == p || strings.HasPrefix(file, p+"/") {
			delete(b.parse, file)
		}
	}
}

func (b *Incremental) findings() diag.List {
	var out diag.List
	for _, l := range b.parse {
		out = append(out, l...)
	}
	return out
}

// render renders the output files whose dependencies changed and makes the
// result the last good output.
func (b *Incremental) render(ctx context.Context, asOf practice.Date, u *Update) error {
	opts := b.opts
	opts.AsOf = asOf
	full := b.all || b.files == nil
	var next func() (*site.Site, error)
	if !full && b.site != nil && asOf == b.asOf {
		changed := b.changedCases()
		next = func() (*site.Site, error) { return b.site.Next(func(id string) bool { return changed[id] }) }
	}
	files, s, err := render(ctx, b.p, b.jurisdictions, opts, next)
	if err != nil {
		return err
	}
	var m match
	if full {
		m = match{list: make([]output, len(files)), todo: make([]int, len(files))}
		for i, f := range files {
			m.list[i] = output{path: f.Path, deps: f.Deps}
			m.todo[i] = i
		}
	} else {
		m = b.outs.match(files, b.dirty)
	}
	if !full {
		// Largest first (by the last output's size): the workers take
		// files in order, and the docket (660 kB, 8 ms at 10,000 issues)
		// came after the case's pages, so one core rendered it alone at
		// the end of every edit's rebuild.
		slices.SortStableFunc(m.todo, func(a, b int) int { return len(m.list[b].data) - len(m.list[a].data) })
	}
	todo := make([]File, len(m.todo))
	sizes := make([]int, len(m.todo))
	for k, i := range m.todo {
		todo[k] = files[i]
		sizes[k] = len(m.list[i].data)
	}
	out, err := renderSized(ctx, todo, sizes, runtime.GOMAXPROCS(0))
	if err != nil {
		return err
	}
	for k, i := range m.todo {
		m.list[i].data = out[k]
		u.Rendered = append(u.Rendered, files[i].Path)
	}

	// The output map is new (the server may be reading the last one). When
	// the edit kept every path, it is a copy of the last one with the
	// rendered files replaced: maps.Clone copies the table whole, where
	// inserting 21,000 paths one by one hashed every one of them.
	var out2 map[string][]byte
	if !full && m.samePaths {
		out2 = maps.Clone(b.files)
		for _, i := range m.todo {
			out2[m.list[i].path] = m.list[i].data
		}
	} else {
		out2 = make(map[string][]byte, len(m.list))
		for _, o := range m.list {
			out2[o.path] = o.data
		}
		if full {
			for p := range b.files {
				if _, ok := out2[p]; !ok {
					u.Removed = append(u.Removed, p)
				}
			}
		} else {
			u.Removed = m.removed
		}
	}
	sort.Strings(u.Rendered)
	sort.Strings(u.Removed)
	u.Full = full
	u.Files = out2

	if full || !m.samePaths {
		b.outs.reset(m.list)
	} else {
		b.outs.update(m.list, m.depsChanged)
	}
	b.files, b.asOf, b.site = out2, asOf, s
	b.all = false
	clear(b.dirty)
	return nil
}

// renderSized renders files on workers goroutines, each into a buffer of
// about sizes[i] bytes (its last output's size, or 0 for a new file), and
// returns the outputs: for a file rendered before, the buffer itself.
//
// Fast path, instead of renderFiles's pooled buffers: an edit at 10,000
// issues renders the search index (4.9 MB), the calendar feed (2.2 MB) and
// the docket (0.7 MB) again. In pooled buffers each was copied once more to
// be kept, and the feed and the docket, rendered by the template into a
// buffer that grew by doubling, were copied on the way too: 34 MB allocated
// per edit, which is what set the pace of garbage collection, the cause of
// most slow rebuilds. A buffer of the last size holds the new output
// whole, or almost; the output is then that buffer.
func renderSized(ctx context.Context, files []File, sizes []int, workers int) ([][]byte, error) {
	out := make([][]byte, len(files))
	err := eachOnWorkers(ctx, len(files), workers, func(i int) error {
		var buf *bytes.Buffer
		if sizes[i] == 0 {
			// A new file (every file of the first build): a pooled
			// buffer, copied to its size below, as renderFiles does.
			buf = bufs.Get().(*bytes.Buffer)
			buf.Reset()
			defer putBuf(buf)
		} else {
			buf = bytes.NewBuffer(make([]byte, 0, sizes[i]+sizes[i]/16+512))
		}
		if err := files[i].Render(buf); err != nil {
			return fmt.Errorf("%s: %w", files[i].Path, err)
		}
		data := buf.Bytes()
		if sizes[i] == 0 || cap(data)-len(data) > len(data)/8+4096 {
			// Kept for the server to read until the next edit: not
			// in a pooled buffer, nor with much room to spare.
			data = bytes.Clone(data)
		}
		out[i] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// changedCases returns the ids of the cases whose case file or issues are
// dirty.
func (b *Incremental) changedCases() map[string]bool {
	ids := map[string]bool{}
	for d := range b.dirty {
		if id, ok := d.Case(); ok {
			ids[id] = true
		}
	}
	return ids
}

// aggregates are the pages that count every issue (the docket's "N most
// recent of M outcomes", the category index's counts by outcome), whatever
// their Deps list: they are rendered after any change.
var aggregates = map[string]bool{
	PrivateDir + "/index.html":            true,
	PrivateDir + "/categories/index.html": true,
}

// An output is one file of the last good output.
type output struct {
	path string
	deps []site.Dep
	data []byte
}

// outputs are the files of the last good output in the order render listed
// them, with an index from each dependency key to the files whose Deps name
// it.
//
// Fast path: an edit finds its stale files through the index and matches
// the new list of files to the last one by position, instead of looking up
// every path and every dependency key in maps. At 10,000 issues (21,000
// files, 200,000 keys in their Deps) those lookups were 21 ms of CPU of each
// edit's rebuild, more than re-rendering the pages.
type outputs struct {
	list  []output
	at    map[string]int     // index in list by path; built when first needed
	byDep map[site.Dep][]int // indexes in list of the files naming each key
	aggr  []int              // indexes of the aggregates
}

// reset makes list the outputs and indexes them again.
func (o *outputs) reset(list []output) {
	o.list, o.at = list, nil
	o.byDep = map[site.Dep][]int{}
	o.aggr = o.aggr[:0]
	for i, f := range list {
		for _, d := range f.deps {
			o.byDep[d] = append(o.byDep[d], i)
		}
		if aggregates[f.path] {
			o.aggr = append(o.aggr, i)
		}
	}
}

// update makes list, which has the paths of the outputs at the same
// indexes, the outputs, and moves in the index the files whose Deps changed.
func (o *outputs) update(list []output, depsChanged []int) {
	for _, i := range depsChanged {
		for _, d := range o.list[i].deps {
			ix := o.byDep[d]
			if k := slices.Index(ix, i); k >= 0 {
				ix = slices.Delete(ix, k, k+1)
			}
			if len(ix) == 0 {
				delete(o.byDep, d)
			} else {
				o.byDep[d] = ix
			}
		}
		for _, d := range list[i].deps {
			if ix := o.byDep[d]; !slices.Contains(ix, i) {
				o.byDep[d] = append(ix, i)
			}
		}
	}
	o.list = list
}

// index returns the index of path in the outputs, or -1.
func (o *outputs) index(path string) int {
	if o.at == nil {
		o.at = make(map[string]int, len(o.list))
		for i, f := range o.list {
			o.at[f.path] = i
		}
	}
	if i, ok := o.at[path]; ok {
		return i
	}
	return -1
}

// A match is the new list of files matched to the last good output.
type match struct {
	list        []output // the new outputs, with the data of those kept
	todo        []int    // indexes in list of the files to render
	removed     []string // paths in the last output and not in list
	samePaths   bool     // list has the paths of the last output, in its order
	depsChanged []int    // indexes of kept files whose Deps changed (when samePaths)
}

// match matches files to the outputs and says which must be rendered: those
// that are new, or whose dependencies in the last good output or now name a
// changed key (an edit can move an issue off a page as well as onto one).
func (o *outputs) match(files []File, dirty map[site.Dep]bool) match {
	// The files whose last Deps name a changed key, through the index.
	stale := make([]bool, len(o.list))
	for d := range dirty {
		for _, i := range o.byDep[d] {
			stale[i] = true
		}
	}
	if len(dirty) > 0 {
		for _, i := range o.aggr {
			stale[i] = true
		}
	}
	m := match{list: make([]output, len(files)), samePaths: len(files) == len(o.list)}
	seen := make([]bool, len(o.list))
	j := 0 // where the next file is expected in the last output
	for i, f := range files {
		k := j
		if j >= len(o.list) || o.list[j].path != f.Path {
			k = o.index(f.Path) // a file added or removed before this one
		}
		if k != i {
			m.samePaths = false
		}
		m.list[i] = output{path: f.Path, deps: f.Deps}
		if k < 0 || seen[k] {
			m.todo = append(m.todo, i) // new
			continue
		}
		j = k + 1
		seen[k] = true
		old := &o.list[k]
		m.list[i].data = old.data
		redo := stale[k]
		if !sameBacking(old.deps, f.Deps) {
			// A page Site.Next made again: its new Deps may name a
			// changed key its old ones did not.
			if !redo {
				for _, d := range f.Deps {
					if dirty[d] {
						redo = true
						break
					}
				}
			}
			if !slices.Equal(old.deps, f.Deps) {
				m.depsChanged = append(m.depsChanged, i)
			}
		}
		if redo {
			m.todo = append(m.todo, i)
		}
	}
	for k, ok := range seen {
		if !ok {
			m.removed = append(m.removed, o.list[k].path)
			m.samePaths = false
		}
	}
	return m
}

func sortedUnique(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	j := 0
	for i, v := range out {
		if i == 0 || v != out[j-1] {
			out[j] = v
			j++
		}
	}
	return out[:j]
}

// sameBacking reports whether a and b are one slice: the dependency list of
// a page that Site.Next kept from the last build, which then needs no
// comparison key by key. An edit keeps almost every page, and lists such as
// the docket's name every issue: comparing them key by key would cost, on
// every edit, in proportion to the whole practice.
func sameBacking(a, b []site.Dep) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
