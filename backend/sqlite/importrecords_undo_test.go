package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend"
)

func TestUndoRecords(t *testing.T) {
	ctx := context.Background()

	t.Run("EarlierImportWaitsForLaterOnSameRows", func(t *testing.T) {
		db, _ := openNew(t)
		withRegister(t, db)
		before := recordsSnapshot(t, db)
		first := applyRecs(t, db, "deploys.csv", backend.ImportRecords{Deployments: cdLog()})
		log := cdLog()
		log[1].Outcome = "rolled_back"
		second := applyRecs(t, db, "deploys-2.csv", backend.ImportRecords{Deployments: log})
		err := db.UndoImport(ctx, first.BatchID)
		want := "deploys-2.csv: deployments"
		if backend.ErrorCode(err) != backend.EConflict || !strings.Contains(backend.ErrorMessage(err), want) {
			t.Fatalf("undo of the earlier import: %v; want a conflict naming %q", err, want)
		}
		undo(t, db, second.BatchID)
		undo(t, db, first.BatchID)
		if recordsSnapshot(t, db) != before {
			t.Fatal("undoing both did not restore the portfolio")
		}
	})

	t.Run("LaterRowsPointingAtCreatedRowsBlockUndo", func(t *testing.T) {
		db, _ := openNew(t)
		withRegister(t, db)
		first := applyRecs(t, db, "deploys.csv", backend.ImportRecords{Deployments: cdLog()})
		second := applyRecs(t, db, "incidents.csv", backend.ImportRecords{Incidents: incidentLog()})
		err := db.UndoImport(ctx, first.BatchID)
		if backend.ErrorCode(err) != backend.EConflict || !strings.Contains(backend.ErrorMessage(err), "incidents.csv: incidents") {
			t.Fatalf("undo of the deployments: %v; want a conflict naming the incidents", err)
		}
		undo(t, db, second.BatchID)
		undo(t, db, first.BatchID)
		checkOK(t, db)
	})

	t.Run("LaterEpicChangeBlocksUndoOfItemImport", func(t *testing.T) {
		db, _ := openNew(t)
		items := apply(t, db, jiraExport("2026-02-01T00:00:00Z"))
		epics := applyRecs(t, db, "epics.xlsx", backend.ImportRecords{Epics: []backend.EpicRecord{{SourceSystem: "jira", Key: "PAY-1", Owner: "Zoë", File: "epics.xlsx", Row: 2, CreatedAt: at("2026-01-05T09:00:00Z")}}})
		if err := db.UndoImport(ctx, items.BatchID); backend.ErrorCode(err) != backend.EConflict || !strings.Contains(err.Error(), "epics.xlsx") {
			t.Fatalf("undo of the item import: %v", err)
		}
		undo(t, db, epics.BatchID)
		undo(t, db, items.BatchID)
	})

	t.Run("MixedBatchIsUndoneInOneGo", func(t *testing.T) {
		db, _ := openNew(t)
		seedOKRs(t, db)
		before := recordsSnapshot(t, db)
		res := applyRecs(t, db, "pmo.xlsx", backend.ImportRecords{Teams: teamRegister(), Epics: epicsList(), Deployments: cdLog(), Incidents: incidentLog(),
			Dependencies: dependencyBoard(), Benefits: []backend.BenefitRecord{{EpicKey: "PAY-1", MeasuredOn: "2026-03-31", Amount: 1, PlannedAmount: pts(10), File: "pmo.xlsx", Row: 9}},
			Feedback:     []backend.FeedbackRecord{{Program: "Cards", Kind: "nps", PeriodStart: "2026-01-01", PeriodEnd: "2026-03-31", Score: 12, File: "pmo.xlsx", Row: 10}},
			KRUpdates:    []backend.KeyResultUpdateRecord{{Objective: "Delight customers", KeyResult: "NPS at least 40", RecordedOn: "2026-03-31", Value: 31, File: "pmo.xlsx", Row: 11}},
			PIObjectives: []backend.PIObjectiveRecord{{Team: "Ledger", PI: "PI 26.1", Title: "Close books daily", PlannedBV: 6, File: "pmo.xlsx", Row: 12}},
		})
		for kind, want := range map[string]int{"teams": 2, "programs": 2, "services": 3, "epics": 2, "deployments": 3, "incidents": 2, "dependencies": 2,
			"benefits": 1, "business_cases": 1, "feedback": 1, "kr_updates": 1, "pi_objectives": 1, "themes": 1} {
			if got := res.Counts[kind].Created; got != want {
				t.Errorf("%s created = %d, want %d", kind, got, want)
			}
		}
		if n := one[int](t, db, `SELECT count(*) FROM incidents WHERE caused_by_deployment_id IS NOT NULL`); n != 2 {
			t.Fatalf("linked incidents in the same file = %d, want 2", n)
		}
		undo(t, db, res.BatchID)
		if got := recordsSnapshot(t, db); got != before {
			t.Fatalf("after undo:\n%s\nwant\n%s", got, before)
		}
		checkOK(t, db)
		c, _ := db.Counts(ctx)
		if c.Teams != 0 || c.Programs != 0 || c.Deployments != 0 || c.Incidents != 0 || c.Items != 0 {
			t.Fatalf("counts after undo: %+v", c)
		}
	})

	t.Run("CreatedTeamStillInUseIsKept", func(t *testing.T) {
		db, _ := openNew(t)
		register := applyRecs(t, db, "teams.xlsx", backend.ImportRecords{Teams: teamRegister()})
		apply(t, db, jiraExport("2026-02-01T00:00:00Z")) // items of Zoë's crew, a later file that did not change the team
		undo(t, db, register.BatchID)
		checkOK(t, db)
		if n := one[int](t, db, `SELECT count(*) FROM teams WHERE name = 'Zoë''s crew'`); n != 1 {
			t.Fatal("undo removed a team that items still use")
		}
	})
}
