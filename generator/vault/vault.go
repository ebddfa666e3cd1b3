// Package vault encrypts a built private site so that it can be hosted
// where others can read the files: every page and document is replaced by
// a small shell page that asks for a passphrase and decrypts in the browser
// with WebCrypto.
//
// # Keys
//
// Each case has its own random 256-bit key; the pages that span cases (the
// docket, the category index, anything not under cases/<id>/ or a case's
// document) have a coordinator-only key. A file that is one parent's alone
// (a fee statement: statements/<case-id>-<month>-parent_a.pdf, see
// ParentDir) has a key of that parent's own. The keyring (keyring.js)
// holds one slot per passphrase holder: the coordinator's opens every key,
// each parent's opens their case's key and their own. A slot is the holder's key
// bundle encrypted with AES-256-GCM under a key derived from their
// passphrase with PBKDF2-SHA256 and the slot's own random salt.
//
// # Files
//
// Every encrypted file becomes <label>.html at the top of the site, where
// the label is an HMAC of the original path under the name key: a key
// derived from the coordinator's passphrase with PBKDF2 and a salt drawn at
// random for each build and published in the keyring (NameSalt). A label
// is meaningless to anyone without the passphrase; and since the salt is
// new on every build, testing a guessed passphrase against the file names
// costs a full derivation per guess, per build, like testing it against a
// keyring slot: nothing can be computed ahead for a practice (an earlier
// salt came from the practice's name, which let a dictionary of name keys
// be computed once per practice and checked against a directory listing).
// index.html (the docket) keeps its name, so the site has a fixed entry
// point. Stylesheets and the scripts under assets/ are not private and are
// copied as they are. Links between pages are rewritten to the new names
// before encryption.
//
// Any other script (a search index) becomes <label>.js: a script that
// files the same JSON a shell page carries under its own name,
//
//	(window.pcvFiles=window.pcvFiles||{})["<label>.js"]={...};
//
// so that a decrypted page can load it with <script src>, which works from
// file:// where fetching a file does not, and open it with the session's
// keys (window.pcvVault.load in vault.js). Before encryption, every JSON
// string in it that is the path of a file of the site is replaced by that
// file's new name.
//
// Each shell page carries its ciphertext: AES-256-GCM under its owner's
// key, a fresh random nonce, and as additional data the build id and the
// file's own name. The plaintext is a 4-byte big-endian header length, a
// JSON header {"type": MIME type, "name": original file name}, then the
// original bytes.
//
// # Determinism
//
// Keys, salts, nonces and the build id are fresh random values on every
// build, so two builds differ byte for byte and the file names change too;
// the file count and the shape of every shell page do not.
package vault

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"

	"pcdocket/generator/practice"
	"pcdocket/templates"
)

// Names of the files every encrypted site has.
const (
	EntryFile   = "index.html" // the docket, and where a parent's session begins
	KeyringFile = "keyring.js" // the wrapped keys
	ScriptFile  = "vault.js"   // the decrypting script
	shellTmpl   = "private/shell/shell.html"
	scriptTmpl  = "private/shell/vault.js"
	version     = 1
	coordOwner  = "" // owner of the pages that span cases
	nameLen     = 24 // hex characters of a file label: 96 bits
	kidLen      = 16
	aadPrefix   = "pcdocket-vault/1\x00"
	roleCoord   = "coordinator"
	roleParent  = "parent"
)

// ParentDir is the folder of the site whose files are one parent's alone:
// a file named <case-id>-<anything>-parent_a.<ext> (or parent_b) there is
// encrypted under a key that only that parent's passphrase and the
// coordinator's open. The build writes the fee statements there
// (build.StatementsDir). Any other file in it is the coordinator's.
const ParentDir = "statements/"

// Parents' keys in the keys file and in ParentDir's file names.
var parentKeys = [2]string{"parent_a", "parent_b"}

// A File is one file of the private site, relative to output/private.
type File struct {
	Path string
	Data []byte
}

// Options configure Encrypt.
type Options struct {
	Passphrases *Passphrases
	// Templates holds private/shell/shell.html and private/shell/vault.js;
	// nil means the embedded defaults.
	Templates fs.FS

	iterations int       // PBKDF2 iterations; 0 means DefaultIterations (tests lower it)
	random     io.Reader // nil means crypto/rand
}

func (o Options) iter() int {
	if o.iterations > 0 {
		return o.iterations
	}
	return DefaultIterations
}

// Keyring is the content of keyring.js.
type Keyring struct {
	Version    int    `json:"v"`
	Build      string `json:"build"` // random per build; binds every file to its keyring
	KDF        string `json:"kdf"`   // "PBKDF2-SHA256"
	Iterations int    `json:"iterations"`
	// NameSalt is the salt of the name key, which labels file names and
	// key ids; random per build. It is public, as every salt is: what it
	// prevents is computing name keys before the site exists.
	NameSalt []byte `json:"name_salt"`
	Slots    []Slot `json:"slots"`
}

// Slot is one holder's key bundle (an Access, as JSON), encrypted under the
// key derived from their passphrase and Salt.
type Slot struct {
	Salt  []byte `json:"salt"`
	Nonce []byte `json:"nonce"`
	Data  []byte `json:"data"`
}

// Access is what a passphrase unlocks: the keys it may use, by key id, and
// the page to start from (the docket for the coordinator, the case's page
// for a parent).
type Access struct {
	Role string            `json:"role"` // "coordinator" or "parent"
	Home string            `json:"home"`
	Keys map[string][]byte `json:"keys"`
}

// shellData is the JSON a shell page carries.
type shellData struct {
	Version int    `json:"v"`
	Kid     string `json:"kid"`             // the key that opens it
	Slots   []int  `json:"slots"`           // keyring slots that can hold that key, to try first
	Entry   bool   `json:"entry,omitempty"` // try every slot: a parent may start here
	Nonce   []byte `json:"nonce"`
	CT      []byte `json:"ct"`
}

// header precedes the plaintext of every encrypted file.
type header struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

// Encrypt encrypts the private site in files (paths relative to
// output/private) and returns the files to write instead: shell pages,
// keyring.js, vault.js and the unencrypted stylesheets. p tells which case
// each file belongs to.
//
// It works in the order of the package doc: name every file under the
// name key (nameFiles), make a key per owner (makeKeys), wrap the keys in
// one slot per passphrase (makeKeyring), then encrypt each file under its
// owner's key (encryptFile).
func Encrypt(p *practice.Practice, files []File, opt Options) ([]File, error) {
	if p == nil {
		return nil, errors.New("vault: no practice")
	}
	ps := opt.Passphrases
	if err := ps.Validate(p); err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	e := &encryption{p: p, ps: ps, rnd: opt.random, iter: opt.iter(), owners: ownership(p)}
	if e.rnd == nil {
		e.rnd = rand.Reader
	}
	tfs := opt.Templates
	if tfs == nil {
		tfs = templates.Default()
	}
	var script []byte
	var err error
	if e.shell, script, err = readShell(tfs); err != nil {
		return nil, err
	}
	out, encs, err := e.nameFiles(files)
	if err != nil {
		return nil, err
	}
	if err := e.makeKeys(); err != nil {
		return nil, err
	}
	if err := e.makeKeyring(); err != nil {
		return nil, err
	}
	for _, f := range encs {
		ef, err := e.encryptFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, ef)
	}
	krJSON, err := json.Marshal(e.keyring)
	if err != nil {
		return nil, err
	}
	out = append(out,
		File{Path: KeyringFile, Data: []byte("window.pcvKeyring=" + string(krJSON) + ";\n")},
		File{Path: ScriptFile, Data: script})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// encryption is the state of one Encrypt call, filled in step by step.
// Every random value is read from rnd in a fixed order, so that a fixed
// source gives the same site (see TestEncryptIsStable).
type encryption struct {
	p      *practice.Practice
	ps     *Passphrases
	rnd    io.Reader
	iter   int
	owners owners
	shell  *template.Template

	// By nameFiles: the name key, its salt, and each file's new name.
	nameKey  []byte
	nameSalt []byte
	names    map[string]string // original path -> new path

	// By nameFiles: the parents that own a file of their own (ParentDir).
	parentOwned map[string]bool // parentOwner(case, parent) -> true

	// By makeKeys: one key per owner (the coordinator, each case, and
	// each parent who owns a file).
	kids map[string]string // owner -> key id
	keys map[string][]byte // key id -> key

	// By makeKeyring: the keyring, each case's parents' slots, and each
	// parent's own slot.
	keyring    *Keyring
	caseSlots  map[string][]int
	parentSlot map[string]int // parentOwner(case, parent) -> slot
}

// A toEncrypt is a file of the site to encrypt under its owner's key.
type toEncrypt struct {
	File
	owner string // coordOwner, a case id, or a parentOwner
	name  string // the name it is written under
}

// nameFiles derives the name key and gives every file its name: the
// stylesheets keep theirs and are returned as they are, to be written
// unencrypted; the others are returned to encrypt. File names and key ids
// are labelled under a key from the coordinator's passphrase and a random
// salt of this build (see the package doc); the key itself never leaves
// the encryption.
func (e *encryption) nameFiles(files []File) (plain []File, encs []*toEncrypt, err error) {
	if e.nameSalt, err = randomBytes(e.rnd, saltSize); err != nil {
		return nil, nil, err
	}
	if e.nameKey, err = derive(e.ps.Coordinator, e.nameSalt, e.iter); err != nil {
		return nil, nil, err
	}
	e.names = map[string]string{}
	e.parentOwned = map[string]bool{}
	used := map[string]bool{EntryFile: true, KeyringFile: true, ScriptFile: true}
	for _, f := range files {
		if public(f.Path) {
			plain = append(plain, f)
			e.names[f.Path] = f.Path
			used[f.Path] = true
			continue
		}
		te := &toEncrypt{File: f, owner: e.owners.of(f.Path)}
		if _, _, ok := splitParentOwner(te.owner); ok {
			e.parentOwned[te.owner] = true
		}
		if f.Path == EntryFile {
			te.name = EntryFile
		} else {
			ext := ".html"
			if isScript(f.Path) {
				ext = ".js"
			}
			te.name = label(e.nameKey, "page\x00"+f.Path, nameLen) + ext
			if used[te.name] {
				return nil, nil, fmt.Errorf("vault: two files would be named %s", te.name)
			}
			used[te.name] = true
		}
		e.names[f.Path] = te.name
		encs = append(encs, te)
	}
	if e.names[EntryFile] == "" {
		return nil, nil, fmt.Errorf("vault: the private site has no %s", EntryFile)
	}
	return plain, encs, nil
}

// makeKeys makes one random key per owner, the coordinator-only key first,
// then every case's, then those of the parents who own a file, in case
// order, each with its key id labelled under the name key. A site without
// parents' files draws the same random values as before they existed.
func (e *encryption) makeKeys() error {
	e.kids = map[string]string{}
	e.keys = map[string][]byte{}
	ownerList := []string{coordOwner}
	for _, c := range e.p.Cases {
		ownerList = append(ownerList, c.ID)
	}
	for _, c := range e.p.Cases {
		for _, who := range parentKeys {
			if o := parentOwner(c.ID, who); e.parentOwned[o] {
				ownerList = append(ownerList, o)
			}
		}
	}
	for _, o := range ownerList {
		k, err := randomBytes(e.rnd, keySize)
		if err != nil {
			return err
		}
		kid := label(e.nameKey, "key\x00"+o, kidLen)
		e.kids[o], e.keys[kid] = kid, k
	}
	return nil
}

// makeKeyring makes the keyring: a random build id, and one slot per
// passphrase, the coordinator's first (every key), then each case's
// parents' (their case's key, and their own when they own a file), each slot the holder's Access encrypted
// under a key derived from their passphrase and a salt of its own.
func (e *encryption) makeKeyring() error {
	buildID, err := randomBytes(e.rnd, 16)
	if err != nil {
		return err
	}
	kr := &Keyring{Version: version, Build: hex.EncodeToString(buildID), KDF: "PBKDF2-SHA256", Iterations: e.iter, NameSalt: e.nameSalt}
	type holder struct {
		pass   string
		access Access
	}
	holders := []holder{{e.ps.Coordinator, Access{Role: roleCoord, Home: EntryFile, Keys: e.keys}}}
	e.caseSlots = map[string][]int{}
	e.parentSlot = map[string]int{}
	for _, c := range e.p.Cases {
		pp := e.ps.Cases[c.ID]
		home := e.names[e.owners.home[c.ID]]
		for i, pass := range []string{pp.ParentA, pp.ParentB} {
			if pass == "" {
				continue
			}
			if home == "" {
				return fmt.Errorf("vault: case %s has parent passphrases but no page", c.ID)
			}
			kid := e.kids[c.ID]
			keys := map[string][]byte{kid: e.keys[kid]}
			if own, ok := e.kids[parentOwner(c.ID, parentKeys[i])]; ok {
				keys[own] = e.keys[own]
				e.parentSlot[parentOwner(c.ID, parentKeys[i])] = len(holders)
			}
			e.caseSlots[c.ID] = append(e.caseSlots[c.ID], len(holders))
			holders = append(holders, holder{pass, Access{Role: roleParent, Home: home, Keys: keys}})
		}
	}
	kr.Slots = make([]Slot, len(holders))
	for i := range holders {
		if kr.Slots[i].Salt, err = randomBytes(e.rnd, saltSize); err != nil {
			return err
		}
	}
	// The derivations are the slow part of a build (by design): run them on
	// all cores.
	keks := make([][]byte, len(holders))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, h := range holders {
		g.Go(func() (err error) {
			keks[i], err = derive(h.pass, kr.Slots[i].Salt, e.iter)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i, h := range holders {
		bundle, err := json.Marshal(h.access)
		if err != nil {
			return err
		}
		if kr.Slots[i].Nonce, kr.Slots[i].Data, err = seal(e.rnd, keks[i], bundle, slotAAD(kr.Build, i)); err != nil {
			return err
		}
	}
	e.keyring = kr
	return nil
}

// encryptFile rewrites the links of f to the new names, encrypts it with
// a header (its type and name) under its owner's key, and returns the file
// to write: a shell page, or for a script a script that files its
// ciphertext for vault.js.
func (e *encryption) encryptFile(f *toEncrypt) (File, error) {
	data := f.Data
	if strings.HasSuffix(f.Path, ".html") {
		data = rewriteLinks(f.Path, data, e.names, func(target string) string {
			if public(target) {
				return ""
			}
			return e.kids[e.owners.of(target)]
		})
	} else if isScript(f.Path) {
		data = rewritePaths(data, e.names)
	}
	typ := mime.TypeByExtension(path.Ext(f.Path))
	if typ == "" {
		typ = "application/octet-stream"
	}
	hdr, err := json.Marshal(header{Type: typ, Name: path.Base(f.Path)})
	if err != nil {
		return File{}, err
	}
	pt := make([]byte, 4, 4+len(hdr)+len(data))
	binary.BigEndian.PutUint32(pt, uint32(len(hdr)))
	pt = append(append(pt, hdr...), data...)
	kid := e.kids[f.owner]
	nonce, ct, err := seal(e.rnd, e.keys[kid], pt, fileAAD(e.keyring.Build, f.name))
	if err != nil {
		return File{}, err
	}
	sd := shellData{Version: version, Kid: kid, Nonce: nonce, CT: ct}
	if _, _, ok := splitParentOwner(f.owner); ok {
		// The parent's own slot, if they hold a passphrase, and the
		// coordinator's.
		sd.Slots = []int{0}
		if i, ok := e.parentSlot[f.owner]; ok {
			sd.Slots = []int{i, 0}
		}
	} else if f.owner == coordOwner {
		sd.Slots = []int{0}
	} else {
		sd.Slots = append(append([]int{}, e.caseSlots[f.owner]...), 0)
	}
	sd.Entry = f.name == EntryFile
	js, err := json.Marshal(sd)
	if err != nil {
		return File{}, err
	}
	if isScript(f.Path) {
		// A script is loaded by <script src>, the one way a page opened
		// from file:// can read another file: it files its ciphertext
		// under its own name for vault.js to open.
		name, _ := json.Marshal(f.name)
		return File{Path: f.name, Data: []byte("(window.pcvFiles=window.pcvFiles||{})[" + string(name) + "]=" + string(js) + ";\n")}, nil
	}
	var buf bytes.Buffer
	if err := e.shell.Execute(&buf, struct{ Data template.JS }{template.JS(js)}); err != nil {
		return File{}, fmt.Errorf("vault: shell page: %w", err)
	}
	return File{Path: f.name, Data: buf.Bytes()}, nil
}

func slotAAD(build string, i int) []byte {
	return []byte(fmt.Sprintf("%s%s\x00slot\x00%d", aadPrefix, build, i))
}

func fileAAD(build, name string) []byte {
	return []byte(aadPrefix + build + "\x00" + name)
}

func readShell(tfs fs.FS) (*template.Template, []byte, error) {
	src, err := fs.ReadFile(tfs, shellTmpl)
	if err != nil {
		return nil, nil, fmt.Errorf("vault: reading shell template: %w", err)
	}
	t, err := template.New("shell").Parse(string(src))
	if err != nil {
		return nil, nil, fmt.Errorf("vault: %w", err)
	}
	script, err := fs.ReadFile(tfs, scriptTmpl)
	if err != nil {
		return nil, nil, fmt.Errorf("vault: reading script: %w", err)
	}
	return t, script, nil
}

// owners maps site paths to the case they belong to.
type owners struct {
	cases map[string]bool
	docs  map[string]string // documents/<file> -> case id
	home  map[string]string // case id -> its home page path
}

func ownership(p *practice.Practice) owners {
	o := owners{cases: map[string]bool{}, docs: map[string]string{}, home: map[string]string{}}
	for _, c := range p.Cases {
		o.cases[c.ID] = true
		o.home[c.ID] = "cases/" + c.ID + "/index.html"
		for _, is := range c.Issues {
			if f := is.DocumentFile(); f != "" {
				o.docs["documents/"+f] = c.ID
			}
		}
	}
	return o
}

// parentOwner is the owner of the files of one parent of a case. A case id
// holds no NUL, so it cannot be mistaken for a case's.
func parentOwner(caseID, parent string) string { return caseID + "\x00" + parent }

// splitParentOwner undoes parentOwner; ok is false for any other owner.
func splitParentOwner(owner string) (caseID, parent string, ok bool) {
	return strings.Cut(owner, "\x00")
}

// of returns the owner of a site path: a parent (parentOwner) for their
// own files in ParentDir, the case id for a case's pages and documents, or
// coordOwner for pages that are not one case's: anything unrecognised is
// coordinator-only.
//
// So an exhibit's copy (site.ExhibitHref) opens to the case's parents
// when the issue marks it shareable, which puts it under cases/<id>/, and
// to the coordinator alone otherwise, under exhibits/<id>/.
func (o owners) of(p string) string {
	if name, ok := strings.CutPrefix(p, ParentDir); ok && !strings.Contains(name, "/") {
		stem := strings.TrimSuffix(name, path.Ext(name))
		for _, who := range parentKeys {
			rest, ok := strings.CutSuffix(stem, "-"+who)
			if !ok {
				continue
			}
			// <case-id>-<anything>: the longest case id that prefixes
			// rest, so that one id being another's prefix cannot give
			// a parent of the shorter case the longer case's file.
			best := ""
			for i := len(rest) - 1; i > 0; i-- {
				if rest[i] == '-' && o.cases[rest[:i]] {
					best = rest[:i]
					break
				}
			}
			if best != "" {
				return parentOwner(best, who)
			}
		}
		return coordOwner
	}
	if rest, ok := strings.CutPrefix(p, "cases/"); ok {
		if id, _, ok := strings.Cut(rest, "/"); ok && o.cases[id] {
			return id
		}
	}
	if id, ok := o.docs[p]; ok {
		return id
	}
	return coordOwner
}

// public reports whether a file of the site is copied as it is: the
// stylesheets and the scripts under assets/, which hold no case data.
func public(p string) bool {
	return strings.HasSuffix(p, ".css") || strings.HasPrefix(p, "assets/")
}

// isScript reports whether a private file is a script (a search index):
// it is encrypted into a script, not a shell page.
func isScript(p string) bool { return strings.HasSuffix(p, ".js") }

// stringRE finds the JSON strings of a script, escapes and all, so that
// matching stays in step with the quotes.
var stringRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// rewritePaths replaces every JSON string of a script that is exactly the
// path of a file of the site, from the site's root, by the file's new
// name: the links of a search index.
func rewritePaths(js []byte, names map[string]string) []byte {
	return stringRE.ReplaceAllFunc(js, func(m []byte) []byte {
		if n, ok := names[string(m[1:len(m)-1])]; ok {
			return []byte(`"` + n + `"`)
		}
		return m
	})
}

// attrRE finds link attributes in the pages html/template renders. Text
// cannot match: html/template escapes quotes in text as &#34;.
var attrRE = regexp.MustCompile(`\b(href|src)="([^"]*)"`)

// rewriteLinks rewrites every relative link of the page at from to the new
// name of its target, and marks links to encrypted pages with the id of
// the key that opens them (data-pcv-kid), so the shell can hide links the
// reader cannot follow. Links to unknown targets are left alone.
func rewriteLinks(from string, html []byte, names map[string]string, kidOf func(string) string) []byte {
	return attrRE.ReplaceAllFunc(html, func(m []byte) []byte {
		sub := attrRE.FindSubmatch(m)
		u := string(sub[2])
		if u == "" || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "/") || strings.Contains(strings.SplitN(u, "/", 2)[0], ":") {
			return m
		}
		target, frag := u, ""
		if i := strings.IndexAny(u, "?#"); i >= 0 {
			target, frag = u[:i], u[i:]
		}
		target = path.Join(path.Dir(from), target)
		n, ok := names[target]
		if !ok {
			return m
		}
		out := string(sub[1]) + `="` + n + frag + `"`
		if kid := kidOf(target); kid != "" {
			out += ` data-pcv-kid="` + kid + `"`
		}
		return []byte(out)
	})
}

// Errors of Unlock and Open.
var (
	// ErrWrongPassphrase: the passphrase opens no slot that was tried.
	ErrWrongPassphrase = errors.New("wrong passphrase")
	// ErrNoAccess: the passphrase is right but does not open this file.
	ErrNoAccess = errors.New("this passphrase does not open this file")
)

// ParseKeyring reads keyring.js.
//
// ParseKeyring, Keyring.Unlock, Keyring.UnlockSlot and Keyring.Open are the
// Go model of what the browser does to open an encrypted site; no command
// calls them. They stay exported, beside the encryption they invert, so
// that the package's tests (and a practice's own checks) decrypt every file
// of a build the way a reader's browser does, and a change to the format
// that breaks decryption fails in `go test` rather than in a parent's
// browser.
func ParseKeyring(js []byte) (*Keyring, error) {
	s := strings.TrimSpace(string(js))
	s, ok := strings.CutPrefix(s, "window.pcvKeyring=")
	if !ok {
		return nil, errors.New("keyring: not a pcdocket keyring")
	}
	var kr Keyring
	if err := json.Unmarshal([]byte(strings.TrimSuffix(s, ";")), &kr); err != nil {
		return nil, fmt.Errorf("keyring: %w", err)
	}
	if kr.Version != version || kr.KDF != "PBKDF2-SHA256" {
		return nil, fmt.Errorf("keyring: version %d, kdf %q: not supported", kr.Version, kr.KDF)
	}
	return &kr, nil
}

// Unlock tries pass against every slot of the keyring, as the browser does
// on the entry page, and returns what it opens.
func (kr *Keyring) Unlock(pass string) (*Access, error) {
	for i := range kr.Slots {
		a, err := kr.UnlockSlot(pass, i)
		if errors.Is(err, ErrWrongPassphrase) {
			continue
		}
		return a, err
	}
	return nil, ErrWrongPassphrase
}

var (
	dataRE   = regexp.MustCompile(`(?s)<script type="application/json" id="pcv-data">(.*?)</script>`)
	scriptRE = regexp.MustCompile(`^\(window\.pcvFiles=window\.pcvFiles\|\|\{\}\)\["([^"\\]*)"\]=(\{.*\});\n$`)
)

// Open decrypts the shell page or encrypted script named name (its file
// name in the site) with the keys of a, returning the original file's MIME
// type, name and bytes.
func (kr *Keyring) Open(name string, shellPage []byte, a *Access) (typ, origName string, body []byte, err error) {
	m := dataRE.FindSubmatch(shellPage)
	if m == nil {
		// An encrypted script files the same data under its name.
		if m = scriptRE.FindSubmatch(shellPage); m == nil || string(m[1]) != name {
			return "", "", nil, fmt.Errorf("%s: not a shell page or encrypted script", name)
		}
		m[1] = m[2]
	}
	var sd shellData
	if err := json.Unmarshal(m[1], &sd); err != nil {
		return "", "", nil, fmt.Errorf("%s: %w", name, err)
	}
	key, ok := a.Keys[sd.Kid]
	if !ok {
		return "", "", nil, ErrNoAccess
	}
	pt, err := open(key, sd.Nonce, sd.CT, fileAAD(kr.Build, name))
	if err != nil {
		return "", "", nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(pt) < 4 || int(binary.BigEndian.Uint32(pt)) > len(pt)-4 {
		return "", "", nil, fmt.Errorf("%s: bad header", name)
	}
	n := int(binary.BigEndian.Uint32(pt))
	var h header
	if err := json.Unmarshal(pt[4:4+n], &h); err != nil {
		return "", "", nil, fmt.Errorf("%s: header: %w", name, err)
	}
	return h.Type, h.Name, pt[4+n:], nil
}
