package vault_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pcdocket/generator/site"
	"pcdocket/generator/vault"
)

// searchIndex is the part of a search index (generator/site) these tests
// read.
type searchIndex struct {
	Cases []struct {
		Title string      `json:"t"`
		Href  string      `json:"u"`
		Docs  [][5]string `json:"d"`
	} `json:"cases"`
}

func parseIndex(t *testing.T, name string, js []byte) searchIndex {
	t.Helper()
	s, ok := strings.CutPrefix(string(js), "window.pcdIndex=")
	if !ok {
		t.Fatalf("%s: not a search index: %.40q", name, js)
	}
	var idx searchIndex
	if err := json.Unmarshal([]byte(strings.TrimSuffix(s, ";\n")), &idx); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return idx
}

// TestSampleSearchIndexes: in an encrypted build, each search index is an
// encrypted script; the coordinator's opens every case, each parent's
// passphrase opens exactly one index, holding only their case; and the
// links in an index are the encrypted site's file names.
func TestSampleSearchIndexes(t *testing.T) {
	dir, p := buildSample(t, fastIter)
	krJS, err := os.ReadFile(filepath.Join(dir, vault.KeyringFile))
	if err != nil {
		t.Fatal(err)
	}
	kr, err := vault.ParseKeyring(krJS)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, site.SearchScript)); err != nil {
		t.Errorf("the search box's script is not copied: %v", err)
	}
	scripts := map[string][]byte{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n := e.Name()
		if strings.HasSuffix(n, ".js") && n != vault.KeyringFile && n != vault.ScriptFile {
			scripts[n], _ = os.ReadFile(filepath.Join(dir, n))
			if strings.Contains(string(scripts[n]), "pcdIndex") || !strings.HasPrefix(string(scripts[n]), "(window.pcvFiles=") {
				t.Errorf("%s is not an encrypted script: %.60q", n, scripts[n])
			}
		}
	}
	if want := len(p.Cases) + 1; len(scripts) != want {
		t.Fatalf("%d encrypted scripts, want %d (one index per case and the coordinator's)", len(scripts), want)
	}

	// open returns the indexes a passphrase opens, by original path.
	open := func(pass string) map[string]searchIndex {
		a, err := kr.Unlock(pass)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]searchIndex{}
		for n, data := range scripts {
			typ, orig, body, err := kr.Open(n, data, a)
			if errors.Is(err, vault.ErrNoAccess) {
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", n, err)
			}
			if orig != site.SearchIndexFile || !strings.Contains(typ, "javascript") {
				t.Errorf("%s opens to %s (%s)", n, orig, typ)
			}
			got[n] = parseIndex(t, n, body)
		}
		return got
	}

	coord := open(coordPass)
	if len(coord) != len(scripts) {
		t.Errorf("the coordinator opens %d of %d indexes", len(coord), len(scripts))
	}
	var all searchIndex
	for _, idx := range coord {
		if len(idx.Cases) == len(p.Cases) {
			all = idx
		}
	}
	if len(all.Cases) != len(p.Cases) {
		t.Fatalf("no index holds all %d cases", len(p.Cases))
	}
	for _, c := range all.Cases {
		for _, d := range c.Docs {
			// Every link is a file of the encrypted site, not a plain path.
			if strings.Contains(d[2], "/") || !fileExists(filepath.Join(dir, d[2])) {
				t.Errorf("%s %q links to %q, not a file of the encrypted site", d[0], d[1], d[2])
			}
		}
	}

	_, ids := samplePassphrases(t, p)
	for i, pass := range []string{aPass, bPass, cPass} {
		mine := open(pass)
		if len(mine) != 1 {
			t.Errorf("parent %d opens %d indexes, want 1 (their case's)", i, len(mine))
			continue
		}
		var title string
		for _, c := range p.Cases {
			if c.ID == ids[i] {
				title = c.Title
			}
		}
		for n, idx := range mine {
			var titles []string
			for _, c := range idx.Cases {
				titles = append(titles, c.Title)
			}
			if !slices.Equal(titles, []string{title}) {
				t.Errorf("parent %d's index %s holds cases %q, want only %q", i, n, titles, title)
			}
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestSealScripts: a script of the site is encrypted into a script under
// its owner's key, its JSON strings that name files are renamed (also
// after strings with escapes), other strings are kept, and the scripts
// under assets/ are copied as they are.
func TestSealScripts(t *testing.T) {
	p := twoCases()
	index := `window.pcdIndex={"cases":[{"t":"A \u0026 \"B\" \\","u":"cases/alpha/index.html","d":[["issue","index.html","cases/alpha/issues/1.html","style.css"]]}]};` + "\n"
	files := append(siteFiles(t, p),
		vault.File{Path: "cases/alpha/search-index.js", Data: []byte(index)},
		vault.File{Path: "assets/search.js", Data: []byte("/* the box */")})
	out, err := vault.Encrypt(p, files, vault.WithIterations(vault.Options{Passphrases: passphrases()}, fastIter))
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]byte{}
	for _, f := range out {
		byPath[f.Path] = f.Data
	}
	if string(byPath["assets/search.js"]) != "/* the box */" {
		t.Errorf("assets/search.js is not copied as is: %q", byPath["assets/search.js"])
	}
	kr, err := vault.ParseKeyring(byPath[vault.KeyringFile])
	if err != nil {
		t.Fatal(err)
	}
	alpha, err := kr.Unlock(aPass)
	if err != nil {
		t.Fatal(err)
	}
	bravo, err := kr.Unlock(bPass)
	if err != nil {
		t.Fatal(err)
	}
	var name string
	var body []byte
	for n, data := range byPath {
		if strings.HasSuffix(n, ".js") && n != vault.KeyringFile && n != vault.ScriptFile && !strings.HasPrefix(n, "assets/") {
			if name != "" {
				t.Fatalf("two encrypted scripts: %s and %s", name, n)
			}
			name = n
			if _, _, _, err := kr.Open(n, data, bravo); !errors.Is(err, vault.ErrNoAccess) {
				t.Errorf("another case's parent opens %s: %v", n, err)
			}
			if _, _, body, err = kr.Open(n, data, alpha); err != nil {
				t.Fatal(err)
			}
		}
	}
	if name == "" {
		t.Fatal("no encrypted script in the output")
	}
	got := string(body)
	if strings.Contains(got, "cases/alpha") || !strings.Contains(got, `"t":"A \u0026 \"B\" \\"`) || !strings.Contains(got, `"index.html"`) || !strings.Contains(got, `"style.css"`) {
		t.Errorf("the script's strings were not renamed as they should be:\n%s", got)
	}
	var idx searchIndex
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(got, "window.pcdIndex="), ";\n")), &idx); err != nil {
		t.Fatalf("the renamed index is not JSON: %v", err)
	}
	for _, u := range []string{idx.Cases[0].Href, idx.Cases[0].Docs[0][2]} {
		if _, ok := byPath[u]; !ok || !strings.HasSuffix(u, ".html") {
			t.Errorf("link %q is not a file of the encrypted site", u)
		}
	}
}
