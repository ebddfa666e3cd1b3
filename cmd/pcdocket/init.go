package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"pcdocket/generator/build"
	"pcdocket/generator/parse"
	"pcdocket/generator/scaffold"
)

// runInit starts a new practice in DIR (default the current folder), which
// must be empty or not exist yet.
func runInit(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "init")
	var p scaffold.Practice
	fs.StringVar(&p.Name, "name", scaffold.DefaultName, "the practice's name, on every page and document")
	fs.StringVar(&p.Coordinator, "coordinator", scaffold.DefaultCoordinator, "the parenting coordinator's name, as signed")
	fs.StringVar(&p.Timezone, "timezone", scaffold.DefaultTimezone, "the practice's time zone, an IANA name such as America/Denver")
	fs.StringVar(&p.Jurisdiction, "jurisdiction", scaffold.DefaultJurisdiction, "the practice's jurisdiction: generic, CO, OK, NC, TX, AZ or FL")
	setUsage(fs, "pcdocket init [--name NAME] [--coordinator NAME] [--timezone ZONE] [--jurisdiction CODE] [DIR]")
	if code, ok := parseArgs(e, fs, args, 0, 1); !ok {
		return code
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	files, err := scaffold.Init(dir, p)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket init: %v\n", err)
		if errors.Is(err, scaffold.ErrNotEmpty) {
			return 2
		}
		return 1
	}
	fmt.Fprintf(e.stdout, "started the practice %q in %s:\n", p.Name, dir)
	for _, f := range files {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	fmt.Fprintf(e.stdout, `
Next: edit practice.yaml (coordinator's contact, time zone, jurisdiction), then
  cd %s
  pcdocket new case CASE-ID
  pcdocket new issue CASE-ID "Title"
  pcdocket build
`, dir)
	return 0
}

// runNew adds a case or an issue to the practice.
func runNew(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "new")
	var source string
	sourceFlag(fs, &source)
	setUsage(fs, "pcdocket new [--source DIR] case CASE-ID", `pcdocket new [--source DIR] issue CASE-ID "Title"`)
	if code, ok := parseArgs(e, fs, args, 1, 3); !ok {
		return code
	}
	what, rest := fs.Arg(0), fs.Args()[1:]
	want := map[string]int{"case": 1, "issue": 2}
	n, known := want[what]
	if !known {
		fmt.Fprintf(e.stderr, "pcdocket new: %q: want case or issue\n", what)
		fs.Usage()
		return 2
	}
	if len(rest) != n {
		if len(rest) > n {
			fmt.Fprintf(e.stderr, "pcdocket new %s: unexpected argument %q\n", what, rest[n])
		} else {
			fmt.Fprintf(e.stderr, "pcdocket new %s: missing arguments\n", what)
		}
		fs.Usage()
		return 2
	}
	source, ok := practiceDir(e, "new", source)
	if !ok {
		return 2
	}
	// The practice is read even when it has errors: a new file must not
	// wait for another one to be fixed.
	p, _ := parse.Dir(source)
	if p == nil {
		fmt.Fprintf(e.stderr, "pcdocket new: %s does not read; run pcdocket check\n", filepath.Join(source, "practice.yaml"))
		return 1
	}
	today := build.Today(p, e.now())
	switch what {
	case "case":
		rel, err := scaffold.NewCase(source, rest[0], today)
		if err != nil {
			fmt.Fprintf(e.stderr, "pcdocket new case: %v\n", err)
			return newError(err)
		}
		fmt.Fprintf(e.stdout, "wrote %s\n  replace every TODO in it, then run pcdocket check\n", filepath.Join(source, rel))
	case "issue":
		c := p.Case(rest[0])
		if c == nil {
			var ids []string
			for _, c := range p.Cases {
				ids = append(ids, c.ID)
			}
			fmt.Fprintf(e.stderr, "pcdocket new issue: %v\n", &scaffold.UnknownCaseError{ID: rest[0], Known: ids})
			return 1
		}
		rel, number, err := scaffold.NewIssue(source, c, rest[1], today)
		if err != nil {
			fmt.Fprintf(e.stderr, "pcdocket new issue: %v\n", err)
			return newError(err)
		}
		fmt.Fprintf(e.stdout, "wrote issue %d of case %s: %s\n  replace every TODO in it, then run pcdocket check\n", number, c.ID, filepath.Join(source, rel))
	}
	return 0
}

// newError is the exit status of a refused new case or issue: 2 for an
// argument that cannot work (an invalid id), 1 otherwise.
func newError(err error) int {
	var inv *scaffold.InvalidIDError
	if errors.As(err, &inv) {
		return 2
	}
	return 1
}
