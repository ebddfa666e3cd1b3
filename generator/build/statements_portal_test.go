package build

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"pcdocket/generator/site"
	"pcdocket/generator/vault"
)

// TestStatementsDirs: the build writes statements where the site links
// them and where the vault gives each to its parent alone.
func TestStatementsDirs(t *testing.T) {
	if StatementsDir+"/" != site.StatementsDir || site.StatementsDir != vault.ParentDir {
		t.Errorf("build %q, site %q and vault %q disagree on the statements folder", StatementsDir, site.StatementsDir, vault.ParentDir)
	}
}

// TestEncryptedStatements builds the sample encrypted with each parent's
// statement for June 2026 (build --statements --encrypt): each parent of
// a case opens their own statement and not the other's, from the case
// page that links both; the coordinator opens both.
func TestEncryptedStatements(t *testing.T) {
	if testing.Short() {
		t.Skip("derives keys at the real iteration count")
	}
	const id = "2025-fam-0387-muller-lukasik"
	ps := &vault.Passphrases{Coordinator: "coordinator correct horse battery",
		Cases: map[string]vault.Parents{id: {ParentA: "mother lantern meadow", ParentB: "father kettle harbour"}}}
	out := t.TempDir()
	res, err := Build(context.Background(), Options{Source: repoRoot, Output: out, AsOf: asOf, NoDocuments: true, Statements: "2026-06", Encrypt: &vault.Options{Passphrases: ps}})
	if err != nil {
		t.Fatal(err)
	}
	sealed := readTree(t, out)
	kr, err := vault.ParseKeyring(sealed[PrivateDir+"/"+vault.KeyringFile])
	if err != nil {
		t.Fatal(err)
	}
	// open returns what a opens of the private site: original name -> body.
	open := func(a *vault.Access) map[string][]string {
		got := map[string][]string{}
		for p, data := range sealed {
			rel, ok := strings.CutPrefix(p, PrivateDir+"/")
			if !ok || !strings.HasSuffix(rel, ".html") {
				continue
			}
			_, name, body, err := kr.Open(rel, data, a)
			if errors.Is(err, vault.ErrNoAccess) {
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			got[name] = append(got[name], string(body))
		}
		return got
	}
	stA, stB := id+"-2026-06-parent_a.pdf", id+"-2026-06-parent_b.pdf"
	kidRE := regexp.MustCompile(`href="[^"]*" data-pcv-kid="([^"]*)">Statement for June 2026: ([^<]*)</a>`)
	for _, l := range vault.PersonalLinks(res.Practice, ps) {
		pass, own, other := ps.Cases[id].ParentA, stA, stB
		if l.Parent == "parent_b" {
			pass, own, other = ps.Cases[id].ParentB, stB, stA
		}
		a, err := kr.UnlockSlot(pass, l.Slot)
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		got := open(a)
		if b := got[own]; len(b) != 1 || !strings.HasPrefix(b[0], "%PDF-") {
			t.Errorf("%s does not open their own statement %s", l.Parent, own)
		}
		if _, ok := got[other]; ok {
			t.Errorf("%s opens the other parent's statement %s", l.Parent, other)
		}
		// Their case page links both statements, one with a key they hold.
		var links [][]string
		for _, body := range got["index.html"] {
			links = append(links, kidRE.FindAllStringSubmatch(body, -1)...)
		}
		if len(links) != 2 {
			t.Fatalf("%s: the case page should link both parents' statements, found %d links", l.Parent, len(links))
		}
		held := 0
		for _, m := range links {
			if _, ok := a.Keys[m[1]]; ok {
				held++
				if want := res.Practice.Case(id).PartyName(l.Parent); m[2] != want {
					t.Errorf("%s holds the key of the statement of %s, want %s", l.Parent, m[2], want)
				}
			}
		}
		if held != 1 {
			t.Errorf("%s holds the keys of %d statement links, want 1", l.Parent, held)
		}
	}
	c, err := kr.UnlockSlot(ps.Coordinator, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := open(c)
	for _, st := range []string{stA, stB} {
		if len(got[st]) != 1 {
			t.Errorf("the coordinator does not open %s", st)
		}
	}
}
