package build

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"pcdocket/generator/deadline"
	"pcdocket/generator/diag"
	"pcdocket/generator/document"
	"pcdocket/generator/markup"
	"pcdocket/generator/parse"
	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/pdfsign"
	"pcdocket/generator/practice"
	"pcdocket/generator/seal"
	"pcdocket/generator/site"
	"pcdocket/templates"
)

// DocumentsDir is the folder of the private site that holds the PDFs.
const DocumentsDir = "documents"

// documents returns one file per documented issue: the sealed PDF where the
// issue has been sealed (a served document never changes), else a fresh
// assembly. WriteFiles renders them in parallel with the pages.
func documents(p *practice.Practice, book *deadline.Book, tmpl fs.FS, md *markup.Markdown, source string) ([]File, error) {
	a, err := pdfdoc.New(tmpl, md, document.ProfileRules(book))
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	a.SetFonts(docFonts(source, p))
	if err := signWith(a, source, p); err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	ledger, err := seal.Load(source)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	var files []File
	for _, is := range p.Issues() {
		if !is.Documented() {
			continue
		}
		deps := []site.Dep{site.DepPractice, site.DepCase(is.Case.ID), site.DepIssue(is)}
		if am := is.Case.Issue(is.Amends); am != nil {
			deps = append(deps, site.DepIssue(am))
		}
		files = append(files, File{
			Path:   path.Join(PrivateDir, DocumentsDir, is.DocumentFile()),
			Deps:   deps,
			record: is,
			Render: func(w io.Writer) error {
				b, sealed, err := ledger.Sealed(is)
				if err != nil {
					return err
				}
				if !sealed {
					if b, err = a.Document(p, is); err != nil {
						return err
					}
				}
				_, err = w.Write(b)
				return err
			},
		})
	}
	return files, nil
}

// signWith makes a sign every document with the practice's document
// signing key, or its coordinator's own key, when there is one (see package pdfsign). A key that cannot be
// opened stops the build: no document is built half-signed or unsigned by
// mistake.
func signWith(a *pdfdoc.Assembler, source string, p *practice.Practice) error {
	s, err := pdfsign.LoadPractice(source)
	if err != nil {
		return err
	}
	if s != nil {
		a.SetSigner(s)
	}
	// In a practice of several coordinators, each may sign with a key of
	// their own, keys/<id>.p12 (docs/signing.md).
	var ids []string
	for _, co := range p.AllCoordinators() {
		ids = append(ids, co.ID)
	}
	own, err := pdfsign.LoadCoordinators(source, ids)
	if err != nil {
		return err
	}
	for id, s := range own {
		a.SetSignerFor(id, s)
	}
	return nil
}

// ErrNoDocument is returned by Seal for an issue whose outcome produces no
// document (pending, withdrawn or referred).
var ErrNoDocument = errors.New("only a determination or an agreement has a document to seal")

// SealResult is what Seal did: the entry it recorded, and the errors it
// found elsewhere in the practice, which did not stop it.
type SealResult struct {
	Entry seal.Entry
	// Elsewhere holds the errors of other cases and of the public pages:
	// they do not touch the document, so they are listed, not blocking.
	Elsewhere diag.List
}

// Seal issues the document of issue number of case caseID: it checks the
// practice, assembles the PDF exactly as a build would, and records it with
// seal.Seal, signed with key when practice.yaml pins a ledger key (nil
// when it pins none). A zero on seals as of today in the practice's time
// zone.
//
// Only what the document is made of must be free of errors: the issue's
// case folder, practice.yaml, the jurisdiction profiles and the templates.
// Errors there return a *diag.ListError holding those findings, and nothing
// is sealed. Errors in other cases or in the public pages are returned in
// SealResult.Elsewhere: an urgent determination must not wait for a typo
// in another family's file.
func Seal(ctx context.Context, opts Options, caseID string, number int, on practice.Date, key ed25519.PrivateKey) (*SealResult, error) {
	l, err := Load(ctx, opts)
	if err != nil {
		return nil, err
	}
	blocking, elsewhere := splitFindings(l.Findings, caseID)
	if err := blocking.Err(); err != nil {
		return nil, err
	}
	p := l.Practice
	if on.IsZero() {
		on = l.AsOf
	}
	c := p.Case(caseID)
	if c == nil || c.Issue(number) == nil {
		return nil, fmt.Errorf("no issue %d in case %q", number, caseID)
	}
	is := c.Issue(number)
	if !is.Documented() {
		return nil, fmt.Errorf("issue %s is %s: %w", is.ID(), is.Status(), ErrNoDocument)
	}
	tmpl := templates.OverlayLimit(filepath.Join(opts.Source, parse.TemplatesDir), p.MaxFileBytes())
	a, err := pdfdoc.New(tmpl, markup.New(), document.ProfileRules(l.Deadlines()))
	if err != nil {
		return nil, err
	}
	a.SetFonts(docFonts(opts.Source, p))
	if err := signWith(a, opts.Source, p); err != nil {
		return nil, err
	}
	pdf, err := a.Document(p, is)
	if err != nil {
		return nil, fmt.Errorf("issue %s: %w", is.ID(), err)
	}
	e, err := seal.Seal(opts.Source, p, caseID, number, pdf, on, key)
	if err != nil {
		return nil, err
	}
	return &SealResult{Entry: e, Elsewhere: elsewhere}, nil
}

// splitFindings separates the findings that concern a document of case
// caseID (its own folder, and every file outside content/: practice.yaml,
// jurisdictions/, templates/) from the errors elsewhere (other cases, the
// public pages), which it keeps only when they are errors.
func splitFindings(all diag.List, caseID string) (blocking, elsewhere diag.List) {
	own := "content/cases/" + caseID + "/"
	for _, f := range all {
		file := filepath.ToSlash(f.Pos.File)
		switch {
		case strings.HasPrefix(file, own), !strings.HasPrefix(file, "content/"):
			blocking = append(blocking, f)
		case f.Severity == diag.Error:
			elsewhere = append(elsewhere, f)
		}
	}
	return blocking, elsewhere
}
