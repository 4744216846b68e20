package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/throughline/throughline/backend/analytics"
	"github.com/throughline/throughline/backend/sqlite"
)

func runMetrics(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("metrics", stderr)
	dbPath := fs.String("db", "", "portfolio file")
	from := fs.String("from", "", "first day of the period, YYYY-MM-DD (default: 89 days before --to)")
	to := fs.String("to", "", "last day of the period, YYYY-MM-DD (default: the as-of date)")
	asOf := fs.String("as-of", "", "the day the figures are as of, YYYY-MM-DD (default: today, or the demo portfolio's date)")
	asJSON := fs.Bool("json", false, "print the report as JSON (required)")
	if err := parse(fs, args, "db"); err != nil {
		return err
	}
	if !*asJSON {
		return usageError{"--json is required: the metrics report is printed as JSON"}
	}
	db, err := openOrCreate(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := analytics.Report(ctx, db, analytics.Options{AsOf: *asOf, From: *from, To: *to})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// openOrCreate opens the portfolio, creating it empty and migrated when the
// file is missing (PRODUCT §9: every command but check does).
func openOrCreate(ctx context.Context, path string) (*sqlite.DB, error) {
	_, err := os.Stat(path)
	db, err2 := sqlite.Open(ctx, path, sqlite.Options{Create: os.IsNotExist(err)})
	if err2 != nil {
		return nil, fmt.Errorf("%w", err2)
	}
	return db, nil
}
