//go:build unix

package vault

import (
	"fmt"
	"os"
)

// checkPrivate refuses a keys file that users other than its owner may
// read or write: any of them could learn every passphrase, or change
// them.
func checkPrivate(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("keys file: %w", err)
	}
	return modeError(path, fi.Mode().Perm())
}
