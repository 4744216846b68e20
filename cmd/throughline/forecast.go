package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/throughline/throughline/backend/analytics"
)

func runForecast(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("forecast", stderr)
	dbPath := fs.String("db", "", "portfolio file")
	team := fs.String("team", "", "team name")
	items := fs.Int("items", 0, "when will this many items be done?")
	by := fs.String("by", "", "how many items by this date (YYYY-MM-DD)?")
	asOf := fs.String("as-of", "", "forecast from the day after this date (default: today, or the demo portfolio's date)")
	sample := fs.Int("sample-days", 90, "calendar days of throughput history to sample, zero days included")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same forecast")
	tput := fs.Float64("throughput-change", 0, "scenario: throughput change in percent, e.g. -20")
	scope := fs.Float64("scope-change", 0, "scenario for --items: scope change in percent, e.g. 25")
	workDays := fs.Bool("working-days", false, "sample and simulate only the team's working days")
	asJSON := fs.Bool("json", false, "print the forecast as JSON")
	if err := parse(fs, args, "db", "team"); err != nil {
		return err
	}
	if (*items > 0) == (*by != "") {
		return usageError{"give exactly one of --items K or --by DATE"}
	}
	db, err := openOrCreate(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := analytics.Forecast(ctx, db, analytics.ForecastOptions{Team: *team, Items: *items, By: *by, AsOf: *asOf,
		SampleDays: *sample, Seed: *seed, ThroughputChangePct: *tput, ScopeChangePct: *scope, WorkingDays: *workDays})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	if w := res.When; w != nil {
		fmt.Fprintf(stdout, "%s: when will %d items be done? (%d trials from %s, sampling %s..%s, %d items done)\n",
			res.Team, w.ScopedItems, w.Trials, w.FirstDay, w.SampleFrom, w.SampleTo, w.SampleItems)
		for _, r := range w.Readings {
			if r.OK {
				fmt.Fprintf(stdout, "  %d%% confidence: by %s (%d days)\n", r.Confidence, r.Date, r.Days)
			} else {
				fmt.Fprintf(stdout, "  %d%% confidence: n/a (%s)\n", r.Confidence, r.Reason)
			}
		}
		printWarnings(stdout, w.Warnings, w.Reason)
	}
	if h := res.HowMany; h != nil {
		fmt.Fprintf(stdout, "%s: how many items by %s? (%d trials from %s, sampling %s..%s, %d items done)\n",
			res.Team, h.ByDate, h.Trials, h.FirstDay, h.SampleFrom, h.SampleTo, h.SampleItems)
		for _, r := range h.Readings {
			if v, ok := r.Items.Float(); ok {
				fmt.Fprintf(stdout, "  %d%% confidence: at least %.0f items\n", r.Confidence, v)
			} else {
				fmt.Fprintf(stdout, "  %d%% confidence: n/a (%s)\n", r.Confidence, r.Reason)
			}
		}
		printWarnings(stdout, h.Warnings, h.Reason)
	}
	return nil
}

func printWarnings(w io.Writer, warnings []string, reason string) {
	for _, s := range warnings {
		fmt.Fprintln(w, "  note: "+s)
	}
	if reason != "" {
		fmt.Fprintln(w, "  "+reason)
	}
}
