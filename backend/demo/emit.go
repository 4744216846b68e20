package demo

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/throughline/throughline/backend"
)

// orderLayer sorts a layer's plans by creation time (ties by index) and
// gives each its ID, counting on from base. Layers are numbered epics,
// features, delivery items, sub-tasks, so a parent's ID is always below its
// children's and the store can insert in ID order.
func orderLayer(plans []plan, base int) ([]int32, []int64) {
	ord := make([]int32, len(plans))
	for i := range ord {
		ord[i] = int32(i)
	}
	slices.SortFunc(ord, func(a, b int32) int {
		if c := cmp.Compare(plans[a].created, plans[b].created); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	ids := make([]int64, len(plans))
	for r, i := range ord {
		ids[i] = int64(base + r + 1)
	}
	return ord, ids
}

// workflowOf is the tool and status names of an item: a program's epics
// use its tool's defaults, everything else its team's workflow.
func (g *gen) workflowOf(p *plan) (int, *workflow) {
	if p.kind == kEpic {
		tool := g.programs[p.program].tool
		return tool, &toolWorkflows[tool]
	}
	t := &g.teams[p.team]
	return t.tool, &t.names
}

// emitItems turns the plans into work items and status changes, in ID order.
func (g *gen) emitItems() error {
	E, F, D := len(g.epics), len(g.features), len(g.delivery)
	g.epicOrd, g.epicID = orderLayer(g.epics, 0)
	g.featureOrd, g.featureID = orderLayer(g.features, E)
	g.deliveryOrd, g.deliveryID = orderLayer(g.delivery, E+F)
	g.subtaskOrd, g.subtaskID = orderLayer(g.subtasks, E+F+D)
	total := E + F + D + len(g.subtasks)

	// Optional fields point into these, one allocation each instead of one per item.
	items := make([]backend.WorkItem, total)
	points := make([]float64, total)
	resolved := make([]time.Time, total)
	kinds := make([]kind, total)
	tools := make([]uint8, total)
	created := make([]int32, total)
	changes := make([]backend.StatusChange, 0, len(g.ev))

	layers := [...]struct {
		plans    []plan
		ord      []int32
		base     int
		parentID []int64
	}{
		{g.epics, g.epicOrd, 0, nil},
		{g.features, g.featureOrd, E, g.epicID},
		{g.delivery, g.deliveryOrd, E + F, g.featureID},
		{g.subtasks, g.subtaskOrd, E + F + D, g.deliveryID},
	}
	epicN := make([]int, len(g.programs))
	featureN := make([]int, len(g.teams))
	for _, l := range layers {
		for r, idx := range l.ord {
			pos := l.base + r
			p := &l.plans[idx]
			if p.evLen == 0 {
				return fmt.Errorf("a %s was planned to be created after AsOf", kindType[p.kind])
			}
			tool, names := g.workflowOf(p)
			kinds[pos], tools[pos], created[pos] = p.kind, uint8(tool), p.created
			it := &items[pos]
			it.ID = int64(pos + 1)
			it.SourceSystem = toolNames[tool]
			it.Type = kindType[p.kind]
			it.RawType = rawTypes[tool][p.kind]
			it.ProgramID = g.programs[p.program].id
			if p.team >= 0 {
				it.TeamID = g.teams[p.team].id
			}
			if p.theme >= 0 {
				it.ThemeID = int64(p.theme) + 1
			}
			if p.parent >= 0 {
				it.ParentID = l.parentID[p.parent]
			}
			it.Status = names[p.final]
			it.PIID = g.piIDOf(p)
			it.CreatedAt = g.cal.at(p.created)
			if p.points > 0 {
				points[pos] = float64(p.points)
				it.Points = &points[pos]
			}
			if p.done >= 0 {
				resolved[pos] = g.cal.at(p.done)
				it.ResolvedAt = &resolved[pos]
			}
			switch p.kind {
			case kEpic:
				it.Title = epicTitle(int(p.program), epicN[p.program])
				epicN[p.program]++
			case kFeature:
				it.Title = g.featureTitle(int(p.program), int(p.team), featureN[p.team])
				featureN[p.team]++
			default:
				it.Title = g.itemTitle(p.kind, int(p.program))
			}
			g.describe(it, p, tool)

			from := ""
			for _, e := range g.ev[p.evOff : p.evOff+p.evLen] {
				to := names[e.c]
				changes = append(changes, backend.StatusChange{
					ID: int64(len(changes) + 1), ItemID: it.ID, FromStatus: from, ToStatus: to, ChangedAt: g.cal.at(e.w),
				})
				from = to
			}
		}
	}
	g.assignKeys(items, kinds, tools, created)
	g.ds.Items, g.ds.StatusChanges = items, changes
	g.emitBlocked()
	g.emitItemSprints()
	return nil
}

// piIDOf is the PI an item belongs to: the one it was done in, else started
// in, else whose sprint it sits in. Features belong to the PI they started
// in, or to the current one when planned; epics span PIs and have none.
func (g *gen) piIDOf(p *plan) int64 {
	pi := -1
	switch {
	case p.kind == kEpic:
	case p.done >= 0:
		pi = g.piAt(p.done)
	case p.start >= 0:
		pi = g.piAt(p.start)
	case p.slot >= 0 && p.addedAt >= 0 && p.addedAt <= g.cal.asOfW:
		pi = g.slots[p.slot].pi
	case p.kind == kFeature && codeStage[p.final] != codeStage[cRemoved]:
		pi = g.currentPI()
	}
	if pi < 0 {
		return 0
	}
	return g.pis[pi].id
}

var (
	extraLabels    = []string{"a11y", "gdpr", "performance", "mobile", "i18n", "security", "customer-request", "quick-win"}
	jiraPriorities = []string{"Highest", "High", "Medium", "Low", "Lowest"}
	adoPriorities  = []string{"1", "2", "3", "4"}
	rallyDefectPri = []string{"Resolve Immediately", "High Attention", "Normal", "Low"}
	priWeights     = []float64{4, 22, 52, 17, 5}
)

// describe fills labels, component, priority and where a bug was found.
func (g *gen) describe(it *backend.WorkItem, p *plan, tool int) {
	switch p.kind {
	case kEnabler:
		it.Labels = "enabler"
	case kDebt:
		it.Labels = "tech-debt"
	case kRisk:
		it.Labels = "risk"
	case kBug:
		it.FoundIn = foundInNames[p.foundIn]
		if p.foundIn == 1 {
			it.Labels = "customer-impact"
		}
	}
	if p.kind != kEpic && g.chance(0.1) {
		extra := g.oneOf(extraLabels)
		if it.Labels == "" {
			it.Labels = extra
		} else {
			it.Labels += "," + extra
		}
	}
	if p.team >= 0 && p.kind != kEpic {
		svc := g.teams[p.team].services
		it.Component = g.ds.Services[svc[g.r.IntN(len(svc))]-1].Name
	}
	i := g.pick(priWeights[:4])
	if p.foundIn == 1 {
		i = g.pick(priWeights[:2])
	}
	switch tool {
	case toolJira:
		if p.kind != kSubtask {
			it.Priority = jiraPriorities[min(i, len(jiraPriorities)-1)]
		}
	case toolADO:
		it.Priority = adoPriorities[min(i, len(adoPriorities)-1)]
	case toolRally:
		if p.kind == kBug {
			it.Priority = rallyDefectPri[min(i, len(rallyDefectPri)-1)]
		}
	}
}

// assignKeys numbers items in their tools in creation order, as the tools
// did: per project in Jira, across the organisation in Azure DevOps, per
// artifact prefix across the workspace in Rally. Now and then a number is
// skipped, as deleted or moved issues leave gaps.
func (g *gen) assignKeys(items []backend.WorkItem, kinds []kind, tools []uint8, created []int32) {
	ord := make([]int32, len(items))
	for i := range ord {
		ord[i] = int32(i)
	}
	slices.SortFunc(ord, func(a, b int32) int {
		if c := cmp.Compare(created[a], created[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	ado := 18000 + g.r.IntN(4000)
	rally := [6]int{30, 250, 3000, 900, 5000, 20}
	buf := make([]byte, 0, 32)
	for _, pos := range ord {
		it := &items[pos]
		var n *int
		buf = buf[:0]
		switch tools[pos] {
		case toolJira:
			if kinds[pos] == kEpic {
				prog := &g.programs[it.ProgramID-1]
				buf = append(buf, prog.spec.epicKey...)
				n = &prog.epicKeyNext
			} else {
				t := &g.teams[it.TeamID-1]
				buf = append(buf, t.spec.key...)
				n = &t.keyNext
			}
			buf = append(buf, '-')
		case toolADO:
			n = &ado
		default:
			buf = append(buf, rallyPrefix[kinds[pos]]...)
			n = &rally[rallyPrefixIndex[kinds[pos]]]
		}
		buf = strconv.AppendInt(buf, int64(*n), 10)
		it.ExternalKey = string(buf)
		*n++
		if g.r.IntN(9) == 0 {
			*n += 1 + g.r.IntN(3)
		}
	}
}

// emitBlocked writes the blocked flags.
func (g *gen) emitBlocked() {
	out := make([]backend.BlockedPeriod, len(g.blocked))
	ends := make([]time.Time, len(g.blocked))
	for i, b := range g.blocked {
		out[i] = backend.BlockedPeriod{ItemID: g.deliveryID[b.item], StartedAt: g.cal.at(b.start), Reason: blockReasons[b.reason]}
		if b.end >= 0 {
			ends[i] = g.cal.at(b.end)
			out[i].EndedAt = &ends[i]
		}
	}
	slices.SortStableFunc(out, func(a, b backend.BlockedPeriod) int { return cmp.Compare(a.ItemID, b.ItemID) })
	g.ds.BlockedPeriods = out
}

// emitItemSprints records sprint membership: the sprint an item was taken
// into (committed at planning, or added later), then each following sprint
// it was carried into while unfinished, up to three.
func (g *gen) emitItemSprints() {
	asOf := g.cal.asOfW
	out := make([]backend.ItemSprint, 0, len(g.delivery)/2)
	seen := make([]int, len(g.sprintFeature))
	for _, idx := range g.deliveryOrd {
		p := &g.delivery[idx]
		if p.slot < 0 || p.addedAt < 0 || p.addedAt > asOf {
			continue
		}
		t := &g.teams[p.team]
		id := g.deliveryID[idx]
		si := t.sprintBase + int64(p.slot)
		out = append(out, backend.ItemSprint{ItemID: id, SprintID: si + 1, AddedAt: g.cal.at(p.addedAt), Committed: !p.mid})
		if !p.mid && p.parent >= 0 {
			// Reservoir sampling: the goal names a feature the sprint
			// worked on, likelier the more of its items were committed.
			if seen[si]++; g.r.IntN(seen[si]) == 0 {
				g.sprintFeature[si] = p.parent
			}
		}
		endW := asOf
		switch {
		case p.done >= 0:
			endW = p.done
		case codeStage[p.final] == codeStage[cRemoved]:
			endW = p.end
		}
		for j := int(p.slot) + 1; j <= int(p.slot)+3 && j < len(g.slots); j++ {
			at := g.slots[j].planW + t.planOffset
			if at > endW {
				break
			}
			out = append(out, backend.ItemSprint{ItemID: id, SprintID: t.sprintBase + int64(j) + 1, AddedAt: g.cal.at(at), Committed: true})
		}
	}
	g.ds.ItemSprints = out
}

var goalForms = []string{"Ship %s", "First slice of %s in production", "%s ready for beta", "Finish %s and burn down open bugs", "Demo %s end to end"}

var fallbackGoals = []string{"Stabilise: fix the top five production bugs", "Pay down test debt and upgrade dependencies", "Prepare PI planning: refine the next features"}

// emitSprints writes sprint goals from what each sprint worked on, and
// whether finished sprints met them; the running sprint has no verdict yet.
func (g *gen) emitSprints() error {
	for i := range g.teams {
		t := &g.teams[i]
		if !t.scrum {
			continue
		}
		for j, s := range g.slots {
			si := t.sprintBase + int64(j)
			sp := &g.ds.Sprints[si]
			if f := g.sprintFeature[si]; f >= 0 {
				sp.Goal = fill(goalForms[(j+i)%len(goalForms)], g.ds.Items[g.featureID[f]-1].Title)
			} else {
				sp.Goal = fallbackGoals[(j+i)%len(fallbackGoals)]
			}
			if s.end < g.cal.asOfDay {
				sp.GoalMet = ptr(g.chance(t.goalRate))
			}
		}
	}
	return nil
}
