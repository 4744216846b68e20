package demo

import (
	"math"
	"time"

	"github.com/throughline/throughline/backend"
)

// krSpec is a key result with where it stands at AsOf: progress is the
// share of the way from baseline to target (above 1 overshoots).
type krSpec struct {
	title, unit      string
	baseline, target float64
	progress         float64
	decimals         int
}

// portfolioOKRs are the portfolio objectives, one per theme in themeSpecs order.
var portfolioOKRs = []struct {
	title     string
	committed bool
	krs       []krSpec
}{
	{"Make digital the first choice for our customers", false, []krSpec{
		{"Online share of revenue", "%", 34, 45, 0.62, 1},
		{"Web and app conversion rate", "%", 2.1, 2.8, 0.55, 2},
	}},
	{"Customers love shopping with us", false, []krSpec{
		{"Customer satisfaction (CSAT)", "score", 3.9, 4.4, 0.5, 2},
		{"Net Promoter Score", "NPS points", 18, 35, 0.45, 0},
	}},
	{"Deliver value faster and more reliably", true, []krSpec{
		{"Reduce lead time from 30 to 15 days", "days", 30, 15, 0.62, 1},
		{"Production deployments per team per week", "deployments", 1.5, 5, 1.25, 1},
		{"Change failure rate", "%", 18, 10, 0.7, 1},
	}},
	{"Stay compliant and resilient", true, []krSpec{
		{"Critical audit findings closed", "findings", 0, 12, 0.75, 0},
		{"Reduce median time to restore from 8 to 2 hours", "hours", 8, 2, 0.8, 1},
		{"Services with tested failover", "%", 20, 100, 0.55, 0},
	}},
}

// programKRs are key result shapes per theme; %s is the program's product.
var programKRs = [4][]krSpec{
	{{"Conversion rate on %s", "%", 2.2, 2.8, 0, 2}, {"Revenue through %s", "M EUR", 18, 24, 0, 1}},
	{{"CSAT for %s", "score", 3.8, 4.3, 0, 2}, {"Contacts per 1,000 orders about %s", "contacts", 80, 55, 0, 0}},
	{{"Cycle time p85 of %s teams", "days", 18, 12, 0, 1}, {"Deployments per week of %s", "deployments", 3, 8, 0, 1}},
	{{"Open high-risk audit findings in %s", "findings", 9, 0, 0, 0}, {"Services of %s with runbook and SLO", "%", 40, 100, 0, 0}},
}

// teamKRs are key result shapes for team objectives; %s is a team service.
var teamKRs = []krSpec{
	{"Cycle time p85", "days", 12, 8, 0, 1},
	{"Escaped defects per month", "defects", 6, 2, 0, 0},
	{"Availability of %s", "%", 99.5, 99.9, 0, 2},
	{"Throughput per week", "items", 5, 7, 0, 1},
	{"p95 latency of %s", "ms", 450, 250, 0, 0},
}

var teamObjectiveForms = []string{"Make %s fast and dependable", "Delight the people who use %s", "Cut the toil around %s", "Ship %s changes safely every day"}

// monthEnds lists the last day of each month from first to last (1–12) of 2026.
func monthEnds(first, last int) []string {
	var out []string
	for m := first; m <= last; m++ {
		out = append(out, time.Date(2026, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
	}
	return out
}

// The update dates of each objective level, all up to AsOf.
var (
	portfolioUpdates = append(monthEnds(1, 10), "2026-11-13")
	programUpdates   = append(monthEnds(7, 10), "2026-11-13")
	teamUpdates      = []string{"2026-10-09", "2026-10-23", "2026-11-06", "2026-11-20"}
)

// buildOKRs writes objectives at three levels with key results, their
// update histories and links to the epics serving them. One program
// objective has no epic and one epic no objective, for the alerts to find.
func (g *gen) buildOKRs() error {
	ds := g.ds
	orphanEpic := int32(g.programs[0].epicFrom + 1)
	addObjective := func(o backend.Objective) int64 {
		o.ID = int64(len(ds.Objectives) + 1)
		ds.Objectives = append(ds.Objectives, o)
		return o.ID
	}
	// Portfolio: one objective per theme, linked to every epic of that theme.
	portfolioIDs := make([]int64, len(themeSpecs))
	for th, spec := range portfolioOKRs {
		kindName := "aspirational"
		if spec.committed {
			kindName = "committed"
		}
		id := addObjective(backend.Objective{Level: "portfolio", ThemeID: int64(th + 1), Title: spec.title, Owner: people[personPortfolioManager], Period: "2026", Kind: kindName})
		portfolioIDs[th] = id
		for k, kr := range spec.krs {
			stale := th == 3 && k == 2 // not updated since the summer
			g.addKR(id, kr, 1+float64(k%2), portfolioUpdates, stale)
		}
		for _, e := range g.epicOrd {
			if g.epics[e].theme == int16(th) && e != orphanEpic {
				ds.ObjectiveEpics = append(ds.ObjectiveEpics, backend.ObjectiveEpic{ObjectiveID: id, EpicID: g.epicID[e]})
			}
		}
	}
	// Programs: their objectives serve the portfolio objective of the
	// program's strongest themes.
	programIDs := make([][]int64, len(g.programs))
	for pi := range g.programs {
		prog := &g.programs[pi]
		order := themesByBias(prog.spec.themeBias)
		for j, title := range vocab[pi].objectives {
			th := order[j%len(order)]
			kindName := "aspirational"
			if j == 0 {
				kindName = "committed"
			}
			id := addObjective(backend.Objective{
				Level: "program", ParentID: portfolioIDs[th], ProgramID: prog.id, ThemeID: int64(th + 1), Title: title,
				Owner: people[personRTE(pi)], Period: "2026-H2", Kind: kindName,
			})
			for k, kr := range programKRs[th] {
				kr.title = fill(kr.title, prog.spec.product)
				kr.progress = g.unif(0.3, 0.95)
				g.addKR(id, kr, 1, programUpdates, pi == 0 && j == 0 && k == 1)
			}
			if pi == 2 && j == 2 {
				continue // the objective with no epic
			}
			programIDs[pi] = append(programIDs[pi], id)
			linked := 0
			for pass := 0; pass < 2 && linked == 0; pass++ {
				for _, e := range g.epicOrd {
					ep := &g.epics[e]
					if linked < 3 && int(ep.program) == pi && e != orphanEpic && (pass == 1 || ep.theme == int16(th)) {
						ds.ObjectiveEpics = append(ds.ObjectiveEpics, backend.ObjectiveEpic{ObjectiveID: id, EpicID: g.epicID[e]})
						linked++
					}
				}
			}
		}
	}
	// Teams: one objective each under a program objective, linked to the
	// epic of the team's latest started feature.
	for ti := range g.teams {
		t := &g.teams[ti]
		svc := g.ds.Services[t.services[0]-1].Name
		parents := programIDs[t.program]
		id := addObjective(backend.Objective{
			Level: "team", ParentID: parents[ti%len(parents)], ProgramID: g.programs[t.program].id, TeamID: t.id,
			Title: fill(teamObjectiveForms[ti%len(teamObjectiveForms)], svc), Owner: t.spec.lead, Period: "2026-Q4",
			Kind: []string{"aspirational", "committed"}[ti%2],
		})
		for k := range g.between(1, 2) {
			kr := teamKRs[(ti+k*2)%len(teamKRs)]
			kr.title = fill(kr.title, svc)
			kr.progress = g.unif(0.2, 1.05)
			g.addKR(id, kr, 1, teamUpdates, false)
		}
		latest := int32(-1)
		for f := t.featFrom; f < t.featTo; f++ {
			if fp := &g.features[f]; fp.start >= 0 && fp.parent != orphanEpic && (latest < 0 || fp.start > g.features[latest].start) {
				latest = int32(f)
			}
		}
		if latest >= 0 {
			ds.ObjectiveEpics = append(ds.ObjectiveEpics, backend.ObjectiveEpic{ObjectiveID: id, EpicID: g.epicID[g.features[latest].parent]})
		}
	}
	return nil
}

// themesByBias orders theme indices by a program's emphasis, strongest first.
func themesByBias(bias [4]float64) []int {
	order := []int{0, 1, 2, 3}
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && bias[order[j]] > bias[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	return order
}

// addKR writes a key result and its updates: progress grows towards
// kr.progress with some noise; confidence follows how far ahead or behind
// of the elapsed period it is. A stale key result stops being updated
// halfway.
func (g *gen) addKR(objective int64, kr krSpec, weight float64, dates []string, stale bool) {
	ds := g.ds
	id := int64(len(ds.KeyResults) + 1)
	ds.KeyResults = append(ds.KeyResults, backend.KeyResult{
		ID: id, ObjectiveID: objective, Title: kr.title, Unit: kr.unit, Baseline: kr.baseline, Target: kr.target, Weight: weight,
	})
	n := len(dates)
	if stale {
		n = (n + 1) / 2
	}
	curve := g.unif(0.8, 1.3)
	scale := math.Pow(10, float64(kr.decimals))
	for i := range n {
		elapsed := float64(i+1) / float64(len(dates))
		progress := kr.progress*math.Pow(elapsed, curve) + g.r.NormFloat64()*0.03
		value := math.Round((kr.baseline+(kr.target-kr.baseline)*progress)*scale) / scale
		conf := 0.55 + (progress-0.85*elapsed)*1.5 + g.r.NormFloat64()*0.05
		conf = math.Round(min(max(conf, 0.1), 0.95)*20) / 20
		ds.KeyResultUpdates = append(ds.KeyResultUpdates, backend.KeyResultUpdate{
			KeyResultID: id, RecordedOn: dates[i], Value: value, Confidence: ptr(conf), Note: krNote(progress, elapsed),
		})
	}
}

// krNote comments an update the way owners do.
func krNote(progress, elapsed float64) string {
	switch {
	case progress >= 1:
		return "Target reached — keep it there."
	case progress >= 0.85*elapsed:
		return "On track."
	case progress >= 0.6*elapsed:
		return "Slightly behind; mitigation agreed in the last review."
	}
	return "Behind plan — dependency on another program."
}
