package parse

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
)

// The tests here are issue #13's findings on reading a practice: a named
// pipe hung the build, a link published a file from outside the practice,
// and a 50 MB issue file was read whole.

const (
	caseDir   = "content/cases/2026-fam-0001"
	issueFile = caseDir + "/issues/01-exchange.md"
	pageFile  = "content/public/about.md"
)

// copyPractice copies testdata/basic to a fresh folder, with a public page.
func copyPractice(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	err := os.CopyFS(root, os.DirFS(filepath.Join("testdata", "basic")))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, pageFile, "---\ntitle: About\n---\nHello.\n")
	return root
}

func writeFile(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replace removes rel under root and lets make put something in its place.
func replace(t *testing.T, root, rel string, make func(p string)) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.RemoveAll(p); err != nil {
		t.Fatal(err)
	}
	make(p)
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// dirWithin reads root as Dir does, failing the test if that takes more
// than 5 seconds: an opened named pipe blocks until a writer comes, which
// is never.
func dirWithin(t *testing.T, root string) (*practice.Practice, diag.List) {
	t.Helper()
	type result struct {
		p     *practice.Practice
		diags diag.List
	}
	done := make(chan result, 1)
	go func() {
		p, diags := Dir(root)
		done <- result{p, diags}
	}()
	select {
	case r := <-done:
		return r.p, r.diags
	case <-time.After(5 * time.Second):
		t.Fatal("Dir still reading after 5 s: a read blocked")
		return nil, nil
	}
}

// has fails the test unless diags hold an error starting with want.
func has(t *testing.T, diags diag.List, want string) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == diag.Error && strings.HasPrefix(d.String(), want) {
			return
		}
	}
	t.Errorf("no error finding %q in:\n%v", want, diags)
}

func TestDirRefusesSpecialFiles(t *testing.T) {
	const pipe = ": not a regular file (a named pipe): pcdocket reads only regular files; remove it or replace it with a file"
	tests := []struct {
		name, file string
		want       string
	}{
		{"issue file", issueFile, issueFile + pipe},
		{"new issue file", caseDir + "/issues/03-pipe.md", caseDir + "/issues/03-pipe.md" + pipe},
		{"case file", caseDir + "/case.md", caseDir + "/case.md" + pipe},
		{"public page", pageFile, pageFile + pipe},
		{"practice.yaml", PracticeFile, PracticeFile + pipe},
		{"issues folder", caseDir + "/issues", caseDir + "/issues: not a folder (a named pipe)"},
		{"cases folder", CasesDir, CasesDir + ": not a folder (a named pipe)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyPractice(t)
			replace(t, root, tt.file, func(p string) { mkfifo(t, p) })
			_, diags := dirWithin(t, root)
			has(t, diags, tt.want)
		})
	}
	t.Run("link to a named pipe inside", func(t *testing.T) {
		root := copyPractice(t)
		mkfifo(t, filepath.Join(root, "pipe"))
		replace(t, root, issueFile, func(p string) { symlink(t, filepath.Join(root, "pipe"), p) })
		_, diags := dirWithin(t, root)
		has(t, diags, issueFile+": not a regular file (a link to a named pipe)")
	})
}

func TestDirLinks(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.md")
	writeFile(t, outside, "secret.md", "---\nnumber: 3\ntitle: CANARY-7f3a\ncategory: other\nraised_on: 2026-01-01\nclauses: [\"4.2\"]\nquestion: q\n---\nCANARY-7f3a\n")
	realSecret, err := filepath.EvalSymlinks(secret)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("issue linking outside", func(t *testing.T) {
		root := copyPractice(t)
		link := caseDir + "/issues/03-secret.md"
		symlink(t, secret, filepath.Join(root, filepath.FromSlash(link)))
		p, diags := dirWithin(t, root)
		has(t, diags, link+": a symbolic link to "+realSecret+", outside the practice folder")
		for _, is := range p.Issues() {
			if strings.Contains(is.Title, "CANARY") {
				t.Errorf("the issue from outside was read: %+v", is)
			}
		}
	})
	t.Run("issues folder linking outside", func(t *testing.T) {
		root := copyPractice(t)
		link := caseDir + "/issues"
		replace(t, root, link, func(p string) { symlink(t, outside, p) })
		p, diags := dirWithin(t, root)
		has(t, diags, link+": a symbolic link to "+filepath.Dir(realSecret)+", outside the practice folder")
		if n := len(p.Issues()); n != 0 {
			t.Errorf("%d issues read through the link; want none", n)
		}
	})
	t.Run("case folder linking outside, read alone", func(t *testing.T) {
		// Dir warns about a linked case folder and skips it; a rebuild
		// reads one case by its id, through the link.
		root := copyPractice(t)
		writeFile(t, outside, "case/case.md", readTestdata(t, caseDir+"/case.md"))
		link := CasesDir + "/2026-fam-0002"
		symlink(t, filepath.Join(outside, "case"), filepath.Join(root, filepath.FromSlash(link)))
		c, diags := ReadCase(root, "2026-fam-0002", nil)
		if c != nil {
			t.Errorf("case read through the link: %+v", c)
		}
		has(t, diags, link+"/case.md: reached through the symbolic link "+link+", which leads to "+filepath.Join(filepath.Dir(realSecret), "case"))
	})
	t.Run("page linking outside", func(t *testing.T) {
		root := copyPractice(t)
		replace(t, root, pageFile, func(p string) { symlink(t, secret, p) })
		p, diags := dirWithin(t, root)
		has(t, diags, pageFile+": a symbolic link to "+realSecret)
		if len(p.Pages) != 0 {
			t.Errorf("page read through the link: %+v", p.Pages[0])
		}
	})
	t.Run("issue linking inside is followed", func(t *testing.T) {
		root := copyPractice(t)
		writeFile(t, root, "shared/03.md", strings.Replace(readTestdata(t, "content/cases/2026-fam-0001/issues/01-exchange.md"), "number: 1", "number: 3", 1))
		symlink(t, filepath.Join("..", "..", "..", "..", "shared", "03.md"), filepath.Join(root, caseDir, "issues", "03-shared.md"))
		p, diags := dirWithin(t, root)
		if len(diags) != 0 {
			t.Fatalf("findings for a link inside the practice:\n%v", diags)
		}
		if is := p.Case("2026-fam-0001").Issue(3); is == nil || is.Title != "Exchange time" {
			t.Errorf("issue 3 through the link = %+v; want it read", is)
		}
	})
}

func readTestdata(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "basic", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDirSizeLimit(t *testing.T) {
	// A 5 MiB issue: valid front matter, then a body past the default limit.
	big := readTestdata(t, issueFile) + strings.Repeat("Words of a very long log pasted in. ", 5<<20/36)
	tooLarge := issueFile + ": the file is " + strconv.Itoa(len(big)) + " bytes (5.0 MiB), over the limit of 4194304 bytes (4 MiB): " +
		"pcdocket refuses larger files so that one file cannot exhaust memory; shorten the file or split it, " +
		"or raise the limit in practice.yaml (limits: max_file_bytes: 6291456 allows 6291456 bytes (6 MiB))"
	tests := []struct {
		name   string
		limits string // appended to practice.yaml
		file   string // the file made big
		want   string // a finding; "" for none
	}{
		{name: "issue over the default", file: issueFile, want: tooLarge},
		{name: "page over the default", file: pageFile, want: pageFile + ": the file is"},
		{name: "case file over the default", file: caseDir + "/case.md", want: caseDir + "/case.md: the file is"},
		{name: "issue under a higher limit", limits: "limits:\n  max_file_bytes: 6291456\n", file: issueFile},
		{name: "limit of zero", limits: "limits:\n  max_file_bytes: 0\n",
			// The key is the second line appended to the fixture.
			want: "practice.yaml:" + strconv.Itoa(strings.Count(readTestdata(t, PracticeFile), "\n")+2) + ": limits.max_file_bytes: want a positive number of bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyPractice(t)
			if tt.limits != "" {
				writeFile(t, root, PracticeFile, readTestdata(t, PracticeFile)+tt.limits)
			}
			if tt.file != "" {
				writeFile(t, root, tt.file, big)
			}
			_, diags := dirWithin(t, root)
			if tt.want == "" {
				if len(diags) != 0 {
					t.Fatalf("findings:\n%v", diags)
				}
				return
			}
			has(t, diags, tt.want)
		})
	}
}

func TestDirLowerLimitMessage(t *testing.T) {
	root := copyPractice(t)
	writeFile(t, root, PracticeFile, readTestdata(t, PracticeFile)+"limits:\n  max_file_bytes: 100\n")
	_, diags := dirWithin(t, root)
	size := len(readTestdata(t, caseDir+"/case.md"))
	has(t, diags, caseDir+"/case.md: the file is "+strconv.Itoa(size)+" bytes, over the limit of 100 bytes")
}

func TestReadIssueLimit(t *testing.T) {
	root := copyPractice(t)
	c := &practice.Case{ID: "2026-fam-0001"}
	if _, diags := ReadIssue(root, issueFile, c, 100); !strings.Contains(diags.Err().Error(), "over the limit of 100 bytes") {
		t.Errorf("ReadIssue with a 100-byte limit: %v; want the file refused", diags)
	}
	if is, diags := ReadIssue(root, issueFile, c, 0); len(diags) != 0 || is == nil || is.Number != 1 {
		t.Errorf("ReadIssue with the default limit = %+v, %v; want issue 1", is, diags)
	}
}

func TestDirContextCancelled(t *testing.T) {
	root := copyPractice(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p, diags, err := DirContext(ctx, root)
	if err != context.Canceled {
		t.Fatalf("DirContext error = %v; want context.Canceled", err)
	}
	if len(p.Cases) != 0 || len(p.Pages) != 0 || p.Name != "" {
		t.Errorf("a cancelled read read %q, %d cases, %d pages; want nothing", p.Name, len(p.Cases), len(p.Pages))
	}
	if len(diags) != 0 {
		t.Errorf("a cancelled read reported findings:\n%v", diags)
	}
	if _, _, err := DirContext(context.Background(), root); err != nil {
		t.Errorf("DirContext not cancelled: %v", err)
	}
}
