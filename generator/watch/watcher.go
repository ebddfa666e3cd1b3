package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"pcdocket/generator/sourcefile"
)

// DefaultDebounce is how long the watcher waits after the last event of a
// burst before it reports the burst: long enough to take in an editor's
// whole save (temporary file, rename, backup) or a git checkout, short
// enough to feel immediate.
const DefaultDebounce = 75 * time.Millisecond

// maxWait bounds how long a steady stream of events can hold a batch back.
const maxWait = time.Second

// Watcher watches a practice folder (practice.yaml, content/ and templates/,
// with every folder below them) and reports debounced batches of changed
// paths. fsnotify is not recursive: the Watcher adds a watch for every
// folder, adds new folders as they appear and reports the files already in
// them, and forgets folders that are removed or renamed away.
type Watcher struct {
	root     string
	debounce time.Duration
	fsw      *fsnotify.Watcher
	dirs     map[string]bool // watched folders, absolute
}

// NewWatcher starts watching the practice folder root. A debounce of zero
// means DefaultDebounce. Close the Watcher when done.
func NewWatcher(root string, debounce time.Duration) (*Watcher, error) {
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	w := &Watcher{root: abs, debounce: debounce, fsw: fsw, dirs: map[string]bool{}}
	// The root itself, not recursively: practice.yaml is saved by rename
	// (a watch on the file would die with the old inode), and content/,
	// templates/ or jurisdictions/ may be created later.
	if err := w.add(abs); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, sub := range inputDirs {
		if _, err := w.addTree(filepath.Join(abs, sub)); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// Close stops watching.
func (w *Watcher) Close() error { return w.fsw.Close() }

func (w *Watcher) add(dir string) error {
	if w.dirs[dir] {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	w.dirs[dir] = true
	return nil
}

// addTree watches dir and every folder below it, and returns the files
// already there: a file written between the folder's creation and the watch
// being added raises no event of its own (`mkdir -p a/b && echo > a/b/c`).
func (w *Watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone already: its Remove event follows
			}
			return err
		}
		if p != dir && sourcefile.Scratch(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return w.add(p)
		}
		files = append(files, p)
		return nil
	})
	return files, err
}

// forget drops the watches of dir and every folder below it. inotify drops
// the watch of a removed folder itself, but a renamed folder keeps its watch
// under the old name, which would report wrong paths.
func (w *Watcher) forget(dir string) {
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
			w.fsw.Remove(d) // fails harmlessly when inotify dropped it already
			delete(w.dirs, d)
		}
	}
}

// Run reports batches of changed paths (slash paths relative to the root,
// sorted) to f until ctx is done, calling f from Run's goroutine, one batch
// at a time: events arriving while f runs make the next batch. A batch of
// "." means events were lost (the kernel queue overflowed) and everything
// must be read again. Run returns nil when ctx ends.
func (w *Watcher) Run(ctx context.Context, f func(batch []string)) error {
	// pending maps each path of the batch to whether the batch saw it
	// created: such a path that is gone again by the end of the batch
	// came and went (an editor's temporary file saved over the real one,
	// sed -i's copy) and is no change.
	pending := map[string]bool{}
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	note := func(rel string, created bool) {
		if len(pending) == 0 {
			first = time.Now()
		}
		if seen, ok := pending[rel]; ok {
			created = seen
		}
		pending[rel] = created
		wait := w.debounce
		if rest := maxWait - time.Since(first); rest < wait {
			wait = max(rest, 0)
		}
		timer.Reset(wait)
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			created := ev.Op.Has(fsnotify.Create)
			for _, rel := range w.handle(ev) {
				note(rel, created)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				note(".", false)
			}
			// Other errors concern one watch; the next event or rebuild
			// shows whatever they lost.
		case <-timer.C:
			if len(pending) == 0 {
				continue
			}
			batch := w.changes(pending)
			clear(pending)
			if len(batch) > 0 {
				f(batch)
			}
		}
	}
}

// changes returns the paths of a batch that are changes, sorted: all but
// those created during the batch and gone again at its end.
func (w *Watcher) changes(pending map[string]bool) []string {
	batch := make([]string, 0, len(pending))
	for p, created := range pending {
		if created {
			if _, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(p))); errors.Is(err, fs.ErrNotExist) {
				continue
			}
		}
		batch = append(batch, p)
	}
	sort.Strings(batch)
	return batch
}

// handle turns one event into the changed paths it stands for, keeping the
// watches up to date.
func (w *Watcher) handle(ev fsnotify.Event) []string {
	if ev.Op == fsnotify.Chmod {
		return nil // touch, chmod, a backup tool reading the file
	}
	rel, ok := w.rel(ev.Name)
	if !ok || !input(rel) {
		return nil
	}
	if ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	out := []string{rel}
	if ev.Op.Has(fsnotify.Create) {
		if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
			files, _ := w.addTree(ev.Name)
			for _, f := range files {
				if r, ok := w.rel(f); ok {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}
