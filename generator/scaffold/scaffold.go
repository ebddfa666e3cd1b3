// Package scaffold writes the files a coordinator starts from: a new
// practice folder (practice.yaml, a public site, .gitignore, an empty
// content/cases/), a new case and a new issue, each with every key written
// out and commented, so that what is left to do is to replace the TODOs.
//
// The starter public pages are the sample practice's own pages
// (content/public/ at the repository root), which speak of parenting
// coordination and never name the practice: the layout prints the name
// and coordinator from practice.yaml. A test holds the copy to the sample.
package scaffold

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"

	"pcdocket/generator/parse"
	"pcdocket/generator/practice"
)

//go:embed starter
var starter embed.FS

var tmpl = template.Must(template.New("").Funcs(template.FuncMap{"q": quote}).
	ParseFS(starter, "starter/*.tmpl"))

// quote writes s as a YAML double-quoted scalar (JSON's string syntax is a
// subset of it), so that any name reads back as written.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// Practice is what a new practice.yaml says; Init fills in the defaults
// of the fields left empty.
type Practice struct {
	Name         string // default "My Parenting Coordination Practice"
	Coordinator  string // default "Your Name"
	Timezone     string // an IANA name; default "UTC"
	Jurisdiction string // a profile code; default "generic"
}

// Defaults of a new practice, for the coordinator to edit later.
const (
	DefaultName         = "My Parenting Coordination Practice"
	DefaultCoordinator  = "Your Name"
	DefaultTimezone     = "UTC"
	DefaultJurisdiction = "generic"
)

// ErrNotEmpty is returned by Init for a folder that already holds files:
// a new practice never writes over anything.
var ErrNotEmpty = errors.New("the folder is not empty: a new practice starts in an empty or new folder")

// Init writes a new practice into dir, creating it if need be: a commented
// practice.yaml, the starter public pages in content/public/, a .gitignore
// that keeps output/ and key files out of version control, and an empty
// content/cases/. It refuses a dir that holds anything. It returns the
// files written, relative to dir, in slash form.
func Init(dir string, p Practice) ([]string, error) {
	if p.Name == "" {
		p.Name = DefaultName
	}
	if p.Coordinator == "" {
		p.Coordinator = DefaultCoordinator
	}
	if p.Timezone == "" {
		p.Timezone = DefaultTimezone
	}
	if p.Jurisdiction == "" {
		p.Jurisdiction = DefaultJurisdiction
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotEmpty)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("init: %w", err)
	}
	files := map[string][]byte{}
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, "practice.yaml.tmpl", p); err != nil {
		return nil, fmt.Errorf("init: %w", err)
	}
	files["practice.yaml"] = b.Bytes()
	gi, err := starter.ReadFile("starter/gitignore")
	if err != nil {
		return nil, fmt.Errorf("init: %w", err)
	}
	files[".gitignore"] = gi
	pages, err := fs.Glob(starter, "starter/content/public/*.md")
	if err != nil {
		return nil, fmt.Errorf("init: %w", err)
	}
	for _, name := range pages {
		data, err := starter.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("init: %w", err)
		}
		files[strings.TrimPrefix(name, "starter/")] = data
	}
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(parse.CasesDir)), 0o755); err != nil {
		return nil, fmt.Errorf("init: %w", err)
	}
	var written []string
	for _, name := range sortedKeys(files) {
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(name)), files[name]); err != nil {
			return written, fmt.Errorf("init: %w", err)
		}
		written = append(written, name)
	}
	written = append(written, parse.CasesDir+"/")
	return written, nil
}

// publicPages returns the starter public pages by file name.
func publicPages() (map[string][]byte, error) {
	names, err := fs.Glob(starter, "starter/content/public/*.md")
	if err != nil {
		return nil, err
	}
	pages := map[string][]byte{}
	for _, n := range names {
		b, err := starter.ReadFile(n)
		if err != nil {
			return nil, err
		}
		pages[path.Base(n)] = b
	}
	return pages, nil
}

// ExistsError is returned for a case or issue that would take the place of
// one that exists.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return e.Path + " already exists" }

// InvalidIDError is a case id that is not a folder name pcdocket accepts.
type InvalidIDError struct{ ID string }

func (e *InvalidIDError) Error() string {
	return fmt.Sprintf("case id %q: use lowercase letters, digits and hyphens only, 1 to 64 of them, starting with a letter or digit (e.g. 2026-fam-0142-nunez-ward)", e.ID)
}

// NewCase writes content/cases/<id>/case.md under the practice root, every
// key written out and commented, with TODO placeholders that check
// accepts, an empty issues/ folder and a log.txt of comments only. today is the placeholder date of
// the appointment order. It returns the path of case.md relative to root.
func NewCase(root, id string, today practice.Date) (string, error) {
	if !parse.ValidID(id) {
		return "", &InvalidIDError{id}
	}
	rel := path.Join(parse.CaseDir(id), parse.CaseFile)
	dir := filepath.Join(root, filepath.FromSlash(parse.CaseDir(id)))
	if _, err := os.Lstat(dir); err == nil {
		return "", &ExistsError{parse.CaseDir(id)}
	}
	var b bytes.Buffer
	data := struct {
		ID    string
		Today string
		Born  int
	}{id, today.String(), today.Time().Year() - 8}
	if err := tmpl.ExecuteTemplate(&b, "case.md.tmpl", data); err != nil {
		return "", fmt.Errorf("new case: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "issues"), 0o755); err != nil {
		return "", fmt.Errorf("new case: %w", err)
	}
	if err := writeNew(filepath.Join(root, filepath.FromSlash(rel)), b.Bytes()); err != nil {
		return "", fmt.Errorf("new case: %w", err)
	}
	// The log, every line a comment saying how to write one: most
	// appointment orders (and N.C.G.S. 50-98) want every contact
	// recorded, from the first call.
	b.Reset()
	if err := tmpl.ExecuteTemplate(&b, "log.txt.tmpl", data); err != nil {
		return "", fmt.Errorf("new case: %w", err)
	}
	if err := writeNew(filepath.Join(dir, parse.LogFile), b.Bytes()); err != nil {
		return "", fmt.Errorf("new case: %w", err)
	}
	return rel, nil
}

// UnknownCaseError is an issue asked for in a case the practice does not
// have.
type UnknownCaseError struct {
	ID    string
	Known []string
}

func (e *UnknownCaseError) Error() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("no case %q: the practice has no cases yet; add one with `pcdocket new case ID`", e.ID)
	}
	return fmt.Sprintf("no case %q in content/cases/ (cases: %s)", e.ID, strings.Join(e.Known, ", "))
}

// NewIssue writes the next issue of case c under the practice root: the
// next free number (one more than the highest in use, counting the file
// names' numbers too, so that an issue that does not read is not written
// over), raised today, citing the plan's first clause, in a file named
// NN-slug.md after its title. It returns the file's path relative to root
// and the issue's number.
func NewIssue(root string, c *practice.Case, title string, today practice.Date) (string, int, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		return "", 0, errors.New("new issue: the title is empty: give the issue a short title, e.g. \"Summer exchange time\"")
	}
	dir := filepath.Join(root, filepath.FromSlash(parse.CaseDir(c.ID)), parse.IssuesDir)
	n := 0
	for _, is := range c.Issues {
		n = max(n, is.Number)
	}
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", 0, fmt.Errorf("new issue: %w", err)
	}
	for _, e := range ents {
		if m := leadingNumber.FindString(e.Name()); m != "" {
			if v, err := strconv.Atoi(m); err == nil {
				n = max(n, v)
			}
		}
	}
	n++
	var refs []string
	for _, cl := range c.Plan.Clauses {
		refs = append(refs, cl.Ref)
		break
	}
	if len(refs) == 0 {
		refs = []string{"1"}
	}
	slug := parse.Slug(title, 48)
	if slug == "" {
		slug = "issue"
	}
	rel := path.Join(parse.CaseDir(c.ID), parse.IssuesDir, fmt.Sprintf("%02d-%s.md", n, slug))
	var b bytes.Buffer
	data := struct {
		Case, Title, Today string
		Number             int
		Clauses            []string
	}{c.ID, title, today.String(), n, refs}
	if err := tmpl.ExecuteTemplate(&b, "issue.md.tmpl", data); err != nil {
		return "", 0, fmt.Errorf("new issue: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", 0, fmt.Errorf("new issue: %w", err)
	}
	if err := writeNew(filepath.Join(root, filepath.FromSlash(rel)), b.Bytes()); err != nil {
		return "", 0, fmt.Errorf("new issue: %w", err)
	}
	return rel, n, nil
}

var leadingNumber = regexp.MustCompile(`^[0-9]+`)

// writeNew writes a file that must not exist yet.
func writeNew(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
