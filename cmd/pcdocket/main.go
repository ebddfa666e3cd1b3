// Command pcdocket builds a parenting coordination practice's case site,
// documents and public site from a folder of Markdown files.
//
// Usage:
//
//	pcdocket init   [--name NAME] [--coordinator NAME] [--timezone ZONE] [--jurisdiction CODE] [DIR]
//	pcdocket new    case CASE-ID
//	pcdocket new    issue CASE-ID "Title"
//	pcdocket check  [--source DIR] [--as-of DATE] [--format text|json]
//	pcdocket deadlines [--source DIR] [--as-of DATE] [--json]
//	pcdocket build  [--source DIR] [--output DIR] [--as-of DATE] [--no-documents] [--statements YYYY-MM] [--encrypt [--keys FILE]]
//	pcdocket serve  [--source DIR] [--addr 127.0.0.1:8080]
//	pcdocket seal   [--source DIR] [--signing-key FILE] CASE-ID NUMBER
//	pcdocket seal   --rechain [--signing-key FILE] CASE-ID
//	pcdocket verify [--source DIR] FILE.pdf
//	pcdocket statement [--source DIR] --month YYYY-MM [--csv] [--report] [--out DIR] CASE-ID | --all
//	pcdocket report [--source DIR] [--as-of DATE] [--served DATE] [--out DIR] status|noncompliance|end-of-term CASE-ID
//	pcdocket keygen --out FILE
//	pcdocket keys   init | import FILE.p12 | show
//	pcdocket version (or --version)
//	pcdocket help   [COMMAND]
//
// Without --source, a command works on the first folder holding
// practice.yaml from the current folder upward, as git finds .git.
// `-h` and `--help` print a command's help on stdout and exit 0; a
// mistake in the arguments, an extra one included, exits 2.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"
	"time"

	"pcdocket/generator/build"
	"pcdocket/generator/diag"
	"pcdocket/generator/practice"
	"pcdocket/generator/vault"
)

// A command is one subcommand: it parses its own flags from args and
// returns the process exit status.
type command struct {
	summary string
	run     func(ctx context.Context, env *env, args []string) int
}

// env is what a command may touch of the process, injected for tests.
type env struct {
	stdout, stderr io.Writer
	now            func() time.Time
}

func commands() map[string]command {
	return map[string]command{
		"init":      {"start a new practice: practice.yaml, a public site, .gitignore, content/cases/", runInit},
		"new":       {"add a case (new case ID) or an issue (new issue CASE-ID \"Title\") with every key, commented", runNew},
		"check":     {"validate the practice and list every problem", runCheck},
		"deadlines": {"list every computed deadline: decisions due, review, filing, terms ending", runDeadlines},
		"build":     {"build the private site, documents and public site into output/", runBuild},
		"serve":     {"serve the private site on localhost and rebuild it on every save", runServe},
		"seal":      {"issue a determination or agreement: store its PDF and record it in the case's ledger", runSeal},
		"served":    {"record, after sealing, when and how a sealed document was served", runServed},
		"verify":    {"tell whether a PDF is, byte for byte, a document this practice sealed, and check its digital signature", runVerify},
		"keygen":    {"create the key that signs the seal ledgers, and print the practice.yaml line that pins it", runKeygen},
		"keys":      {"create (init) or import (import FILE.p12) the certificate that digitally signs the documents", runKeys},
		"report":    {"a report to the court on a case (status, noncompliance, end-of-term): a signed PDF and its HTML twin", runReport},
		"statement": {"fees: a parent's monthly statement (PDF), the fee report to the court (--report), or the ledger as CSV (--csv)", runStatement},
		"version":   {"print pcdocket's version and the revision it was built from", runVersion},
		"help":      {"show the help of a command: pcdocket help COMMAND", runHelp},
	}
}

// buildMemoryLimit is the soft limit on the memory of the Go runtime that
// `pcdocket build` sets when the environment sets none (GOMEMLIMIT; "off"
// lifts it). Without one the collector lets the heap grow to twice what
// is live before it runs (three times, at buildGCPercent): a build of
// 50,000 issues, about 330 MB live at its peak, took 818 MB. Under the
// limit the collector runs more often once the heap nears it
// (docs/performance.md: 535 MB peak RSS at 50,000 issues), and a build
// whose heap stays below it, as one of 10,000 issues does, never notices
// it. Were what is live to pass the limit, the build would still run, the
// collector taking at most half of the CPU, as the runtime caps it.
//
// Only for build, which renders once and exits: serve keeps the model,
// its views and its pages between edits, and at 10,000 issues under this
// limit the collector ran during every rebuild (save to reload p90 63 to
// 119 ms instead of 26 to 34).
const buildMemoryLimit = 512 << 20

// buildGCPercent is the collector's target that `pcdocket build` sets
// when the environment sets none (GOGC): the heap may grow to three times
// what is live between collections instead of twice. A build is a burst
// of short-lived garbage (template output, parse buffers), and marking
// the live model over and over was a tenth of its CPU: at 10,000 issues
// the build took 10 to 15% less CPU for 165 → 230 MB peak RSS. The memory
// limit above still bounds the heap, so a build of 50,000 issues peaks
// where it did (535 MB) and took about 10% less CPU too.
const buildGCPercent = 200

// gcSettings are the collector's settings pcdocket sets for a command:
// a soft memory limit and a GC percent, each 0 when the command keeps
// the runtime's own (or the environment's).
type gcSettings struct {
	memoryLimit int64
	gcPercent   int
}

// gcFor returns the collector's settings for the command line args:
// buildMemoryLimit and buildGCPercent for build, unless the environment
// (getenv) sets GOMEMLIMIT or GOGC, which the runtime has applied.
func gcFor(args []string, getenv func(string) string) gcSettings {
	var g gcSettings
	if len(args) == 0 || args[0] != "build" {
		return g
	}
	if getenv("GOMEMLIMIT") == "" {
		g.memoryLimit = buildMemoryLimit
	}
	if getenv("GOGC") == "" {
		g.gcPercent = buildGCPercent
	}
	return g
}

func main() {
	g := gcFor(os.Args[1:], os.Getenv)
	if g.memoryLimit != 0 {
		debug.SetMemoryLimit(g.memoryLimit)
	}
	if g.gcPercent != 0 {
		debug.SetGCPercent(g.gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal cancels the work, which stops at its next check and
	// leaves the last good output; a second one ends the process at once,
	// as it would without the handler.
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, &env{os.Stdout, os.Stderr, time.Now}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e *env, args []string) int {
	cmds := commands()
	if len(args) == 0 {
		usage(e.stderr, cmds)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(e.stdout, cmds)
		return 0
	case "-version", "--version":
		return runVersion(ctx, e, args[1:])
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "pcdocket: unknown command %q\n", args[0])
		usage(e.stderr, cmds)
		return 2
	}
	return c.run(ctx, e, args[1:])
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: pcdocket <command> [flags] [arguments]\n\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'pcdocket help <command>' or 'pcdocket <command> -h' for a command's flags.")
	fmt.Fprintln(w, "Without --source, a command works on the practice holding the current folder:")
	fmt.Fprintln(w, "the first folder, from here upward, that holds practice.yaml.")
}

// runHelp shows one command's help on stdout, as `pcdocket CMD -h` does.
func runHelp(ctx context.Context, e *env, args []string) int {
	cmds := commands()
	switch len(args) {
	case 0:
		usage(e.stdout, cmds)
		return 0
	case 1:
	default:
		fmt.Fprintf(e.stderr, "pcdocket help: unexpected argument %q\nusage: pcdocket help [COMMAND]\n", args[1])
		return 2
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout, cmds)
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "pcdocket help: unknown command %q\n", args[0])
		usage(e.stderr, cmds)
		return 2
	}
	return c.run(ctx, e, []string{"-h"})
}

// runVersion prints the module version and the VCS revision the binary
// was built from, as the Go toolchain recorded them.
func runVersion(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "version")
	if code, ok := parseArgs(e, fs, args, 0, 0); !ok {
		return code
	}
	fmt.Fprintln(e.stdout, versionLine())
	return 0
}

// versionLine describes the running binary: "pcdocket v1.2.0 (rev 1a2b3c4d5e6f,
// 2026-12-02T13:00:00Z, modified) go1.26.0".
func versionLine() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "pcdocket (version unknown: built without module information)"
	}
	version := bi.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var rev, when string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var parts []string
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		parts = append(parts, "rev "+rev)
	} else {
		parts = append(parts, "no VCS revision recorded")
	}
	if when != "" {
		parts = append(parts, when)
	}
	if modified {
		parts = append(parts, "modified")
	}
	return fmt.Sprintf("pcdocket %s (%s) %s", version, strings.Join(parts, ", "), bi.GoVersion)
}

// common holds the flags every command shares.
type common struct {
	source string
	asOf   string
}

func (c *common) register(fs *flag.FlagSet) {
	sourceFlag(fs, &c.source)
	fs.StringVar(&c.asOf, "as-of", "", "reference date YYYY-MM-DD for days pending and deadlines (default today in the practice's time zone)")
}

// sourceFlag registers --source. Its empty default means "find the
// practice from the current folder upward" (see findPractice).
func sourceFlag(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "source", "", "the practice folder (default: the first folder holding practice.yaml, from the current folder upward)")
}

// find sets c.source to the practice folder (see findPractice), or prints
// why there is none and returns false.
func (c *common) find(e *env, cmd string) bool {
	dir, ok := practiceDir(e, cmd, c.source)
	c.source = dir
	return ok
}

// practiceDir returns the practice folder for --source (see findPractice),
// or prints why there is none and returns false.
func practiceDir(e *env, cmd, source string) (string, bool) {
	dir, err := findPractice(source)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket %s: %v\n", cmd, err)
		return "", false
	}
	return dir, true
}

// date returns --as-of, or the zero date, which the build resolves to today
// in the practice's time zone.
func (c *common) date(e *env) (practice.Date, error) {
	if c.asOf == "" {
		return practice.Date{}, nil
	}
	d, err := practice.ParseDate(c.asOf)
	if err != nil {
		return d, fmt.Errorf("--as-of: %v", err)
	}
	return d, nil
}

// NoPracticeError is a folder that holds no practice: no practice.yaml in
// it (or, when looked for upward, in any folder above it).
type NoPracticeError struct {
	Dir    string
	Upward bool // the folders above Dir were searched too
}

func (e *NoPracticeError) Error() string {
	if e.Upward {
		return fmt.Sprintf("no practice.yaml found in %s (or above it): run pcdocket in a practice folder, name one with --source DIR, or start one with `pcdocket init`", e.Dir)
	}
	return fmt.Sprintf("no practice.yaml found in %s: --source must name a practice folder (the one holding practice.yaml)", e.Dir)
}

// findPractice returns the practice folder a command works on. An explicit
// --source is used as given, and must hold practice.yaml. Without one, it
// is the first folder holding practice.yaml from the working directory
// upward, the way git finds .git; the path returned is then relative to
// the working directory when that is shorter ("." or "../..").
func findPractice(source string) (string, error) {
	if source != "" {
		if !isPractice(source) {
			return "", &NoPracticeError{Dir: source}
		}
		return source, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the practice: %w", err)
	}
	for dir := wd; ; {
		if isPractice(dir) {
			if rel, err := filepath.Rel(wd, dir); err == nil {
				return rel, nil
			}
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", &NoPracticeError{Dir: wd, Upward: true}
		}
		dir = parent
	}
}

// isPractice reports whether dir holds a practice.yaml (any kind of file:
// one that is not regular is for the parser to report).
func isPractice(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, "practice.yaml"))
	return err == nil
}

func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("pcdocket "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: pcdocket %s [flags]\n", name)
		printFlags(fs)
	}
	return fs
}

// setUsage gives fs the usage lines of its command ("pcdocket verify
// [--source DIR] FILE.pdf"), printed above its flags.
func setUsage(fs *flag.FlagSet, lines ...string) {
	fs.Usage = func() {
		for i, l := range lines {
			if i == 0 {
				fmt.Fprintf(fs.Output(), "usage: %s\n", l)
			} else {
				fmt.Fprintf(fs.Output(), "       %s\n", l)
			}
		}
		printFlags(fs)
	}
}

// hiddenPrefix starts the usage text of a flag kept out of help: one for
// tests and scripts, not for a coordinator.
const hiddenPrefix = "internal: "

// printFlags prints fs's flags as flag.PrintDefaults does, leaving out the
// hidden ones.
func printFlags(fs *flag.FlagSet) {
	shown := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	shown.SetOutput(fs.Output())
	n := 0
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Usage, hiddenPrefix) {
			return
		}
		shown.Var(f.Value, f.Name, f.Usage)
		shown.Lookup(f.Name).DefValue = f.DefValue
		n++
	})
	if n > 0 {
		fmt.Fprintln(fs.Output(), "\nflags:")
		shown.PrintDefaults()
	}
}

// parseArgs parses a command's arguments and checks that it has between
// min and max positional ones (max < 0: no limit). `-h` or `--help` prints
// the command's help on stdout and ends it with status 0; a mistake prints
// what is wrong and the usage on stderr, status 2. ok is false when the
// command must end with code.
// flagName returns the name of the flag a, as "-name", "--name" or
// "-name=value" spell it; ok is false when a is not spelled as a flag.
func flagName(a string) (name string, ok bool) {
	if len(a) < 2 || a[0] != '-' || a == "--" {
		return "", false
	}
	name = strings.TrimPrefix(a[1:], "-")
	name, _, _ = strings.Cut(name, "=")
	return name, name != ""
}

func parseArgs(e *env, fs *flag.FlagSet, args []string, min, max int) (code int, ok bool) {
	var help bytes.Buffer
	fs.SetOutput(&help)
	err := fs.Parse(args)
	fs.SetOutput(e.stderr)
	if errors.Is(err, flag.ErrHelp) {
		io.Copy(e.stdout, &help)
		return 0, false
	}
	if err != nil {
		io.Copy(e.stderr, &help)
		return 2, false
	}
	// The flag package stops at the first argument, so a flag after one
	// was taken as an argument: `pcdocket new case --help` made a case
	// called "--help". Help asked for anywhere is given; any other flag
	// of the command after an argument is refused, not taken as one.
	rest := fs.Args()
	if i := len(args) - len(rest); i > 0 && args[i-1] == "--" {
		rest = nil // "--" said that what follows is arguments only
	}
	for _, a := range rest {
		name, ok := flagName(a)
		switch {
		case !ok:
		case name == "h" || name == "help":
			fs.SetOutput(e.stdout)
			fs.Usage()
			fs.SetOutput(e.stderr)
			return 0, false
		case fs.Lookup(name) != nil:
			fmt.Fprintf(e.stderr, "%s: flag %s after the arguments: put flags before them\n", fs.Name(), a)
			fs.Usage()
			return 2, false
		}
	}
	errw := e.stderr
	n := fs.NArg()
	switch {
	case n > max && max >= 0:
		fmt.Fprintf(errw, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(max))
	case n < min:
		fmt.Fprintf(errw, "%s: missing arguments\n", fs.Name())
	default:
		return 0, true
	}
	fs.Usage()
	return 2, false
}

func runCheck(ctx context.Context, e *env, args []string) int {
	var c common
	fs := newFlags(e, "check")
	c.register(fs)
	format := fs.String("format", "text", "output format: text or json")
	setUsage(fs, "pcdocket check [--source DIR] [--as-of DATE] [--format text|json]")
	if code, ok := parseArgs(e, fs, args, 0, 0); !ok {
		return code
	}
	if !c.find(e, "check") {
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(e.stderr, "pcdocket check: --format %q: want text or json\n", *format)
		return 2
	}
	asOf, err := c.date(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket check: %v\n", err)
		return 2
	}
	l, err := build.Load(ctx, build.Options{Source: c.source, AsOf: asOf})
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket check: %v\n", err)
		return 1
	}
	diags := l.Findings
	if *format == "json" {
		diags.WriteJSON(e.stdout)
	} else {
		diags.WriteText(e.stdout)
		summarize(e.stderr, diags)
		unsignedNote(e, c.source, l.Practice)
	}
	if diags.HasErrors() {
		return 1
	}
	return 0
}

func summarize(w io.Writer, diags diag.List) {
	errs, warns := diags.Count()
	if errs+warns == 0 {
		fmt.Fprintln(w, "no problems found")
		return
	}
	fmt.Fprintf(w, "%s, %s\n", diag.Plural(errs, "error"), diag.Plural(warns, "warning"))
}

func runBuild(ctx context.Context, e *env, args []string) int {
	var c common
	fs := newFlags(e, "build")
	c.register(fs)
	out := fs.String("output", "", "output folder (default SOURCE/output)")
	noDocs := fs.Bool("no-documents", false, "skip the PDF documents")
	force := fs.Bool("force", false, "write into an existing output folder that holds files pcdocket did not write (never one inside the practice's sources)")
	encrypt := fs.Bool("encrypt", false, "encrypt the private site; the coordinator's passphrase comes from $"+vault.EnvPassphrase+" or --keys")
	keys := fs.String("keys", "", "with --encrypt: a JSON keys file outside the practice folder with the coordinator's and parents' passphrases")
	statements := fs.String("statements", "", "also write each parent's fee statement for month YYYY-MM of every case, into private/statements/")
	setUsage(fs, "pcdocket build [--source DIR] [--output DIR] [--as-of DATE] [--no-documents] [--statements YYYY-MM] [--encrypt [--keys FILE]] [--force]")
	if code, ok := parseArgs(e, fs, args, 0, 0); !ok {
		return code
	}
	if !c.find(e, "build") {
		return 2
	}
	asOf, err := c.date(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket build: %v\n", err)
		return 2
	}
	opts := build.Options{Source: c.source, Output: *out, AsOf: asOf, NoDocuments: *noDocs, Force: *force, Statements: *statements}
	if *keys != "" && !*encrypt {
		fmt.Fprintln(e.stderr, "pcdocket build: --keys needs --encrypt")
		return 2
	}
	if *encrypt {
		ps, err := vault.LoadPassphrases(*keys, c.source, os.Getenv)
		if err != nil {
			fmt.Fprintf(e.stderr, "pcdocket build: %v\n", err)
			return 2
		}
		opts.Encrypt = &vault.Options{Passphrases: ps}
	}
	res, err := build.Build(ctx, opts)
	var le *diag.ListError
	if errors.As(err, &le) {
		le.Findings.WriteText(e.stderr)
		summarize(e.stderr, le.Findings)
		fmt.Fprintln(e.stderr, "pcdocket build: nothing written; the previous output is untouched")
		return 1
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket build: %v\n", err)
		return 1
	}
	res.Findings.WriteText(e.stderr)
	dest := *out
	if dest == "" {
		dest = strings.TrimSuffix(c.source, "/") + "/output"
	}
	fmt.Fprintf(e.stdout, "built %d private and %d public files into %s in %d ms\n",
		res.Private, res.Public, dest, res.Duration.Milliseconds())
	if opts.Encrypt != nil {
		printLinks(e.stdout, vault.PersonalLinks(res.Practice, opts.Encrypt.Passphrases))
	}
	return 0
}

// printLinks lists each parent's personal link after an encrypted build:
// the entry page with their keyring slot in the fragment, which unlocks
// with one key derivation instead of one per holder (docs/encryption.md).
func printLinks(w io.Writer, links []vault.PersonalLink) {
	if len(links) == 0 {
		return
	}
	fmt.Fprintf(w, "personal links (put the site's address before each; they stay right while the cases and passphrase holders do):\n")
	for _, l := range links {
		fmt.Fprintf(w, "  %s\n", l)
	}
}
