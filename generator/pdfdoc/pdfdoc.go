// Package pdfdoc assembles the written documents of a parenting coordination
// practice: a determination (or, under an appointment that only recommends,
// a recommendation) and a memorandum of agreement, one PDF per issue whose
// outcome is documented.
//
// Documents are deterministic: the same issue, case and practice give the
// same bytes, because every date in the file derives from the outcome and the
// catalog is written in sorted order. That is what lets package seal compare
// a rebuilt document with the one that was served.
//
// The serif family is embedded as simple TrueType fonts prepared once per
// Assembler (font.go), and every string reaches fpdf through the text layer
// in text.go, which measures, breaks lines and switches between a face's
// planes. fpdf's own UTF-8 font path re-parsed and re-subset each face in
// every document and was nine tenths of a document's cost.
package pdfdoc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"pcdocket/generator/markup"
	"pcdocket/generator/practice"
)

// FontDir is the folder of the template file system that holds the serif
// family embedded in every document.
const FontDir = "documents/fonts"

// fontFiles names the family's faces by fpdf style ("", "B", "I", "BI").
var fontFiles = [...]struct{ style, file string }{
	{"", "LiberationSerif-Regular.ttf"},
	{"B", "LiberationSerif-Bold.ttf"},
	{"I", "LiberationSerif-Italic.ttf"},
	{"BI", "LiberationSerif-BoldItalic.ttf"},
}

// faceNames tell the faces apart in embedded file names.
var faceNames = [...]string{"R", "B", "I", "BI"}

// family is the name documents use for the embedded serif.
const family = "serif"

// Assembler builds documents. It holds the font files, read once, and is
// safe for concurrent use: each Document call has its own fpdf instance.
type Assembler struct {
	md    *markup.Markdown
	faces [len(fontFiles)]*face
}

// New returns an Assembler whose fonts come from tmpl (usually
// templates.Overlay(practiceDir+"/templates"), so that a practice may swap
// the family) and whose Markdown parser is md.
func New(tmpl fs.FS, md *markup.Markdown) (*Assembler, error) {
	if md == nil {
		md = markup.New()
	}
	a := &Assembler{md: md}
	for i, ff := range fontFiles {
		b, err := fs.ReadFile(tmpl, FontDir+"/"+ff.file)
		if err != nil {
			return nil, fmt.Errorf("pdfdoc: font: %w", err)
		}
		// fpdf prints (rather than returns) a font it cannot parse, so
		// check the header here and give the caller a proper error.
		if len(b) < 12 || !(bytes.HasPrefix(b, []byte{0, 1, 0, 0}) || bytes.HasPrefix(b, []byte("true"))) {
			return nil, fmt.Errorf("pdfdoc: font %s/%s is not a TrueType font", FontDir, ff.file)
		}
		fc, err := newFace(b, faceNames[i])
		if err != nil {
			return nil, fmt.Errorf("pdfdoc: font %s/%s: %w", FontDir, ff.file, err)
		}
		a.faces[i] = fc
	}
	return a, nil
}

// DocumentID is the short identifier printed on a document so that a reader
// can look it up: "PCD-<court case no>-<kind letter><number>-<hash>", for
// example "PCD-FC-2025-0387-D3-1a2b3c4d". The hash covers the case id, kind,
// number and the issue's source, so an edited issue gets a new identifier.
func DocumentID(is *practice.Issue) string {
	kind := is.DocumentKind()
	letter := "X"
	switch kind {
	case "determination":
		letter = "D"
	case "recommendation":
		letter = "R"
	case "agreement":
		letter = "A"
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00", is.Case.ID, kind, is.Number)
	h.Write(is.Src.Sum[:])
	sum := h.Sum(nil)
	ref := idPart(is.Case.CourtCaseNo)
	if ref == "" {
		ref = idPart(is.Case.ID)
	}
	return fmt.Sprintf("PCD-%s-%s%d-%s", ref, letter, is.Number, hex.EncodeToString(sum[:4]))
}

// idPart keeps the letters, digits and hyphens of s, upper-cased, so that the
// identifier survives copying by hand.
func idPart(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToUpper(s) {
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// Document assembles the PDF for is, which must be Documented.
func (a *Assembler) Document(p *practice.Practice, is *practice.Issue) ([]byte, error) {
	if is == nil || is.Case == nil {
		return nil, fmt.Errorf("pdfdoc: issue without a case")
	}
	if !is.Documented() {
		return nil, fmt.Errorf("pdfdoc: %s: outcome %q produces no document", is.ID(), is.Status())
	}
	d := a.newDoc(p, is)
	switch is.DocumentKind() {
	case "agreement":
		d.agreement()
	default:
		d.determination()
	}
	var buf bytes.Buffer
	buf.Grow(64 << 10)
	if err := d.f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdfdoc: %s: %w", is.ID(), err)
	}
	return buf.Bytes(), nil
}

// newDoc sets up an fpdf instance: page, fonts, metadata, header and footer.
func (a *Assembler) newDoc(p *practice.Practice, is *practice.Issue) *doc {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", SizeStr: "Letter"})
	d := &doc{
		f:     f,
		a:     a,
		p:     p,
		is:    is,
		c:     is.Case,
		dl:    is.Case.Deadlines(p),
		id:    DocumentID(is),
		title: is.DocumentTitle(),
	}
	// Faces and planes are added when first used (see doc.plane): fpdf
	// embeds every font it was given, used or not.
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(true, marginB)
	f.SetCellMargin(0)
	f.AliasNbPages("{nb}")
	f.SetCatalogSort(true)
	f.SetCompression(false)
	// Fixed dates: the outcome's date, so that a rebuild is byte-identical
	// and the file's metadata says when the decision was made.
	t := is.Outcome.On.Time()
	f.SetCreationDate(t)
	f.SetModificationDate(t)
	f.SetTitle(d.title, true)
	author := p.Coordinator.Name
	if p.Coordinator.Credentials != "" {
		author += ", " + p.Coordinator.Credentials
	}
	f.SetAuthor(author, true)
	f.SetSubject(fmt.Sprintf("%s, Case No. %s: %s", d.c.Title, d.c.CourtCaseNo, is.Title), true)
	f.SetKeywords(d.id, true)
	f.SetCreator("pcdocket", true)
	f.SetProducer("pcdocket", true)
	f.SetLang("en-US")
	f.SetHeaderFuncMode(d.header, false)
	f.SetFooterFunc(d.footer)
	f.AddPage()
	return d
}
