package analytics_test

import (
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/analytics"
	"github.com/throughline/throughline/backend/metrics"
)

func day(s string) metrics.Day {
	d, err := metrics.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// oneADay is a Monday–Friday team that finished exactly one story on each
// working day of the 28 days up to Friday 20 November 2026.
func oneADay(t *testing.T) *metrics.Input {
	t.Helper()
	ds := &backend.Dataset{
		Settings: backend.Settings{TimeZone: "UTC", AsOf: "2026-11-20"},
		Programs: []backend.Program{{ID: 1, Name: "P"}},
		Teams:    []backend.Team{{ID: 1, ProgramID: 1, Name: "Zoë", WorkdayMask: 31}},
		Holidays: []backend.Holiday{{Date: "2026-11-24", Name: "a Tuesday off"}},
	}
	var items []backend.ItemFlow
	for d := day("2026-10-24"); d <= day("2026-11-20"); d++ {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		at := d.Time().Add(10 * time.Hour)
		items = append(items, backend.ItemFlow{ID: int64(len(items) + 1), Type: backend.TypeStory, TeamID: 1, ProgramID: 1, CreatedAt: at,
			Changes: []backend.StageChange{{At: at, Stage: backend.StageActive}, {At: at.Add(time.Hour), Stage: backend.StageDone}}})
	}
	in, err := metrics.NewInput(ds, items, day("2026-11-20"))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestWorkingDayForecast(t *testing.T) {
	in := oneADay(t)
	t.Run("WhenStepsOverWeekendsAndHolidays", func(t *testing.T) {
		// Every sampled working day did 1 item, so 5 items take 5 working
		// days: Mon 23, Wed 25, Thu 26, Fri 27 and Mon 30 November (Tue 24 is a holiday).
		res, err := analytics.ForecastFrom(in, analytics.ForecastOptions{Team: "zoë", Items: 5, SampleDays: 28, WorkingDays: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.When.Readings {
			if !r.OK || r.Date != "2026-11-30" || r.Days != 10 {
				t.Fatalf("reading %+v, want 2026-11-30 (10 days) at every confidence", r)
			}
		}
		if res.When.FirstDay != "2026-11-23" || res.When.SampleFrom != "2026-10-24" {
			t.Fatalf("basis = %+v", res.When.ForecastBasis)
		}
	})
	t.Run("HowManyCountsWorkingDaysOnly", func(t *testing.T) {
		// 23 Nov – 4 Dec holds 9 working days (10 weekdays, one holiday).
		res, err := analytics.ForecastFrom(in, analytics.ForecastOptions{Team: "Zoë", By: "2026-12-04", SampleDays: 28, WorkingDays: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.HowMany.Readings {
			if v, ok := r.Items.Float(); !ok || v != 9 {
				t.Fatalf("reading %+v, want 9", r)
			}
		}
	})
	t.Run("CalendarModeDilutesWithWeekends", func(t *testing.T) {
		// In calendar days the same team averages 20/28 a day, so 5 items
		// take longer than 5 calendar days at 95%.
		res, err := analytics.ForecastFrom(in, analytics.ForecastOptions{Team: "Zoë", Items: 5, SampleDays: 28})
		if err != nil {
			t.Fatal(err)
		}
		if r := res.When.Readings[2]; !r.OK || r.Days <= 5 {
			t.Fatalf("95%% reading %+v", r)
		}
	})
	t.Run("UnknownTeamListsTeams", func(t *testing.T) {
		_, err := analytics.ForecastFrom(in, analytics.ForecastOptions{Team: "X", Items: 5})
		if backend.ErrorCode(err) != backend.ENotFound {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestResolve(t *testing.T) {
	st := backend.Settings{TimeZone: "Europe/Berlin", AsOf: "2026-11-20"}
	tests := []struct {
		name           string
		opts           analytics.Options
		asOf, from, to string
		code           string
	}{
		{"DefaultsToNinetyDaysEndingAsOf", analytics.Options{}, "2026-11-20", "2026-08-23", "2026-11-20", ""},
		{"ExplicitPeriod", analytics.Options{From: "2026-07-01", To: "2026-09-30"}, "2026-11-20", "2026-07-01", "2026-09-30", ""},
		{"AsOfOverride", analytics.Options{AsOf: "2026-10-01"}, "2026-10-01", "2026-07-04", "2026-10-01", ""},
		{"PeriodAfterAsOfRefused", analytics.Options{To: "2026-12-01"}, "", "", "", backend.EInvalid},
		{"BackwardsPeriodRefused", analytics.Options{From: "2026-10-01", To: "2026-09-01"}, "", "", "", backend.EInvalid},
		{"BadDateRefused", analytics.Options{From: "01/10/2026"}, "", "", "", backend.EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asOf, p, err := analytics.Resolve(st, tt.opts)
			if tt.code != "" {
				if backend.ErrorCode(err) != tt.code {
					t.Fatalf("err = %v, want code %s", err, tt.code)
				}
				return
			}
			if err != nil || asOf.String() != tt.asOf || p.From.String() != tt.from || p.To.String() != tt.to {
				t.Fatalf("got %s %s (%v), want %s %s..%s", asOf, p, err, tt.asOf, tt.from, tt.to)
			}
		})
	}
}
