package pdfsign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"slices"
)

// The signature is a detached CMS SignedData (RFC 5652) as PAdES baseline
// B-B (ETSI EN 319 142-1) wants it: SHA-256, the signed attributes
// content-type, message-digest and signing-certificate-v2, and no signing
// time inside the CMS (the signature dictionary's /M carries it). RSA
// signatures are PKCS #1 v1.5 and ECDSA ones RFC 6979's deterministic
// kind, so the same document signed twice is the same bytes.

var (
	oidData                 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningCertificateV2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSHA256               = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidRSA                  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidSHA256WithRSA        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidECDSAWithSHA256      = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	oidEd25519              = asn1.ObjectIdentifier{1, 3, 101, 112}
)

// contentInfo is a CMS ContentInfo. Content is the [0] EXPLICIT element
// whole: encoding/asn1 writes a RawValue as it is, tags included.
type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue
}

type signedData struct {
	Version          int
	DigestAlgorithms []pkix.AlgorithmIdentifier `asn1:"set"`
	EncapContentInfo encapContentInfo
	Certificates     asn1.RawValue `asn1:"optional,tag:0"`
	SignerInfos      []signerInfo  `asn1:"set"`
}

type encapContentInfo struct {
	ContentType asn1.ObjectIdentifier
}

type signerInfo struct {
	Version            int
	SID                issuerAndSerial
	DigestAlgorithm    pkix.AlgorithmIdentifier
	SignedAttrs        asn1.RawValue `asn1:"optional,tag:0"`
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          []byte
}

type issuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type attribute struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue
}

type essCertIDv2 struct {
	CertHash []byte // SHA-256, the default hash algorithm, so not named
}

type signingCertificateV2 struct {
	Certs []essCertIDv2
}

// set wraps DER values as a SET OF, sorted as DER requires.
func set(vals ...[]byte) asn1.RawValue {
	vals = slices.Clone(vals)
	slices.SortFunc(vals, bytes.Compare)
	return asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: bytes.Join(vals, nil)}
}

func mustMarshal(v any) []byte {
	b, err := asn1.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("pdfsign: marshal %T: %v", v, err)) // a bug, never input
	}
	return b
}

// signedAttrs returns the DER of the signed attributes as a SET OF, the
// bytes the signature covers.
func signedAttrs(digest []byte, cert *x509.Certificate) []byte {
	certHash := sha256.Sum256(cert.Raw)
	attrs := [][]byte{
		mustMarshal(attribute{oidContentType, set(mustMarshal(oidData))}),
		mustMarshal(attribute{oidMessageDigest, set(mustMarshal(digest))}),
		mustMarshal(attribute{oidSigningCertificateV2, set(mustMarshal(signingCertificateV2{[]essCertIDv2{{certHash[:]}}}))}),
	}
	return mustMarshal(set(attrs...))
}

// signatureAlgorithm names how key signs, and the options it signs with.
func signatureAlgorithm(key crypto.Signer) (pkix.AlgorithmIdentifier, crypto.SignerOpts, error) {
	switch key.Public().(type) {
	case *rsa.PublicKey:
		return pkix.AlgorithmIdentifier{Algorithm: oidRSA, Parameters: asn1.NullRawValue}, crypto.SHA256, nil
	case *ecdsa.PublicKey:
		return pkix.AlgorithmIdentifier{Algorithm: oidECDSAWithSHA256}, crypto.SHA256, nil
	case ed25519.PublicKey:
		return pkix.AlgorithmIdentifier{Algorithm: oidEd25519}, crypto.Hash(0), nil
	}
	return pkix.AlgorithmIdentifier{}, nil, fmt.Errorf("a %T key: want RSA, ECDSA or Ed25519", key.Public())
}

// buildCMS returns the detached CMS signature of content whose SHA-256 is
// digest, by key, whose certificate is cert; chain holds the certificates
// that lead from cert to its authority, if any.
func buildCMS(digest []byte, key crypto.Signer, cert *x509.Certificate, chain []*x509.Certificate) ([]byte, error) {
	alg, opts, err := signatureAlgorithm(key)
	if err != nil {
		return nil, err
	}
	attrs := signedAttrs(digest, cert)
	msg := attrs
	if opts.HashFunc() != 0 {
		sum := sha256.Sum256(attrs)
		msg = sum[:]
	}
	// A nil random source: RSA PKCS #1 v1.5 and Ed25519 need none, and
	// ECDSA then signs deterministically (RFC 6979).
	sig, err := key.Sign(nil, msg, opts)
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	var certs [][]byte
	certs = append(certs, cert.Raw)
	for _, c := range chain {
		certs = append(certs, c.Raw)
	}
	// The signed attributes go in with the [0] IMPLICIT tag in place of
	// SET's: the signature covers them with SET's tag.
	var implicit asn1.RawValue
	if _, err := asn1.Unmarshal(attrs, &implicit); err != nil {
		return nil, err
	}
	implicit = asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: implicit.Bytes}
	sha := pkix.AlgorithmIdentifier{Algorithm: oidSHA256}
	sd := signedData{
		Version:          1,
		DigestAlgorithms: []pkix.AlgorithmIdentifier{sha},
		EncapContentInfo: encapContentInfo{oidData},
		Certificates:     asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: bytes.Join(certs, nil)},
		SignerInfos: []signerInfo{{
			Version:            1,
			SID:                issuerAndSerial{asn1.RawValue{FullBytes: cert.RawIssuer}, cert.SerialNumber},
			DigestAlgorithm:    sha,
			SignedAttrs:        implicit,
			SignatureAlgorithm: alg,
			Signature:          sig,
		}},
	}
	inner, err := asn1.Marshal(sd)
	if err != nil {
		return nil, fmt.Errorf("signature: %w", err)
	}
	return asn1.Marshal(contentInfo{oidSignedData, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: inner}})
}

// parsedCMS is what checkCMS reads from a signature.
type parsedCMS struct {
	cert   *x509.Certificate
	digest []byte // the message digest the signer signed
}

// checkCMS parses a detached CMS signature, checks that the signer's
// certificate signed its attributes, and returns the certificate and the
// digest those attributes name.
func checkCMS(der []byte) (*parsedCMS, error) {
	var ci contentInfo
	rest, err := asn1.Unmarshal(der, &ci)
	if err != nil {
		return nil, fmt.Errorf("not a CMS signature: %v", err)
	}
	if len(bytes.Trim(rest, "\x00")) != 0 {
		return nil, errors.New("bytes after the CMS signature")
	}
	if !ci.ContentType.Equal(oidSignedData) || ci.Content.Class != asn1.ClassContextSpecific || ci.Content.Tag != 0 {
		return nil, fmt.Errorf("CMS content type %v, want signed data", ci.ContentType)
	}
	var sd signedData
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		return nil, fmt.Errorf("CMS signed data: %v", err)
	}
	if len(sd.SignerInfos) != 1 {
		return nil, fmt.Errorf("%d signers, want 1", len(sd.SignerInfos))
	}
	si := sd.SignerInfos[0]
	certs, err := x509.ParseCertificates(sd.Certificates.Bytes)
	if err != nil {
		return nil, fmt.Errorf("certificates: %v", err)
	}
	var cert *x509.Certificate
	for _, c := range certs {
		if bytes.Equal(c.RawIssuer, si.SID.Issuer.FullBytes) && c.SerialNumber.Cmp(si.SID.Serial) == 0 {
			cert = c
		}
	}
	if cert == nil {
		return nil, errors.New("the signer's certificate is not in the signature")
	}
	if !si.DigestAlgorithm.Algorithm.Equal(oidSHA256) {
		return nil, fmt.Errorf("digest algorithm %v, want SHA-256", si.DigestAlgorithm.Algorithm)
	}
	// The attributes as signed: the SET OF tag in place of [0].
	attrs := mustMarshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: si.SignedAttrs.Bytes})
	var digest []byte
	rest = si.SignedAttrs.Bytes
	for len(rest) > 0 {
		var a attribute
		if rest, err = asn1.Unmarshal(rest, &a); err != nil {
			return nil, fmt.Errorf("signed attributes: %v", err)
		}
		if a.Type.Equal(oidMessageDigest) {
			if _, err := asn1.Unmarshal(a.Values.Bytes, &digest); err != nil {
				return nil, fmt.Errorf("message digest: %v", err)
			}
		}
	}
	if digest == nil {
		return nil, errors.New("no message digest among the signed attributes")
	}
	if err := verifySig(cert, si.SignatureAlgorithm.Algorithm, attrs, si.Signature); err != nil {
		return nil, err
	}
	return &parsedCMS{cert: cert, digest: digest}, nil
}

// verifySig checks sig over msg by cert's key.
func verifySig(cert *x509.Certificate, alg asn1.ObjectIdentifier, msg, sig []byte) error {
	sum := sha256.Sum256(msg)
	switch pub := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		if !alg.Equal(oidRSA) && !alg.Equal(oidSHA256WithRSA) {
			return fmt.Errorf("signature algorithm %v for an RSA key", alg)
		}
		if rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig) != nil {
			return errors.New("the signature does not match the signed attributes")
		}
	case *ecdsa.PublicKey:
		if !ecdsa.VerifyASN1(pub, sum[:], sig) {
			return errors.New("the signature does not match the signed attributes")
		}
	case ed25519.PublicKey:
		if !ed25519.Verify(pub, msg, sig) {
			return errors.New("the signature does not match the signed attributes")
		}
	default:
		return fmt.Errorf("a %T key cannot be checked", pub)
	}
	return nil
}
