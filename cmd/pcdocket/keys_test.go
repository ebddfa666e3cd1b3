package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"pcdocket/generator/pdfsign"
)

// TestKeysSignEveryDocument walks a practice from unsigned to signed: check
// reminds once that documents are unsigned; keys init writes a key only its
// owner reads, which git ignores; every built document is signed and valid;
// a sealed signed document verifies with its signer named, and a copy with
// one byte changed does not; a wrong passphrase stops the build.
func TestKeysSignEveryDocument(t *testing.T) {
	dir := samplePractice(t)
	t.Setenv(pdfsign.EnvKey, "")
	t.Setenv(pdfsign.EnvPassphrase, "correct horse battery")
	ctx := context.Background()

	e, _, errb := testEnv()
	run(ctx, e, []string{"check", "--source", dir, "--as-of", "2026-11-27"})
	if n := strings.Count(errb.String(), "documents are not digitally signed"); n != 1 {
		t.Errorf("check without a key says %d times that documents are unsigned, want once:\n%s", n, errb)
	}

	out := runOK(t, "keys", "init", "--source", dir)
	if !strings.Contains(out, "signer      Eleanor J. Miller") || !strings.Contains(out, "self-signed") {
		t.Errorf("keys init said:\n%s", out)
	}
	key := filepath.Join(dir, "keys", pdfsign.KeyFile)
	if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	if gi, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); !strings.Contains(string(gi), "/keys/") {
		t.Errorf(".gitignore does not ignore the key: %q", gi)
	}
	runFail(t, 1, "already exists", "keys", "init", "--source", dir)
	if out := runOK(t, "keys", "show", "--source", dir); !strings.Contains(out, "Eleanor J. Miller") {
		t.Errorf("keys show said:\n%s", out)
	}

	e, _, errb = testEnv()
	run(ctx, e, []string{"check", "--source", dir, "--as-of", "2026-11-27"})
	if strings.Contains(errb.String(), "not digitally signed") {
		t.Errorf("check with a key still says documents are unsigned")
	}

	runOK(t, "build", "--source", dir, "--as-of", "2026-11-27")
	docs, _ := filepath.Glob(filepath.Join(dir, "output/private/documents/*.pdf"))
	if len(docs) == 0 {
		t.Fatal("the build made no documents")
	}
	built := map[string][]byte{}
	for _, d := range docs {
		b, _ := os.ReadFile(d)
		built[d] = b
		if sigs := pdfsign.Verify(b); len(sigs) != 1 || !sigs[0].Valid() || sigs[0].Signer != "Eleanor J. Miller" {
			t.Errorf("%s: %+v", filepath.Base(d), sigs)
		}
	}
	again := t.TempDir()
	runOK(t, "build", "--source", dir, "--as-of", "2026-11-27", "--output", again)
	for d, want := range built {
		if got, _ := os.ReadFile(filepath.Join(again, "private/documents", filepath.Base(d))); !bytes.Equal(got, want) {
			t.Errorf("%s: a second build differs", filepath.Base(d))
		}
	}
	filepath.WalkDir(filepath.Join(dir, "output"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if strings.HasSuffix(p, ".p12") {
				t.Errorf("the key reached the output: %s", p)
			}
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte("correct horse battery")) {
				t.Errorf("the passphrase reached %s", p)
			}
		}
		return nil
	})

	const caseID = "2025-fam-0387-muller-lukasik"
	runOK(t, "seal", "--source", dir, "--on", "2026-04-01", caseID, "4")
	sealed := filepath.Join(dir, "content/cases", caseID, "sealed", caseID+"-determination-4.pdf")
	out = runOK(t, "verify", "--source", dir, sealed)
	if !strings.Contains(out, "verified") || !strings.Contains(out, "digitally signed by Eleanor J. Miller") {
		t.Errorf("verify of the sealed signed copy:\n%s", out)
	}
	b, _ := os.ReadFile(sealed)
	i := bytes.Index(b, []byte("stream\n")) + 40
	b[i] ^= 1
	tampered := filepath.Join(t.TempDir(), "tampered.pdf")
	os.WriteFile(tampered, b, 0o644)
	runFail(t, 1, "digital signature INVALID", "verify", "--source", dir, tampered)

	// A wrong passphrase builds nothing: the documents of the last build
	// stay as they were.
	t.Setenv(pdfsign.EnvPassphrase, "wrong")
	runFail(t, 1, "passphrase does not open", "build", "--source", dir, "--as-of", "2026-11-27")
	for d, want := range built {
		if got, _ := os.ReadFile(d); !bytes.Equal(got, want) && !strings.Contains(d, "determination-4") {
			t.Errorf("%s changed after a failed build", filepath.Base(d))
		}
	}
	os.Unsetenv(pdfsign.EnvPassphrase)
	runFail(t, 1, pdfsign.EnvPassphrase, "build", "--source", dir, "--as-of", "2026-11-27")
}

// TestKeysImport imports a .p12 an authority issued and refuses one whose
// passphrase is wrong.
func TestKeysImport(t *testing.T) {
	dir := samplePractice(t)
	t.Setenv(pdfsign.EnvKey, "")
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(9), Subject: pkix.Name{CommonName: "Eleanor J. Miller"}, NotBefore: time.Unix(0, 0), NotAfter: time.Now().AddDate(1, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	p12, err := pkcs12.LegacyDES.Encode(key, cert, nil, "from the CA")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "bought.p12")
	os.WriteFile(file, p12, 0o600)
	pass := filepath.Join(t.TempDir(), "pass")

	os.WriteFile(pass, []byte("not it\n"), 0o600)
	runFail(t, 1, "passphrase does not open", "keys", "import", "--source", dir, "--passphrase-file", pass, file)
	if _, err := os.Stat(filepath.Join(dir, "keys", pdfsign.KeyFile)); err == nil {
		t.Error("a refused import left a key behind")
	}
	os.WriteFile(pass, []byte("from the CA\n"), 0o600)
	runOK(t, "keys", "import", "--source", dir, "--passphrase-file", pass, file)
	t.Setenv(pdfsign.EnvPassphrase, "from the CA")
	s, err := pdfsign.LoadPractice(dir)
	if err != nil || s == nil || !s.Certificate().Equal(cert) {
		t.Fatalf("the imported key: %v %v", s, err)
	}
}

// TestUnsignedNoteNamesCoordinators: in a practice of several
// coordinators, a coordinator's own key signs that coordinator's
// documents, so the note names only those whose documents no key signs.
func TestUnsignedNoteNamesCoordinators(t *testing.T) {
	dir := samplePractice(t)
	t.Setenv(pdfsign.EnvKey, "")
	t.Setenv(pdfsign.EnvPassphrase, "correct horse battery")
	ctx := context.Background()
	note := func() string {
		e, _, errb := testEnv()
		run(ctx, e, []string{"check", "--source", dir, "--as-of", "2026-11-27"})
		for _, l := range strings.Split(errb.String(), "\n") {
			if strings.Contains(l, "not digitally signed") {
				return l
			}
		}
		return ""
	}
	if n := note(); !strings.Contains(n, "Eleanor J. Miller") || !strings.Contains(n, "Priya N. Reyes") {
		t.Errorf("without keys, the note does not name both coordinators: %q", n)
	}
	runOK(t, "keys", "init", "--coordinator", "reyes", "--source", dir)
	if n := note(); !strings.Contains(n, "Eleanor J. Miller") || strings.Contains(n, "Reyes") {
		t.Errorf("with Reyes's own key, the note should name Miller alone: %q", n)
	}
	runOK(t, "keys", "init", "--source", dir)
	if n := note(); n != "" {
		t.Errorf("with the practice's key, a note remains: %q", n)
	}
}
