// Package parse reads a practice folder into the model of package practice.
// It reports structural problems (syntax, unknown keys, wrong types, missing
// required keys, bad dates and ids) as findings with the line of the key at
// fault; the rules that need the whole model are package check's.
package parse

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
	"gopkg.in/yaml.v3"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

// Paths inside a practice folder.
const (
	PracticeFile     = "practice.yaml"
	JurisdictionsDir = "jurisdictions" // override files <CODE>.yaml
	CasesDir         = "content/cases"
	PublicDir        = "content/public"
	CaseFile         = "case.md"
	IssuesDir        = "issues"
)

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// ValidID reports whether s is a valid case id or page slug: lowercase
// letters, digits and hyphens, 1 to 64 characters, the first a letter or
// a digit. Such an id can never name a path outside its folder, nor be
// taken for a flag by a command (`pcdocket new case --help` once made a
// case called "--help", which rm cannot remove without "--").
func ValidID(s string) bool { return idRE.MatchString(s) }

// Dir reads the practice folder at root: practice.yaml, every case and its
// issues, and the public pages. It returns the model, sorted, and every
// finding; the model is usable (partial) even when there are errors.
//
// Files are read by the rules of package sourcefile: only regular files,
// links only while they stay inside root, and no file over the practice's
// size limit (limits.max_file_bytes); a file refused is an error finding.
func Dir(root string) (*practice.Practice, diag.List) {
	p, diags, _ := DirContext(context.Background(), root)
	return p, diags
}

// DirContext is Dir that stops reading when ctx is done. It looks at ctx
// before every file, and no read can block or run long (a regular file of
// bounded size), so it returns promptly. The error is ctx's when ctx ended
// the reading: the model and the findings are then incomplete.
func DirContext(ctx context.Context, root string) (*practice.Practice, diag.List, error) {
	r := &reader{ctx: ctx, limit: practice.DefaultMaxFileBytes}
	p, diags := r.readPractice(root)
	limit, exhibitLimit := p.MaxFileBytes(), p.MaxExhibitBytes()

	ids, strays, more := caseIDs(root)
	diags = append(diags, more...)
	for _, rel := range strays {
		r.strayFile(&diags, root, rel, ids)
	}
	diags = append(diags, r.strayContent(root, ids)...)
	diags = append(diags, strayTemplates(root, p.Documents.Fonts)...)
	cases := make([]*practice.Case, len(ids))
	caseDiags := make([]diag.List, len(ids))
	// Cases are read on all cores, each worker with a reader of its own
	// (its buffer and the interned key paths are not shared). A worker
	// takes the next case when done with one: a goroutine per case grew
	// its stack again for every case.
	var g errgroup.Group
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), len(ids)) {
		r := &reader{ctx: ctx, limit: limit, exhibitLimit: exhibitLimit}
		g.Go(func() error {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(ids) {
					break
				}
				cases[i], caseDiags[i] = r.readCase(root, ids[i])
			}
			return nil
		})
	}
	g.Wait()
	for i, c := range cases {
		diags = append(diags, caseDiags[i]...)
		if c != nil {
			p.Cases = append(p.Cases, c)
		}
	}

	r.limit = limit
	pages, more := r.readPages(root)
	p.Pages = pages
	diags = append(diags, more...)

	p.SortCases()
	diags.Sort()
	return p, diags, ctx.Err()
}

func (r *reader) readPractice(root string) (*practice.Practice, diag.List) {
	p := &practice.Practice{}
	var diags diag.List
	data, err := r.readFile(root, PracticeFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if alt := practiceFileCandidate(root); alt != "" {
				diags.Errorf(practice.Pos{File: alt}, "pcdocket reads the practice from %s, named exactly so: rename %s to %s", PracticeFile, alt, PracticeFile)
			} else {
				diags.Errorf(practice.Pos{File: PracticeFile}, "not found in %s: run pcdocket in a practice folder, or name one with --source DIR", root)
			}
		} else {
			fileError(&diags, PracticeFile, err)
		}
		p.Src = practice.Source{File: PracticeFile}
		return p, diags
	}
	p.Src, diags = r.yamlFile(PracticeFile, data, p)
	p.LocalJurisdictions = localJurisdictions(root)
	if n := p.Limits.MaxFileBytes; n != nil && *n <= 0 {
		diags.Errorf(p.Src.At("limits.max_file_bytes"), "limits.max_file_bytes: want a positive number of bytes, e.g. 8388608 for 8 MiB; leave it out for the default, %s", sourcefile.Bytes(practice.DefaultMaxFileBytes))
	}
	if n := p.Limits.MaxExhibitBytes; n != nil && *n <= 0 {
		diags.Errorf(p.Src.At("limits.max_exhibit_bytes"), "limits.max_exhibit_bytes: want a positive number of bytes, e.g. 67108864 for 64 MiB; leave it out for the default, %s", sourcefile.Bytes(practice.DefaultMaxExhibitBytes))
	}
	return p, diags
}

// practiceFileCandidate returns the name of a file in root that is most
// likely practice.yaml under another spelling (practice.yml, Practice.yaml),
// or "".
func practiceFileCandidate(root string) string {
	entries, err := sourcefile.ReadDir(root, ".")
	if err != nil {
		return ""
	}
	for _, e := range entries {
		stem, ext := splitExt(e.Name())
		if !e.IsDir() && strings.EqualFold(stem, "practice") && (strings.EqualFold(ext, ".yaml") || strings.EqualFold(ext, ".yml")) {
			return e.Name()
		}
	}
	return ""
}

// localJurisdictions lists the codes of the jurisdiction override files,
// jurisdictions/<CODE>.yaml, sorted. Reading them is the jurisdiction
// profiles' business; the model only needs to know which codes exist.
func localJurisdictions(root string) []string {
	entries, err := sourcefile.ReadDir(root, JurisdictionsDir)
	if err != nil {
		return nil // none, or unreadable: a case naming one is then told it is unknown
	}
	var codes []string
	for _, e := range entries {
		name := e.Name()
		if sourcefile.Scratch(name) || e.IsDir() || !strings.HasSuffix(name, ".yaml") {
			continue
		}
		codes = append(codes, strings.TrimSuffix(name, ".yaml"))
	}
	sort.Strings(codes)
	return codes
}

func (r *reader) yamlFile(file string, data []byte, v any) (practice.Source, diag.List) {
	src := practice.Source{File: file, StartLine: 1}
	var diags diag.List
	data = bytes.TrimPrefix(data, bom)
	if line, _, msg, bad := notUTF8(data); bad {
		diags.Errorf(practice.Pos{File: file, Line: line}, "%s", msg)
		src.Unread = whole
		return src, diags
	}
	data = normalizeNewlines(data)
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		line, msg := syntaxLine(data, err)
		diags.Errorf(practice.Pos{File: file, Line: line}, "%s", msg)
		src.Unread = whole
		return src, diags
	}
	d := &decoder{r: r, src: &src, diags: &diags}
	r.begin()
	d.decodeStruct(&n, reflect.ValueOf(v).Elem(), "")
	src.Keys = r.sourceKeys()
	return src, diags
}

// caseIDs lists the case folders, and the files beside them (strays),
// reporting folders that cannot be cases.
func caseIDs(root string) (ids, strays []string, diags diag.List) {
	entries, err := sourcefile.ReadDir(root, CasesDir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			fileError(&diags, CasesDir, err)
		}
		return nil, nil, diags
	}
	for _, e := range entries {
		name := e.Name()
		if sourcefile.Scratch(name) {
			continue
		}
		if !e.IsDir() {
			strays = append(strays, path.Join(CasesDir, name))
			continue
		}
		if !ValidID(name) {
			diags.Errorf(practice.Pos{File: path.Join(CasesDir, name)}, "case folder %q is not a valid case id: use lowercase letters, digits and hyphens, 1 to 64 characters, starting with a letter or digit (e.g. %q)", name, suggestID(name))
			continue
		}
		ids = append(ids, name)
	}
	return ids, strays, diags
}

// ReadCase reads content/cases/<id>/case.md, the case's issues and their
// exhibit folders, with the size limits of p (Practice.MaxFileBytes,
// Practice.MaxExhibitBytes; a nil p has the defaults). It returns nil when
// the case file cannot be read at all.
func ReadCase(root, id string, p *practice.Practice) (*practice.Case, diag.List) {
	r := newReader(p.MaxFileBytes())
	r.exhibitLimit = p.MaxExhibitBytes()
	return r.readCase(root, id)
}

func (r *reader) readCase(root, id string) (*practice.Case, diag.List) {
	if !ValidID(id) {
		var diags diag.List
		diags.Errorf(practice.Pos{File: path.Join(CasesDir, id)}, "case folder %q is not a valid case id: use lowercase letters, digits and hyphens, 1 to 64 characters, starting with a letter or digit", id)
		return nil, diags
	}
	dir := path.Join(CasesDir, id)
	file := path.Join(dir, CaseFile)
	data, err := r.readFile(root, file)
	if err != nil {
		var diags diag.List
		skip := ""
		if errors.Is(err, fs.ErrNotExist) {
			entries, _ := sourcefile.ReadDir(root, dir)
			if skip = caseFileCandidate(entries); skip != "" {
				diags.Errorf(practice.Pos{File: path.Join(dir, skip)}, "no %s in the case folder: a case is read from %s, named exactly so; rename %s to %s", CaseFile, CaseFile, skip, CaseFile)
			} else {
				diags.Errorf(practice.Pos{File: dir}, "no %s: every case folder needs one, with the case's front matter", CaseFile)
			}
		} else {
			fileError(&diags, file, err)
		}
		return nil, append(diags, r.strayInCase(root, dir, skip)...)
	}
	c := &practice.Case{ID: id}
	var diags diag.List
	c.Body, c.Src, diags = r.frontMatter(file, data, c)
	diags = append(diags, r.strayInCase(root, dir, "")...)
	var more diag.List

	// The exhibit folders before the issues, which point into them.
	c.ExhibitFolders, more = r.readExhibits(root, dir)
	diags = append(diags, more...)
	names, issues, more := r.issueFiles(root, dir)
	diags = append(diags, more...)
	for _, name := range names {
		data, err := r.readIn(issues, name)
		is, d := r.issue(path.Join(dir, IssuesDir, name), data, err, c)
		diags = append(diags, d...)
		if is != nil {
			c.Issues = append(c.Issues, is)
		}
	}
	if issues != nil {
		issues.Close()
	}
	// Issue 17 hook: the case's fee ledger, fees.txt (parse/fees.go).
	c.FeeLedger, more = r.readFees(root, dir)
	diags = append(diags, more...)
	// Issue 18: the communications and session log, log.txt (parse/log.go).
	c.Log, more = r.readLog(root, dir)
	diags = append(diags, more...)
	return c, diags
}

// issueFiles returns the names of the issue files of the case folder
// caseDir, sorted, and its issues folder, open, for reading them; the
// caller closes it. Without an issues folder it returns neither.
func (r *reader) issueFiles(root, caseDir string) ([]string, *sourcefile.Dir, diag.List) {
	var diags diag.List
	dir := path.Join(caseDir, IssuesDir)
	d, err := sourcefile.OpenDir(root, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			fileError(&diags, dir, err)
		}
		return nil, nil, diags
	}
	entries, err := d.ReadDir()
	if err != nil {
		d.Close()
		fileError(&diags, dir, err)
		return nil, nil, diags
	}
	var names []string
	for _, e := range entries {
		if sourcefile.Scratch(e.Name()) {
			continue
		}
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			r.strayTree(&diags, root, path.Join(dir, e.Name()), e.IsDir(), nil, 0)
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names, d, diags
}

// ReadIssue reads one issue file (file is relative to root) of case c, with
// limit the size limit of a file (Practice.MaxFileBytes), and appends
// nothing to c: the caller decides where the issue goes. Its exhibits are
// looked up in c's exhibit folders as last read (ReadCase): a change to an
// exhibit folder needs the case read again.
func ReadIssue(root, file string, c *practice.Case, limit int64) (*practice.Issue, diag.List) {
	return newReader(limit).readIssue(root, file, c)
}

func (r *reader) readIssue(root, file string, c *practice.Case) (*practice.Issue, diag.List) {
	data, err := r.readFile(root, file)
	return r.issue(file, data, err, c)
}

// issue reads the issue of case c from data, the contents of file, or
// reports err, the error of reading it.
func (r *reader) issue(file string, data []byte, err error, c *practice.Case) (*practice.Issue, diag.List) {
	if err != nil {
		var diags diag.List
		fileError(&diags, file, err)
		return nil, diags
	}
	is := &practice.Issue{Case: c}
	var diags diag.List
	var body string
	body, is.Src, diags = r.frontMatter(file, data, is)
	is.Src.Base = baseSum(data, &is.Src, is.Events)
	is.Body, is.Private = practice.SplitPrivate(body)
	is.ResolveExhibits()
	return is, diags
}

// ReadPages reads the public pages, content/public/*.md, with limit the
// size limit of a file (Practice.MaxFileBytes).
func ReadPages(root string, limit int64) ([]*practice.Page, diag.List) {
	return newReader(limit).readPages(root)
}

func (r *reader) readPages(root string) ([]*practice.Page, diag.List) {
	var diags diag.List
	entries, err := sourcefile.ReadDir(root, PublicDir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			fileError(&diags, PublicDir, err)
		}
		return nil, diags
	}
	var pages []*practice.Page
	for _, e := range entries {
		name := e.Name()
		if sourcefile.Scratch(name) {
			continue
		}
		if e.IsDir() || !strings.HasSuffix(name, ".md") {
			r.strayTree(&diags, root, path.Join(PublicDir, name), e.IsDir(), nil, 0)
			continue
		}
		file := path.Join(PublicDir, name)
		slugName := strings.TrimSuffix(name, ".md")
		if !ValidID(slugName) {
			diags.Errorf(practice.Pos{File: file}, "page file name %q is not a valid slug: use lowercase letters, digits and hyphens, starting with a letter or digit (e.g. %q)", name, suggestID(slugName)+".md")
			continue
		}
		data, err := r.readFile(root, file)
		if err != nil {
			fileError(&diags, file, err)
			continue
		}
		pg := &practice.Page{Slug: slugName}
		var d diag.List
		pg.Body, pg.Src, d = r.frontMatter(file, data, pg)
		diags = append(diags, d...)
		pages = append(pages, pg)
	}
	return pages, diags
}

// fileError reports err, met reading file, as a finding: a refusal of
// package sourcefile in its own words at the file refused, anything else
// as the os package says it. A read stopped by the context is no finding:
// DirContext returns the context's error instead.
func fileError(diags *diag.List, file string, err error) {
	var refused *sourcefile.Error
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
	case errors.As(err, &refused):
		diags.Errorf(practice.Pos{File: refused.Name}, "%s", refused.Detail)
	default:
		diags.Errorf(practice.Pos{File: file}, "%v", err)
	}
}
