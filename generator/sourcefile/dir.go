package sourcefile

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"syscall"
)

// A Dir is a folder of the practice, held open so that the files in it are
// read by the same rules as ReadFile's without walking the path from the
// root to each of them again.
//
// Fast path, instead of ReadFile for each file of a folder: ReadFile checks
// every element of a file's path for a link (an lstat each, four for an
// issue file) before it opens the file; at 10,000 issues that was 4% of a
// build's CPU. A Dir checks its folder's path once, when it is opened, and
// then opens each file relative to the open folder, which no later rename or
// link on the path can change.
type Dir struct {
	root, name string // the practice folder, and this folder relative to it
	r          *os.Root
}

// OpenDir opens the folder name (slash-separated, relative to root) if it
// is a folder inside root, by the rules of ReadDir, whose refusals it
// returns. The caller must Close it.
func OpenDir(root, name string) (*Dir, error) {
	full, fi, linked, err := resolve(root, name)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, &Error{Name: name, Err: ErrNotFolder, Mode: fi.Mode().Type(),
			Detail: fmt.Sprintf("not a folder (%s): pcdocket expects a folder here; remove it or replace it with a folder", kind(fi.Mode(), linked))}
	}
	r, err := os.OpenRoot(full)
	if err != nil {
		return nil, err
	}
	// The folder may have been swapped between the check and the open.
	if got, err := r.Stat("."); err != nil || !os.SameFile(fi, got) {
		r.Close()
		return nil, fmt.Errorf("%s: the folder changed while it was being opened; run pcdocket again", name)
	}
	return &Dir{root: root, name: name, r: r}, nil
}

// Close closes the folder.
func (d *Dir) Close() error { return d.r.Close() }

// Name returns the folder's name, relative to the root.
func (d *Dir) Name() string { return d.name }

// ReadDir lists the folder, sorted by file name, as ReadDir does.
func (d *Dir) ReadDir() ([]fs.DirEntry, error) {
	f, err := d.r.OpenFile(".", os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// ReadFile reads the file base of the folder (a name, not a path) and
// returns what ReadFile(root, d.Name()+"/"+base, limit, buf) returns.
//
// It opens base relative to the folder, following a link only while it
// stays in the folder (os.Root's rule, narrower than the practice's); what
// is not plainly a regular file within the limit there (a pipe, a folder, a
// file too large or missing, a link elsewhere) it leaves to ReadFile, which
// follows links by the rules of the whole practice and words the refusal.
func (d *Dir) ReadFile(base string, limit int64, buf []byte) ([]byte, error) {
	name := path.Join(d.name, base)
	if base == "" || base == "." || base == ".." || strings.ContainsAny(base, `/\`) {
		return ReadFile(d.root, name, limit, buf)
	}
	f, err := d.r.OpenFile(base, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return ReadFile(d.root, name, limit, buf)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > limit {
		return ReadFile(d.root, name, limit, buf)
	}
	rf := &File{f: f, name: name, fi: fi, limit: limit}
	return rf.readAll(buf)
}
