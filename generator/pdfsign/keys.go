package pdfsign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"pcdocket/generator/sourcefile"
)

// The document signing key and its certificate live together in one
// PKCS #12 file protected by a passphrase, in the practice's keys/ folder,
// which `pcdocket init` and `pcdocket keys init` tell git to ignore: the
// build finds it there, and it never reaches output/, a site or a commit.

// KeyDir is the folder, inside the practice, of the document signing key.
const KeyDir = "keys"

// KeyFile is the key's file name inside KeyDir.
const KeyFile = "document-signing.p12"

// EnvKey names the environment variable that may give the key file's path
// in place of KEYS/document-signing.p12 inside the practice.
const EnvKey = "PCDOCKET_DOCUMENT_KEY"

// EnvPassphrase names the environment variable that holds the key file's
// passphrase, for builds that sign.
const EnvPassphrase = "PCDOCKET_DOCUMENT_KEY_PASSPHRASE"

// KeyPath returns the path of the practice's document signing key: $EnvKey
// when set, else keys/document-signing.p12 inside practiceDir.
func KeyPath(practiceDir string) string {
	if p := os.Getenv(EnvKey); p != "" {
		return p
	}
	return filepath.Join(practiceDir, KeyDir, KeyFile)
}

// ErrPassphrase is a passphrase that does not open the key file.
var ErrPassphrase = errors.New("the passphrase does not open the key file")

// Subject is who a new self-signed certificate names.
type Subject struct {
	Name     string // the coordinator: the certificate's common name
	Email    string
	Practice string // the organization
}

// Generate creates an ECDSA P-256 key and a certificate for it signed by
// itself, valid from ten years before now (documents carry the date they
// were issued, which may precede the key) to ten years after. P-256
// because every PDF reader checks it, its signatures are made
// deterministically (RFC 6979), and one takes tens of microseconds where
// a 3072-bit RSA signature of the same strength takes 4 ms, which 10,000
// documents would feel.
func Generate(sub Subject, now time.Time) (*Signer, error) {
	if strings.TrimSpace(sub.Name) == "" {
		return nil, errors.New("pdfsign: the certificate needs the coordinator's name")
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return nil, fmt.Errorf("pdfsign: %w", err)
	}
	name := pkix.Name{CommonName: sub.Name}
	if sub.Practice != "" {
		name.Organization = []string{sub.Practice}
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               name,
		NotBefore:             now.AddDate(-10, 0, 0).UTC().Truncate(time.Second),
		NotAfter:              now.AddDate(10, 0, 0).UTC().Truncate(time.Second),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		BasicConstraintsValid: true,
	}
	if sub.Email != "" {
		tmpl.EmailAddresses = []string{sub.Email}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: certificate: %w", err)
	}
	return NewSigner(key, cert, nil)
}

// Decode reads a PKCS #12 file (.p12, .pfx) with its passphrase, as a
// certificate authority or `openssl pkcs12 -export` writes it.
func Decode(p12 []byte, passphrase string) (*Signer, error) {
	key, cert, chain, err := pkcs12.DecodeChain(p12, passphrase)
	if errors.Is(err, pkcs12.ErrIncorrectPassword) {
		return nil, ErrPassphrase
	}
	if err != nil {
		return nil, fmt.Errorf("not a readable PKCS #12 key file: %v", err)
	}
	k, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("a %T key cannot sign", key)
	}
	if cert.KeyUsage != 0 && cert.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
		return nil, errors.New("the certificate may not be used for digital signatures (its key usage forbids it)")
	}
	return NewSigner(k, cert, chain)
}

// Encode writes s as a PKCS #12 file protected by passphrase, with
// AES-256 and PBKDF2 (the 2023 profile, which current OpenSSL and every
// current reader open).
func (s *Signer) Encode(passphrase string) ([]byte, error) {
	b, err := pkcs12.Modern.Encode(s.key, s.cert, s.chain, passphrase)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: %w", err)
	}
	return b, nil
}

// WriteKey writes s to a new file name with passphrase, readable by its
// owner only, in a folder only its owner may enter. It refuses to
// overwrite a key and an empty passphrase.
func WriteKey(name string, s *Signer, passphrase string) error {
	if passphrase == "" {
		return errors.New("pdfsign: an empty passphrase would leave the key open to whoever copies the file; set one")
	}
	b, err := s.Encode(passphrase)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o700); err != nil {
		return fmt.Errorf("pdfsign: %w", err)
	}
	err = sourcefile.WriteNew(name, b, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("pdfsign: %s already exists; a key is never overwritten: move it away first if you are sure nothing needs it", name)
	}
	if err != nil {
		return fmt.Errorf("pdfsign: %w", err)
	}
	return nil
}

// ReadKey reads a key file written by WriteKey, or any PKCS #12 file.
// Like ssh, it refuses a file that others may read or write.
func ReadKey(name, passphrase string) (*Signer, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: document signing key: %w", err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, fmt.Errorf("pdfsign: document signing key %s is open to others (mode %04o); run: chmod 600 %s", name, perm, name)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: document signing key: %w", err)
	}
	s, err := Decode(b, passphrase)
	if errors.Is(err, ErrPassphrase) {
		return nil, fmt.Errorf("pdfsign: %s: %w; check $%s", name, err, EnvPassphrase)
	}
	if err != nil {
		return nil, fmt.Errorf("pdfsign: %s: %w", name, err)
	}
	return s, nil
}

// LoadPractice returns the signer of practiceDir's documents, or nil when
// the practice has no document signing key. A key that is present but
// cannot be opened is an error, never a reason to build unsigned: the
// passphrase comes from $PCDOCKET_DOCUMENT_KEY_PASSPHRASE.
func LoadPractice(practiceDir string) (*Signer, error) {
	name := KeyPath(practiceDir)
	if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
		if os.Getenv(EnvKey) != "" {
			return nil, fmt.Errorf("pdfsign: $%s names %s, which does not exist", EnvKey, name)
		}
		return nil, nil
	}
	pass, ok := os.LookupEnv(EnvPassphrase)
	if !ok {
		return nil, fmt.Errorf("pdfsign: %s signs the documents and needs its passphrase: set $%s (or move the key away to build unsigned documents)", name, EnvPassphrase)
	}
	return ReadKey(name, pass)
}

// Fingerprint is the SHA-256 of the certificate, as readers show it.
func Fingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	var b strings.Builder
	for i, v := range sum {
		if i > 0 {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%02X", v)
	}
	return b.String()
}

// IgnoreKeys adds the key folder to the .gitignore of practiceDir, unless
// it is there already, so that the key is never committed.
func IgnoreKeys(practiceDir string) error {
	name := filepath.Join(practiceDir, ".gitignore")
	b, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("pdfsign: %w", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		switch strings.TrimSpace(l) {
		case KeyDir, KeyDir + "/", "/" + KeyDir, "/" + KeyDir + "/":
			return nil
		}
	}
	add := "# the document signing key: never commit it\n/" + KeyDir + "/\n"
	if len(b) > 0 && !strings.HasSuffix(string(b), "\n") {
		add = "\n" + add
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("pdfsign: %w", err)
	}
	_, err = f.WriteString(add)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("pdfsign: %w", err)
	}
	return nil
}

// CoordinatorKeyPath returns the path of the signing key of the
// coordinator with the given id, in a practice of several coordinators:
// keys/<id>.p12 inside practiceDir. A coordinator without one signs with
// the practice's key (KeyPath).
func CoordinatorKeyPath(practiceDir, id string) string {
	return filepath.Join(practiceDir, KeyDir, id+".p12")
}

// CoordinatorPassphraseEnv names the environment variable that holds the
// passphrase of coordinator id's key: $PCDOCKET_DOCUMENT_KEY_PASSPHRASE_
// and the id upper-cased, hyphens made underscores ("okafor-dana" gives
// PCDOCKET_DOCUMENT_KEY_PASSPHRASE_OKAFOR_DANA). When it is not set, the
// practice's passphrase ($PCDOCKET_DOCUMENT_KEY_PASSPHRASE) is tried.
func CoordinatorPassphraseEnv(id string) string {
	return EnvPassphrase + "_" + strings.ToUpper(strings.ReplaceAll(id, "-", "_"))
}

// LoadCoordinators returns the signers of the coordinators among ids who
// have a key of their own (CoordinatorKeyPath), by id; a coordinator
// without one is left out, to sign with the practice's key. As with
// LoadPractice, a key that is present but cannot be opened is an error.
func LoadCoordinators(practiceDir string, ids []string) (map[string]*Signer, error) {
	var out map[string]*Signer
	for _, id := range ids {
		if id == "" || strings.ContainsAny(id, `/\.`) {
			continue // check reports an id that is no file name
		}
		name := CoordinatorKeyPath(practiceDir, id)
		if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		pass, ok := os.LookupEnv(CoordinatorPassphraseEnv(id))
		if !ok {
			pass, ok = os.LookupEnv(EnvPassphrase)
		}
		if !ok {
			return nil, fmt.Errorf("pdfsign: %s signs the documents of coordinator %s and needs its passphrase: set $%s (or $%s)", name, id, CoordinatorPassphraseEnv(id), EnvPassphrase)
		}
		s, err := ReadKey(name, pass)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = map[string]*Signer{}
		}
		out[id] = s
	}
	return out, nil
}
