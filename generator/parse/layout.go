package parse

import (
	"strings"

	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

// The practice folder's layout is known here and nowhere else: the reader
// below walks it, and every other package (the watcher, the incremental
// builder, the seal ledger, the misplaced-file check) asks Classify what a
// path is instead of taking it apart itself.
//
//	practice.yaml
//	jurisdictions/<CODE>.yaml
//	templates/...
//	content/public/<slug>.md
//	content/cases/<case-id>/case.md
//	content/cases/<case-id>/issues/<name>.md
//	content/cases/<case-id>/sealed/ledger.yaml and the sealed PDFs
//	content/cases/<case-id>/fees.txt (the fee ledger)
//	content/cases/<case-id>/log.txt (the communications and session log)
//	content/cases/<case-id>/exhibits/issue-<number>/<file> (the issue's exhibits)
//	content/cases/<case-id>/exhibits/... (anything else: the case's own papers, not read)

// Paths inside a case folder, content/cases/<case-id>/.
const (
	SealedDir     = "sealed"         // package seal's sealed documents and their ledger
	SealLedger    = "ledger.yaml"    // the seal ledger, inside SealedDir
	FeeLedgerFile = practice.FeeFile // the fee ledger, fees.txt
	LogFile       = practice.LogFile // the communications and session log, log.txt
	ExhibitsDir   = "exhibits"       // the issues' exhibits, exhibits/issue-<number>/ (exhibits.go); anything else in it is not read
	TemplatesDir  = "templates"      // a practice's template overrides
	ContentDir    = "content"        // the cases and the public pages
)

// A Kind says what a path in a practice folder is to pcdocket.
type Kind uint8

// The kinds of path, from Classify.
const (
	KindOutside      Kind = iota // not an input: the output folder, .git/, notes beside the practice
	KindScratch                  // an editor's or the system's scratch file, or anything in a dot-folder (sourcefile.Scratch)
	KindFolder                   // a folder that holds many inputs: the practice folder, content/, content/cases/
	KindPractice                 // practice.yaml
	KindJurisdiction             // jurisdictions/ and the override files in it
	KindTemplate                 // templates/ and everything in it
	KindPublic                   // content/public/, or a file in it that is not a page (ReadPages reports it)
	KindPage                     // a public page, content/public/<slug>.md
	KindCaseFolder               // a case folder, content/cases/<case-id>
	KindCase                     // a case file, content/cases/<case-id>/case.md
	KindIssues                   // a case's issues/ folder
	KindIssue                    // an issue file, content/cases/<case-id>/issues/<name>.md
	KindSealed                   // a case's sealed/ folder, or a sealed document in it
	KindSealLedger               // a case's seal ledger, sealed/ledger.yaml
	KindFeeLedger                // a case's fee ledger, fees.txt
	KindExhibit                  // a case's exhibits/ folder, or anything in it (an issue's exhibit, or a paper not read)
	KindStray                    // any other path under content/: pcdocket reads it only to report it as misplaced
	KindLog                      // a case's communications and session log, log.txt
)

var kindNames = [...]string{
	KindOutside:      "outside",
	KindScratch:      "scratch",
	KindFolder:       "folder",
	KindPractice:     "practice",
	KindJurisdiction: "jurisdiction",
	KindTemplate:     "template",
	KindPublic:       "public",
	KindPage:         "page",
	KindCaseFolder:   "case folder",
	KindCase:         "case",
	KindIssues:       "issues",
	KindIssue:        "issue",
	KindSealed:       "sealed",
	KindSealLedger:   "seal ledger",
	KindFeeLedger:    "fee ledger",
	KindExhibit:      "exhibit",
	KindStray:        "stray",
	KindLog:          "log",
}

// String returns the kind's name, for messages and tests.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Input reports whether a change to a path of this kind can change what
// pcdocket builds or reports: everything but KindOutside and KindScratch.
func (k Kind) Input() bool { return k != KindOutside && k != KindScratch }

// A Place is what Classify says of a path.
type Place struct {
	Kind Kind
	// Case is the id of the case folder the path is in, or is, for the
	// kinds from KindCaseFolder on; "" elsewhere, and for a stray outside
	// any case folder. It is always a valid id (ValidID): a folder under
	// content/cases/ with a bad name is a KindStray with no case.
	Case string
}

// Classify says what rel, a slash path relative to the practice folder
// ("content/cases/x/case.md"; "" or "." for the folder itself), is to
// pcdocket. It looks at the path alone, never at the disk, so it also
// classifies a path that was just deleted; for the same reason a file
// named like a case folder (content/cases/notes) is a KindCaseFolder.
//
// A path with any element that is scratch (sourcefile.Scratch: editors'
// temporaries, dotfiles, dot-folders) below the practice's own folders is
// KindScratch: the reader skips such names at every level, so nothing in
// them is ever read.
func Classify(rel string) Place {
	if rel == "" || rel == "." {
		return Place{Kind: KindFolder}
	}
	parts := strings.Split(rel, "/")
	switch parts[0] {
	case PracticeFile:
		if len(parts) == 1 {
			return Place{Kind: KindPractice}
		}
		return Place{Kind: KindOutside}
	case JurisdictionsDir, TemplatesDir, ContentDir:
	default:
		return Place{Kind: KindOutside}
	}
	for _, p := range parts[1:] {
		if sourcefile.Scratch(p) {
			return Place{Kind: KindScratch}
		}
	}
	switch parts[0] {
	case JurisdictionsDir:
		return Place{Kind: KindJurisdiction}
	case TemplatesDir:
		return Place{Kind: KindTemplate}
	}
	// content/...
	if len(parts) == 1 {
		return Place{Kind: KindFolder}
	}
	switch parts[1] {
	case "public": // PublicDir
		if len(parts) == 3 && strings.HasSuffix(parts[2], ".md") {
			return Place{Kind: KindPage}
		}
		return Place{Kind: KindPublic}
	case "cases": // CasesDir
		if len(parts) == 2 {
			return Place{Kind: KindFolder}
		}
		return classifyInCase(parts[2], parts[3:])
	}
	return Place{Kind: KindStray}
}

// classifyInCase classifies rest, a path inside the case folder id.
func classifyInCase(id string, rest []string) Place {
	if !ValidID(id) {
		return Place{Kind: KindStray} // parse reports the folder's name
	}
	at := Place{Case: id}
	switch {
	case len(rest) == 0:
		at.Kind = KindCaseFolder
	case rest[0] == CaseFile && len(rest) == 1:
		at.Kind = KindCase
	case rest[0] == FeeLedgerFile && len(rest) == 1:
		at.Kind = KindFeeLedger
	case rest[0] == LogFile && len(rest) == 1:
		at.Kind = KindLog
	case rest[0] == IssuesDir && len(rest) == 1:
		at.Kind = KindIssues
	case rest[0] == IssuesDir && len(rest) == 2 && strings.HasSuffix(rest[1], ".md"):
		at.Kind = KindIssue
	case rest[0] == SealedDir && len(rest) == 2 && rest[1] == SealLedger:
		at.Kind = KindSealLedger
	case rest[0] == SealedDir:
		at.Kind = KindSealed
	case rest[0] == ExhibitsDir:
		at.Kind = KindExhibit
	default:
		at.Kind = KindStray
	}
	return at
}

// CaseDir returns the folder of case id, content/cases/<id>.
func CaseDir(id string) string { return CasesDir + "/" + id }

// SealedPath returns the path of name in case id's sealed/ folder;
// SealedPath(id, SealLedger) is the case's seal ledger.
func SealedPath(id, name string) string { return CaseDir(id) + "/" + SealedDir + "/" + name }
