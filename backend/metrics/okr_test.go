package metrics_test

import (
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

func vtKRUpdate(kr int64, on string, v float64) backend.KeyResultUpdate {
	return backend.KeyResultUpdate{KeyResultID: kr, RecordedOn: on, Value: v}
}

func TestKeyResultProgress(t *testing.T) {
	up := backend.KeyResult{ID: 1, Baseline: 10, Target: 20, Weight: 1}
	down := backend.KeyResult{ID: 2, Baseline: 100, Target: 40, Weight: 1}
	asOf := vtDay("2026-03-10")
	tests := []struct {
		name    string
		kr      backend.KeyResult
		updates []backend.KeyResultUpdate
		want    *float64
	}{
		// §4.14: (15 − 10) ÷ (20 − 10) = 0.5.
		{"Linear", up, []backend.KeyResultUpdate{vtKRUpdate(1, "2026-03-01", 15)}, vtF(0.5)},
		// §4.14: (25 − 10) ÷ 10 = 1.5, clamped to 1.
		{"ClampedAboveOne", up, []backend.KeyResultUpdate{vtKRUpdate(1, "2026-03-01", 25)}, vtF(1)},
		// §4.14: (5 − 10) ÷ 10 = −0.5, clamped to 0.
		{"ClampedBelowZero", up, []backend.KeyResultUpdate{vtKRUpdate(1, "2026-03-01", 5)}, vtF(0)},
		// §4.14, decreasing target: (70 − 100) ÷ (40 − 100) = 0.5.
		{"DecreasingTarget", down, []backend.KeyResultUpdate{vtKRUpdate(2, "2026-03-01", 70)}, vtF(0.5)},
		// Decreasing, beyond the target: (30 − 100) ÷ −60 > 1 → 1.
		{"DecreasingTargetOvershootClamped", down, []backend.KeyResultUpdate{vtKRUpdate(2, "2026-03-01", 30)}, vtF(1)},
		// Decreasing, worse than baseline: (110 − 100) ÷ −60 < 0 → 0.
		{"DecreasingTargetWorseClamped", down, []backend.KeyResultUpdate{vtKRUpdate(2, "2026-03-01", 110)}, vtF(0)},
		// As of 10 March the 20 March value (18) is not known yet:
		// (12 − 10) ÷ 10 = 0.2.
		{"AsOfIgnoresLaterUpdates", up, []backend.KeyResultUpdate{
			vtKRUpdate(1, "2026-03-01", 12), vtKRUpdate(1, "2026-03-20", 18)}, vtF(0.2)},
		// The update on the as-of day itself counts: (16 − 10) ÷ 10 = 0.6.
		{"UpdateOnAsOfDayCounts", up, []backend.KeyResultUpdate{
			vtKRUpdate(1, "2026-03-01", 12), vtKRUpdate(1, "2026-03-10", 16)}, vtF(0.6)},
		// Slice order does not matter, dates do; of two on one day the later
		// in the slice wins: 14 → 0.4.
		{"SameDayLaterInSliceWins", up, []backend.KeyResultUpdate{
			vtKRUpdate(1, "2026-03-05", 13), vtKRUpdate(1, "2026-03-01", 19), vtKRUpdate(1, "2026-03-05", 14)}, vtF(0.4)},
		// Updates of other key results do not count.
		{"OtherKeyResultsIgnored", up, []backend.KeyResultUpdate{vtKRUpdate(2, "2026-03-01", 15)}, vtNA},
		// §4.18: target = baseline → division by zero → n/a.
		{"TargetEqualsBaselineIsNA", backend.KeyResult{ID: 3, Baseline: 5, Target: 5}, []backend.KeyResultUpdate{vtKRUpdate(3, "2026-03-01", 5)}, vtNA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vtValue(t, "progress", metrics.KeyResultProgress(tt.kr, tt.updates, asOf), tt.want)
		})
	}
	t.Run("NoUpdateIsNA", func(t *testing.T) {
		vtReason(t, "progress", metrics.KeyResultProgress(up, nil, asOf), "no value recorded")
	})
}

func TestObjectiveProgress(t *testing.T) {
	asOf := vtDay("2026-03-31")
	kr := func(id, obj int64, w float64) backend.KeyResult {
		return backend.KeyResult{ID: id, ObjectiveID: obj, Baseline: 0, Target: 100, Weight: w}
	}
	updates := []backend.KeyResultUpdate{
		vtKRUpdate(1, "2026-03-01", 50),  // 0.5
		vtKRUpdate(2, "2026-03-01", 100), // 1.0
		vtKRUpdate(5, "2026-03-01", 20),  // 0.2
	}
	tests := []struct {
		name string
		krs  []backend.KeyResult
		want *float64
	}{
		// §4.14: weighted mean: (3 × 0.5 + 1 × 1.0) ÷ (3 + 1) = 0.625.
		{"WeightedMean", []backend.KeyResult{kr(1, 7, 3), kr(2, 7, 1)}, vtF(0.625)},
		// A key result with no value (3) is skipped, not read as 0:
		// (3 × 0.5 + 1 × 1.0) ÷ 4 = 0.625 still.
		{"KeyResultWithoutValueSkipped", []backend.KeyResult{kr(1, 7, 3), kr(2, 7, 1), kr(3, 7, 5)}, vtF(0.625)},
		// Key results of other objectives (5 of objective 8) are not mixed in.
		{"OtherObjectivesIgnored", []backend.KeyResult{kr(1, 7, 1), kr(5, 8, 1)}, vtF(0.5)},
		// No key result has a value → n/a.
		{"AllNAIsNA", []backend.KeyResult{kr(3, 7, 1), kr(4, 7, 1)}, vtNA},
		// §4.18: weights summing to 0 → n/a.
		{"ZeroWeightsIsNA", []backend.KeyResult{kr(1, 7, 0), kr(2, 7, 0)}, vtNA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vtValue(t, "progress", metrics.ObjectiveProgress(7, tt.krs, updates, asOf), tt.want)
		})
	}
}

func TestOKRTree(t *testing.T) {
	asOf := vtDay("2026-03-31")
	objectives := []backend.Objective{
		{ID: 1, Level: "portfolio", Title: "Grow", Kind: "aspirational", Period: "2026-Q1"},
		{ID: 2, Level: "program", ParentID: 1, Title: "Payments", Kind: "committed", Period: "2026-Q1"},
		{ID: 3, Level: "program", ParentID: 1, Title: "No KRs", Kind: "aspirational", Period: "2026-Q1"},
		{ID: 4, Level: "team", ParentID: 99, Title: "Orphan", Kind: "", Period: "2026-Q1"},
		{ID: 5, Level: "team", ParentID: 2, Title: "Team A", Kind: "aspirational", Period: "2026-Q1"},
	}
	krs := []backend.KeyResult{
		{ID: 11, ObjectiveID: 1, Baseline: 0, Target: 10, Weight: 1},
		{ID: 21, ObjectiveID: 2, Baseline: 0, Target: 10, Weight: 1},
		{ID: 41, ObjectiveID: 4, Baseline: 0, Target: 10, Weight: 1},
		{ID: 51, ObjectiveID: 5, Baseline: 0, Target: 10, Weight: 1},
	}
	updates := []backend.KeyResultUpdate{
		vtKRUpdate(11, "2026-03-01", 8),
		vtKRUpdate(21, "2026-03-01", 9),
		vtKRUpdate(41, "2026-03-01", 6),
		vtKRUpdate(51, "2026-03-01", 4),
		vtKRUpdate(51, "2026-04-15", 10), // after as-of
	}
	tree := metrics.OKRTree(objectives, krs, updates, asOf, metrics.DefaultOKRThresholds())
	if len(tree) != 2 || tree[0].ID != 1 || tree[1].ID != 4 {
		t.Fatalf("roots = %+v", tree)
	}
	root := tree[0]
	t.Run("OwnProgressFromOwnKeyResults", func(t *testing.T) {
		// §4.14: the portfolio objective's own KR: 8 of 10 = 0.8.
		vtValue(t, "root progress", root.Progress, vtF(0.8))
	})
	t.Run("AspirationalOnTrackAt70Percent", func(t *testing.T) {
		// §4.14: 0.8 ≥ 0.7 for an aspirational objective.
		if root.OnTrack == nil || !*root.OnTrack {
			t.Errorf("on track = %v, want true", root.OnTrack)
		}
	})
	t.Run("CommittedNeeds100Percent", func(t *testing.T) {
		// §4.14: 0.9 < 1.0 for a committed objective: not on track.
		c := root.Children[0]
		vtValue(t, "program progress", c.Progress, vtF(0.9))
		if c.OnTrack == nil || *c.OnTrack {
			t.Errorf("on track = %v, want false", c.OnTrack)
		}
	})
	t.Run("RollUpIsMeanOfChildren", func(t *testing.T) {
		// §4.14 "a parent's roll-up also shows its children": children 2
		// (0.9) and 3 (no key results: n/a, skipped) → 0.9.
		if len(root.Children) != 2 || root.Children[1].ID != 3 {
			t.Fatalf("children = %+v", root.Children)
		}
		vtValue(t, "roll-up", root.RollUp, vtF(0.9))
		vtValue(t, "no-KR child", root.Children[1].Progress, vtNA)
		if root.Children[1].OnTrack != nil {
			t.Errorf("on track of an objective without progress = %v, want nil", *root.Children[1].OnTrack)
		}
		// Grandchild 5 as of 31 March: 4 of 10 (the April value is later).
		gc := root.Children[0].Children
		if len(gc) != 1 || gc[0].ID != 5 {
			t.Fatalf("grandchildren = %+v", gc)
		}
		vtValue(t, "grandchild", gc[0].Progress, vtF(0.4))
		vtValue(t, "program roll-up", root.Children[0].RollUp, vtF(0.4))
		if cur := gc[0].KeyResults[0].Current; cur == nil || *cur != 4 || gc[0].KeyResults[0].RecordedOn != "2026-03-01" {
			t.Errorf("current = %v on %q, want 4 on 2026-03-01", cur, gc[0].KeyResults[0].RecordedOn)
		}
	})
	t.Run("ParentOutsideTheSetIsRoot", func(t *testing.T) {
		// Objective 4's parent 99 is not loaded: it is a root. Its kind is
		// empty, so the aspirational threshold applies: 0.6 < 0.7.
		o := tree[1]
		vtValue(t, "orphan", o.Progress, vtF(0.6))
		vtReason(t, "orphan roll-up", o.RollUp, "no child objective")
		if o.OnTrack == nil || *o.OnTrack {
			t.Errorf("on track = %v, want false", o.OnTrack)
		}
	})
	t.Run("ThresholdsConfigurable", func(t *testing.T) {
		// §4.14 thresholds configurable: with 0.5 for aspirational, the
		// orphan (0.6) is on track; the committed threshold stays 1.0.
		tr := metrics.OKRTree(objectives, krs, updates, asOf, metrics.OKRThresholds{Aspirational: 0.5})
		if o := tr[1]; o.OnTrack == nil || !*o.OnTrack {
			t.Errorf("on track = %v, want true", o.OnTrack)
		}
		if c := tr[0].Children[0]; c.OnTrack == nil || *c.OnTrack {
			t.Errorf("committed on track = %v, want false", c.OnTrack)
		}
	})
	t.Run("ParentCycleDoesNotLoseObjectives", func(t *testing.T) {
		cyc := []backend.Objective{{ID: 1, ParentID: 2}, {ID: 2, ParentID: 1}}
		tr := metrics.OKRTree(cyc, nil, nil, asOf, metrics.DefaultOKRThresholds())
		if len(tr) != 1 || tr[0].ID != 1 || len(tr[0].Children) != 1 || tr[0].Children[0].ID != 2 {
			t.Errorf("tree = %+v", tr)
		}
	})
	t.Run("OKRProgressIsMeanOfObjectives", func(t *testing.T) {
		// The report's okr_progress over the program objectives 2 (0.9)
		// and 3 (n/a, skipped) = 0.9; over 1, 2 and 4: (0.8 + 0.9 + 0.6) ÷ 3.
		vtValue(t, "programs", metrics.OKRProgress(objectives[1:3], krs, updates, asOf), vtF(0.9))
		vtValue(t, "mixed", metrics.OKRProgress([]backend.Objective{objectives[0], objectives[1], objectives[3]}, krs, updates, asOf), vtF(2.3/3))
		vtReason(t, "none", metrics.OKRProgress(nil, krs, updates, asOf), "no objectives")
	})
}
