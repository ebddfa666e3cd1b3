package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"pcdocket/generator/parse"
	"pcdocket/generator/sourcefile"
	"strings"
)

// The output folder's layout. A build writes a whole new tree into a fresh
// folder .build-XXXX and then switches the link "current" to it with one
// rename, the only step that publishes anything. private and public are
// links through "current", so a reader of OUTPUT/private/… always sees one
// complete build, private and public from the same one, and a build killed
// at any instant leaves either the old tree or the new one.
//
//	OUTPUT/.pcdocket-output   marker: pcdocket owns this folder
//	OUTPUT/current          -> .build-XXXX
//	OUTPUT/private          -> current/private
//	OUTPUT/public           -> current/public
//	OUTPUT/.build-XXXX/       the published build (and, during a build, the next)
const (
	markerFile    = ".pcdocket-output"
	currentLink   = "current"
	buildPrefix   = ".build-"
	nextLinkName  = ".current-next"
	legacyOldPref = ".old-" // the swap folders of builds before the link layout
	// lockFile is the file two builds into one output folder lock, so that
	// one never removes the other's build folder as stale.
	lockFile = ".pcdocket-lock"
)

const markerText = `This folder is written by pcdocket build. Every build replaces
private/ and public/; do not keep your own files here.
`

// An OutputError is a refusal to use an output folder, given before
// anything is written.
type OutputError struct {
	Dir    string // the output folder as given
	Reason string // why, and what to do instead
}

func (e *OutputError) Error() string {
	return fmt.Sprintf("output folder %s: %s", e.Dir, e.Reason)
}

// sourceNames are the practice root's entries that hold the coordinator's
// own files. An output folder may not be one of them, lie inside one, or
// contain the root.
var sourceNames = []string{parse.PracticeFile, parse.ContentDir, parse.TemplatesDir, parse.JurisdictionsDir, ".git"}

// CheckOutput refuses an output folder that would overwrite the practice's
// sources or files pcdocket did not write, before anything is touched:
//   - the practice root itself, a folder that contains it, or one inside
//     its sources (content/, templates/, practice.yaml, …): the build
//     replaces private/ and public/ there, and content/public/ is the
//     public site's own pages;
//   - an existing folder with files in it but no marker of an earlier
//     pcdocket build, unless force is set.
func CheckOutput(source, out string, force bool) error {
	root, err := sourcefile.Resolve(source)
	if err != nil {
		return fmt.Errorf("practice folder %s: %w", source, err)
	}
	dst, err := sourcefile.Resolve(out)
	if err != nil {
		return &OutputError{out, err.Error()}
	}
	switch {
	case dst == root:
		return &OutputError{out, "it is the practice folder itself, whose files a build would overwrite; use the default output/ or a folder outside the sources"}
	case inside(root, dst):
		return &OutputError{out, "it contains the practice folder; choose a folder of its own, such as " + filepath.Join(source, "output")}
	}
	for _, name := range sourceNames {
		if inside(dst, filepath.Join(root, name)) {
			return &OutputError{out, fmt.Sprintf("it is inside the practice's %s, which holds the coordinator's own files; use the default output/ or a folder outside the sources", name)}
		}
	}
	if force {
		return nil
	}
	entries, err := os.ReadDir(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &OutputError{out, err.Error()}
	}
	if len(entries) == 0 || hasMarker(out) || legacyOutput(out, entries) {
		return nil
	}
	return &OutputError{out, fmt.Sprintf("it holds files pcdocket did not write (%s, …) and a build replaces private/ and public/ in it; choose an empty or new folder, or pass --force to use it anyway", entries[0].Name())}
}

// inside reports whether path is dir or inside it; both are resolved
// (sourcefile.Resolve), and so clean and absolute.
func inside(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

func hasMarker(out string) bool {
	fi, err := os.Lstat(filepath.Join(out, markerFile))
	return err == nil && fi.Mode().IsRegular()
}

// legacyOutput recognizes the output of pcdocket before it wrote a marker:
// private/ with an index page, and nothing but public/ and its swap folders
// beside it.
func legacyOutput(out string, entries []os.DirEntry) bool {
	for _, e := range entries {
		n := e.Name()
		if n != PrivateDir && n != PublicDir && !strings.HasPrefix(n, buildPrefix) && !strings.HasPrefix(n, legacyOldPref) {
			return false
		}
	}
	_, err := os.Stat(filepath.Join(out, PrivateDir, "index.html"))
	return err == nil
}

// publishFiles renders files into a fresh folder inside out and publishes
// them with one rename of out/current. If anything fails before that
// rename, what out showed is untouched. Folders left by builds that were
// killed are removed first, and the build it replaces right after: a
// plain-text private site never outlives the next build, which matters when
// that build is encrypted.
func publishFiles(ctx context.Context, out string, files []File, once *oneOff) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	unlock, err := lockOutput(out)
	if err != nil {
		return err
	}
	defer unlock()
	if err := os.WriteFile(filepath.Join(out, markerFile), []byte(markerText), 0o644); err != nil {
		return err
	}
	if err := removeStale(out); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(out, buildPrefix)
	if err != nil {
		return err
	}
	// MkdirTemp makes the folder 0700: a web server must still reach
	// public/ through it; private/ inside is 0700 itself.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	published := false
	defer func() {
		if !published {
			os.RemoveAll(tmp)
		}
	}()
	if err := writeFiles(ctx, tmp, files, once); err != nil {
		return err
	}
	for _, d := range []string{PrivateDir, PublicDir} {
		if err := os.MkdirAll(filepath.Join(tmp, d), dirMode(d)); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := publish(out, tmp); err != nil {
		return err
	}
	published = true
	return removeStale(out)
}

// removeStale deletes every build folder but the published one, and the
// swap folders of older layouts: what builds killed mid-way left behind.
func removeStale(out string) error {
	cur, _ := os.Readlink(filepath.Join(out, currentLink))
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	for _, e := range entries {
		n := e.Name()
		stale := (strings.HasPrefix(n, buildPrefix) && n != cur) || strings.HasPrefix(n, legacyOldPref) || n == nextLinkName
		if !stale {
			continue
		}
		if err := os.RemoveAll(filepath.Join(out, n)); err != nil {
			return fmt.Errorf("removing a folder left by an interrupted build: %w", err)
		}
	}
	return nil
}

// dirMode is the mode of a folder of the site d: the private site is the
// coordinator's alone (0700), the public one readable by a web server.
func dirMode(d string) os.FileMode {
	if d == PublicDir {
		return 0o755
	}
	return 0o700
}

// fileMode is the mode of a file of the site d; see dirMode.
func fileMode(d string) os.FileMode {
	if d == PublicDir {
		return 0o644
	}
	return 0o600
}

// siteOf is the first element of a slash path: the site a file belongs to.
func siteOf(p string) string {
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return p
}
