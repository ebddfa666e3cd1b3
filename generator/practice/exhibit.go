package practice

import (
	"crypto/sha256"

	"path"
	"strings"
)

// Exhibit is one file the coordinator considered for an issue, as the
// issue's exhibits key lists it: a file of the issue's exhibit folder,
// content/cases/<case-id>/exhibits/issue-<number>/. The list gives the order, and
// the order the labels: A, B, C, ... Z, AA, AB ...
//
// Issue files may write an exhibit as its file name alone
// (`- school-email.txt`), or as keys.
type Exhibit struct {
	File  string `pc:"file,required,shorthand"`
	Title string `pc:"title"`
	// Shareable lets the parents' portal carry the exhibit: without it
	// the copy and its listing are the coordinator's alone.
	Shareable bool `pc:"shareable"`

	Label string // "A" for the first exhibit listed, by ExhibitLabel
	// Path is the file, relative to the practice folder; "" when the
	// issue's exhibit folder has no such file (check reports it).
	Path   string
	Size   int64  // bytes
	SHA256 string // lowercase hex; "" when the file is missing
}

// Name is what lists call the exhibit: its title, or else its file name.
func (e *Exhibit) Name() string {
	if e.Title != "" {
		return e.Title
	}
	return e.File
}

// Found reports whether the exhibit's file was read and hashed.
func (e *Exhibit) Found() bool { return e.SHA256 != "" }

// Type names the exhibit's kind of file for people: "PDF", "PNG image",
// "JPEG image", "Email", "Text"; "" for a type pcdocket does not accept.
func (e *Exhibit) Type() string { return ExhibitType(e.File) }

// ExhibitType names the kind of an exhibit file by its extension, as
// Exhibit.Type; "" for a type pcdocket does not accept. The accepted
// types are the ones a court and a browser open without a plug-in: PDFs,
// PNG and JPEG images, emails saved as .eml and plain text (.txt, an
// email pasted or exported as text).
func ExhibitType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf":
		return "PDF"
	case ".png":
		return "PNG image"
	case ".jpg", ".jpeg":
		return "JPEG image"
	case ".eml":
		return "Email"
	case ".txt":
		return "Text"
	}
	return ""
}

// ExhibitExtensions lists the extensions ExhibitType accepts, for messages.
const ExhibitExtensions = ".pdf, .png, .jpg, .jpeg, .eml, .txt"

// ExhibitLabel returns the label of the i-th exhibit (from 0): A to Z,
// then AA, AB ... as spreadsheets number columns.
func ExhibitLabel(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// ExhibitFolder is the exhibit folder of one issue number,
// content/cases/<case-id>/exhibits/issue-<number>/, as read: every file in it,
// whether the issue lists it or not.
type ExhibitFolder struct {
	Number int
	Dir    string        // the folder, relative to the practice folder
	Files  []ExhibitFile // sorted by name
}

// ExhibitFile is one file of an exhibit folder.
type ExhibitFile struct {
	Name   string
	Size   int64
	SHA256 string // lowercase hex; "" for a file of a type not accepted, which is not read
}

// Path returns the file's path relative to the practice folder.
func (f ExhibitFile) Path(dir string) string { return dir + "/" + f.Name }

// ExhibitFolder returns the case's exhibit folder of issue number n, or nil.
func (c *Case) ExhibitFolder(n int) *ExhibitFolder {
	for _, f := range c.ExhibitFolders {
		if f.Number == n {
			return f
		}
	}
	return nil
}

// ResolveExhibits labels the issue's exhibits in the order listed and
// fills in each one's path, size and hash from the case's exhibit folder of
// the issue's number; an exhibit whose file is not there keeps an empty
// Path and hash.
func (is *Issue) ResolveExhibits() {
	var dir *ExhibitFolder
	if is.Case != nil {
		dir = is.Case.ExhibitFolder(is.Number)
	}
	for i := range is.Exhibits {
		e := &is.Exhibits[i]
		e.Label = ExhibitLabel(i)
		e.Path, e.Size, e.SHA256 = "", 0, ""
		if dir == nil {
			continue
		}
		for _, f := range dir.Files {
			if f.Name == e.File && f.SHA256 != "" {
				e.Path, e.Size, e.SHA256 = f.Path(dir.Dir), f.Size, f.SHA256
				break
			}
		}
	}
}

// Fingerprint is what sealing records of an issue (seal.Entry.SourceSum)
// and what a document's identifier is computed from: the fingerprint of
// the issue file (Src.Sum) and, when the issue lists exhibits, each
// exhibit's label, file name and SHA-256, so that an exhibit changed,
// renamed, reordered or removed after sealing is a changed source. An
// issue without exhibits has the fingerprint of its file alone, as before
// exhibits existed, so older seals still match.
func (is *Issue) Fingerprint() [32]byte {
	if len(is.Exhibits) == 0 {
		return is.Src.DocumentSum()
	}
	h := sha256.New()
	h.Write([]byte("pcdocket-exhibits/1\x00"))
	src := is.Src.DocumentSum() // without noncompliance events recorded after the document
	h.Write(src[:])
	for _, e := range is.Exhibits {
		h.Write([]byte(e.Label + "\x00" + e.File + "\x00" + e.SHA256 + "\x00"))
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// ShortHash returns the first 12 hex digits of a SHA-256 in hex, for
// tables where the whole does not fit; "" for "".
func ShortHash(sum string) string {
	if len(sum) > 12 {
		return sum[:12]
	}
	return sum
}
