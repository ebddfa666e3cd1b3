package build

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"

	"pcdocket/generator/deadline"
	"pcdocket/generator/document"
	"pcdocket/generator/fees"
	"pcdocket/generator/markup"
	"pcdocket/generator/parse"
	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/practice"
	"pcdocket/generator/site"
	"pcdocket/templates"
)

// FeeDoc is one fee document (issue 17): a parent's statement or a fee
// report, with the file name `pcdocket statement` writes it under.
type FeeDoc struct {
	Case string
	Name string // "<case>-<YYYY-MM>-parent_a.pdf", "<case>-fee-report-<date>.pdf"
	PDF  []byte
}

// FeeAccounts loads the practice and prices the ledgers of the cases named
// (every case with fee terms and a ledger when ids is empty). The findings
// of the cases named must hold no error: fees priced from a broken ledger
// could be wrong.
func FeeAccounts(ctx context.Context, opts Options, ids []string) (*Loaded, []*fees.Account, error) {
	l, err := Load(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	p := l.Practice
	if len(ids) == 0 {
		for _, c := range p.Cases {
			if c.Fees.Given() && c.FeeLedger != nil {
				ids = append(ids, c.ID)
			}
		}
	}
	var accs []*fees.Account
	for _, id := range ids {
		c := p.Case(id)
		if c == nil {
			return nil, nil, fmt.Errorf("no case %q in content/cases", id)
		}
		blocking, _ := splitFindings(l.Findings, id)
		if err := blocking.Err(); err != nil {
			return l, nil, err
		}
		acc := fees.Compute(c)
		if acc == nil {
			return nil, nil, fmt.Errorf("case %s has no fee terms (fees in case.md) or no ledger (%s): nothing to price", id, practice.FeeFile)
		}
		accs = append(accs, acc)
	}
	return l, accs, nil
}

// feeAssembler returns the PDF assembler of the practice, with its fonts,
// signing with the practice's document key when it has one: a statement
// or a fee report goes to a parent or the court like a determination, and
// is signed like one (signWith, documents.go).
func feeAssembler(opts *Options, l *Loaded) (*pdfdoc.Assembler, error) {
	tmpl := templates.OverlayLimit(filepath.Join(opts.Source, parse.TemplatesDir), l.Practice.MaxFileBytes())
	a, err := pdfdoc.New(tmpl, markup.New(), document.ProfileRules(l.Deadlines()))
	if err != nil {
		return nil, err
	}
	if err := signWith(a, opts.Source, l.Practice); err != nil {
		return nil, err
	}
	return a, nil
}

// Statements renders each parent's statement for month m of every account.
func Statements(opts *Options, l *Loaded, accs []*fees.Account, m fees.Month) ([]FeeDoc, error) {
	a, err := feeAssembler(opts, l)
	if err != nil {
		return nil, err
	}
	var out []FeeDoc
	for _, acc := range accs {
		for k, key := range fees.Parents {
			b, err := a.Render(document.Statement(l.Practice, acc.Statement(k, m)))
			if err != nil {
				return nil, fmt.Errorf("case %s: %w", acc.Case.ID, err)
			}
			out = append(out, FeeDoc{Case: acc.Case.ID, Name: fmt.Sprintf("%s-%s-%s.pdf", acc.Case.ID, m, key), PDF: b})
		}
	}
	return out, nil
}

// FeeReports renders the fee report of every account as of asOf.
func FeeReports(opts *Options, l *Loaded, accs []*fees.Account, asOf practice.Date) ([]FeeDoc, error) {
	a, err := feeAssembler(opts, l)
	if err != nil {
		return nil, err
	}
	var out []FeeDoc
	for _, acc := range accs {
		b, err := a.Render(document.FeeReport(l.Practice, acc, asOf))
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", acc.Case.ID, err)
		}
		out = append(out, FeeDoc{Case: acc.Case.ID, Name: fmt.Sprintf("%s-fee-report-%s.pdf", acc.Case.ID, asOf), PDF: b})
	}
	return out, nil
}

// StatementsDir is the folder of the private site that holds the
// statements a build writes with Options.Statements (site.StatementPath).
// An encrypted site opens each parent's statement to that parent and the
// coordinator alone (vault.ParentDir).
const StatementsDir = "statements"

// statementFiles returns each parent's statement for month (YYYY-MM) of
// every case with fee terms and a ledger, rendered with the others and
// signed like the documents when the practice at source has a key.
func statementFiles(p *practice.Practice, book *deadline.Book, tmpl fs.FS, md *markup.Markdown, source, month string) ([]File, error) {
	m, err := fees.ParseMonth(month)
	if err != nil {
		return nil, fmt.Errorf("statements: %w", err)
	}
	a, err := pdfdoc.New(tmpl, md, document.ProfileRules(book))
	if err != nil {
		return nil, fmt.Errorf("statements: %w", err)
	}
	if err := signWith(a, source, p); err != nil {
		return nil, fmt.Errorf("statements: %w", err)
	}
	var files []File
	for _, c := range p.Cases {
		if !c.Fees.Given() || c.FeeLedger == nil {
			continue
		}
		for k, key := range fees.Parents {
			c, k := c, k
			files = append(files, File{
				Path: path.Join(PrivateDir, site.StatementPath(c.ID, m, key)),
				Deps: []site.Dep{site.DepPractice, site.DepCase(c.ID)},
				Render: func(w io.Writer) error {
					acc := fees.Compute(c)
					b, err := a.Render(document.Statement(p, acc.Statement(k, m)))
					if err != nil {
						return fmt.Errorf("case %s: %w", c.ID, err)
					}
					_, err = w.Write(b)
					return err
				},
			})
		}
	}
	return files, nil
}
