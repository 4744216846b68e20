package intake_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/intake"
	"github.com/throughline/throughline/backend/sqlite"
)

func newDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func fixture(t *testing.T, path string) intake.Source {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../imports/testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return intake.Source{Name: filepath.Base(path), Data: b}
}

// templateCSV is a hand-made sheet in Throughline's template layout.
func templateCSV(rows ...string) intake.Source {
	head := "Key,Type,Title,Team,Program,Status,Created,Started,Done,Points\n"
	return intake.Source{Name: "zoe.csv", Data: []byte(head + strings.Join(rows, "\n") + "\n")}
}

func TestImport(t *testing.T) {
	ctx := context.Background()

	t.Run("JiraAndADOExports", func(t *testing.T) {
		db := newDB(t)
		reps, err := intake.Import(ctx, db, []intake.Source{fixture(t, "jira/cloud-all-fields.csv"), fixture(t, "ado/query.csv")}, intake.Options{Team: "Zoë's crew", Program: "Payments"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range reps {
			if r.Error != "" || !r.Stored || r.ItemsCreated == 0 || r.HistoryAdded == 0 || r.BatchID == 0 {
				t.Fatalf("%s: %+v", r.Path, r)
			}
		}
		if reps[0].Format != "jira" || reps[1].Format != "ado" {
			t.Fatalf("formats = %s, %s", reps[0].Format, reps[1].Format)
		}
		c, _ := db.Counts(ctx)
		if c.Items != reps[0].ItemsCreated+reps[1].ItemsCreated {
			t.Fatalf("items stored %d", c.Items)
		}
	})

	t.Run("ReimportRecordsNothing", func(t *testing.T) {
		db := newDB(t)
		src := fixture(t, "jira/cloud-all-fields.csv")
		intake.Import(ctx, db, []intake.Source{src}, intake.Options{Team: "Zoë's crew"}, nil)
		reps, err := intake.Import(ctx, db, []intake.Source{src}, intake.Options{Team: "Zoë's crew"}, nil)
		if err != nil || reps[0].Stored || reps[0].ItemsCreated+reps[0].ItemsUpdated+reps[0].HistoryAdded != 0 || reps[0].PreviouslyAt == "" {
			t.Fatalf("re-import: %+v %v (want nothing stored and when it was imported before)", reps[0], err)
		}
		batches, _ := db.ImportBatches(ctx)
		if len(batches) != 1 {
			t.Fatalf("%d batches after a re-import", len(batches))
		}
	})

	t.Run("DryRunWritesNothing", func(t *testing.T) {
		db := newDB(t)
		reps, err := intake.Import(ctx, db, []intake.Source{fixture(t, "ado/query.csv")}, intake.Options{DryRun: true}, nil)
		if err != nil || reps[0].ItemsCreated == 0 || reps[0].Stored {
			t.Fatalf("dry run: %+v %v", reps[0], err)
		}
		c, _ := db.Counts(ctx)
		m, _ := db.WorkflowMappings(ctx)
		if c.Items != 0 || c.Teams != 0 || len(m) != 0 {
			t.Fatalf("a dry run wrote %+v and %d mappings", c, len(m))
		}
	})

	t.Run("UnreadableFileDoesNotStopOthers", func(t *testing.T) {
		db := newDB(t)
		junk := intake.Source{Name: "junk.csv", Data: []byte{0x00, 0xff, 0x13, 0x37, 0x00, 0x00, 0x89, 'P', 'N', 'G'}}
		reps, err := intake.Import(ctx, db, []intake.Source{junk, fixture(t, "ado/query.csv")}, intake.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if reps[0].Error == "" || !strings.Contains(reps[0].Error, "junk.csv") || !reps[1].Stored {
			t.Fatalf("reports: %+v / %+v", reps[0], reps[1])
		}
	})

	t.Run("RejectedRowsNameRowAndColumn", func(t *testing.T) {
		db := newDB(t)
		src := templateCSV(
			"ZOE-1,Story,Pay by card,Zoë's crew,Payments,Done,2026-01-05,2026-01-06,2026-01-09,3",
			"ZOE-2,Story,Refund,Zoë's crew,Payments,Done,2026-13-45,2026-01-06,2026-01-09,2",
			",Story,No key,Zoë's crew,Payments,To Do,2026-01-05,,,1",
		)
		reps, _ := intake.Import(ctx, db, []intake.Source{src}, intake.Options{}, nil)
		r := reps[0]
		if r.ItemsCreated != 1 || len(r.Rejected) != 2 || r.RowsRejected != 2 {
			t.Fatalf("created %d, rejected %+v", r.ItemsCreated, r.Rejected)
		}
		bad := r.Rejected[0]
		if bad.Row != 3 || bad.Column != "G" || !strings.Contains(bad.Value, "2026-13-45") || bad.Reason == "" {
			t.Fatalf("rejected row = %+v, want row 3, column G (Created), the value and a reason", bad)
		}
	})

	t.Run("AllOrNothingStoresNothing", func(t *testing.T) {
		db := newDB(t)
		src := templateCSV(
			"ZOE-1,Story,Pay by card,Zoë's crew,Payments,Done,2026-01-05,2026-01-06,2026-01-09,3",
			"ZOE-2,Story,Refund,Zoë's crew,Payments,Done,not a date,2026-01-06,2026-01-09,2",
		)
		reps, _ := intake.Import(ctx, db, []intake.Source{src}, intake.Options{AllOrNothing: true}, nil)
		c, _ := db.Counts(ctx)
		if reps[0].Error == "" || reps[0].Stored || c.Items != 0 {
			t.Fatalf("all or nothing: %+v, %d items stored", reps[0], c.Items)
		}
	})

	t.Run("AmbiguousDatesAskForAnOrder", func(t *testing.T) {
		db := newDB(t)
		src := templateCSV(
			"ZOE-1,Story,Pay by card,Zoë's crew,Payments,Done,01/02/2026,03/02/2026,04/02/2026,3",
			"ZOE-2,Story,Refund,Zoë's crew,Payments,Done,02/03/2026,05/03/2026,06/03/2026,2",
		)
		reps, _ := intake.Import(ctx, db, []intake.Source{src}, intake.Options{}, nil)
		if len(reps[0].AmbiguousDates) == 0 || !strings.Contains(reps[0].Error, "--date-order") || reps[0].Stored {
			t.Fatalf("ambiguous dates: %+v", reps[0])
		}
		reps, _ = intake.Import(ctx, db, []intake.Source{src}, intake.Options{DateOrder: imports.DateOrderDMY}, nil)
		if !reps[0].Stored || reps[0].ItemsCreated != 2 {
			t.Fatalf("with day-first: %+v", reps[0])
		}
		flows, _ := db.ItemFlows(ctx)
		if got := flows[0].CreatedAt.Format("2006-01-02"); got != "2026-02-01" {
			t.Fatalf("01/02/2026 day-first stored as %s", got)
		}
	})

	t.Run("StatusesMappedProposedOrReported", func(t *testing.T) {
		db := newDB(t)
		src := templateCSV(
			"ZOE-1,Story,Pay by card,Zoë's crew,Payments,Done,2026-01-05,2026-01-06,2026-01-09,3",
			"ZOE-2,Story,Refund,Zoë's crew,Payments,Zorglub,2026-01-05,2026-01-06,,2",
		)
		reps, _ := intake.Import(ctx, db, []intake.Source{src}, intake.Options{}, nil)
		var zorglub, done *intake.StatusReport
		for i := range reps[0].Statuses {
			switch reps[0].Statuses[i].Status {
			case "Zorglub":
				zorglub = &reps[0].Statuses[i]
			case "Done":
				done = &reps[0].Statuses[i]
			}
		}
		if zorglub == nil || zorglub.Stage != "" || done == nil || done.Stage != backend.StageDone || !done.Proposed {
			t.Fatalf("statuses = %+v", reps[0].Statuses)
		}
		warned := false
		for _, w := range reps[0].Warnings {
			warned = warned || strings.Contains(w.Reason, `"Zorglub"`)
		}
		if !warned {
			t.Fatalf("no warning about the unmapped status: %+v", reps[0].Warnings)
		}
		// A dry run with a chosen stage reports it mapped, and saves nothing.
		dry, _ := intake.Import(ctx, db, []intake.Source{src}, intake.Options{DryRun: true, Mappings: []backend.WorkflowMapping{{SourceSystem: zorglub.SourceSystem, RawStatus: "Zorglub", Stage: backend.StageWaiting}}}, nil)
		for _, s := range dry[0].Statuses {
			if s.Status == "Zorglub" && s.Stage != backend.StageWaiting {
				t.Fatalf("dry run with a chosen stage reports %q", s.Stage)
			}
		}
		// Choosing a stage maps it for the metrics.
		_, err := intake.Import(ctx, db, []intake.Source{src}, intake.Options{Mappings: []backend.WorkflowMapping{{SourceSystem: zorglub.SourceSystem, RawStatus: "Zorglub", Stage: backend.StageWaiting}}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		flows, _ := db.ItemFlows(ctx)
		for _, f := range flows {
			for _, c := range f.Changes {
				if c.Status == "Zorglub" && c.Stage != backend.StageWaiting {
					t.Fatalf("Zorglub resolves to %q after mapping", c.Stage)
				}
			}
		}
	})
}
