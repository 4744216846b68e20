package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlags returns a flag set whose errors become usage errors instead of
// exiting the process.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses args and maps flag errors, stray arguments and missing
// required flags to usage errors.
func parse(fs *flag.FlagSet, args []string, required ...string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return usageError{"help requested"}
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", strings.Join(fs.Args(), " "))}
	}
	for _, r := range required {
		if f := fs.Lookup(r); f == nil || f.Value.String() == "" {
			return usageError{fmt.Sprintf("--%s is required", r)}
		}
	}
	return nil
}
