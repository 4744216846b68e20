package metrics_test

import (
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

func vtDoneItem(id int64, typ backend.ItemType, parent, theme int64, points *float64, done string) backend.ItemFlow {
	return backend.ItemFlow{ID: id, Type: typ, ParentID: parent, ThemeID: theme, Points: points, Changes: []backend.StageChange{
		vtCh("2026-02-20T09:00:00Z", backend.StageActive),
		vtCh(done+"T09:00:00Z", backend.StageDone),
	}}
}

func TestComputeThemeCoverage(t *testing.T) {
	themes := []backend.Theme{{ID: 1, Name: "Growth", TargetShare: 0.6}, {ID: 2, Name: "Resilience", TargetShare: 0.4}}
	cancelled := vtDoneItem(34, backend.TypeStory, 0, 1, vtF(13), "2026-03-05")
	cancelled.Changes = append(cancelled.Changes, vtCh("2026-03-06T09:00:00Z", backend.StageRemoved))
	items := []backend.ItemFlow{
		vtDoneItem(10, backend.TypeEpic, 0, 1, nil, "2026-03-20"),
		vtDoneItem(20, backend.TypeFeature, 10, 0, vtF(40), "2026-03-20"), // not a delivery item
		vtDoneItem(30, backend.TypeStory, 20, 0, vtF(3), "2026-03-05"),    // story → feature → epic: Growth
		vtDoneItem(31, backend.TypeStory, 20, 2, vtF(5), "2026-03-06"),    // its own theme wins: Resilience
		vtDoneItem(32, backend.TypeBug, 0, 0, nil, "2026-03-07"),          // no theme, no points: unassigned, 0 points
		vtDoneItem(33, backend.TypeStory, 0, 1, vtF(8), "2026-02-27"),     // done before the period
		cancelled,
		vtDoneItem(35, backend.TypeSubtask, 30, 1, vtF(1), "2026-03-05"), // sub-tasks never count (§4.0)
		vtDoneItem(36, backend.TypeStory, 0, 99, vtF(2), "2026-03-31"),   // unknown theme: unassigned
	}
	got := metrics.ComputeThemeCoverage(items, themes, vtPeriod("2026-03-01", "2026-03-31"), time.UTC)

	t.Run("SharesOfItemsAndPoints", func(t *testing.T) {
		// §4.16: done delivery items 30, 31, 32, 36 = 4 items, 3 + 5 + 0 + 2
		// = 10 points. Growth 1 item, 3 points → 0.25 and 0.3; Resilience
		// 1 item, 5 points → 0.25 and 0.5; unassigned 2 items, 2 points →
		// 0.5 and 0.2.
		if got.Items != 4 || got.Points != 10 || len(got.Themes) != 3 {
			t.Fatalf("coverage = %+v", got)
		}
		want := []struct {
			id                 int64
			name               string
			items              int
			points             float64
			itemShare, ptShare float64
			target             *float64
			ids                []int64
		}{
			{1, "Growth", 1, 3, 0.25, 0.3, vtF(0.6), []int64{30}},
			{2, "Resilience", 1, 5, 0.25, 0.5, vtF(0.4), []int64{31}},
			{0, metrics.UnassignedTheme, 2, 2, 0.5, 0.2, vtNA, []int64{32, 36}},
		}
		for i, w := range want {
			g := got.Themes[i]
			if g.ThemeID != w.id || g.Name != w.name || g.Items != w.items || g.Points != w.points {
				t.Errorf("row %d = %+v", i, g)
			}
			vtValue(t, w.name+" item share", g.ItemShare, &w.itemShare)
			vtValue(t, w.name+" point share", g.PointShare, &w.ptShare)
			vtValue(t, w.name+" target", g.TargetShare, w.target)
			vtIDs(t, w.name+" items", g.ItemIDs, w.ids...)
		}
	})
	t.Run("NothingDoneIsNA", func(t *testing.T) {
		// §4.18: no done work → shares n/a, not 0.
		empty := metrics.ComputeThemeCoverage(items, themes, vtPeriod("2026-05-01", "2026-05-31"), time.UTC)
		vtReason(t, "share", empty.Themes[0].ItemShare, "no delivery items done in the period")
		vtReason(t, "points", empty.Themes[0].PointShare, "no points")
	})
	t.Run("ParentCycleEndsInUnassigned", func(t *testing.T) {
		loop := []backend.ItemFlow{
			vtDoneItem(40, backend.TypeStory, 41, 0, vtF(1), "2026-03-05"),
			vtDoneItem(41, backend.TypeFeature, 40, 0, nil, "2026-03-05"),
		}
		c := metrics.ComputeThemeCoverage(loop, themes, vtPeriod("2026-03-01", "2026-03-31"), time.UTC)
		vtIDs(t, "unassigned", c.Themes[2].ItemIDs, 40)
	})
}
