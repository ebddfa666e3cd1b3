//go:build !windows

package build

import (
	"os"
	"path/filepath"
)

// publish makes the build in folder tmp, inside out, the published one:
// it points out/current at it in one rename, and makes sure private and
// public lead through current.
func publish(out, tmp string) error {
	next := filepath.Join(out, nextLinkName)
	os.Remove(next)
	if err := os.Symlink(filepath.Base(tmp), next); err != nil {
		return err
	}
	if err := os.Rename(next, filepath.Join(out, currentLink)); err != nil {
		return err
	}
	for _, d := range []string{PrivateDir, PublicDir} {
		if err := linkThroughCurrent(out, d); err != nil {
			return err
		}
	}
	return nil
}

// linkThroughCurrent makes out/d the link current/d. Once made it never
// changes; a folder there (the layout of earlier pcdocket versions) is
// replaced, the one step of the upgrade that is not atomic.
func linkThroughCurrent(out, d string) error {
	p := filepath.Join(out, d)
	want := filepath.Join(currentLink, d)
	if target, err := os.Readlink(p); err == nil && target == want {
		return nil
	}
	if err := os.RemoveAll(p); err != nil {
		return err
	}
	return os.Symlink(want, p)
}
