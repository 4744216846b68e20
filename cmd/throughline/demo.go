package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/throughline/throughline/backend/demo"
	"github.com/throughline/throughline/backend/sqlite"
	"github.com/throughline/throughline/backend/workspace"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("demo", stderr)
	dbPath := fs.String("db", "", "portfolio file to create")
	seed := fs.Int64("seed", 1, "generator seed: the same seed gives the same portfolio")
	scale := fs.String("scale", "demo", "demo (a few thousand items) or large (200,000 items)")
	force := fs.Bool("force", false, "replace an existing file")
	if err := parse(fs, args, "db"); err != nil {
		return err
	}
	if *scale != "demo" && *scale != "large" {
		return usageError{fmt.Sprintf("--scale must be demo or large, not %q", *scale)}
	}
	if _, err := os.Stat(*dbPath); err == nil {
		if !*force {
			return usageError{fmt.Sprintf("%s already exists; pass --force to replace it", *dbPath)}
		}
		for _, p := range []string{*dbPath, *dbPath + "-wal", *dbPath + "-shm"} {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("remove %s: %w", p, err)
			}
		}
	}
	start := time.Now()
	if err := workspace.CreateDemoFile(ctx, *dbPath, demo.Options{Seed: *seed, Scale: *scale}); err != nil {
		return err
	}
	db, err := sqlite.Open(ctx, *dbPath, sqlite.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.Counts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s (scale %s, seed %d) in %.1fs: %d programs, %d teams, %d PIs, %d items, %d status changes, %d deployments, %d incidents\n",
		*dbPath, *scale, *seed, time.Since(start).Seconds(), c.Programs, c.Teams, c.PIs, c.Items, c.StatusChanges, c.Deployments, c.Incidents)
	return nil
}
