package vault_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"pcdocket/generator/vault"
)

// TestParentFiles seals the fixture with a fee statement for each parent of
// both cases and checks who opens which: each parent their own statement
// and never the other parent's or another case's, the coordinator all of
// them; alpha's parent_b holds no passphrase, so theirs opens to the
// coordinator alone. The case page links to both of its parents'
// statements, each marked with the key that opens it, so that the shell
// can take out the link its reader cannot follow.
func TestParentFiles(t *testing.T) {
	p := twoCases()
	st := func(id, who string) string { return "statements/" + id + "-2026-06-" + who + ".pdf" }
	files := siteFiles(t, p)
	for i := range files {
		if files[i].Path == "cases/bravo/index.html" {
			files[i].Data = []byte(`<html><body><a href="../../` + st("bravo", "parent_a") + `">A</a> <a href="../../` + st("bravo", "parent_b") + `">B</a></body></html>`)
		}
	}
	for _, id := range []string{"alpha", "bravo"} {
		for _, who := range []string{"parent_a", "parent_b"} {
			files = append(files, vault.File{Path: st(id, who), Data: []byte("%PDF-1.7 statement " + id + " " + who)})
		}
	}
	// Not a parent's: no parent in the name, or a case that does not exist.
	files = append(files,
		vault.File{Path: "statements/bravo-fee-report-2026-11-27.pdf", Data: []byte("%PDF-1.7 report")},
		vault.File{Path: "statements/charlie-2026-06-parent_a.pdf", Data: []byte("%PDF-1.7 charlie")})
	out, err := vault.Encrypt(p, files, vault.WithIterations(vault.Options{Passphrases: passphrases()}, fastIter))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string][]byte{}
	for _, f := range out {
		byName[f.Path] = f.Data
	}
	kr, err := vault.ParseKeyring(byName[vault.KeyringFile])
	if err != nil {
		t.Fatal(err)
	}
	all := []string{st("alpha", "parent_a"), st("alpha", "parent_b"), st("bravo", "parent_a"), st("bravo", "parent_b"),
		"statements/bravo-fee-report-2026-11-27.pdf", "statements/charlie-2026-06-parent_a.pdf"}
	for _, tc := range []struct {
		who, pass string
		opens     []string // of all
	}{
		{"coordinator", coordPass, all},
		{"alpha parent_a", aPass, []string{st("alpha", "parent_a")}},
		{"bravo parent_a", bPass, []string{st("bravo", "parent_a")}},
		{"bravo parent_b", cPass, []string{st("bravo", "parent_b")}},
	} {
		a, err := kr.Unlock(tc.pass)
		if err != nil {
			t.Fatalf("%s: %v", tc.who, err)
		}
		plain, _ := openAll(t, byName, kr, a)
		opened := map[string]string{}
		for k, v := range plain {
			if strings.HasPrefix(string(v), "%PDF") {
				opened[strings.Split(k, "@")[0]] = string(v)
			}
		}
		for _, f := range all {
			_, can := opened[strings.TrimPrefix(f, "statements/")]
			want := false
			for _, o := range tc.opens {
				want = want || o == f
			}
			if can != want {
				t.Errorf("%s opens %s: %v, want %v", tc.who, f, can, want)
			}
		}
		// A parent still opens their case's pages.
		if tc.pass == bPass || tc.pass == cPass {
			var page string
			for k, v := range plain {
				if strings.HasPrefix(k, "index.html@") && strings.Contains(string(v), ">A</a>") {
					page = string(v)
				}
			}
			if page == "" {
				t.Fatalf("%s cannot open bravo's case page", tc.who)
			}
			kids := regexp.MustCompile(`data-pcv-kid="([^"]*)"`).FindAllStringSubmatch(page, -1)
			if len(kids) != 2 || kids[0][1] == kids[1][1] {
				t.Fatalf("%s: the case page's statement links should carry two different keys: %q", tc.who, page)
			}
			mine := 0
			if tc.pass == cPass {
				mine = 1
			}
			if _, ok := a.Keys[kids[mine][1]]; !ok {
				t.Errorf("%s lacks the key of their own statement's link", tc.who)
			}
			if _, ok := a.Keys[kids[1-mine][1]]; ok {
				t.Errorf("%s holds the key of the other parent's statement's link", tc.who)
			}
		}
	}
	// The other parent's file is refused as such, not as a broken file.
	a, _ := kr.Unlock(bPass)
	c, _ := kr.Unlock(cPass)
	for name, data := range byName {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if _, orig, _, err := kr.Open(name, data, c); err == nil && orig == "bravo-2026-06-parent_b.pdf" {
			if _, _, _, err := kr.Open(name, data, a); !errors.Is(err, vault.ErrNoAccess) {
				t.Errorf("bravo parent_a opening parent_b's statement: %v, want ErrNoAccess", err)
			}
		}
	}
}
