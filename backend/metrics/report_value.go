package metrics

import (
	"sort"

	"github.com/throughline/throughline/backend"
)

// DORAFigures are the four keys as the report shows them (PRODUCT §4.12).
type DORAFigures struct {
	Deployments                      int    `json:"deployments"`
	DeploymentsPerWeek               Value  `json:"deployments_per_week"`
	FrequencyBand                    string `json:"frequency_band"`
	ChangeFailureRate                Value  `json:"change_failure_rate"`
	LeadTimeForChangesHoursP50       Value  `json:"lead_time_for_changes_hours_p50"`
	TimeToRestoreHoursP50            Value  `json:"time_to_restore_hours_p50"`
	FailedDeploymentRecoveryHoursP50 Value  `json:"failed_deployment_recovery_hours_p50"`
}

// VelocityRow is one sprint's committed and completed points (PRODUCT §4.10).
type VelocityRow struct {
	Sprint    string  `json:"sprint"`
	Start     string  `json:"start"`
	End       string  `json:"end"`
	Committed float64 `json:"committed"`
	Completed float64 `json:"completed"`
	SayDo     Value   `json:"say_do"`
	sayDoNum  float64 // committed points completed
}

// value holds the figures that come from sprints, PI objectives, OKRs,
// benefits, deployments, dependencies and feedback rather than from flow.
type value struct {
	Velocity                 []VelocityRow `json:"velocity"`
	SayDo                    Value         `json:"say_do"`
	SprintGoalAttainment     Value         `json:"sprint_goal_attainment"`
	Predictability           Value         `json:"predictability"`
	OKRProgress              Value         `json:"okr_progress"`
	BenefitRealization       Value         `json:"benefit_realization"`
	DORA                     DORAFigures   `json:"dora"`
	DefectEscapeRate         Value         `json:"defect_escape_rate"`
	DependencyResolutionRate Value         `json:"dependency_resolution_rate"`
	CSAT                     Value         `json:"csat"`
	NPS                      Value         `json:"nps"`
}

// notes reports the reasons of the null figures.
func (v *value) notes(note func(string, Value)) {
	note("say_do", v.SayDo)
	note("sprint_goal_attainment", v.SprintGoalAttainment)
	note("predictability", v.Predictability)
	note("okr_progress", v.OKRProgress)
	note("benefit_realization", v.BenefitRealization)
	note("dora.deployments_per_week", v.DORA.DeploymentsPerWeek)
	note("dora.change_failure_rate", v.DORA.ChangeFailureRate)
	note("dora.lead_time_for_changes_hours_p50", v.DORA.LeadTimeForChangesHoursP50)
	note("dora.time_to_restore_hours_p50", v.DORA.TimeToRestoreHoursP50)
	note("dora.failed_deployment_recovery_hours_p50", v.DORA.FailedDeploymentRecoveryHoursP50)
	note("defect_escape_rate", v.DefectEscapeRate)
	note("dependency_resolution_rate", v.DependencyResolutionRate)
	note("csat", v.CSAT)
	note("nps", v.NPS)
}

func (in *Input) valueMetrics(l Level, p Period) value {
	tp := in.teamPrograms()
	var v value
	v.Velocity = []VelocityRow{}

	// DORA: deployments and incidents of the level's teams.
	var deps []backend.Deployment
	for _, d := range in.Data.Deployments {
		if l.teamIn(d.TeamID, tp) {
			deps = append(deps, d)
		}
	}
	var incs []backend.Incident
	for _, x := range in.Data.Incidents {
		if l.teamIn(x.TeamID, tp) {
			incs = append(incs, x)
		}
	}
	d := ComputeDORA(deps, incs, p, in.Loc)
	v.DORA = DORAFigures{Deployments: d.Deployments, DeploymentsPerWeek: d.DeploymentsPerWeek, FrequencyBand: d.FrequencyBand,
		ChangeFailureRate: d.ChangeFailureRate, LeadTimeForChangesHoursP50: d.LeadTimeForChangesHoursP50,
		TimeToRestoreHoursP50: d.TimeToRestoreHoursP50, FailedDeploymentRecoveryHoursP50: d.FailedDeploymentRecoveryHoursP50}

	// PI predictability: objectives of PIs that end in the period.
	v.Predictability = PIPredictability(in.piObjectives(l, p, tp)).Value

	v.Velocity, v.SayDo, v.SprintGoalAttainment = in.sprintFigures(l, p, tp)
	v.OKRProgress = OKRProgress(in.levelObjectives(l), in.Data.KeyResults, in.Data.KeyResultUpdates, in.AsOf)
	v.BenefitRealization = HeadlineBenefitRealization(in.levelCases(l), in.Data.PlannedBenefits, in.Data.Benefits, in.AsOf).Rate

	var bugs []backend.ItemFlow
	for _, i := range in.bugs {
		if l.contains(&in.Items[i]) {
			bugs = append(bugs, in.Items[i])
		}
	}
	v.DefectEscapeRate = DefectEscapeRate(bugs, p, in.Loc).Rate

	var needs []backend.Dependency
	for _, d := range in.Data.Dependencies {
		if l.teamIn(d.FromTeamID, tp) || l.teamIn(d.ToTeamID, tp) {
			needs = append(needs, d)
		}
	}
	v.DependencyResolutionRate = ComputeDependencyResolution(needs, p, in.AsOf, in.Loc).Rate
	v.CSAT, v.NPS = in.feedback(l, p)
	return v
}

// sprintFigures returns velocity per sprint (sprints ending in p; at program
// and portfolio level, the teams' sprints of the same name are added up),
// say/do and sprint goal attainment over those sprints.
func (in *Input) sprintFigures(l Level, p Period, tp map[int64]int64) ([]VelocityRow, Value, Value) {
	var sprints []backend.Sprint
	for _, s := range in.Data.Sprints {
		end, err := ParseDay(s.EndDate)
		if err == nil && p.Contains(end) && l.teamIn(s.TeamID, tp) {
			sprints = append(sprints, s)
		}
	}
	rows := []VelocityRow{}
	if len(sprints) == 0 {
		return rows, NA("no sprints ended in the period"), NA("no sprints ended in the period")
	}
	ids := map[int64]bool{}
	for _, s := range sprints {
		ids[s.ID] = true
	}
	var members []backend.ItemSprint
	var memberItems []backend.ItemFlow // only the sprints' items: deriving dates for all would cost a pass per level
	seen := map[int64]bool{}
	for _, m := range in.Data.ItemSprints {
		if ids[m.SprintID] {
			members = append(members, m)
			if i, ok := in.index[m.ItemID]; ok && !seen[m.ItemID] {
				seen[m.ItemID] = true
				memberItems = append(memberItems, in.Items[i])
			}
		}
	}
	byName := map[string]int{}
	var committed, completedCommitted float64
	for _, sm := range ComputeSprintMetrics(sprints, members, memberItems, in.Loc) {
		committed += sm.Committed
		completedCommitted += sm.CompletedCommitted
		i, ok := byName[sm.Name]
		if !ok {
			i = len(rows)
			byName[sm.Name] = i
			rows = append(rows, VelocityRow{Sprint: sm.Name, Start: sm.Start, End: sm.End})
		}
		r := &rows[i]
		r.Committed += sm.Committed
		r.Completed += sm.Completed
		r.Start, r.End = min(r.Start, sm.Start), max(r.End, sm.End)
		r.sayDoNum += sm.CompletedCommitted
	}
	for i := range rows {
		rows[i].SayDo = Ratio(rows[i].sayDoNum, rows[i].Committed, "no points committed at sprint start")
	}
	sort.Slice(rows, func(i, j int) bool {
		return rows[i].Start < rows[j].Start || (rows[i].Start == rows[j].Start && rows[i].Sprint < rows[j].Sprint)
	})
	return rows, Ratio(completedCommitted, committed, "no points committed at the start of the period's sprints"), SprintGoalAttainment(sprints).Value
}

// levelObjectives are the OKR objectives set at the level itself.
func (in *Input) levelObjectives(l Level) []backend.Objective {
	var out []backend.Objective
	for _, o := range in.Data.Objectives {
		switch {
		case l.Kind == "portfolio" && o.Level == "portfolio",
			l.Kind == "program" && o.Level == "program" && o.ProgramID == l.ID,
			l.Kind == "team" && o.Level == "team" && o.TeamID == l.ID:
			out = append(out, o)
		}
	}
	return out
}

// levelCases are the business cases of the level's epics.
func (in *Input) levelCases(l Level) []backend.BusinessCase {
	epics := map[int64]bool{}
	for _, i := range in.epics {
		if it := &in.Items[i]; l.contains(it) {
			epics[it.ID] = true
		}
	}
	var out []backend.BusinessCase
	for _, bc := range in.Data.BusinessCases {
		if epics[bc.EpicID] {
			out = append(out, bc)
		}
	}
	return out
}

// feedback is the response-weighted mean CSAT and NPS of the level's
// programs over the surveys whose period ends within p. Feedback is
// recorded per program, so a team has none.
func (in *Input) feedback(l Level, p Period) (csat, nps Value) {
	if l.Kind == "team" {
		return NA("customer feedback is recorded per program"), NA("customer feedback is recorded per program")
	}
	var sum, n [2]float64
	for _, f := range in.Data.Feedback {
		end, err := ParseDay(f.PeriodEnd)
		if err != nil || !p.Contains(end) || (l.Kind == "program" && f.ProgramID != l.ID) {
			continue
		}
		k := 0
		if f.Kind == "nps" {
			k = 1
		}
		w := float64(max(f.Responses, 1))
		sum[k] += f.Score * w
		n[k] += w
	}
	return Ratio(sum[0], n[0], "no CSAT survey ended in the period"), Ratio(sum[1], n[1], "no NPS survey ended in the period")
}

// piObjectives are the level's PI objectives of PIs ending within p.
func (in *Input) piObjectives(l Level, p Period, tp map[int64]int64) []backend.PIObjective {
	ending := map[int64]bool{}
	for _, pi := range in.Data.PIs {
		if end, err := ParseDay(pi.EndDate); err == nil && p.Contains(end) {
			ending[pi.ID] = true
		}
	}
	var out []backend.PIObjective
	for _, o := range in.Data.PIObjectives {
		if ending[o.PIID] && l.teamIn(o.TeamID, tp) {
			out = append(out, o)
		}
	}
	return out
}
