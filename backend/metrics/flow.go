package metrics

import (
	"sort"
	"time"

	"github.com/throughline/throughline/backend"
)

// Fact is what the flow metrics need of one item, derived once from its
// status history: its dates, cycle and lead time, and its active and
// waiting time.
type Fact struct {
	Item     *backend.ItemFlow
	Dates    ItemDates
	Created  Day
	Active   time.Duration // time in active between start and done, blocked periods excluded
	Waiting  time.Duration // time in waiting between start and done, blocked periods included
	Backward bool          // moved back to an earlier stage at least once (data quality)
	WorkDays int           // cycle time in the team's working days (PRODUCT §4.2's optional mode); 0 when not done
}

// CycleDays is done − start + 1 in calendar days (PRODUCT §4.2); 0 when not done.
func (f *Fact) CycleDays() int {
	if !f.Dates.Done {
		return 0
	}
	return int(f.Dates.DoneOn-f.Dates.Start) + 1
}

// LeadDays is done − created + 1 in calendar days (PRODUCT §4.3); 0 when not done.
func (f *Fact) LeadDays() int {
	if !f.Dates.Done {
		return 0
	}
	return int(f.Dates.DoneOn-f.Created) + 1
}

// Facts derives the facts of every item. blocked maps an item ID to its
// blocked periods (flagged without a status change); they count as waiting.
func Facts(items []backend.ItemFlow, blocked map[int64][]backend.BlockedPeriod, loc *time.Location) []Fact {
	out := make([]Fact, len(items))
	for i := range items {
		it := &items[i]
		f := Fact{Item: it, Dates: DatesOf(it.Changes, loc), Created: DayOf(it.CreatedAt, loc)}
		if f.Dates.Done {
			f.Active, f.Waiting = activeWaiting(it.Changes, blocked[it.ID])
		}
		f.Backward = movedBackward(it.Changes)
		out[i] = f
	}
	return out
}

// stageOrder ranks stages for backward-move detection; removed is not a
// step of the workflow, so it is never "backward".
var stageOrder = map[backend.Stage]int{backend.StageBacklog: 0, backend.StageReady: 1, backend.StageActive: 2, backend.StageWaiting: 2, backend.StageDone: 3}

func movedBackward(changes []backend.StageChange) bool {
	last := -1
	for _, c := range changes {
		r, ok := stageOrder[c.Stage]
		if !ok {
			continue
		}
		if r < last {
			return true
		}
		last = r
	}
	return false
}

// activeWaiting sums, between the first start and the final done, the time
// spent in active and in waiting (PRODUCT §4.6). Time in other stages (a
// spell in done before a reopening, a move back to ready) counts as neither.
// Blocked periods that overlap active time move that time to waiting.
func activeWaiting(changes []backend.StageChange, blocked []backend.BlockedPeriod) (active, waiting time.Duration) {
	var prev *backend.StageChange
	for i := range changes {
		c := &changes[i]
		if c.Stage == "" {
			continue // unmapped: the previous stage goes on
		}
		if prev != nil && prev.Stage.InProgress() {
			span := c.At.Sub(prev.At)
			if prev.Stage == backend.StageActive {
				b := overlap(prev.At, c.At, blocked)
				active += span - b
				waiting += b
			} else {
				waiting += span
			}
		}
		prev = c
	}
	return active, waiting
}

// overlap is how much of [from, to) the blocked periods cover.
func overlap(from, to time.Time, blocked []backend.BlockedPeriod) time.Duration {
	var d time.Duration
	for _, b := range blocked {
		end := to
		if b.EndedAt != nil && b.EndedAt.Before(end) {
			end = *b.EndedAt
		}
		start := from
		if b.StartedAt.After(start) {
			start = b.StartedAt
		}
		if end.After(start) {
			d += end.Sub(start)
		}
	}
	if span := to.Sub(from); d > span {
		d = span // overlapping flags must not count twice
	}
	return d
}

// WeekCount is a throughput bucket.
type WeekCount struct {
	Week  string `json:"week"` // ISO week, e.g. "2026-W07"
	Count int    `json:"count"`
}

// Throughput is items done per ISO week within a period (PRODUCT §4.4).
type Throughput struct {
	Total   int         `json:"total"`
	PerWeek []WeekCount `json:"per_week"`
}

// ThroughputOf counts the facts done in p, per ISO week (weeks clipped to p).
func ThroughputOf(facts []*Fact, p Period) Throughput {
	weeks := WeeksIn(p)
	t := Throughput{PerWeek: make([]WeekCount, len(weeks))}
	for i, w := range weeks {
		t.PerWeek[i].Week = w.From.ISOWeek()
	}
	first := p.From.WeekStart()
	for _, f := range facts {
		if f.Dates.Done && p.Contains(f.Dates.DoneOn) {
			t.Total++
			t.PerWeek[int(f.Dates.DoneOn.WeekStart()-first)/7].Count++
		}
	}
	return t
}

// DailyThroughput counts facts done on each day of p, oldest first.
func DailyThroughput(facts []*Fact, p Period) []int {
	out := make([]int, p.Days())
	for _, f := range facts {
		if f.Dates.Done && p.Contains(f.Dates.DoneOn) {
			out[f.Dates.DoneOn-p.From]++
		}
	}
	return out
}

// WIPOn counts the facts in progress on day d (PRODUCT §4.5).
func WIPOn(facts []*Fact, d Day) int {
	n := 0
	for _, f := range facts {
		if f.Dates.InProgressOn(d) {
			n++
		}
	}
	return n
}

// DailyWIP is WIP on each day of p, oldest first, computed with a difference
// array so it costs one pass over the items.
func DailyWIP(facts []*Fact, p Period) []int {
	diff := make([]int, p.Days()+1)
	for _, f := range facts {
		d := f.Dates
		if !d.Started {
			continue
		}
		last := p.To // last day in WIP, clipped to the period
		switch {
		case d.Done:
			last = min(last, d.DoneOn)
		case d.Removed:
			last = min(last, d.EndOn-1)
		}
		first := max(d.Start, p.From)
		if first > last {
			continue
		}
		diff[first-p.From]++
		diff[last-p.From+1]--
	}
	out := make([]int, p.Days())
	run := 0
	for i := range out {
		run += diff[i]
		out[i] = run
	}
	return out
}

// DoneIn returns the facts done within p.
func DoneIn(facts []*Fact, p Period) []*Fact {
	var out []*Fact
	for _, f := range facts {
		if f.Dates.Done && p.Contains(f.Dates.DoneOn) {
			out = append(out, f)
		}
	}
	return out
}

// WorkingCycleTimes returns the working-day cycle times of facts (all must be done).
func WorkingCycleTimes(done []*Fact) []float64 {
	out := make([]float64, len(done))
	for i, f := range done {
		out[i] = float64(f.WorkDays)
	}
	return out
}

// CycleTimes returns the cycle times of facts (all must be done).
func CycleTimes(done []*Fact) []float64 {
	out := make([]float64, len(done))
	for i, f := range done {
		out[i] = float64(f.CycleDays())
	}
	return out
}

// LeadTimes returns the lead times of facts (all must be done).
func LeadTimes(done []*Fact) []float64 {
	out := make([]float64, len(done))
	for i, f := range done {
		out[i] = float64(f.LeadDays())
	}
	return out
}

// FlowEfficiency is Σ active ÷ Σ (active + waiting) over the done facts
// (PRODUCT §4.6): a ratio of sums, so long items weigh by their length.
func FlowEfficiency(done []*Fact) Value {
	var a, w time.Duration
	for _, f := range done {
		a += f.Active
		w += f.Waiting
	}
	return Ratio(a.Hours(), (a + w).Hours(), "no active or waiting time recorded for items done in the period")
}

// FlowTypes are the Flow Framework's four item kinds, in display order.
var FlowTypes = []string{"feature", "defect", "risk", "debt"}

// Distribution is the share of items per flow type (PRODUCT §4.7).
type Distribution struct {
	Done map[string]Value `json:"done"` // share of items done in the period
	WIP  map[string]Value `json:"wip"`  // share of items in progress on the as-of day
}

// FlowDistribution shares done (in p) and in-progress (on asOf) facts by flow type.
func FlowDistribution(facts []*Fact, p Period, asOf Day) Distribution {
	done := map[string]int{}
	wip := map[string]int{}
	nd, nw := 0, 0
	for _, f := range facts {
		ft := f.Item.Type.FlowType()
		if f.Dates.Done && p.Contains(f.Dates.DoneOn) {
			done[ft]++
			nd++
		}
		if f.Dates.InProgressOn(asOf) {
			wip[ft]++
			nw++
		}
	}
	out := Distribution{Done: map[string]Value{}, WIP: map[string]Value{}}
	for _, t := range FlowTypes {
		out.Done[t] = Ratio(float64(done[t]), float64(nd), "no items done in the period")
		out.WIP[t] = Ratio(float64(wip[t]), float64(nw), "no items in progress")
	}
	return out
}

// AgingItem is an item in progress and how old it is.
type AgingItem struct {
	ID      int64  `json:"id"`
	Key     string `json:"key"`
	Title   string `json:"title"`
	Status  string `json:"status"`
	AgeDays int    `json:"age_days"` // asOf − start + 1 (PRODUCT §4.5)
	Above   string `json:"above"`    // the highest of "p50", "p85", "p95" the age exceeds, or ""
}

// AgingWIP lists the facts in progress on asOf, oldest first, with their age
// against the cycle-time percentiles (normally the team's, over its items
// done in the period).
func AgingWIP(facts []*Fact, asOf Day, ct Summary) []AgingItem {
	var out []AgingItem
	for _, f := range facts {
		if !f.Dates.InProgressOn(asOf) || (f.Dates.Done && f.Dates.DoneOn <= asOf) {
			continue
		}
		a := AgingItem{ID: f.Item.ID, Key: f.Item.Key, Title: f.Item.Title, Status: f.Item.Status, AgeDays: int(asOf-f.Dates.Start) + 1}
		for _, q := range []struct {
			name string
			v    Value
		}{{"p95", ct.P95}, {"p85", ct.P85}, {"p50", ct.P50}} {
			if v, ok := q.v.Float(); ok && float64(a.AgeDays) > v {
				a.Above = q.name
				break
			}
		}
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].AgeDays != out[j].AgeDays {
			return out[i].AgeDays > out[j].AgeDays
		}
		return out[i].ID < out[j].ID
	})
	return out
}
