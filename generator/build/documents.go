package build

import (
	"fmt"
	"io"
	"io/fs"
	"path"

	"pcdocket/generator/markup"
	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/practice"
	"pcdocket/generator/seal"
	"pcdocket/generator/site"
)

// DocumentsDir is the folder of the private site that holds the PDFs.
const DocumentsDir = "documents"

// documents returns one file per documented issue: the sealed PDF where the
// issue has been sealed (a served document never changes), else a fresh
// assembly. WriteFiles renders them in parallel with the pages.
func documents(p *practice.Practice, tmpl fs.FS, md *markup.Markdown, source string) ([]File, error) {
	a, err := pdfdoc.New(tmpl, md)
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
