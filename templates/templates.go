// Package templates holds pcdocket's default templates and assets, embedded
// in the binary, and lets a practice override any of them by putting a file
// of the same path in its own templates/ folder.
package templates

import (
	"bytes"
	"embed"
	"errors"
	"io/fs"
	"path/filepath"

	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

//go:embed private public documents
var defaults embed.FS

// PrivateDefault reports whether every template of the private site in
// fsys (private/*.html) is the built-in one, byte for byte: a practice
// that overrides none. A read error counts as an override. (A file that
// is not one of the built-in templates is never read, so it cannot define
// a template.)
func PrivateDefault(fsys fs.FS) bool {
	names, err := fs.Glob(fsys, "private/*.html")
	if err != nil {
		return false
	}
	for _, name := range names {
		own, err := fs.ReadFile(fsys, name)
		if err != nil {
			return false
		}
		builtIn, err := fs.ReadFile(defaults, name)
		if err != nil || !bytes.Equal(own, builtIn) {
			return false
		}
	}
	return true
}

// Default returns the embedded default templates.
func Default() fs.FS { return defaults }

// Overlay returns a file system that reads each file from dir, a practice's
// templates folder, when dir has it, and from the embedded defaults
// otherwise. A missing dir is no error: most practices override nothing.
//
// The practice's files are read by the rules of package sourcefile, as the
// practice's content is: only regular files (a named pipe is an error, not
// a hang), links only while they stay in the practice folder (dir's
// parent), and no file over practice.DefaultMaxFileBytes.
func Overlay(dir string) fs.FS {
	return OverlayLimit(dir, practice.DefaultMaxFileBytes)
}

// OverlayLimit is Overlay with limit the largest file read from dir: the
// practice's own limit, Practice.MaxFileBytes.
func OverlayLimit(dir string, limit int64) fs.FS {
	return overlay{dir: dir, limit: limit}
}

type overlay struct {
	dir   string
	limit int64
}

func (o overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if o.dir != "" && name != "." {
		// The practice folder is the root links must stay in, and the
		// name inside it says where the file is: templates/private/x.html.
		root, base := filepath.Dir(o.dir), filepath.Base(o.dir)
		f, err := sourcefile.Open(root, base+"/"+name, o.limit)
		var refused *sourcefile.Error
		switch {
		case err == nil:
			return f, nil
		case errors.As(err, &refused) && refused.Mode.IsDir():
			// Folders are the defaults': a practice overrides files.
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
	}
	return defaults.Open(name)
}
