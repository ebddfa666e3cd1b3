// Command pcdocket builds a parenting coordination practice's case site,
// documents and public site from a folder of Markdown files.
//
// Usage:
//
//	pcdocket check  [--source DIR] [--as-of DATE] [--format text|json]
//	pcdocket deadlines [--source DIR] [--as-of DATE] [--json]
//	pcdocket build  [--source DIR] [--output DIR] [--as-of DATE] [--no-documents] [--encrypt [--keys FILE]]
//	pcdocket serve  [--source DIR] [--addr 127.0.0.1:8080]
//	pcdocket seal   [--source DIR] [--signing-key FILE] CASE-ID NUMBER
//	pcdocket seal   --rechain [--signing-key FILE] CASE-ID
//	pcdocket verify [--source DIR] FILE.pdf
//	pcdocket keygen --out FILE
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
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
		"check":     {"validate the practice and list every problem", runCheck},
		"deadlines": {"list every computed deadline: decisions due, review, filing, terms ending", runDeadlines},
		"build":     {"build the private site, documents and public site into output/", runBuild},
		"serve":     {"serve the private site on localhost and rebuild it on every save", runServe},
		"seal":      {"issue a determination or agreement: store its PDF and record it in the case's ledger", runSeal},
		"served":    {"record, after sealing, when and how a sealed document was served", runServed},
		"verify":    {"tell whether a PDF is, byte for byte, a document this practice sealed", runVerify},
		"keygen":    {"create the key that signs the seal ledgers, and print the practice.yaml line that pins it", runKeygen},
	}
}

func main() {
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
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
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
	fmt.Fprintln(w, "usage: pcdocket <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'pcdocket <command> -h' for a command's flags.")
}

// common holds the flags every command shares.
type common struct {
	source string
	asOf   string
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.source, "source", ".", "the practice folder")
	fs.StringVar(&c.asOf, "as-of", "", "reference date YYYY-MM-DD for days pending and deadlines (default today in the practice's time zone)")
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

func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("pcdocket "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

func runCheck(ctx context.Context, e *env, args []string) int {
	var c common
	fs := newFlags(e, "check")
	c.register(fs)
	format := fs.String("format", "text", "output format: text or json")
	if fs.Parse(args) != nil {
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
	l, err := build.Load(ctx, &build.Options{Source: c.source, AsOf: asOf})
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
	fmt.Fprintf(w, "%s, %s\n", plural(errs, "error"), plural(warns, "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
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
	if fs.Parse(args) != nil {
		return 2
	}
	asOf, err := c.date(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "pcdocket build: %v\n", err)
		return 2
	}
	opts := build.Options{Source: c.source, Output: *out, AsOf: asOf, NoDocuments: *noDocs, Force: *force}
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
	return 0
}
