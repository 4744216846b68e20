// Command throughline is Throughline's command-line tool: the same backend as
// the desktop app, for automation and acceptance checks (PRODUCT §9). It is
// built without Wails or GTK.
//
// Exit status: 0 on success, 1 when the command ran but found problems, 2 on
// usage errors.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // reporting time zones must resolve on machines without a tz database

	"github.com/throughline/throughline/backend"
)

// command is one verb of the CLI.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"demo", "create a demo portfolio: demo --db FILE [--seed N] [--scale demo|large] [--force]", runDemo},
		{"import", "import team files: import --db FILE [--team NAME] [--program NAME] [--format auto|jira|ado|rally|stages|template] [--mapping PROFILE] [--date-order dmy|mdy] [--type RAW=TYPE]... [--all-or-nothing] [--dry-run] [--json] FILE...", runImport},
		{"metrics", "metrics report: metrics --db FILE [--from DATE] [--to DATE] [--as-of DATE] --json", runMetrics},
		{"forecast", "Monte Carlo forecast: forecast --db FILE --team NAME (--items K | --by DATE) [--json]", runForecast},
		{"export", "export template --db FILE -o OUT.xlsx: the import template for teams", runExport},
		{"check", "integrity report: check --db FILE [--json]; exit 1 on problems", runCheck},
		{"serve", "the UI in a browser: serve --db FILE [--addr 127.0.0.1:8765]", runServe},
		{"version", "print the version", runVersion},
	}
}

// usageError is a mistake in the command line (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// problemsFound means the command ran and found problems (exit 1); the
// problems have already been reported.
var errProblemsFound = errors.New("problems found")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "throughline %s: %s\n", c.name, ue.msg)
			return 2
		case errors.Is(err, errProblemsFound):
			return 1
		default:
			fmt.Fprintf(stderr, "throughline %s: %s\n", c.name, oneLine(err))
			return 1
		}
	}
	fmt.Fprintf(stderr, "throughline: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

// oneLine renders an error for stderr: the person-readable message of a
// *backend.Error, else the wrapped error text.
func oneLine(err error) string {
	if backend.ErrorCode(err) != backend.EInternal {
		return backend.ErrorMessage(err)
	}
	return err.Error()
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: throughline COMMAND [flags]")
	fmt.Fprintln(w, "commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
}
