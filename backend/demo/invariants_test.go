package demo_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/demo"
)

// reporter caps the errors one check prints; a broken invariant usually
// breaks it thousands of times.
type reporter struct {
	t *testing.T
	n int
}

func (r *reporter) errorf(format string, args ...any) {
	r.t.Helper()
	r.n++
	if r.n <= 10 {
		r.t.Errorf(format, args...)
	}
}

func (r *reporter) done() {
	if r.n > 10 {
		r.t.Errorf("… %d errors in all", r.n)
	}
}

// history is the status changes of each item, by item ID, in dataset order.
func history(ds *backend.Dataset) [][]backend.StatusChange {
	counts := make([]int, len(ds.Items)+1)
	for _, c := range ds.StatusChanges {
		if c.ItemID > 0 && int(c.ItemID) <= len(ds.Items) {
			counts[c.ItemID]++
		}
	}
	out := make([][]backend.StatusChange, len(ds.Items)+1)
	for id, n := range counts {
		out[id] = make([]backend.StatusChange, 0, n)
	}
	for _, c := range ds.StatusChanges {
		if c.ItemID > 0 && int(c.ItemID) <= len(ds.Items) {
			out[c.ItemID] = append(out[c.ItemID], c)
		}
	}
	return out
}

// stager resolves raw statuses through the workflow mappings: the team's
// own first, then its source system's.
type stager map[string]backend.Stage

func newStager(ds *backend.Dataset) stager {
	s := stager{}
	for _, m := range ds.WorkflowMappings {
		s[fmt.Sprintf("%d/%s/%s", m.TeamID, m.SourceSystem, strings.ToLower(m.RawStatus))] = m.Stage
	}
	return s
}

func (s stager) stage(team int64, system, status string) (backend.Stage, bool) {
	if st, ok := s[fmt.Sprintf("%d/%s/%s", team, system, strings.ToLower(status))]; ok {
		return st, true
	}
	st, ok := s[fmt.Sprintf("0/%s/%s", system, strings.ToLower(status))]
	return st, ok
}

func TestDatasetInvariants(t *testing.T) {
	checks := []struct {
		name  string
		check func(*reporter, *backend.Dataset)
	}{
		{"IDsCountFromOne", checkIDs},
		{"ReferencesResolve", checkReferences},
		{"HistoriesAreChainedAndChronological", checkHistories},
		{"StatusesAreMapped", checkMappings},
		{"TimesBeforeEndOfAsOf", checkTimes},
		{"UniqueKeysHold", checkUnique},
		{"VocabulariesAndRanges", checkVocabularies},
	}
	var runs []demo.Options
	for _, scale := range scales(t) {
		runs = append(runs, demo.Options{Seed: demo.DefaultSeed, Scale: scale})
	}
	for seed := int64(2); seed <= 6; seed++ {
		runs = append(runs, demo.Options{Seed: seed, Scale: demo.ScaleDemo})
	}
	for _, opts := range runs {
		t.Run(fmt.Sprintf("%s/Seed%d", opts.Scale, opts.Seed), func(t *testing.T) {
			ds := generate(t, opts)
			for _, c := range checks {
				t.Run(c.name, func(t *testing.T) {
					r := &reporter{t: t}
					c.check(r, ds)
					r.done()
				})
			}
		})
	}
}

func checkIDs(r *reporter, ds *backend.Dataset) {
	seq := func(table string, n int, id func(int) int64) {
		for i := range n {
			if got := id(i); got != int64(i+1) {
				r.errorf("%s[%d]: ID %d, want %d", table, i, got, i+1)
				return
			}
		}
	}
	seq("themes", len(ds.Themes), func(i int) int64 { return ds.Themes[i].ID })
	seq("programs", len(ds.Programs), func(i int) int64 { return ds.Programs[i].ID })
	seq("teams", len(ds.Teams), func(i int) int64 { return ds.Teams[i].ID })
	seq("services", len(ds.Services), func(i int) int64 { return ds.Services[i].ID })
	seq("PIs", len(ds.PIs), func(i int) int64 { return ds.PIs[i].ID })
	seq("sprints", len(ds.Sprints), func(i int) int64 { return ds.Sprints[i].ID })
	seq("workflow mappings", len(ds.WorkflowMappings), func(i int) int64 { return ds.WorkflowMappings[i].ID })
	seq("items", len(ds.Items), func(i int) int64 { return ds.Items[i].ID })
	seq("status changes", len(ds.StatusChanges), func(i int) int64 { return ds.StatusChanges[i].ID })
	seq("dependencies", len(ds.Dependencies), func(i int) int64 { return ds.Dependencies[i].ID })
	seq("deployments", len(ds.Deployments), func(i int) int64 { return ds.Deployments[i].ID })
	seq("incidents", len(ds.Incidents), func(i int) int64 { return ds.Incidents[i].ID })
	seq("objectives", len(ds.Objectives), func(i int) int64 { return ds.Objectives[i].ID })
	seq("key results", len(ds.KeyResults), func(i int) int64 { return ds.KeyResults[i].ID })
	seq("PI objectives", len(ds.PIObjectives), func(i int) int64 { return ds.PIObjectives[i].ID })
	seq("business cases", len(ds.BusinessCases), func(i int) int64 { return ds.BusinessCases[i].ID })
	seq("roles", len(ds.Roles), func(i int) int64 { return ds.Roles[i].ID })
	seq("systems of record", len(ds.SystemsOfRecord), func(i int) int64 { return ds.SystemsOfRecord[i].ID })
	seq("metric definitions", len(ds.MetricDefinitions), func(i int) int64 { return ds.MetricDefinitions[i].ID })
	seq("governance events", len(ds.GovernanceEvents), func(i int) int64 { return ds.GovernanceEvents[i].ID })
	seq("actions", len(ds.Actions), func(i int) int64 { return ds.Actions[i].ID })
}

func checkReferences(r *reporter, ds *backend.Dataset) {
	in := func(id int64, n int) bool { return id >= 1 && id <= int64(n) }
	opt := func(id int64, n int) bool { return id == 0 || in(id, n) }
	ref := func(ok bool, format string, args ...any) {
		if !ok {
			r.errorf(format, args...)
		}
	}
	for _, x := range ds.Teams {
		ref(in(x.ProgramID, len(ds.Programs)), "team %d: program %d", x.ID, x.ProgramID)
	}
	for _, x := range ds.Holidays {
		ref(opt(x.TeamID, len(ds.Teams)), "holiday %s: team %d", x.Date, x.TeamID)
	}
	for _, x := range ds.Services {
		ref(in(x.TeamID, len(ds.Teams)), "service %d: team %d", x.ID, x.TeamID)
	}
	for _, x := range ds.PIs {
		ref(opt(x.ProgramID, len(ds.Programs)), "PI %d: program %d", x.ID, x.ProgramID)
	}
	for _, x := range ds.Sprints {
		ref(in(x.TeamID, len(ds.Teams)) && in(x.PIID, len(ds.PIs)), "sprint %d: team %d, PI %d", x.ID, x.TeamID, x.PIID)
	}
	for _, x := range ds.WorkflowMappings {
		ref(opt(x.TeamID, len(ds.Teams)), "mapping %d: team %d", x.ID, x.TeamID)
	}
	items := ds.Items
	parentType := map[backend.ItemType][]backend.ItemType{
		backend.TypeFeature: {backend.TypeEpic},
		backend.TypeSubtask: {backend.TypeStory, backend.TypeBug, backend.TypeEnabler, backend.TypeTask, backend.TypeRisk, backend.TypeDebt},
	}
	for _, x := range items {
		ref(opt(x.ThemeID, len(ds.Themes)) && in(x.ProgramID, len(ds.Programs)) && opt(x.PIID, len(ds.PIs)),
			"item %d: theme %d, program %d, PI %d", x.ID, x.ThemeID, x.ProgramID, x.PIID)
		ref(opt(x.TeamID, len(ds.Teams)) && (x.TeamID != 0 || x.Type == backend.TypeEpic), "item %d (%s): team %d", x.ID, x.Type, x.TeamID)
		if x.TeamID != 0 {
			ref(ds.Teams[x.TeamID-1].ProgramID == x.ProgramID, "item %d: team %d is not in program %d", x.ID, x.TeamID, x.ProgramID)
		}
		if x.ParentID == 0 {
			ref(x.Type == backend.TypeEpic || x.Type == backend.TypeBug, "item %d (%s) has no parent", x.ID, x.Type)
			continue
		}
		ref(x.ParentID < x.ID, "item %d: parent %d is inserted after it", x.ID, x.ParentID)
		if !in(x.ParentID, len(items)) {
			continue
		}
		want, ok := parentType[x.Type]
		if !ok {
			want = []backend.ItemType{backend.TypeFeature}
		}
		pt := items[x.ParentID-1].Type
		ok = false
		for _, w := range want {
			ok = ok || w == pt
		}
		ref(ok, "item %d (%s): parent %d is a %s", x.ID, x.Type, x.ParentID, pt)
	}
	for _, x := range ds.StatusChanges {
		ref(in(x.ItemID, len(items)), "status change %d: item %d", x.ID, x.ItemID)
	}
	for _, x := range ds.BlockedPeriods {
		ref(in(x.ItemID, len(items)), "blocked period: item %d", x.ItemID)
	}
	for _, x := range ds.ItemSprints {
		ok := in(x.ItemID, len(items)) && in(x.SprintID, len(ds.Sprints))
		ref(ok, "item sprint: item %d, sprint %d", x.ItemID, x.SprintID)
		if ok {
			ref(items[x.ItemID-1].TeamID == ds.Sprints[x.SprintID-1].TeamID, "item %d in another team's sprint %d", x.ItemID, x.SprintID)
		}
	}
	for _, x := range ds.ItemLinks {
		ref(in(x.FromItemID, len(items)) && in(x.ToItemID, len(items)), "item link %d→%d", x.FromItemID, x.ToItemID)
	}
	for _, x := range ds.Dependencies {
		ref(opt(x.FromItemID, len(items)) && opt(x.ToItemID, len(items)) && in(x.FromTeamID, len(ds.Teams)) && in(x.ToTeamID, len(ds.Teams)) && x.FromTeamID != x.ToTeamID,
			"dependency %d: items %d→%d, teams %d→%d", x.ID, x.FromItemID, x.ToItemID, x.FromTeamID, x.ToTeamID)
	}
	for _, x := range ds.Deployments {
		ok := in(x.ServiceID, len(ds.Services)) && in(x.TeamID, len(ds.Teams))
		ref(ok && ds.Services[x.ServiceID-1].TeamID == x.TeamID, "deployment %d: service %d, team %d", x.ID, x.ServiceID, x.TeamID)
	}
	for _, x := range ds.Incidents {
		ref(in(x.ServiceID, len(ds.Services)) && in(x.TeamID, len(ds.Teams)) && opt(x.CausedByDeploymentID, len(ds.Deployments)),
			"incident %d: service %d, team %d, deployment %d", x.ID, x.ServiceID, x.TeamID, x.CausedByDeploymentID)
	}
	levelAbove := map[string]string{"program": "portfolio", "team": "program"}
	for _, x := range ds.Objectives {
		ref(opt(x.ProgramID, len(ds.Programs)) && opt(x.TeamID, len(ds.Teams)) && opt(x.ThemeID, len(ds.Themes)),
			"objective %d: program %d, team %d, theme %d", x.ID, x.ProgramID, x.TeamID, x.ThemeID)
		if x.ParentID != 0 {
			ok := x.ParentID < x.ID && ds.Objectives[x.ParentID-1].Level == levelAbove[x.Level]
			ref(ok, "objective %d (%s): parent %d", x.ID, x.Level, x.ParentID)
		}
	}
	for _, x := range ds.KeyResults {
		ref(in(x.ObjectiveID, len(ds.Objectives)), "key result %d: objective %d", x.ID, x.ObjectiveID)
	}
	for _, x := range ds.KeyResultUpdates {
		ref(in(x.KeyResultID, len(ds.KeyResults)), "key result update: key result %d", x.KeyResultID)
	}
	isEpic := func(id int64) bool { return in(id, len(items)) && items[id-1].Type == backend.TypeEpic }
	for _, x := range ds.ObjectiveEpics {
		ref(in(x.ObjectiveID, len(ds.Objectives)) && isEpic(x.EpicID), "objective epic %d→%d", x.ObjectiveID, x.EpicID)
	}
	for _, x := range ds.PIObjectives {
		ref(in(x.TeamID, len(ds.Teams)) && in(x.PIID, len(ds.PIs)), "PI objective %d: team %d, PI %d", x.ID, x.TeamID, x.PIID)
	}
	for _, x := range ds.BusinessCases {
		ref(isEpic(x.EpicID), "business case %d: epic %d", x.ID, x.EpicID)
	}
	for _, x := range ds.PlannedBenefits {
		ref(in(x.BusinessCaseID, len(ds.BusinessCases)), "planned benefit: case %d", x.BusinessCaseID)
	}
	for _, x := range ds.Benefits {
		ref(in(x.BusinessCaseID, len(ds.BusinessCases)), "benefit: case %d", x.BusinessCaseID)
	}
	for _, x := range ds.Feedback {
		ref(in(x.ProgramID, len(ds.Programs)), "feedback: program %d", x.ProgramID)
	}
	for _, x := range ds.MetricDefinitions {
		ref(opt(x.OwnerRoleID, len(ds.Roles)) && opt(x.SystemOfRecordID, len(ds.SystemsOfRecord)), "metric %d: role %d, system %d", x.ID, x.OwnerRoleID, x.SystemOfRecordID)
	}
	for _, x := range ds.MetricReviews {
		ref(in(x.MetricID, len(ds.MetricDefinitions)), "metric review: metric %d", x.MetricID)
	}
	for _, x := range ds.Decisions {
		ref(in(x.EventID, len(ds.GovernanceEvents)), "decision: event %d", x.EventID)
	}
	for _, x := range ds.Actions {
		ref(opt(x.EventID, len(ds.GovernanceEvents)) && opt(x.OwnerRoleID, len(ds.Roles)), "action %d: event %d, role %d", x.ID, x.EventID, x.OwnerRoleID)
	}
}

func checkHistories(r *reporter, ds *backend.Dataset) {
	st := newStager(ds)
	for id, hs := range history(ds) {
		if id == 0 {
			continue
		}
		it := &ds.Items[id-1]
		if len(hs) == 0 {
			r.errorf("item %d has no history", id)
			continue
		}
		if hs[0].FromStatus != "" || !hs[0].ChangedAt.Equal(it.CreatedAt) {
			r.errorf("item %d: first change %q→%q at %v, created %v", id, hs[0].FromStatus, hs[0].ToStatus, hs[0].ChangedAt, it.CreatedAt)
		}
		var doneRun time.Time
		for i, c := range hs {
			if i > 0 && (c.FromStatus != hs[i-1].ToStatus || !c.ChangedAt.After(hs[i-1].ChangedAt)) {
				r.errorf("item %d: change %d (%q→%q at %v) does not follow %q at %v", id, c.ID, c.FromStatus, c.ToStatus, c.ChangedAt, hs[i-1].ToStatus, hs[i-1].ChangedAt)
			}
			stage, _ := st.stage(it.TeamID, it.SourceSystem, c.ToStatus)
			if stage != backend.StageDone {
				doneRun = time.Time{}
			} else if doneRun.IsZero() {
				doneRun = c.ChangedAt
			}
		}
		if last := hs[len(hs)-1].ToStatus; it.Status != last {
			r.errorf("item %d: status %q, last change to %q", id, it.Status, last)
		}
		switch {
		case doneRun.IsZero() && it.ResolvedAt != nil:
			r.errorf("item %d: resolved at %v but not done", id, *it.ResolvedAt)
		case !doneRun.IsZero() && (it.ResolvedAt == nil || !it.ResolvedAt.Equal(doneRun)):
			r.errorf("item %d: done since %v, resolved at %v", id, doneRun, it.ResolvedAt)
		}
	}
}

func checkMappings(r *reporter, ds *backend.Dataset) {
	st := newStager(ds)
	for _, m := range ds.WorkflowMappings {
		if !m.Stage.Valid() {
			r.errorf("mapping %d: stage %q", m.ID, m.Stage)
		}
	}
	for _, c := range ds.StatusChanges {
		it := &ds.Items[c.ItemID-1]
		if _, ok := st.stage(it.TeamID, it.SourceSystem, c.ToStatus); !ok {
			r.errorf("item %d (%s, team %d): status %q has no mapping", it.ID, it.SourceSystem, it.TeamID, c.ToStatus)
		}
	}
	for _, it := range ds.Items {
		if it.TeamID == 0 || it.Type == backend.TypeEpic {
			continue // program epics live in the program's tool
		}
		if tool := ds.Teams[it.TeamID-1].Tool; it.SourceSystem != tool {
			r.errorf("item %d comes from %s, its team works in %s", it.ID, it.SourceSystem, tool)
		}
	}
}

func checkTimes(r *reporter, ds *backend.Dataset) {
	loc := berlin(r.t)
	end := time.Date(2026, 11, 21, 0, 0, 0, 0, loc)
	floor := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	instant := func(what string, at time.Time) {
		if !at.Before(end) || at.Before(floor) || at.Location() != time.UTC {
			r.errorf("%s at %v: want UTC, after %v and before %v", what, at, floor, end)
		}
	}
	date := func(what, d string) {
		if _, err := time.Parse(time.DateOnly, d); err != nil || d > demo.AsOf {
			r.errorf("%s on %q: want a date up to %s", what, d, demo.AsOf)
		}
	}
	for _, c := range ds.StatusChanges {
		instant("status change", c.ChangedAt)
	}
	for _, it := range ds.Items {
		instant("item created", it.CreatedAt)
		if it.ResolvedAt != nil {
			instant("item resolved", *it.ResolvedAt)
		}
	}
	for _, b := range ds.BlockedPeriods {
		instant("blocked from", b.StartedAt)
		if b.EndedAt != nil && !b.EndedAt.After(b.StartedAt) {
			r.errorf("blocked period of item %d ends %v, before it starts %v", b.ItemID, *b.EndedAt, b.StartedAt)
		}
	}
	for _, s := range ds.ItemSprints {
		instant("added to sprint", s.AddedAt)
		sp, it := &ds.Sprints[s.SprintID-1], &ds.Items[s.ItemID-1]
		if day := s.AddedAt.In(loc).Format(time.DateOnly); day < sp.StartDate || day > sp.EndDate || s.AddedAt.Before(it.CreatedAt) {
			r.errorf("item %d (created %v) added to sprint %d (%s–%s) on %v", it.ID, it.CreatedAt, sp.ID, sp.StartDate, sp.EndDate, s.AddedAt)
		}
	}
	for _, d := range ds.Dependencies {
		instant("dependency created", d.CreatedAt)
		if d.ResolvedAt != nil && !d.ResolvedAt.After(d.CreatedAt) {
			r.errorf("dependency %d resolved %v before it was raised %v", d.ID, *d.ResolvedAt, d.CreatedAt)
		}
	}
	for _, d := range ds.Deployments {
		instant("deployment", d.DeployedAt)
		if d.ChangeStartedAt == nil || !d.ChangeStartedAt.Before(d.DeployedAt) {
			r.errorf("deployment %d: change started %v, deployed %v", d.ID, d.ChangeStartedAt, d.DeployedAt)
		}
		if d.RecoveredAt != nil && (!d.RecoveredAt.After(d.DeployedAt) || d.Outcome == "success") {
			r.errorf("deployment %d (%s): recovered %v, deployed %v", d.ID, d.Outcome, *d.RecoveredAt, d.DeployedAt)
		}
	}
	for _, in := range ds.Incidents {
		instant("incident", in.OpenedAt)
		if in.ResolvedAt != nil && !in.ResolvedAt.After(in.OpenedAt) {
			r.errorf("incident %d resolved %v before it opened %v", in.ID, *in.ResolvedAt, in.OpenedAt)
		}
	}
	for _, m := range ds.MetricReviews {
		instant("metric review", m.ReviewedAt)
	}
	for _, u := range ds.KeyResultUpdates {
		date("key result update", u.RecordedOn)
	}
	for _, b := range ds.Benefits {
		date("benefit measured", b.MeasuredOn)
	}
	for _, f := range ds.Feedback {
		date("feedback period end", f.PeriodEnd)
	}
	for _, e := range ds.GovernanceEvents {
		date("governance event", e.HeldOn)
	}
	for _, a := range ds.Actions {
		if a.ClosedOn != "" {
			date("action closed", a.ClosedOn)
		}
	}
}

func checkUnique(r *reporter, ds *backend.Dataset) {
	seen := map[string]bool{}
	unique := func(table string, key ...any) {
		k := fmt.Sprint(append([]any{table}, key...)...)
		if seen[k] {
			r.errorf("%s: duplicate %v", table, key)
		}
		seen[k] = true
	}
	for _, x := range ds.Themes {
		unique("theme name", x.Name)
	}
	for _, x := range ds.Programs {
		unique("program name", x.Name)
	}
	for _, x := range ds.Teams {
		unique("team name", x.Name)
	}
	for _, x := range ds.Services {
		unique("service name", x.Name)
	}
	for _, x := range ds.PIs {
		unique("PI name", x.Name)
	}
	for _, x := range ds.Holidays {
		unique("holiday", x.TeamID, x.Date)
	}
	for _, x := range ds.Sprints {
		unique("sprint", x.TeamID, x.Name)
	}
	for _, x := range ds.WorkflowMappings {
		unique("mapping", x.TeamID, x.SourceSystem, strings.ToLower(x.RawStatus))
	}
	for _, x := range ds.Items {
		unique("item key", x.SourceSystem, x.ExternalKey)
	}
	// Status changes are unique per item and instant because histories
	// are strictly chronological (checkHistories).
	for _, x := range ds.ItemSprints {
		unique("item sprint", x.ItemID, x.SprintID)
	}
	for _, x := range ds.ItemLinks {
		unique("item link", x.FromItemID, x.ToItemID, x.Kind)
	}
	for _, x := range ds.ObjectiveEpics {
		unique("objective epic", x.ObjectiveID, x.EpicID)
	}
	for _, x := range ds.BusinessCases {
		unique("business case epic", x.EpicID)
	}
	for _, x := range ds.Roles {
		unique("role name", x.Name)
	}
	for _, x := range ds.SystemsOfRecord {
		unique("system of record", x.DataType)
	}
	for _, x := range ds.MetricDefinitions {
		unique("metric key", x.Key)
	}
}

func checkVocabularies(r *reporter, ds *backend.Dataset) {
	oneOf := func(what, got string, allowed ...string) {
		for _, a := range allowed {
			if got == a {
				return
			}
		}
		r.errorf("%s %q, want one of %v", what, got, allowed)
	}
	share := 0.0
	for _, x := range ds.Themes {
		share += x.TargetShare
	}
	if math.Abs(share-1) > 1e-9 || len(ds.Themes) < 3 || len(ds.Themes) > 5 {
		r.errorf("%d themes with target shares summing to %v, want 3–5 summing to 1", len(ds.Themes), share)
	}
	for _, x := range ds.Teams {
		oneOf("team framework", x.Framework, "scrum", "kanban")
		oneOf("team tool", x.Tool, "jira", "ado", "rally")
		if x.SprintLengthDays != 14 || x.WorkdayMask != 31 || x.WIPLimit <= 0 || x.SourceKey == "" || x.Lead == "" {
			r.errorf("team %d: %+v", x.ID, x)
		}
	}
	for _, x := range ds.Items {
		if !x.Type.Valid() || x.RawType == "" || x.Title == "" || x.ExternalKey == "" {
			r.errorf("item %d: type %q, raw type %q, title %q, key %q", x.ID, x.Type, x.RawType, x.Title, x.ExternalKey)
		}
		if x.Points != nil && *x.Points <= 0 {
			r.errorf("item %d: %v points", x.ID, *x.Points)
		}
		if x.Type == backend.TypeBug {
			oneOf("bug found in", x.FoundIn, "production", "testing", "development")
		} else if x.FoundIn != "" {
			r.errorf("%s %d found in %q", x.Type, x.ID, x.FoundIn)
		}
	}
	for _, x := range ds.Sprints {
		if x.EndDate < x.StartDate || x.Goal == "" {
			r.errorf("sprint %d: %s–%s, goal %q", x.ID, x.StartDate, x.EndDate, x.Goal)
		}
	}
	for _, x := range ds.Dependencies {
		oneOf("dependency state", x.State, "requested", "committed", "resolved", "blocked")
		oneOf("dependency risk", x.Risk, "low", "medium", "high")
		if (x.State == "resolved") != (x.ResolvedAt != nil) {
			r.errorf("dependency %d: %s, resolved at %v", x.ID, x.State, x.ResolvedAt)
		}
	}
	for _, x := range ds.Deployments {
		oneOf("deployment outcome", x.Outcome, "success", "failed", "rolled_back")
		oneOf("deployment environment", x.Environment, "production", "staging")
	}
	for _, x := range ds.Incidents {
		oneOf("incident severity", x.Severity, "critical", "high", "medium", "low")
	}
	for _, x := range ds.Objectives {
		oneOf("objective level", x.Level, "portfolio", "program", "team")
		oneOf("objective kind", x.Kind, "aspirational", "committed")
	}
	for _, x := range ds.KeyResults {
		if x.Weight < 0 || x.Baseline == x.Target {
			r.errorf("key result %d: %+v", x.ID, x)
		}
	}
	for _, x := range ds.KeyResultUpdates {
		if x.Confidence != nil && (*x.Confidence < 0 || *x.Confidence > 1) {
			r.errorf("key result %d: confidence %v", x.KeyResultID, *x.Confidence)
		}
	}
	for _, x := range ds.PIObjectives {
		if x.PlannedBV < 1 || x.PlannedBV > 10 || x.ActualBV != nil && (*x.ActualBV < 0 || *x.ActualBV > 10) {
			r.errorf("PI objective %d: planned %d, actual %v", x.ID, x.PlannedBV, x.ActualBV)
		}
	}
	for _, x := range ds.Feedback {
		oneOf("feedback kind", x.Kind, "csat", "nps")
		if x.Kind == "csat" && (x.Score < 1 || x.Score > 5) || x.Kind == "nps" && (x.Score < -100 || x.Score > 100) || x.PeriodEnd < x.PeriodStart {
			r.errorf("feedback: %+v", x)
		}
	}
	for _, x := range ds.MetricDefinitions {
		oneOf("metric level", x.Level, "portfolio", "program", "team")
		oneOf("metric frequency", x.Frequency, "weekly", "fortnightly", "monthly", "quarterly", "annually")
	}
	for _, x := range ds.GovernanceEvents {
		oneOf("governance cadence", x.Cadence, "sprint_review", "monthly_value_review", "quarterly_portfolio_assessment", "annual_strategic_review")
	}
	for _, x := range ds.Actions {
		oneOf("action status", x.Status, "open", "done", "cancelled")
		if (x.Status == "open") != (x.ClosedOn == "") {
			r.errorf("action %d: %s, closed on %q", x.ID, x.Status, x.ClosedOn)
		}
	}
}
