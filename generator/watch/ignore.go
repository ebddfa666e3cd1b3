package watch

import (
	"path"
	"strings"
)

// Ignored reports whether a file name is an editor's or the system's scratch
// file rather than the coordinator's content, so that saving a file causes a
// rebuild for the file itself and not for its temporaries. It knows:
//
//   - vim: the "4913" probe file (and the numbers vim tries after it), swap
//     files .name.swp, .swo, .swx and the rest of .sw[a-p];
//   - emacs: autosaves #name# and lock links .#name;
//   - backups ending in ~ (vim, emacs, gedit);
//   - JetBrains safe writes: name___jb_tmp___ and name___jb_old___;
//   - GNOME (gedit, GIO): .goutputstream-XXXXXX;
//   - any other dotfile (.DS_Store, .git, editors' .name.tmp files), which
//     package parse never reads either.
func Ignored(name string) bool {
	name = path.Base(name)
	switch {
	case name == "" || name == "." || name == "/":
		return false
	case strings.HasPrefix(name, "."): // .#x, .x.swp, .goutputstream-*, .DS_Store
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	case strings.HasSuffix(name, "~"):
		return true
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	case allDigits(name): // vim's 4913, 5036, ...: a writability probe
		return true
	case isSwap(path.Ext(name)):
		return true
	}
	return false
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// isSwap reports whether ext is one of vim's swap extensions, .swa to .swp.
func isSwap(ext string) bool {
	return len(ext) == 4 && strings.HasPrefix(ext, ".sw") && ext[3] >= 'a' && ext[3] <= 'p'
}

// input reports whether rel, a slash path relative to the practice folder,
// can be an input of the build: practice.yaml, or anything under content/,
// templates/ or jurisdictions/. The output folder, .git and files beside the
// practice are not.
func input(rel string) bool {
	first, _, _ := strings.Cut(rel, "/")
	switch first {
	case "content", "templates", "jurisdictions":
		return true
	}
	return rel == "practice.yaml"
}
