package demo_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/demo"
)

// rank orders stages for spotting backward moves; waiting is a kind of
// in progress, removed stands apart.
var rank = map[backend.Stage]int{
	backend.StageBacklog: 0, backend.StageReady: 1, backend.StageActive: 2, backend.StageWaiting: 2, backend.StageDone: 3, backend.StageRemoved: -1,
}

// flow is what the realism checks need of one item's history.
type flow struct {
	reopened, backward, noStart, skipped, blockedStatus, teamStatus bool
	start, done                                                     time.Time
	final                                                           backend.Stage
}

func flows(t *testing.T, ds *backend.Dataset) []flow {
	st := newStager(ds)
	teamOwn := map[string]bool{}
	for _, m := range ds.WorkflowMappings {
		if m.TeamID != 0 {
			teamOwn[m.RawStatus] = true
		}
	}
	out := make([]flow, len(ds.Items)+1)
	for id, hs := range history(ds) {
		if id == 0 {
			continue
		}
		it := &ds.Items[id-1]
		f := &out[id]
		var prev backend.Stage
		wasDone, leftDone := false, false
		for i, c := range hs {
			s, ok := st.stage(it.TeamID, it.SourceSystem, c.ToStatus)
			if !ok {
				t.Fatalf("item %d: unmapped status %q", id, c.ToStatus)
			}
			if s.InProgress() && f.start.IsZero() {
				f.start = c.ChangedAt
			}
			if i > 0 {
				if rank[s] >= 0 && rank[s] < rank[prev] && rank[prev] == 2 && rank[s] <= 1 {
					f.backward = true
				}
				if prev == backend.StageBacklog && s.InProgress() {
					f.skipped = true
				}
			}
			if wasDone && s != backend.StageDone && s != backend.StageRemoved {
				leftDone = true
			}
			if leftDone && s == backend.StageDone {
				f.reopened = true
			}
			if s == backend.StageDone && prev != backend.StageDone {
				f.done = c.ChangedAt
			}
			wasDone = wasDone || s == backend.StageDone
			f.blockedStatus = f.blockedStatus || s == backend.StageWaiting && (c.ToStatus == "Blocked" || c.ToStatus == "On Hold")
			f.teamStatus = f.teamStatus || teamOwn[c.ToStatus]
			prev = s
		}
		f.final = prev
		f.noStart = f.final == backend.StageDone && f.start.IsZero()
	}
	return out
}

// TestDemoLooksReal checks that the features a new user should meet are
// there, for the default seed and a few others.
func TestDemoLooksReal(t *testing.T) {
	for _, seed := range []int64{demo.DefaultSeed, 2, 3, 42} {
		t.Run(fmt.Sprint("Seed", seed), func(t *testing.T) {
			looksReal(t, generate(t, demo.Options{Seed: seed, Scale: demo.ScaleDemo}))
		})
	}
}

func looksReal(t *testing.T, ds *backend.Dataset) {
	fl := flows(t, ds)
	loc := berlin(t)
	count := func(pred func(it *backend.WorkItem, f *flow) bool) int {
		n := 0
		for i := range ds.Items {
			if pred(&ds.Items[i], &fl[i+1]) {
				n++
			}
		}
		return n
	}
	delivery := func(pred func(f *flow) bool) func(*backend.WorkItem, *flow) bool {
		return func(it *backend.WorkItem, f *flow) bool { return it.Type.IsDelivery() && pred(f) }
	}
	asOfEnd := time.Date(2026, 11, 21, 0, 0, 0, 0, loc)
	tests := []struct {
		name     string
		got      int
		min, max int
	}{
		{"ReopenedItems", count(delivery(func(f *flow) bool { return f.reopened })), 1, 1 << 30},
		{"CancelledItems", count(delivery(func(f *flow) bool { return f.final == backend.StageRemoved })), 1, 1 << 30},
		{"CancelledEpicsOrFeatures", count(func(it *backend.WorkItem, f *flow) bool {
			return !it.Type.IsDelivery() && f.final == backend.StageRemoved
		}), 1, 1 << 30},
		{"BackwardMoves", count(delivery(func(f *flow) bool { return f.backward })), 1, 1 << 30},
		{"DoneWithoutStart", count(delivery(func(f *flow) bool { return f.noStart })), 1, 1 << 30},
		{"SkippedStages", count(delivery(func(f *flow) bool { return f.skipped })), 1, 1 << 30},
		{"BlockedAsStatus", count(delivery(func(f *flow) bool { return f.blockedStatus })), 1, 1 << 30},
		{"TeamSpecificStatusUsed", count(delivery(func(f *flow) bool { return f.teamStatus })), 1, 1 << 30},
		{"InProgressAtAsOf", count(delivery(func(f *flow) bool { return f.final.InProgress() })), 20, 200},
		{"BacklogAtAsOf", count(delivery(func(f *flow) bool { return f.final == backend.StageBacklog || f.final == backend.StageReady })), 50, 1000},
		{"BlockedFlagsWithoutStatus", len(ds.BlockedPeriods), 1, 1 << 30},
		{"StillBlocked", countIf(ds.BlockedPeriods, func(b backend.BlockedPeriod) bool { return b.EndedAt == nil }), 1, 1 << 30},
		{"MidSprintAdditionsPercent", 100 * countIf(ds.ItemSprints, func(s backend.ItemSprint) bool { return !s.Committed }) / len(ds.ItemSprints), 8, 18},
		{"CarriedOverItems", carriedOver(ds), 1, 1 << 30},
		{"KanbanTeams", countIf(ds.Teams, func(x backend.Team) bool { return x.Framework == "kanban" }), 1, 4},
		{"PortfolioHolidays", countIf(ds.Holidays, func(h backend.Holiday) bool { return h.TeamID == 0 }), 8, 1 << 30},
		{"TeamHolidays", countIf(ds.Holidays, func(h backend.Holiday) bool { return h.TeamID != 0 }), 1, 1 << 30},
		{"TeamMappings", countIf(ds.WorkflowMappings, func(m backend.WorkflowMapping) bool { return m.TeamID != 0 }), 1, 1 << 30},
		{"FailedDeploymentsPercent", 100 * countIf(ds.Deployments, func(d backend.Deployment) bool { return d.Outcome != "success" }) / len(ds.Deployments), 4, 20},
		{"StagingDeployments", countIf(ds.Deployments, func(d backend.Deployment) bool { return d.Environment == "staging" }), 1, 1 << 30},
		{"DeploymentsWithTwoIncidents", deploymentsWithIncidents(ds, 2), 1, 1 << 30},
		{"IncidentsWithoutDeployment", countIf(ds.Incidents, func(in backend.Incident) bool { return in.CausedByDeploymentID == 0 }), 1, 1 << 30},
		{"UnresolvedIncidents", countIf(ds.Incidents, func(in backend.Incident) bool { return in.ResolvedAt == nil }), 1, 1 << 30},
		{"PastDueDependencies", countIf(ds.Dependencies, func(d backend.Dependency) bool {
			return d.NeededBy < demo.AsOf && (d.ResolvedAt == nil || d.ResolvedAt.In(loc).Format(time.DateOnly) > d.NeededBy)
		}), 1, 1 << 30},
		{"OpenActionsPastDue", countIf(ds.Actions, func(a backend.Action) bool { return a.Status == "open" && a.DueDate < demo.AsOf }), 1, 1 << 30},
		{"UnfinishedSprintsWithoutVerdict", countIf(ds.Sprints, func(s backend.Sprint) bool { return s.GoalMet == nil }), 1, 1 << 30},
		{"SprintGoalsMissed", countIf(ds.Sprints, func(s backend.Sprint) bool { return s.GoalMet != nil && !*s.GoalMet }), 1, 1 << 30},
		{"SprintGoalsMet", countIf(ds.Sprints, func(s backend.Sprint) bool { return s.GoalMet != nil && *s.GoalMet }), 1, 1 << 30},
		{"DecreasingKeyResults", countIf(ds.KeyResults, func(k backend.KeyResult) bool { return k.Target < k.Baseline }), 1, 1 << 30},
		{"OvershootingKeyResults", overshooting(ds), 1, 1 << 30},
		{"ObjectivesWithoutEpic", objectivesWithoutEpic(ds), 1, 1},
		{"LiveEpicsWithoutObjective", epicsWithoutObjective(ds, fl), 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got < tt.min || tt.got > tt.max {
				t.Errorf("got %d, want %d–%d", tt.got, tt.min, tt.max)
			}
		})
	}

	t.Run("CycleTimesLogNormalish", func(t *testing.T) {
		var days []int
		for i := range ds.Items {
			it, f := &ds.Items[i], &fl[i+1]
			if it.Type.IsDelivery() && f.final == backend.StageDone && !f.start.IsZero() {
				days = append(days, civilDays(f.start, f.done, loc)+1)
			}
		}
		slices.Sort(days)
		p := func(q float64) int { return days[int(q*float64(len(days)-1))] }
		if p(0.5) < 5 || p(0.5) > 8 || p(0.95) < 18 || days[len(days)-1] < 60 {
			t.Errorf("cycle times p50 %d, p95 %d, max %d days; want median 5–8 and a tail past 60", p(0.5), p(0.95), days[len(days)-1])
		}
	})
	t.Run("SomeTeamsOverTheirWIPLimit", func(t *testing.T) {
		wip := map[int64]int{}
		for i := range ds.Items {
			if it := &ds.Items[i]; it.Type.IsDelivery() && fl[i+1].final.InProgress() {
				wip[it.TeamID]++
			}
		}
		over := countIf(ds.Teams, func(x backend.Team) bool { return wip[x.ID] > x.WIPLimit })
		if over < 1 || over > len(ds.Teams)/2 {
			t.Errorf("%d of %d teams over their WIP limit, want some but not most", over, len(ds.Teams))
		}
	})
	t.Run("ThroughputDiffersByTeam", func(t *testing.T) {
		done := map[int64]int{}
		for i := range ds.Items {
			if it := &ds.Items[i]; it.Type.IsDelivery() && it.ResolvedAt != nil && asOfEnd.Sub(*it.ResolvedAt) < 365*24*time.Hour {
				done[it.TeamID]++
			}
		}
		lo, hi := 1<<30, 0
		for _, n := range done {
			lo, hi = min(lo, n), max(hi, n)
		}
		if weekly := float64(lo) / 52; hi < lo*3/2 || weekly < 2 {
			t.Errorf("items done per team in the year: %d–%d; want a few a week, differing by team", lo, hi)
		}
	})
	t.Run("ProductionBugsAboutAThird", func(t *testing.T) {
		bugs := countIf(ds.Items, func(it backend.WorkItem) bool { return it.Type == backend.TypeBug })
		prod := countIf(ds.Items, func(it backend.WorkItem) bool { return it.FoundIn == "production" })
		if share := float64(prod) / float64(bugs); share < 0.18 || share > 0.42 {
			t.Errorf("%.0f %% of bugs found in production, want about 30 %%", 100*share)
		}
	})
	t.Run("MostStoriesEstimated", func(t *testing.T) {
		stories := countIf(ds.Items, func(it backend.WorkItem) bool { return it.Type == backend.TypeStory })
		pointed := countIf(ds.Items, func(it backend.WorkItem) bool { return it.Type == backend.TypeStory && it.Points != nil })
		if pointed*10 < stories*8 {
			t.Errorf("%d of %d stories have points, want most", pointed, stories)
		}
	})
	t.Run("PIPredictability", checkPredictability(ds))
	t.Run("BenefitsAheadBehindAndNotYet", checkBenefits(ds))
	t.Run("MetricReviewsOverdue", func(t *testing.T) {
		every := map[string]int{"weekly": 7, "fortnightly": 14, "monthly": 31, "quarterly": 92, "annually": 366}
		last := map[int64]time.Time{}
		for _, r := range ds.MetricReviews {
			if r.ReviewedAt.After(last[r.MetricID]) {
				last[r.MetricID] = r.ReviewedAt
			}
		}
		overdue := countIf(ds.MetricDefinitions, func(m backend.MetricDefinition) bool {
			return asOfEnd.Sub(last[m.ID]) > time.Duration(every[m.Frequency])*24*time.Hour
		})
		if overdue < 1 || overdue > len(ds.MetricDefinitions)/3 {
			t.Errorf("%d of %d metrics overdue for review, want a few", overdue, len(ds.MetricDefinitions))
		}
	})
}

func countIf[T any](xs []T, pred func(T) bool) int {
	n := 0
	for _, x := range xs {
		if pred(x) {
			n++
		}
	}
	return n
}

// civilDays is the number of Berlin calendar days from a to b.
func civilDays(a, b time.Time, loc *time.Location) int {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return int(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC).Sub(time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

func carriedOver(ds *backend.Dataset) int {
	sprints := map[int64]int{}
	for _, s := range ds.ItemSprints {
		sprints[s.ItemID]++
	}
	return countIf(ds.Items, func(it backend.WorkItem) bool { return sprints[it.ID] > 1 })
}

func deploymentsWithIncidents(ds *backend.Dataset, n int) int {
	per := map[int64]int{}
	for _, in := range ds.Incidents {
		if in.CausedByDeploymentID != 0 {
			per[in.CausedByDeploymentID]++
		}
	}
	return countIf(ds.Deployments, func(d backend.Deployment) bool { return per[d.ID] >= n })
}

func overshooting(ds *backend.Dataset) int {
	n := 0
	for _, u := range ds.KeyResultUpdates {
		kr := ds.KeyResults[u.KeyResultID-1]
		if kr.Target > kr.Baseline && u.Value > kr.Target {
			n++
		}
	}
	return n
}

func objectivesWithoutEpic(ds *backend.Dataset) int {
	linked := map[int64]bool{}
	for _, oe := range ds.ObjectiveEpics {
		linked[oe.ObjectiveID] = true
	}
	return countIf(ds.Objectives, func(o backend.Objective) bool { return !linked[o.ID] })
}

func epicsWithoutObjective(ds *backend.Dataset, fl []flow) int {
	linked := map[int64]bool{}
	for _, oe := range ds.ObjectiveEpics {
		linked[oe.EpicID] = true
	}
	return countIf(ds.Items, func(it backend.WorkItem) bool {
		return it.Type == backend.TypeEpic && !linked[it.ID] && fl[it.ID].final != backend.StageRemoved
	})
}

// checkPredictability: finished PIs mostly in 70–100 % per team, one team
// above 100 % thanks to stretch objectives, the current PI not scored yet.
func checkPredictability(ds *backend.Dataset) func(*testing.T) {
	return func(t *testing.T) {
		type key struct{ team, pi int64 }
		planned, actual := map[key]int{}, map[key]int{}
		var keys []key
		unscored := 0
		for _, o := range ds.PIObjectives {
			k := key{o.TeamID, o.PIID}
			if o.ActualBV == nil {
				unscored++
				continue
			}
			if _, ok := actual[k]; !ok {
				keys = append(keys, k)
			}
			if o.Committed {
				planned[k] += o.PlannedBV
			}
			actual[k] += *o.ActualBV
		}
		healthy, above := 0, 0
		for _, k := range keys {
			switch p := float64(actual[k]) / float64(planned[k]); {
			case p > 1:
				above++
			case p >= 0.7:
				healthy++
			}
		}
		if above < 1 || healthy*10 < len(keys)*7 || unscored == 0 {
			t.Errorf("%d team-PIs: %d in 70–100 %%, %d above 100 %%, %d objectives unscored", len(keys), healthy, above, unscored)
		}
	}
}

// checkBenefits: some business cases realise ahead of plan, some behind,
// some not at all yet although benefits are due.
func checkBenefits(ds *backend.Dataset) func(*testing.T) {
	return func(t *testing.T) {
		due, realised := map[int64]float64{}, map[int64]float64{}
		for _, p := range ds.PlannedBenefits {
			if p.DueDate <= demo.AsOf {
				due[p.BusinessCaseID] += p.Amount
			}
		}
		for _, b := range ds.Benefits {
			realised[b.BusinessCaseID] += b.Amount
		}
		var ahead, behind, none int
		for id, d := range due {
			switch r := realised[id] / d; {
			case realised[id] == 0:
				none++
			case r >= 1:
				ahead++
			case r < 0.85:
				behind++
			}
		}
		if ahead < 1 || behind < 1 || none < 1 {
			t.Errorf("business cases with benefit due: %d ahead, %d behind, %d not realising", ahead, behind, none)
		}
	}
}
