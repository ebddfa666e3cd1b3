package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"pcdocket/generator/practice"
	"pcdocket/generator/site"
	"pcdocket/generator/sourcefile"
)

// exhibitFiles returns one file per exhibit found: its copy in the private
// site at site.ExhibitHref (in the case's folder when shareable, else
// under exhibits/, which an encrypted site opens to the coordinator
// alone). A copy is streamed from the practice folder when it is
// rendered, and depends on its issue, which an incremental build marks
// changed whenever the case's exhibits change.
func exhibitFiles(p *practice.Practice, source string) []File {
	limit := p.MaxExhibitBytes()
	var files []File
	for _, is := range p.Issues() {
		for i := range is.Exhibits {
			e := &is.Exhibits[i]
			if !e.Found() {
				continue // check reports it, and the build stops
			}
			src, sum := e.Path, e.SHA256
			files = append(files, File{
				Path:   PrivateDir + "/" + site.ExhibitHref(is, e),
				Deps:   []site.Dep{site.DepIssue(is)},
				Render: func(w io.Writer) error { return copyExhibit(w, source, src, limit, sum) },
			})
		}
	}
	return files
}

// copyExhibit copies the exhibit src to w, by the rules of package
// sourcefile, and fails if its bytes are no longer the ones hashed when
// the practice was read: the issue page and the documents print that
// hash, and a copy that does not match it must not be published.
func copyExhibit(w io.Writer, root, src string, limit int64, sum string) error {
	f, err := sourcefile.Open(root, src, limit)
	if err != nil {
		return fmt.Errorf("exhibit: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(w, h), f); err != nil {
		return fmt.Errorf("exhibit %s: %w", src, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return fmt.Errorf("exhibit %s changed while the build was running (SHA-256 %s, read as %s): build again", src, got, sum)
	}
	return nil
}
