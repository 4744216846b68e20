package metrics

import (
	"sort"

	"github.com/throughline/throughline/backend"
)

// ItemCounts are the level's work items as of the as-of day.
type ItemCounts struct {
	Total  int            `json:"total"`   // work items of every type belonging to the level, created by as-of
	Done   int            `json:"done"`    // of those, done by as-of
	ByType map[string]int `json:"by_type"` // Total by item type
}

// WIPFigures are the level's work-in-progress figures.
type WIPFigures struct {
	Current int   `json:"current"` // delivery items in progress on the as-of day (PRODUCT §4.5)
	Average Value `json:"average"` // mean daily WIP over the period
	Limit   int   `json:"limit"`   // the team's or program's WIP limit; 0 when none
}

// Metrics are one level's figures over a period (the `metrics --json` M object).
type Metrics struct {
	Items            ItemCounts   `json:"items"`
	Throughput       Throughput   `json:"throughput"`
	CycleTime        Summary      `json:"cycle_time_days"`
	LeadTime         Summary      `json:"lead_time_days"`
	CycleTimeWorking Summary      `json:"cycle_time_working_days"` // the optional working-day mode (PRODUCT §4.2)
	WIP              WIPFigures   `json:"wip"`
	FlowEfficiency   Value        `json:"flow_efficiency"`
	FlowDistribution Distribution `json:"flow_distribution"`
	// Notes give the reason for every figure that is null.
	Notes map[string]string `json:"notes"`
	value
}

// TeamMetrics is a team's name and figures.
type TeamMetrics struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Metrics
}

// ProgramMetrics is a program's figures and its teams'.
type ProgramMetrics struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Metrics
	Teams []TeamMetrics `json:"teams"`
}

// Report is the whole `throughline metrics --json` document.
type Report struct {
	AsOf        string            `json:"as_of"`
	From        string            `json:"from"`
	To          string            `json:"to"`
	Conventions map[string]string `json:"conventions"`
	Portfolio   Metrics           `json:"portfolio"`
	Programs    []ProgramMetrics  `json:"programs"`
}

// DefaultPeriodDays is the length of the default reporting period, ending on
// the as-of day.
const DefaultPeriodDays = 90

// Conventions lists, in words, the choices behind the figures; reports carry
// them so a reader can check any number.
func Conventions() map[string]string {
	return map[string]string{
		"days":                "calendar days in the portfolio's reporting time zone; timestamps stored in UTC",
		"delivery_items":      "stories, bugs, enablers, tasks, risk and debt items; epics, features and sub-tasks excluded; cancelled items never done",
		"start":               "first entry into active or waiting; done without start takes start = done",
		"done":                "entry into done not followed by a move out of done (a reopened item is in progress again)",
		"cycle_time":          "done − start + 1 calendar days, items done in the period",
		"lead_time":           "done − created + 1 calendar days, items done in the period",
		"throughput":          "items done per ISO week (Monday start), weeks clipped to the period",
		"wip":                 "items started on or before the day and not done before it; cancelled items leave WIP the day they are removed",
		"flow_efficiency":     "Σ active time ÷ Σ (active + waiting) time over items done in the period; flagged blocked time counts as waiting",
		"percentiles":         "linear interpolation between closest ranks (Excel PERCENTILE.INC)",
		"period":              "from and to both included; default the 90 days ending on the as-of date",
		"division_by_zero":    "null, with the reason in notes",
		"predictability":      "Σ actual business value (committed and stretch) ÷ Σ planned business value of committed objectives, PIs ending in the period, ratio of sums at every level",
		"okr_progress":        "mean of the level's objectives; objective = weighted mean of its key results' progress (current − baseline) ÷ (target − baseline) clamped to 0–1",
		"benefit_realization": "realized benefit to the as-of date ÷ planned benefit due by then, epics of the level, ratio of sums",
		"dora":                "production deployments in the period; change failure = failed or rolled back or linked to an incident, each deployment once; medians",
		"velocity":            "points completed per sprint (sprints ending in the period); committed = points in the sprint at its start",
	}
}

// Compute builds the report for the period p as of in.AsOf.
func (in *Input) Compute(p Period) Report {
	r := Report{AsOf: in.AsOf.String(), From: p.From.String(), To: p.To.String(), Conventions: Conventions(), Programs: []ProgramMetrics{}}
	r.Portfolio = in.Level(Portfolio, p)
	teamsOf := map[int64][]backend.Team{}
	for _, t := range in.Data.Teams {
		teamsOf[t.ProgramID] = append(teamsOf[t.ProgramID], t)
	}
	for _, prog := range in.Data.Programs {
		pm := ProgramMetrics{ID: prog.ID, Name: prog.Name, Metrics: in.Level(Level{Kind: "program", ID: prog.ID}, p), Teams: []TeamMetrics{}}
		pm.WIP.Limit = prog.WIPLimit
		teams := teamsOf[prog.ID]
		sort.Slice(teams, func(i, j int) bool { return teams[i].Name < teams[j].Name })
		for _, t := range teams {
			tm := TeamMetrics{ID: t.ID, Name: t.Name, Metrics: in.Level(Level{Kind: "team", ID: t.ID}, p)}
			tm.WIP.Limit = t.WIPLimit
			pm.Teams = append(pm.Teams, tm)
		}
		r.Programs = append(r.Programs, pm)
	}
	return r
}

// Level computes one level's figures over p.
func (in *Input) Level(l Level, p Period) Metrics {
	m := Metrics{Items: ItemCounts{ByType: map[string]int{}}, Notes: map[string]string{}}
	for _, f := range in.byLevel[l] {
		m.Items.Total++
		m.Items.ByType[string(f.Item.Type)]++
		if f.Dates.Done && f.Dates.DoneOn <= in.AsOf {
			m.Items.Done++
		}
	}
	facts := in.delivery(l)
	done := DoneIn(facts, p)
	m.Throughput = ThroughputOf(facts, p)
	m.CycleTime = Summarize(CycleTimes(done))
	m.LeadTime = Summarize(LeadTimes(done))
	m.CycleTimeWorking = Summarize(WorkingCycleTimes(done))
	m.WIP.Current = WIPOn(facts, in.AsOf)
	m.WIP.Average = mean(DailyWIP(facts, p))
	m.FlowEfficiency = FlowEfficiency(done)
	m.FlowDistribution = FlowDistribution(facts, p, in.AsOf)
	m.value = in.valueMetrics(l, p)
	if len(done) == 0 {
		m.Notes["cycle_time_days"] = "no delivery items were done in the period"
		m.Notes["lead_time_days"] = "no delivery items were done in the period"
	}
	for _, ft := range FlowTypes {
		m.note("flow_distribution.done."+ft, m.FlowDistribution.Done[ft])
		m.note("flow_distribution.wip."+ft, m.FlowDistribution.WIP[ft])
	}
	m.note("flow_efficiency", m.FlowEfficiency)
	m.note("wip.average", m.WIP.Average)
	m.value.notes(m.note)
	return m
}

// note records why a null figure is null.
func (m *Metrics) note(key string, v Value) {
	if !v.OK() && v.Reason != "" {
		m.Notes[key] = v.Reason
	}
}

func mean(xs []int) Value {
	if len(xs) == 0 {
		return NA("the period has no days")
	}
	s := 0
	for _, x := range xs {
		s += x
	}
	return Of(float64(s) / float64(len(xs)))
}
