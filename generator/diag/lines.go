package diag

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"pcdocket/generator/practice"
)

// Lines calls fn with each entry line of a one-entry-a-line text file (the
// fee ledger fees.txt, the log log.txt), trimmed, with its position: the
// two files share these conventions, so a coordinator learns them once. A
// byte-order mark is skipped; blank lines and lines starting with "#" are
// not entries; a line that is not UTF-8 is reported to l and skipped.
func Lines(l *List, file string, data []byte, fn func(pos practice.Pos, line string)) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	for n, raw := range bytes.Split(data, []byte("\n")) {
		pos := practice.Pos{File: file, Line: n + 1}
		if !utf8.Valid(raw) {
			l.Errorf(pos, "this line is not UTF-8 text: save the file as UTF-8")
			continue
		}
		line := strings.TrimSpace(string(raw))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(pos, line)
	}
}
