package vault

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"golang.org/x/text/unicode/norm"

	"pcdocket/generator/practice"
)

// normalize returns pass in Unicode Normalization Form C. The same
// passphrase can arrive as different code points: "é" typed on one
// keyboard is one code point, pasted from another source it may be "e"
// and a combining accent. Keys are derived from the NFC form, here and in
// vault.js (String.prototype.normalize("NFC")), so both spellings open the
// same slot.
func normalize(pass string) string {
	return norm.NFC.String(pass)
}

// SlotParam is the name of the URL fragment parameter of a personal link:
// index.html#slot=3 tells the entry page which keyring slot to try first.
const SlotParam = "slot"

// A PersonalLink is a parent's way into the encrypted site: the entry page
// with their keyring slot named in the URL fragment, so that the browser
// derives one key from their passphrase instead of trying every slot of
// the practice in turn (about 90 ms each: minutes at 500 families). The
// fragment never leaves the browser; what it tells whoever sees the link
// is said in docs/encryption.md.
type PersonalLink struct {
	Case   string // case id
	Parent string // "parent_a" or "parent_b"
	Slot   int    // index in the keyring's slots
}

// Href is the link from the site's root: "index.html#slot=3".
func (l PersonalLink) Href() string {
	return EntryFile + "#" + SlotParam + "=" + strconv.Itoa(l.Slot)
}

// String describes the link for the coordinator's list.
func (l PersonalLink) String() string {
	return fmt.Sprintf("%s %s: %s", l.Case, l.Parent, l.Href())
}

// PersonalLinks returns the personal link of every parent who holds a
// passphrase, in slot order. The slots are laid out as Encrypt lays them out:
// slot 0 is the coordinator's, then each case in the practice's order has
// one slot for parent_a and one for parent_b, when they hold a passphrase.
// A link therefore stays right from build to build while the cases and
// their holders stay the same; when it is out of date the entry page
// still opens the site, trying every slot.
func PersonalLinks(p *practice.Practice, ps *Passphrases) []PersonalLink {
	if p == nil || ps == nil {
		return nil
	}
	var links []PersonalLink
	slot := 1
	for _, c := range p.Cases {
		pp := ps.Cases[c.ID]
		for _, h := range []struct{ who, pass string }{{"parent_a", pp.ParentA}, {"parent_b", pp.ParentB}} {
			if h.pass == "" {
				continue
			}
			links = append(links, PersonalLink{Case: c.ID, Parent: h.who, Slot: slot})
			slot++
		}
	}
	return links
}

// UnlockSlot tries pass against slot i of the keyring only, as the entry
// page does first when it is opened through a personal link.
func (kr *Keyring) UnlockSlot(pass string, i int) (*Access, error) {
	if i < 0 || i >= len(kr.Slots) {
		return nil, fmt.Errorf("keyring: no slot %d (it has %d)", i, len(kr.Slots))
	}
	s := kr.Slots[i]
	kek, err := derive(pass, s.Salt, kr.Iterations)
	if err != nil {
		return nil, err
	}
	b, err := open(kek, s.Nonce, s.Data, slotAAD(kr.Build, i))
	if errors.Is(err, errAuth) {
		return nil, ErrWrongPassphrase
	}
	if err != nil {
		return nil, err
	}
	var a Access
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("keyring slot %d: %w", i, err)
	}
	return &a, nil
}
