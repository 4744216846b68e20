package metrics

import (
	"time"

	"github.com/throughline/throughline/backend"
)

// CFD is a cumulative flow diagram: for each day of a period, how many items
// were in each stage at the end of that day.
type CFD struct {
	Days   []string                `json:"days"`
	Stages map[backend.Stage][]int `json:"stages"` // one count per day; removed items are left out
}

// CumulativeFlow builds the CFD of the facts over p. An item is in the stage
// of its last mapped status change on or before each day; before its first
// change it is not shown. Cancelled items are not shown at all (PRODUCT §4.0).
func CumulativeFlow(facts []*Fact, p Period, loc *time.Location) CFD {
	n := p.Days()
	shown := []backend.Stage{backend.StageBacklog, backend.StageReady, backend.StageActive, backend.StageWaiting, backend.StageDone}
	diff := map[backend.Stage][]int{}
	for _, s := range shown {
		diff[s] = make([]int, n+1)
	}
	add := func(stage backend.Stage, from, to Day) { // [from, to) clipped to p
		d, ok := diff[stage]
		if !ok {
			return
		}
		from, to = max(from, p.From), min(to, p.To+1)
		if from >= to {
			return
		}
		d[from-p.From]++
		d[to-p.From]--
	}
	for _, f := range facts {
		if f.Dates.Removed {
			continue
		}
		var cur backend.Stage
		var since Day
		for _, c := range f.Item.Changes {
			if c.Stage == "" {
				continue
			}
			day := DayOf(c.At, loc)
			if cur != "" && day > since {
				add(cur, since, day)
			}
			cur, since = c.Stage, day
		}
		if cur != "" {
			add(cur, since, p.To+1)
		}
	}
	out := CFD{Days: make([]string, n), Stages: map[backend.Stage][]int{}}
	for i := 0; i < n; i++ {
		out.Days[i] = (p.From + Day(i)).String()
	}
	for _, s := range shown {
		series := make([]int, n)
		run := 0
		for i := 0; i < n; i++ {
			run += diff[s][i]
			series[i] = run
		}
		out.Stages[s] = series
	}
	return out
}
