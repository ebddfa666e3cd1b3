package vault_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/practice"
	"pcdocket/generator/vault"
)

// fastIter keeps unit tests quick; the browser test uses the real count.
const fastIter = 1000

const (
	coordPass = "coordinator correct horse"
	aPass     = "alpha parent lantern"
	bPass     = "bravo parent meadow"
	cPass     = "charlie parent kettle"
)

// twoCases is a practice with cases "alpha" and "bravo"; bravo's issue 1
// has a document.
func twoCases() *practice.Practice {
	p := &practice.Practice{Name: "Test Practice"}
	for _, id := range []string{"alpha", "bravo"} {
		c := &practice.Case{ID: id, Title: id}
		is := &practice.Issue{Case: c, Number: 1, Title: "Issue", Category: "schedule"}
		if id == "bravo" {
			is.Outcome = &practice.Outcome{Kind: practice.OutcomeDetermination, On: practice.MustDate("2026-01-02")}
		}
		c.Issues = []*practice.Issue{is}
		p.Cases = append(p.Cases, c)
	}
	return p
}

func siteFiles(t *testing.T, p *practice.Practice) []vault.File {
	t.Helper()
	doc := p.Cases[1].Issues[0].DocumentFile()
	if doc == "" {
		t.Fatal("fixture: bravo issue 1 should have a document")
	}
	page := func(body string) []byte {
		return []byte(`<!DOCTYPE html><html><head><title>T</title><link rel="stylesheet" href="` + body + `"></head><body></body></html>`)
	}
	return []vault.File{
		{Path: "index.html", Data: []byte(`<html><body><a href="cases/alpha/index.html">Alpha</a> <a href="categories/index.html#x">Cat</a> <a href="https://example.org/a">ext</a></body></html>`)},
		{Path: "categories/index.html", Data: page("../style.css")},
		{Path: "style.css", Data: []byte("body{}")},
		{Path: "cases/alpha/index.html", Data: []byte(`<html><body><a href="../../index.html">Docket</a><a href="issues/1.html">Alpha issue</a></body></html>`)},
		{Path: "cases/alpha/issues/1.html", Data: page("../../../style.css")},
		{Path: "cases/bravo/index.html", Data: []byte(`<html><body><a href="../../documents/` + doc + `">PDF</a></body></html>`)},
		{Path: "documents/" + doc, Data: []byte("%PDF-1.7 bravo determination\x00\x01\x02")},
	}
}

func passphrases() *vault.Passphrases {
	return &vault.Passphrases{Coordinator: coordPass, Cases: map[string]vault.Parents{
		"alpha": {ParentA: aPass},
		"bravo": {ParentA: bPass, ParentB: cPass},
	}}
}

// sealed seals the fixture and returns the output by path and its keyring.
func sealed(t *testing.T) (map[string][]byte, *vault.Keyring) {
	t.Helper()
	p := twoCases()
	out, err := vault.Encrypt(p, siteFiles(t, p), vault.WithIterations(vault.Options{Passphrases: passphrases()}, fastIter))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range out {
		files[f.Path] = f.Data
	}
	kr, err := vault.ParseKeyring(files[vault.KeyringFile])
	if err != nil {
		t.Fatal(err)
	}
	return files, kr
}

// openAll decrypts every shell page and encrypted script with a and returns the plaintexts by
// original name, and how many pages a could not open.
func openAll(t *testing.T, files map[string][]byte, kr *vault.Keyring, a *vault.Access) (map[string][]byte, int) {
	t.Helper()
	plain := map[string][]byte{}
	refused := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") && (!strings.HasSuffix(name, ".js") || name == vault.KeyringFile || name == vault.ScriptFile) {
			continue
		}
		_, orig, body, err := kr.Open(name, data, a)
		if errors.Is(err, vault.ErrNoAccess) {
			refused++
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		plain[orig+"@"+name] = body
	}
	return plain, refused
}

func TestRoundTrip(t *testing.T) {
	files, kr := sealed(t)
	if kr.Iterations != fastIter {
		t.Fatalf("iterations %d, want %d", kr.Iterations, fastIter)
	}
	if string(files["style.css"]) != "body{}" {
		t.Errorf("style.css should be copied as is, got %q", files["style.css"])
	}
	if len(files) != 9 { // 6 shell pages, style.css, keyring.js, vault.js
		t.Errorf("got %d files, want 9", len(files))
	}
	a, err := kr.Unlock(coordPass)
	if err != nil {
		t.Fatal(err)
	}
	if a.Role != "coordinator" || a.Home != "index.html" {
		t.Errorf("coordinator access %q home %q", a.Role, a.Home)
	}
	plain, refused := openAll(t, files, kr, a)
	if refused != 0 || len(plain) != 6 {
		t.Fatalf("coordinator opened %d pages and was refused %d, want 6 and 0", len(plain), refused)
	}
	var pdf []byte
	for k, v := range plain {
		if strings.HasSuffix(strings.Split(k, "@")[0], ".pdf") {
			pdf = v
		}
	}
	if !bytes.Equal(pdf, []byte("%PDF-1.7 bravo determination\x00\x01\x02")) {
		t.Errorf("the document did not survive the round trip: %q", pdf)
	}
	// The docket's links point at the new names and carry the key id.
	_, _, docket, err := kr.Open("index.html", files["index.html"], a)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(docket, []byte("cases/alpha")) || !bytes.Contains(docket, []byte(`data-pcv-kid=`)) {
		t.Errorf("links not rewritten: %s", docket)
	}
	if !bytes.Contains(docket, []byte(`href="https://example.org/a"`)) || !bytes.Contains(docket, []byte(`.html#x"`)) {
		t.Errorf("external link or fragment lost: %s", docket)
	}
}

func TestParentCannotOpenAnotherCase(t *testing.T) {
	files, kr := sealed(t)
	tests := []struct {
		pass       string
		opens      int // pages
		wantRefuse int
	}{
		{aPass, 2, 4}, // alpha's case page and issue
		{bPass, 2, 4}, // bravo's case page and document
		{cPass, 2, 4},
	}
	for _, tt := range tests {
		a, err := kr.Unlock(tt.pass)
		if err != nil {
			t.Fatal(err)
		}
		if a.Role != "parent" || len(a.Keys) != 1 {
			t.Errorf("parent access: role %q, %d keys", a.Role, len(a.Keys))
		}
		plain, refused := openAll(t, files, kr, a)
		if len(plain) != tt.opens || refused != tt.wantRefuse {
			t.Errorf("parent opened %d and was refused %d, want %d and %d", len(plain), refused, tt.opens, tt.wantRefuse)
		}
		for k := range plain {
			if k == "index.html@index.html" {
				t.Error("a parent opened the docket")
			}
		}
		if _, _, _, err := kr.Open(a.Home, files[a.Home], a); err != nil {
			t.Errorf("a parent cannot open their home page: %v", err)
		}
	}
	// A key from one case does not open another case's page even if a page
	// claims to use it: swapping the key id in a shell page fails GCM.
	a, _ := kr.Unlock(aPass)
	b, _ := kr.Unlock(bPass)
	forged := &vault.Access{Keys: map[string][]byte{}}
	for kid := range b.Keys {
		for _, k := range a.Keys {
			forged.Keys[kid] = k
		}
	}
	if _, _, _, err := kr.Open(b.Home, files[b.Home], forged); err == nil {
		t.Error("alpha's key opened bravo's page")
	}
}

func TestWrongPassphrase(t *testing.T) {
	_, kr := sealed(t)
	if _, err := kr.Unlock("not the passphrase at all"); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Errorf("got %v, want ErrWrongPassphrase", err)
	}
}

func TestTamperedOrMovedFileFails(t *testing.T) {
	files, kr := sealed(t)
	a, _ := kr.Unlock(coordPass)
	// A page served under another page's name is refused: the name is
	// bound into the ciphertext.
	var other string
	for name := range files {
		if strings.HasSuffix(name, ".html") && name != "index.html" {
			other = name
			break
		}
	}
	if _, _, _, err := kr.Open(other, files["index.html"], a); err == nil {
		t.Error("the docket opened under another file name")
	}
}

func TestFreshRandomness(t *testing.T) {
	f1, kr1 := sealed(t)
	f2, kr2 := sealed(t)
	if kr1.Build == kr2.Build || bytes.Equal(kr1.Slots[0].Salt, kr2.Slots[0].Salt) {
		t.Error("build id or salt repeated across builds")
	}
	if bytes.Equal(f1["index.html"], f2["index.html"]) {
		t.Error("two builds gave the same ciphertext: nonces or keys are not fresh")
	}
}

// TestNameSalt: the key that names the files has a random salt of its
// build, published in the keyring, so file names cannot be computed ahead
// for a practice: two builds of the same practice with the same
// passphrase share no encrypted file name.
func TestNameSalt(t *testing.T) {
	f1, kr1 := sealed(t)
	f2, kr2 := sealed(t)
	if len(kr1.NameSalt) != 16 || bytes.Equal(kr1.NameSalt, kr2.NameSalt) {
		t.Fatalf("name salts %x and %x: want 16 random bytes, new in every build", kr1.NameSalt, kr2.NameSalt)
	}
	for _, s := range kr1.Slots {
		if bytes.Equal(s.Salt, kr1.NameSalt) {
			t.Error("the name salt is a slot's salt")
		}
	}
	if len(f1) != len(f2) {
		t.Errorf("file count %d then %d: it must not change", len(f1), len(f2))
	}
	fixed := map[string]bool{"index.html": true, vault.KeyringFile: true, vault.ScriptFile: true, "style.css": true}
	for name := range f1 {
		if _, ok := f2[name]; ok && !fixed[name] {
			t.Errorf("file %s is in both builds: its name was computable ahead", name)
		}
	}

	// The published salt is the one in use: the coordinator's passphrase
	// and it give the case page's name; a wrong passphrase does not.
	const page = "cases/alpha/index.html"
	if name := vault.PageName(coordPass, kr1.NameSalt, kr1.Iterations, page); f1[name] == nil {
		t.Errorf("%s: %s is not in the build whose keyring has the salt", page, name)
	}
	if name := vault.PageName(aPass, kr1.NameSalt, kr1.Iterations, page); f1[name] != nil {
		t.Error("a wrong passphrase gives a real file name")
	}

	// What an attacker could do before: derive the salt from the practice
	// name (as the salt once was) and test guesses against any listing of
	// the practice's sites. Even the right passphrase names nothing now.
	for _, salt := range [][]byte{
		sha256Sum("pcdocket vault names v1\x00" + twoCases().Name),
		sha256Sum(twoCases().Name),
		[]byte(twoCases().Name),
	} {
		if name := vault.PageName(coordPass, salt, fastIter, page); f1[name] != nil || f2[name] != nil {
			t.Errorf("a salt computed from the practice name gives the file %s", name)
		}
	}
}

func sha256Sum(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

func TestPassphraseRules(t *testing.T) {
	p := twoCases()
	tests := []struct {
		name string
		ps   *vault.Passphrases
		want string // substring of the error; "" for none
	}{
		{"ok", passphrases(), ""},
		{"no coordinator", &vault.Passphrases{}, "no coordinator passphrase"},
		{"short", &vault.Passphrases{Coordinator: "elevenchars"}, "too short (11 characters"},
		{"repetitive", &vault.Passphrases{Coordinator: "abababababababab"}, "too repetitive"},
		{"spaces", &vault.Passphrases{Coordinator: " leading space pass"}, "white space"},
		{"twelve multibyte", &vault.Passphrases{Coordinator: "zoëzoëmüllerł"}, ""},
		{"shared", &vault.Passphrases{Coordinator: coordPass, Cases: map[string]vault.Parents{"alpha": {ParentA: aPass, ParentB: aPass}}}, "same as that of parent_a of case alpha"},
		{"parent same as coordinator", &vault.Passphrases{Coordinator: coordPass, Cases: map[string]vault.Parents{"bravo": {ParentB: coordPass}}}, "same as that of the coordinator"},
		{"unknown case", &vault.Passphrases{Coordinator: coordPass, Cases: map[string]vault.Parents{"charlie": {ParentA: aPass}}}, `names case "charlie"`},
		{"weak parent", &vault.Passphrases{Coordinator: coordPass, Cases: map[string]vault.Parents{"alpha": {ParentB: "1234"}}}, "parent_b of case alpha is too short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.ps.Validate(p)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
			if err != nil {
				for _, s := range []string{coordPass, aPass, "elevenchars", "1234", "abababababababab"} {
					if strings.Contains(err.Error(), s) {
						t.Errorf("the error quotes a passphrase: %v", err)
					}
				}
			}
		})
	}
}

func TestLoadPassphrases(t *testing.T) {
	practiceDir := t.TempDir()
	outside := t.TempDir()
	write := func(dir, name, body string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write(outside, "keys.json", `{"cases": {"alpha": {"parent_a": "`+aPass+`"}}}`)
	withCoord := write(outside, "coord.json", `{"coordinator": "`+coordPass+`"}`)
	inContent := write(practiceDir, "content/keys.json", `{}`)
	inRoot := write(practiceDir, "keys.json", `{}`)
	typo := write(outside, "typo.json", `{"coordinater": "x"}`)
	link := filepath.Join(outside, "link.json")
	if err := os.Symlink(inRoot, link); err != nil {
		t.Fatal(err)
	}
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == vault.EnvPassphrase {
				return v
			}
			return ""
		}
	}
	tests := []struct {
		name, file, env, want string
	}{
		{"env only", "", coordPass, ""},
		{"env and file", good, coordPass, ""},
		{"coordinator in file", withCoord, "", ""},
		{"both", withCoord, coordPass, "both in PCDOCKET_PASSPHRASE"},
		{"neither", good, "", "no coordinator passphrase"},
		{"weak env", "", "short", "too short"},
		{"inside content", inContent, coordPass, "inside the practice folder"},
		{"inside practice", inRoot, coordPass, "inside the practice folder"},
		{"symlink into practice", link, coordPass, "inside the practice folder"},
		{"unknown key", typo, coordPass, `typo.json:1:2: unknown key in the keys file: the keys are "coordinator" and "cases"`},
		{"missing", filepath.Join(outside, "nope.json"), coordPass, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := vault.LoadPassphrases(tt.file, practiceDir, env(tt.env))
			if tt.want == "" {
				if err != nil || ps.Coordinator != coordPass {
					t.Errorf("got %v, %v", ps, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
