// Package seal issues documents for good. Sealing a determination or
// agreement writes its exact PDF bytes into the practice folder, beside the
// case, and records them in the case's ledger with the SHA-256 of the PDF
// and the fingerprint of the issue's source file (parse.SourceSum: line
// endings and a leading BOM do not count, so an editor's re-save does not
// break the seal). From then on the build publishes the sealed bytes
// instead of a fresh rendering, check reports any edit to the sealed issue,
// and Verify tells whether a PDF someone holds is, byte for byte, one the
// practice sealed. Service comes after sealing, as a record appended to
// the ledger (RecordService), never as an edit of the sealed issue.
//
// The ledger is per case, content/cases/<case-id>/sealed/ledger.yaml, next
// to the PDFs it lists: a case folder carries its own sealed record when it
// is archived or moved, and two cases never contend for one file.
//
// Hashes alone do not stop whoever can write to the folder: replace a
// sealed PDF, write its new SHA-256 into the ledger, and the forgery checks
// clean. Two things stand against that. The entries form a hash chain (see
// Entry.Canonical), so an entry removed, reordered or edited breaks the
// link of the one after it. And when practice.yaml pins a public key
// (ledger.public_key), every entry carries an Ed25519 signature by the
// private key, which lives outside the practice folder: check and Verify
// refuse an entry whose signature is missing or fails, so a rewrite needs
// the key. Without a pinned key an attacker can still recompute the chain,
// and version control is what protects the ledger.
package seal

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"pcdocket/generator/diag"
	"pcdocket/generator/parse"
	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

// Dir is the folder, inside a case folder, that holds sealed documents.
const Dir = parse.SealedDir

// LedgerFile is the ledger's name inside Dir.
const LedgerFile = parse.SealLedger

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
	SourceSum [32]byte      // fingerprint of the issue file when sealed, as SourceHash says
	// SourceHash says how SourceSum was taken: SourceNormalized, or "" in
	// an entry written before it, which may hold the SHA-256 of the raw
	// bytes or, the same for a file saved with LF and no BOM, the
	// normalized fingerprint.
	SourceHash string
	Prev       [32]byte // Hash of the entry before it in the ledger, or Genesis; zero in a ledger written before the chain
	Signature  []byte   // Ed25519 signature of Canonical by the practice's ledger key; nil when unsigned

	// Service is set on a service record, which says when and how the
	// sealed document of issue Number was served; such a record has no
	// PDF, and only Case, Number, Prev and Signature besides.
	Service *Service

	line       int // line of the entry in its ledger, for findings
	servedLine int // line of a service record's served_on
}

// SourceNormalized is the SourceHash of an entry whose SourceSum is
// parse.SourceSum of the issue file: line endings and a leading BOM do not
// count.
const SourceNormalized = "normalized-v1"

// SourceWithExhibits is the SourceHash of an entry of an issue that lists
// exhibits: its SourceSum is Issue.Fingerprint, the issue file's
// normalized fingerprint with every exhibit's label, name and SHA-256. A
// pcdocket from before exhibits refuses the value rather than report the
// sealed issue changed.
const SourceWithExhibits = "normalized-exhibits-v1"

// sourceHash names how Issue.Fingerprint fingerprints is.
func sourceHash(is *practice.Issue) string {
	if len(is.Exhibits) > 0 {
		return SourceWithExhibits
	}
	return SourceNormalized
}

// Service is when and how a sealed document was served, recorded in the
// ledger after sealing by RecordService.
type Service struct {
	On         practice.Date // the day it was served
	By         string        // email, mail, hand or portal; "" when not said
	RecordedOn practice.Date // the day the record was written
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
// A service record has record: service, number, served_on, by and
// recorded_on; a sealed document has the other fields.
type ledgerEntry struct {
	Record       string `yaml:"record,omitempty"`
	Number       int    `yaml:"number"`
	Kind         string `yaml:"kind,omitempty"`
	ID           string `yaml:"id,omitempty"`
	SealedOn     string `yaml:"sealed_on,omitempty"`
	File         string `yaml:"file,omitempty"`
	PDFSHA256    string `yaml:"pdf_sha256,omitempty"`
	Source       string `yaml:"source,omitempty"`
	SourceSHA256 string `yaml:"source_sha256,omitempty"`
	SourceHash   string `yaml:"source_hash,omitempty"`
	ServedOn     string `yaml:"served_on,omitempty"`
	By           string `yaml:"by,omitempty"`
	RecordedOn   string `yaml:"recorded_on,omitempty"`
	Prev         string `yaml:"prev,omitempty"`
	Signature    string `yaml:"signature,omitempty"`
}

// recordService is the record field of a service record.
const recordService = "service"

type ledgerFile struct {
	Documents []ledgerEntry `yaml:"documents"`
}

// Ledger is every case's sealed documents in a practice folder.
type Ledger struct {
	root     string
	entries  []Entry // the sealed documents, sorted by case, then number
	services []Entry // the service records, in each case's ledger order
}

// ledgerPath returns the ledger's path for a case, relative to root.
func ledgerPath(caseID string) string { return parse.SealedPath(caseID, LedgerFile) }

// caseFolder reports whether d, an entry of content/cases/, is a case
// folder, by the rule parse reads the cases with: a folder whose name is a
// case id, not a scratch or dot-folder.
func caseFolder(d fs.DirEntry) bool {
	return d.IsDir() && parse.Classify(parse.CaseDir(d.Name())).Kind == parse.KindCaseFolder
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
	dirs, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(parse.CasesDir)))
	if errors.Is(err, fs.ErrNotExist) {
		return l, nil
	}
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	for _, d := range dirs {
		if !caseFolder(d) {
			continue
		}
		es, err := readLedger(root, d.Name())
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if e.Service != nil {
				l.services = append(l.services, e)
			} else {
				l.entries = append(l.entries, e)
			}
		}
	}
	// The files keep sealing order, which the chain follows; readers want
	// issue order. The cases come sorted from ReadDir.
	sort.SliceStable(l.entries, func(i, j int) bool {
		a, b := l.entries[i], l.entries[j]
		return a.Case < b.Case || a.Case == b.Case && a.Number < b.Number
	})
	return l, nil
}

// readLedger reads one case's ledger in file order, the order of its hash
// chain; a missing ledger has no entries.
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
			e.line, e.servedLine = lines[i].line, lines[i].served
		}
		pos := practice.Pos{File: rel, Line: e.line}
		switch le.Record {
		case "":
		case recordService:
			if e.Service, err = readService(le); err != nil {
				return nil, &LoadError{pos, err}
			}
			if e.Prev, e.Signature, err = readLink(le); err != nil {
				return nil, &LoadError{pos, err}
			}
			out = append(out, e)
			continue
		default:
			return nil, &LoadError{pos, fmt.Errorf("record %q: want %q, or no record for a sealed document; a newer pcdocket may have written it", le.Record, recordService)}
		}
		switch le.SourceHash {
		case "", SourceNormalized, SourceWithExhibits:
			e.SourceHash = le.SourceHash
		default:
			return nil, &LoadError{pos, fmt.Errorf("source_hash %q: want %q or %q; a newer pcdocket may have written it", le.SourceHash, SourceNormalized, SourceWithExhibits)}
		}
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
		if e.Prev, e.Signature, err = readLink(le); err != nil {
			return nil, &LoadError{pos, err}
		}
		out = append(out, e)
	}
	return out, nil
}

// readLink reads the prev and signature of a ledger record.
func readLink(le ledgerEntry) (prev [32]byte, sig []byte, err error) {
	if le.Prev != "" {
		if prev, err = parseSum(le.Prev); err != nil {
			return prev, nil, fmt.Errorf("prev: %v", err)
		}
	}
	if le.Signature != "" {
		if sig, err = parseSignature(le.Signature); err != nil {
			return prev, nil, fmt.Errorf("signature: %v", err)
		}
	}
	return prev, sig, nil
}

// readService reads the fields of a service record.
func readService(le ledgerEntry) (*Service, error) {
	var (
		sv  Service
		err error
	)
	if sv.On, err = practice.ParseDate(le.ServedOn); err != nil {
		return nil, fmt.Errorf("served_on: %v", err)
	}
	if sv.RecordedOn, err = practice.ParseDate(le.RecordedOn); err != nil {
		return nil, fmt.Errorf("recorded_on: %v", err)
	}
	if le.By != "" && !slices.Contains(practice.ServiceMethods, le.By) {
		return nil, fmt.Errorf("by %q: want one of %s", le.By, strings.Join(practice.ServiceMethods, ", "))
	}
	sv.By = le.By
	return &sv, nil
}

// itemLines is where an item of the documents list is.
type itemLines struct {
	line   int // the item
	served int // its served_on, 0 when absent
}

// entryLines returns the lines of each item of the documents list.
func entryLines(n *yaml.Node) []itemLines {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "documents" && n.Content[i+1].Kind == yaml.SequenceNode {
			var lines []itemLines
			for _, it := range n.Content[i+1].Content {
				il := itemLines{line: it.Line}
				for j := 0; it.Kind == yaml.MappingNode && j+1 < len(it.Content); j += 2 {
					if it.Content[j].Value == "served_on" {
						il.served = it.Content[j].Line
					}
				}
				lines = append(lines, il)
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

// parseSignature reads a signature as writeLedger writes it.
func parseSignature(s string) ([]byte, error) {
	b64, ok := strings.CutPrefix(s, keyPrefix)
	b, err := base64.StdEncoding.DecodeString(b64)
	if !ok || err != nil || len(b) != ed25519.SignatureSize {
		return nil, fmt.Errorf("want \"ed25519:\" followed by %d bytes in standard base64, have %q", ed25519.SignatureSize, s)
	}
	return b, nil
}

// Entries returns every sealed document, by case then number.
func (l *Ledger) Entries() []Entry { return l.entries }

// Entry returns the sealed document of an issue, if there is one.
func (l *Ledger) Entry(caseID string, number int) (Entry, bool) {
	return find(l.entries, caseID, number)
}

// find returns the first of es for issue number of case caseID.
func find(es []Entry, caseID string, number int) (Entry, bool) {
	for _, e := range es {
		if e.Case == caseID && e.Number == number {
			return e, true
		}
	}
	return Entry{}, false
}

// MaxPDFBytes bounds what is read of a sealed PDF: more than a source
// file's limit, since a document with tables runs to hundreds of kilobytes,
// but bounded, so that a file swapped in cannot exhaust memory.
const MaxPDFBytes = 64 << 20

// PDFPath returns the sealed PDF's path relative to the practice root.
func (e Entry) PDFPath() string { return parse.SealedPath(e.Case, e.File) }

// Bytes reads the sealed PDF of e and checks it against the ledger's hash.
func (l *Ledger) Bytes(e Entry) ([]byte, error) {
	b, err := sourcefile.ReadFile(l.root, e.PDFPath(), MaxPDFBytes, nil)
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

// Verify reports which sealed document pdf is, byte for byte, looking it
// up by SHA-256 in every ledger under root. A match is trusted only if its
// case's ledger holds together: an unbroken hash chain and, when p's
// practice.yaml pins a ledger key, a valid signature on every entry. If it
// does not, Verify returns an *IntegrityError at the first flaw, for a
// ledger rewritten to list a forged PDF must never verify it.
func Verify(root string, p *practice.Practice, pdf []byte) (Entry, bool, error) {
	pub, err := PinnedKey(p)
	if err != nil {
		return Entry{}, false, fmt.Errorf("seal: practice.yaml: ledger.public_key: %w", err)
	}
	l, err := Load(root)
	if err != nil {
		return Entry{}, false, err
	}
	sum := sha256.Sum256(pdf)
	for _, e := range l.entries {
		if e.PDFSum != sum {
			continue
		}
		es, err := readLedger(root, e.Case)
		if err != nil {
			return Entry{}, false, err
		}
		if flaws, _ := audit(e.Case, es, pub); len(flaws) > 0 {
			return Entry{}, false, flawError(e.Case, flaws)
		}
		return e, true, nil
	}
	return Entry{}, false, nil
}

// IntegrityError is a ledger whose hash chain is broken or whose entries
// the pinned key does not vouch for: it may have been rewritten.
type IntegrityError struct {
	Pos    practice.Pos // the first flawed entry
	Reason string       // what is wrong there, and how to fix it
	More   int          // how many more flaws the ledger has
}

func (e *IntegrityError) Error() string {
	s := fmt.Sprintf("%s: %s", e.Pos, e.Reason)
	switch {
	case e.More == 1:
		s += " (and 1 more problem: run `pcdocket check`)"
	case e.More > 1:
		s += fmt.Sprintf(" (and %d more problems: run `pcdocket check`)", e.More)
	}
	return s
}

func flawError(caseID string, flaws []flaw) error {
	return &IntegrityError{Pos: practice.Pos{File: ledgerPath(caseID), Line: flaws[0].line}, Reason: flaws[0].msg, More: len(flaws) - 1}
}

// ErrKeyRequired is returned by Seal and Rechain when practice.yaml pins a
// ledger key and no signing key was given.
var ErrKeyRequired = errors.New("practice.yaml pins a ledger key, and no signing key was given to sign with")

// signingKey checks key against the key p pins: both or neither, and the
// same. It returns the pinned public key.
func signingKey(p *practice.Practice, key ed25519.PrivateKey) (ed25519.PublicKey, error) {
	pub, err := PinnedKey(p)
	switch {
	case err != nil:
		return nil, fmt.Errorf("seal: practice.yaml: ledger.public_key: %w", err)
	case pub != nil && key == nil:
		return nil, fmt.Errorf("seal: %w", ErrKeyRequired)
	case pub == nil && key != nil:
		return nil, fmt.Errorf("seal: a signing key was given, but practice.yaml pins no ledger key to check its signatures; add `ledger: {public_key: %q}` to practice.yaml first", FormatPublicKey(key.Public().(ed25519.PublicKey)))
	case pub != nil && !pub.Equal(key.Public()):
		return nil, fmt.Errorf("seal: the signing key is not the one practice.yaml pins: its public key is %s, practice.yaml pins %s", FormatPublicKey(key.Public().(ed25519.PublicKey)), p.Ledger.PublicKey)
	}
	return pub, nil
}

// findIssue returns issue number of case caseID, or an error that names
// what is missing: Seal and RecordService take both from the command line.
func findIssue(p *practice.Practice, caseID string, number int) (*practice.Issue, error) {
	c := p.Case(caseID)
	if c == nil {
		return nil, fmt.Errorf("seal: no case %q", caseID)
	}
	is := c.Issue(number)
	if is == nil {
		return nil, fmt.Errorf("seal: case %s has no issue %d", caseID, number)
	}
	return is, nil
}

// Seal issues the document of issue number in case caseID: it writes pdf
// to the case's sealed/ folder and adds an entry dated on to the ledger,
// chained to the entry before it and, when p pins a ledger key, signed with
// key, which must be the pinned key's private half (nil when none is
// pinned). It refuses an issue that is already sealed or that has no
// document, and a ledger whose chain or signatures do not hold, which it
// would otherwise vouch for. A ledger written before the chain, with no key
// pinned, is chained as a whole.
func Seal(root string, p *practice.Practice, caseID string, number int, pdf []byte, on practice.Date, key ed25519.PrivateKey) (Entry, error) {
	is, err := findIssue(p, caseID, number)
	if err != nil {
		return Entry{}, err
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
	if sv := is.Outcome.ServedOn; sv.After(on) {
		return Entry{}, fmt.Errorf("seal: issue %s: served_on %s is after the sealing date %s, so the sealed certificate of service would certify a service that has not happened; remove outcome.served_on, seal, and after serving record it with `pcdocket served %s %d --on DATE`", is.ID(), sv, on, caseID, number)
	}
	existing, err := soundLedger(root, p, caseID, key, "sealed")
	if err != nil {
		return Entry{}, err
	}
	for _, e := range existing {
		if e.Number == number && e.Service == nil {
			return Entry{}, fmt.Errorf("seal: issue %s was already sealed on %s as %s; write a new issue with `amends: %d` to change it", is.ID(), e.SealedOn, e.ID, number)
		}
	}
	e := Entry{
		Case:       caseID,
		Number:     number,
		Kind:       is.DocumentKind(),
		ID:         pdfdoc.DocumentID(is),
		SealedOn:   on,
		File:       is.DocumentFile(),
		PDFSum:     sha256.Sum256(pdf),
		Source:     is.Src.File,
		SourceSum:  is.Fingerprint(), // the issue file without later noncompliance events, and its exhibits' hashes
		SourceHash: sourceHash(is),
	}
	dir := filepath.Join(root, filepath.FromSlash(parse.SealedPath(caseID, "")))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Entry{}, fmt.Errorf("seal: %w", err)
	}
	pdfPath := filepath.Join(dir, e.File)
	if _, err := os.Stat(pdfPath); err == nil {
		return Entry{}, fmt.Errorf("seal: %s exists but the ledger does not list it; move it away first", e.PDFPath())
	}
	es := append(existing, e)
	link(caseID, es, key)
	e = es[len(es)-1]
	// The PDF first, then the ledger: a crash in between leaves a stray
	// file that the next Seal reports, never a ledger entry without bytes.
	if err := sourcefile.WriteFile(pdfPath, pdf, 0o444); err != nil {
		return Entry{}, fmt.Errorf("seal: %w", err)
	}
	if err := writeLedger(root, caseID, es); err != nil {
		os.Remove(pdfPath)
		return Entry{}, err
	}
	return e, nil
}

// soundLedger returns the ledger of case caseID, checking first that key
// is the one p pins (see signingKey), and refusing a ledger whose chain or signatures do
// not hold: an entry added to it would vouch for them. done says what is
// then not done: "sealed", "recorded".
func soundLedger(root string, p *practice.Practice, caseID string, key ed25519.PrivateKey, done string) ([]Entry, error) {
	pub, err := signingKey(p, key)
	if err != nil {
		return nil, err
	}
	es, err := readLedger(root, caseID)
	if err != nil {
		return nil, err
	}
	if flaws, _ := audit(caseID, es, pub); len(flaws) > 0 {
		return nil, fmt.Errorf("seal: %w; nothing %s", flawError(caseID, flaws), done)
	}
	return es, nil
}

// Rechain rewrites case caseID's ledger with its hash chain and, when p
// pins a ledger key, with every entry signed by key. It is how a ledger
// written before the chain, or before the key was pinned, is brought up to
// date, and it returns the number of entries it wrote. It will not vouch for
// what it cannot check: it refuses a ledger whose existing chain is broken,
// whose existing signatures fail, or whose sealed PDFs differ from their
// recorded SHA-256. Whether the unsigned entries are genuine only version
// control can tell: read the ledger's history before signing it.
func Rechain(root string, p *practice.Practice, caseID string, key ed25519.PrivateKey) (int, error) {
	pub, err := signingKey(p, key)
	if err != nil {
		return 0, err
	}
	es, err := readLedger(root, caseID)
	if err != nil {
		return 0, err
	}
	if len(es) == 0 {
		return 0, fmt.Errorf("seal: case %s has no sealed documents: %s does not exist or lists none", caseID, ledgerPath(caseID))
	}
	flaws, _ := audit(caseID, es, pub)
	var hard []flaw
	for _, f := range flaws {
		if !f.unsigned {
			hard = append(hard, f)
		}
	}
	if len(hard) > 0 {
		return 0, fmt.Errorf("seal: %w; nothing rewritten", flawError(caseID, hard))
	}
	l := &Ledger{root: root, entries: es}
	for _, e := range es {
		if e.Service != nil {
			continue
		}
		if _, err := l.Bytes(e); err != nil {
			return 0, fmt.Errorf("%w; restore the sealed file before rechaining, nothing rewritten", err)
		}
	}
	link(caseID, es, key)
	if err := writeLedger(root, caseID, es); err != nil {
		return 0, err
	}
	return len(es), nil
}

// writeLedger writes a case's ledger, in the order of es, which is the
// order of its hash chain.
func writeLedger(root, caseID string, es []Entry) error {
	var lf ledgerFile
	for _, e := range es {
		le := ledgerEntry{
			Number:       e.Number,
			Kind:         e.Kind,
			ID:           e.ID,
			SealedOn:     e.SealedOn.String(),
			File:         e.File,
			PDFSHA256:    hex.EncodeToString(e.PDFSum[:]),
			Source:       e.Source,
			SourceSHA256: hex.EncodeToString(e.SourceSum[:]),
			SourceHash:   e.SourceHash,
		}
		if sv := e.Service; sv != nil {
			le = ledgerEntry{Record: recordService, Number: e.Number, ServedOn: sv.On.String(), By: sv.By, RecordedOn: sv.RecordedOn.String()}
		}
		if e.Chained() {
			le.Prev = hex.EncodeToString(e.Prev[:])
		}
		if e.Signature != nil {
			le.Signature = keyPrefix + base64.StdEncoding.EncodeToString(e.Signature)
		}
		lf.Documents = append(lf.Documents, le)
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Sealed documents of case %s, written by `pcdocket seal`. Do not edit:\n", caseID)
	buf.WriteString("# the build publishes these PDFs as they are, check compares each issue\n")
	buf.WriteString("# file and PDF with its SHA-256 here, and prev links each to the one before.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&lf); err != nil {
		return fmt.Errorf("seal: ledger: %w", err)
	}
	enc.Close()
	p := filepath.Join(root, filepath.FromSlash(ledgerPath(caseID)))
	if err := sourcefile.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("seal: %w", err)
	}
	return nil
}

// Check reports, as findings, every sealed issue whose source changed since
// it was sealed, every sealed PDF that is missing or altered, every sealed
// entry whose issue is gone, every ledger that cannot be read, every break
// in a ledger's hash chain, every entry the key pinned in practice.yaml has
// not signed, and every PDF in a sealed/ folder that its ledger does not
// list. A ledger written before the chain is a warning while no key is
// pinned.
func Check(root string, p *practice.Practice) diag.List {
	if p == nil {
		return nil
	}
	l := CheckKey(p)
	for _, id := range CaseIDs(root, p) {
		l = append(l, CheckCase(root, p, id)...)
	}
	return l
}

// CheckKey is the part of Check about practice.yaml: a ledger.public_key
// that cannot be read.
func CheckKey(p *practice.Practice) diag.List {
	var l diag.List
	if _, err := PinnedKey(p); err != nil {
		l.Errorf(p.Src.At("ledger.public_key"), "%v", err)
	}
	return l
}

// CaseIDs returns, sorted, the ids of the cases whose ledgers Check reads:
// the practice's cases and every case folder under root, read or not.
func CaseIDs(root string, p *practice.Practice) []string {
	ids := map[string]bool{}
	for _, c := range p.Cases {
		ids[c.ID] = true
	}
	dirs, _ := os.ReadDir(filepath.Join(root, filepath.FromSlash(parse.CasesDir)))
	for _, d := range dirs {
		if caseFolder(d) {
			ids[d.Name()] = true
		}
	}
	cases := make([]string, 0, len(ids))
	for id := range ids {
		cases = append(cases, id)
	}
	sort.Strings(cases)
	return cases
}

// CheckCase is the part of Check about one case's ledger. What it finds
// depends on that case's folder and practice.yaml's key alone, so watch mode
// keeps it until the case is read again.
func CheckCase(root string, p *practice.Practice, id string) diag.List {
	var l diag.List
	pub, pinErr := PinnedKey(p)
	es, err := readLedger(root, id)
	var le *LoadError
	if errors.As(err, &le) {
		l.Errorf(le.Pos, "%v", le.Err)
		return l
	}
	if err != nil {
		l.Errorf(practice.Pos{File: ledgerPath(id)}, "%v", err)
		return l
	}
	at := practice.Pos{File: ledgerPath(id)}
	flaws, legacy := audit(id, es, pub)
	for _, f := range flaws {
		if f.unpinned && pinErr != nil {
			continue // the key is pinned, but unreadably: reported by CheckKey
		}
		at.Line = f.line
		l.Errorf(at, "%s", f.msg)
	}
	if legacy && pub == nil {
		at.Line = es[0].line
		l.Warnf(at, "the ledger has no hash chain (an older pcdocket wrote it), so a removed or edited entry would go unnoticed; run `pcdocket seal --rechain %s` to add it, or let the next seal in this case add it", id)
	}
	ledger := &Ledger{root: root, entries: es}
	for i, e := range es {
		if e.Service != nil {
			checkService(&l, p, e, es[:i+1])
			continue
		}
		checkEntry(&l, ledger, p, e)
	}
	checkStray(&l, root, id, es)
	return l
}

// checkStray reports every PDF in a case's sealed/ folder that its ledger
// does not list: what is left when an entry is removed from the end of the
// chain, where no later entry's prev betrays it, or when a seal is cut
// short between writing the PDF and the ledger.
func checkStray(l *diag.List, root, caseID string, es []Entry) {
	files, _ := os.ReadDir(filepath.Join(root, filepath.FromSlash(parse.SealedPath(caseID, ""))))
	listed := map[string]bool{}
	for _, e := range es {
		listed[e.File] = true
	}
	for _, f := range files {
		name := f.Name()
		if f.IsDir() || listed[name] || !strings.EqualFold(path.Ext(name), ".pdf") {
			continue
		}
		l.Errorf(practice.Pos{File: parse.SealedPath(caseID, name)}, "the PDF is in %s/ but %s lists no entry for it: an entry was removed from the ledger, or a seal was cut short; restore %s from version control (git log -p -- %s), or move the PDF out of %s/", Dir, LedgerFile, LedgerFile, ledgerPath(caseID), Dir)
	}
}

// sourceMatches reports whether is's source is the one e sealed. An entry
// written before source_hash may hold the SHA-256 of the raw bytes, which
// the normalized fingerprint differs from once the file had CRLF line
// endings or a BOM, so for it the raw bytes are compared too.
//
// The fingerprint of an issue with exhibits covers their hashes too
// (Issue.Fingerprint), so that an exhibit changed after sealing is a
// changed source, reported, never a silent difference between the sealed
// document's list of hashes and the files.
func sourceMatches(root string, is *practice.Issue, e Entry) bool {
	// A noncompliance event recorded after sealing leaves the file the
	// document was made from as it was (practice.Source.Base), and
	// Fingerprint leaves such events out.
	if is.Fingerprint() == e.SourceSum || len(is.Exhibits) == 0 && is.Src.Sum == e.SourceSum {
		return true
	}
	if e.SourceHash != "" {
		return false
	}
	b, err := sourcefile.ReadFile(root, is.Src.File, MaxPDFBytes, nil)
	return err == nil && sha256.Sum256(b) == e.SourceSum
}

func checkEntry(l *diag.List, ledger *Ledger, p *practice.Practice, e Entry) {
	at := practice.Pos{File: ledgerPath(e.Case), Line: e.line}
	var is *practice.Issue
	if c := p.Case(e.Case); c != nil {
		is = c.Issue(e.Number)
	}
	if is == nil {
		l.Errorf(at, "issue %d was sealed on %s as %s but case %s has no issue %d any more; restore %s", e.Number, e.SealedOn, e.ID, e.Case, e.Number, e.Source)
	} else if !sourceMatches(ledger.root, is, e) {
		what := "its source has changed since"
		if len(is.Exhibits) > 0 {
			what = "its source or one of its exhibits has changed since (the sealed document lists each exhibit's SHA-256)"
		}
		l.Errorf(is.Src.At("number"), "issue %d was sealed on %s as %s and %s; revert the edit, or record the change in a new issue with `amends: %d`", e.Number, e.SealedOn, e.ID, what, e.Number)
	}
	b, err := sourcefile.ReadFile(ledger.root, e.PDFPath(), MaxPDFBytes, nil)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.Errorf(at, "sealed document %s (%s) is missing; restore it from a backup or from the copy that was served", e.PDFPath(), e.ID)
	case err != nil:
		l.Errorf(at, "sealed document %s: %v", e.PDFPath(), err)
	case sha256.Sum256(b) != e.PDFSum:
		l.Errorf(at, "sealed document %s (%s) differs from the one sealed on %s; restore the sealed file", e.PDFPath(), e.ID, e.SealedOn)
	}
}
