package metrics

import (
	"time"

	"github.com/throughline/throughline/backend"
)

// DependencyResolution is the dependency resolution rate of a period and the
// dependencies that need attention as of a day (PRODUCT §4.17, §5).
type DependencyResolution struct {
	Period string `json:"period"`
	AsOf   string `json:"as_of"`
	// Due counts dependencies whose needed-by date lies in the period and
	// on or before the as-of day.
	Due int `json:"due"`
	// ResolvedOnTime counts those of them resolved on or before their
	// needed-by date (the resolution's civil day in the reporting zone).
	ResolvedOnTime int `json:"resolved_on_time"`
	// Rate = ResolvedOnTime ÷ Due.
	Rate              Value   `json:"rate"`
	DueIDs            []int64 `json:"due_ids"`
	ResolvedOnTimeIDs []int64 `json:"resolved_on_time_ids"`
	// BlockedIDs are the dependencies in state "blocked" and not resolved
	// by the as-of day, whatever their needed-by date.
	BlockedIDs []int64 `json:"blocked_ids"`
	// PastDueOpenIDs are the dependencies whose needed-by date is before
	// the as-of day and that were not resolved by it, whatever the period.
	PastDueOpenIDs []int64 `json:"past_due_open_ids"`
}

// ComputeDependencyResolution computes the resolution rate of the
// dependencies due in p as of asOf (PRODUCT §4.17: dependencies resolved by
// their needed-by date ÷ dependencies due), days being civil days in loc.
//
// Resolution is read from ResolvedAt: a dependency in state "resolved"
// without a resolution time counts as resolved for the alerts but not as
// resolved on time, since when is unknown. A dependency is past due from
// the day after its needed-by date. Dependencies created after asOf are
// ignored, as are needed-by dates that cannot be read (they are neither due
// nor past due).
func ComputeDependencyResolution(deps []backend.Dependency, p Period, asOf Day, loc *time.Location) DependencyResolution {
	if loc == nil {
		loc = time.UTC
	}
	out := DependencyResolution{Period: p.String(), AsOf: asOf.String()}
	var due, onTime, blocked, pastDue []int64
	for _, dep := range deps {
		if !dep.CreatedAt.IsZero() && DayOf(dep.CreatedAt, loc) > asOf {
			continue
		}
		resolvedOn, hasTime := Day(0), dep.ResolvedAt != nil
		if hasTime {
			resolvedOn = DayOf(*dep.ResolvedAt, loc)
		}
		resolved := (hasTime && resolvedOn <= asOf) || (!hasTime && sameWord(dep.State, "resolved"))
		if !resolved && sameWord(dep.State, "blocked") {
			blocked = append(blocked, dep.ID)
		}
		needed, err := ParseDay(dep.NeededBy)
		if err != nil {
			continue
		}
		if !resolved && needed < asOf {
			pastDue = append(pastDue, dep.ID)
		}
		if !p.Contains(needed) || needed > asOf {
			continue
		}
		due = append(due, dep.ID)
		if hasTime && resolvedOn <= needed {
			onTime = append(onTime, dep.ID)
		}
	}
	out.Due, out.ResolvedOnTime = len(due), len(onTime)
	out.Rate = Ratio(float64(len(onTime)), float64(len(due)), "no dependencies due in the period")
	out.DueIDs, out.ResolvedOnTimeIDs = traceIDs(due), traceIDs(onTime)
	out.BlockedIDs, out.PastDueOpenIDs = traceIDs(blocked), traceIDs(pastDue)
	return out
}
