package pdfsign

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Signature is one signature found in a PDF, checked.
type Signature struct {
	// Signer names the signer as the certificate does: its common name,
	// or its email address.
	Signer string
	// Certificate is the signer's certificate, as the signature carries it.
	Certificate *x509.Certificate
	// SelfSigned tells a certificate the signer issued to itself (`pcdocket
	// keys init`) from one an authority issued.
	SelfSigned bool
	// Whole is true when the signature covers the whole file: nothing was
	// appended after signing.
	Whole bool
	// Err says why the signature does not hold; nil when it does.
	Err error
}

// Valid reports whether the signature holds and covers the whole file.
func (s Signature) Valid() bool { return s.Err == nil }

// Verify finds every signature in pdf and checks each: that its byte
// ranges cover the file but the signature value, that their SHA-256 is the
// digest the signer signed, and that the signer's certificate signed it.
// It does not ask whether anyone trusts the certificate: a PDF reader does
// that with its own list of authorities. A PDF without signatures gives
// none and no error.
func Verify(pdf []byte) []Signature {
	var out []Signature
	rest, base := pdf, 0
	for {
		i := bytes.Index(rest, []byte("/ByteRange ["))
		if i < 0 {
			return out
		}
		at := base + i
		out = append(out, verifyAt(pdf, at))
		rest, base = rest[i+1:], at+1
	}
}

// verifyAt checks the signature whose /ByteRange starts at offset at.
func verifyAt(pdf []byte, at int) Signature {
	var s Signature
	start := at + len("/ByteRange [")
	end := bytes.IndexByte(pdf[start:], ']')
	if end < 0 {
		s.Err = errors.New("unreadable /ByteRange")
		return s
	}
	var r [4]int
	fs := strings.Fields(string(pdf[start : start+end]))
	if len(fs) != 4 {
		s.Err = errors.New("/ByteRange does not have four numbers")
		return s
	}
	for k, f := range fs {
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 {
			s.Err = fmt.Errorf("/ByteRange: %q is not a number", f)
			return s
		}
		r[k] = n
	}
	if r[0] != 0 || r[1] >= r[2] || r[2] > len(pdf) || r[3] > len(pdf)-r[2] || r[2]-r[1] < 2 || pdf[r[1]] != '<' || pdf[r[2]-1] != '>' {
		s.Err = errors.New("/ByteRange does not leave out exactly the signature value")
		return s
	}
	s.Whole = r[2]+r[3] == len(pdf)
	der := make([]byte, (r[2]-r[1]-2)/2)
	if _, err := hex.Decode(der, pdf[r[1]+1:r[2]-1]); err != nil {
		s.Err = fmt.Errorf("signature value: %v", err)
		return s
	}
	cms, err := checkCMS(der)
	if err != nil {
		s.Err = err
		return s
	}
	s.Certificate = cms.cert
	s.Signer = certName(cms.cert)
	s.SelfSigned = bytes.Equal(cms.cert.RawIssuer, cms.cert.RawSubject) && cms.cert.CheckSignature(cms.cert.SignatureAlgorithm, cms.cert.RawTBSCertificate, cms.cert.Signature) == nil
	h := sha256.New()
	h.Write(pdf[:r[1]])
	h.Write(pdf[r[2] : r[2]+r[3]])
	if !bytes.Equal(h.Sum(nil), cms.digest) {
		s.Err = errors.New("the document has changed since it was signed: its digest is not the one signed")
		return s
	}
	if !s.Whole {
		s.Err = fmt.Errorf("%d bytes were appended after signing", len(pdf)-r[2]-r[3])
	}
	return s
}
