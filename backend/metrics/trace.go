package metrics

import (
	"fmt"
	"sort"

	"github.com/throughline/throughline/backend"
)

// TraceItem is one work item behind a figure, with the values it contributed.
type TraceItem struct {
	ID        int64   `json:"id"`
	Key       string  `json:"key"`
	Title     string  `json:"title"`
	Type      string  `json:"type"`
	Status    string  `json:"status"`
	TeamID    int64   `json:"team_id"`
	Created   string  `json:"created"`
	Start     string  `json:"start,omitempty"`
	Done      string  `json:"done,omitempty"`
	CycleDays int     `json:"cycle_days,omitempty"`
	LeadDays  int     `json:"lead_days,omitempty"`
	ActiveH   float64 `json:"active_hours,omitempty"`
	WaitingH  float64 `json:"waiting_hours,omitempty"`
	NoStart   bool    `json:"no_start,omitempty"`
}

// Trace is the answer to "which rows made this figure?".
type Trace struct {
	Metric      string      `json:"metric"`
	Level       Level       `json:"level"`
	From        string      `json:"from"`
	To          string      `json:"to"`
	AsOf        string      `json:"as_of"`
	Rule        string      `json:"rule"` // which rows count, in words
	Items       []TraceItem `json:"items,omitempty"`
	Deployments []int64     `json:"deployment_ids,omitempty"`
	Incidents   []int64     `json:"incident_ids,omitempty"`
	Objectives  []int64     `json:"objective_ids,omitempty"`
}

// TraceMetrics lists the metric names Trace understands.
var TraceMetrics = []string{"items", "done", "throughput", "cycle_time", "lead_time", "wip", "flow_efficiency", "aging_wip",
	"deployments", "change_failure_rate", "time_to_restore", "predictability"}

// Trace returns the rows behind one figure of the report: metric at level
// over p. week, when not empty ("2026-W07"), narrows throughput to one week.
func (in *Input) Trace(metric string, l Level, p Period, week string) (Trace, error) {
	t := Trace{Metric: metric, Level: l, From: p.From.String(), To: p.To.String(), AsOf: in.AsOf.String()}
	pick := func(rule string, keep func(f *Fact) bool, facts []*Fact) {
		t.Rule = rule
		t.Items = []TraceItem{}
		for _, f := range facts {
			if keep(f) {
				t.Items = append(t.Items, in.traceItem(f))
			}
		}
	}
	delivery := in.delivery(l)
	switch metric {
	case "items", "done":
		var all []*Fact
		for i := range in.facts {
			if l.contains(in.facts[i].Item) {
				all = append(all, &in.facts[i])
			}
		}
		if metric == "items" {
			pick("work items of every type belonging to the level, created by the as-of date", func(*Fact) bool { return true }, all)
		} else {
			pick("work items of every type done by the as-of date", func(f *Fact) bool { return f.Dates.Done && f.Dates.DoneOn <= in.AsOf }, all)
		}
	case "throughput", "cycle_time", "lead_time", "flow_efficiency":
		q := p
		if week != "" {
			found := false
			for _, w := range WeeksIn(p) {
				if w.From.ISOWeek() == week {
					q, found = w, true
				}
			}
			if !found {
				return t, backend.Errorf(backend.EInvalid, "Week %s is not in the period %s.", week, p)
			}
		}
		pick("delivery items done in the period", func(f *Fact) bool { return f.Dates.Done && q.Contains(f.Dates.DoneOn) }, delivery)
	case "wip":
		pick("delivery items in progress on the as-of date", func(f *Fact) bool { return f.Dates.InProgressOn(in.AsOf) }, delivery)
	case "aging_wip":
		pick("delivery items in progress and not done on the as-of date", func(f *Fact) bool {
			return f.Dates.InProgressOn(in.AsOf) && !(f.Dates.Done && f.Dates.DoneOn <= in.AsOf)
		}, delivery)
	case "deployments", "change_failure_rate", "time_to_restore":
		tp := in.teamPrograms()
		var deps []backend.Deployment
		var incs []backend.Incident
		for _, d := range in.Data.Deployments {
			if l.teamIn(d.TeamID, tp) {
				deps = append(deps, d)
			}
		}
		for _, x := range in.Data.Incidents {
			if l.teamIn(x.TeamID, tp) {
				incs = append(incs, x)
			}
		}
		d := ComputeDORA(deps, incs, p, in.Loc)
		t.Rule = "production deployments of the level's teams in the period"
		t.Deployments = d.DeploymentIDs
		if metric == "change_failure_rate" {
			t.Rule = "failed production deployments (failed, rolled back or linked to an incident), each once"
			t.Deployments = d.FailedDeploymentIDs
		}
		if metric == "time_to_restore" {
			t.Rule = "incidents opened in the period and resolved"
			t.Deployments = nil
		}
		t.Incidents = d.IncidentIDs
	case "predictability":
		pr := PIPredictability(in.piObjectives(l, p, in.teamPrograms()))
		t.Rule = "PI objectives of PIs ending in the period with an actual business value"
		t.Objectives = pr.ObjectiveIDs
	default:
		return t, backend.Errorf(backend.EInvalid, "There is no trace for %q; choose one of %v.", metric, TraceMetrics)
	}
	sort.SliceStable(t.Items, func(i, j int) bool { return t.Items[i].ID < t.Items[j].ID })
	return t, nil
}

func (in *Input) traceItem(f *Fact) TraceItem {
	it := f.Item
	ti := TraceItem{ID: it.ID, Key: it.Key, Title: it.Title, Type: string(it.Type), Status: it.Status, TeamID: it.TeamID,
		Created: f.Created.String(), NoStart: f.Dates.NoStart}
	if f.Dates.Started {
		ti.Start = f.Dates.Start.String()
	}
	if f.Dates.Done {
		ti.Done = f.Dates.DoneOn.String()
		ti.CycleDays, ti.LeadDays = f.CycleDays(), f.LeadDays()
		ti.ActiveH, ti.WaitingH = round2(f.Active.Hours()), round2(f.Waiting.Hours())
	}
	return ti
}

func round2(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }

// ParseLevel reads a level from its kind and ID.
func ParseLevel(kind string, id int64) (Level, error) {
	switch kind {
	case "", "portfolio":
		return Portfolio, nil
	case "program", "team":
		if id <= 0 {
			return Level{}, backend.Errorf(backend.EInvalid, "A %s level needs its id.", kind)
		}
		return Level{Kind: kind, ID: id}, nil
	}
	return Level{}, backend.Errorf(backend.EInvalid, "%s", fmt.Sprintf("The level %q is not portfolio, program or team.", kind))
}
