package metrics

import (
	"fmt"
	"sort"
	"time"

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
	Metric      string            `json:"metric"`
	Level       Level             `json:"level"`
	From        string            `json:"from"`
	To          string            `json:"to"`
	AsOf        string            `json:"as_of"`
	Rule        string            `json:"rule"`  // which rows count, in words
	Total       int               `json:"total"` // rows behind the figure
	Items       []TraceItem       `json:"items"`
	Deployments []int64           `json:"deployment_ids,omitempty"`
	Incidents   []int64           `json:"incident_ids,omitempty"`
	Objectives  []int64           `json:"objective_ids,omitempty"`
	DeployRows  []TraceDeployment `json:"deployments,omitempty"`
	IncRows     []TraceIncident   `json:"incidents,omitempty"`
}

// TraceDeployment is a deployment behind a DORA figure.
type TraceDeployment struct {
	ID            int64    `json:"id"`
	Key           string   `json:"key"`
	TeamID        int64    `json:"team_id"`
	DeployedAt    string   `json:"deployed_at"`
	Outcome       string   `json:"outcome"`
	Failed        bool     `json:"failed"`
	LeadTimeHours *float64 `json:"lead_time_hours"`
}

// TraceIncident is an incident behind a DORA figure.
type TraceIncident struct {
	ID           int64    `json:"id"`
	Key          string   `json:"key"`
	TeamID       int64    `json:"team_id"`
	Severity     string   `json:"severity"`
	OpenedAt     string   `json:"opened_at"`
	ResolvedAt   string   `json:"resolved_at,omitempty"`
	RestoreHours *float64 `json:"restore_hours"`
	DeploymentID int64    `json:"caused_by_deployment_id,omitempty"`
}

// TraceMetrics lists the metric names Trace understands.
var TraceMetrics = []string{"items", "done", "delivery_done", "throughput", "cycle_time", "lead_time", "wip", "flow_efficiency", "aging_wip",
	"deployments", "change_failure_rate", "time_to_restore", "predictability"}

// Trace returns the rows behind one figure of the report: metric at level
// over p. week, when not empty ("2026-W07"), narrows throughput to one week.
func (in *Input) Trace(metric string, l Level, p Period, week string) (Trace, error) {
	t := Trace{Metric: metric, Level: l, From: p.From.String(), To: p.To.String(), AsOf: in.AsOf.String(), Items: []TraceItem{}}
	if err := in.checkLevel(l); err != nil {
		return t, err
	}
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
	case "delivery_done":
		pick("delivery items done by the as-of date (the overview's Done)", func(f *Fact) bool { return f.Dates.Done && f.Dates.DoneOn <= in.AsOf }, delivery)
	case "items", "done":
		all := in.byLevel[l]
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
		failed := map[int64]bool{}
		for _, id := range d.FailedDeploymentIDs {
			failed[id] = true
		}
		switch metric {
		case "deployments":
			t.Rule = "production deployments of the level's teams in the period"
			t.Deployments = d.DeploymentIDs
		case "change_failure_rate":
			t.Rule = "failed production deployments (failed, rolled back or linked to an incident), each once"
			t.Deployments = d.FailedDeploymentIDs
		default:
			t.Rule = "incidents of the level's teams opened in the period and resolved"
			for _, x := range incs {
				if x.ResolvedAt != nil && p.Contains(DayOf(x.OpenedAt, in.Loc)) {
					t.Incidents = append(t.Incidents, x.ID)
				}
			}
		}
		if metric != "time_to_restore" {
			t.Incidents = d.IncidentIDs
		}
		t.DeployRows, t.IncRows = traceDeployments(deps, t.Deployments, failed), traceIncidents(incs, t.Incidents)
		t.Total = len(t.Deployments) + len(t.IncRows)
		if metric == "time_to_restore" {
			t.Total = len(t.Incidents)
		}
	case "predictability":
		pr := PIPredictability(in.piObjectives(l, p, in.teamPrograms()))
		t.Rule = "PI objectives of PIs ending in the period with an actual business value"
		t.Objectives = pr.ObjectiveIDs
		t.Total = len(t.Objectives)
	default:
		return t, backend.Errorf(backend.EInvalid, "There is no trace for %q; choose one of %v.", metric, TraceMetrics)
	}
	sort.SliceStable(t.Items, func(i, j int) bool { return t.Items[i].ID < t.Items[j].ID })
	if len(t.Items) > 0 {
		t.Total = len(t.Items)
	}
	return t, nil
}

// checkLevel refuses a program or team that does not exist.
func (in *Input) checkLevel(l Level) error {
	switch l.Kind {
	case "program":
		for _, p := range in.Data.Programs {
			if p.ID == l.ID {
				return nil
			}
		}
	case "team":
		for _, tm := range in.Data.Teams {
			if tm.ID == l.ID {
				return nil
			}
		}
	default:
		return nil
	}
	return backend.Errorf(backend.ENotFound, "There is no %s with id %d.", l.Kind, l.ID)
}

func traceDeployments(all []backend.Deployment, ids []int64, failed map[int64]bool) []TraceDeployment {
	want := map[int64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []TraceDeployment
	for _, d := range all {
		if !want[d.ID] {
			continue
		}
		row := TraceDeployment{ID: d.ID, Key: d.ExternalKey, TeamID: d.TeamID, DeployedAt: d.DeployedAt.UTC().Format(time.RFC3339), Outcome: d.Outcome, Failed: failed[d.ID]}
		if d.ChangeStartedAt != nil && d.DeployedAt.After(*d.ChangeStartedAt) {
			h := round2(d.DeployedAt.Sub(*d.ChangeStartedAt).Hours())
			row.LeadTimeHours = &h
		}
		out = append(out, row)
	}
	return out
}

func traceIncidents(all []backend.Incident, ids []int64) []TraceIncident {
	want := map[int64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []TraceIncident
	for _, x := range all {
		if !want[x.ID] {
			continue
		}
		row := TraceIncident{ID: x.ID, Key: x.ExternalKey, TeamID: x.TeamID, Severity: x.Severity, OpenedAt: x.OpenedAt.UTC().Format(time.RFC3339), DeploymentID: x.CausedByDeploymentID}
		if x.ResolvedAt != nil {
			row.ResolvedAt = x.ResolvedAt.UTC().Format(time.RFC3339)
			h := round2(x.ResolvedAt.Sub(x.OpenedAt).Hours())
			row.RestoreHours = &h
		}
		out = append(out, row)
	}
	return out
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
