package parse

import (
	"errors"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/fees"
	"pcdocket/generator/practice"
)

// ReadLog reads the communications and session log of case id,
// content/cases/<id>/log.txt, alone: the incremental build reads it again
// after an edit of that file without reading the rest of the case. It
// returns nil when the case has none.
func ReadLog(root, id string, limit int64) (*practice.CommLog, diag.List) {
	return newReader(limit).readLog(root, CaseDir(id))
}

// readLog reads the log of the case folder dir, nil when it has none.
func (r *reader) readLog(root, dir string) (*practice.CommLog, diag.List) {
	file := path.Join(dir, practice.LogFile)
	data, err := r.readFile(root, file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		var diags diag.List
		fileError(&diags, file, err)
		return nil, diags
	}
	return ParseLog(file, data)
}

// Log markers: words that may follow the mode, before the summary.
const (
	markPrivate   = "private"
	markScheduled = "scheduled"
	markBill      = "bill"
)

// logHelp is how a log line is written, for the findings.
const logHelp = `write DATE [HH:MM] MODE [DURATION] @WHO... [#ISSUE] [private] [scheduled] [bill] SUMMARY, e.g. 2026-11-03 10:00 session 1h00 @mother @father #4 Joint session on exchanges`

// ParseLog reads a communications and session log. file is its path
// relative to the practice folder, for findings. Every line that cannot be
// read is an error finding at its line, with how to write it; the lines
// that can are returned, in file order. Whether the people and issue
// numbers a line names belong to the case is for package check.
//
// A log holds one entry per line; blank lines and lines starting with "#"
// are skipped:
//
//	2026-11-03  10:00  session  1h00  @mother @father  #4  Joint session on exchanges
//	2026-11-04  call  0h20  @parent_b  private  Asked about the school's calendar
//	2026-11-05  email  @both @"school counselor"  Sent the notice of issue 5
//	2026-12-09  14:00-15:30  court  @both @counsel  scheduled  Review hearing
//	2026-11-06  09:00  call  0h30  @mother  #5  bill  Call on the hockey schedule
func ParseLog(file string, data []byte) (*practice.CommLog, diag.List) {
	l := &practice.CommLog{File: file}
	var diags diag.List
	diag.Lines(&diags, file, data, func(pos practice.Pos, line string) {
		if e, ok := logLine(&diags, pos, line); ok {
			l.Entries = append(l.Entries, e)
		}
	})
	return l, diags
}

// logLine reads one entry, reporting every problem of the line.
func logLine(diags *diag.List, pos practice.Pos, line string) (practice.LogEntry, bool) {
	e := practice.LogEntry{Line: pos.Line, Clock: -1}
	ok := true
	bad := func(format string, args ...any) {
		diags.Errorf(pos, format, args...)
		ok = false
	}
	ds, rest := logField(line)
	d, err := practice.ParseDate(ds)
	if err != nil {
		bad("%v: every entry starts with its date; %s", err, logHelp)
	}
	e.Date = d

	// An optional time of day, or a span of it, which also gives the
	// duration.
	f, r := logField(rest)
	if strings.Contains(f, ":") {
		rest = r
		from, _, span := strings.Cut(f, "-")
		c, err := fees.ParseClock(from)
		switch {
		case err != nil:
			bad("%q is not a time of day: write HH:MM on a 24-hour clock (14:30), or a span 14:00-15:30", f)
		case span:
			e.Clock = c
			if m, err := fees.ParseDuration(f); err != nil {
				bad("%v", err)
			} else {
				e.Minutes = m
			}
		default:
			e.Clock = c
		}
	}

	mode, rest := logField(rest)
	switch {
	case mode == "":
		bad("the entry has no mode: after the date (and time), write one of %s; %s", strings.Join(practice.LogModes, ", "), logHelp)
		return e, false
	case !isLogMode(mode):
		bad("mode %q is not one of %s%s", mode, strings.Join(practice.LogModes, ", "), diag.DidYouMean(strings.ToLower(mode), practice.LogModes))
	}
	e.Mode = mode

	// Then, in any order: a duration, who took part, the issue and the
	// markers. The first other word starts the summary.
	var gotDuration, gotIssue bool
	for rest != "" {
		if strings.HasPrefix(rest, "@") {
			who, r, err := logPerson(rest)
			rest = r
			switch {
			case err != "":
				bad("%s", err)
			case who.outside:
				e.With = append(e.With, who.name)
				e.Outside = append(e.Outside, who.name)
			default:
				e.With = append(e.With, who.name)
			}
			continue
		}
		f, r := logField(rest)
		switch {
		case f == markPrivate:
			e.Private = true
		case f == markScheduled:
			e.Scheduled = true
		case f == markBill:
			e.Bill = true
		case strings.HasPrefix(f, "#") || issueRef(f):
			id, num, _ := strings.Cut(f, "#")
			e.IssueCase = id
			n, err := strconv.Atoi(num)
			switch {
			case err != nil || n <= 0:
				bad("%q is not an issue number: write # and the issue's number, e.g. #4, or leave it out", f)
			case gotIssue:
				bad("the entry names two issues (#%d and %s): write one entry per issue, or leave the second out", e.Issue, f)
			default:
				e.Issue = n
			}
			gotIssue = true
		case f[0] >= '0' && f[0] <= '9' && strings.Contains(f, ":"):
			bad("the time of day %q goes before the mode: write DATE HH:MM MODE, e.g. 2026-11-03 10:00 session", f)
		case looksLikeDuration(f):
			m, err := fees.ParseDuration(f)
			switch {
			case err != nil:
				bad("%v", err)
			case gotDuration || e.Minutes != 0:
				bad("the entry gives its duration twice (%s and %s): keep one", fees.Hours(e.Minutes), f)
			default:
				e.Minutes = m
			}
			gotDuration = true
		default:
			e.Summary = rest
			rest = ""
			continue
		}
		rest = r
	}

	if len(e.With) == 0 && ok {
		bad("the entry names no one: write who took part after the mode, e.g. @mother @father, @parent_a, @counsel, @both or @\"school counselor\"")
	}
	if e.Summary == "" {
		bad("the entry has no summary: end the line with what was discussed or done, e.g. \"Joint session on exchanges\"")
	}
	if e.Bill && e.Minutes == 0 {
		bad("bill needs the time to charge: give the duration (0h45) or a span of the day (09:00-09:45), or remove bill")
	}
	if e.Bill && e.Scheduled {
		bad("a scheduled entry is not billed: bill it once it is held (remove scheduled), or remove bill")
	}
	return e, ok
}

func isLogMode(s string) bool {
	for _, m := range practice.LogModes {
		if m == s {
			return true
		}
	}
	return false
}

// issueRef reports whether f is an issue written with its case, as
// practice.Issue.ID writes it: 2026-fam-0142-nunez-ward#3.
func issueRef(f string) bool {
	id, num, ok := strings.Cut(f, "#")
	n, err := strconv.Atoi(num)
	return ok && ValidID(id) && err == nil && n > 0
}

// looksLikeDuration reports whether f is meant as a duration: a digit
// first and an h or m in it (1h30, 45m, 0h45).
func looksLikeDuration(f string) bool {
	return f != "" && (f[0] >= '0' && f[0] <= '9' || f[0] == '-') && strings.ContainsAny(f, "hm")
}

// logField splits off the first whitespace-separated field of s.
func logField(s string) (field, rest string) {
	s = strings.TrimLeft(s, " \t")
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeft(s[i:], " \t")
}

type person struct {
	name    string
	outside bool
}

// logPerson reads one participant at the start of s: @word, or
// @"free words" for someone outside the case. It returns the rest of s,
// and a finding's text when the participant cannot be read.
func logPerson(s string) (person, string, string) {
	s = s[1:]
	if strings.HasPrefix(s, `"`) {
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			_, rest := logField(s)
			return person{}, rest, `the quoted name after @" has no closing quote: write @"school counselor"`
		}
		name := strings.TrimSpace(s[1 : 1+end])
		rest := s[2+end:]
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			_, rest = logField(rest)
			return person{}, rest, `put a space after the closing quote of @"…"`
		}
		if name == "" {
			return person{}, strings.TrimLeft(rest, " \t"), `@"" names no one: write who took part between the quotes`
		}
		return person{name: name, outside: true}, strings.TrimLeft(rest, " \t"), ""
	}
	name, rest := logField(s)
	if s == "" || s[0] == ' ' || s[0] == '\t' {
		return person{}, rest, "@ names no one: write who took part right after it, e.g. @mother"
	}
	return person{name: name}, rest, ""
}
