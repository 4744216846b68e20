package demo

// Status histories. Each item's history is planned as a run of events in
// g.ev: begin starts one, step appends, end closes it and derives the item's
// status, start and done from what was kept.

// begin starts a new history.
func (g *gen) begin() {
	g.pOff, g.pLast, g.pClosed = len(g.ev), -1, false
}

// step appends status c at working minute w. A step at or before the
// previous one is nudged just after it, so histories are strictly
// chronological. Once a step falls after AsOf the history is closed: that
// step and every later one have not happened yet, and the item rests in its
// last status.
func (g *gen) step(w int32, c code) {
	if g.pClosed {
		return
	}
	if w <= g.pLast {
		w = g.pLast + 1 + int32(g.r.IntN(30))
	}
	if w > g.cal.asOfW {
		g.pClosed = true
		return
	}
	g.ev = append(g.ev, event{w: w, c: c})
	g.pLast = w
}

// end stores the history in p and derives its final status, its start
// (first entry into active or waiting) and its done time (entry into the
// final run of done statuses), the way PRODUCT §4.2 reads them.
func (g *gen) end(p *plan) {
	evs := g.ev[g.pOff:]
	p.evOff, p.evLen = int32(g.pOff), int32(len(evs))
	p.start, p.done, p.end = -1, -1, -1
	if len(evs) == 0 {
		return // reported by emitItems: every item must exist by AsOf
	}
	run := int32(-1)
	for _, e := range evs {
		st := codeStage[e.c]
		if p.start < 0 && st.InProgress() {
			p.start = e.w
		}
		if st == codeStage[cDone] {
			if run < 0 {
				run = e.w
			}
		} else {
			run = -1
		}
	}
	last := evs[len(evs)-1]
	p.final, p.end, p.done = last.c, last.w, run
}

// reworks is how often an item goes back from review to work.
func (g *gen) reworks() int {
	switch u := g.r.Float64(); {
	case u < 0.3:
		return 0
	case u < 0.6:
		return 1
	case u < 0.82:
		return 2
	case u < 0.94:
		return 3
	}
	return 4
}

// deliveryPath plans a delivery item's history: created at p.created, ready
// at wr, started at ws, done at wd, unless its fate says otherwise.
func (g *gen) deliveryPath(t *teamInfo, p *plan, wr, ws, wd int32, f fate) {
	g.begin()
	wc := p.created
	first := 0 // ready statuses already passed at creation
	if p.foundIn == 1 && g.chance(0.3) || g.chance(0.04) {
		first = 1 // triaged straight into the first ready status
		g.step(wc, t.ready[0])
	} else {
		g.step(wc, cBacklog)
	}
	switch f {
	case fStale:
		if first == 0 && g.chance(0.3) {
			g.step(wc+wdays(g.lognorm(10, 1)), t.ready[0])
		}
		if g.chance(0.45) {
			g.step(wc+wdays(g.lognorm(70, 0.6)), cRemoved) // backlog grooming
		}
		g.end(p)
		return
	case fCancelBacklog:
		g.step(wc+int32(float64(wr-wc)*g.unif(0.1, 0.9)), cRemoved)
		g.end(p)
		return
	}
	// Skipped stages: a few items go from the backlog straight to work.
	if skip := first == 0 && f == fNormal && g.chance(0.06); !skip {
		for i := first; i < len(t.ready); i++ {
			at := wr
			if i < len(t.ready)-1 {
				at = wc + int32(float64(wr-wc)*g.unif(0.2, 0.8))
			}
			g.step(at, t.ready[i])
		}
	}
	switch f {
	case fCancelReady:
		g.step(wr+int32(float64(ws-wr)*g.unif(0.3, 1.5)), cRemoved)
		g.end(p)
		return
	case fNoStart:
		g.step(wd, cDone)
		g.end(p)
		return
	}
	g.step(ws, cActive)
	if f == fBackward {
		// Put back: deprioritised after starting, picked up again later.
		back := t.ready[len(t.ready)-1]
		if g.chance(0.3) {
			back = cBacklog
		}
		g.step(ws+wdays(g.unif(0.2, 1.5)), back)
		restart := g.pLast + wdays(g.lognorm(4, 0.6))
		wd += restart - ws
		ws = restart
		g.step(ws, cActive)
	}

	// The statuses between start and done, each with a relative share of
	// the cycle time. Blocked items take longer.
	var seq [20]code
	var share [20]float64
	n := 0
	seq[n], share[n] = cActive, g.unif(1, 2.5)
	n++
	if t.names[cBlocked] != "" && g.chance(0.2) {
		seq[n], share[n] = cBlocked, g.unif(2, 5)
		n++
		seq[n], share[n] = cActive, g.unif(0.5, 1.5)
		n++
		wd = ws + (wd-ws)/5*7
	}
	for range g.reworks() {
		seq[n], share[n] = cReview, g.unif(0.5, 2)
		n++
		seq[n], share[n] = cActive, g.unif(0.3, 1.2)
		n++
	}
	seq[n], share[n] = cReview, g.unif(0.6, 2.5)
	n++
	if t.names[cQA] != "" && g.chance(0.7) {
		seq[n], share[n] = cQA, g.unif(0.4, 1.5)
		n++
	}
	if t.names[cReleaseWait] != "" && g.chance(0.7) {
		seq[n], share[n] = cReleaseWait, g.unif(0.3, 1.5)
		n++
	}
	total := 0.0
	for _, s := range share[:n] {
		total += s
	}
	stop := n // abandoned items are cancelled instead of reaching seq[stop]
	if f == fCancelActive {
		stop = 1 + g.r.IntN(n)
	}
	span, acc := float64(wd-ws), 0.0
	for i := 1; i < n; i++ {
		acc += share[i-1]
		at := ws + int32(span*acc/total)
		if i == stop {
			g.step(at, cRemoved)
			g.end(p)
			return
		}
		g.step(at, seq[i])
	}
	if f == fCancelActive {
		g.step(wd, cRemoved)
		g.end(p)
		return
	}
	g.step(wd, cDone)
	if t.names[cReleased] != "" && g.chance(0.4) {
		g.step(wd+wdays(g.unif(0.1, 3)), cReleased)
	}
	if g.chance(0.03) {
		// Reopened: found wanting after done, worked again, done again.
		at := g.pLast + wdays(g.lognorm(4, 0.8))
		g.step(at, cActive)
		at += wdays(g.lognorm(1.2, 0.6))
		g.step(at, cReview)
		at += wdays(g.lognorm(1, 0.6))
		g.step(at, cDone)
	}
	g.end(p)
}

// agg sums up the children of a feature or epic.
type agg struct {
	n       int
	created int32 // earliest creation
	start   int32 // earliest start (or done, for a child done without start)
	done    int32 // latest done
	end     int32 // latest last change
	open    bool  // some child is neither done nor removed
	anyDone bool
	started bool
}

func newAgg() agg { return agg{created: 1<<31 - 1, start: 1<<31 - 1, done: -1, end: -1} }

// add folds one child into the summary. A child that should have started
// by asOf but never did is backlog left-over: it does not hold its parent
// open, as teams close features and move such items on.
func (a *agg) add(c *plan, asOf int32) {
	a.n++
	a.created = min(a.created, c.created)
	a.end = max(a.end, c.end)
	switch st := codeStage[c.final]; {
	case c.done >= 0:
		a.anyDone = true
		a.done = max(a.done, c.done)
		a.start = min(a.start, c.done)
		a.started = true
	case st == codeStage[cRemoved]:
	case c.start >= 0 || c.sortKey > asOf:
		a.open = true
	}
	if c.start >= 0 {
		a.start = min(a.start, c.start)
		a.started = true
	}
}

// portfolioPath plans a feature's or epic's history from its children:
// funnel at creation, ready a little before the first child starts (Jira
// only: the other tools' portfolio items have no such state), active with the first child, and done (or
// resolved, then closed) shortly after the last child is done.
func (g *gen) portfolioPath(tool int, p *plan, a *agg, settle float64) {
	g.begin()
	g.step(p.created, cPfFunnel)
	if a.n == 0 || !a.started {
		if tool == toolJira && (a.n > 0 || g.chance(0.4)) {
			g.step(p.created+wdays(g.lognorm(6, 0.8)), cCommitted)
		}
		if a.n == 0 && g.chance(0.08) {
			g.step(p.created+wdays(g.lognorm(20, 0.6)), cPfRemoved) // descoped
		}
		g.end(p)
		return
	}
	if tool == toolJira {
		g.step(max(a.start-wdays(g.unif(1, 8)), p.created+1), cCommitted)
	}
	g.step(a.start, cPfActive)
	if !a.open {
		if !a.anyDone {
			g.step(a.end+wdays(g.unif(0.1, 2)), cPfRemoved)
		} else {
			if tool == toolADO { // resolved, then closed
				g.step(a.done+wdays(g.unif(0.05, settle/2)), cReview)
			}
			g.step(a.done+wdays(g.unif(settle/2, settle)), cPfDone)
		}
	}
	g.end(p)
}

// subtaskPath plans a sub-task inside its parent's active time.
func (g *gen) subtaskPath(p, parent *plan) {
	g.begin()
	g.step(p.created, cBacklog)
	ws := p.created + wdays(g.unif(0.05, 1))
	g.step(ws, cActive)
	switch {
	case parent.done >= 0:
		g.step(ws+int32(float64(max(parent.done-ws, 1))*g.unif(0.3, 0.95)), cDone)
	case g.chance(0.5):
		g.step(ws+wdays(g.lognorm(1.5, 0.6)), cDone)
	}
	g.end(p)
}
