// Package analytics loads a portfolio from the store and hands it to the
// metrics: the one place where storage and computation meet, shared by the
// HTTP API and the command line.
package analytics

import (
	"context"
	"fmt"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
	"github.com/throughline/throughline/backend/sqlite"
)

// Options choose the as-of day and the period. Empty strings take the
// defaults: as-of = the portfolio's fixed as-of date (demo data) or today in
// the reporting time zone; to = as-of; from = to − 89 days.
type Options struct {
	AsOf string
	From string
	To   string
}

// Load reads the portfolio and prepares the metrics input as of the
// resolved as-of day, returning the resolved period too.
func Load(ctx context.Context, db *sqlite.DB, opts Options) (*metrics.Input, metrics.Period, error) {
	ds, err := db.ReadDataset(ctx)
	if err != nil {
		return nil, metrics.Period{}, err
	}
	asOf, p, err := Resolve(ds.Settings, opts)
	if err != nil {
		return nil, metrics.Period{}, err
	}
	items, err := db.ItemFlows(ctx)
	if err != nil {
		return nil, metrics.Period{}, err
	}
	in, err := metrics.NewInput(ds, items, asOf)
	if err != nil {
		return nil, metrics.Period{}, err
	}
	return in, p, nil
}

// Resolve applies the defaults of Options to a portfolio's settings.
func Resolve(st backend.Settings, opts Options) (metrics.Day, metrics.Period, error) {
	loc, err := time.LoadLocation(st.TimeZone)
	if err != nil {
		return 0, metrics.Period{}, backend.Errorf(backend.EInvalid, "The portfolio's reporting time zone %q is not known.", st.TimeZone)
	}
	parse := func(name, s string) (metrics.Day, error) {
		d, err := metrics.ParseDay(s)
		if err != nil {
			return 0, backend.Errorf(backend.EInvalid, "%s %q is not a date; write it as YYYY-MM-DD, e.g. 2026-09-30.", name, s)
		}
		return d, nil
	}
	var asOf metrics.Day
	switch {
	case opts.AsOf != "":
		if asOf, err = parse("--as-of", opts.AsOf); err != nil {
			return 0, metrics.Period{}, err
		}
	case st.AsOf != "":
		if asOf, err = parse("the portfolio's as-of date", st.AsOf); err != nil {
			return 0, metrics.Period{}, err
		}
	default:
		asOf = metrics.DayOf(time.Now(), loc)
	}
	p := metrics.Period{To: asOf}
	if opts.To != "" {
		if p.To, err = parse("--to", opts.To); err != nil {
			return 0, metrics.Period{}, err
		}
	}
	p.From = p.To - metrics.DefaultPeriodDays + 1
	if opts.From != "" {
		if p.From, err = parse("--from", opts.From); err != nil {
			return 0, metrics.Period{}, err
		}
	}
	if p.To < p.From {
		return 0, metrics.Period{}, backend.Errorf(backend.EInvalid, "The period %s..%s ends before it starts.", p.From, p.To)
	}
	if p.To > asOf {
		return 0, metrics.Period{}, backend.Errorf(backend.EInvalid, "The period ends on %s, after the as-of date %s; figures after the as-of date are unknown.", p.To, asOf)
	}
	return asOf, p, nil
}

// Report loads the portfolio and computes the full metrics report.
func Report(ctx context.Context, db *sqlite.DB, opts Options) (metrics.Report, error) {
	in, p, err := Load(ctx, db, opts)
	if err != nil {
		return metrics.Report{}, fmt.Errorf("load portfolio: %w", err)
	}
	return in.Compute(p), nil
}
