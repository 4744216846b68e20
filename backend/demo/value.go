package demo

import (
	"math"
	"strconv"
	"time"

	"github.com/throughline/throughline/backend"
)

var fallbackPIObjectives = []string{
	"Reduce escaped defects by 20 %", "Automate the regression suite", "Cut build time below 10 minutes",
	"Retire the legacy batch jobs", "Meet WCAG 2.2 AA on all pages we own", "Halve alert noise for the on-call rota",
}

// piRow is a PI objective before it is written.
type piRow struct {
	title     string
	committed bool
	planned   int
}

// overachiever is the team whose stretch objectives lift its predictability
// above 100 %.
const overachiever = 1

// buildPIObjectives gives every team three to five committed and one or two
// stretch objectives per PI, named after features it took on in that PI.
// Finished PIs have actual business value, giving predictability mostly in
// 70–100 %; the current PI has none yet.
func (g *gen) buildPIObjectives() error {
	ds := g.ds
	var actuals []int
	var rows []piRow
	for pi := range g.pis {
		p := &g.pis[pi]
		finished := p.end < g.cal.asOfDay
		for ti := range g.teams {
			t := &g.teams[ti]
			var titles []string
			for f := t.featFrom; f < t.featTo; f++ {
				if it := &ds.Items[g.featureID[f]-1]; it.PIID == p.id {
					titles = append(titles, it.Title)
				}
			}
			rows = rows[:0]
			nc, ns := g.between(3, 5), g.between(1, 2)
			for k := range nc + ns {
				r := piRow{committed: k < nc}
				if k < len(titles) {
					r.title = "Deliver " + titles[k]
				} else {
					r.title = fallbackPIObjectives[(k+ti+pi)%len(fallbackPIObjectives)]
				}
				if r.committed {
					r.planned = g.between(3, 10)
				} else {
					r.title = "Stretch: " + r.title
					r.planned = g.between(2, 7)
				}
				rows = append(rows, r)
			}
			if finished {
				actuals = g.actualBV(actuals[:0], rows, nc, ti == overachiever)
			}
			for k, r := range rows {
				o := backend.PIObjective{
					ID: int64(len(ds.PIObjectives) + 1), TeamID: t.id, PIID: p.id, Title: r.title,
					Committed: r.committed, PlannedBV: r.planned,
				}
				if finished {
					o.ActualBV = ptr(actuals[k])
				}
				ds.PIObjectives = append(ds.PIObjectives, o)
			}
		}
	}
	return nil
}

// actualBV scores a finished PI's objectives, committed first then stretch.
// Committed objectives start fully met and lose points until the total is
// at a predictability drawn from 72–98 %; the overachiever meets all of
// them and nearly all its stretch.
func (g *gen) actualBV(out []int, rows []piRow, nc int, over bool) []int {
	sumC, total := 0, 0
	for _, r := range rows[:nc] {
		sumC += r.planned
		out = append(out, r.planned)
	}
	for _, r := range rows[nc:] {
		a := int(math.Round(float64(r.planned) * g.unif(0, 0.8)))
		if over {
			a = r.planned - g.r.IntN(2)
		}
		out = append(out, a)
	}
	if over {
		return out
	}
	for _, a := range out {
		total += a
	}
	target := int(math.Round(g.unif(0.72, 0.98) * float64(sumC)))
	for left := sumC; total > target && left > 0; {
		if k := g.r.IntN(nc); out[k] > 0 {
			out[k]--
			total--
			left--
		}
	}
	return out
}

// realisation patterns: how measured benefit compares with plan. An empty
// note is a case that has not realised anything yet.
var realisation = []struct {
	lo, hi float64
	note   string
}{
	{0.45, 0.75, "behind plan"}, {1.15, 1.4, "ahead of plan"}, {0, 0, ""}, {0.92, 1.08, "in line with plan"},
	{0.5, 0.8, "behind plan"}, {0.95, 1.05, "in line with plan"}, {1.1, 1.3, "ahead of plan"}, {0.92, 1.08, "in line with plan"},
}

// buildBusinessCases gives most epics under way a business case: planned benefit in four quarterly tranches after the expected date,
// and realised benefit measured on the same quarters. Some epics run ahead
// of plan, some behind, some have not realised anything yet.
func (g *gen) buildBusinessCases() error {
	ds := g.ds
	cal := g.cal
	asOf := cal.date[cal.asOfDay]
	due := 0 // business cases with a tranche due by AsOf
	for _, e := range g.epicOrd {
		ep := &g.epics[e]
		// Epics under way passed a lean business case; the funnel's are
		// mostly still being written.
		if codeStage[ep.final] == codeStage[cRemoved] || !g.chance(0.85) || ep.start < 0 && !g.chance(0.3) {
			continue
		}
		id := int64(len(ds.BusinessCases) + 1)
		// Benefits are expected a few months after work starts (an MVP
		// earns first), at the latest shortly after the epic is done.
		var expected int32
		switch {
		case ep.start >= 0:
			expected = cal.dayOfW(ep.start) + int32(g.between(60, 200))
			if ep.done >= 0 {
				expected = min(expected, cal.dayOfW(ep.done)+int32(g.between(0, 30)))
			}
		default:
			expected = cal.asOfDay + int32(g.between(120, 300))
		}
		unit, amount := "EUR", math.Round(g.lognorm(900_000, 0.6)/10_000)*10_000
		switch u := g.r.Float64(); {
		case u < 0.1:
			unit, amount = "hours saved", math.Round(g.lognorm(12_000, 0.5)/100)*100
		case u < 0.2:
			unit, amount = "customers", math.Round(g.lognorm(25_000, 0.6)/100)*100
		}
		start := cal.first.AddDate(0, 0, int(expected))
		title := ds.Items[g.epicID[e]-1].Title
		ds.BusinessCases = append(ds.BusinessCases, backend.BusinessCase{
			ID: id, EpicID: g.epicID[e], PlannedAmount: amount, Unit: unit, ExpectedDate: start.Format(time.DateOnly),
			Cost:        math.Round(g.lognorm(600_000, 0.5)/10_000) * 10_000,
			Description: "Expected benefit of “" + title + "” in the first year after go-live, in " + unit + ".",
		})
		for q := 1; q <= 4; q++ {
			ds.PlannedBenefits = append(ds.PlannedBenefits, backend.PlannedBenefit{
				BusinessCaseID: id, DueDate: start.AddDate(0, 3*q, 0).Format(time.DateOnly), Amount: amount / 4,
			})
		}
		// How this epic realises its benefit against plan. Cases with
		// benefit already due take the patterns in turn, so every portfolio
		// shows each of them; the others draw one.
		rp := realisation[g.r.IntN(len(realisation))]
		if start.AddDate(0, 3, 0).Format(time.DateOnly) <= asOf {
			rp = realisation[due%len(realisation)]
			due++
		}
		if rp.note == "" {
			continue // not realising yet
		}
		factor := g.unif(rp.lo, rp.hi)
		for q := 1; q <= 4; q++ {
			on := start.AddDate(0, 3*q, 0).Format(time.DateOnly)
			if on > asOf {
				break
			}
			v := amount / 4 * factor * (1 + g.r.NormFloat64()*0.08)
			ds.Benefits = append(ds.Benefits, backend.BenefitMeasurement{
				BusinessCaseID: id, MeasuredOn: on, Amount: math.Round(max(v, 0)), Note: "Quarter " + strconv.Itoa(q) + " after go-live: " + rp.note,
			})
		}
	}
	return nil
}

// buildFeedback writes monthly CSAT and NPS per program for the months
// before AsOf's month, each program with its own level and trend.
func (g *gen) buildFeedback() error {
	asOf, err := time.Parse(time.DateOnly, AsOf)
	if err != nil {
		return err
	}
	thisMonth := time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC)
	n := g.p.feedbackMonths
	for pi := range g.programs {
		prog := &g.programs[pi]
		csat, csatTrend := g.unif(3.7, 4.2), g.unif(-0.15, 0.35)
		nps, npsTrend := g.unif(5, 35), g.unif(-5, 15)
		for m := range n {
			from := thisMonth.AddDate(0, m-n, 0)
			to := from.AddDate(0, 1, -1)
			x := float64(m) / float64(n-1)
			c := min(max(csat+csatTrend*x+g.r.NormFloat64()*0.06, 1), 5)
			s := min(max(nps+npsTrend*x+g.r.NormFloat64()*3, -100), 100)
			for _, fb := range []backend.CustomerFeedback{
				{Kind: "csat", Score: math.Round(c*100) / 100, Responses: g.between(150, 900)},
				{Kind: "nps", Score: math.Round(s), Responses: g.between(80, 500)},
			} {
				fb.ProgramID, fb.Product = prog.id, prog.spec.product
				fb.PeriodStart, fb.PeriodEnd = from.Format(time.DateOnly), to.Format(time.DateOnly)
				g.ds.Feedback = append(g.ds.Feedback, fb)
			}
		}
	}
	return nil
}
