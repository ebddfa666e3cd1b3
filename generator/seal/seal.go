// Package seal issues documents for good. Sealing a determination or
// agreement writes its exact PDF bytes into the practice folder, beside the
// case, and records them in the case's ledger with the SHA-256 of the PDF
// and of the issue's source file. From then on the build publishes the
// sealed bytes instead of a fresh rendering, check reports any edit to the
// sealed issue, and Verify tells whether a PDF someone holds is, byte for
// byte, one the practice sealed.
//
// The ledger is per case, content/cases/<case-id>/sealed/ledger.yaml, next
// to the PDFs it lists: a case folder carries its own sealed record when it
// is archived or moved, and two cases never contend for one file.
package seal

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"pcdocket/generator/diag"
	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

// Dir is the folder, inside a case folder, that holds sealed documents.
const Dir = "sealed"

// LedgerFile is the ledger's name inside Dir.
const LedgerFile = "ledger.yaml"

// Entry is one sealed document.
type Entry struct {
	Case      string        // the case id (the folder the ledger is in)
	Number    int           // the issue number
	Kind      string        // determination, recommendation or agreement
	ID        string        // the identifier printed on the document
	SealedOn  practice.Date // the day it was sealed
	File      string        // the PDF's name inside the case's sealed/ folder
	PDFSum    [32]byte      // SHA-256 of the PDF
	Source    string        // the issue file, relative to the practice root
	SourceSum [32]byte      // SHA-256 of the issue file when sealed

	line int // line of the entry in its ledger, for findings
}

// String describes the entry for people: "Determination No. 3 of case X
// (PCD-…), sealed on March 3, 2026".
func (e Entry) String() string {
	kind := e.Kind
	if kind != "" {
		kind = strings.ToUpper(kind[:1]) + kind[1:]
	}
	if kind == "Agreement" {
		kind = "Memorandum of Agreement"
	}
	return fmt.Sprintf("%s No. %d of case %s (%s), sealed on %s", kind, e.Number, e.Case, e.ID, e.SealedOn.Long())
}

// ledgerEntry is an entry as the ledger file writes it.
type ledgerEntry struct {
	Number       int    `yaml:"number"`
	Kind         string `yaml:"kind"`
	ID           string `yaml:"id"`
	SealedOn     string `yaml:"sealed_on"`
	File         string `yaml:"file"`
	PDFSHA256    string `yaml:"pdf_sha256"`
	Source       string `yaml:"source"`
	SourceSHA256 string `yaml:"source_sha256"`
}

type ledgerFile struct {
	Documents []ledgerEntry `yaml:"documents"`
}

// Ledger is every case's sealed documents in a practice folder.
type Ledger struct {
	root    string
	entries []Entry // sorted by case, then number
}

// ledgerPath returns the ledger's path for a case, relative to root.
func ledgerPath(caseID string) string {
	return path.Join("content/cases", caseID, Dir, LedgerFile)
}

// LoadError is a ledger that cannot be read; Pos says where.
type LoadError struct {
	Pos practice.Pos
	Err error
}

func (e *LoadError) Error() string { return fmt.Sprintf("%s: %v", e.Pos, e.Err) }
func (e *LoadError) Unwrap() error { return e.Err }

// Load reads every case's ledger under root. A practice with nothing sealed
// has an empty ledger.
func Load(root string) (*Ledger, error) {
	l := &Ledger{root: root}
	dirs, err := os.ReadDir(filepath.Join(root, "content", "cases"))
	if errors.Is(err, fs.ErrNotExist) {
		return l, nil
	}
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		es, err := readLedger(root, d.Name())
		if err != nil {
			return nil, err
		}
		l.entries = append(l.entries, es...)
	}
	return l, nil
}

// readLedger reads one case's ledger; a missing ledger has no entries.
func readLedger(root, caseID string) ([]Entry, error) {
	rel := ledgerPath(caseID)
	data, err := sourcefile.ReadFile(root, rel, practice.DefaultMaxFileBytes, nil) // never a pipe, a link out, or too large
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		return nil, &LoadError{practice.Pos{File: rel, Line: yamlLine(err)}, fmt.Errorf("ledger is not valid YAML: %v", err)}
	}
	var lf ledgerFile
	if err := node.Decode(&lf); err != nil {
		return nil, &LoadError{practice.Pos{File: rel, Line: 1}, fmt.Errorf("ledger: %v", err)}
	}
	lines := entryLines(&node)
	var out []Entry
	for i, le := range lf.Documents {
		e := Entry{Case: caseID, Number: le.Number, Kind: le.Kind, ID: le.ID, File: le.File, Source: le.Source}
		if i < len(lines) {
			e.line = lines[i]
		}
		pos := practice.Pos{File: rel, Line: e.line}
		if e.SealedOn, err = practice.ParseDate(le.SealedOn); err != nil {
			return nil, &LoadError{pos, fmt.Errorf("sealed_on: %v", err)}
		}
		if e.PDFSum, err = parseSum(le.PDFSHA256); err != nil {
			return nil, &LoadError{pos, fmt.Errorf("pdf_sha256: %v", err)}
		}
		if e.SourceSum, err = parseSum(le.SourceSHA256); err != nil {
			return nil, &LoadError{pos, fmt.Errorf("source_sha256: %v", err)}
		}
		if e.File == "" || e.File != path.Base(e.File) || strings.HasPrefix(e.File, ".") {
			return nil, &LoadError{pos, fmt.Errorf("file %q: want a plain file name inside %s/", e.File, Dir)}
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out, nil
}

// entryLines returns the line of each item of the documents list.
func entryLines(n *yaml.Node) []int {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "documents" && n.Content[i+1].Kind == yaml.SequenceNode {
			var lines []int
			for _, it := range n.Content[i+1].Content {
				lines = append(lines, it.Line)
			}
			return lines
		}
	}
	return nil
}

// yamlLine digs the line number out of a yaml.v3 syntax error, or 1.
func yamlLine(err error) int {
	var line int
	if _, e := fmt.Sscanf(err.Error(), "yaml: line %d:", &line); e == nil && line > 0 {
		return line
	}
	return 1
}

func parseSum(s string) ([32]byte, error) {
	var sum [32]byte
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(sum) {
		return sum, fmt.Errorf("want 64 hexadecimal digits, have %q", s)
	}
	copy(sum[:], b)
	return sum, nil
}

// Entries returns every sealed document, by case then number.
func (l *Ledger) Entries() []Entry { return l.entries }

// Entry returns the sealed document of an issue, if there is one.
func (l *Ledger) Entry(caseID string, number int) (Entry, bool) {
	for _, e := range l.entries {
		if e.Case == caseID && e.Number == number {
			return e, true
		}
	}
	return Entry{}, false
}

// PDFPath returns the sealed PDF's path relative to the practice root.
func (e Entry) PDFPath() string { return path.Join("content/cases", e.Case, Dir, e.File) }

// Bytes reads the sealed PDF of e and checks it against the ledger's hash.
func (l *Ledger) Bytes(e Entry) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(l.root, filepath.FromSlash(e.PDFPath())))
	if err != nil {
		return nil, fmt.Errorf("seal: sealed document %s: %w", e.ID, err)
	}
	if sha256.Sum256(b) != e.PDFSum {
		return nil, fmt.Errorf("seal: %s: the file differs from the one sealed on %s (SHA-256 mismatch)", e.PDFPath(), e.SealedOn)
	}
	return b, nil
}

// Sealed returns the sealed bytes of is, which the build must publish
// instead of a fresh rendering, and whether is is sealed at all.
func (l *Ledger) Sealed(is *practice.Issue) ([]byte, bool, error) {
	e, ok := l.Entry(is.Case.ID, is.Number)
	if !ok {
		return nil, false, nil
	}
	b, err := l.Bytes(e)
	return b, true, err
}

// Sealed loads the ledgers under root and returns the sealed bytes of is.
// A build with many documents should Load once and use Ledger.Sealed.
func Sealed(root string, p *practice.Practice, is *practice.Issue) ([]byte, bool, error) {
	l, err := Load(root)
	if err != nil {
		return nil, false, err
	}
	return l.Sealed(is)
}

// Verify reports which sealed document pdf is, byte for byte, looking it
// up by SHA-256 in every ledger under root.
func Verify(root string, pdf []byte) (Entry, bool, error) {
	l, err := Load(root)
	if err != nil {
		return Entry{}, false, err
	}
	sum := sha256.Sum256(pdf)
	for _, e := range l.entries {
		if e.PDFSum == sum {
			return e, true, nil
		}
	}
	return Entry{}, false, nil
}

// Seal issues the document of issue number in case caseID: it writes pdf
// to the case's sealed/ folder and adds an entry dated on to the ledger.
// It refuses an issue that is already sealed or that has no document.
func Seal(root string, p *practice.Practice, caseID string, number int, pdf []byte, on practice.Date) (Entry, error) {
	c := p.Case(caseID)
	if c == nil {
		return Entry{}, fmt.Errorf("seal: no case %q", caseID)
	}
	is := c.Issue(number)
	if is == nil {
		return Entry{}, fmt.Errorf("seal: case %s has no issue %d", caseID, number)
	}
	if !is.Documented() {
		return Entry{}, fmt.Errorf("seal: issue %s is %s: only a determination or an agreement has a document to seal", is.ID(), is.Status())
	}
	if on.IsZero() {
		return Entry{}, fmt.Errorf("seal: no sealing date")
	}
	if len(pdf) == 0 || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return Entry{}, fmt.Errorf("seal: issue %s: the document is not a PDF", is.ID())
	}
	existing, err := readLedger(root, caseID)
	if err != nil {
		return Entry{}, err
	}
	for _, e := range existing {
		if e.Number == number {
			return Entry{}, fmt.Errorf("seal: issue %s was already sealed on %s as %s; write a new issue with `amends: %d` to change it", is.ID(), e.SealedOn, e.ID, number)
		}
	}
	e := Entry{
		Case:      caseID,
		Number:    number,
		Kind:      is.DocumentKind(),
		ID:        pdfdoc.DocumentID(is),
		SealedOn:  on,
		File:      is.DocumentFile(),
		PDFSum:    sha256.Sum256(pdf),
		Source:    is.Src.File,
		SourceSum: is.Src.Sum,
	}
	dir := filepath.Join(root, "content", "cases", caseID, Dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Entry{}, fmt.Errorf("seal: %w", err)
	}
	pdfPath := filepath.Join(dir, e.File)
	if _, err := os.Stat(pdfPath); err == nil {
		return Entry{}, fmt.Errorf("seal: %s exists but the ledger does not list it; move it away first", e.PDFPath())
	}
	// The PDF first, then the ledger: a crash in between leaves a stray
	// file that the next Seal reports, never a ledger entry without bytes.
	if err := writeFileAtomic(pdfPath, pdf, 0o444); err != nil {
		return Entry{}, fmt.Errorf("seal: %w", err)
	}
	if err := writeLedger(root, caseID, append(existing, e)); err != nil {
		os.Remove(pdfPath)
		return Entry{}, err
	}
	return e, nil
}

// writeLedger writes a case's ledger, sorted by number.
func writeLedger(root, caseID string, es []Entry) error {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Number < es[j].Number })
	var lf ledgerFile
	for _, e := range es {
		lf.Documents = append(lf.Documents, ledgerEntry{
			Number:       e.Number,
			Kind:         e.Kind,
			ID:           e.ID,
			SealedOn:     e.SealedOn.String(),
			File:         e.File,
			PDFSHA256:    hex.EncodeToString(e.PDFSum[:]),
			Source:       e.Source,
			SourceSHA256: hex.EncodeToString(e.SourceSum[:]),
		})
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Sealed documents of case %s, written by `pcdocket seal`.\n", caseID)
	buf.WriteString("# Do not edit: the build publishes these PDFs as they are, and check\n")
	buf.WriteString("# compares each issue file and PDF with the SHA-256 recorded here.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&lf); err != nil {
		return fmt.Errorf("seal: ledger: %w", err)
	}
	enc.Close()
	p := filepath.Join(root, filepath.FromSlash(ledgerPath(caseID)))
	if err := writeFileAtomic(p, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("seal: %w", err)
	}
	return nil
}

// writeFileAtomic writes data to a temporary file beside name and renames it.
func writeFileAtomic(name string, data []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".seal-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// Check reports, as findings, every sealed issue whose source changed since
// it was sealed, every sealed PDF that is missing or altered, every sealed
// entry whose issue is gone, and every ledger that cannot be read.
func Check(root string, p *practice.Practice) diag.List {
	var l diag.List
	if p == nil {
		return l
	}
	ids := map[string]bool{}
	for _, c := range p.Cases {
		ids[c.ID] = true
	}
	dirs, _ := os.ReadDir(filepath.Join(root, "content", "cases"))
	for _, d := range dirs {
		if d.IsDir() {
			ids[d.Name()] = true
		}
	}
	cases := make([]string, 0, len(ids))
	for id := range ids {
		cases = append(cases, id)
	}
	sort.Strings(cases)
	for _, id := range cases {
		es, err := readLedger(root, id)
		var le *LoadError
		if errors.As(err, &le) {
			l.Errorf(le.Pos, "%v", le.Err)
			continue
		}
		if err != nil {
			l.Errorf(practice.Pos{File: ledgerPath(id)}, "%v", err)
			continue
		}
		ledger := &Ledger{root: root, entries: es}
		for _, e := range es {
			checkEntry(&l, ledger, p, e)
		}
	}
	return l
}

func checkEntry(l *diag.List, ledger *Ledger, p *practice.Practice, e Entry) {
	at := practice.Pos{File: ledgerPath(e.Case), Line: e.line}
	var is *practice.Issue
	if c := p.Case(e.Case); c != nil {
		is = c.Issue(e.Number)
	}
	if is == nil {
		l.Errorf(at, "issue %d was sealed on %s as %s but case %s has no issue %d any more; restore %s", e.Number, e.SealedOn, e.ID, e.Case, e.Number, e.Source)
	} else if is.Src.Sum != e.SourceSum {
		l.Errorf(is.Src.At("number"), "issue %d was sealed on %s as %s and its source has changed since; revert the edit, or record the change in a new issue with `amends: %d`", e.Number, e.SealedOn, e.ID, e.Number)
	}
	b, err := os.ReadFile(filepath.Join(ledger.root, filepath.FromSlash(e.PDFPath())))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.Errorf(at, "sealed document %s (%s) is missing; restore it from a backup or from the copy that was served", e.PDFPath(), e.ID)
	case err != nil:
		l.Errorf(at, "sealed document %s: %v", e.PDFPath(), err)
	case sha256.Sum256(b) != e.PDFSum:
		l.Errorf(at, "sealed document %s (%s) differs from the one sealed on %s; restore the sealed file", e.PDFPath(), e.ID, e.SealedOn)
	}
}
