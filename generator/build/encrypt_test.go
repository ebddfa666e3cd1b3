package build

import (
	"bytes"
	"context"
	"path"
	"sort"
	"strings"
	"testing"

	"pcdocket/generator/site"
	"pcdocket/generator/vault"
)

// TestEncryptedBuildOpens builds the sample encrypted and in plain text,
// and opens every encrypted file with the coordinator's passphrase: each
// private file of the plain build is there once, under its name, and each
// document is byte for byte the plain build's. The calendar feeds alone
// are left out, in plain text and encrypted alike.
func TestEncryptedBuildOpens(t *testing.T) {
	if testing.Short() {
		t.Skip("derives keys at the real iteration count")
	}
	const pass = "coordinator correct horse battery"
	plainOut, encOut := t.TempDir(), t.TempDir()
	if _, err := Build(context.Background(), Options{Source: repoRoot, Output: plainOut, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	enc := &vault.Options{Passphrases: &vault.Passphrases{Coordinator: pass}}
	if _, err := Build(context.Background(), Options{Source: repoRoot, Output: encOut, AsOf: asOf, Encrypt: enc}); err != nil {
		t.Fatal(err)
	}
	plain, sealed := readTree(t, plainOut), readTree(t, encOut)
	kr, err := vault.ParseKeyring(sealed[PrivateDir+"/"+vault.KeyringFile])
	if err != nil {
		t.Fatal(err)
	}
	a, err := kr.Unlock(pass)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	docs := map[string][]byte{} // plain documents by base name
	for p, data := range plain {
		rel, ok := strings.CutPrefix(p, PrivateDir+"/")
		if d, same := sealed[p]; !ok || same && bytes.Equal(d, data) {
			continue // public files, stylesheets and the search script pass through
		}
		if site.IsFeed(rel) {
			continue // an encrypted site has no calendar feeds; below
		}
		want = append(want, path.Base(rel))
		if strings.HasPrefix(rel, "documents/") {
			docs[path.Base(rel)] = data
		}
	}
	for p, data := range sealed {
		rel, ok := strings.CutPrefix(p, PrivateDir+"/")
		if d, same := plain[p]; !ok || same && bytes.Equal(d, data) || rel == vault.KeyringFile || rel == vault.ScriptFile {
			continue
		}
		_, name, body, err := kr.Open(rel, data, a)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		got = append(got, name)
		if d, ok := docs[name]; ok && !bytes.Equal(d, body) {
			t.Errorf("document %s differs from the plain build's", name)
		}
	}
	for p, data := range sealed {
		if rel, ok := strings.CutPrefix(p, PrivateDir+"/"); ok && site.IsFeed(rel) || bytes.Contains(data, []byte("BEGIN:VCALENDAR")) {
			t.Errorf("%s: a calendar feed in the encrypted output", p)
		}
	}
	if !strings.Contains(string(plain[PrivateDir+"/"+site.FeedFile]), "BEGIN:VEVENT") {
		t.Error("the plain build has no feed with events: the test proves nothing of feeds")
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("encrypted files open as\n%v\nwant the plain build's private files\n%v", got, want)
	}
	if len(docs) == 0 {
		t.Error("the sample has no documents: the test proves nothing of them")
	}
}
