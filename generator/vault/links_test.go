package vault_test

import (
	"fmt"
	"strings"
	"testing"

	"pcdocket/generator/vault"
)

// Every personal link names the slot its parent's passphrase opens, and
// that slot leads to the parent's own case.
func TestPersonalLinks(t *testing.T) {
	p := twoCases()
	ps := passphrases()
	files, kr := sealed(t)
	links := vault.PersonalLinks(p, ps)
	if got := fmt.Sprint(links); got != "[alpha parent_a: index.html#slot=1 bravo parent_a: index.html#slot=2 bravo parent_b: index.html#slot=3]" {
		t.Errorf("links = %s", got)
	}
	if len(links) != len(kr.Slots)-1 {
		t.Fatalf("%d links for %d slots: every slot but the coordinator's needs one", len(links), len(kr.Slots))
	}
	for _, l := range links {
		pass := ps.Cases[l.Case].ParentA
		if l.Parent == "parent_b" {
			pass = ps.Cases[l.Case].ParentB
		}
		a, err := kr.UnlockSlot(pass, l.Slot)
		if err != nil {
			t.Errorf("%s: its passphrase does not open slot %d: %v", l, l.Slot, err)
			continue
		}
		_, _, home, err := kr.Open(a.Home, files[a.Home], a)
		want := map[string]string{"alpha": ">Alpha issue<", "bravo": ">PDF<"}[l.Case]
		if err != nil || !strings.Contains(string(home), want) {
			t.Errorf("%s: slot %d's home page %q (%v) is not the case's page (%s)", l, l.Slot, home, err, want)
		}
		// The slot is the parent's own: another parent's passphrase is refused.
		for _, other := range links {
			if other.Slot == l.Slot {
				continue
			}
			if _, err := kr.UnlockSlot(pass, other.Slot); err == nil {
				t.Errorf("%s's passphrase opens slot %d too", l, other.Slot)
			}
		}
	}
	if _, err := kr.UnlockSlot(coordPass, 99); err == nil {
		t.Error("UnlockSlot(99): no error for a slot the keyring lacks")
	}
}

// A passphrase typed with decomposed characters (e + combining acute)
// opens a site keyed with the composed ones (é), and the other way round;
// and two holders cannot share one passphrase by spelling it differently.
func TestPassphraseNFC(t *testing.T) {
	const composed = "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e"       // é, è, û as one code point each
	const decomposed = "cafe\u0301 cre\u0300me bru\u0302le\u0301e" // e, u + combining accents
	if composed == decomposed {
		t.Fatal("fixture: the two spellings must differ byte for byte")
	}
	p := twoCases()
	ps := &vault.Passphrases{Coordinator: coordPass, Cases: map[string]vault.Parents{
		"alpha": {ParentA: composed},
		"bravo": {ParentA: bPass + " " + decomposed},
	}}
	out, err := vault.Encrypt(p, siteFiles(t, p), vault.WithIterations(vault.Options{Passphrases: ps}, fastIter))
	if err != nil {
		t.Fatal(err)
	}
	var kr *vault.Keyring
	for _, f := range out {
		if f.Path == vault.KeyringFile {
			if kr, err = vault.ParseKeyring(f.Data); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tt := range []struct {
		typed string
		slot  int
	}{
		{decomposed, 1},
		{composed, 1},
		{bPass + " " + composed, 2},
	} {
		if _, err := kr.UnlockSlot(tt.typed, tt.slot); err != nil {
			t.Errorf("%+q does not open slot %d: %v", tt.typed, tt.slot, err)
		}
		if a, err := kr.Unlock(tt.typed); err != nil || a.Role != "parent" {
			t.Errorf("Unlock(%+q) = %v, %v; want the parent's access", tt.typed, a, err)
		}
	}

	shared := &vault.Passphrases{Coordinator: coordPass, Cases: map[string]vault.Parents{
		"alpha": {ParentA: composed},
		"bravo": {ParentA: decomposed},
	}}
	if err := shared.Validate(p); err == nil || !strings.Contains(err.Error(), "same as that of") {
		t.Errorf("Validate with one passphrase spelled two ways = %v, want it refused as shared", err)
	}
}
