package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// tinyDataset has one program, two teams on different tools, and items whose
// statuses exercise the mapping rules.
func tinyDataset() *backend.Dataset {
	s := backend.DefaultSettings("Tiny")
	return &backend.Dataset{
		Settings: s,
		Programs: []backend.Program{{ID: 1, Name: "Payments"}},
		Teams: []backend.Team{
			{ID: 1, ProgramID: 1, Name: "Zoë's crew", Framework: "scrum", SprintLengthDays: 14, WorkdayMask: 31, Tool: "jira"},
			{ID: 2, ProgramID: 1, Name: "山田チーム", Framework: "kanban", SprintLengthDays: 14, WorkdayMask: 31, Tool: "jira"},
		},
		WorkflowMappings: []backend.WorkflowMapping{
			{SourceSystem: "jira", RawStatus: "To Do", Stage: backend.StageBacklog},
			{SourceSystem: "jira", RawStatus: "In Progress", Stage: backend.StageActive},
			{SourceSystem: "jira", RawStatus: "Ready for Release", Stage: backend.StageDone},
			{SourceSystem: "jira", RawStatus: "Done", Stage: backend.StageDone},
			// Team 2 treats "Ready for Release" as a queue, not as done.
			{TeamID: 2, RawStatus: "ready for release", Stage: backend.StageWaiting},
		},
		Items: []backend.WorkItem{
			{ID: 1, SourceSystem: "jira", ExternalKey: "A-1", Type: backend.TypeStory, Title: "Pay with café card", TeamID: 1, ProgramID: 1, Status: "Ready for Release", CreatedAt: at("2026-03-01T09:00:00Z")},
			{ID: 2, SourceSystem: "jira", ExternalKey: "B-1", Type: backend.TypeStory, Title: "Refunds", TeamID: 2, ProgramID: 1, Status: "Ready for Release", CreatedAt: at("2026-03-01T09:00:00Z")},
		},
		StatusChanges: []backend.StatusChange{
			{ItemID: 1, ToStatus: "To Do", ChangedAt: at("2026-03-01T09:00:00Z")},
			{ItemID: 1, FromStatus: "To Do", ToStatus: "In Progress", ChangedAt: at("2026-03-02T09:00:00Z")},
			{ItemID: 1, FromStatus: "In Progress", ToStatus: "Ready for Release", ChangedAt: at("2026-03-04T09:00:00Z")},
			{ItemID: 2, ToStatus: "To Do", ChangedAt: at("2026-03-01T09:00:00Z")},
			{ItemID: 2, FromStatus: "To Do", ToStatus: "In Progress", ChangedAt: at("2026-03-02T09:00:00Z")},
			{ItemID: 2, FromStatus: "In Progress", ToStatus: "Ready for Release", ChangedAt: at("2026-03-04T09:00:00Z")},
			{ItemID: 2, FromStatus: "Ready for Release", ToStatus: "Mystery", ChangedAt: at("2026-03-05T09:00:00Z")},
		},
	}
}

func TestLoadDataset(t *testing.T) {
	ctx := context.Background()

	t.Run("LoadsAndResolvesStagesTeamMappingFirst", func(t *testing.T) {
		db, _ := openNew(t)
		if err := db.LoadDataset(ctx, tinyDataset()); err != nil {
			t.Fatal(err)
		}
		flows, err := db.ItemFlows(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(flows) != 2 {
			t.Fatalf("items = %d, want 2", len(flows))
		}
		got := func(i, j int) backend.Stage { return flows[i].Changes[j].Stage }
		if got(0, 2) != backend.StageDone {
			t.Errorf("team 1 'Ready for Release' = %q, want done (source-system mapping)", got(0, 2))
		}
		if got(1, 2) != backend.StageWaiting {
			t.Errorf("team 2 'Ready for Release' = %q, want waiting (team mapping wins, case-insensitive)", got(1, 2))
		}
		if got(1, 3) != "" {
			t.Errorf("unmapped status 'Mystery' = %q, want empty", got(1, 3))
		}
		if flows[0].ProgramID != 1 || flows[1].TeamID != 2 {
			t.Errorf("taxonomy lost: %+v", flows)
		}
		rep, err := db.Check(ctx)
		if err != nil || !rep.OK() {
			t.Fatalf("check after load: %v %v", err, rep.Problems())
		}
	})

	t.Run("RefusesNonEmptyPortfolio", func(t *testing.T) {
		db, _ := openNew(t)
		if err := db.LoadDataset(ctx, tinyDataset()); err != nil {
			t.Fatal(err)
		}
		err := db.LoadDataset(ctx, tinyDataset())
		if got := backend.ErrorCode(err); got != backend.EConflict {
			t.Fatalf("second load: code %q (%v), want %q", got, err, backend.EConflict)
		}
	})

	t.Run("AllOrNothing", func(t *testing.T) {
		db, _ := openNew(t)
		ds := tinyDataset()
		ds.StatusChanges = append(ds.StatusChanges, backend.StatusChange{ItemID: 99, ToStatus: "Done", ChangedAt: at("2026-03-06T09:00:00Z")})
		if err := db.LoadDataset(ctx, ds); err == nil {
			t.Fatal("a dataset with a dangling item reference loaded without error")
		}
		c, err := db.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c.Programs != 0 || c.Items != 0 || c.StatusChanges != 0 {
			t.Fatalf("after a failed load: %+v, want nothing stored", c)
		}
	})
}
