package metrics

import (
	"cmp"
	"slices"
	"time"

	"github.com/throughline/throughline/backend"
)

// SprintMetrics are one sprint's Scrum figures (PRODUCT §4.10). Points are
// the items' current points; an item without points counts as 0 points.
type SprintMetrics struct {
	SprintID int64  `json:"sprint_id"`
	Name     string `json:"name"`
	TeamID   int64  `json:"team_id"`
	Start    string `json:"start"`
	End      string `json:"end"`
	// Committed is Σ points of the items committed at sprint start.
	Committed float64 `json:"committed"`
	// Completed (velocity) is Σ points of the sprint's items done during
	// the sprint, items added mid-sprint included.
	Completed float64 `json:"completed"`
	// CompletedCommitted is Σ points of the committed items done during
	// the sprint.
	CompletedCommitted float64 `json:"completed_committed"`
	// SayDo = CompletedCommitted ÷ Committed.
	SayDo Value `json:"say_do"`
	// GoalMet is the sprint review's verdict; nil when not recorded.
	GoalMet          *bool   `json:"goal_met"`
	ItemIDs          []int64 `json:"item_ids"`           // the sprint's delivery items
	CommittedItemIDs []int64 `json:"committed_item_ids"` // of them, committed at start
	CompletedItemIDs []int64 `json:"completed_item_ids"` // of them, done during the sprint
}

// sprintItem is what the sprint figures need of an item.
type sprintItem struct {
	dates  ItemDates
	points float64
}

// sprintItems derives the flow dates and points of the delivery items
// (PRODUCT §4.0: velocity counts delivery items; sub-tasks never count).
func sprintItems(items []backend.ItemFlow, loc *time.Location) map[int64]sprintItem {
	m := make(map[int64]sprintItem, len(items))
	for _, it := range items {
		if !it.Type.IsDelivery() {
			continue
		}
		si := sprintItem{dates: DatesOf(it.Changes, loc)}
		if it.Points != nil {
			si.points = *it.Points
		}
		m[it.ID] = si
	}
	return m
}

// sprintMember is an item of a sprint and whether it was committed at
// sprint start.
type sprintMember struct {
	itemID    int64
	committed bool
}

// sprintMembers lists each sprint's items by item ID, so that point sums
// add up in the same order every time. An item listed twice in one sprint
// is one member, committed when either row says so.
func sprintMembers(itemSprints []backend.ItemSprint) map[int64][]sprintMember {
	sets := map[int64]map[int64]bool{}
	for _, is := range itemSprints {
		if sets[is.SprintID] == nil {
			sets[is.SprintID] = map[int64]bool{}
		}
		sets[is.SprintID][is.ItemID] = sets[is.SprintID][is.ItemID] || is.Committed
	}
	out := make(map[int64][]sprintMember, len(sets))
	for sprintID, set := range sets {
		ms := make([]sprintMember, 0, len(set))
		for id, c := range set {
			ms = append(ms, sprintMember{id, c})
		}
		slices.SortFunc(ms, func(a, b sprintMember) int { return cmp.Compare(a.itemID, b.itemID) })
		out[sprintID] = ms
	}
	return out
}

// ComputeSprintMetrics computes velocity, commitment and say/do for each
// sprint (PRODUCT §4.10), in the order of sprints. An item is done during
// the sprint when its done day (PRODUCT §4.2, in loc) lies from the sprint's
// start date to its end date, both included; an item done before the
// sprint started, reopened and done after it, or cancelled, is not.
// Items of itemSprints missing from items, or that are not delivery items,
// are ignored.
func ComputeSprintMetrics(sprints []backend.Sprint, itemSprints []backend.ItemSprint, items []backend.ItemFlow, loc *time.Location) []SprintMetrics {
	if loc == nil {
		loc = time.UTC
	}
	flows := sprintItems(items, loc)
	members := sprintMembers(itemSprints)
	out := make([]SprintMetrics, 0, len(sprints))
	for _, s := range sprints {
		r := SprintMetrics{SprintID: s.ID, Name: s.Name, TeamID: s.TeamID, Start: s.StartDate, End: s.EndDate, GoalMet: s.GoalMet}
		span, spanErr := ParsePeriod(s.StartDate, s.EndDate)
		var ids, committed, completed []int64
		for _, m := range members[s.ID] {
			id, isCommitted := m.itemID, m.committed
			f, ok := flows[id]
			if !ok {
				continue
			}
			ids = append(ids, id)
			if isCommitted {
				committed = append(committed, id)
				r.Committed += f.points
			}
			if spanErr == nil && f.dates.Done && span.Contains(f.dates.DoneOn) {
				completed = append(completed, id)
				r.Completed += f.points
				if isCommitted {
					r.CompletedCommitted += f.points
				}
			}
		}
		if spanErr != nil {
			r.SayDo = NA("the sprint's dates cannot be read")
		} else {
			r.SayDo = Ratio(r.CompletedCommitted, r.Committed, "no points committed at sprint start")
		}
		r.ItemIDs, r.CommittedItemIDs, r.CompletedItemIDs = traceIDs(ids), traceIDs(committed), traceIDs(completed)
		out = append(out, r)
	}
	return out
}

// GoalAttainment is the sprint goal attainment of a set of sprints.
type GoalAttainment struct {
	// Value = Met ÷ Assessed.
	Value Value `json:"value"`
	// Assessed counts the sprints whose goal verdict is recorded.
	Assessed int `json:"assessed"`
	// Met counts those whose goal was met.
	Met          int     `json:"met"`
	SprintIDs    []int64 `json:"sprint_ids"`
	MetSprintIDs []int64 `json:"met_sprint_ids"`
}

// SprintGoalAttainment is the share of sprints whose goal was met (PRODUCT
// §4.10), over the sprints with a recorded verdict (GoalMet set at the
// sprint review); sprints without one, such as running sprints, are left
// out.
func SprintGoalAttainment(sprints []backend.Sprint) GoalAttainment {
	var ids, met []int64
	for _, s := range sprints {
		if s.GoalMet == nil {
			continue
		}
		ids = append(ids, s.ID)
		if *s.GoalMet {
			met = append(met, s.ID)
		}
	}
	return GoalAttainment{
		Value:        Ratio(float64(len(met)), float64(len(ids)), "no sprint has a recorded goal verdict"),
		Assessed:     len(ids),
		Met:          len(met),
		SprintIDs:    traceIDs(ids),
		MetSprintIDs: traceIDs(met),
	}
}

// BurndownDay is one day of a sprint burndown.
type BurndownDay struct {
	Day string `json:"day"`
	// Remaining is the committed points not done by the end of the day.
	Remaining float64 `json:"remaining"`
	// Ideal falls linearly from the committed points on the first day to 0
	// on the last.
	Ideal float64 `json:"ideal"`
	// BurnedItemIDs are the committed items first counted done that day.
	BurnedItemIDs []int64 `json:"burned_item_ids"`
}

// Burndown is sprint's burndown (PRODUCT §4.10: remaining committed points
// per day): for each calendar day from start to end, the points committed
// at sprint start minus those of the committed items done on or before that
// day. Items added mid-sprint are not in it. A committed item already done
// before the sprint started burns on the first day. Nil when the sprint's
// dates cannot be read.
func Burndown(sprint backend.Sprint, itemSprints []backend.ItemSprint, items []backend.ItemFlow, loc *time.Location) []BurndownDay {
	if loc == nil {
		loc = time.UTC
	}
	span, err := ParsePeriod(sprint.StartDate, sprint.EndDate)
	if err != nil {
		return nil
	}
	flows := sprintItems(items, loc)
	n := span.Days()
	out := make([]BurndownDay, n)
	burnedOn := make([]float64, n) // committed points first done on each day
	total := 0.0
	for _, m := range sprintMembers(itemSprints)[sprint.ID] {
		id := m.itemID
		f, ok := flows[id]
		if !ok || !m.committed {
			continue
		}
		total += f.points
		if f.dates.Done && f.dates.DoneOn <= span.To {
			i := max(int(f.dates.DoneOn-span.From), 0)
			out[i].BurnedItemIDs = append(out[i].BurnedItemIDs, id)
			burnedOn[i] += f.points
		}
	}
	burned := 0.0
	for i := range out {
		burned += burnedOn[i]
		out[i].Day = (span.From + Day(i)).String()
		out[i].Remaining = total - burned
		if n > 1 {
			out[i].Ideal = total * float64(n-1-i) / float64(n-1)
		}
		out[i].BurnedItemIDs = traceIDs(out[i].BurnedItemIDs)
	}
	return out
}
