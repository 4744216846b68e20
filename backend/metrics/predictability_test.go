package metrics_test

import (
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

func vtPIObj(id, team int64, committed bool, planned int, actual *int) backend.PIObjective {
	return backend.PIObjective{ID: id, TeamID: team, PIID: 1, Committed: committed, PlannedBV: planned, ActualBV: actual}
}

func TestPIPredictability(t *testing.T) {
	tests := []struct {
		name     string
		objs     []backend.PIObjective
		want     *float64
		planned  int
		actual   int
		band     string
		included []int64
		pending  []int64
	}{
		{
			// §4.13: stretch actual BV is in the numerator, not in the
			// denominator: (8 + 4) ÷ 8 = 1.5, above 100 %.
			name:     "StretchPushesAbove100",
			objs:     []backend.PIObjective{vtPIObj(1, 10, true, 8, vtI(8)), vtPIObj(2, 10, false, 5, vtI(4))},
			want:     vtF(1.5),
			planned:  8,
			actual:   12,
			band:     metrics.PredictabilityAbove,
			included: []int64{1, 2},
		},
		{
			// §4.13: program = ratio of the sums. Team A 10/10 = 100 %,
			// team B 1/2 = 50 %: the mean of ratios would be 75 %; the
			// program's figure is (10 + 1) ÷ (10 + 2) = 11/12 ≈ 91.7 %.
			name: "RatioOfSumsNotMeanOfRatios",
			objs: []backend.PIObjective{
				vtPIObj(1, 10, true, 10, vtI(10)),
				vtPIObj(2, 20, true, 2, vtI(1)),
			},
			want:     vtF(11.0 / 12),
			planned:  12,
			actual:   11,
			band:     metrics.PredictabilityHealthy,
			included: []int64{1, 2},
		},
		{
			// §4.13 and §4.18: only stretch objectives → no denominator → n/a.
			name:     "NoCommittedIsNA",
			objs:     []backend.PIObjective{vtPIObj(1, 10, false, 5, vtI(5))},
			want:     vtNA,
			actual:   5,
			band:     "",
			included: []int64{1},
		},
		{
			// An objective without actual BV (PI not scored) is left out of
			// both sums: 4 ÷ 5 = 0.8, which is in the healthy band (80 %
			// included).
			name:     "UnscoredObjectiveExcluded",
			objs:     []backend.PIObjective{vtPIObj(1, 10, true, 10, nil), vtPIObj(2, 10, true, 5, vtI(4))},
			want:     vtF(0.8),
			planned:  5,
			actual:   4,
			band:     metrics.PredictabilityHealthy,
			included: []int64{2},
			pending:  []int64{1},
		},
		{
			// §4.13: 100 % is still healthy.
			name:     "ExactlyOneHundredIsHealthy",
			objs:     []backend.PIObjective{vtPIObj(1, 10, true, 7, vtI(7))},
			want:     vtF(1),
			planned:  7,
			actual:   7,
			band:     metrics.PredictabilityHealthy,
			included: []int64{1},
		},
		{
			// 79 % is below the healthy band: 7 + 8 + … = 79 of 100 planned.
			name: "Below80IsBelow",
			objs: []backend.PIObjective{
				vtPIObj(1, 10, true, 10, vtI(10)), vtPIObj(2, 10, true, 10, vtI(10)), vtPIObj(3, 10, true, 10, vtI(10)),
				vtPIObj(4, 10, true, 10, vtI(10)), vtPIObj(5, 10, true, 10, vtI(10)), vtPIObj(6, 10, true, 10, vtI(10)),
				vtPIObj(7, 10, true, 10, vtI(10)), vtPIObj(8, 10, true, 10, vtI(9)), vtPIObj(9, 10, true, 10, vtI(0)),
				vtPIObj(10, 10, true, 10, vtI(0)),
			},
			want:     vtF(0.79),
			planned:  100,
			actual:   79,
			band:     metrics.PredictabilityBelow,
			included: []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metrics.PIPredictability(tt.objs)
			vtValue(t, "predictability", got.Value, tt.want)
			if got.PlannedCommitted != tt.planned || got.Actual != tt.actual || got.Band != tt.band {
				t.Errorf("planned %d actual %d band %q, want %d %d %q", got.PlannedCommitted, got.Actual, got.Band, tt.planned, tt.actual, tt.band)
			}
			vtIDs(t, "objectives", got.ObjectiveIDs, tt.included...)
			vtIDs(t, "pending", got.PendingObjectiveIDs, tt.pending...)
		})
	}

	t.Run("ByTeam", func(t *testing.T) {
		// §4.13 per team: team 10 = 10/10, team 20 = 1/2.
		got := metrics.PredictabilityByTeam([]backend.PIObjective{vtPIObj(2, 20, true, 2, vtI(1)), vtPIObj(1, 10, true, 10, vtI(10))})
		if len(got) != 2 || got[0].TeamID != 10 || got[1].TeamID != 20 {
			t.Fatalf("rows = %+v", got)
		}
		vtValue(t, "team 10", got[0].Value, vtF(1))
		vtValue(t, "team 20", got[1].Value, vtF(0.5))
	})
}
