// Package icaltest reads iCalendar files strictly, for tests: it rejects
// what RFC 5545 forbids or what a feed of package ical must never hold, so
// that a test that parses a feed back checks the writer too.
package icaltest

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Prop is one property: its name, parameters and raw value (TEXT still
// escaped; see Text).
type Prop struct {
	Name   string
	Params map[string]string
	Value  string
}

// Component is one BEGIN/END block and what it holds.
type Component struct {
	Name  string
	Props []Prop
	Comps []*Component
}

// Get returns the first property called name, and whether there is one.
func (c *Component) Get(name string) (Prop, bool) {
	for _, p := range c.Props {
		if p.Name == name {
			return p, true
		}
	}
	return Prop{}, false
}

// Parse reads one VCALENDAR. It fails on: a line end other than CRLF, a
// physical line longer than 75 octets, a fold that splits a UTF-8 character
// or is not valid UTF-8, a content line without a name or a colon, an
// unbalanced BEGIN/END, anything after the END of the calendar, a TEXT
// value with a bad escape, and, in each VEVENT, a missing or repeated UID,
// DTSTAMP or DTSTART, or a DTSTAMP, DTSTART or DTEND of the wrong form.
func Parse(data []byte) (*Component, error) {
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		return nil, fmt.Errorf("the file does not end with CRLF")
	}
	phys := strings.Split(string(data[:len(data)-2]), "\r\n")
	var lines []string
	for i, l := range phys {
		if strings.ContainsAny(l, "\r\n") {
			return nil, fmt.Errorf("line %d: a bare CR or LF", i+1)
		}
		if len(l) > 75 {
			return nil, fmt.Errorf("line %d: %d octets, more than 75", i+1, len(l))
		}
		if !utf8.ValidString(l) {
			return nil, fmt.Errorf("line %d: not UTF-8, or a fold splits a character", i+1)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				return nil, fmt.Errorf("line %d: a continuation with nothing before it", i+1)
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []*Component
	var root *Component
	for i, l := range lines {
		p, err := parseLine(l)
		if err != nil {
			return nil, fmt.Errorf("content line %d: %w", i+1, err)
		}
		if root != nil && len(stack) == 0 {
			return nil, fmt.Errorf("content line %d: %s after the end of the calendar", i+1, p.Name)
		}
		switch p.Name {
		case "BEGIN":
			c := &Component{Name: p.Value}
			if len(stack) == 0 {
				if p.Value != "VCALENDAR" {
					return nil, fmt.Errorf("content line %d: the file begins %s, not VCALENDAR", i+1, p.Value)
				}
				root = c
			} else {
				top := stack[len(stack)-1]
				top.Comps = append(top.Comps, c)
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].Name != p.Value {
				return nil, fmt.Errorf("content line %d: END:%s closes nothing open", i+1, p.Value)
			}
			if err := validate(stack[len(stack)-1]); err != nil {
				return nil, err
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("content line %d: %s outside the calendar", i+1, p.Name)
			}
			top := stack[len(stack)-1]
			top.Props = append(top.Props, p)
		}
	}
	if root == nil || len(stack) != 0 {
		return nil, fmt.Errorf("the calendar is not closed")
	}
	return root, nil
}

func parseLine(l string) (Prop, error) {
	colon := strings.IndexByte(l, ':') // parameter values here are never quoted
	if colon <= 0 {
		return Prop{}, fmt.Errorf("%q: no name and colon", l)
	}
	head, value := l[:colon], l[colon+1:]
	parts := strings.Split(head, ";")
	p := Prop{Name: parts[0], Value: value}
	for _, c := range parts[0] {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return Prop{}, fmt.Errorf("%q: bad property name", parts[0])
		}
	}
	for _, kv := range parts[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return Prop{}, fmt.Errorf("%q: bad parameter %q", l, kv)
		}
		if p.Params == nil {
			p.Params = map[string]string{}
		}
		p.Params[k] = v
	}
	return p, nil
}

// textProps are the properties whose value is TEXT in the feeds.
var textProps = map[string]bool{"UID": true, "SUMMARY": true, "DESCRIPTION": true, "PRODID": true, "X-WR-CALNAME": true, "X-WR-TIMEZONE": true, "CATEGORIES": true}

func validate(c *Component) error {
	for _, p := range c.Props {
		var err error
		switch {
		case p.Name == "CATEGORIES":
			_, err = TextList(p.Value)
		case textProps[p.Name]:
			_, err = Text(p.Value)
		}
		if err != nil {
			return fmt.Errorf("%s %s: %w", c.Name, p.Name, err)
		}
	}
	if c.Name != "VEVENT" {
		return nil
	}
	count := map[string]int{}
	for _, p := range c.Props {
		count[p.Name]++
	}
	uid, _ := c.Get("UID")
	for _, name := range []string{"UID", "DTSTAMP", "DTSTART"} {
		if count[name] != 1 {
			return fmt.Errorf("VEVENT %s: %d %s properties, want 1", uid.Value, count[name], name)
		}
	}
	if count["DTEND"] > 0 && count["DURATION"] > 0 {
		return fmt.Errorf("VEVENT %s: both DTEND and DURATION", uid.Value)
	}
	stamp, _ := c.Get("DTSTAMP")
	if _, err := time.Parse("20060102T150405Z", stamp.Value); err != nil {
		return fmt.Errorf("VEVENT %s: DTSTAMP %q is not a UTC date-time", uid.Value, stamp.Value)
	}
	start, _ := c.Get("DTSTART")
	s, err := When(start)
	if err != nil {
		return fmt.Errorf("VEVENT %s: DTSTART: %w", uid.Value, err)
	}
	if end, ok := c.Get("DTEND"); ok {
		e, err := When(end)
		if err != nil {
			return fmt.Errorf("VEVENT %s: DTEND: %w", uid.Value, err)
		}
		if end.Params["VALUE"] != start.Params["VALUE"] || !e.After(s) {
			return fmt.Errorf("VEVENT %s: DTEND %s is not of DTSTART's type or not after it", uid.Value, end.Value)
		}
	}
	return nil
}

// When reads a DTSTART or DTEND: a DATE when VALUE=DATE, else a DATE-TIME
// in UTC (the feeds write no floating or zoned times).
func When(p Prop) (time.Time, error) {
	if p.Params["VALUE"] == "DATE" {
		return time.Parse("20060102", p.Value)
	}
	if len(p.Params) != 0 {
		return time.Time{}, fmt.Errorf("unexpected parameters %v", p.Params)
	}
	return time.Parse("20060102T150405Z", p.Value)
}

// Text unescapes a TEXT value (RFC 5545 §3.3.11), failing on an escape the
// RFC does not define, or on an unescaped comma or semicolon.
func Text(v string) (string, error) {
	list, err := TextList(v)
	if err != nil {
		return "", err
	}
	if len(list) != 1 {
		return "", fmt.Errorf("%q: an unescaped comma", v)
	}
	return list[0], nil
}

// TextList unescapes a list of TEXT values separated by commas, as
// CATEGORIES holds.
func TextList(v string) ([]string, error) {
	var list []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch c {
		case '\\':
			if i+1 == len(v) {
				return nil, fmt.Errorf("%q: a backslash at the end", v)
			}
			i++
			switch v[i] {
			case '\\', ';', ',':
				b.WriteByte(v[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				return nil, fmt.Errorf("%q: unknown escape \\%c", v, v[i])
			}
		case ';':
			return nil, fmt.Errorf("%q: an unescaped semicolon", v)
		case ',':
			list = append(list, b.String())
			b.Reset()
		default:
			if c < 0x20 && c != '\t' || c == 0x7f {
				return nil, fmt.Errorf("%q: a control character", v)
			}
			b.WriteByte(c)
		}
	}
	return append(list, b.String()), nil
}
