// Package pdfsign signs a practice's documents with the coordinator's
// certificate, so that anyone can check in a standard PDF reader that a
// document is the coordinator's and unaltered, and it keeps the key and
// certificate that do it (keys.go).
//
// The signature is a PAdES baseline B-B signature (ETSI EN 319 142-1,
// SubFilter ETSI.CAdES.detached): a detached CMS signature over the whole
// file but itself, added as an incremental update that gives the
// document's catalog a signature field. Its claimed time is the document's
// date, and RSA and ECDSA signatures are made deterministically, so that a
// rebuild of a signed document is byte-identical, as every document is.
//
// This is not the seal ledger's key (package seal, `pcdocket keygen`):
// that Ed25519 key signs the ledger's entries inside the practice; this
// X.509 certificate signs the PDFs that leave it.
package pdfsign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"pcdocket/generator/pdfdoc"
)

// Signer signs PDF documents with a certificate and its private key. It
// is safe for concurrent use.
type Signer struct {
	key   crypto.Signer
	cert  *x509.Certificate
	chain []*x509.Certificate
}

// NewSigner returns a Signer for key, whose certificate is cert; chain
// holds the certificates from cert's issuer up, if any, which go into
// each signature so that a reader can follow it to an authority it trusts.
func NewSigner(key crypto.Signer, cert *x509.Certificate, chain []*x509.Certificate) (*Signer, error) {
	if key == nil || cert == nil {
		return nil, errors.New("pdfsign: no key or no certificate")
	}
	if _, _, err := signatureAlgorithm(key); err != nil {
		return nil, fmt.Errorf("pdfsign: %w", err)
	}
	if !samePublic(key.Public(), cert.PublicKey) {
		return nil, errors.New("pdfsign: the private key is not the certificate's: they belong to different key pairs")
	}
	return &Signer{key: key, cert: cert, chain: chain}, nil
}

func samePublic(a, b crypto.PublicKey) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	e, ok := a.(equaler)
	return ok && e.Equal(b)
}

// Name is the signer as the certificate names it: its common name, or
// its email address when it has none.
func (s *Signer) Name() string { return certName(s.cert) }

// Certificate returns the signer's certificate.
func (s *Signer) Certificate() *x509.Certificate { return s.cert }

func certName(c *x509.Certificate) string {
	if c.Subject.CommonName != "" {
		return c.Subject.CommonName
	}
	if len(c.EmailAddresses) > 0 {
		return c.EmailAddresses[0]
	}
	return c.Subject.String()
}

// Sign returns pdf, a document as package pdfdoc writes it (one
// cross-reference table, no earlier update), with an invisible signature
// field on page info.Page appended as an incremental update and signed.
// The bytes of pdf are kept as they are: the signature covers them and the
// update, all but the signature value itself.
func (s *Signer) Sign(pdf []byte, info pdfdoc.SignInfo) ([]byte, error) {
	f, err := parseFile(pdf)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: %w", err)
	}
	if f.prev >= 0 {
		return nil, errors.New("pdfsign: the document has been updated before; sign only a document as pdfdoc writes it")
	}
	catalog, err := f.object(f.root)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: catalog: %w", err)
	}
	if bytes.Contains(catalog, []byte("/AcroForm")) {
		return nil, errors.New("pdfsign: the document has a form already")
	}
	page, err := f.page(info.Page)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: %w", err)
	}
	pageDict, err := f.object(page)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: page: %w", err)
	}
	widget, sigObj := f.size, f.size+1
	ref := fmt.Sprintf("%d 0 R", widget)
	if i := bytes.Index(pageDict, []byte("/Annots [")); i >= 0 {
		i += len("/Annots [")
		pageDict = insertAt(pageDict, i, ref+" ")
	} else if bytes.Contains(pageDict, []byte("/Annots")) {
		return nil, errors.New("pdfsign: the signature page's annotations are not an array")
	} else {
		pageDict = addEntry(pageDict, "/Annots ["+ref+"]")
	}
	catalog = addEntry(catalog, "/AcroForm << /Fields ["+ref+"] /SigFlags 3 >>")

	var b bytes.Buffer
	b.Grow(len(pdf) + 32<<10)
	b.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		b.WriteByte('\n')
	}
	offsets := map[int]int{}
	obj := func(n int, body string) {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	obj(f.root, string(catalog))
	obj(page, string(pageDict))
	// /F 132: printed and locked, as PDF/A wants of an annotation; a zero
	// rectangle makes the field invisible, its text is on the page.
	obj(widget, fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V %d 0 R /F 132 /Rect [0 0 0 0] /P %d 0 R >>", sigObj, page))

	size := s.estimate()
	offsets[sigObj] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached", sigObj)
	fmt.Fprintf(&b, " /M (D:%s)", info.Time.UTC().Format("20060102150405Z"))
	fmt.Fprintf(&b, " /Name %s", textString(s.Name()))
	if info.Reason != "" {
		fmt.Fprintf(&b, " /Reason %s", textString(info.Reason))
	}
	b.WriteString(" /ByteRange [")
	rangeAt := b.Len()
	b.WriteString(strings.Repeat(" ", 3*11+1) + "]")
	b.WriteString(" /Contents ")
	contentsAt := b.Len()
	b.WriteByte('<')
	b.Write(bytes.Repeat([]byte("0"), 2*size))
	b.WriteByte('>')
	contentsEnd := b.Len()
	b.WriteString(" >>\nendobj\n")

	xref := b.Len()
	b.WriteString("xref\n")
	nums := make([]int, 0, len(offsets))
	for n := range offsets {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		fmt.Fprintf(&b, "%d %d\n", nums[i], j-i)
		for _, n := range nums[i:j] {
			fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
		}
		i = j
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R", sigObj+1, f.root)
	if f.info >= 0 {
		fmt.Fprintf(&b, " /Info %d 0 R", f.info)
	}
	if f.id != "" {
		fmt.Fprintf(&b, " /ID %s", f.id)
	}
	fmt.Fprintf(&b, " /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", f.xref, xref)

	out := b.Bytes()
	br := fmt.Sprintf("0 %d %d %d", contentsAt, contentsEnd, len(out)-contentsEnd)
	if len(br) > 3*11+1 {
		return nil, errors.New("pdfsign: the document is too large to sign")
	}
	copy(out[rangeAt:], br)
	h := sha256.New()
	h.Write(out[:contentsAt])
	h.Write(out[contentsEnd:])
	cms, err := buildCMS(h.Sum(nil), s.key, s.cert, s.chain)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: %w", err)
	}
	if len(cms) > size {
		return nil, fmt.Errorf("pdfsign: the signature takes %d bytes, more than the %d reserved", len(cms), size)
	}
	hex.Encode(out[contentsAt+1:], cms)
	return out, nil
}

// estimate is how many bytes to reserve for a signature: the
// certificates, the signature value and room for the rest.
func (s *Signer) estimate() int {
	n := len(s.cert.Raw) + 2048
	for _, c := range s.chain {
		n += len(c.Raw)
	}
	switch k := s.key.Public().(type) {
	case *rsa.PublicKey:
		n += k.Size()
	case *ecdsa.PublicKey:
		n += 2*((k.Curve.Params().BitSize+7)/8) + 16
	case ed25519.PublicKey:
		n += ed25519.SignatureSize
	}
	return n
}

// textString writes s as a PDF text string: UTF-16BE with a byte-order
// mark, in hexadecimal, so that no character needs escaping.
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// addEntry adds an entry to a dictionary's text, before its closing >>.
func addEntry(dict []byte, entry string) []byte {
	i := bytes.LastIndex(dict, []byte(">>"))
	return insertAt(dict, i, entry+"\n")
}

func insertAt(b []byte, i int, s string) []byte {
	out := make([]byte, 0, len(b)+len(s))
	out = append(out, b[:i]...)
	out = append(out, s...)
	return append(out, b[i:]...)
}

// file is the structure of a PDF with one classic cross-reference table,
// as fpdf writes it.
type file struct {
	pdf     []byte
	xref    int         // offset of the cross-reference table
	offsets map[int]int // object number to offset
	size    int         // the trailer's /Size
	root    int
	info    int    // -1 when none
	id      string // the trailer's /ID array as written, or ""
	prev    int    // the trailer's /Prev, or -1
}

func parseFile(pdf []byte) (*file, error) {
	i := bytes.LastIndex(pdf, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("not a PDF: no startxref")
	}
	fields := strings.Fields(string(pdf[i+len("startxref") : min(len(pdf), i+len("startxref")+32)]))
	if len(fields) == 0 {
		return nil, errors.New("no offset after startxref")
	}
	xref, err := strconv.Atoi(fields[0])
	if err != nil || xref < 0 || xref >= len(pdf) || !bytes.HasPrefix(pdf[xref:], []byte("xref")) {
		return nil, errors.New("startxref does not point at a cross-reference table (a compressed one is not supported)")
	}
	f := &file{pdf: pdf, xref: xref, offsets: map[int]int{}, info: -1, prev: -1}
	t := bytes.Index(pdf[xref:], []byte("trailer"))
	if t < 0 {
		return nil, errors.New("no trailer")
	}
	lines := strings.Split(string(pdf[xref+len("xref"):xref+t]), "\n")
	for k := 0; k < len(lines); k++ {
		hdr := strings.Fields(lines[k])
		if len(hdr) != 2 {
			continue
		}
		start, err1 := strconv.Atoi(hdr[0])
		count, err2 := strconv.Atoi(hdr[1])
		if err1 != nil || err2 != nil || k+count >= len(lines) {
			return nil, fmt.Errorf("cross-reference table: bad subsection %q", lines[k])
		}
		for n := range count {
			e := strings.Fields(lines[k+1+n])
			if len(e) == 3 && e[2] == "n" {
				off, err := strconv.Atoi(e[0])
				if err != nil {
					return nil, fmt.Errorf("cross-reference table: bad entry %q", lines[k+1+n])
				}
				f.offsets[start+n] = off
			}
		}
		k += count
	}
	tr := string(pdf[xref+t : i])
	ref := func(key string) int {
		j := strings.Index(tr, key+" ")
		if j < 0 {
			return -1
		}
		fs := strings.Fields(tr[j+len(key):])
		if len(fs) == 0 {
			return -1
		}
		n, err := strconv.Atoi(fs[0])
		if err != nil {
			return -1
		}
		return n
	}
	f.size, f.root, f.info, f.prev = ref("/Size"), ref("/Root"), ref("/Info"), ref("/Prev")
	if f.size <= 0 || f.root <= 0 {
		return nil, errors.New("trailer without /Size or /Root")
	}
	if j := strings.Index(tr, "/ID ["); j >= 0 {
		if k := strings.IndexByte(tr[j:], ']'); k >= 0 {
			f.id = tr[j+len("/ID ") : j+k+1]
		}
	}
	return f, nil
}

// object returns the dictionary of object n: its text from << to >>.
func (f *file) object(n int) ([]byte, error) {
	off, ok := f.offsets[n]
	if !ok || off >= len(f.pdf) {
		return nil, fmt.Errorf("no object %d", n)
	}
	head := fmt.Sprintf("%d 0 obj", n)
	if !bytes.HasPrefix(f.pdf[off:], []byte(head)) {
		return nil, fmt.Errorf("object %d is not where the cross-reference table says", n)
	}
	end := bytes.Index(f.pdf[off:], []byte("endobj"))
	if end < 0 {
		return nil, fmt.Errorf("object %d has no end", n)
	}
	body := f.pdf[off+len(head) : off+end]
	if bytes.Contains(body, []byte("stream")) {
		return nil, fmt.Errorf("object %d is a stream, not a dictionary", n)
	}
	a, z := bytes.Index(body, []byte("<<")), bytes.LastIndex(body, []byte(">>"))
	if a < 0 || z < a {
		return nil, fmt.Errorf("object %d is not a dictionary", n)
	}
	return bytes.Clone(body[a : z+2]), nil
}

// page returns the object number of page n (from 1; 0 or past the end
// means the last page) of a single-level page tree.
func (f *file) page(n int) (int, error) {
	cat, err := f.object(f.root)
	if err != nil {
		return 0, err
	}
	pages := refAfter(cat, "/Pages ")
	if pages < 0 {
		return 0, errors.New("catalog without /Pages")
	}
	pd, err := f.object(pages)
	if err != nil {
		return 0, err
	}
	i := bytes.Index(pd, []byte("/Kids ["))
	j := bytes.IndexByte(pd[max(i, 0):], ']')
	if i < 0 || j < 0 {
		return 0, errors.New("page tree without /Kids")
	}
	fs := strings.Fields(string(pd[i+len("/Kids [") : i+j]))
	var kids []int
	for k := 0; k+2 < len(fs); k += 3 {
		v, err := strconv.Atoi(fs[k])
		if err != nil || fs[k+2] != "R" {
			return 0, errors.New("page tree: bad /Kids")
		}
		kids = append(kids, v)
	}
	if len(kids) == 0 {
		return 0, errors.New("no pages")
	}
	if n < 1 || n > len(kids) {
		n = len(kids)
	}
	return kids[n-1], nil
}

// refAfter returns the object number of the reference after key in a
// dictionary's text, or -1.
func refAfter(dict []byte, key string) int {
	i := bytes.Index(dict, []byte(key))
	if i < 0 {
		return -1
	}
	fs := strings.Fields(string(dict[i+len(key) : min(len(dict), i+len(key)+24)]))
	if len(fs) < 3 || fs[2] != "R" {
		return -1
	}
	n, err := strconv.Atoi(fs[0])
	if err != nil {
		return -1
	}
	return n
}
