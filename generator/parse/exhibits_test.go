package parse

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"

	"pcdocket/generator/diag"
)

// withExhibits lists exhibits in issue 1 of the basic practice.
func withExhibits(t *testing.T, root, list string) {
	t.Helper()
	s := readTestdata(t, issueFile)
	edited := strings.Replace(s, "\nquestion:", "\nexhibits:\n"+list+"question:", 1)
	if edited == s {
		t.Fatal("testdata: the issue has no question key")
	}
	writeFile(t, root, issueFile, edited)
}

// TestExhibits reads exhibit folders: the files of exhibits/issue-1/ are
// hashed and matched to the list in the order given; the case's own papers
// beside them are not read; a misnamed issue folder, a folder in an
// exhibit folder, a file refused by the sourcefile rules and a file over
// the exhibits' limit are reported.
func TestExhibits(t *testing.T) {
	const dir = caseDir + "/exhibits"
	letter, email := "%PDF-1.4 a letter\n", "From: A\n\nHello.\n"
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }

	t.Run("listed and hashed", func(t *testing.T) {
		root := copyPractice(t)
		writeFile(t, root, dir+"/issue-1/letter.pdf", letter)
		writeFile(t, root, dir+"/issue-1/email.txt", email)
		writeFile(t, root, dir+"/order.pdf", "the case's own paper")
		writeFile(t, root, dir+"/2025/notes.md", "not an issue's folder")
		writeFile(t, root, dir+"/issue-1/.DS_Store", "scratch")
		withExhibits(t, root, "  - email.txt\n  - file: letter.pdf\n    title: The letter\n    shareable: true\n")
		p, diags := dirWithin(t, root)
		if len(diags) != 0 {
			t.Fatalf("findings:\n%v", diags)
		}
		c := p.Case("2026-fam-0001")
		if len(c.ExhibitFolders) != 1 || c.ExhibitFolders[0].Number != 1 || len(c.ExhibitFolders[0].Files) != 2 {
			t.Fatalf("exhibit folders: %+v", c.ExhibitFolders)
		}
		ex := c.Issue(1).Exhibits
		if len(ex) != 2 {
			t.Fatalf("exhibits: %+v", ex)
		}
		for i, want := range []struct {
			label, file, sum, path string
			size                   int64
			shared                 bool
		}{
			{"A", "email.txt", sum(email), dir + "/issue-1/email.txt", int64(len(email)), false},
			{"B", "letter.pdf", sum(letter), dir + "/issue-1/letter.pdf", int64(len(letter)), true},
		} {
			e := ex[i]
			if e.Label != want.label || e.File != want.file || e.SHA256 != want.sum || e.Path != want.path || e.Size != want.size || e.Shareable != want.shared {
				t.Errorf("exhibit %d = %+v, want %+v", i, e, want)
			}
		}
		if ex[1].Title != "The letter" || ex[1].Name() != "The letter" || ex[0].Name() != "email.txt" {
			t.Errorf("titles: %+v", ex)
		}
	})
	t.Run("missing file is left to check", func(t *testing.T) {
		root := copyPractice(t)
		withExhibits(t, root, "  - gone.pdf\n")
		p, diags := dirWithin(t, root)
		if len(diags) != 0 {
			t.Fatalf("findings:\n%v", diags)
		}
		if e := p.Case("2026-fam-0001").Issue(1).Exhibits[0]; e.Found() || e.Path != "" || e.Label != "A" {
			t.Errorf("a missing exhibit read as %+v", e)
		}
	})
	t.Run("misnamed folder", func(t *testing.T) {
		root := copyPractice(t)
		writeFile(t, root, dir+"/Issue-01/letter.pdf", letter)
		_, diags := dirWithin(t, root)
		has(t, diags, dir+`/Issue-01: exhibit folder "Issue-01": name it issue-1,`)
	})
	t.Run("folder in an exhibit folder", func(t *testing.T) {
		root := copyPractice(t)
		writeFile(t, root, dir+"/issue-1/scans/page1.png", "png")
		_, diags := dirWithin(t, root)
		if len(diags) != 1 || diags[0].Severity != diag.Warning || !strings.HasPrefix(diags[0].String(), dir+"/issue-1/scans: warning: pcdocket reads the files of an exhibit folder") {
			t.Errorf("findings:\n%v", diags)
		}
	})
	t.Run("named pipe", func(t *testing.T) {
		root := copyPractice(t)
		writeFile(t, root, dir+"/issue-1/x.txt", "x")
		replace(t, root, dir+"/issue-1/pipe.txt", func(p string) { mkfifo(t, p) })
		_, diags := dirWithin(t, root)
		has(t, diags, dir+"/issue-1/pipe.txt: ")
	})
	t.Run("link outside", func(t *testing.T) {
		root := copyPractice(t)
		outside := t.TempDir()
		writeFile(t, outside, "secret.txt", "secret")
		writeFile(t, root, dir+"/issue-1/x.txt", "x")
		symlink(t, filepath.Join(outside, "secret.txt"), filepath.Join(root, filepath.FromSlash(dir+"/issue-1/secret.txt")))
		p, diags := dirWithin(t, root)
		has(t, diags, dir+"/issue-1/secret.txt: a symbolic link to ")
		for _, f := range p.Case("2026-fam-0001").ExhibitFolders[0].Files {
			if f.Name == "secret.txt" {
				t.Error("the file outside was hashed")
			}
		}
	})
	t.Run("over the exhibits' limit", func(t *testing.T) {
		root := copyPractice(t)
		writeFile(t, root, PracticeFile, readTestdata(t, PracticeFile)+"limits:\n  max_exhibit_bytes: 10\n")
		writeFile(t, root, dir+"/issue-1/letter.pdf", letter)
		_, diags := dirWithin(t, root)
		has(t, diags, dir+"/issue-1/letter.pdf: the exhibit is 18 bytes, over the exhibits' limit of 10 bytes")
		has(t, diags, dir+"/issue-1/letter.pdf: the exhibit is 18 bytes, over the exhibits' limit of 10 bytes: pcdocket copies every exhibit into the private site; reduce the file (a scan at a lower resolution), or raise the limit in practice.yaml (limits: max_exhibit_bytes: 1048576")
	})
}

func TestExhibitFolderNumber(t *testing.T) {
	for _, tt := range []struct {
		name          string
		n             int
		canonical, ok bool
	}{
		{"issue-3", 3, true, true},
		{"issue-12", 12, true, true},
		{"Issue-3", 3, false, true},
		{"issue_03", 3, false, true},
		{"issue 3", 3, false, true},
		{"issue3", 3, false, true},
		{"issue-0", 0, false, false},
		{"issue-", 0, false, false},
		{"issues", 0, false, false},
		{"3", 0, false, false},
		{"papers", 0, false, false},
		{"issue-3a", 0, false, false},
		{"issue-99999999999", 0, false, false},
	} {
		n, canonical, ok := exhibitFolderNumber(tt.name)
		if n != tt.n || canonical != tt.canonical || ok != tt.ok {
			t.Errorf("exhibitFolderNumber(%q) = %d, %v, %v; want %d, %v, %v", tt.name, n, canonical, ok, tt.n, tt.canonical, tt.ok)
		}
	}
}
