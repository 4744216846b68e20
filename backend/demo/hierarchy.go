package demo

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// planHierarchy groups each team's delivery items under features and each
// program's features under epics, derives their histories from their
// children, and sets WIP limits from the resulting work in progress.
func (g *gen) planHierarchy() error {
	_, nFeatures, _, _ := g.p.layers()
	weights := make([]float64, len(g.teams))
	for i := range g.teams {
		weights[i] = float64(g.teams[i].delivTo - g.teams[i].delivFrom)
	}
	for i, n := range spread(nFeatures, weights) {
		if n < 2 {
			return fmt.Errorf("team %s: %d features, need at least 2", g.teams[i].spec.name, n)
		}
		g.planFeatures(&g.teams[i], n)
	}
	for i := range g.programs {
		g.planEpics(&g.programs[i])
	}
	// Themes flow down from epics: what a feature or story serves is what
	// its epic serves.
	for i := range g.features {
		if f := &g.features[i]; f.parent >= 0 {
			f.theme = g.epics[f.parent].theme
		}
	}
	for i := range g.delivery {
		if d := &g.delivery[i]; d.parent >= 0 {
			d.theme = g.features[d.parent].theme
		}
	}
	g.setWIPLimits()
	return nil
}

// planFeatures gives a team n features. Items are laid out in the order of
// their planned start, so each feature collects a stretch of the team's
// work, overlapping its neighbours a little; the last few features have not
// started yet (the program backlog). A tenth of bugs belong to no feature.
func (g *gen) planFeatures(t *teamInfo, n int) {
	nFuture := max(1, int(math.Round(float64(n)*0.08)))
	nAct := n - nFuture
	base := len(g.features)
	t.featFrom = base
	aggs := make([]agg, n)
	firstSort := make([]int32, n)
	for i := range n {
		g.features = append(g.features, plan{kind: kFeature, team: int16(t.idx), program: int16(t.program), theme: -1, slot: -1, parent: -1, addedAt: -1})
		aggs[i] = newAgg()
		firstSort[i] = -1
	}
	t.featTo = len(g.features)
	items := g.delivery[t.delivFrom:t.delivTo]
	for q := range items {
		it := &items[q]
		if it.kind == kBug && g.chance(0.1) {
			continue
		}
		f := int((float64(q)+0.5)/float64(len(items))*float64(nAct) + g.r.NormFloat64()*0.7)
		f = min(max(f, 0), nAct-1)
		it.parent = int32(base + f)
		aggs[f].add(it, g.cal.asOfW)
		if firstSort[f] < 0 {
			firstSort[f] = it.sortKey
		}
	}
	for f := range n {
		fp, a := &g.features[base+f], &aggs[f]
		if a.n > 0 {
			fp.created = max(a.created-wdays(g.lognorm(8, 0.7)), g.early(a.created))
			fp.sortKey = firstSort[f]
		} else {
			fp.created = g.cal.asOfW - wdays(g.unif(1, 40))
			fp.sortKey = g.cal.asOfW + int32(f)
		}
		g.portfolioPath(t.tool, fp, a, 4)
	}
}

// planEpics gives a program its epics. Features are laid out by planned
// start over the epics that are under way; the last epics are still in the
// funnel. The first program's first funnel epic is cancelled outright.
func (g *gen) planEpics(prog *programInfo) {
	n := g.p.epicsPerProgram
	nFunnel := 1 + n/8
	nAct := n - nFunnel
	base := len(g.epics)
	prog.epicFrom, prog.epicTo = base, base+n
	cancelled := -1
	if prog.idx == 0 {
		cancelled = nAct
	}
	// Themes in proportion to the program's emphasis, so every program
	// serves every theme a little, in shuffled order.
	var themes []int16
	for th, k := range spread(n, prog.spec.themeBias[:]) {
		for range k {
			themes = append(themes, int16(th))
		}
	}
	g.r.Shuffle(len(themes), func(i, j int) { themes[i], themes[j] = themes[j], themes[i] })
	for _, th := range themes {
		g.epics = append(g.epics, plan{kind: kEpic, team: -1, program: int16(prog.idx), theme: th, slot: -1, parent: -1, addedAt: -1})
	}
	var feats []int32
	for _, ti := range prog.teams {
		for f := g.teams[ti].featFrom; f < g.teams[ti].featTo; f++ {
			feats = append(feats, int32(f))
		}
	}
	slices.SortStableFunc(feats, func(a, b int32) int { return cmp.Compare(g.features[a].sortKey, g.features[b].sortKey) })
	started := 0
	for _, f := range feats {
		if g.features[f].start >= 0 || g.features[f].done >= 0 {
			started++
		}
	}
	aggs := make([]agg, n)
	for i := range aggs {
		aggs[i] = newAgg()
	}
	firstTeam := make([]int16, n)
	for i := range firstTeam {
		firstTeam[i] = -1
	}
	pos := 0
	for _, f := range feats {
		fp := &g.features[f]
		var e int
		if fp.start >= 0 || fp.done >= 0 {
			e = int((float64(pos)+0.5)/float64(started)*float64(nAct) + g.r.NormFloat64()*0.8)
			e = min(max(e, 0), nAct-1)
			pos++
		} else {
			// Not started: planned under one of the newest epics.
			for e = nAct - 2 + g.r.IntN(nFunnel+2); e == cancelled; e = nAct - 2 + g.r.IntN(nFunnel+2) {
			}
		}
		fp.parent = int32(base + e)
		aggs[e].add(fp, g.cal.asOfW)
		if firstTeam[e] < 0 {
			firstTeam[e] = fp.team
		}
	}
	for e := range n {
		ep, a := &g.epics[base+e], &aggs[e]
		switch {
		case e == cancelled:
			ep.created = g.cal.asOfW - wdays(g.unif(40, 80))
			g.begin()
			g.step(ep.created, cPfFunnel)
			g.step(ep.created+wdays(g.lognorm(15, 0.4)), cPfRemoved)
			g.end(ep)
			continue
		case a.n > 0:
			ep.created = max(a.created-wdays(g.lognorm(20, 0.6)), g.early(a.created))
		default:
			ep.created = g.cal.asOfW - wdays(g.unif(5, 60))
		}
		ep.sortKey = a.start
		// A fifth of epics belong to one team rather than to the program.
		if ft := firstTeam[e]; ft >= 0 && g.teams[ft].tool == prog.tool && g.chance(0.2) {
			ep.team = ft
		}
		g.portfolioPath(prog.tool, ep, a, 8)
	}
}

// planSubtasks breaks some started stories of Jira teams into two or three
// sub-tasks.
func (g *gen) planSubtasks() error {
	_, _, n, _ := g.p.layers()
	var cands []int32
	for i := range g.teams {
		t := &g.teams[i]
		if rawTypes[t.tool][kSubtask] == "" {
			continue
		}
		for d := t.delivFrom; d < t.delivTo; d++ {
			if p := &g.delivery[d]; p.kind == kStory && p.start >= 0 {
				cands = append(cands, int32(d))
			}
		}
	}
	used := make([]bool, len(cands))
	left := len(cands)
	for len(g.subtasks) < n {
		if left == 0 {
			return fmt.Errorf("%d sub-tasks asked, only %d stories can hold them", n, len(cands))
		}
		j := g.r.IntN(len(cands))
		if used[j] {
			continue
		}
		used[j] = true
		left--
		par := &g.delivery[cands[j]]
		for range min(g.between(2, 3), n-len(g.subtasks)) {
			sp := plan{kind: kSubtask, team: par.team, program: par.program, theme: par.theme, parent: cands[j], slot: -1, addedAt: -1}
			sp.created = max(par.start-wdays(g.unif(0, 0.4)), par.created+1)
			sp.sortKey = sp.created
			g.subtaskPath(&sp, par)
			g.subtasks = append(g.subtasks, sp)
		}
	}
	return nil
}

// setWIPLimits sets each team's WIP limit around its work in progress at
// AsOf: most teams sit under their limit; the busiest team and every fourth
// team with some WIP are over it. Programs get a limit on features in
// progress the same way.
func (g *gen) setWIPLimits() {
	wip := make([]int, len(g.teams))
	for i := range g.delivery {
		if p := &g.delivery[i]; codeStage[p.final].InProgress() {
			wip[p.team]++
		}
	}
	busiest := 0
	for i := range wip {
		if wip[i] > wip[busiest] {
			busiest = i
		}
	}
	for i := range g.teams {
		limit := max(3, int(math.Round(float64(wip[i])*g.unif(1.0, 1.35))))
		if wip[i] >= 4 && (i == busiest || i%4 == 1) {
			limit = min(wip[i]-1, int(math.Round(float64(wip[i])*g.unif(0.72, 0.9))))
		}
		g.ds.Teams[i].WIPLimit = limit
	}
	fwip := make([]int, len(g.programs))
	for i := range g.features {
		if p := &g.features[i]; codeStage[p.final].InProgress() {
			fwip[p.program]++
		}
	}
	for i := range g.programs {
		g.ds.Programs[i].WIPLimit = max(4, int(math.Round(float64(fwip[i])*g.unif(1.0, 1.3))))
	}
}
