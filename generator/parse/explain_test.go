package parse

import (
	"strings"
	"testing"

	"pcdocket/generator/practice"
)

// TestSyntaxInPlainWords holds the messages of the common front matter
// mistakes: what to do, at the line at fault, with the parser's own words
// in parentheses.
func TestSyntaxInPlainWords(t *testing.T) {
	const head = "---\nnumber: 3\ncategory: other\nraised_on: 2026-01-01\nclauses: [\"1\"]\nquestion: q\n"
	tests := []struct {
		name, in string
		want     string
	}{
		{"an unquoted colon", head + "title: Pickup: Friday at 6\n---\n",
			`f.md:7: a value containing ": " must be in quotes: write title: "Pickup: Friday at 6" (YAML: mapping values are not allowed in this context)`},
		{"an unquoted colon on the first line", "---\ntitle: Pickup: Friday\n---\n",
			`f.md:2: a value containing ": " must be in quotes: write title: "Pickup: Friday" (YAML: mapping values are not allowed in this context)`},
		{"an unquoted colon nested", head + "title: t\npositions:\n  parent_a: She says: no\n---\n",
			`f.md:9: a value containing ": " must be in quotes: write parent_a: "She says: no" (YAML: mapping values are not allowed in this context)`},
		{"a tab indenting a key", head + "title: t\npositions:\n\tparent_a: x\n---\n",
			`f.md:9: this line is indented with a tab: use spaces, not tabs, to indent (YAML: found character that cannot start any token)`},
		{"a tab among spaces", head + "title: t\npositions:\n  parent_a: x\n \tparent_b: y\n---\n",
			`f.md:10: this line is indented with a tab: use spaces, not tabs, to indent (YAML: found a tab character that violates indentation)`},
		{"indented more than the key above", head + "title: t\n  urgent: true\n---\n",
			`f.md:8: this line is indented more than the key above it, which already has a value: line it up with that key, or indent it under a key that has no value on its line (YAML: mapping values are not allowed in this context)`},
		{"indented between levels", head + "title: t\npositions:\n    parent_a: x\n  parent_b: y\n---\n",
			`f.md:10: this line is indented differently from the keys beside it: indent keys of the same group by the same number of spaces (YAML: did not find expected key)`},
		{"an unclosed double quote", "---\nnumber: 3\ntitle: \"Pickup at six\ncategory: other\nquestion: q\n---\n",
			`f.md:3: the quote " opened on this line is never closed: add the closing " at the end of the value (YAML: found unexpected end of stream)`},
		{"an unclosed single quote", "---\nnumber: 3\ntitle: 'Pickup\ncategory: other\n---\n",
			`f.md:3: the quote ' opened on this line is never closed: add the closing ' at the end of the value (YAML: found unexpected end of stream)`},
		{"a quote left open before a comment", "---\nnumber: 3\ntitle: \"Pickup at six\n# One of: \"x\"\ncategory: other\n---\n",
			`f.md:3: the quote " opened on this line is not closed on it, so the value runs on into the lines below: add the closing " at the end of the value (YAML: did not find expected key)`},
		{"a quote left open before a quoted key", "---\nnumber: 3\ntitle: 'Pickup at six\ncategory: other\nquestion: 'Who drives?'\n---\n",
			`f.md:3: the quote ' opened on this line is not closed on it, so the value runs on into the lines below: add the closing ' at the end of the value (YAML: did not find expected key)`},
		{"a quoted value over two lines, and a mistake below", "---\nnumber: 3\ntitle: \"Pickup\n  at six\"\ncategory: other\n  urgent: true\n---\n",
			`f.md:6: this line is indented more than the key above it, which already has a value: line it up with that key, or indent it under a key that has no value on its line (YAML: mapping values are not allowed in this context)`},
		{"a list item in a map", head + "title: t\n- another clause\n---\n",
			`f.md:8: a list item ("- ...") where a key was expected: put list items under a key that has no value on its line, indented (YAML: did not find expected key)`},
		{"a key among list items", "---\nnumber: 3\nclauses:\n  - \"3.2\"\n  ref: x\n---\n",
			`f.md:5: a key: value line in the middle of a list: start each list item with "- ", or indent the key under the item above it (YAML: did not find expected '-' indicator)`},
		{"a line without a colon", head + "title: t\nthe parents disagree\nurgent: true\n---\n",
			`f.md:8: this line is not a "key: value" line: add the colon after the key, or, if it continues the text of the key above, put that whole text in quotes (YAML: could not find expected ':')`},
		{"text after a closing quote", head + "title: \"Pickup\" at six\n---\n",
			`f.md:7: text after a closing quote: put the whole value inside the quotes (YAML: did not find expected key)`},
		{"a value starting with @", head + "title: @home pickup\n---\n",
			"f.md:7: a value cannot start with @ unquoted: put the value in quotes (YAML: found character that cannot start any token)"},
		{"a value starting with *", head + "title: *urgent* pickup\n---\n",
			"f.md:7: a value cannot start with * unquoted: put the value in quotes (YAML: did not find expected alphabetic or numeric character)"},
		{"a backslash in double quotes", head + "title: \"C:\\Users\\docs\"\n---\n",
			`f.md:7: a backslash inside double quotes starts an escape: use single quotes ('C:\Users'), or write each backslash twice (YAML: did not find expected hexdecimal number)`},
		{"an unquoted colon in a list item", head + "title: t\noutcome:\n  kind: agreement\n  on: 2026-01-02\n  summary: s\n  directives:\n    - Exchanges are at: 5 p.m.\n---\n",
			`f.md:13: outcome.directives[0]: want text, got a set of keys: a text containing ": " must be in quotes: write "Exchanges are at: 5 p.m."`},
		{"toml: unquoted text", "+++\nnumber = 3\ntitle = Pickup\n+++\n",
			`f.md:3: a text value must be in quotes: write key = "text" (TOML: expected value but found "Pickup" instead)`},
		{"toml: yaml's colon", "+++\nnumber = 3\ntitle: \"x\"\n+++\n",
			`f.md:3: TOML front matter (between +++ lines) writes key = value, not key: value; use --- lines to write YAML (TOML: expected '.' or '=', but got ':' instead)`},
		{"toml: unclosed quote", "+++\nnumber = 3\ntitle = \"Pickup\ncategory = \"other\"\n+++\n",
			`f.md:3: a quoted value is not closed on its line: add the closing quote (use """ quotes for text over several lines) (TOML: strings cannot contain newlines)`},
		{"toml: a key twice", "+++\nnumber = 3\nnumber = 4\n+++\n",
			`f.md:3: a key or [table] is given twice: keep one (TOML: Key 'number' has already been defined.)`},
		{"windows-1252 curly quotes", "---\nnumber: 3\ntitle: t\nquestion: \"Who drives\x94\n---\n",
			`f.md:4: column 22: the file is not UTF-8 text (byte 0x94, the closing quote ” in Windows-1252): save it as UTF-8 in your editor ("Save with encoding", or "Reopen with encoding Windows-1252" first)`},
		{"windows-1252 after CRLF lines and UTF-8", "---\r\nnumber: 3\r\ntitle: Zoë\r\nquestion: caf\xe9 \r\n---\r\n",
			`f.md:4: column 14: the file is not UTF-8 text (byte 0xE9, 'é' in Windows-1252): save it as UTF-8 in your editor ("Save with encoding", or "Reopen with encoding Windows-1252" first)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var is practice.Issue
			_, _, diags := FrontMatter("f.md", []byte(tt.in), &is)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// TestPracticeFileInPlainWords: practice.yaml has no delimiters, and the
// same explanations and encoding rules.
func TestPracticeFileInPlainWords(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"bom", "\xef\xbb\xbfname: Miller Mediation\ncoordinator:\n  name: J. Miller\n", ""},
		{"colon", "name: Miller: Mediation\ncoordinator:\n  name: J. Miller\n",
			`practice.yaml:1: a value containing ": " must be in quotes: write name: "Miller: Mediation" (YAML: mapping values are not allowed in this context)`},
		{"cp1252", "name: Miller\ncoordinator:\n  name: J. M\xfcller\n",
			`practice.yaml:3: column 13: the file is not UTF-8 text (byte 0xFC, 'ü' in Windows-1252): save it as UTF-8 in your editor ("Save with encoding", or "Reopen with encoding Windows-1252" first)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var p practice.Practice
			_, diags := new(reader).yamlFile("practice.yaml", []byte(tt.in), &p)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}
