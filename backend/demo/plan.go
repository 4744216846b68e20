package demo

import (
	"slices"
	"sort"
)

// plan is one work item while the portfolio is laid out: its place in the
// hierarchy and its status history, kept as working-minute events in g.ev.
// Indices refer to the plan slices; IDs are given once every layer exists.
type plan struct {
	kind    kind
	final   code  // the last status
	team    int16 // team index, -1 for program-level epics
	program int16
	theme   int16 // theme index, -1 when none
	slot    int16 // sprint slot it was taken into, -1 when none
	points  uint8 // story points, 0 when unestimated
	foundIn uint8 // bugs: index into foundInNames
	mid     bool  // joined its sprint after the sprint started
	parent  int32 // index into the parent layer, -1 when none
	created int32 // working minute of the first status
	start   int32 // first entry into active or waiting, -1 when none
	done    int32 // entry into the final done run, -1 unless done
	end     int32 // the last status change
	sortKey int32 // planned start: lays features and epics out in time
	addedAt int32 // when it joined its sprint
	evOff   int32
	evLen   int32
}

// event is one planned status change.
type event struct {
	w int32
	c code
}

// blockedPlan is a blocked flag on a delivery item; end is -1 while blocked.
type blockedPlan struct {
	item       int32
	start, end int32
	reason     uint8
}

// fate is what happens to a delivery item beyond the ordinary flow.
type fate uint8

const (
	fNormal        fate = iota
	fStale              // created, never started: backlog rot
	fCancelBacklog      // won't do, from the backlog
	fCancelReady        // won't do, after being committed
	fCancelActive       // abandoned after starting
	fNoStart            // moved straight from ready to done
	fBackward           // started, put back to ready or backlog, restarted
)

// fateWeights are relative chances of each fate for items due to start by AsOf.
var fateWeights = []float64{
	fNormal: 0.868, fStale: 0.03, fCancelBacklog: 0.025, fCancelReady: 0.01,
	fCancelActive: 0.012, fNoStart: 0.015, fBackward: 0.02,
}

var foundInNames = []string{"", "production", "testing", "development"}

// kindCycle scales a team's median cycle time by item kind.
var kindCycle = [numKinds]float64{kStory: 1, kBug: 0.6, kEnabler: 1.3, kTask: 0.5, kRisk: 1.0, kDebt: 1.1}

// kindQueue is the median time from creation to start, in workdays.
var kindQueue = [numKinds]float64{kStory: 18, kBug: 5, kEnabler: 20, kTask: 8, kRisk: 12, kDebt: 25}

// fibonacci story points and how often teams pick each.
var (
	fibPoints  = []uint8{1, 2, 3, 5, 8, 13, 21}
	fibWeights = []float64{10, 20, 25, 22, 13, 7, 3}
)

// planDelivery plans every team's stories, bugs, enablers, tasks, risks and
// debt items with their histories.
func (g *gen) planDelivery() error {
	nEpics, nFeatures, nSubtasks, nDelivery := g.p.layers()
	weights := make([]float64, len(g.teams))
	for i := range g.teams {
		weights[i] = g.teams[i].weight
	}
	counts := spread(nDelivery, weights)
	g.delivery = make([]plan, 0, nDelivery)
	g.features = make([]plan, 0, nFeatures)
	g.epics = make([]plan, 0, nEpics)
	g.subtasks = make([]plan, 0, nSubtasks)
	g.ev = make([]event, 0, g.p.items*8)

	cum := make([]float64, g.kEnd-g.kFlow+1)
	var starts []int32
	for i := range g.teams {
		t := &g.teams[i]
		g.cumulativeIntensity(t, cum)
		starts = slices.Grow(starts[:0], counts[i])[:counts[i]]
		for j := range starts {
			k := g.kFlow + int32(sort.SearchFloat64s(cum, g.r.Float64()*cum[len(cum)-1]))
			starts[j] = k*minutesPerWorkday + int32(g.r.IntN(minutesPerWorkday))
		}
		g.keepBusy(starts)
		slices.Sort(starts)
		t.delivFrom = len(g.delivery)
		for _, ws := range starts {
			g.planItem(t, ws)
		}
		t.delivTo = len(g.delivery)
	}
	g.blockStalled()
	return nil
}

// blockStalled flags the oldest item in progress of every other team as
// blocked until now, unless it already is: ageing work is usually stuck on
// something, and the demo should show a blocked item at AsOf.
func (g *gen) blockStalled() {
	for i := 0; i < len(g.teams); i += 2 {
		t := &g.teams[i]
		oldest := -1
		for d := t.delivFrom; d < t.delivTo; d++ {
			p := &g.delivery[d]
			if codeStage[p.final].InProgress() && (oldest < 0 || p.start < g.delivery[oldest].start) {
				oldest = d
			}
		}
		if oldest < 0 {
			continue
		}
		from := max(g.delivery[oldest].start+wdays(1), g.cal.asOfW-wdays(g.lognorm(4, 0.5)))
		flagged := from >= g.cal.asOfW
		for _, b := range g.blocked {
			flagged = flagged || b.item == int32(oldest) && (b.end < 0 || b.end >= from)
		}
		if !flagged {
			g.blocked = append(g.blocked, blockedPlan{item: int32(oldest), start: from, end: -1, reason: uint8(g.r.IntN(len(blockReasons)))})
		}
	}
}

// keepBusy moves up to three planned starts from after AsOf into its last
// four workdays when fewer started then: a quiet spell is realistic, a
// team with nothing in progress on the demo's "today" is not.
func (g *gen) keepBusy(starts []int32) {
	asOf := g.cal.asOfW
	from := asOf - wdays(4)
	recent := 0
	for _, w := range starts {
		if w > from && w <= asOf {
			recent++
		}
	}
	for i := range starts {
		if recent >= 3 {
			return
		}
		if starts[i] > asOf {
			starts[i] = from + int32(g.r.IntN(int(asOf-from)))
			recent++
		}
	}
}

// cumulativeIntensity fills cum with the running sum of the team's relative
// throughput over the workdays of the flow window: its trend, the seasons,
// week-to-week noise and, for some teams, a dip.
func (g *gen) cumulativeIntensity(t *teamInfo, cum []float64) {
	span := float64(g.kEnd - g.kFlow)
	acc := 0.0
	for i := range cum {
		k := g.kFlow + int32(i)
		x := float64(i) / span
		v := t.tpFrom + (t.tpTo-t.tpFrom)*x
		v *= seasonal(g.cal.date[g.cal.wdDay[k]])
		v *= t.weekNoise[i/5]
		if k >= t.dipFrom && k < t.dipTo {
			v *= 0.35
		}
		acc += v
		cum[i] = acc
	}
}

// seasonal damps the Christmas fortnight and the summer holidays.
func seasonal(date string) float64 {
	md := date[5:]
	switch {
	case md >= "12-20" || md <= "01-06":
		return 0.35
	case md >= "07-20" && md <= "08-23":
		return 0.75
	}
	return 1
}

// pickKind draws a delivery item's kind from the team's mix.
func (g *gen) pickKind(t *teamInfo) kind {
	if g.chance(t.bugShare) {
		return kBug
	}
	u := g.r.Float64()
	var k kind
	switch {
	case u < 0.72:
		k = kStory
	case u < 0.81:
		k = kEnabler
	case u < 0.89:
		k = kDebt
	case u < 0.95:
		k = kTask
	default:
		k = kRisk
	}
	if rawTypes[t.tool][k] == "" {
		k = kStory
	}
	return k
}

// planItem plans one delivery item whose work would start at ws.
func (g *gen) planItem(t *teamInfo, ws int32) {
	cal := g.cal
	p := plan{
		kind: g.pickKind(t), team: int16(t.idx), program: int16(t.program), theme: -1,
		slot: -1, parent: -1, sortKey: ws, addedAt: -1,
	}
	switch p.kind {
	case kStory:
		if g.chance(0.9) {
			p.points = fibPoints[g.pick(fibWeights)]
		}
	case kBug:
		if g.chance(0.35) {
			p.points = fibPoints[g.r.IntN(4)]
		}
		switch u := g.r.Float64(); {
		case u < t.prodBugShare:
			p.foundIn = 1
		case u < t.prodBugShare+(1-t.prodBugShare)*0.6:
			p.foundIn = 2
		default:
			p.foundIn = 3
		}
	case kEnabler, kDebt:
		if g.chance(0.65) {
			p.points = fibPoints[g.r.IntN(6)]
		}
	case kTask:
		if g.chance(0.3) {
			p.points = fibPoints[g.r.IntN(3)]
		}
	}

	f := fNormal
	if ws <= cal.asOfW {
		f = fate(g.pick(fateWeights))
	}
	// Cycle time: log-normal around the team's median, which drifts over
	// the year, scaled by kind and (gently) by size.
	x := float64(ws/minutesPerWorkday-g.kFlow) / float64(g.kEnd-g.kFlow)
	median := t.ctMedian * (t.ctFrom + (t.ctTo-t.ctFrom)*x) * kindCycle[p.kind]
	if p.points > 0 {
		median *= 0.75 + 0.12*float64(min(p.points, 13))/3
	}
	span := min(g.lognorm(median, 0.8), 110)
	wd := ws + max(wdays(span), 20+int32(g.r.IntN(120)))
	queue := kindQueue[p.kind]
	if p.foundIn == 1 {
		queue = 1.5 // production bugs jump the queue
	}
	wc := max(ws-wdays(min(g.lognorm(queue, 1.1), 240)), g.early(ws))
	if ws > cal.asOfW {
		// Not due to start by AsOf: make sure it at least exists by then.
		wc = min(wc, cal.asOfW-wdays(g.unif(0, 25)))
	}
	p.created = wc

	// When it becomes ready: at sprint planning for scrum teams, unless it
	// joins the sprint later; anywhere in its queue for kanban teams.
	wr := wc + int32(float64(ws-wc)*g.unif(0.4, 0.95))
	if s := int(g.slotDay[cal.dayOfW(ws)]); t.scrum && s >= 0 && f != fStale {
		wr = g.joinSprint(t, &p, s, &ws, &wd)
	}
	g.deliveryPath(t, &p, wr, ws, wd, f)
	if p.slot >= 0 && codeStage[p.final] == codeStage[cRemoved] && p.end <= p.addedAt {
		p.slot, p.addedAt = -1, -1 // cancelled before the sprint took it
	}
	if p.start >= 0 && f != fCancelActive && g.chance(t.flagBlocked) {
		g.flagBlocked(&p, ws, wd)
	}
	g.delivery = append(g.delivery, p)
}

// early is a creation time for things older than the timeline: spread
// over its first weeks rather than piled on its first minute, and before
// limit (a child's creation) when limit allows.
func (g *gen) early(limit int32) int32 {
	return min(wdays(g.unif(0, 40)), int32(float64(limit)*g.unif(0.5, 0.95)))
}

// joinSprint decides how a scrum team's item enters sprint slot s, which
// holds its planned start ws: committed at the sprint's planning, or added
// while the sprint runs. Items created after planning are mid-sprint
// additions, unless (usually, when not urgent) they wait for the next
// sprint, as do additions that would land after the sprint's last day. It
// returns when the item became ready, moving ws and wd later if needed.
func (g *gen) joinSprint(t *teamInfo, p *plan, s int, ws, wd *int32) int32 {
	wc := p.created
	planning := g.slots[s].planW + t.planOffset
	wr := planning
	wait := wc >= planning-60 && p.foundIn != 1 && g.chance(0.6)
	if !wait && (wc >= planning-60 || g.chance(0.09)) {
		lo := max(wc, planning) + 30
		wr = lo + int32(float64(max(*ws-lo, 0))*g.unif(0, 0.8))
		p.mid = true
		wait = g.cal.dayOfW(wr) > g.slots[s].end
	}
	if wait {
		if s+1 >= len(g.slots) {
			return max(wr, wc+30) // no later sprint: it stays outside sprints
		}
		s++
		planning = g.slots[s].planW + t.planOffset
		wr, p.mid = planning, false
		next := planning + 30 + int32(g.r.IntN(int(wdays(3))))
		*wd += next - *ws
		*ws = next
	}
	p.slot, p.addedAt = int16(s), wr
	if *ws <= wr {
		shift := wr + 10 + int32(g.r.IntN(240)) - *ws
		*ws += shift
		*wd += shift
	}
	return wr
}

// blockReasons say why a flagged item waits.
var blockReasons = []string{
	"Waiting for API contract from another team",
	"Test environment down",
	"Awaiting security review",
	"Vendor SDK bug, ticket open with supplier",
	"Waiting for product decision",
	"Blocked by data migration",
	"Legal sign-off pending (Datenschutz)",
	"Dependency on Platform team release",
}

// flagBlocked records a blocked flag inside the item's active time, still
// open when the item is in progress at AsOf past the flag's start.
func (g *gen) flagBlocked(p *plan, ws, wd int32) {
	from := ws + int32(float64(wd-ws)*g.unif(0.1, 0.6))
	if from > g.cal.asOfW {
		return
	}
	to := min(from+wdays(g.lognorm(1.5, 0.7)), wd-1)
	if to <= from {
		return
	}
	b := blockedPlan{item: int32(len(g.delivery)), start: from, end: to, reason: uint8(g.r.IntN(len(blockReasons)))}
	if to > g.cal.asOfW {
		if !codeStage[p.final].InProgress() {
			return
		}
		b.end = -1
	}
	g.blocked = append(g.blocked, b)
}
