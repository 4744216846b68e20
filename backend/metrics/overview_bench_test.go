package metrics_test

import (
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/demo"
	"github.com/throughline/throughline/backend/metrics"
)

// largeFlows turns the large demo portfolio into what the store would load,
// resolving statuses to stages with the portfolio's own mappings.
func largeFlows(b *testing.B) ([]backend.ItemFlow, *backend.Dataset) {
	b.Helper()
	ds, err := demo.Generate(demo.Options{Seed: 1, Scale: "large"})
	if err != nil {
		b.Fatal(err)
	}
	type key struct {
		team   int64
		source string
		status string
	}
	stage := map[key]backend.Stage{}
	for _, m := range ds.WorkflowMappings {
		stage[key{m.TeamID, m.SourceSystem, m.RawStatus}] = m.Stage
	}
	flows := make([]backend.ItemFlow, len(ds.Items))
	index := make(map[int64]int, len(ds.Items))
	for i, it := range ds.Items {
		flows[i] = backend.ItemFlow{ID: it.ID, Type: it.Type, TeamID: it.TeamID, ProgramID: it.ProgramID, CreatedAt: it.CreatedAt}
		index[it.ID] = i
	}
	for _, c := range ds.StatusChanges {
		i := index[c.ItemID]
		it := ds.Items[i]
		s, ok := stage[key{it.TeamID, "", c.ToStatus}]
		if !ok {
			s = stage[key{0, it.SourceSystem, c.ToStatus}]
		}
		flows[i].Changes = append(flows[i].Changes, backend.StageChange{At: c.ChangedAt, Status: c.ToStatus, Stage: s})
	}
	return flows, ds
}

// BenchmarkOverviewLarge computes the portfolio overview on the large
// portfolio (200,000 items, ~1.5 M status changes). The reference
// sub-benchmark only converts every change's instant to a civil day, the
// least any computation over the histories must do; compare the two as a
// ratio (the machines are shared and noisy).
func BenchmarkOverviewLarge(b *testing.B) {
	flows, ds := largeFlows(b)
	loc, _ := time.LoadLocation(ds.Settings.TimeZone)
	asOf, _ := metrics.ParseDay(ds.Settings.AsOf)
	b.Run("reference-day-of-every-change", referencePass(flows, loc))
	b.Run("overview", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			in, err := metrics.NewInput(ds, flows, asOf)
			if err != nil {
				b.Fatal(err)
			}
			ov := metrics.ComputeOverview(in)
			if ov.Totals.Items != len(flows) {
				b.Fatalf("items = %d", ov.Totals.Items)
			}
		}
	})
}

// BenchmarkReportLarge computes every metric at every level (portfolio, 8
// programs, 40 teams) on the large portfolio: PRODUCT §10's target is ≤ 1 s.
// "prepare" derives the item facts once (what a new as-of date costs);
// "compute" is the report from prepared facts; the reference is the same
// day-conversion pass as in BenchmarkOverviewLarge.
func BenchmarkReportLarge(b *testing.B) {
	flows, ds := largeFlows(b)
	asOf, _ := metrics.ParseDay(ds.Settings.AsOf)
	p := metrics.Period{From: asOf - metrics.DefaultPeriodDays + 1, To: asOf}
	loc, _ := time.LoadLocation(ds.Settings.TimeZone)
	b.Run("reference-day-of-every-change", referencePass(flows, loc))
	b.Run("prepare", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := metrics.NewInput(ds, flows, asOf); err != nil {
				b.Fatal(err)
			}
		}
	})
	in, err := metrics.NewInput(ds, flows, asOf)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("compute-all-levels", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r := in.Compute(p)
			if len(r.Programs) != 8 {
				b.Fatalf("programs = %d", len(r.Programs))
			}
		}
	})
}

// referencePass is the benchmarks' reference: converting every status
// change's instant to a civil day, the least any computation over the
// histories must do. Figures are reported as ratios against it.
func referencePass(flows []backend.ItemFlow, loc *time.Location) func(*testing.B) {
	return func(b *testing.B) {
		b.ReportAllocs()
		var sink metrics.Day
		for b.Loop() {
			for _, f := range flows {
				for _, c := range f.Changes {
					sink += metrics.DayOf(c.At, loc)
				}
			}
		}
		_ = sink
	}
}
