package vault

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var keysPos = regexp.MustCompile(`^keys\.json:(\d+):(\d+): `)

// FuzzKeysFile feeds arbitrary bytes to the keys file decoder: it never
// panics, every error points inside the file, and what it accepts
// encoding/json accepts too, with the same result.
func FuzzKeysFile(f *testing.F) {
	for _, s := range []string{
		`{"coordinator": "correct horse battery", "cases": {"c1": {"parent_a": "alpha lantern", "parent_b": "bravo meadow"}}}`,
		`{"cases": {}}`, `{"coordinator": "a\u00e9\n"}`, `{"coordinator": 1}`, `[]`, ``, `{"x": [1, {"y": null}]}`,
		`{"coordinator": "x", "coordinator": "y"}`, "{\n\"cases\": {\"c\": {\"parent_c\": true}}}", `{"coordinator": "x"} {}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := decodeKeys("keys.json", data)
		if err != nil {
			lines := 1 + bytes.Count(data, []byte("\n"))
			for _, msg := range strings.Split(err.Error(), "\n") {
				m := keysPos.FindStringSubmatch(msg)
				if m == nil {
					t.Fatalf("error without a position: %q", msg)
				}
				if line, _ := strconv.Atoi(m[1]); line < 1 || line > lines {
					t.Fatalf("error on line %d of a %d-line file: %q", line, lines, msg)
				}
			}
			return
		}
		var want Passphrases
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("accepted what encoding/json refuses (%v)", err)
		}
		if len(want.Cases) == 0 && len(ps.Cases) == 0 {
			want.Cases, ps.Cases = nil, nil
		}
		if !reflect.DeepEqual(*ps, want) {
			t.Fatalf("decoded %+v, encoding/json %+v", *ps, want)
		}
	})
}
