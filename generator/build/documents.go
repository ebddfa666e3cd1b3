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

	"pcdocket/generator/deadline"
	"pcdocket/generator/document"
	"pcdocket/generator/markup"
	"pcdocket/generator/pdfdoc"
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
	ledger, err := seal.Load(source)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	var files []File
	for _, is := range p.Issues() {
		if !is.Documented() {
			continue
		}
		deps := []string{site.DepPractice, site.DepCase(is.Case.ID), site.DepIssue(is)}
		if am := is.Case.Issue(is.Amends); am != nil {
			deps = append(deps, site.DepIssue(am))
		}
		files = append(files, File{
			Path: path.Join(PrivateDir, DocumentsDir, is.DocumentFile()),
			Deps: deps,
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

// ErrNoDocument is returned by Seal for an issue whose outcome produces no
// document (pending, withdrawn or referred).
var ErrNoDocument = errors.New("only a determination or an agreement has a document to seal")

// Seal issues the document of issue number of case caseID: it checks the
// practice (a practice with errors returns a *diag.ListError and seals
// nothing), assembles the PDF exactly as a build would, and records it with
// seal.Seal, signed with key when practice.yaml pins a ledger key (nil
// when it pins none). A zero on seals as of today in the practice's time
// zone.
func Seal(ctx context.Context, opts Options, caseID string, number int, on practice.Date, key ed25519.PrivateKey) (seal.Entry, error) {
	l, err := Load(ctx, &opts)
	if err != nil {
		return seal.Entry{}, err
	}
	if err := l.Findings.Err(); err != nil {
		return seal.Entry{}, err
	}
	p := l.Practice
	if on.IsZero() {
		on = opts.AsOf
	}
	c := p.Case(caseID)
	if c == nil || c.Issue(number) == nil {
		return seal.Entry{}, fmt.Errorf("no issue %d in case %q", number, caseID)
	}
	is := c.Issue(number)
	if !is.Documented() {
		return seal.Entry{}, fmt.Errorf("issue %s is %s: %w", is.ID(), is.Status(), ErrNoDocument)
	}
	tmpl := templates.OverlayLimit(filepath.Join(opts.Source, "templates"), p.MaxFileBytes())
	a, err := pdfdoc.New(tmpl, markup.New(), document.ProfileRules(l.Deadlines()))
	if err != nil {
		return seal.Entry{}, err
	}
	pdf, err := a.Document(p, is)
	if err != nil {
		return seal.Entry{}, fmt.Errorf("issue %s: %w", is.ID(), err)
	}
	return seal.Seal(opts.Source, p, caseID, number, pdf, on, key)
}
