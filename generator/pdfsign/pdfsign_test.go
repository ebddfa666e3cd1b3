package pdfsign_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/pdfsign"
)

// oneDocument is an unsigned sample document and the signer's page.
func oneDocument(t testing.TB) []byte {
	t.Helper()
	docs := sampleDocs(t, nil)
	return docs["2025-fam-0387-muller-lukasik-determination-4.pdf"]
}

var info = pdfdoc.SignInfo{Time: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), Reason: "Determination No. 4", Page: 4}

// TestTamper changes one byte of a signed document, in each part of it,
// and wants the signature reported invalid, by Verify and by pdfsig.
func TestTamper(t *testing.T) {
	signed, err := testSigner(t).Sign(oneDocument(t), info)
	if err != nil {
		t.Fatal(err)
	}
	sigAt := bytes.Index(signed, []byte("/Contents <")) + len("/Contents <")
	cases := []struct {
		name string
		at   int
	}{
		{"page text", bytes.Index(signed, []byte("stream\n")) + 40},
		{"font program", len(signed) / 3},
		{"incremental update", bytes.LastIndex(signed, []byte("/SigFlags 3"))},
		{"signature value", sigAt + 600},
		{"signature padding", bytes.LastIndex(signed, []byte("00>"))},
		{"trailer", bytes.LastIndex(signed, []byte("/Prev"))},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := bytes.Clone(signed)
			switch b[c.at] {
			case '0':
				b[c.at] = '1'
			default:
				b[c.at] ^= 0x01
			}
			sigs := pdfsign.Verify(b)
			if len(sigs) != 1 || sigs[0].Valid() {
				t.Fatalf("Verify after changing byte %d: %+v", c.at, sigs)
			}
			file := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".pdf")
			if err := os.WriteFile(file, b, 0o644); err != nil {
				t.Fatal(err)
			}
			// pdfsig passes over a change in the unused end of the
			// signature value, but then says the signature does not
			// cover the document.
			out, _ := run(t, "pdfsig", file)
			if strings.Contains(out, "Signature is Valid.") && !strings.Contains(out, "Not total document signed") {
				t.Errorf("pdfsig still says valid:\n%s", out)
			}
		})
	}
	t.Run("appended", func(t *testing.T) {
		b := append(bytes.Clone(signed), "1 0 obj\n<< >>\nendobj\n"...)
		sigs := pdfsign.Verify(b)
		if len(sigs) != 1 || sigs[0].Valid() || sigs[0].Whole {
			t.Fatalf("Verify after appending: %+v", sigs)
		}
	})
	if sigs := pdfsign.Verify(oneDocument(t)); len(sigs) != 0 {
		t.Errorf("an unsigned document has signatures: %+v", sigs)
	}
}

// TestSignDeterministic signs with each kind of key twice and wants the
// same bytes and a valid signature.
func TestSignDeterministic(t *testing.T) {
	pdf := oneDocument(t)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, ed, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	signers := map[string]*pdfsign.Signer{
		"rsa":     selfSigned(t, rk, "Eleanor RSA"),
		"ecdsa":   selfSigned(t, ec, "Eleanor EC"),
		"ed25519": selfSigned(t, ed, "Eleanor Ed"),
	}
	for name, s := range signers {
		t.Run(name, func(t *testing.T) {
			a, err := s.Sign(pdf, info)
			if err != nil {
				t.Fatal(err)
			}
			b, err := s.Sign(pdf, info)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Error("two signings differ")
			}
			if !bytes.HasPrefix(a, pdf) {
				t.Error("signing changed the document's own bytes")
			}
			if sigs := pdfsign.Verify(a); len(sigs) != 1 || !sigs[0].Valid() || sigs[0].Signer != s.Name() {
				t.Errorf("Verify = %+v", sigs)
			}
			if _, err := s.Sign(a, info); err == nil {
				t.Error("signed a signed document again")
			}
			if name == "ed25519" {
				return // poppler's NSS does not check Ed25519 in CMS
			}
			file := filepath.Join(t.TempDir(), "signed.pdf")
			os.WriteFile(file, a, 0o644)
			out, err := run(t, "pdfsig", file)
			if err != nil || !strings.Contains(out, "Signature is Valid.") || !strings.Contains(out, "Common Name: "+s.Name()) {
				t.Errorf("pdfsig: %v\n%s", err, out)
			}
		})
	}
}

func selfSigned(t *testing.T, key crypto.Signer, name string) *pdfsign.Signer {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: name}, NotBefore: time.Unix(0, 0), NotAfter: time.Now().AddDate(1, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	s, err := pdfsign.NewSigner(key, cert, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAuthorityCertificate imports a .p12 as an authority issues it: a
// leaf certificate, its issuer in the chain, legacy encryption. The
// signature carries the chain and is not self-signed.
func TestAuthorityCertificate(t *testing.T) {
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test Trust Services CA"}, NotBefore: time.Unix(0, 0), NotAfter: time.Now().AddDate(5, 0, 0), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	leafKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "Eleanor J. Miller"}, NotBefore: time.Unix(0, 0), NotAfter: time.Now().AddDate(2, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(leafDER)
	p12, err := pkcs12.LegacyDES.Encode(leafKey, leaf, []*x509.Certificate{ca}, "bought it")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pdfsign.Decode(p12, "wrong"); !errors.Is(err, pdfsign.ErrPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	s, err := pdfsign.Decode(p12, "bought it")
	if err != nil {
		t.Fatal(err)
	}
	signed, err := s.Sign(oneDocument(t), info)
	if err != nil {
		t.Fatal(err)
	}
	sigs := pdfsign.Verify(signed)
	if len(sigs) != 1 || !sigs[0].Valid() || sigs[0].SelfSigned || sigs[0].Certificate.Issuer.CommonName != "Test Trust Services CA" {
		t.Fatalf("Verify = %+v", sigs)
	}
	if !bytes.Contains(signed, []byte(hex.EncodeToString(ca.Raw))) {
		t.Error("the issuer's certificate is not in the signature")
	}

	// A certificate that may not sign is refused.
	noSign := *leafTmpl
	noSign.KeyUsage = x509.KeyUsageKeyEncipherment
	der, _ := x509.CreateCertificate(rand.Reader, &noSign, ca, &leafKey.PublicKey, caKey)
	c, _ := x509.ParseCertificate(der)
	p12, _ = pkcs12.Modern.Encode(leafKey, c, nil, "x")
	if _, err := pdfsign.Decode(p12, "x"); err == nil || !strings.Contains(err.Error(), "key usage") {
		t.Errorf("a certificate for encryption only: %v", err)
	}
}

// TestKeyFile writes a key and reads it back, and checks what must be
// refused: a second key over the first, an empty passphrase, a wrong
// passphrase, a file others can read, a corrupt file.
func TestKeyFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "keys", pdfsign.KeyFile)
	s := testSigner(t)
	if err := pdfsign.WriteKey(name, s, ""); err == nil {
		t.Error("wrote a key without a passphrase")
	}
	if err := pdfsign.WriteKey(name, s, "correct horse"); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode: %v %v", fi.Mode(), err)
	}
	if di, _ := os.Stat(filepath.Dir(name)); di.Mode().Perm() != 0o700 {
		t.Errorf("key folder mode %v", di.Mode())
	}
	if err := pdfsign.WriteKey(name, s, "other"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("overwrote a key: %v", err)
	}
	back, err := pdfsign.ReadKey(name, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !back.Certificate().Equal(s.Certificate()) {
		t.Error("the certificate read back differs")
	}
	if _, err := pdfsign.ReadKey(name, "wrong horse"); !errors.Is(err, pdfsign.ErrPassphrase) || !strings.Contains(err.Error(), pdfsign.EnvPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	os.Chmod(name, 0o644)
	if _, err := pdfsign.ReadKey(name, "correct horse"); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a key others can read: %v", err)
	}
	corrupt := filepath.Join(dir, "corrupt.p12")
	b, _ := os.ReadFile(name)
	os.WriteFile(corrupt, b[:len(b)/2], 0o600)
	if _, err := pdfsign.ReadKey(corrupt, "correct horse"); err == nil || !strings.Contains(err.Error(), "not a readable PKCS #12") {
		t.Errorf("a corrupt key: %v", err)
	}
}

// TestLoadPractice: no key, no signer; a key and no passphrase, an error
// that names the variable; the passphrase, a signer.
func TestLoadPractice(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(pdfsign.EnvKey, "")
	if s, err := pdfsign.LoadPractice(dir); s != nil || err != nil {
		t.Fatalf("no key: %v, %v", s, err)
	}
	if err := pdfsign.WriteKey(filepath.Join(dir, pdfsign.KeyDir, pdfsign.KeyFile), testSigner(t), "pw"); err != nil {
		t.Fatal(err)
	}
	os.Unsetenv(pdfsign.EnvPassphrase)
	if _, err := pdfsign.LoadPractice(dir); err == nil || !strings.Contains(err.Error(), pdfsign.EnvPassphrase) {
		t.Errorf("no passphrase: %v", err)
	}
	t.Setenv(pdfsign.EnvPassphrase, "pw")
	if s, err := pdfsign.LoadPractice(dir); err != nil || s == nil || s.Name() != "Eleanor J. Miller" {
		t.Errorf("with passphrase: %v, %v", s, err)
	}
	t.Setenv(pdfsign.EnvKey, filepath.Join(dir, "missing.p12"))
	if _, err := pdfsign.LoadPractice(dir); err == nil {
		t.Error("a missing key named by the environment is no error")
	}
}

func TestIgnoreKeys(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("/output/"), 0o644)
	for range 2 {
		if err := pdfsign.IgnoreKeys(dir); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if got := string(b); strings.Count(got, "/keys/") != 1 || !strings.HasPrefix(got, "/output/\n") {
		t.Errorf(".gitignore = %q", got)
	}
}

// BenchmarkSign signs one four-page determination with the P-256 key
// `keys init` makes: the cost signing adds to each document.
func BenchmarkSign(b *testing.B) {
	s := testSigner(b)
	pdf := sampleDocs(b, nil)["2025-fam-0387-muller-lukasik-determination-4.pdf"]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Sign(pdf, info); err != nil {
			b.Fatal(err)
		}
	}
}
