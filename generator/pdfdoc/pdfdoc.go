// Package pdfdoc renders the written documents of a parenting coordination
// practice as PDF: a determination (or, under an appointment that only
// recommends, a recommendation) and a memorandum of agreement, one PDF per
// issue whose outcome is documented. What a document says comes from
// package document, which the issue page's HTML twin renders too; this
// package only lays it out.
//
// Documents are deterministic: the same issue, case and practice give the
// same bytes, because every date in the file derives from the outcome and the
// catalog is written in sorted order. That is what lets package seal compare
// a rebuilt document with the one that was served.
//
// The layout keeps a heading with the lines that follow it, never splits a
// table row (and keeps a table that fits on a page on one page), keeps the
// certificate of service on the page of the signature, and starts a
// recommendation's proposed order on a page of its own.
//
// Every document is archival PDF (PDF/A-2b: XMP identification, an sRGB
// output intent, embedded fonts, a trailer /ID; see pdfa.go), with an
// outline of its numbered sections and its title shown by viewers. When
// the Assembler has a Signer (SetSigner; package pdfsign provides one),
// the finished file is signed and says so under the signature.
//
// The serif family is embedded as simple TrueType fonts prepared once per
// Assembler (package fontsubset), and every string reaches fpdf through the text layer
// in text.go, which measures, breaks lines and switches between a face's
// planes. fpdf's own UTF-8 font path re-parsed and re-subset each face in
// every document and was nine tenths of a document's cost.
package pdfdoc

import (
	"bytes"
	"fmt"
	"io/fs"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"pcdocket/generator/document"
	"pcdocket/generator/fontstack"
	"pcdocket/generator/fontsubset"
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
	docs   *document.Builder
	faces  [len(fontFiles)]*fontsubset.Face
	signer Signer // nil: documents are not signed
	// signers sign the documents of a coordinator with a key of their
	// own, by id (document.Document.Coordinator); the others go to signer.
	signers map[string]Signer

	stack   *fontstack.Stack // where characters the serif lacks are found; nil: nowhere
	shaped  sync.Map         // shapeKey -> []fontstack.Glyph
	subsets subsetCache
}

// SetFonts makes the Assembler draw characters its serif family lacks
// with faces from st (see package fontstack) rather than the system's
// fonts (New's default); nil means none, so that such a character makes
// Document fail. Call it before the Assembler is shared.
func (a *Assembler) SetFonts(st *fontstack.Stack) { a.stack = st }

// New returns an Assembler whose fonts come from tmpl (usually
// templates.Overlay(practiceDir+"/templates"), so that a practice may swap
// the family), whose Markdown parser is md, and whose documents' legal
// wording comes from rules (document.ProfileRules; nil means the built-in
// jurisdiction profiles).
func New(tmpl fs.FS, md *markup.Markdown, rules document.RulesFunc) (*Assembler, error) {
	// The system's fonts draw what the serif lacks until SetFonts names
	// the practice's stack; the stack reads nothing until it is asked.
	a := &Assembler{docs: document.NewBuilder(md, rules), stack: fontstack.For("", nil, nil)}
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
		fc, err := fontsubset.New(b, faceNames[i])
		if err != nil {
			return nil, fmt.Errorf("pdfdoc: font %s/%s: %w", FontDir, ff.file, err)
		}
		a.faces[i] = fc
	}
	return a, nil
}

// DocumentID is the identifier printed on the document of is; see
// document.ID.
func DocumentID(is *practice.Issue) string { return document.ID(is) }

// Document builds and renders the PDF for is, which must be Documented,
// with the Assembler's legal wording.
func (a *Assembler) Document(p *practice.Practice, is *practice.Issue) ([]byte, error) {
	dd, err := a.docs.Build(p, is)
	if err != nil {
		return nil, fmt.Errorf("pdfdoc: %w", err)
	}
	return a.render(dd, p.Language)
}

// Render lays out dd as a PDF in English (Lang).
func (a *Assembler) Render(dd *document.Document) ([]byte, error) {
	return a.render(dd, "")
}

// render lays out dd as a PDF that declares language lang ("" is Lang).
func (a *Assembler) render(dd *document.Document, lang string) ([]byte, error) {
	d := a.newDoc(dd)
	if lang != "" {
		d.f.SetLang(lang)
	}
	d.render()
	if d.err != nil {
		return nil, fmt.Errorf("pdfdoc: %s: %w", dd.ID, d.err)
	}
	var buf bytes.Buffer
	buf.Grow(64 << 10)
	if err := d.f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdfdoc: %s: %w", dd.ID, err)
	}
	pdf, err := a.finish(buf.Bytes(), documentID(dd.ID, dd.Title, dd.Date.String()), d.used)
	if err != nil {
		return nil, fmt.Errorf("pdfdoc: %s: %w", dd.ID, err)
	}
	signer := a.signerOf(dd)
	if signer == nil {
		return pdf, nil
	}
	signed, err := signer.Sign(pdf, SignInfo{
		Time:   dd.Date.Time(),
		Reason: dd.Title,
		Page:   d.signPage,
	})
	if err != nil {
		return nil, fmt.Errorf("pdfdoc: %s: signing: %w", dd.ID, err)
	}
	return signed, nil
}

// Signer signs a finished document with a digital signature (package
// pdfsign provides one). Sign must be deterministic: the same document and
// SignInfo give the same bytes, so that a rebuild of a signed document is
// byte-identical.
type Signer interface {
	// Name is the signer as the document prints it under the signature:
	// "Digitally signed by Name".
	Name() string
	// Sign returns pdf with a signature over all of it appended.
	Sign(pdf []byte, info SignInfo) ([]byte, error)
}

// SignInfo is what a document tells its Signer.
type SignInfo struct {
	Time   time.Time // the signing time the signature claims: the document's date
	Reason string    // why it is signed: the document's title
	Page   int       // the page, from 1, of the visible signature block
}

// SetSigner makes every document a signs from now on signed by s; nil
// leaves them unsigned. Call it before the Assembler is shared.
func (a *Assembler) SetSigner(s Signer) { a.signer = s }

// SetSignerFor makes the documents of the coordinator with the given id
// signed by s rather than by the Assembler's signer: in a practice of
// several coordinators each signs with a key of their own. Call it
// before the Assembler is shared.
func (a *Assembler) SetSignerFor(id string, s Signer) {
	if a.signers == nil {
		a.signers = map[string]Signer{}
	}
	a.signers[id] = s
}

// signerOf returns who signs dd: its coordinator's own signer when there
// is one, else the Assembler's; nil when dd is not to be signed.
func (a *Assembler) signerOf(dd *document.Document) Signer {
	if s, ok := a.signers[dd.Coordinator]; ok && dd.Coordinator != "" {
		return s
	}
	return a.signer
}

// newDoc sets up an fpdf instance: page, fonts, metadata, header and footer.
func (a *Assembler) newDoc(dd *document.Document) *doc {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", SizeStr: "Letter"})
	d := &doc{f: f, a: a, d: dd}
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
	t := dd.Date.Time()
	f.SetCreationDate(t)
	f.SetModificationDate(t)
	f.SetTitle(dd.Title, true)
	f.SetAuthor(dd.Author, true)
	f.SetSubject(dd.Subject, true)
	f.SetKeywords(dd.ID, true)
	f.SetCreator(producer, true)
	f.SetProducer(producer, true)
	f.SetLang(Lang)
	f.SetXmpMetadata(xmp(dd.Title, dd.Author, dd.Subject, dd.ID, t))
	f.SetHeaderFuncMode(d.header, false)
	f.SetFooterFunc(d.footer)
	f.AddPage()
	return d
}
