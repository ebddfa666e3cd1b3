//go:build windows

package build

import (
	"os"
	"path/filepath"
)

// publish makes the build in folder tmp, inside out, the published one.
// Windows lets only administrators and developer mode make symbolic
// links, so there private and public are folders, each swapped in by two
// renames: a reader may see them from different builds for an instant,
// and a build killed between the renames leaves one missing until the
// next build.
func publish(out, tmp string) error {
	old, err := os.MkdirTemp(out, legacyOldPref)
	if err != nil {
		return err
	}
	for _, d := range []string{PrivateDir, PublicDir} {
		cur := filepath.Join(out, d)
		if _, err := os.Stat(cur); err == nil {
			if err := os.Rename(cur, filepath.Join(old, d)); err != nil {
				return err
			}
		}
		if err := os.Rename(filepath.Join(tmp, d), cur); err != nil {
			return err
		}
	}
	return nil
}
