// Package sourcefile reads the files of a practice folder by the rules that
// keep a build from hanging, leaking or running out of memory:
//
//   - Only regular files are opened. A named pipe, a device or a socket (or
//     a link to one) is refused from its mode, before any open, so that it
//     can never block a build; the open itself does not block either, in
//     case the file is swapped in between.
//   - A symbolic link is followed only while it stays inside the folder. A
//     link that leads outside is refused, naming the link and its target,
//     so that nothing from elsewhere on the computer is published.
//   - A file larger than the limit is refused, and never more than limit+1
//     bytes of it are read, so that one file cannot exhaust memory.
//
// Every reader of a practice's files (package parse, the templates overlay,
// the sealing ledger) goes through ReadFile, Open or ReadDir, so that the
// rules are stated once; the files pcdocket itself keeps there (the ledger,
// the sealed PDFs) are replaced through WriteFile, the one atomic writer.
package sourcefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// The kinds of refusal, for errors.Is on an *Error.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrNotFolder  = errors.New("not a folder")
	ErrOutside    = errors.New("link leads outside the practice folder")
	ErrTooLarge   = errors.New("file over the size limit")
)

// An Error is a file of the folder that the rules refuse.
type Error struct {
	Name   string // the file, slash-separated and relative to the root
	Err    error  // ErrNotRegular, ErrNotFolder, ErrOutside or ErrTooLarge
	Detail string // what is wrong and how to fix it, for a finding at Name

	Mode         fs.FileMode // ErrNotRegular, ErrNotFolder: the type of what is there
	Link, Target string      // ErrOutside: the link that leaves, and where it leads
	Size, Limit  int64       // ErrTooLarge: the size met (at least) and the limit
}

func (e *Error) Error() string { return e.Name + ": " + e.Detail }
func (e *Error) Unwrap() error { return e.Err }

// A File is a regular file of the folder, open for reading. Its reads fail
// with an *Error once more than the limit has been read, should the file
// grow after it was opened.
type File struct {
	f     *os.File
	name  string
	fi    fs.FileInfo
	read  int64
	limit int64
}

// Read reads from the file, failing with an *Error (ErrTooLarge) once it
// has read more than the limit.
func (f *File) Read(p []byte) (int, error) {
	left := f.limit + 1 - f.read
	if left <= 0 {
		return 0, tooLarge(f.name, f.read, f.limit, true)
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	n, err := f.f.Read(p)
	f.read += int64(n)
	if f.read > f.limit {
		return n, tooLarge(f.name, f.read, f.limit, true)
	}
	return n, err
}

// Stat returns the file's information as checked when it was opened.
func (f *File) Stat() (fs.FileInfo, error) { return f.fi, nil }

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }

// Open opens the file name (slash-separated, relative to root) for reading
// if the rules allow it: a regular file, inside root, of at most limit
// bytes. A refusal is an *Error; other failures are the os package's, so
// errors.Is(err, fs.ErrNotExist) tells a missing file.
func Open(root, name string, limit int64) (*File, error) {
	full, fi, linked, err := resolve(root, name)
	if err != nil {
		return nil, err
	}
	if err := admit(name, fi, limit, linked); err != nil {
		return nil, err
	}
	f, err := openNonblock(full)
	if err != nil {
		return nil, err
	}
	// The file may have been swapped between the check and the open: check
	// again what was opened. O_NONBLOCK kept the open itself from blocking.
	got, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	switch {
	case !got.Mode().IsRegular():
		f.Close()
		return nil, notRegular(name, got.Mode(), linked)
	case !os.SameFile(fi, got):
		f.Close()
		return nil, fmt.Errorf("%s: the file changed while it was being opened; run pcdocket again", name)
	case got.Size() > limit:
		f.Close()
		return nil, tooLarge(name, got.Size(), limit, false)
	}
	return &File{f: f, name: name, fi: got, limit: limit}, nil
}

// ReadFile reads the file name (slash-separated, relative to root) as Open
// allows, into buf's storage when it is large enough, and returns its
// bytes. It never reads more than limit+1 bytes.
func ReadFile(root, name string, limit int64, buf []byte) ([]byte, error) {
	f, err := Open(root, name, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.readAll(buf)
}

// readAll reads the rest of f into buf's storage when it is large enough.
// f's Read fails once more than its limit has been read.
func (f *File) readAll(buf []byte) ([]byte, error) {
	b := buf[:0]
	if want := f.fi.Size() + 1; int64(cap(b)) < want {
		b = make([]byte, 0, want) // the +1 sees the end without growing
	}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew since Stat
		}
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// ReadAgain reads the file name (slash-separated, relative to root) once
// more, after ReadFile has read it, into buf's storage when it is large
// enough. It opens the path as it is, without the walk that checks each of
// its links against root (five lstat calls for an issue file, two thirds
// of the cost of reading it again), so the caller must hold what it reads
// to what ReadFile returned, by a hash: a file put there since, by a link
// or otherwise, cannot match. Like ReadFile, it reads only a regular file,
// never blocks on opening one, and never reads more than limit+1 bytes.
func ReadAgain(root, name string, limit int64, buf []byte) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := openNonblock(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := admit(name, fi, limit, false); err != nil {
		return nil, err
	}
	rf := &File{f: f, name: name, fi: fi, limit: limit}
	return rf.readAll(buf)
}

// admit refuses, as an *Error, a file that is not a regular file or holds
// more than limit bytes: the rules Open and ReadAgain read by.
func admit(name string, fi fs.FileInfo, limit int64, linked bool) error {
	if !fi.Mode().IsRegular() {
		return notRegular(name, fi.Mode(), linked)
	}
	if fi.Size() > limit {
		return tooLarge(name, fi.Size(), limit, false)
	}
	return nil
}

// ReadDir lists the folder name (slash-separated, relative to root; "."
// is root itself), sorted by file name, if it is a folder inside root. A
// refusal is an *Error (ErrNotFolder, ErrOutside); other failures are the
// os package's.
func ReadDir(root, name string) ([]fs.DirEntry, error) {
	d, err := OpenDir(root, name)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.ReadDir()
}

// openNonblock opens a file for reading without waiting for a writer,
// should it be a named pipe after all.
func openNonblock(full string) (*os.File, error) {
	return os.OpenFile(full, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// resolve returns the path of name inside root and the information of the
// file it leads to, following links only while they stay inside root.
// linked says whether a link was followed.
func resolve(root, name string) (full string, fi fs.FileInfo, linked bool, err error) {
	if !fs.ValidPath(name) {
		return "", nil, false, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full = filepath.Join(root, filepath.FromSlash(name))
	if name == "." {
		fi, err = os.Stat(full) // the root itself: the caller named it
		return full, fi, false, err
	}
	// Each element below root is looked at without following it: a
	// practice holds few links, and without one the last Lstat is the
	// answer. full ends with name, as Join cleans and a valid path is clean.
	base := len(full) - len(name)
	for i := 0; ; {
		j := strings.IndexByte(name[i:], '/')
		end := len(name)
		if j >= 0 {
			end = i + j
		}
		fi, err = os.Lstat(full[:base+end])
		if err != nil {
			return "", nil, false, err
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			fi, err = followInside(root, name, full)
			return full, fi, true, err
		}
		if j < 0 {
			return full, fi, false, nil
		}
		i = end + 1
	}
}

// followInside follows the links on the way to name, refusing it when they
// lead outside root.
func followInside(root, name, full string) (fs.FileInfo, error) {
	realRoot, err := realPath(root)
	if err != nil {
		return nil, err
	}
	target, err := realPath(full)
	if err != nil {
		return nil, err // a broken link: fs.ErrNotExist, as for a missing file
	}
	if !inside(realRoot, target) {
		return nil, outside(root, name, realRoot, target)
	}
	return os.Stat(target)
}

// outside describes a link out of root: the first element of name that
// resolves outside is the link at fault (its parent resolves inside, and a
// valid path has no "..").
func outside(root, name, realRoot, target string) *Error {
	e := &Error{Name: name, Err: ErrOutside, Link: name, Target: target}
	for i := 0; i < len(name); i++ {
		if name[i] != '/' {
			continue
		}
		t, err := realPath(filepath.Join(root, filepath.FromSlash(name[:i])))
		if err == nil && !inside(realRoot, t) {
			e.Link, e.Target = name[:i], t
			break
		}
	}
	const why = "pcdocket reads only files inside the practice folder, so that nothing from elsewhere on the computer is published; copy the file into the practice instead of linking to it"
	if e.Link == name {
		e.Detail = fmt.Sprintf("a symbolic link to %s, outside the practice folder %s: %s", e.Target, realRoot, why)
	} else {
		e.Detail = fmt.Sprintf("reached through the symbolic link %s, which leads to %s, outside the practice folder %s: %s", e.Link, e.Target, realRoot, why)
	}
	return e
}

// realPath returns the absolute path of p with every link resolved.
func realPath(p string) (string, error) {
	p, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", err
	}
	return filepath.Abs(p)
}

// inside reports whether the resolved path p is root or below it.
func inside(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && filepath.IsLocal(rel)
}

func notRegular(name string, m fs.FileMode, linked bool) *Error {
	return &Error{Name: name, Err: ErrNotRegular, Mode: m.Type(),
		Detail: fmt.Sprintf("not a regular file (%s): pcdocket reads only regular files; remove it or replace it with a file", kind(m, linked))}
}

// kind names a file's type in the words of a file manager.
func kind(m fs.FileMode, linked bool) string {
	var k string
	switch {
	case m&fs.ModeNamedPipe != 0:
		k = "a named pipe"
	case m&fs.ModeSocket != 0:
		k = "a socket"
	case m&fs.ModeCharDevice != 0:
		k = "a character device"
	case m&fs.ModeDevice != 0:
		k = "a device"
	case m.IsDir():
		k = "a folder"
	case m.IsRegular():
		k = "a file"
	default:
		k = "an irregular file"
	}
	if linked {
		return "a link to " + k
	}
	return k
}

const mib = 1 << 20

// tooLarge refuses a file of size bytes; grown says the size is only what
// was read before the limit was passed, the file being larger still.
func tooLarge(name string, size, limit int64, grown bool) *Error {
	at := ""
	if grown {
		at = "more than "
		size = limit
	}
	raise := (size + mib) / mib * mib // the next whole MiB above size
	return &Error{Name: name, Err: ErrTooLarge, Size: size, Limit: limit,
		Detail: fmt.Sprintf("the file is %s%s, over the limit of %s: pcdocket refuses larger files so that one file cannot exhaust memory; shorten the file or split it, or raise the limit in practice.yaml (limits: max_file_bytes: %d allows %s)",
			at, Bytes(size), Bytes(limit), raise, Bytes(raise))}
}

// Bytes formats a size for people: "52428800 bytes (50 MiB)".
func Bytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n%mib == 0:
		return fmt.Sprintf("%d bytes (%d MiB)", n, n/mib)
	case n >= mib:
		return fmt.Sprintf("%d bytes (%.1f MiB)", n, float64(n)/mib)
	default:
		return fmt.Sprintf("%d bytes (%.1f KiB)", n, float64(n)/(1<<10))
	}
}

// WriteFile replaces the file name with data, atomically: it writes a
// temporary file beside name, syncs it, and renames it over name, so that a
// reader, or a crash, sees either the old file or the whole new one, never
// a part. The sealing ledger and the sealed PDFs are written this way.
func WriteFile(name string, data []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".seal-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// WriteNew writes data to name, which must not exist yet: it refuses to
// replace a file (the error is fs.ErrExist), syncs what it wrote, and
// removes the part it wrote when a write fails. The signing keys are
// written this way: a key is never overwritten, and never left half
// written.
func WriteNew(name string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}
