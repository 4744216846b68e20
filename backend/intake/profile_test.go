package intake_test

import (
	"context"
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/intake"
)

// opsCSV is a team's own tracker: no format knows its headers.
func opsCSV() intake.Source {
	return intake.Source{Name: "ops tracker.csv", Data: []byte("Ticket,What,Kind,Squad,State,Opened\n" +
		"OPS-1,Rotate certificates,Task,Ops Crew,Done,2026-03-02\n" +
		"OPS-2,Pager storm after deploy,Bug,Ops Crew,In Progress,2026-03-04\n" +
		"OPS-3,Runbook for failover,Story,Ops Crew,To Do,2026-03-05\n")}
}

func opsProfile() *imports.Profile {
	return &imports.Profile{Name: "Ops tracker", Format: imports.FormatTemplate, Columns: map[string]imports.Role{
		"Ticket": imports.RoleKey, "What": imports.RoleTitle, "Kind": imports.RoleType, "Squad": imports.RoleTeam,
		"State": imports.RoleStatus, "Opened": imports.RoleCreated,
	}}
}

func TestInlineProfile(t *testing.T) {
	ctx := context.Background()

	t.Run("WithoutAMappingTheTableIsNotRecognised", func(t *testing.T) {
		reps, err := intake.Import(ctx, newDB(t), []intake.Source{opsCSV()}, intake.Options{DryRun: true}, nil)
		if err != nil || !strings.Contains(reps[0].Error, "not recognised") {
			t.Fatalf("report %+v, err %v", reps[0], err)
		}
	})

	t.Run("MapsAPreviewAndThenTheImport", func(t *testing.T) {
		db := newDB(t)
		opts := intake.Options{Program: "Platform", DryRun: true, ProfileInline: opsProfile()}
		reps, err := intake.Import(ctx, db, []intake.Source{opsCSV()}, opts, nil)
		if err != nil || reps[0].Error != "" || reps[0].Format != "template" || reps[0].RowsRead != 3 || reps[0].ItemsCreated != 3 || reps[0].Stored {
			t.Fatalf("dry run %+v, err %v", reps[0], err)
		}
		if c, _ := db.Counts(ctx); c.Items != 0 {
			t.Fatalf("a dry run stored %d items", c.Items)
		}
		opts.DryRun = false
		reps, err = intake.Import(ctx, db, []intake.Source{opsCSV()}, opts, nil)
		if err != nil || reps[0].Error != "" || !reps[0].Stored || reps[0].ItemsCreated != 3 {
			t.Fatalf("import %+v, err %v", reps[0], err)
		}
		if c, _ := db.Counts(ctx); c.Items != 3 {
			t.Fatalf("%d items stored", c.Items)
		}
	})

	t.Run("TheBatchRecordsTheMappingUsed", func(t *testing.T) {
		db := newDB(t)
		opts := intake.Options{Program: "Platform", Profile: "Nobody's", ProfileInline: opsProfile()}
		opts.ProfileInline.Name = "" // mapped for this file, not saved
		reps, err := intake.Import(ctx, db, []intake.Source{opsCSV()}, opts, nil)
		if err != nil || !reps[0].Stored {
			t.Fatalf("import %+v, err %v", reps[0], err)
		}
		batches, err := db.ImportBatches(ctx)
		if err != nil || len(batches) != 1 || batches[0].ID != reps[0].BatchID {
			t.Fatalf("batches %+v, err %v", batches, err)
		}
		// The batch listing leaves the mapping record out; read it by the listed id.
		var js string
		if err := db.SQL().QueryRowContext(ctx, `SELECT mapping_json FROM import_batches WHERE id = ?`, batches[0].ID).Scan(&js); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Profile       *string                 `json:"profile"`
			ProfileFormat imports.Format          `json:"profile_format"`
			Columns       map[string]imports.Role `json:"columns"`
			Program       string                  `json:"program"`
		}
		if err := json.Unmarshal([]byte(js), &got); err != nil {
			t.Fatalf("mapping record %s: %v", js, err)
		}
		if got.Profile == nil || *got.Profile != "" || got.ProfileFormat != imports.FormatTemplate || got.Program != "Platform" {
			t.Errorf("mapping record %s: want the unnamed template mapping for program Platform", js)
		}
		if want := opsProfile().Columns; !maps.Equal(got.Columns, want) {
			t.Errorf("columns %v, want %v", got.Columns, want)
		}
	})

	t.Run("ANamedProfileRecordsItsNameOnly", func(t *testing.T) {
		db := newDB(t)
		js, _ := json.Marshal(opsProfile())
		if err := db.SaveMappingProfile(ctx, "Ops tracker", string(js)); err != nil {
			t.Fatal(err)
		}
		reps, err := intake.Import(ctx, db, []intake.Source{opsCSV()}, intake.Options{Program: "Platform", Profile: "Ops tracker"}, nil)
		if err != nil || !reps[0].Stored {
			t.Fatalf("import %+v, err %v", reps[0], err)
		}
		var record string
		if err := db.SQL().QueryRowContext(ctx, `SELECT mapping_json FROM import_batches WHERE id = ?`, reps[0].BatchID).Scan(&record); err != nil {
			t.Fatal(err)
		}
		var got map[string]json.RawMessage
		if err := json.Unmarshal([]byte(record), &got); err != nil {
			t.Fatal(err)
		}
		if string(got["profile"]) != `"Ops tracker"` || got["columns"] != nil {
			t.Errorf("mapping record %s: want the profile's name and no columns (the saved profile holds them)", record)
		}
	})

	t.Run("UsedInsteadOfTheNamedProfile", func(t *testing.T) {
		// "Nobody's" is not saved: the named profile alone would fail the run.
		opts := intake.Options{DryRun: true, Profile: "Nobody's", ProfileInline: opsProfile()}
		reps, err := intake.Import(ctx, newDB(t), []intake.Source{opsCSV()}, opts, nil)
		if err != nil || reps[0].Error != "" || reps[0].ItemsCreated != 3 {
			t.Fatalf("report %+v, err %v", reps[0], err)
		}
	})

	t.Run("TheSavedProfileStillWorksByName", func(t *testing.T) {
		db := newDB(t)
		js, _ := json.Marshal(opsProfile())
		if err := db.SaveMappingProfile(ctx, "Ops tracker", string(js)); err != nil {
			t.Fatal(err)
		}
		reps, err := intake.Import(ctx, db, []intake.Source{opsCSV()}, intake.Options{DryRun: true, Profile: "ops TRACKER"}, nil)
		if err != nil || reps[0].Error != "" || reps[0].ItemsCreated != 3 {
			t.Fatalf("report %+v, err %v", reps[0], err)
		}
	})

	t.Run("AnIncompleteMappingNamesWhatIsMissing", func(t *testing.T) {
		p := opsProfile()
		delete(p.Columns, "Opened")
		reps, err := intake.Import(ctx, newDB(t), []intake.Source{opsCSV()}, intake.Options{DryRun: true, ProfileInline: p}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"ops tracker.csv", "Ops tracker", "created", "Opened"} {
			if !strings.Contains(reps[0].Error, want) {
				t.Errorf("error %q lacks %q", reps[0].Error, want)
			}
		}
	})
}
