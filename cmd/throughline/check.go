package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/throughline/throughline/backend/sqlite"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	dbPath := fs.String("db", "", "portfolio file to check (must exist)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parse(fs, args, "db"); err != nil {
		return err
	}
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("%s: %w", *dbPath, err)
	}
	db, err := sqlite.Open(ctx, *dbPath, sqlite.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := db.Check(ctx)
	if err != nil {
		return err
	}
	problems := rep.Problems()
	if *asJSON {
		out := struct {
			OK       bool               `json:"ok"`
			Problems []string           `json:"problems"`
			Report   sqlite.CheckReport `json:"integrity"`
		}{rep.OK(), problems, rep}
		if out.Problems == nil {
			out.Problems = []string{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "integrity_check: %v\nforeign keys: %d problem(s)\nschema version: %d (latest %d)\njournal mode: %s\n",
			rep.Integrity, len(rep.ForeignKeyErrors), rep.SchemaVersion, rep.LatestVersion, rep.JournalMode)
		for _, p := range problems {
			fmt.Fprintln(stderr, *dbPath+": "+p)
		}
		if len(problems) == 0 {
			fmt.Fprintln(stdout, "ok")
		}
	}
	if !rep.OK() {
		return errProblemsFound
	}
	return nil
}
