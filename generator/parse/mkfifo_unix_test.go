//go:build unix

package parse

import (
	"syscall"
	"testing"
)

// mkfifo makes a named pipe at p, as the tester of issue #13 did.
func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
}
