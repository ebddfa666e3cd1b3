//go:build linux || darwin || freebsd || netbsd || openbsd

package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockOutput takes the output folder's lock, or fails at once when another
// build holds it. The kernel drops the lock when the process dies, so a
// killed build never leaves it taken.
func lockOutput(out string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(out, lockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("output folder %s: another build is writing it; wait for it to finish", out)
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
