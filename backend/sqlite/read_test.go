package sqlite_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/throughline/throughline/backend/demo"
)

// TestReadDatasetRoundTrip loads the demo portfolio and reads it back: every
// table the metrics use must come back exactly as generated.
func TestReadDatasetRoundTrip(t *testing.T) {
	ctx := context.Background()
	ds, err := demo.Generate(demo.Options{Seed: 3, Scale: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	db, _ := openNew(t)
	if err := db.LoadDataset(ctx, ds); err != nil {
		t.Fatal(err)
	}
	got, err := db.ReadDataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same := func(name string, a, b any) {
		t.Helper()
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("%s differ after the round trip:\n got %.300s\nwant %.300s", name, ja, jb)
		}
	}
	same("settings", got.Settings, ds.Settings)
	same("deployments", got.Deployments, ds.Deployments)
	same("incidents", got.Incidents, ds.Incidents)
	same("PI objectives", len(got.PIObjectives), len(ds.PIObjectives))
	same("key results", got.KeyResults, ds.KeyResults)
	same("business cases", got.BusinessCases, ds.BusinessCases)
	same("dependencies", len(got.Dependencies), len(ds.Dependencies))
	same("sprints", len(got.Sprints), len(ds.Sprints))
	same("item sprints", len(got.ItemSprints), len(ds.ItemSprints))
	same("blocked periods", len(got.BlockedPeriods), len(ds.BlockedPeriods))
	same("feedback", len(got.Feedback), len(ds.Feedback))
	same("themes", got.Themes, ds.Themes)

	flows, err := db.ItemFlows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	changes := 0
	unmapped := 0
	for _, f := range flows {
		changes += len(f.Changes)
		for _, c := range f.Changes {
			if c.Stage == "" {
				unmapped++
			}
		}
	}
	if len(flows) != len(ds.Items) || changes != len(ds.StatusChanges) || unmapped != 0 {
		t.Fatalf("flows: %d items, %d changes, %d unmapped; want %d, %d, 0", len(flows), changes, unmapped, len(ds.Items), len(ds.StatusChanges))
	}
}
