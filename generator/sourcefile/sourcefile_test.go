package sourcefile

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// write creates the file rel under root with the given contents.
func write(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// within fails the test if f has not returned after 5 seconds: a named
// pipe that is opened blocks until a writer comes, which is never.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("still reading after 5 s: the read blocked")
	}
}

// viaDir fails the test unless the Dir of file's folder reads file as
// ReadFile did (got, err), byte for byte and word for word, or, if the
// folder cannot be opened, ReadFile failed too.
func viaDir(t *testing.T, root, file string, limit int64, got []byte, err error) {
	t.Helper()
	var dgot []byte
	var derr error
	within(t, func() {
		d, err := OpenDir(root, path.Dir(file))
		if err != nil {
			derr = err
			return
		}
		defer d.Close()
		dgot, derr = d.ReadFile(path.Base(file), limit, nil)
	})
	switch {
	case derr == nil && err == nil:
		if string(dgot) != string(got) {
			t.Errorf("Dir.ReadFile = %q; ReadFile read %q", dgot, got)
		}
	case derr == nil || err == nil:
		t.Errorf("via a Dir: %q, %v; ReadFile: %q, %v", dgot, derr, got, err)
	case derr.Error() != err.Error() && !strings.HasPrefix(file, "../"):
		var e *Error
		if errors.As(derr, &e) && e.Name == path.Dir(file) {
			return // the folder is refused, and so each file in it
		}
		t.Errorf("via a Dir: %v\nReadFile: %v", derr, err)
	}
}

func TestReadFile(t *testing.T) {
	outsideDir := t.TempDir()
	write(t, outsideDir, "secret.md", "CANARY")
	tests := []struct {
		name    string
		setup   func(t *testing.T, root string)
		file    string
		limit   int64
		want    string // the contents read, when no error
		wantErr error
		detail  string // in the error's Detail
	}{
		{name: "regular file", file: "a/b.md", limit: 100, want: "hello",
			setup: func(t *testing.T, root string) { write(t, root, "a/b.md", "hello") }},
		{name: "exactly the limit", file: "b.md", limit: 5, want: "hello",
			setup: func(t *testing.T, root string) { write(t, root, "b.md", "hello") }},
		{name: "empty file", file: "b.md", limit: 5, want: "",
			setup: func(t *testing.T, root string) { write(t, root, "b.md", "") }},
		{name: "missing", file: "a/none.md", limit: 5, wantErr: fs.ErrNotExist,
			setup: func(t *testing.T, root string) {}},
		{name: "over the limit", file: "big.md", limit: 4, wantErr: ErrTooLarge,
			detail: "the file is 5 bytes, over the limit of 4 bytes",
			setup:  func(t *testing.T, root string) { write(t, root, "big.md", "hello") }},
		{name: "named pipe", file: "issues/01.md", limit: 100, wantErr: ErrNotRegular,
			detail: "not a regular file (a named pipe): pcdocket reads only regular files; remove it or replace it with a file",
			setup:  func(t *testing.T, root string) { mkfifo(t, filepath.Join(root, "issues", "01.md")) }},
		{name: "link to a named pipe inside", file: "issues/01.md", limit: 100, wantErr: ErrNotRegular,
			detail: "(a link to a named pipe)",
			setup: func(t *testing.T, root string) {
				mkfifo(t, filepath.Join(root, "pipe"))
				symlink(t, filepath.Join("..", "pipe"), filepath.Join(root, "issues", "01.md"))
			}},
		{name: "socket", file: "s.md", limit: 100, wantErr: ErrNotRegular, detail: "(a socket)",
			setup: func(t *testing.T, root string) {
				l, err := net.Listen("unix", filepath.Join(root, "s.md"))
				if err != nil {
					t.Skipf("no unix sockets here: %v", err)
				}
				t.Cleanup(func() { l.Close() })
			}},
		{name: "folder", file: "case.md", limit: 100, wantErr: ErrNotRegular, detail: "(a folder)",
			setup: func(t *testing.T, root string) { write(t, root, "case.md/x", "") }},
		{name: "link inside is followed", file: "issues/01.md", limit: 100, want: "shared",
			setup: func(t *testing.T, root string) {
				write(t, root, "shared/01.md", "shared")
				symlink(t, filepath.Join("..", "shared", "01.md"), filepath.Join(root, "issues", "01.md"))
			}},
		{name: "absolute link inside is followed", file: "issues/01.md", limit: 100, want: "shared",
			setup: func(t *testing.T, root string) {
				write(t, root, "shared/01.md", "shared")
				symlink(t, filepath.Join(root, "shared", "01.md"), filepath.Join(root, "issues", "01.md"))
			}},
		{name: "folder link inside is followed", file: "issues/01.md", limit: 100, want: "shared",
			setup: func(t *testing.T, root string) {
				write(t, root, "shared/01.md", "shared")
				symlink(t, "shared", filepath.Join(root, "issues"))
			}},
		{name: "link outside", file: "issues/01.md", limit: 100, wantErr: ErrOutside,
			detail: "a symbolic link to " + filepath.Join(outsideDir, "secret.md") + ", outside the practice folder",
			setup: func(t *testing.T, root string) {
				symlink(t, filepath.Join(outsideDir, "secret.md"), filepath.Join(root, "issues", "01.md"))
			}},
		{name: "relative link outside", file: "issues/01.md", limit: 100, wantErr: ErrOutside,
			detail: "a symbolic link to " + filepath.Join(outsideDir, "secret.md"),
			setup: func(t *testing.T, root string) {
				rel, err := filepath.Rel(filepath.Join(root, "issues"), filepath.Join(outsideDir, "secret.md"))
				if err != nil {
					t.Fatal(err)
				}
				symlink(t, rel, filepath.Join(root, "issues", "01.md"))
			}},
		{name: "folder link outside", file: "issues/secret.md", limit: 100, wantErr: ErrOutside,
			detail: "reached through the symbolic link issues, which leads to " + outsideDir,
			setup:  func(t *testing.T, root string) { symlink(t, outsideDir, filepath.Join(root, "issues")) }},
		{name: "link to a device outside", file: "null.md", limit: 100, wantErr: ErrOutside,
			setup: func(t *testing.T, root string) { symlink(t, os.DevNull, filepath.Join(root, "null.md")) }},
		{name: "broken link", file: "issues/01.md", limit: 100, wantErr: fs.ErrNotExist,
			setup: func(t *testing.T, root string) { symlink(t, "nowhere", filepath.Join(root, "issues", "01.md")) }},
		{name: "invalid name", file: "../x.md", limit: 100, wantErr: fs.ErrInvalid,
			setup: func(t *testing.T, root string) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			tt.setup(t, root)
			var got []byte
			var err error
			within(t, func() { got, err = ReadFile(root, tt.file, tt.limit, nil) })
			viaDir(t, root, tt.file, tt.limit, got, err)
			if tt.wantErr == nil {
				if err != nil || string(got) != tt.want {
					t.Fatalf("ReadFile = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ReadFile error = %v; want %v", err, tt.wantErr)
			}
			if tt.detail == "" {
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Name != tt.file || !strings.Contains(e.Detail, tt.detail) {
				t.Fatalf("ReadFile error = %#v; want an *Error for %s saying %q", err, tt.file, tt.detail)
			}
		})
	}
}

// TestOutsideNamesBoth checks the fields a caller reports: the link and
// where it leads.
func TestOutsideNamesBoth(t *testing.T) {
	root, out := t.TempDir(), t.TempDir()
	write(t, out, "x.md", "CANARY")
	symlink(t, out, filepath.Join(root, "content", "cases"))
	_, err := ReadFile(root, "content/cases/x.md", 100, nil)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v; want an *Error", err)
	}
	realOut, _ := filepath.EvalSymlinks(out)
	if e.Link != "content/cases" || e.Target != realOut || !strings.Contains(e.Error(), realOut) ||
		!strings.HasPrefix(e.Error(), "content/cases/x.md: ") {
		t.Errorf("error = %q, link %q, target %q; want the link content/cases and the target %s", e, e.Link, e.Target, realOut)
	}
}

func TestTooLargeSaysHowToRaise(t *testing.T) {
	root := t.TempDir()
	write(t, root, "big.md", strings.Repeat("x", 3<<20+5))
	_, err := ReadFile(root, "big.md", 2<<20, nil)
	want := "big.md: the file is 3145733 bytes (3.0 MiB), over the limit of 2097152 bytes (2 MiB): " +
		"pcdocket refuses larger files so that one file cannot exhaust memory; shorten the file or split it, " +
		"or raise the limit in practice.yaml (limits: max_file_bytes: 4194304 allows 4194304 bytes (4 MiB))"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant %s", err, want)
	}
}

// TestReadStopsAtLimit checks that a file growing after it was opened is
// not read past the limit.
func TestReadStopsAtLimit(t *testing.T) {
	root := t.TempDir()
	write(t, root, "grow.md", "abc")
	f, err := Open(root, "grow.md", 10)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.WriteFile(filepath.Join(root, "grow.md"), []byte(strings.Repeat("x", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if !errors.Is(err, ErrTooLarge) || len(b) != 11 {
		t.Fatalf("read %d bytes, %v; want 11 (the limit + 1) and ErrTooLarge", len(b), err)
	}
}

func TestReadDir(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, root string)
		want    string
		wantErr error
	}{
		{name: "folder", want: "a.md b.md",
			setup: func(t *testing.T, root string) { write(t, root, "d/b.md", ""); write(t, root, "d/a.md", "") }},
		{name: "missing", wantErr: fs.ErrNotExist, setup: func(t *testing.T, root string) {}},
		{name: "named pipe", wantErr: ErrNotFolder,
			setup: func(t *testing.T, root string) { mkfifo(t, filepath.Join(root, "d")) }},
		{name: "file", wantErr: ErrNotFolder,
			setup: func(t *testing.T, root string) { write(t, root, "d", "") }},
		{name: "link outside", wantErr: ErrOutside,
			setup: func(t *testing.T, root string) { symlink(t, t.TempDir(), filepath.Join(root, "d")) }},
		{name: "link inside", want: "a.md",
			setup: func(t *testing.T, root string) {
				write(t, root, "e/a.md", "")
				symlink(t, "e", filepath.Join(root, "d"))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			tt.setup(t, root)
			var entries []fs.DirEntry
			var err error
			within(t, func() { entries, err = ReadDir(root, "d") })
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("ReadDir error = %v; want %v", err, tt.wantErr)
				}
				return
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if err != nil || strings.Join(names, " ") != tt.want {
				t.Fatalf("ReadDir = %v, %v; want %s", names, err, tt.want)
			}
		})
	}
}

// TestModeTellsAFolder checks what the templates overlay relies on: a
// folder where a file was asked for is refused with its mode, so that the
// caller can tell it from a named pipe.
func TestModeTellsAFolder(t *testing.T) {
	root := t.TempDir()
	write(t, root, "d/x", "")
	_, err := Open(root, "d", 100)
	var e *Error
	if !errors.As(err, &e) || !e.Mode.IsDir() {
		t.Fatalf("Open(folder) = %v; want an *Error with a folder's mode", err)
	}
}

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{
		12:       "12 bytes",
		2048:     "2048 bytes (2.0 KiB)",
		4 << 20:  "4194304 bytes (4 MiB)",
		50000000: "50000000 bytes (47.7 MiB)",
	} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q; want %q", n, got, want)
		}
	}
}

// TestWriteFile checks that WriteFile replaces a file whole, with its mode,
// and leaves no temporary file behind, also when it fails.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "ledger.json")
	for _, data := range []string{"first, longer content", "second"} {
		if err := WriteFile(name, []byte(data), 0o444); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != data {
			t.Fatalf("read %q, %v; want %q", got, err, data)
		}
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o444 {
		t.Errorf("mode %v, %v; want 0444", fi.Mode(), err)
	}
	if err := WriteFile(filepath.Join(dir, "missing", "x"), []byte("x"), 0o644); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(filepath.Join(dir, "folder"), []byte("x"), 0o644); err == nil {
		t.Error("replacing a folder succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d entries, want ledger.json and folder: a temporary file was left", len(entries))
	}
}

// TestReadAgain: reading a file again never blocks and never reads a
// special file or more than the limit; it reads what is at the path, and
// leaves it to the caller to hold that to what was read first.
func TestReadAgain(t *testing.T) {
	root := t.TempDir()
	write(t, root, "issues/01.md", "the record")
	write(t, root, "issues/big.md", strings.Repeat("x", 100))
	mkfifo(t, filepath.Join(root, "issues", "pipe.md"))
	if err := os.MkdirAll(filepath.Join(root, "issues", "dir.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := ReadAgain(root, "issues/01.md", 64, nil)
	if err != nil || string(got) != "the record" {
		t.Errorf("ReadAgain = %q, %v; want the file", got, err)
	}
	buf := make([]byte, 0, 64)
	if got, _ := ReadAgain(root, "issues/01.md", 64, buf); &got[0] != &buf[:1][0] {
		t.Error("ReadAgain did not read into the buffer it was given")
	}
	for _, tt := range []struct {
		file string
		want error
	}{
		{"issues/pipe.md", ErrNotRegular},
		{"issues/dir.md", ErrNotRegular},
		{"issues/big.md", ErrTooLarge},
		{"../outside.md", fs.ErrInvalid},
		{"issues/missing.md", fs.ErrNotExist},
	} {
		within(t, func() {
			_, err := ReadAgain(root, tt.file, 64, nil)
			if !errors.Is(err, tt.want) {
				t.Errorf("ReadAgain(%s): err = %v, want %v", tt.file, err, tt.want)
			}
		})
	}
}
