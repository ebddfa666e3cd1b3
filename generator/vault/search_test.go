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
