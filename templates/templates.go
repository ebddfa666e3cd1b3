// Package templates holds pcdocket's default templates and assets, embedded
// in the binary, and lets a practice override any of them by putting a file
// of the same path in its own templates/ folder.
package templates

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed private public documents
var defaults embed.FS

// Default returns the embedded default templates.
func Default() fs.FS { return defaults }

// Overlay returns a file system that reads each file from dir when dir has
// it, and from the embedded defaults otherwise. A missing dir is no error:
// most practices override nothing.
func Overlay(dir string) fs.FS {
	return overlay{dir: dir}
}

type overlay struct{ dir string }

func (o overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if o.dir != "" {
		f, err := os.Open(filepath.Join(o.dir, filepath.FromSlash(name)))
		if err == nil {
			if st, err := f.Stat(); err == nil && !st.IsDir() {
				return f, nil
			}
			f.Close()
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return defaults.Open(name)
}
