package pdfsign_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"pcdocket/generator/build"
	"pcdocket/generator/document"
	"pcdocket/generator/markup"
	"pcdocket/generator/pdfdoc"
	"pcdocket/generator/pdfsign"
	"pcdocket/generator/practice"
	"pcdocket/templates"
)

// The sample practice is the repository itself.
const sampleRoot = "../.."

var (
	keyOnce sync.Once
	key     *pdfsign.Signer
	keyErr  error
)

// testSigner is one self-signed key, as `keys init` makes it, for the
// whole test run.
func testSigner(tb testing.TB) *pdfsign.Signer {
	tb.Helper()
	keyOnce.Do(func() {
		key, keyErr = pdfsign.Generate(pdfsign.Subject{Name: "Eleanor J. Miller", Email: "eleanor.miller@miller-mediation.example", Practice: "Miller Mediation & Arbitration"}, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	})
	if keyErr != nil {
		tb.Fatal(keyErr)
	}
	return key
}

// sampleDocs assembles every document of the sample practice, signed by s
// (unsigned when s is nil), by file name.
func sampleDocs(tb testing.TB, s *pdfsign.Signer) map[string][]byte {
	tb.Helper()
	l, err := build.Load(context.Background(), build.Options{Source: sampleRoot, AsOf: practice.MustDate("2026-11-27")})
	if err != nil {
		tb.Fatal(err)
	}
	a, err := pdfdoc.New(templates.Default(), markup.New(), document.ProfileRules(l.Deadlines()))
	if err != nil {
		tb.Fatal(err)
	}
	if s != nil {
		a.SetSigner(s)
	}
	out := map[string][]byte{}
	for _, is := range l.Practice.Issues() {
		if !is.Documented() {
			continue
		}
		b, err := a.Document(l.Practice, is)
		if err != nil {
			tb.Fatal(err)
		}
		out[is.DocumentFile()] = b
	}
	if len(out) == 0 {
		tb.Fatal("the sample practice has no documents")
	}
	return out
}

// tool returns the path of a command-line tool, or skips the test.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (apt-get install poppler-utils qpdf); CI installs it", name)
	}
	return p
}

func run(t *testing.T, name string, args ...string) (string, error) {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	return string(out), err
}

// TestSampleSigned signs every sample document and checks it as a reader
// would: the signature holds and names the coordinator, and the file is
// archival PDF.
func TestSampleSigned(t *testing.T) {
	s := testSigner(t)
	docs := sampleDocs(t, s)
	again := sampleDocs(t, s)
	dir := t.TempDir()
	for name, pdf := range docs {
		t.Run(name, func(t *testing.T) {
			if !bytes.Equal(pdf, again[name]) {
				t.Error("two builds differ")
			}
			sigs := pdfsign.Verify(pdf)
			if len(sigs) != 1 || !sigs[0].Valid() || !sigs[0].Whole || sigs[0].Signer != "Eleanor J. Miller" || !sigs[0].SelfSigned {
				t.Fatalf("Verify = %+v", sigs)
			}
			if !bytes.Contains(pdf, []byte("<pdfaid:part>2</pdfaid:part>")) || !bytes.Contains(pdf, []byte("<pdfaid:conformance>B</pdfaid:conformance>")) {
				t.Error("no PDF/A-2b identification in the XMP")
			}
			file := filepath.Join(dir, name)
			if err := os.WriteFile(file, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := run(t, "pdfsig", file)
			if err != nil || !strings.Contains(out, "Signature Validation: Signature is Valid.") || !strings.Contains(out, "Signer Certificate Common Name: Eleanor J. Miller") {
				t.Errorf("pdfsig: %v\n%s", err, out)
			}
			out, err = run(t, "pdffonts", file)
			if err != nil {
				t.Fatalf("pdffonts: %v\n%s", err, out)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
			for _, l := range lines {
				if f := strings.Fields(l); len(f) < 7 || f[len(f)-5] != "yes" {
					t.Errorf("pdffonts: a font not embedded: %s", l)
				}
			}
			if len(lines) == 0 {
				t.Error("pdffonts lists no font")
			}
			out, err = run(t, "qpdf", "--check", file)
			if err != nil || !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(out, "WARNING") {
				t.Errorf("qpdf --check: %v\n%s", err, out)
			}
			// Reading order: the numbered sections come out in order,
			// each heading whole, and the outline lists every one.
			out, err = run(t, "pdftotext", file, "-")
			if err != nil {
				t.Fatalf("pdftotext: %v\n%s", err, out)
			}
			var sections []string
			for _, m := range regexp.MustCompile(`(?m)^([IVX]+)\. +([A-Z][A-Z ,'-]+)$`).FindAllStringSubmatch(out, -1) {
				if len(sections) < len(roman) && m[1] == roman[len(sections)] {
					sections = append(sections, m[1]+". "+m[2])
				}
			}
			if len(sections) < 3 {
				t.Errorf("pdftotext finds %d numbered sections in order: %q", len(sections), sections)
			}
			outline, err := run(t, "qpdf", "--json", "--json-key=outlines", file)
			for _, sec := range sections {
				title := sec[:strings.Index(sec, " ")+1]
				if err != nil || !strings.Contains(outline, `"title": "`+title) {
					t.Errorf("the outline lacks section %s: %v", sec, err)
				}
			}
			out, err = run(t, "qpdf", "--show-object=trailer", file)
			root := regexp.MustCompile(`/Root (\d+) 0 R`).FindStringSubmatch(out)
			if err != nil || root == nil {
				t.Fatalf("qpdf trailer: %v\n%s", err, out)
			}
			out, err = run(t, "qpdf", "--show-object="+root[1], file)
			for _, want := range []string{"/OutputIntents", "/GTS_PDFA1", "/Lang (en-US)", "/DisplayDocTitle true", "/Outlines", "/AcroForm"} {
				if err != nil || !strings.Contains(out, want) {
					t.Errorf("catalog lacks %s: %v\n%s", want, err, out)
				}
			}
		})
	}
}

var roman = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

// TestWriteSample writes the signed sample documents to $PDFSIGN_SAMPLE, to
// look at.
func TestWriteSample(t *testing.T) {
	dir := os.Getenv("PDFSIGN_SAMPLE")
	if dir == "" {
		t.Skip("PDFSIGN_SAMPLE is not set")
	}
	for name, pdf := range sampleDocs(t, testSigner(t)) {
		if err := os.WriteFile(filepath.Join(dir, name), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
