package metrics_test

import (
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

// The sprint fixture: sprint 1, Monday 2 to Friday 13 March 2026 (12 days).
//
//	item 1 story 3 pts  committed  done 5 Mar
//	item 2 story 5 pts  committed  not done
//	item 3 story 2 pts  added      done 10 Mar
//	item 4 bug   no pts committed  done 6 Mar
//	item 5 story 8 pts  committed  done 14 Mar (after the sprint)
//	item 6 sub-task 1 pt committed done 5 Mar (never counts, §4.0)
//	item 7 story 1 pt   committed  done 27 Feb (before the sprint)
func vtSprintFixture() (backend.Sprint, []backend.ItemSprint, []backend.ItemFlow) {
	sprint := backend.Sprint{ID: 1, TeamID: 5, Name: "Sprint 1", StartDate: "2026-03-02", EndDate: "2026-03-13", GoalMet: vtB(true)}
	item := func(id int64, typ backend.ItemType, pts *float64, done string) backend.ItemFlow {
		it := backend.ItemFlow{ID: id, Type: typ, TeamID: 5, Points: pts,
			Changes: []backend.StageChange{vtCh("2026-02-25T09:00:00Z", backend.StageActive)}}
		if done != "" {
			it.Changes = append(it.Changes, vtCh(done+"T09:00:00Z", backend.StageDone))
		}
		return it
	}
	items := []backend.ItemFlow{
		item(1, backend.TypeStory, vtF(3), "2026-03-05"),
		item(2, backend.TypeStory, vtF(5), ""),
		item(3, backend.TypeStory, vtF(2), "2026-03-10"),
		item(4, backend.TypeBug, nil, "2026-03-06"),
		item(5, backend.TypeStory, vtF(8), "2026-03-14"),
		item(6, backend.TypeSubtask, vtF(1), "2026-03-05"),
		item(7, backend.TypeStory, vtF(1), "2026-02-27"),
	}
	start := vtAt("2026-03-02T08:00:00Z")
	in := func(id int64, committed bool) backend.ItemSprint {
		return backend.ItemSprint{ItemID: id, SprintID: 1, AddedAt: start, Committed: committed}
	}
	links := []backend.ItemSprint{in(1, true), in(1, true), in(2, true), in(3, false), in(4, true), in(5, true), in(6, true), in(7, true),
		{ItemID: 2, SprintID: 2, Committed: true}} // another sprint
	return sprint, links, items
}

func TestComputeSprintMetrics(t *testing.T) {
	sprint, links, items := vtSprintFixture()
	rows := metrics.ComputeSprintMetrics([]backend.Sprint{sprint}, links, items, time.UTC)
	if len(rows) != 1 {
		t.Fatalf("rows = %+v", rows)
	}
	r := rows[0]
	t.Run("VelocityIncludesAddedItems", func(t *testing.T) {
		// §4.10: completed = 3 (item 1) + 2 (item 3, added mid-sprint) + 0
		// (item 4, no points) = 5. Item 5 finished after the end, item 7
		// before the start; item 6 is a sub-task.
		if r.Completed != 5 {
			t.Errorf("completed = %v, want 5", r.Completed)
		}
		vtIDs(t, "completed", r.CompletedItemIDs, 1, 3, 4)
	})
	t.Run("CommittedAtSprintStart", func(t *testing.T) {
		// §4.10: committed = 3 + 5 + 0 + 8 + 1 = 17 (item 1 listed twice
		// counts once; item 3 was added later).
		if r.Committed != 17 {
			t.Errorf("committed = %v, want 17", r.Committed)
		}
		vtIDs(t, "committed", r.CommittedItemIDs, 1, 2, 4, 5, 7)
		vtIDs(t, "items", r.ItemIDs, 1, 2, 3, 4, 5, 7)
	})
	t.Run("SayDoCountsOnlyCommittedItems", func(t *testing.T) {
		// §4.10: say/do = committed items completed (3 + 0) ÷ 17; item 3's
		// 2 points do not count.
		if r.CompletedCommitted != 3 {
			t.Errorf("completed committed = %v, want 3", r.CompletedCommitted)
		}
		vtValue(t, "say/do", r.SayDo, vtF(3.0/17))
		if r.GoalMet == nil || !*r.GoalMet || r.TeamID != 5 || r.Start != "2026-03-02" || r.End != "2026-03-13" {
			t.Errorf("row = %+v", r)
		}
	})
	t.Run("NothingCommittedIsNA", func(t *testing.T) {
		// §4.18: say/do of a sprint with no committed points is n/a.
		other := backend.Sprint{ID: 3, StartDate: "2026-03-16", EndDate: "2026-03-27"}
		got := metrics.ComputeSprintMetrics([]backend.Sprint{other}, links, items, time.UTC)
		vtReason(t, "say/do", got[0].SayDo, "no points committed at sprint start")
		vtIDs(t, "items", got[0].ItemIDs)
	})
	t.Run("UnreadableDatesIsNA", func(t *testing.T) {
		bad := sprint
		bad.EndDate = "13/03/2026"
		got := metrics.ComputeSprintMetrics([]backend.Sprint{bad}, links, items, time.UTC)
		vtReason(t, "say/do", got[0].SayDo, "dates cannot be read")
		if got[0].Completed != 0 || got[0].Committed != 17 {
			t.Errorf("row = %+v", got[0])
		}
	})
}

func TestSprintGoalAttainment(t *testing.T) {
	t.Run("ShareOfAssessedSprints", func(t *testing.T) {
		// §4.10: met, not met, met; the running sprint (no verdict) is left
		// out: 2 ÷ 3.
		got := metrics.SprintGoalAttainment([]backend.Sprint{{ID: 1, GoalMet: vtB(true)}, {ID: 2, GoalMet: vtB(false)}, {ID: 3}, {ID: 4, GoalMet: vtB(true)}})
		vtValue(t, "attainment", got.Value, vtF(2.0/3))
		vtIDs(t, "assessed", got.SprintIDs, 1, 2, 4)
		vtIDs(t, "met", got.MetSprintIDs, 1, 4)
	})
	t.Run("NoVerdictIsNA", func(t *testing.T) {
		vtReason(t, "attainment", metrics.SprintGoalAttainment([]backend.Sprint{{ID: 3}}).Value, "no sprint has a recorded goal verdict")
	})
}

func TestBurndown(t *testing.T) {
	sprint, links, items := vtSprintFixture()
	got := metrics.Burndown(sprint, links, items, time.UTC)
	t.Run("RemainingCommittedPointsPerDay", func(t *testing.T) {
		// §4.10: 17 committed points. Item 7 (1 pt, done before the start)
		// burns on day 1 → 16; item 1 (3 pts) on 5 Mar → 13; item 4 (0 pts)
		// on 6 Mar; item 3 was not committed; item 5 is done after the end.
		want := []float64{16, 16, 16, 13, 13, 13, 13, 13, 13, 13, 13, 13}
		if len(got) != len(want) {
			t.Fatalf("days = %d, want %d", len(got), len(want))
		}
		for i, w := range want {
			if got[i].Remaining != w {
				t.Errorf("%s remaining = %v, want %v", got[i].Day, got[i].Remaining, w)
			}
		}
		if got[0].Day != "2026-03-02" || got[11].Day != "2026-03-13" {
			t.Errorf("days run %s..%s", got[0].Day, got[11].Day)
		}
		vtIDs(t, "burned on 2 Mar", got[0].BurnedItemIDs, 7)
		vtIDs(t, "burned on 5 Mar", got[3].BurnedItemIDs, 1)
		vtIDs(t, "burned on 6 Mar", got[4].BurnedItemIDs, 4)
	})
	t.Run("IdealLineFromCommittedToZero", func(t *testing.T) {
		// 17 on day 1, 17 × 10/11 on day 2, 0 on the last day.
		if got[0].Ideal != 17 || got[1].Ideal != 17*10.0/11 || got[11].Ideal != 0 {
			t.Errorf("ideal = %v, %v … %v", got[0].Ideal, got[1].Ideal, got[11].Ideal)
		}
	})
}
