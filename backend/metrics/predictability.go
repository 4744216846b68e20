package metrics

import (
	"sort"

	"github.com/throughline/throughline/backend"
)

// The PI predictability bands (PRODUCT §4.13: 80–100 % is healthy; above
// 100 % is possible with stretch objectives).
const (
	PredictabilityHealthy = "healthy" // 0.8 ≤ value ≤ 1.0
	PredictabilityBelow   = "below"   // value < 0.8
	PredictabilityAbove   = "above"   // value > 1.0
)

// Predictability is the PI predictability measure of a set of PI objectives
// (PRODUCT §4.13).
type Predictability struct {
	// Value = Actual ÷ PlannedCommitted.
	Value Value `json:"value"`
	// PlannedCommitted is Σ planned business value of the committed
	// objectives that have an actual business value.
	PlannedCommitted int `json:"planned_committed"`
	// Actual is Σ actual business value of every objective (committed and
	// stretch) that has one.
	Actual int `json:"actual"`
	// Band is "healthy", "below" or "above"; "" when Value is unavailable.
	Band string `json:"band"`
	// ObjectiveIDs are the objectives in the sums.
	ObjectiveIDs []int64 `json:"objective_ids"`
	// PendingObjectiveIDs are the objectives left out because they have no
	// actual business value yet (their PI is not scored).
	PendingObjectiveIDs []int64 `json:"pending_objective_ids"`
}

// PIPredictability computes the predictability of objs (PRODUCT §4.13):
// Σ actual BV of all objectives, committed and stretch, ÷ Σ planned BV of
// the committed ones. Pass one team's objectives for the team figure, and a
// program's or the portfolio's for theirs: the measure is then the ratio of
// the sums over all member objectives, not the mean of the team ratios.
//
// An objective without an actual BV (its PI is not scored yet) is left out
// of both sums, so an unfinished PI does not read as a miss. Actual BV is
// used as recorded, without capping at 10 or at the planned value.
func PIPredictability(objs []backend.PIObjective) Predictability {
	var p Predictability
	var ids, pending []int64
	committed := 0
	for _, o := range objs {
		if o.ActualBV == nil {
			pending = append(pending, o.ID)
			continue
		}
		ids = append(ids, o.ID)
		p.Actual += *o.ActualBV
		if o.Committed {
			p.PlannedCommitted += o.PlannedBV
			committed++
		}
	}
	p.ObjectiveIDs, p.PendingObjectiveIDs = traceIDs(ids), traceIDs(pending)
	switch {
	case committed == 0:
		p.Value = NA("no committed PI objectives with an actual business value")
	case p.PlannedCommitted == 0:
		p.Value = NA("the committed PI objectives have no planned business value")
	default:
		p.Value = Of(float64(p.Actual) / float64(p.PlannedCommitted))
		p.Band = predictabilityBand(p.Actual, p.PlannedCommitted)
	}
	return p
}

// predictabilityBand bands actual ÷ planned (planned > 0) in integers, so
// that exactly 80 % and exactly 100 % are healthy without rounding doubts.
func predictabilityBand(actual, planned int) string {
	switch {
	case 10*actual < 8*planned:
		return PredictabilityBelow
	case actual > planned:
		return PredictabilityAbove
	}
	return PredictabilityHealthy
}

// TeamPredictability is one team's predictability.
type TeamPredictability struct {
	TeamID int64 `json:"team_id"`
	Predictability
}

// PredictabilityByTeam computes PIPredictability for each team of objs,
// ordered by team ID. Filter objs by PI first for a per-PI figure.
func PredictabilityByTeam(objs []backend.PIObjective) []TeamPredictability {
	byTeam := map[int64][]backend.PIObjective{}
	for _, o := range objs {
		byTeam[o.TeamID] = append(byTeam[o.TeamID], o)
	}
	out := make([]TeamPredictability, 0, len(byTeam))
	for id, os := range byTeam {
		out = append(out, TeamPredictability{TeamID: id, Predictability: PIPredictability(os)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].TeamID < out[j].TeamID })
	return out
}
