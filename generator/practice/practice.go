// Package practice defines the model of a parenting coordination practice:
// its settings, its cases, the disputes (issues) raised in each case, and the
// public pages. It is the bottom of pcdocket's dependency graph: parsing fills
// it, checking reads it, rendering and document assembly draw from it.
//
// Struct tags of the form `pc:"key"` name each field's front matter key;
// `pc:"key,required"` marks a key the file must have. A struct field may
// also be written as a plain scalar when one of its own fields is tagged
// `pc:"key,shorthand"`: the scalar fills that field (counsel: "A. Name"
// means counsel.name). The decoder in package parse reads the tags, so they
// are the single statement of the file format.
package practice

import "sort"

// Practice is a whole practice folder.
type Practice struct {
	Name string `pc:"name,required"`
	// Coordinator is the practice's coordinator, or, in a practice of
	// several, the one who acts in a case that names none. check requires
	// it or Coordinators.
	Coordinator Coordinator `pc:"coordinator"`
	// Coordinators are the practice's other coordinators, each with an
	// id a case names in its coordinator key; see CoordinatorOf.
	Coordinators []Coordinator `pc:"coordinators"`
	Public       PublicSite    `pc:"public"`
	Timezone     string        `pc:"timezone"`
	Rules        Rules         `pc:"rules"`
	Ledger       Ledger        `pc:"ledger"`

	// Jurisdiction is the code of the jurisdiction profile whose rules
	// apply to every case that names none ("CO", "TX", ...); empty means
	// DefaultJurisdiction.
	Jurisdiction string `pc:"jurisdiction"`
	// Holidays are the practice's own court-closure days, added to the
	// profile's holidays when deadlines are counted in court days.
	Holidays []Date `pc:"holidays"`

	// Language is the language tag the documents declare (/Lang of the
	// PDF), such as "en-US"; empty means "en-US".
	Language string `pc:"language"`

	// LocalJurisdictions are the codes of the override files
	// jurisdictions/<CODE>.yaml in the practice folder, sorted. Package
	// parse lists them; a case may name one as if it were built in.
	LocalJurisdictions []string
	Limits             Limits `pc:"limits"`
	// Documents says how documents are made; see DocumentsConfig.
	Documents DocumentsConfig `pc:"documents"`

	Cases []*Case // sorted by ID
	Pages []*Page // public pages, sorted by Weight then Slug

	Src Source // practice.yaml
}

// Coordinator is the parenting coordinator who signs documents.
type Coordinator struct {
	// ID names the coordinator in a case's coordinator key and in the
	// file name of the coordinator's signing key (keys/<id>.p12); it is
	// required in coordinators and optional in coordinator.
	ID          string   `pc:"id"`
	Name        string   `pc:"name,required"`
	Credentials string   `pc:"credentials"`
	Email       string   `pc:"email"`
	Phone       string   `pc:"phone"`
	Address     []string `pc:"address"`
}

// PublicSite holds the settings of the public service site.
type PublicSite struct {
	BaseURL string `pc:"base_url"`
}

// Ledger holds the settings of the sealed documents' ledgers.
type Ledger struct {
	// PublicKey pins the practice's ledger signing key, "ed25519:" and the
	// key in standard base64, as `pcdocket keygen` prints it. When it is
	// set, every ledger entry must carry a signature by the matching
	// private key; empty means the ledgers are unsigned, and only version
	// control protects them from a rewrite.
	PublicKey string `pc:"public_key"`
}

// Rules are the practice's deadlines, in days. A nil field in a case's
// override means "use the practice's value".
type Rules struct {
	DecisionDays  *int `pc:"decision_days"`
	ObjectionDays *int `pc:"objection_days"`
	FilingDays    *int `pc:"filing_days"`
}

// Default deadlines, used where neither the practice nor the case sets one.
const (
	DefaultDecisionDays  = 10
	DefaultObjectionDays = 10
	DefaultFilingDays    = 0
)

// Deadlines are rules with every value resolved.
type Deadlines struct {
	DecisionDays  int // a determination is due this many days after the record closes
	ObjectionDays int // days after service in which a party may object
	FilingDays    int // days after service to file with the court; 0 = not filed
}

// Resolve layers rules over base: a field set in r wins.
func (r Rules) Resolve(base Deadlines) Deadlines {
	if r.DecisionDays != nil {
		base.DecisionDays = *r.DecisionDays
	}
	if r.ObjectionDays != nil {
		base.ObjectionDays = *r.ObjectionDays
	}
	if r.FilingDays != nil {
		base.FilingDays = *r.FilingDays
	}
	return base
}

// DefaultJurisdiction is the profile of a practice or case that names none:
// no state's particular rules, deadlines counted in calendar days.
const DefaultJurisdiction = "generic"

// JurisdictionCode returns the practice's jurisdiction code, or
// DefaultJurisdiction when practice.yaml names none.
func (p *Practice) JurisdictionCode() string {
	if p.Jurisdiction != "" {
		return p.Jurisdiction
	}
	return DefaultJurisdiction
}

// IsHoliday reports whether d is one of the practice's own holidays.
func (p *Practice) IsHoliday(d Date) bool {
	for _, h := range p.Holidays {
		if h == d {
			return true
		}
	}
	return false
}

// Deadlines returns the practice-wide deadlines.
func (p *Practice) Deadlines() Deadlines {
	return p.Rules.Resolve(Deadlines{DefaultDecisionDays, DefaultObjectionDays, DefaultFilingDays})
}

// Limits bound what pcdocket reads from the practice folder, so that one
// mistaken file (a log, a video renamed .md) cannot exhaust memory or turn
// into a document of thousands of pages.
type Limits struct {
	// MaxFileBytes is the largest file read, in bytes; nil means
	// DefaultMaxFileBytes. practice.yaml itself is read with the default,
	// as the limit is not known before it is read.
	MaxFileBytes *int `pc:"max_file_bytes"`
	// MaxExhibitBytes is the largest exhibit file, in bytes; nil means
	// DefaultMaxExhibitBytes. Exhibits have a limit of their own: a
	// scanned letter is larger than any Markdown file should be, and an
	// exhibit is hashed as it streams, never held whole while the practice
	// is read.
	MaxExhibitBytes *int `pc:"max_exhibit_bytes"`
}

// DocumentsConfig is practice.yaml's documents key.
type DocumentsConfig struct {
	// Fonts are font files (.ttf, .ttc) or folders of them, relative to
	// the practice folder, searched in order before the system's fonts for
	// a character the documents' serif family cannot draw (package
	// fontstack).
	Fonts []string `pc:"fonts"`
}

// DefaultMaxFileBytes is the size limit of a file of the practice when
// practice.yaml sets none: 4 MiB, a hundred times a long issue file.
const DefaultMaxFileBytes = 4 << 20

// MaxFileBytes returns the size limit of a file of the practice: the one
// practice.yaml sets when it is positive, DefaultMaxFileBytes otherwise.
// A nil practice (practice.yaml unreadable) has the default.
func (p *Practice) MaxFileBytes() int64 {
	if p == nil || p.Limits.MaxFileBytes == nil || *p.Limits.MaxFileBytes <= 0 {
		return DefaultMaxFileBytes
	}
	return int64(*p.Limits.MaxFileBytes)
}

// DefaultMaxExhibitBytes is the size limit of an exhibit when practice.yaml
// sets none: 32 MiB, a long scanned document. The build copies each
// exhibit into the private site (and, encrypting, holds it in memory), so
// the limit still bounds what one file can cost.
const DefaultMaxExhibitBytes = 32 << 20

// MaxExhibitBytes returns the size limit of an exhibit: the one
// practice.yaml sets when it is positive, DefaultMaxExhibitBytes otherwise.
func (p *Practice) MaxExhibitBytes() int64 {
	if p == nil || p.Limits.MaxExhibitBytes == nil || *p.Limits.MaxExhibitBytes <= 0 {
		return DefaultMaxExhibitBytes
	}
	return int64(*p.Limits.MaxExhibitBytes)
}

// Case returns the case with the given id, or nil.
func (p *Practice) Case(id string) *Case {
	i := sort.Search(len(p.Cases), func(i int) bool { return p.Cases[i].ID >= id })
	if i < len(p.Cases) && p.Cases[i].ID == id {
		return p.Cases[i]
	}
	return nil
}

// Issues returns every issue of every case, in case then number order.
func (p *Practice) Issues() []*Issue {
	var all []*Issue
	for _, c := range p.Cases {
		all = append(all, c.Issues...)
	}
	return all
}

// Page is a public page: content/public/<slug>.md.
type Page struct {
	Slug        string // file name without .md; "index" is the home page
	Title       string `pc:"title,required"`
	Description string `pc:"description"`
	Weight      int    `pc:"weight"`
	Menu        *bool  `pc:"menu"`
	Body        string
	Src         Source
}

// InMenu reports whether the page belongs in the site navigation (default yes).
func (pg *Page) InMenu() bool { return pg.Menu == nil || *pg.Menu }

// SortCases orders cases by id and each case's issues by number; parsers call
// it so that every consumer sees the same order and output is deterministic.
func (p *Practice) SortCases() {
	sort.Slice(p.Cases, func(i, j int) bool { return p.Cases[i].ID < p.Cases[j].ID })
	for _, c := range p.Cases {
		sort.SliceStable(c.Issues, func(i, j int) bool {
			a, b := c.Issues[i], c.Issues[j]
			if a.Number != b.Number {
				return a.Number < b.Number
			}
			return a.Src.File < b.Src.File
		})
	}
	sort.SliceStable(p.Pages, func(i, j int) bool {
		if p.Pages[i].Weight != p.Pages[j].Weight {
			return p.Pages[i].Weight < p.Pages[j].Weight
		}
		return p.Pages[i].Slug < p.Pages[j].Slug
	})
}
