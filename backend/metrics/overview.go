package metrics

import (
	"time"
)

// OverviewWeeks is how many ISO weeks the overview's throughput covers.
const OverviewWeeks = 26

// meanWindow is the number of most recent weeks averaged for the headline
// throughput figure.
const meanWindow = 12

// Overview holds the portfolio overview's figures.
type Overview struct {
	AsOf     string            `json:"asOf"`
	Weeks    []string          `json:"weeks"`
	Totals   OverviewTotals    `json:"totals"`
	Programs []ProgramOverview `json:"programs"`
}

// OverviewTotals are the headline figures over the whole portfolio.
type OverviewTotals struct {
	Items                 int      `json:"items"`         // every work item of any type
	DeliveryItems         int      `json:"deliveryItems"` // team-level delivery items (PRODUCT §4.0)
	Done                  int      `json:"done"`          // delivery items done on or before as-of
	WIP                   int      `json:"wip"`           // delivery items in progress on as-of
	Removed               int      `json:"removed"`       // delivery items cancelled
	ThroughputLast12Weeks *float64 `json:"throughputLast12Weeks"`
}

// FlowCounts are the per-program and per-team figures.
type FlowCounts struct {
	ID            int64    `json:"id"`
	Name          string   `json:"name"`
	DeliveryItems int      `json:"deliveryItems"`
	Done          int      `json:"done"`
	WIP           int      `json:"wip"`
	WIPLimit      int      `json:"wipLimit"`
	Throughput    []int    `json:"throughput"` // items done per week, aligned with Overview.Weeks
	MeanLast12    *float64 `json:"throughputLast12Weeks"`
}

// ProgramOverview is one program's figures and its teams'.
type ProgramOverview struct {
	FlowCounts
	Teams []FlowCounts `json:"teams"`
}

// ComputeOverview computes the overview as of in.AsOf from the engine's
// item facts: the same dates, done and WIP rules as every other figure.
func ComputeOverview(in *Input) Overview {
	asOf := in.AsOf
	firstWeek := asOf.WeekStart() - Day(7*(OverviewWeeks-1))
	ov := Overview{AsOf: asOf.String(), Weeks: make([]string, OverviewWeeks), Programs: []ProgramOverview{}}
	for w := 0; w < OverviewWeeks; w++ {
		ov.Weeks[w] = (firstWeek + Day(7*w)).ISOWeek()
	}
	progIdx := map[int64]int{}
	for _, p := range in.Data.Programs {
		progIdx[p.ID] = len(ov.Programs)
		ov.Programs = append(ov.Programs, ProgramOverview{FlowCounts: newCounts(p.ID, p.Name, p.WIPLimit), Teams: []FlowCounts{}})
	}
	type teamPos struct{ prog, team int }
	teamIdx := map[int64]teamPos{}
	for _, t := range in.Data.Teams {
		pi, ok := progIdx[t.ProgramID]
		if !ok {
			continue
		}
		teamIdx[t.ID] = teamPos{pi, len(ov.Programs[pi].Teams)}
		ov.Programs[pi].Teams = append(ov.Programs[pi].Teams, newCounts(t.ID, t.Name, t.WIPLimit))
	}
	total := newCounts(0, "", 0)
	for i := range in.facts {
		f := &in.facts[i]
		ov.Totals.Items++
		if !f.Item.Type.IsDelivery() {
			continue
		}
		d := f.Dates
		targets := []*FlowCounts{&total}
		if tp, ok := teamIdx[f.Item.TeamID]; ok {
			targets = append(targets, &ov.Programs[tp.prog].FlowCounts, &ov.Programs[tp.prog].Teams[tp.team])
		} else if pi, ok := progIdx[f.Item.ProgramID]; ok {
			targets = append(targets, &ov.Programs[pi].FlowCounts)
		}
		if d.Removed {
			ov.Totals.Removed++
		}
		for _, c := range targets {
			c.DeliveryItems++
			if d.Done {
				c.Done++
				if w := int(d.DoneOn-firstWeek) / 7; d.DoneOn >= firstWeek && w < OverviewWeeks {
					c.Throughput[w]++
				}
			}
			if d.InProgressOn(asOf) {
				c.WIP++
			}
		}
	}
	ov.Totals.DeliveryItems, ov.Totals.Done, ov.Totals.WIP = total.DeliveryItems, total.Done, total.WIP
	ov.Totals.ThroughputLast12Weeks = meanLast(total.Throughput, meanWindow)
	for i := range ov.Programs {
		p := &ov.Programs[i]
		p.MeanLast12 = meanLast(p.Throughput, meanWindow)
		for j := range p.Teams {
			p.Teams[j].MeanLast12 = meanLast(p.Teams[j].Throughput, meanWindow)
		}
	}
	return ov
}

func newCounts(id int64, name string, limit int) FlowCounts {
	return FlowCounts{ID: id, Name: name, WIPLimit: limit, Throughput: make([]int, OverviewWeeks)}
}

// asOfEnd is the last instant of the as-of day in loc.
func asOfEnd(asOf Day, loc *time.Location) time.Time {
	y, m, d := asOf.Time().Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}

// meanLast is the mean of the last n values; nil when there are none.
func meanLast(xs []int, n int) *float64 {
	if len(xs) < n {
		n = len(xs)
	}
	if n == 0 {
		return nil
	}
	sum := 0
	for _, x := range xs[len(xs)-n:] {
		sum += x
	}
	m := float64(sum) / float64(n)
	return &m
}
