package public

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// writeDir renders every page into dir, creating folders as needed, for
// the test that writes the site out to look at (-out). The build writes
// the pages itself, into its own temporary folder.
func writeDir(dir string, pages []Page) error {
	for _, pg := range pages {
		var buf bytes.Buffer
		if err := pg.Render(&buf); err != nil {
			return fmt.Errorf("public site: %s: %w", pg.Path, err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(pg.Path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
