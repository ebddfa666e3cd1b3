// Package diag holds findings: the errors and warnings that parsing and
// checking report about a practice folder, each tied to a file and line.
package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"pcdocket/generator/practice"
)

// Severity tells an error, which stops a build, from a warning, which does not.
type Severity int

// Severities.
const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText makes severities read as words in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// A Finding is one problem in the practice folder.
type Finding struct {
	Pos      practice.Pos
	Severity Severity
	Message  string // what is wrong, and how to fix it
}

// String formats the finding as a compiler does: "file:line: message", with
// "warning: " before the message of a warning.
func (f Finding) String() string {
	if f.Severity == Warning {
		return fmt.Sprintf("%s: warning: %s", f.Pos, f.Message)
	}
	return fmt.Sprintf("%s: %s", f.Pos, f.Message)
}

// List collects findings. The zero List is ready to use.
type List []Finding

// Errorf adds an error at pos.
func (l *List) Errorf(pos practice.Pos, format string, args ...any) {
	*l = append(*l, Finding{pos, Error, fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos practice.Pos, format string, args ...any) {
	*l = append(*l, Finding{pos, Warning, fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any finding is an error.
func (l List) HasErrors() bool {
	for _, f := range l {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and of warnings.
func (l List) Count() (errors, warnings int) {
	for _, f := range l {
		if f.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// Sort orders findings by file, line, then message, and drops exact
// duplicates, so that output is stable whatever order checks ran in.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Message < b.Message
	})
	out := s[:0]
	for i, f := range s {
		if i > 0 && f == s[i-1] {
			continue
		}
		out = append(out, f)
	}
	*l = out
}

// Err returns the list as an error when it holds any error finding, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{l}
}

// ListError is the error a build returns when the practice has errors; its
// findings are there for a caller that wants to print or show them.
type ListError struct{ Findings List }

func (e *ListError) Error() string {
	var errs []string
	for _, f := range e.Findings {
		if f.Severity == Error {
			errs = append(errs, f.String())
		}
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return fmt.Sprintf("%s (and %d more errors)", errs[0], len(errs)-1)
}

// WriteText writes one finding per line.
func (l List) WriteText(w io.Writer) error {
	for _, f := range l {
		if _, err := fmt.Fprintln(w, f); err != nil {
			return err
		}
	}
	return nil
}

type jsonFinding struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// WriteJSON writes the findings as a JSON array of
// {"file", "line", "severity", "message"} objects, for editors and scripts.
func (l List) WriteJSON(w io.Writer) error {
	out := make([]jsonFinding, 0, len(l))
	for _, f := range l {
		out = append(out, jsonFinding{f.Pos.File, f.Pos.Line, f.Severity, f.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
