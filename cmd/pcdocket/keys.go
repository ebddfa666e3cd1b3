package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"pcdocket/generator/parse"
	"pcdocket/generator/pdfsign"
	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

// runKeys manages the key and certificate that digitally sign the
// practice's documents (package pdfsign): `keys init` makes a self-signed
// one, `keys import` takes one bought from a certificate authority, `keys
// show` says which is in use. It is not the ledger key of `pcdocket
// keygen`, which signs the seal ledgers' entries.
func runKeys(ctx context.Context, e *env, args []string) int {
	usageLines := []string{
		"pcdocket keys init   [--source DIR] [--coordinator ID] [--name NAME] [--email EMAIL] [--passphrase-file FILE]",
		"pcdocket keys import [--source DIR] [--passphrase-file FILE] FILE.p12",
		"pcdocket keys show   [--source DIR]",
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		w := e.stderr
		code := 2
		if len(args) > 0 {
			w, code = e.stdout, 0
		}
		fmt.Fprintf(w, "usage: %s\n", strings.Join(usageLines, "\n       "))
		fmt.Fprintf(w, `
The document signing key digitally signs every document the build makes
(PDF/A with a PAdES signature that any PDF reader checks). It is kept with
its certificate in %s/%s inside the practice, readable by you only and
ignored by git, protected by a passphrase that builds read from $%s.
It is not the ledger key of 'pcdocket keygen'. See docs/signing.md.
`, pdfsign.KeyDir, pdfsign.KeyFile, pdfsign.EnvPassphrase)
		return code
	}
	switch args[0] {
	case "init":
		return keysInit(e, args[1:], usageLines[0])
	case "import":
		return keysImport(e, args[1:], usageLines[1])
	case "show":
		return keysShow(e, args[1:], usageLines[2])
	}
	fmt.Fprintf(e.stderr, "pcdocket keys: unknown subcommand %q: want init, import or show\n", args[0])
	return 2
}

// passphrase reads the key file's passphrase: the first line of --passphrase-file, else
// $PCDOCKET_DOCUMENT_KEY_PASSPHRASE.
func passphrase(file string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("--passphrase-file: %w", err)
		}
		line, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimSuffix(line, "\r"), nil
	}
	if p, ok := os.LookupEnv(pdfsign.EnvPassphrase); ok {
		return p, nil
	}
	return "", fmt.Errorf("no passphrase: set $%s (builds read it there too) or give --passphrase-file FILE", pdfsign.EnvPassphrase)
}

func keysInit(e *env, args []string, usage string) int {
	fs := newFlags(e, "keys init")
	var source, name, email, passFile, coID string
	sourceFlag(fs, &source)
	fs.StringVar(&coID, "coordinator", "", "make the own key of this coordinator (an id in practice.yaml), keys/ID.p12, which signs the documents of the cases naming them")
	fs.StringVar(&name, "name", "", "the signer the certificate names (default: the coordinator in practice.yaml)")
	fs.StringVar(&email, "email", "", "the signer's email address (default: the coordinator's in practice.yaml)")
	fs.StringVar(&passFile, "passphrase-file", "", "a file whose first line is the key's passphrase (default: $"+pdfsign.EnvPassphrase+")")
	setUsage(fs, usage)
	if code, ok := parseArgs(e, fs, args, 0, 0); !ok {
		return code
	}
	source, ok := practiceDir(e, "keys init", source)
	if !ok {
		return 2
	}
	sub := pdfsign.Subject{Name: name, Email: email}
	keyPath := pdfsign.KeyPath(source)
	if p, _ := parse.Dir(source); p != nil {
		co := p.Coordinator
		if coID != "" {
			var ok bool
			if co, ok = p.CoordinatorByID(coID); !ok {
				fmt.Fprintf(e.stderr, "pcdocket keys init: --coordinator %s: practice.yaml has no coordinator with that id\n", coID)
				return 2
			}
			keyPath = pdfsign.CoordinatorKeyPath(source, coID)
		}
		if sub.Name == "" {
			sub.Name = co.Name
		}
		if sub.Email == "" {
			sub.Email = co.Email
		}
		sub.Practice = p.Name
	} else if coID != "" {
		fmt.Fprintln(e.stderr, "pcdocket keys init: --coordinator needs a practice.yaml that lists the coordinator")
		return 2
	}
	if sub.Name == "" {
		fmt.Fprintln(e.stderr, "pcdocket keys init: no signer's name: give --name, or the coordinator's name in practice.yaml")
		return 2
	}
	pass, err := passphrase(passFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket keys init: %v\n", err)
		return 2
	}
	if _, err := os.Stat(keyPath); err == nil {
		fmt.Fprintf(e.stderr, "pcdocket keys init: %s already exists; a key is never overwritten: move it away first if you are sure nothing needs it\n", keyPath)
		return 1
	}
	s, err := pdfsign.Generate(sub, e.now())
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket keys init: %v\n", strings.TrimPrefix(err.Error(), "pdfsign: "))
		return 1
	}
	return writeKey(e, "keys init", source, keyPath, s, pass)
}

func keysImport(e *env, args []string, usage string) int {
	fs := newFlags(e, "keys import")
	var source, passFile string
	sourceFlag(fs, &source)
	fs.StringVar(&passFile, "passphrase-file", "", "a file whose first line is the .p12 file's passphrase, which the imported key keeps (default: $"+pdfsign.EnvPassphrase+")")
	setUsage(fs, usage)
	if code, ok := parseArgs(e, fs, args, 1, 1); !ok {
		return code
	}
	source, ok := practiceDir(e, "keys import", source)
	if !ok {
		return 2
	}
	pass, err := passphrase(passFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket keys import: %v\n", err)
		return 2
	}
	b, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket keys import: %v\n", err)
		return 1
	}
	s, err := pdfsign.Decode(b, pass)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket keys import: %s: %v\n", fs.Arg(0), err)
		return 1
	}
	return writeKey(e, "keys import", source, pdfsign.KeyPath(source), s, pass)
}

// writeKey stores s in keyPath and tells git to ignore the key folder when
// it is inside the practice.
func writeKey(e *env, cmd, source, keyPath string, s *pdfsign.Signer, pass string) int {
	if err := pdfsign.WriteKey(keyPath, s, pass); err != nil {
		fmt.Fprintf(e.stderr, "pcdocket %s: %v\n", cmd, strings.TrimPrefix(err.Error(), "pdfsign: "))
		return 1
	}
	if inside, _ := sourcefile.Within(keyPath, source); inside {
		if err := pdfsign.IgnoreKeys(source); err != nil {
			fmt.Fprintf(e.stderr, "pcdocket %s: warning: %v; add /%s/ to .gitignore yourself\n", cmd, err, pdfsign.KeyDir)
		}
	}
	fmt.Fprintf(e.stdout, "wrote the document signing key to %s, readable by you only (git ignores %s/).\n", keyPath, pdfsign.KeyDir)
	describeKey(e, s)
	fmt.Fprintf(e.stdout, `
From now on every document the build makes is signed. Builds need the
passphrase in $%s; without it they stop rather than sign nothing.
Keep a copy of the key file and its passphrase offline.
`, pdfsign.EnvPassphrase)
	return 0
}

// describeKey prints the certificate: whom it names, who issued it, until
// when, and its fingerprint, which whoever checks a document can compare.
func describeKey(e *env, s *pdfsign.Signer) {
	c := s.Certificate()
	issuer := c.Issuer.String()
	if c.Issuer.String() == c.Subject.String() {
		issuer = "itself (self-signed: readers show the signature valid but its signer unverified; see docs/signing.md)"
	}
	fmt.Fprintf(e.stdout, "  signer      %s\n  issued by   %s\n  valid until %s\n  SHA-256     %s\n", s.Name(), issuer, c.NotAfter.Format("2006-01-02"), pdfsign.Fingerprint(c))
}

func keysShow(e *env, args []string, usage string) int {
	fs := newFlags(e, "keys show")
	var source string
	sourceFlag(fs, &source)
	setUsage(fs, usage)
	if code, ok := parseArgs(e, fs, args, 0, 0); !ok {
		return code
	}
	source, ok := practiceDir(e, "keys show", source)
	if !ok {
		return 2
	}
	s, err := pdfsign.LoadPractice(source)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket keys show: %v\n", strings.TrimPrefix(err.Error(), "pdfsign: "))
		return 1
	}
	if s == nil {
		fmt.Fprintf(e.stdout, "no document signing key (%s): documents are not digitally signed; run `pcdocket keys init`\n", pdfsign.KeyPath(source))
	} else {
		fmt.Fprintf(e.stdout, "document signing key %s:\n", pdfsign.KeyPath(source))
		describeKey(e, s)
	}
	// In a practice of several coordinators, each one's own key.
	p, _ := parse.Dir(source)
	if p == nil {
		return 0
	}
	var ids []string
	for _, co := range p.AllCoordinators() {
		ids = append(ids, co.ID)
	}
	own, err := pdfsign.LoadCoordinators(source, ids)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket keys show: %v\n", strings.TrimPrefix(err.Error(), "pdfsign: "))
		return 1
	}
	for _, id := range ids {
		if k := own[id]; k != nil {
			fmt.Fprintf(e.stdout, "signing key of coordinator %s, %s:\n", id, pdfsign.CoordinatorKeyPath(source, id))
			describeKey(e, k)
		}
	}
	return 0
}

// unsignedNote tells, once, that documents of the practice are not
// digitally signed, when it has documents that no key signs: neither the
// practice's key nor, in a practice of several coordinators, the own key
// of the coordinator who acts in the case (keys/<id>.p12), which signs that
// coordinator's documents in its place.
func unsignedNote(e *env, source string, p *practice.Practice) {
	if p == nil || fileExists(pdfsign.KeyPath(source)) {
		return
	}
	var unsigned []string
	seen := map[string]bool{}
	for _, is := range p.Issues() {
		if !is.Documented() {
			continue
		}
		co := p.CoordinatorOf(is.Case)
		if seen[co.ID+"\x00"+co.Name] {
			continue
		}
		seen[co.ID+"\x00"+co.Name] = true
		if co.ID != "" && fileExists(pdfsign.CoordinatorKeyPath(source, co.ID)) {
			continue
		}
		unsigned = append(unsigned, co.Name)
	}
	switch {
	case len(unsigned) == 0:
	case len(p.AllCoordinators()) > 1:
		fmt.Fprintf(e.stderr, "note: documents are not digitally signed for %s; `pcdocket keys init` creates the practice's signing key, `pcdocket keys init --coordinator ID` a coordinator's own (see docs/signing.md)\n", strings.Join(unsigned, ", "))
	default:
		fmt.Fprintln(e.stderr, "note: documents are not digitally signed; `pcdocket keys init` creates a signing key (see docs/signing.md)")
	}
}

// fileExists reports whether something is at path; an error other than
// its absence counts as present, as the signing code then reports it.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}

// signatureReport prints what the digital signatures of pdf say, and
// returns false when one does not hold.
func signatureReport(e *env, pdf []byte) bool {
	sigs := pdfsign.Verify(pdf)
	if len(sigs) == 0 {
		fmt.Fprintln(e.stdout, "  not digitally signed")
		return true
	}
	ok := true
	for _, s := range sigs {
		if !s.Valid() {
			ok = false
			fmt.Fprintf(e.stdout, "  digital signature INVALID: %v\n", s.Err)
			if s.Signer != "" {
				fmt.Fprintf(e.stdout, "    (it names %s as the signer)\n", s.Signer)
			}
			continue
		}
		how := "issued by " + s.Certificate.Issuer.String()
		if s.SelfSigned {
			how = "self-signed"
		}
		fmt.Fprintf(e.stdout, "  digitally signed by %s (certificate %s, SHA-256 %s): valid, covers the whole file\n", s.Signer, how, pdfsign.Fingerprint(s.Certificate))
	}
	return ok
}
