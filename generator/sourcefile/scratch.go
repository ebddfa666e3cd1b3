package sourcefile

import (
	"path"
	"strings"
)

// Scratch reports whether a file name (or the last element of a slash
// path) is an editor's or the system's scratch file rather than the
// coordinator's content. Package parse skips such files without a word,
// and the watcher does not count them as changes: saving a file rebuilds
// for the file itself, not for its temporaries. It knows:
//
//   - vim: the "4913" probe file (and the numbers vim tries after it), swap
//     files .name.swp, .swo, .swx and the rest of .sw[a-p];
//   - emacs: autosaves #name# and lock links .#name;
//   - backups ending in ~ (vim, emacs, gedit);
//   - JetBrains safe writes: name___jb_tmp___ and name___jb_old___;
//   - GNOME (gedit, GIO): .goutputstream-XXXXXX;
//   - Microsoft Office and LibreOffice locks: ~$name, .~lock.name#;
//   - any other dotfile or dot-folder (.DS_Store, .git, editors' .name.tmp
//     files): a coordinator can keep files of their own in a dot-folder.
func Scratch(name string) bool {
	name = path.Base(name)
	switch {
	case name == "" || name == "." || name == "/":
		return false
	case strings.HasPrefix(name, "."): // .#x, .x.swp, .goutputstream-*, .DS_Store
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	case strings.HasSuffix(name, "~"), strings.HasPrefix(name, "~$"):
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
