package parse

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"pcdocket/generator/practice"
)

// TestReadRecord holds ReadRecord to the record ReadIssue read, for each
// shape of file a coordinator's editor may save, and to refusing a file
// saved again since.
func TestReadRecord(t *testing.T) {
	front := "---\nnumber: 1\ntitle: T\n---\n"
	tests := []struct {
		name, file string
	}{
		{"plain", front + "## Background\n\nThe record.\n"},
		{"private section", front + "Shared.\n\n## Private\n\nOnly the coordinator.\n\n## Findings\n\nMore.\n"},
		{"crlf and bom", "\xef\xbb\xbf" + "---\r\nnumber: 1\r\ntitle: T\r\n---\r\nLine one.\r\nLine two.\r\n"},
		{"old mac line ends", "---\rnumber: 1\rtitle: T\r---\rA.\rB.\r"},
		{"toml", "+++\nnumber = 1\ntitle = \"T\"\n+++\nThe record.\n"},
		{"blank lines before", "\n\n" + front + "Body.\n"},
		{"no body", front},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			file := "case/issues/01-t.md"
			if err := os.MkdirAll(filepath.Join(root, "case", "issues"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(file)), []byte(tt.file), 0o644); err != nil {
				t.Fatal(err)
			}
			is, diags := ReadIssue(root, file, &practice.Case{ID: "c"}, 0)
			if is == nil {
				t.Fatalf("ReadIssue: %v", diags)
			}
			got, err := ReadRecord(root, &is.Src, 0)
			if err != nil {
				t.Fatalf("ReadRecord: %v", err)
			}
			if got != is.Body {
				t.Errorf("ReadRecord = %q, ReadIssue read %q", got, is.Body)
			}

			// Saved again with another line: refused.
			if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(file)), []byte(tt.file+"More.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = ReadRecord(root, &is.Src, 0)
			var changed *ChangedError
			if !errors.As(err, &changed) || changed.File != file {
				t.Errorf("after a new save: err = %v, want a *ChangedError for %s", err, file)
			}
		})
	}
}
