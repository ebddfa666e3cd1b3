package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"pcdocket/generator/practice"
)

// EnvPassphrase is the environment variable that holds the coordinator's
// passphrase.
const EnvPassphrase = "PCDOCKET_PASSPHRASE"

// Passphrase rules; see CheckStrength.
const (
	MinLength   = 12 // characters (Unicode code points), not bytes
	MinDistinct = 6  // different characters, so "aaaaaaaaaaaa" is refused
)

// Passphrases are the secrets of an encrypted build: the coordinator's,
// which opens everything, and each parent's, which opens only that
// parent's case. They are read from the environment and from a keys file
// outside the practice folder, never from the practice itself, and never
// written to the output.
type Passphrases struct {
	Coordinator string             `json:"coordinator,omitempty"`
	Cases       map[string]Parents `json:"cases,omitempty"` // by case id
}

// Parents holds the two parents' passphrases for one case. Either may be
// empty: that parent then has no access to the encrypted site.
type Parents struct {
	ParentA string `json:"parent_a,omitempty"`
	ParentB string `json:"parent_b,omitempty"`
}

// LoadPassphrases reads the coordinator's passphrase from getenv(EnvPassphrase)
// and, when keysFile is not empty, the keys file (see ReadKeysFile). The
// coordinator's passphrase must come from exactly one of the two.
// practiceDir is the practice folder, which the keys file must be outside of.
func LoadPassphrases(keysFile, practiceDir string, getenv func(string) string) (*Passphrases, error) {
	ps := &Passphrases{}
	if keysFile != "" {
		var err error
		if ps, err = ReadKeysFile(keysFile, practiceDir); err != nil {
			return nil, err
		}
	}
	if env := getenv(EnvPassphrase); env != "" {
		if ps.Coordinator != "" {
			return nil, fmt.Errorf("the coordinator's passphrase is set both in %s and in %s; keep one", EnvPassphrase, keysFile)
		}
		ps.Coordinator = env
	}
	if ps.Coordinator == "" {
		return nil, fmt.Errorf("no coordinator passphrase: set %s or put \"coordinator\" in a keys file named with --keys", EnvPassphrase)
	}
	// Refuse weak passphrases now, before an expensive build; the case ids
	// are checked against the practice when it has been read.
	if err := ps.Validate(nil); err != nil {
		return nil, err
	}
	return ps, nil
}

// ReadKeysFile reads a keys file: JSON of the form
//
//	{"coordinator": "…", "cases": {"<case-id>": {"parent_a": "…", "parent_b": "…"}}}
//
// It refuses a file inside practiceDir (which holds content/ and is often
// under version control or synced): secrets must live elsewhere.
func ReadKeysFile(path, practiceDir string) (*Passphrases, error) {
	if inside, err := within(path, practiceDir); err != nil {
		return nil, fmt.Errorf("keys file %s: %w", path, err)
	} else if inside {
		abs, _ := filepath.Abs(practiceDir)
		return nil, fmt.Errorf("keys file %s is inside the practice folder %s: keep passphrases outside it, where they cannot be committed, synced or published with the practice", path, abs)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("keys file: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var ps Passphrases
	if err := dec.Decode(&ps); err != nil {
		// The decoder's messages quote types and field names, never values.
		return nil, fmt.Errorf("keys file %s: %v", path, err)
	}
	return &ps, nil
}

// within reports whether path is dir or lies under it, after resolving
// symbolic links, so a link into the practice folder is caught too.
func within(path, dir string) (bool, error) {
	abs := func(p string) (string, error) {
		a, err := filepath.Abs(p)
		if err != nil {
			return "", err
		}
		if r, err := filepath.EvalSymlinks(a); err == nil {
			return r, nil
		}
		// A missing file: resolve its folder, so the error about the file
		// itself comes from reading it.
		if r, err := filepath.EvalSymlinks(filepath.Dir(a)); err == nil {
			return filepath.Join(r, filepath.Base(a)), nil
		}
		return a, nil
	}
	p, err := abs(path)
	if err != nil {
		return false, err
	}
	d, err := abs(dir)
	if err != nil {
		return false, err
	}
	rel, err := filepath.Rel(d, p)
	if err != nil {
		return false, nil // different volumes
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))), nil
}

// CheckStrength refuses a passphrase that is too weak to stand up to an
// offline guessing attack on a copied site: fewer than MinLength characters
// or fewer than MinDistinct different ones. The error never quotes the
// passphrase.
func CheckStrength(pass string) error {
	if !utf8.ValidString(pass) {
		return errors.New("is not valid UTF-8")
	}
	n := utf8.RuneCountInString(pass)
	if n < MinLength {
		return fmt.Errorf("is too short (%d characters; use at least %d, e.g. four or five unrelated words)", n, MinLength)
	}
	if strings.TrimSpace(pass) != pass {
		return errors.New("starts or ends with white space, which is easy to lose when typing it")
	}
	distinct := map[rune]bool{}
	for _, r := range pass {
		distinct[r] = true
	}
	if len(distinct) < MinDistinct {
		return fmt.Errorf("is too repetitive (%d different characters; use at least %d)", len(distinct), MinDistinct)
	}
	return nil
}

// Validate checks every passphrase against p: each is strong enough, each
// names a case that exists, and no two holders share one (a shared
// passphrase would open both holders' cases). A nil p skips the case ids.
func (ps *Passphrases) Validate(p *practice.Practice) error {
	if ps == nil || ps.Coordinator == "" {
		return fmt.Errorf("no coordinator passphrase: set %s or put \"coordinator\" in the keys file", EnvPassphrase)
	}
	known := map[string]bool{}
	if p != nil {
		for _, c := range p.Cases {
			known[c.ID] = true
		}
	}
	var errs []error
	seen := map[string]string{}
	check := func(who, pass string) {
		if pass == "" {
			return
		}
		if err := CheckStrength(pass); err != nil {
			errs = append(errs, fmt.Errorf("passphrase of %s %w", who, err))
			return
		}
		if other, dup := seen[pass]; dup {
			errs = append(errs, fmt.Errorf("passphrase of %s is the same as that of %s; every holder needs their own", who, other))
			return
		}
		seen[pass] = who
	}
	check("the coordinator", ps.Coordinator)
	ids := make([]string, 0, len(ps.Cases))
	for id := range ps.Cases {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if p != nil && !known[id] {
			errs = append(errs, fmt.Errorf("keys file names case %q, which the practice does not have", id))
			continue
		}
		check("parent_a of case "+id, ps.Cases[id].ParentA)
		check("parent_b of case "+id, ps.Cases[id].ParentB)
	}
	return errors.Join(errs...)
}
