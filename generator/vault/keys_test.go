package vault_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"pcdocket/generator/vault"
)

// writeKeys writes a keys file with exactly mode perm (whatever the umask).
func writeKeys(t *testing.T, dir, name, body string, perm os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, perm); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestKeysFileMode: a keys file other users may read or write is refused,
// as ssh refuses such a private key, with the command that fixes it.
func TestKeysFileMode(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("file modes do not say who may read a file here")
	}
	practiceDir, dir := t.TempDir(), t.TempDir()
	body := `{"coordinator": "` + coordPass + `"}`
	for _, tc := range []struct {
		name string
		perm os.FileMode
		want string // the error, with %[1]s for the path; "" for none
	}{
		{"keys.json", 0o600, ""},
		{"keys.json", 0o400, ""},
		{"keys.json", 0o644, "keys file %[1]s is readable by others (mode 0644): run chmod 600 %[1]s"},
		{"keys.json", 0o640, "keys file %[1]s is readable by others (mode 0640): run chmod 600 %[1]s"},
		{"keys.json", 0o604, "keys file %[1]s is readable by others (mode 0604): run chmod 600 %[1]s"},
		{"keys.json", 0o620, "keys file %[1]s is writable by others (mode 0620): run chmod 600 %[1]s"},
		{"keys.json", 0o602, "keys file %[1]s is writable by others (mode 0602): run chmod 600 %[1]s"},
		{"my keys.json", 0o666, "keys file %[1]s is readable by others (mode 0666): run chmod 600 '%[1]s'"},
	} {
		t.Run(fmt.Sprintf("%s %04o", tc.name, tc.perm), func(t *testing.T) {
			p := writeKeys(t, dir, tc.name, body, tc.perm)
			ps, err := vault.ReadKeysFile(p, practiceDir)
			if tc.want == "" {
				if err != nil || ps.Coordinator != coordPass {
					t.Errorf("mode %04o: %v", tc.perm, err)
				}
				return
			}
			if want := fmt.Sprintf(tc.want, p); err == nil || err.Error() != want {
				t.Errorf("error %v\nwant      %s", err, want)
			}
		})
	}
}

// TestKeysFileErrorsNeverQuote: a mistake in a keys file is reported with
// its line and column and what kind of mistake it is, and the message
// holds no character of the passphrase next to it: encoding/json's own
// messages quote the offending character or key.
func TestKeysFileErrorsNeverQuote(t *testing.T) {
	const pass = `|~^;<>!=` // characters no message of ours has
	dir, practiceDir := t.TempDir(), t.TempDir()
	for _, tc := range []struct {
		name, body string
		want       []string // every line of the error, after "keys.json:"
	}{
		{"opening quote missing", "{\n  \"coordinator\": " + pass + "\"\n}",
			[]string{"2:18: not valid JSON: a value is expected here: a string in double quotes, or an object in braces"}},
		{"passphrase as a key", `{"` + pass + `": "x"}`,
			[]string{`1:2: unknown key in the keys file: the keys are "coordinator" and "cases"`}},
		{"passphrase as a case's key", `{"cases": {"c1": {"parent_a": "x", "` + pass + `": "y"}}}`,
			[]string{`1:36: unknown key in a case: a case has "parent_a" and "parent_b"`}},
		{"backslash in a passphrase", `{"coordinator": "ab\` + pass + `"}`,
			[]string{`1:21: not valid JSON: a string has an unknown escape after a backslash: write a backslash as \\`}},
		{"tab in a passphrase", "{\"coordinator\": \"" + pass[:3] + "\t" + pass[3:] + "\"}",
			[]string{"1:21: not valid JSON: a string holds a control character such as a tab or a line break: remove it"}},
		{"unquoted after digits", `{"cases": {"c1": {"parent_a": 12` + pass + `}}}`,
			[]string{"1:33: not valid JSON: a comma or a closing brace is expected after the value"}},
		{"comma missing", "{\"coordinator\": \"" + pass + "\"\n \"cases\": {}}",
			[]string{"2:2: not valid JSON: a comma or a closing brace is expected after the value"}},
		{"cut short", `{"coordinator": "` + pass,
			[]string{"1:26: the file ends inside the JSON object: a closing quote, brace or comma is missing"}},
		{"more after the object", `{"coordinator": "x"} ` + pass,
			[]string{"1:22: not valid JSON: there is more after the object's closing brace"}},
		{"every problem at once", "{\"coordinator\": [\"" + pass + "\"],\n \"cases\": {\"c1\": {\"parent_b\": 5, \"parent_c\": \"" + pass + "\"}},\n \"coordinator\": \"" + pass + "\",\n \"extra\": 1}",
			[]string{
				`1:17: "coordinator" must be a string in double quotes, not a list`,
				`2:31: "parent_b" must be a string in double quotes, not a number`,
				`2:34: unknown key in a case: a case has "parent_a" and "parent_b"`,
				`3:2: this key is given twice in the keys file (first on line 1): keep one`,
				`4:2: unknown key in the keys file: the keys are "coordinator" and "cases"`,
			}},
		{"not an object", `["` + pass + `"]`,
			[]string{"1:1: the keys file must be an object in braces, not a list"}},
		{"empty", "", []string{`1:1: the file is empty: write {"coordinator": "…"} or {"cases": {…}}`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeKeys(t, dir, "keys.json", tc.body, 0o600)
			_, err := vault.ReadKeysFile(p, practiceDir)
			if err == nil {
				t.Fatal("no error")
			}
			var want []string
			for _, w := range tc.want {
				want = append(want, "keys file "+p+":"+w)
			}
			if got := err.Error(); got != strings.Join(want, "\n") {
				t.Errorf("error:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
			}
			if i := strings.IndexAny(err.Error(), pass); i >= 0 {
				t.Errorf("the error quotes %q, a character of the passphrase: %v", err.Error()[i], err)
			}
		})
	}
}
