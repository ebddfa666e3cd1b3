package parse

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
	"pcdocket/generator/sourcefile"
)

// An issue's exhibits live in the case's exhibits/ folder, in a folder
// named for the number: content/cases/<case-id>/exhibits/issue-3/
// holds the files of issue 3, whatever its issue file is called, so
// renaming the issue file keeps them. The folder is not named 3 alone: a
// name of digits alone is vim's writability probe (4913), scratch to
// sourcefile.Scratch and so to Classify, the watcher and the incremental
// build at every level of a path. The reader lists every such folder, hashes
// every file of an accepted type (practice.ExhibitType) as it streams,
// never holding one whole, and leaves the rest to package check: a file
// listed but missing, a file not listed, a folder of no issue. Loose files
// in exhibits/ and folders whose names are not numbers are the case's own
// papers, kept without reading, as before issues had exhibits.

// readExhibits reads the exhibit folders of the case folder caseDir.
func (r *reader) readExhibits(root, caseDir string) ([]*practice.ExhibitFolder, diag.List) {
	var diags diag.List
	dir := path.Join(caseDir, ExhibitsDir)
	entries, err := sourcefile.ReadDir(root, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, sourcefile.ErrNotFolder) {
			fileError(&diags, dir, err)
		}
		return nil, diags
	}
	var folders []*practice.ExhibitFolder
	for _, e := range entries {
		name := e.Name()
		if sourcefile.Scratch(name) || !e.IsDir() {
			continue // the case's own papers
		}
		n, canonical, ok := exhibitFolderNumber(name)
		if !ok {
			continue // the case's own papers
		}
		if !canonical {
			diags.Errorf(practice.Pos{File: path.Join(dir, name)}, "exhibit folder %q: name it %s, the issue's number after \"issue-\" without leading zeros, for pcdocket to read it", name, ExhibitFolderName(n))
			continue
		}
		f := &practice.ExhibitFolder{Number: n, Dir: path.Join(dir, name)}
		diags = append(diags, r.readExhibitFolder(root, f)...)
		folders = append(folders, f)
	}
	sort.Slice(folders, func(i, j int) bool { return folders[i].Number < folders[j].Number })
	return folders, diags
}

// readExhibitFolder lists and hashes the files of one exhibit folder.
func (r *reader) readExhibitFolder(root string, f *practice.ExhibitFolder) diag.List {
	var diags diag.List
	entries, err := sourcefile.ReadDir(root, f.Dir)
	if err != nil {
		fileError(&diags, f.Dir, err)
		return diags
	}
	for _, e := range entries {
		name := e.Name()
		rel := path.Join(f.Dir, name)
		if sourcefile.Scratch(name) {
			continue
		}
		if r.ctx != nil && r.ctx.Err() != nil {
			return diags
		}
		if e.IsDir() {
			diags.Warnf(practice.Pos{File: rel}, "pcdocket reads the files of an exhibit folder, not the folders in it: move the files into %s/ itself, and list them under exhibits: in issue %d", f.Dir, f.Number)
			continue
		}
		file := practice.ExhibitFile{Name: name}
		if practice.ExhibitType(name) != "" {
			size, sum, err := hashFile(root, rel, r.exhibitLimit)
			if err != nil {
				exhibitError(&diags, rel, err, r.exhibitLimit)
				continue
			}
			file.Size, file.SHA256 = size, sum
		}
		f.Files = append(f.Files, file)
	}
	sort.Slice(f.Files, func(i, j int) bool { return f.Files[i].Name < f.Files[j].Name })
	return diags
}

// hashFile returns the size and SHA-256 (hex) of the file rel, read by the
// rules of package sourcefile with the given limit, streaming.
func hashFile(root, rel string, limit int64) (int64, string, error) {
	f, err := sourcefile.Open(root, rel, limit)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// exhibitError reports err, met reading the exhibit rel; a file over the
// limit is told of the exhibits' own limit, not of max_file_bytes.
func exhibitError(diags *diag.List, rel string, err error, limit int64) {
	var refused *sourcefile.Error
	if errors.As(err, &refused) && errors.Is(err, sourcefile.ErrTooLarge) {
		raise := (refused.Size + 1<<20) / (1 << 20) * (1 << 20)
		diags.Errorf(practice.Pos{File: rel}, "the exhibit is %s, over the exhibits' limit of %s: pcdocket copies every exhibit into the private site; reduce the file (a scan at a lower resolution), or raise the limit in practice.yaml (limits: max_exhibit_bytes: %d allows %s)",
			sourcefile.Bytes(refused.Size), sourcefile.Bytes(limit), raise, sourcefile.Bytes(raise))
		return
	}
	fileError(diags, rel, err)
}

// ExhibitFolderName is the name of the exhibit folder of issue n: "issue-3".
func ExhibitFolderName(n int) string { return "issue-" + strconv.Itoa(n) }

// exhibitFolderNumber reads an exhibit folder's name: the issue number of
// issue-3 (canonical), or of a name meant so and spelt otherwise (Issue-3,
// issue_03, issue 3: not canonical); ok is false for any other name, a
// folder of the case's own papers.
func exhibitFolderNumber(name string) (n int, canonical, ok bool) {
	if len(name) < 6 || !strings.EqualFold(name[:5], "issue") {
		return 0, false, false
	}
	digits := strings.TrimLeft(name[5:], "-_ ")
	if !allDigits(digits) || len(digits) > 9 {
		return 0, false, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 {
		return 0, false, false
	}
	return n, name == ExhibitFolderName(n), true
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ExhibitDir returns the exhibit folder of issue n of case id,
// content/cases/<id>/exhibits/issue-<n>.
func ExhibitDir(id string, n int) string {
	return CaseDir(id) + "/" + ExhibitsDir + "/" + ExhibitFolderName(n)
}
