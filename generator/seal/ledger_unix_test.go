//go:build unix

package seal

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLedgerNamedPipe checks that a named pipe in place of a ledger is an
// error, not a hang (issue #13): the ledger is read by package sourcefile's
// rules, as the practice's content is.
func TestLedgerNamedPipe(t *testing.T) {
	root := practiceCopy(t)
	p := load(t, root)
	ledger := filepath.Join(root, filepath.FromSlash(ledgerPath(caseID)))
	if err := os.MkdirAll(filepath.Dir(ledger), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(ledger, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan struct{})
	var loadErr error
	var found string
	go func() {
		defer close(done)
		_, loadErr = Load(root)
		found = Check(root, p).Err().Error()
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("still reading the ledger after 5 s: the read blocked")
	}
	const want = "not a regular file (a named pipe)"
	if loadErr == nil || !strings.Contains(loadErr.Error(), want) {
		t.Errorf("Load error = %v; want %q", loadErr, want)
	}
	if !strings.Contains(found, ledgerPath(caseID)) || !strings.Contains(found, want) {
		t.Errorf("Check = %s; want %q at %s", found, want, ledgerPath(caseID))
	}
}

// TestSealedPDFNamedPipe: a named pipe in place of a sealed PDF is an
// error from check and from the build's read, not a hang.
func TestSealedPDFNamedPipe(t *testing.T) {
	root := practiceCopy(t)
	p := load(t, root)
	sealIssues(t, root, p, nil, 1)
	l, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	e := l.Entries()[0]
	pdf := filepath.Join(root, filepath.FromSlash(e.PDFPath()))
	os.Chmod(pdf, 0o644)
	if err := os.Remove(pdf); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(pdf, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan struct{})
	var readErr error
	var found string
	go func() {
		defer close(done)
		_, readErr = l.Bytes(e)
		found = Check(root, p).Err().Error()
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("still reading the sealed PDF after 5 s: the read blocked")
	}
	const want = "not a regular file (a named pipe)"
	if readErr == nil || !strings.Contains(readErr.Error(), want) {
		t.Errorf("Bytes error = %v; want %q", readErr, want)
	}
	if !strings.Contains(found, want) {
		t.Errorf("Check = %s; want %q", found, want)
	}
}
