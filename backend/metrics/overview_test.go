package metrics_test

import (
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

func TestComputeOverview(t *testing.T) {
	programs := []backend.Program{{ID: 1, Name: "Payments", WIPLimit: 5}}
	teams := []backend.Team{{ID: 10, ProgramID: 1, Name: "Zoë", WIPLimit: 2}}
	item := func(id int64, typ backend.ItemType, changes ...backend.StageChange) backend.ItemFlow {
		return backend.ItemFlow{ID: id, Type: typ, TeamID: 10, ProgramID: 1, CreatedAt: at("2026-01-05T08:00:00Z"), Changes: changes}
	}
	items := []backend.ItemFlow{
		// done in the as-of week (Monday 16 Nov 2026)
		item(1, backend.TypeStory, ch("2026-11-10T09:00:00Z", backend.StageActive), ch("2026-11-16T09:00:00Z", backend.StageDone)),
		// done on the as-of day: done and still in WIP that day (§4.5)
		item(2, backend.TypeBug, ch("2026-11-18T09:00:00Z", backend.StageActive), ch("2026-11-20T09:00:00Z", backend.StageDone)),
		// in progress
		item(3, backend.TypeStory, ch("2026-11-02T09:00:00Z", backend.StageWaiting)),
		// done the previous week
		item(4, backend.TypeStory, ch("2026-11-02T09:00:00Z", backend.StageActive), ch("2026-11-13T09:00:00Z", backend.StageDone)),
		// cancelled
		item(5, backend.TypeStory, ch("2026-11-02T09:00:00Z", backend.StageActive), ch("2026-11-05T09:00:00Z", backend.StageRemoved)),
		// done after as-of: history after as-of is ignored, so still in progress
		item(6, backend.TypeStory, ch("2026-11-19T09:00:00Z", backend.StageActive), ch("2026-11-23T09:00:00Z", backend.StageDone)),
		// an epic: counted as an item but not as a delivery item (§4.0)
		item(7, backend.TypeEpic, ch("2026-10-01T09:00:00Z", backend.StageActive)),
	}
	ov := metrics.ComputeOverview(newInput(items, programs, teams, "2026-11-20"))

	if len(ov.Weeks) != metrics.OverviewWeeks || ov.Weeks[len(ov.Weeks)-1] != "2026-W47" || ov.Weeks[len(ov.Weeks)-2] != "2026-W46" {
		t.Fatalf("weeks = %v", ov.Weeks)
	}
	want := metrics.OverviewTotals{Items: 7, DeliveryItems: 6, Done: 3, WIP: 3, Removed: 1}
	got := ov.Totals
	got.ThroughputLast12Weeks = nil
	if got != want {
		t.Fatalf("totals = %+v, want %+v", got, want)
	}
	if m := ov.Totals.ThroughputLast12Weeks; m == nil || *m != 3.0/12 {
		t.Fatalf("mean throughput = %v, want 0.25", m)
	}
	p := ov.Programs[0]
	if p.Throughput[25] != 2 || p.Throughput[24] != 1 {
		t.Fatalf("program throughput last two weeks = %d, %d; want 1, 2", p.Throughput[24], p.Throughput[25])
	}
	if len(p.Teams) != 1 || p.Teams[0].WIP != 3 || p.Teams[0].WIPLimit != 2 {
		t.Fatalf("team = %+v", p.Teams)
	}
}

func TestComputeOverviewEmpty(t *testing.T) {
	ov := metrics.ComputeOverview(newInput(nil, nil, nil, "2026-11-20"))
	if ov.Totals.Items != 0 || ov.Programs == nil || len(ov.Programs) != 0 {
		t.Fatalf("empty overview = %+v", ov)
	}
	if ov.Totals.ThroughputLast12Weeks == nil || *ov.Totals.ThroughputLast12Weeks != 0 {
		t.Fatalf("empty throughput mean = %v, want 0 over 12 empty weeks", ov.Totals.ThroughputLast12Weeks)
	}
}

// newInput builds an engine input in UTC as of asOf.
func newInput(items []backend.ItemFlow, programs []backend.Program, teams []backend.Team, asOf string) *metrics.Input {
	ds := &backend.Dataset{Settings: backend.Settings{TimeZone: "UTC"}, Programs: programs, Teams: teams}
	in, err := metrics.NewInput(ds, items, day(asOf))
	if err != nil {
		panic(err)
	}
	return in
}
