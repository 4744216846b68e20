package main

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/sqlite"
)

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("version", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "throughline %s (schema %d, %s, SQLite %s)\n", backend.Version, sqlite.LatestSchemaVersion(), runtime.Version(), sqlite.EngineVersion())
	return nil
}
