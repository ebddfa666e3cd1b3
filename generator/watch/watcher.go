package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"pcdocket/generator/parse"
	"pcdocket/generator/sourcefile"
)

// DefaultDebounce is how long the watcher waits after the last event of a
// burst before it reports the burst: long enough to take in an editor's
// whole save (temporary file, rename, backup) or a git checkout, short
// enough to feel immediate.
const DefaultDebounce = 75 * time.Millisecond

// DefaultSettle is how long the watcher waits after the last event of a
// save of one source file before it reports it. A save is one file written
// in place (truncate, write: two events microseconds apart) or renamed over
// the old one (one event, the file complete): waiting the whole debounce
// for it was 75 ms of the 180 ms from save to reload at 10,000 issues. The
// few milliseconds take in the write that follows a truncation on a busy
// machine; a save read half-written anyway fails to parse, and the server
// shows its errors only if no good build follows within the debounce
// (Server.rebuild).
const DefaultSettle = 2 * time.Millisecond

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
	settle   time.Duration // the quiet time after a save of one file (DefaultSettle)
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
	w := &Watcher{root: abs, debounce: debounce, settle: min(DefaultSettle, debounce), fsw: fsw, dirs: map[string]bool{}}
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
//
// A batch that is the save of one source file is reported after the short
// settle time; any other (several files, a folder created or removed, a
// file renamed away) after the debounce, so that a checkout or a script's
// burst of writes makes one rebuild rather than one per file.
func (w *Watcher) Run(ctx context.Context, f func(batch []string)) error {
	// pending maps each path of the batch to whether the batch saw it
	// created: such a path that is gone again by the end of the batch
	// came and went (an editor's temporary file saved over the real one,
	// sed -i's copy) and is no change.
	pending := map[string]bool{}
	// saved holds the paths of the batch that events showed being saved
	// (savedFile); other the paths with an event of another kind (removed,
	// renamed away, a folder), but for stray files (scratchLike). The
	// batch is one save when saved holds one path and other at most that
	// one: an editor that renames the old file away to keep it as a backup
	// and writes the new one in its place saves one file too.
	saved, other := map[string]bool{}, map[string]bool{}
	oneSave := func() bool {
		if len(saved) != 1 {
			return false
		}
		for p := range other {
			if !saved[p] {
				return false
			}
		}
		return true
	}
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	note := func(rel string, created, save bool) {
		if len(pending) == 0 {
			first = time.Now()
		}
		if seen, ok := pending[rel]; ok {
			created = seen
		}
		pending[rel] = created
		if save {
			saved[rel] = true
		} else if !scratchLike(rel) {
			other[rel] = true
		}
		wait := w.debounce
		if oneSave() {
			wait = w.settle
		}
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
			paths, save := w.handle(ev)
			for _, rel := range paths {
				note(rel, created, save)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				note(".", false, false)
			}
			// Other errors concern one watch; the next event or rebuild
			// shows whatever they lost.
		case <-timer.C:
			if len(pending) == 0 {
				continue
			}
			batch := w.changes(pending)
			clear(pending)
			clear(saved)
			clear(other)
			if len(batch) > 0 {
				f(batch)
			}
		}
	}
}

// scratchLike reports whether rel is a file that an editor's or a tool's
// save makes beside the file it saves and removes or renames at once
// (sed -i's "sedXXXXXX", "x.md.tmp-1234"): a stray file in a case folder.
// Such a file does not make a save slow; if it stays, the next batch
// reports it.
func scratchLike(rel string) bool {
	return parse.Classify(rel).Kind == parse.KindStray
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
// watches up to date, and says whether the event is the save of a source
// file (savedFile): a write to it, or its creation, which is how a rename
// over it shows.
func (w *Watcher) handle(ev fsnotify.Event) ([]string, bool) {
	if ev.Op == fsnotify.Chmod {
		return nil, false // touch, chmod, a backup tool reading the file
	}
	rel, ok := w.rel(ev.Name)
	if !ok || !input(rel) {
		return nil, false
	}
	if ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) {
		w.forget(ev.Name)
		return []string{rel}, false
	}
	out := []string{rel}
	save := savedFile(rel)
	if ev.Op.Has(fsnotify.Create) {
		st, err := os.Stat(ev.Name)
		switch {
		case err != nil:
			save = false // gone already
		case st.IsDir():
			save = false
			files, _ := w.addTree(ev.Name)
			for _, f := range files {
				if r, ok := w.rel(f); ok {
					out = append(out, r)
				}
			}
		}
	}
	return out, save
}

// savedFile reports whether rel is a source file that an editor saves: the
// practice file, a case or issue file, a public page, a template, a
// jurisdiction profile or a case's ledger. Folders, sealed documents and
// stray files are not.
func savedFile(rel string) bool {
	switch parse.Classify(rel).Kind {
	case parse.KindPractice, parse.KindCase, parse.KindIssue, parse.KindPage,
		parse.KindSealLedger, parse.KindFeeLedger:
		return true
	case parse.KindTemplate, parse.KindJurisdiction:
		return path.Ext(rel) != "" // a file, not the folder itself
	}
	return false
}

func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}
