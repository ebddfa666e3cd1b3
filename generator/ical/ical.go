// Package ical writes iCalendar files (RFC 5545): calendars of all-day and
// timed events, as a calendar application subscribes to them.
//
// It writes what pcdocket's feeds need and no more: one VCALENDAR of
// VEVENTs, each with a UID, a DTSTAMP, a start (a date, or a time in UTC),
// an optional end or duration, a summary, a description, a URL and
// categories. Output is deterministic: the same calendar gives the same
// bytes, properties in a fixed order.
//
// # Why not a library
//
// github.com/emersion/go-ical does not fold long lines (its maintainer
// declined to: issue 18 of that repository) and has no tagged release;
// github.com/arran4/golang-ical writes LF line ends unless told otherwise,
// keeps parameters in maps, and logs from library code. What a feed needs is
// a hundred lines: content lines folded at 75 octets without splitting a
// UTF-8 sequence (§3.1), TEXT values escaped (§3.3.11), CRLF line ends, and
// dates and UTC times formatted (§3.3.4, §3.3.5). The tests check the
// output against those sections with a strict parser of their own.
package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxLine is the longest content line, in octets without the CRLF, that
// RFC 5545 §3.1 allows before a line is folded.
const MaxLine = 75

// Calendar is one iCalendar object.
type Calendar struct {
	ProdID string // the PRODID: who made the file, "-//pcdocket//Calendar//EN"
	// Name is the calendar's display name (X-WR-CALNAME, which Apple
	// Calendar, Google Calendar, Outlook and Thunderbird read); "" for none.
	Name string
	// TimeZone is the zone the calendar's all-day events are days of
	// (X-WR-TIMEZONE, informational: dates carry no zone); "" for none.
	TimeZone string
	Events   []Event
}

// Event is one VEVENT.
type Event struct {
	UID string // stable across rebuilds: a client updates the event of the same UID
	// Stamp is the DTSTAMP. RFC 5545 asks for the time the object was
	// created; a feed that must be the same bytes for the same input
	// passes a time derived from the input instead (see package site).
	Stamp time.Time
	// AllDay makes Start a date (VALUE=DATE) and the event one whole day:
	// DTEND is the next day, as §3.6.1 describes for anniversaries and
	// day events.
	AllDay bool
	// Start is the event's start: its year, month and day when AllDay,
	// else an instant, written in UTC.
	Start time.Time
	// Duration is a timed event's length; 0 writes no DURATION, and the
	// event ends when it starts (§3.6.1).
	Duration    time.Duration
	Summary     string
	Description string   // "" for none
	URL         string   // a URI, written as is; "" for none
	Categories  []string // "" for none
}

// DateFormat and UTCFormat are the forms of DATE and of a DATE-TIME in UTC
// (RFC 5545 §3.3.4, §3.3.5).
const (
	DateFormat = "20060102"
	UTCFormat  = "20060102T150405Z"
)

// Marshal returns the calendar as an iCalendar file: CRLF line ends, long
// lines folded, TEXT escaped. It fails on an event without a UID or a
// start, which a client would reject.
func (c *Calendar) Marshal() ([]byte, error) {
	var b []byte
	b = AppendLine(b, "BEGIN:VCALENDAR")
	b = AppendLine(b, "VERSION:2.0")
	b = AppendLine(b, "PRODID:"+EscapeText(c.ProdID))
	b = AppendLine(b, "CALSCALE:GREGORIAN")
	if c.Name != "" {
		b = AppendLine(b, "X-WR-CALNAME:"+EscapeText(c.Name))
	}
	if c.TimeZone != "" {
		b = AppendLine(b, "X-WR-TIMEZONE:"+EscapeText(c.TimeZone))
	}
	for i := range c.Events {
		var err error
		if b, err = c.Events[i].append(b); err != nil {
			return nil, err
		}
	}
	return AppendLine(b, "END:VCALENDAR"), nil
}

// AppendEvents appends events as VEVENTs, for a caller that puts a
// calendar together from pieces (a practice feed from its cases' events);
// Marshal is the whole file.
func AppendEvents(b []byte, events []Event) ([]byte, error) {
	for i := range events {
		var err error
		if b, err = events[i].append(b); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (e *Event) append(b []byte) ([]byte, error) {
	if e.UID == "" {
		return nil, fmt.Errorf("ical: event %q has no UID", e.Summary)
	}
	if e.Start.IsZero() {
		return nil, fmt.Errorf("ical: event %s has no start", e.UID)
	}
	b = AppendLine(b, "BEGIN:VEVENT")
	b = AppendLine(b, "UID:"+EscapeText(e.UID))
	b = AppendLine(b, "DTSTAMP:"+e.Stamp.UTC().Format(UTCFormat))
	if e.AllDay {
		y, m, d := e.Start.Date()
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		b = AppendLine(b, "DTSTART;VALUE=DATE:"+day.Format(DateFormat))
		b = AppendLine(b, "DTEND;VALUE=DATE:"+day.AddDate(0, 0, 1).Format(DateFormat))
	} else {
		b = AppendLine(b, "DTSTART:"+e.Start.UTC().Format(UTCFormat))
		if e.Duration > 0 {
			b = AppendLine(b, "DURATION:"+duration(e.Duration))
		}
	}
	b = AppendLine(b, "SUMMARY:"+EscapeText(e.Summary))
	if e.Description != "" {
		b = AppendLine(b, "DESCRIPTION:"+EscapeText(e.Description))
	}
	if e.URL != "" {
		b = AppendLine(b, "URL:"+e.URL)
	}
	if len(e.Categories) > 0 {
		cats := make([]string, len(e.Categories))
		for i, c := range e.Categories {
			cats[i] = EscapeText(c)
		}
		b = AppendLine(b, "CATEGORIES:"+strings.Join(cats, ","))
	}
	b = AppendLine(b, "TRANSP:TRANSPARENT") // a deadline does not make the coordinator busy
	return AppendLine(b, "END:VEVENT"), nil
}

// duration formats d as a DURATION value (§3.3.6) in whole minutes:
// "PT90M", "PT0M".
func duration(d time.Duration) string {
	return "PT" + strconv.Itoa(int(d/time.Minute)) + "M"
}

// EscapeText escapes a TEXT value (RFC 5545 §3.3.11): a backslash, a
// semicolon and a comma are preceded by a backslash, and a line break
// (CRLF, CR or LF) becomes \n. Other control characters, which TEXT does
// not allow, become spaces.
func EscapeText(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		default:
			if c < 0x20 || c == 0x7f {
				c = ' '
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == ';' || c == ',' || c < 0x20 || c == 0x7f {
			return true
		}
	}
	return false
}

// AppendLine appends one content line to b, folded as RFC 5545 §3.1 says:
// no line longer than MaxLine octets before its CRLF, each continuation
// starting with one space, and never between the octets of one UTF-8
// character. An invalid UTF-8 sequence is written as U+FFFD, since iCalendar
// is UTF-8 (§6).
func AppendLine(b []byte, line string) []byte {
	if !utf8.ValidString(line) {
		line = strings.ToValidUTF8(line, "\uFFFD")
	}
	limit := MaxLine // the first line; continuations give one octet to the space
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b = append(b, line[:cut]...)
		b = append(b, "\r\n "...)
		line = line[cut:]
		limit = MaxLine - 1
	}
	b = append(b, line...)
	return append(b, "\r\n"...)
}
