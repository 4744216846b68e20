package demo

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/throughline/throughline/backend"
)

// depPlan is a deployment before IDs are given (in time order).
type depPlan struct {
	at        int64 // Unix seconds
	team      int
	service   int64
	staging   bool
	outcome   string
	started   int64
	recovered int64 // 0 when not failed or not yet recovered
}

// buildDeployments generates each team's deployments over the flow window
// (elite and struggling teams side by side, most teams deploying more often
// as the year goes on), then incidents: most caused by failed deployments,
// a few by deployments that looked fine, the rest unrelated to any.
func (g *gen) buildDeployments() error {
	cal := g.cal
	weights := make([]float64, len(g.teams))
	for i := range g.teams {
		weights[i] = g.teams[i].deployWeight
	}
	kAsOf := cal.asOfW / minutesPerWorkday
	end := cal.endOfAsOf().Unix()
	plans := make([]depPlan, 0, g.p.deployments)
	for i, n := range spread(g.p.deployments, weights) {
		t := &g.teams[i]
		skew := g.unif(0.6, 1.2) // below 1: deploying more often lately
		for range n {
			k := g.kFlow + int32(float64(kAsOf-g.kFlow+1)*math.Pow(g.r.Float64(), skew))
			d := cal.wdDay[min(k, kAsOf)]
			minute := 9*60 + g.r.IntN(8*60)
			if g.chance(0.08) {
				minute = 19*60 + g.r.IntN(200) // evening change window
			}
			dp := depPlan{
				at: cal.midnight[d] + int64(minute)*60 + int64(g.r.IntN(60)), team: i,
				service: t.services[g.pick(serviceWeights[:len(t.services)])], staging: g.chance(0.15), outcome: "success",
			}
			dp.started = dp.at - max(int64(g.lognorm(26, 1.1)*3600), 20*60)
			if g.chance(t.cfr) {
				dp.outcome = "failed"
				if g.chance(0.4) {
					dp.outcome = "rolled_back"
				}
				if r := dp.at + min(int64(g.lognorm(75, 1.0)*60), 3*24*3600); r < end {
					dp.recovered = r
				}
			}
			plans = append(plans, dp)
		}
	}
	slices.SortStableFunc(plans, func(a, b depPlan) int { return cmp.Compare(a.at, b.at) })

	deps := make([]backend.Deployment, len(plans))
	times := make([]time.Time, 2*len(plans))
	runs := make([]int, len(g.ds.Services)) // pipeline run numbers per service
	for i := range runs {
		runs[i] = g.between(100, 2000)
	}
	chg := 40210
	for i, dp := range plans {
		d := &deps[i]
		svc := &g.ds.Services[dp.service-1]
		runs[dp.service-1]++
		*d = backend.Deployment{
			ID: int64(i + 1), ExternalKey: svc.Name + "#" + strconv.Itoa(runs[dp.service-1]), ServiceID: dp.service,
			TeamID: g.teams[dp.team].id, Environment: "production", DeployedAt: time.Unix(dp.at, 0).UTC(), Outcome: dp.outcome,
		}
		times[2*i] = time.Unix(dp.started, 0).UTC()
		d.ChangeStartedAt = &times[2*i]
		if dp.recovered > 0 {
			times[2*i+1] = time.Unix(dp.recovered, 0).UTC()
			d.RecoveredAt = &times[2*i+1]
		}
		if dp.staging {
			d.Environment = "staging"
		} else {
			d.ChangeRequest = "CHG" + zeroPad(chg, 7)
			chg += 1 + g.r.IntN(40) // change numbers are shared with the rest of IT
		}
	}
	g.ds.Deployments = deps
	g.buildIncidents(plans)
	return nil
}

// serviceWeights make a team's first service its busiest.
var serviceWeights = []float64{5, 3, 2}

// zeroPad formats n with at least width digits.
func zeroPad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

var (
	severities     = []string{"critical", "high", "medium", "low"}
	severityWeight = []float64{6, 20, 44, 30}
	severityHours  = []float64{1.5, 4, 20, 60} // median time to restore
	incidentForms  = []string{"%s: elevated error rate", "%s: p95 latency above SLO", "%s: failed logins for some customers", "%s: stale data shown", "%s: queue backlog growing", "%s: certificate expired", "%s: out of memory after release", "%s: partial outage in one region", "%s: wrong prices shown (Preisfehler)", "%s: timeouts calling payment provider"}
)

// incPlan is an incident before IDs are given.
type incPlan struct {
	opened, resolved int64 // resolved 0 while open
	service          int64
	sev              int
	cause            int64 // deployment ID, 0 when none
}

func (g *gen) buildIncidents(plans []depPlan) {
	cal := g.cal
	end := cal.endOfAsOf().Unix()
	var incs []incPlan
	restore := func(opened int64, sev int) int64 {
		r := opened + int64(g.lognorm(severityHours[sev], 0.8)*3600)
		if r >= end {
			return 0
		}
		return r
	}
	twice := false
	for i, dp := range plans {
		if dp.staging {
			continue
		}
		failed := dp.outcome != "success"
		if failed && g.chance(0.55) || !failed && g.chance(0.012) {
			in := incPlan{service: dp.service, sev: g.pick(severityWeight), cause: int64(i + 1)}
			in.opened = dp.at + int64(g.between(5, 90))*60
			if !failed {
				in.opened = dp.at + int64(g.lognorm(6, 0.8)*3600) // surfaced hours later
			}
			if in.opened >= end {
				continue
			}
			in.resolved = restore(in.opened, in.sev)
			if dp.recovered > in.opened && in.resolved > 0 {
				in.resolved = max(in.resolved, dp.recovered+int64(g.between(5, 60))*60)
			}
			incs = append(incs, in)
			if failed && !twice {
				// One bad deployment hurts a second service too: the
				// deployment linked to two incidents.
				twice = true
				second := in
				second.service = 1 + int64(g.r.IntN(len(g.ds.Services)))
				second.opened += int64(g.between(10, 40)) * 60
				second.resolved = restore(second.opened, second.sev)
				incs = append(incs, second)
			}
		}
	}
	caused := len(incs)
	first, last := cal.dayOfW(g.kFlow*minutesPerWorkday), cal.asOfDay
	for j := range caused*2/3 + 3 {
		in := incPlan{service: 1 + int64(g.r.IntN(len(g.ds.Services))), sev: g.pick(severityWeight)}
		d := first + int32(g.r.IntN(int(last-first)+1))
		if j < 3 {
			d = last - int32(j) // a few recent ones are still open
		}
		minute := g.r.IntN(24 * 60)
		if d == last {
			minute = g.r.IntN(15 * 60)
		}
		in.opened = cal.midnight[d] + int64(minute)*60 + int64(g.r.IntN(60))
		if j >= 3 {
			in.resolved = restore(in.opened, in.sev)
		}
		incs = append(incs, in)
	}
	slices.SortStableFunc(incs, func(a, b incPlan) int { return cmp.Compare(a.opened, b.opened) })
	out := make([]backend.Incident, len(incs))
	times := make([]time.Time, len(incs))
	for i, in := range incs {
		svc := &g.ds.Services[in.service-1]
		out[i] = backend.Incident{
			ID: int64(i + 1), ExternalKey: "INC" + zeroPad(41000+i*3, 7), ServiceID: in.service, TeamID: svc.TeamID,
			Severity: severities[in.sev], OpenedAt: time.Unix(in.opened, 0).UTC(), CausedByDeploymentID: in.cause,
			Title: fill(g.oneOf(incidentForms), svc.Name),
		}
		if in.resolved > 0 {
			times[i] = time.Unix(in.resolved, 0).UTC()
			out[i].ResolvedAt = &times[i]
		}
	}
	g.ds.Incidents = out
}
