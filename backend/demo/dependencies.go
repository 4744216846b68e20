package demo

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/throughline/throughline/backend"
)

// dependencyPlan is a cross-team dependency before IDs are given.
type dependencyPlan struct {
	from, to   int32 // feature indices
	linked     bool  // false while the request names no item yet
	toTeam     int
	created    int32
	neededBy   int32 // day
	state      string
	risk       string
	resolvedAt int32 // working minute, -1 when unresolved
}

// buildDependencies links features that need something from another team's
// feature, mostly inside one program. A dependency is resolved when the
// feature it waits for is done (late when after its needed-by date); open
// ones are requested, committed or blocked, and some are past due. Item
// links mirror them ("blocks"), with some "relates to" and "duplicates".
func (g *gen) buildDependencies() error {
	cal := g.cal
	asOf := cal.asOfW
	var deps []dependencyPlan
	for tries := 0; len(deps) < g.p.dependencies && tries < g.p.dependencies*20; tries++ {
		a := int32(g.r.IntN(len(g.features)))
		fa := &g.features[a]
		tb := g.otherTeam(int(fa.team))
		tbi := &g.teams[tb]
		b := int32(-1)
		for range 6 {
			c := int32(tbi.featFrom + g.r.IntN(tbi.featTo-tbi.featFrom))
			if g.features[c].sortKey > fa.sortKey+wdays(10) {
				continue
			}
			if b < 0 || g.features[c].sortKey > g.features[b].sortKey {
				b = c // the latest one that could still be ready in time
			}
		}
		if b < 0 {
			continue
		}
		fb := &g.features[b]
		dp := dependencyPlan{from: a, to: b, linked: true, toTeam: tb, resolvedAt: -1}
		// Needed by about when the other team finishes (most of them on
		// time), or, for work still open, some weeks after the requesting
		// feature starts. Raised at planning, a month or two before.
		if fb.done >= 0 {
			dp.neededBy = cal.dayOfW(fb.done) + int32(math.Round(g.r.NormFloat64()*10+10))
		} else {
			dp.neededBy = cal.dayOfW(min(max(fa.sortKey, asOf-wdays(30)), asOf+wdays(40))) + int32(g.between(0, 40))
		}
		dp.neededBy = min(dp.neededBy, cal.days()-1)
		raised := cal.wOfDay(max(dp.neededBy-int32(g.between(30, 100)), 0))
		dp.created = min(max(raised, fa.created, fb.created)+int32(g.r.IntN(minutesPerWorkday)), asOf-1)
		due := dp.neededBy <= cal.asOfDay
		switch {
		case fb.done >= 0:
			dp.state, dp.resolvedAt = "resolved", fb.done
			if dp.created >= fb.done {
				dp.created = max(fb.done-wdays(g.unif(1, 10)), 0)
			}
			dp.risk = "low"
			if cal.dayOfW(fb.done) > dp.neededBy {
				dp.risk = "medium"
			}
		case due:
			dp.state, dp.risk = "committed", "medium"
			if g.chance(0.4) {
				dp.state = "blocked"
			}
			if dp.state == "blocked" || g.chance(0.6) {
				dp.risk = "high"
			}
		default:
			dp.state, dp.risk = "committed", "low"
			switch u := g.r.Float64(); {
			case u < 0.35:
				dp.state, dp.linked = "requested", g.chance(0.5)
			case u < 0.45:
				dp.state, dp.risk = "blocked", "high"
			}
			if dp.state != "blocked" && dp.neededBy-cal.asOfDay < 21 {
				dp.risk = "medium"
			}
		}
		deps = append(deps, dp)
	}
	slices.SortStableFunc(deps, func(x, y dependencyPlan) int { return cmp.Compare(x.created, y.created) })

	out := make([]backend.Dependency, len(deps))
	resolved := make([]time.Time, len(deps))
	links := newLinkSet()
	for i, dp := range deps {
		fa := &g.features[dp.from]
		d := &out[i]
		*d = backend.Dependency{
			ID: int64(i + 1), ExternalKey: "DEP-" + strconv.Itoa(101+i),
			FromItemID: g.featureID[dp.from], FromTeamID: g.teams[fa.team].id, ToTeamID: g.teams[dp.toTeam].id,
			NeededBy: cal.date[dp.neededBy], State: dp.state, Risk: dp.risk, CreatedAt: cal.at(dp.created),
		}
		title := g.ds.Items[g.featureID[dp.to]-1].Title
		if dp.linked {
			d.ToItemID = g.featureID[dp.to]
			links.add(d.ToItemID, d.FromItemID, "blocks")
		}
		d.Description = g.teams[fa.team].spec.name + " needs “" + title + "” from " + g.teams[dp.toTeam].spec.name
		if dp.resolvedAt >= 0 {
			resolved[i] = cal.at(dp.resolvedAt)
			d.ResolvedAt = &resolved[i]
		}
	}
	g.ds.Dependencies = out
	g.relatedLinks(links)
	g.ds.ItemLinks = links.list
	return nil
}

// otherTeam picks a team other than t: in t's program three times in four.
func (g *gen) otherTeam(t int) int {
	prog := &g.programs[g.teams[t].program]
	if len(prog.teams) > 1 && g.chance(0.75) {
		for {
			if o := prog.teams[g.r.IntN(len(prog.teams))]; o != t {
				return o
			}
		}
	}
	for {
		if o := g.r.IntN(len(g.teams)); o != t {
			return o
		}
	}
}

// linkSet collects item links once each, in insertion order.
type linkSet struct {
	seen map[backend.ItemLink]bool // lookups only, never iterated
	list []backend.ItemLink
}

func newLinkSet() *linkSet { return &linkSet{seen: map[backend.ItemLink]bool{}} }

func (s *linkSet) add(from, to int64, kind string) {
	l := backend.ItemLink{FromItemID: from, ToItemID: to, Kind: kind}
	if from == to || s.seen[l] {
		return
	}
	s.seen[l] = true
	s.list = append(s.list, l)
}

// relatedLinks adds "relates to" links between features of a program's
// teams and "duplicates" links from cancelled bugs to an earlier bug of the
// same team.
func (g *gen) relatedLinks(links *linkSet) {
	for range g.p.dependencies / 2 {
		a := g.r.IntN(len(g.features))
		t := &g.teams[g.otherTeam(int(g.features[a].team))]
		b := t.featFrom + g.r.IntN(t.featTo-t.featFrom)
		links.add(g.featureID[a], g.featureID[b], "relates to")
	}
	for i := range g.teams {
		t := &g.teams[i]
		last := -1 // the team's latest bug so far, in planned order
		for d := t.delivFrom; d < t.delivTo; d++ {
			p := &g.delivery[d]
			if p.kind != kBug {
				continue
			}
			if last >= 0 && p.final == cRemoved && g.delivery[last].created < p.created && g.chance(0.3) {
				links.add(g.deliveryID[d], g.deliveryID[last], "duplicates")
			}
			last = d
		}
	}
}
