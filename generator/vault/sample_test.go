package vault_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/build"
	"pcdocket/generator/practice"
	"pcdocket/generator/vault"
)

// repoRoot is the sample practice: the repository itself.
const repoRoot = "../.."

var sampleAsOf = practice.MustDate("2026-11-27")

// sampleStatements is the month of the fee statements in the encrypted
// sample (build --statements).
const sampleStatements = "2026-06"

// samplePassphrases gives the coordinator and the parents of two sample
// cases passphrases: both parents of the first case, parent_a of the
// second.
func samplePassphrases(t testing.TB, p *practice.Practice) (*vault.Passphrases, [3]string) {
	t.Helper()
	if len(p.Cases) < 2 {
		t.Fatalf("the sample practice has %d cases, want at least 2", len(p.Cases))
	}
	ids := [3]string{p.Cases[0].ID, p.Cases[0].ID, p.Cases[1].ID}
	return &vault.Passphrases{Coordinator: coordPass, Cases: map[string]vault.Parents{
		ids[0]: {ParentA: aPass, ParentB: bPass},
		ids[2]: {ParentA: cPass},
	}}, ids
}

// buildSample builds the sample practice encrypted into a temporary
// folder and returns the folder's private site and the model.
func buildSample(t testing.TB, iter int) (string, *practice.Practice) {
	t.Helper()
	// The model first, to name the cases the passphrases are for.
	plain := t.TempDir()
	res, err := build.Build(context.Background(), build.Options{Source: repoRoot, Output: plain, AsOf: sampleAsOf, NoDocuments: true})
	if err != nil {
		t.Fatalf("plain build: %v", err)
	}
	ps, _ := samplePassphrases(t, res.Practice)
	out := t.TempDir()
	vo := vault.WithIterations(vault.Options{Passphrases: ps}, iter)
	// With the parents' fee statements of a month, each for its parent.
	if _, err := build.Build(context.Background(), build.Options{Source: repoRoot, Output: out, AsOf: sampleAsOf, Encrypt: &vo, Statements: sampleStatements}); err != nil {
		t.Fatalf("encrypted build: %v", err)
	}
	// The output's private/ is a link to the published build.
	dir, err := filepath.EvalSymlinks(filepath.Join(out, build.PrivateDir))
	if err != nil {
		t.Fatal(err)
	}
	return dir, res.Practice
}

// secrets lists what must never be readable in an encrypted site: every
// party's name, each child's initials, every clause text, every position,
// every court case number, and the case ids (which carry surnames).
func secrets(p *practice.Practice) []string {
	var s []string
	add := func(v string) {
		if v = strings.TrimSpace(v); v != "" {
			s = append(s, v)
		}
	}
	for _, c := range p.Cases {
		add(c.CourtCaseNo)
		add(c.ID)
		add(c.Title)
		for _, pt := range []practice.Party{c.Parties.ParentA, c.Parties.ParentB} {
			add(pt.Name)
			add(pt.Email)
		}
		for _, ch := range c.Children {
			add(ch.Initials)
		}
		for _, cl := range c.Plan.Clauses {
			add(cl.Text)
		}
		for _, is := range c.Issues {
			add(is.Positions.ParentA)
			add(is.Positions.ParentB)
			add(is.Question)
		}
	}
	return s
}

func TestSampleEncryptedLeaksNothing(t *testing.T) {
	dir, p := buildSample(t, fastIter)
	needles := secrets(p)
	if len(needles) < 50 {
		t.Fatalf("only %d strings to look for: the model looks empty", len(needles))
	}
	// Each needle in the forms a page could hold it: as written and
	// HTML-escaped (html/template writes O'Brien as O&#39;Brien).
	forms := func(s string) []string {
		f := []string{s}
		if e := template.HTMLEscapeString(s); e != s {
			f = append(f, e)
		}
		// and as a string of a search index (JSON writes & as \u0026).
		if j, _ := json.Marshal(s); string(j[1:len(j)-1]) != s {
			f = append(f, string(j[1:len(j)-1]))
		}
		return f
	}
	files, pdfs := 0, 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(dir, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), "%PDF") {
			pdfs++
		}
		for _, n := range needles {
			for _, f := range forms(n) {
				if strings.Contains(string(data), f) {
					t.Errorf("%s holds %q", rel, f)
				}
			}
			// File names too: case ids carry surnames and case numbers.
			if strings.Contains(strings.ToLower(rel), strings.ToLower(n)) {
				t.Errorf("the file name %s holds %q", rel, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Errorf("only %d files in the encrypted site", files)
	}
	if pdfs != 0 {
		t.Errorf("%d files hold a PDF in the clear", pdfs)
	}
	// Surnames alone, in file names: case ids are built from them.
	for _, c := range p.Cases {
		for _, w := range strings.FieldsFunc(strings.ToLower(c.ID), func(r rune) bool { return r == '-' }) {
			// Words of hex digits ("0233") turn up in hex labels by
			// chance; surnames do not.
			if len(w) < 4 || strings.Trim(w, "0123456789abcdef") == "" {
				continue
			}
			if m, _ := filepath.Glob(filepath.Join(dir, "*"+w+"*")); len(m) > 0 {
				t.Errorf("file names hold %q: %v", w, m)
			}
		}
	}
}

// TestSampleScanFindsPlaintext shows the scan above can fail: the same
// strings are found in the plain site.
func TestSampleScanFindsPlaintext(t *testing.T) {
	out := t.TempDir()
	res, err := build.Build(context.Background(), build.Options{Source: repoRoot, Output: out, AsOf: sampleAsOf, NoDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	dir, err := filepath.EvalSymlinks(filepath.Join(out, build.PrivateDir))
	if err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(path)
			all.WriteString(path + "\n")
			all.Write(b)
		}
		return nil
	})
	found, total := 0, 0
	for _, c := range res.Practice.Cases {
		for _, n := range []string{c.CourtCaseNo, c.Parties.ParentA.Name, c.Children[0].Initials, c.ID} {
			total++
			if strings.Contains(all.String(), n) || strings.Contains(all.String(), template.HTMLEscapeString(n)) {
				found++
			} else {
				t.Errorf("the plain site does not show %q: the leak scan would prove nothing", n)
			}
		}
	}
	if found != total {
		t.Errorf("found %d of %d", found, total)
	}
}

// TestSampleOpensForEachHolder decrypts the encrypted sample with each
// passphrase: the coordinator opens every file, a parent exactly their
// case's.
func TestSampleOpensForEachHolder(t *testing.T) {
	dir, p := buildSample(t, fastIter)
	krJS, err := os.ReadFile(filepath.Join(dir, vault.KeyringFile))
	if err != nil {
		t.Fatal(err)
	}
	kr, err := vault.ParseKeyring(krJS)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		files[e.Name()], _ = os.ReadFile(filepath.Join(dir, e.Name()))
	}
	coord, err := kr.Unlock(coordPass)
	if err != nil {
		t.Fatal(err)
	}
	all, refused := openAll(t, files, kr, coord)
	if refused != 0 {
		t.Errorf("the coordinator was refused %d files", refused)
	}
	pdfs := 0
	for k, v := range all {
		if strings.HasSuffix(strings.Split(k, "@")[0], ".pdf") {
			pdfs++
			if !strings.HasPrefix(string(v), "%PDF-") {
				t.Errorf("%s does not decrypt to a PDF", k)
			}
		}
	}
	t.Logf("%d encrypted files, %d of them PDFs", len(all), pdfs)
	_, ids := samplePassphrases(t, p)
	for i, pass := range []string{aPass, bPass, cPass} {
		a, err := kr.Unlock(pass)
		if err != nil {
			t.Fatal(err)
		}
		mine, refused := openAll(t, files, kr, a)
		if len(mine) == 0 || refused == 0 || len(mine)+refused != len(all) {
			t.Errorf("parent %d opened %d and was refused %d of %d", i, len(mine), refused, len(all))
		}
		var c *practice.Case
		for _, pc := range p.Cases {
			if pc.ID == ids[i] {
				c = pc
			}
		}
		for k, body := range mine {
			if strings.HasSuffix(k, "@index.html") {
				t.Errorf("parent %d opened the docket", i)
			}
			// The safety screening and the coordinator's notes are for the
			// coordinator alone, even within the parent's own case.
			if strings.HasPrefix(k, "notes/") {
				t.Errorf("parent %d opened the coordinator's notes page %s", i, k)
			}
			if c.Safety != nil && c.Safety.Result != "" && strings.Contains(string(body), template.HTMLEscapeString(c.Safety.Result)) {
				t.Errorf("parent %d's page %s shows the safety screening result", i, k)
			}
			for _, other := range p.Cases {
				if other != c && strings.Contains(string(body), template.HTMLEscapeString(other.Parties.ParentA.Name)) {
					t.Errorf("parent %d's page %s shows another family's parent", i, k)
				}
			}
		}
	}
}

// TestSampleExhibitsSharedOnly: in the encrypted sample, every exhibit is
// encrypted (its bytes are nowhere in the clear) and opens for the
// coordinator; a parent opens the copies of the exhibits their case's
// issues mark shareable, and nothing of the others: not their bytes, and
// not their names, except in the served document that lists every exhibit
// the coordinator considered (its PDF, and its twin on the issue page).
func TestSampleExhibitsSharedOnly(t *testing.T) {
	dir, p := buildSample(t, fastIter)
	_, ids := samplePassphrases(t, p)
	krJS, err := os.ReadFile(filepath.Join(dir, vault.KeyringFile))
	if err != nil {
		t.Fatal(err)
	}
	kr, err := vault.ParseKeyring(krJS)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		files[e.Name()], _ = os.ReadFile(filepath.Join(dir, e.Name()))
	}
	open := func(pass string) map[string][]byte {
		a, err := kr.Unlock(pass)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := openAll(t, files, kr, a)
		return got
	}
	coord, parent := open(coordPass), open(cPass) // cPass: parent_a of case ids[2]
	has := func(opened map[string][]byte, want []byte) bool {
		for _, body := range opened {
			if bytes.Equal(body, want) {
				return true
			}
		}
		return false
	}
	shared, unshared := 0, 0
	for _, c := range p.Cases {
		for _, is := range c.Issues {
			for _, e := range is.Exhibits {
				src, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(e.Path)))
				if err != nil {
					t.Fatal(err)
				}
				for name, data := range files {
					if bytes.Contains(data, src) {
						t.Errorf("%s holds exhibit %s of %s in the clear", name, e.Label, is.ID())
					}
				}
				if !has(coord, src) {
					t.Errorf("the coordinator cannot open exhibit %s of %s", e.Label, is.ID())
				}
				if c.ID != ids[2] {
					continue
				}
				if e.Shareable {
					shared++
					if !has(parent, src) {
						t.Errorf("the parent cannot open exhibit %s of %s, which is shareable", e.Label, is.ID())
					}
					continue
				}
				unshared++
				for k, body := range parent {
					if bytes.Contains(body, src) {
						t.Errorf("the parent opens %s, which holds exhibit %s of %s, not shareable", k, e.Label, is.ID())
					}
					orig := strings.Split(k, "@")[0]
					document := is.Documented() && (orig == is.DocumentFile() || orig == fmt.Sprintf("%d.html", is.Number))
					if !document && (bytes.Contains(body, []byte(e.File)) || strings.Contains(k, e.File)) {
						t.Errorf("the parent opens %s, which names exhibit %s of %s (%s), not shareable", k, e.Label, is.ID(), e.File)
					}
				}
			}
		}
	}
	if shared == 0 || unshared == 0 {
		t.Fatalf("case %s has %d shareable and %d other exhibits: the sample must have both for this test to prove anything", ids[2], shared, unshared)
	}
}
