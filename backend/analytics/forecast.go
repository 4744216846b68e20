package analytics

import (
	"context"
	"strings"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
	"github.com/throughline/throughline/backend/sqlite"
)

// ForecastOptions ask one of the two Monte Carlo questions for a team
// (PRODUCT §4.9): set Items for "when will K items be done?" or By for "how
// many by this date?".
type ForecastOptions struct {
	Team                string // team name (case-insensitive)
	Items               int
	By                  string // YYYY-MM-DD
	AsOf                string
	SampleDays          int // default 90
	Seed                uint64
	ThroughputChangePct float64
	ScopeChangePct      float64
	// WorkingDays samples and simulates only the team's working days
	// (PRODUCT §4.2's working-day option): weekends and holidays neither
	// dilute the sample with zero days nor add simulated throughput.
	WorkingDays bool
}

// ForecastResult holds the answer to whichever question was asked.
type ForecastResult struct {
	Team    string                   `json:"team"`
	When    *metrics.WhenForecast    `json:"when,omitempty"`
	HowMany *metrics.HowManyForecast `json:"how_many,omitempty"`
}

// Forecast runs a team forecast on the open portfolio.
func Forecast(ctx context.Context, db *sqlite.DB, opts ForecastOptions) (ForecastResult, error) {
	if (opts.Items > 0) == (opts.By != "") {
		return ForecastResult{}, backend.Errorf(backend.EInvalid, "Ask one question: either a number of items (when will they be done?) or a date (how many by then?).")
	}
	in, _, err := Load(ctx, db, Options{AsOf: opts.AsOf})
	if err != nil {
		return ForecastResult{}, err
	}
	return ForecastFrom(in, opts)
}

// ForecastFrom runs a team forecast on already loaded input.
func ForecastFrom(in *metrics.Input, opts ForecastOptions) (ForecastResult, error) {
	var team *backend.Team
	var names []string
	for i, t := range in.Data.Teams {
		names = append(names, t.Name)
		if strings.EqualFold(strings.TrimSpace(opts.Team), t.Name) {
			team = &in.Data.Teams[i]
		}
	}
	if team == nil {
		return ForecastResult{}, backend.Errorf(backend.ENotFound, "There is no team %q; the teams are: %s.", opts.Team, strings.Join(names, ", "))
	}
	n := opts.SampleDays
	if n == 0 {
		n = metrics.DefaultSampleDays
	}
	fi := metrics.ForecastInput{Samples: metrics.DailySamples(in.DoneDays(team.ID), in.AsOf, n), AsOf: in.AsOf, Seed: opts.Seed,
		ThroughputChangePct: opts.ThroughputChangePct, ScopeChangePct: opts.ScopeChangePct}
	res := ForecastResult{Team: team.Name}
	if opts.WorkingDays {
		return workingDayForecast(in, team.ID, fi, opts, res)
	}
	if opts.Items > 0 {
		w, err := metrics.ForecastWhen(fi, opts.Items)
		if err != nil {
			return res, err
		}
		res.When = &w
		return res, nil
	}
	by, err := metrics.ParseDay(opts.By)
	if err != nil {
		return res, backend.Errorf(backend.EInvalid, "%q is not a date; write it as YYYY-MM-DD.", opts.By)
	}
	h, err := metrics.ForecastHowMany(fi, by)
	if err != nil {
		return res, err
	}
	res.HowMany = &h
	return res, nil
}
