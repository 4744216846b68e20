package metrics

import (
	"sort"
	"strings"
	"time"

	"github.com/throughline/throughline/backend"
)

// BenefitRealization is one business case's benefit realization as of a day
// (PRODUCT §4.15).
type BenefitRealization struct {
	BusinessCaseID int64  `json:"business_case_id"`
	EpicID         int64  `json:"epic_id"`
	Unit           string `json:"unit"`
	// PlannedDue is Σ planned tranches due on or before the as-of day; for
	// a case without tranches, PlannedAmount when ExpectedDate is on or
	// before it.
	PlannedDue float64 `json:"planned_due"`
	// Realized is Σ measurements dated on or before the as-of day.
	Realized float64 `json:"realized"`
	// Rate = Realized ÷ PlannedDue; not capped, so over-delivery shows.
	Rate Value `json:"rate"`
	// FirstRealizedOn is the first day with a positive measurement; "" when
	// none.
	FirstRealizedOn string `json:"first_realized_on"`
}

// BenefitRealizationOf computes the realization of business case bc as of
// asOf (PRODUCT §4.15: realized benefit to date ÷ planned benefit due to
// date). Amounts are per tranche and per measurement, not running totals
// (backend.PlannedBenefit, backend.BenefitMeasurement), so both sides are
// sums. planned and measured may hold other cases' rows; rows with an
// unreadable date are ignored.
func BenefitRealizationOf(bc backend.BusinessCase, planned []backend.PlannedBenefit, measured []backend.BenefitMeasurement, asOf Day) BenefitRealization {
	r := BenefitRealization{BusinessCaseID: bc.ID, EpicID: bc.EpicID, Unit: strings.TrimSpace(bc.Unit)}
	tranches := 0
	for _, pb := range planned {
		if pb.BusinessCaseID != bc.ID {
			continue
		}
		tranches++
		if d, err := ParseDay(pb.DueDate); err == nil && d <= asOf {
			r.PlannedDue += pb.Amount
		}
	}
	if tranches == 0 {
		if d, err := ParseDay(bc.ExpectedDate); err == nil && d <= asOf {
			r.PlannedDue = bc.PlannedAmount
		}
	}
	first, ok := firstRealized(map[int64]bool{bc.ID: true}, measured, asOf)
	if ok {
		r.FirstRealizedOn = first.String()
	}
	for _, m := range measured {
		if m.BusinessCaseID != bc.ID {
			continue
		}
		if d, err := ParseDay(m.MeasuredOn); err == nil && d <= asOf {
			r.Realized += m.Amount
		}
	}
	r.Rate = Ratio(r.Realized, r.PlannedDue, "no planned benefit due by "+asOf.String())
	return r
}

// BenefitRealizationTotal is the realization of a set of business cases in
// one unit (PRODUCT §4.15: per epic, theme, program, portfolio).
type BenefitRealizationTotal struct {
	Unit       string  `json:"unit"`
	PlannedDue float64 `json:"planned_due"`
	Realized   float64 `json:"realized"`
	// Rate = Σ Realized ÷ Σ PlannedDue over the cases (ratio of sums).
	Rate            Value   `json:"rate"`
	BusinessCaseIDs []int64 `json:"business_case_ids"`
	EpicIDs         []int64 `json:"epic_ids"`
}

// BenefitRealizationByUnit aggregates the realization of cases as of asOf,
// one row per unit, since amounts in different units (EUR, hours saved,
// customers) cannot be added. Units match ignoring case and surrounding
// spaces. Within a unit the rate is the ratio of the sums, so a case that
// realized benefit before anything fell due still adds to the numerator.
// Rows come most business cases first, then by unit. For an epic, theme or
// program, pass the business cases of its epics.
func BenefitRealizationByUnit(cases []backend.BusinessCase, planned []backend.PlannedBenefit, measured []backend.BenefitMeasurement, asOf Day) []BenefitRealizationTotal {
	type acc struct {
		total        BenefitRealizationTotal
		cases, epics []int64
	}
	byUnit := map[string]*acc{}
	var order []string
	for _, bc := range cases {
		r := BenefitRealizationOf(bc, planned, measured, asOf)
		key := strings.ToLower(r.Unit)
		a := byUnit[key]
		if a == nil {
			a = &acc{total: BenefitRealizationTotal{Unit: r.Unit}}
			byUnit[key] = a
			order = append(order, key)
		}
		a.total.PlannedDue += r.PlannedDue
		a.total.Realized += r.Realized
		a.cases = append(a.cases, bc.ID)
		if bc.EpicID != 0 {
			a.epics = append(a.epics, bc.EpicID)
		}
	}
	out := make([]BenefitRealizationTotal, 0, len(order))
	for _, key := range order {
		a := byUnit[key]
		t := a.total
		t.Rate = Ratio(t.Realized, t.PlannedDue, "no planned benefit due by "+asOf.String())
		t.BusinessCaseIDs, t.EpicIDs = traceIDs(a.cases), traceIDs(a.epics)
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].BusinessCaseIDs) != len(out[j].BusinessCaseIDs) {
			return len(out[i].BusinessCaseIDs) > len(out[j].BusinessCaseIDs)
		}
		return strings.ToLower(out[i].Unit) < strings.ToLower(out[j].Unit)
	})
	return out
}

// HeadlineBenefitRealization is the single realization figure of a set of
// business cases: the aggregate of the unit used by most of them (ties go
// to the unit first in alphabetical order). The other units' cases are not
// in it; BenefitRealizationByUnit shows them.
func HeadlineBenefitRealization(cases []backend.BusinessCase, planned []backend.PlannedBenefit, measured []backend.BenefitMeasurement, asOf Day) BenefitRealizationTotal {
	rows := BenefitRealizationByUnit(cases, planned, measured, asOf)
	if len(rows) == 0 {
		return BenefitRealizationTotal{Rate: NA("no business cases"), BusinessCaseIDs: []int64{}, EpicIDs: []int64{}}
	}
	return rows[0]
}

// TimeToValue is the time to value in days (PRODUCT §4.15): first realized
// benefit date − epic start date, a plain difference of civil days with no
// +1, so a benefit realized on the epic's start day gives 0.
func TimeToValue(epicStart, firstBenefit Day) int { return int(firstBenefit - epicStart) }

// EpicValueTime is an epic's time to value with the dates behind it.
type EpicValueTime struct {
	EpicID          int64   `json:"epic_id"`
	Start           string  `json:"start"`             // "" when not started
	FirstRealizedOn string  `json:"first_realized_on"` // "" when nothing realized
	Days            Value   `json:"days"`
	BusinessCaseIDs []int64 `json:"business_case_ids"`
}

// EpicTimeToValue computes TimeToValue for epic as of asOf. The epic's start
// is its flow start (PRODUCT §4.2: first entry into active or waiting, in
// loc); the first realized benefit is the earliest measurement with a
// positive amount, dated on or before asOf, of any business case of the
// epic. A benefit measured before the epic started gives a negative figure,
// left visible as a data-quality signal.
func EpicTimeToValue(epic backend.ItemFlow, cases []backend.BusinessCase, measured []backend.BenefitMeasurement, asOf Day, loc *time.Location) EpicValueTime {
	if loc == nil {
		loc = time.UTC
	}
	out := EpicValueTime{EpicID: epic.ID}
	own := map[int64]bool{}
	var ids []int64
	for _, bc := range cases {
		if bc.EpicID == epic.ID {
			own[bc.ID] = true
			ids = append(ids, bc.ID)
		}
	}
	out.BusinessCaseIDs = traceIDs(ids)
	dates := DatesOf(epic.Changes, loc)
	first, realized := firstRealized(own, measured, asOf)
	if realized {
		out.FirstRealizedOn = first.String()
	}
	if dates.Started && dates.Start <= asOf {
		out.Start = dates.Start.String()
	}
	switch {
	case out.Start == "":
		out.Days = NA("the epic has not started")
	case len(own) == 0:
		out.Days = NA("the epic has no business case")
	case !realized:
		out.Days = NA("no benefit realized yet")
	default:
		out.Days = Of(float64(TimeToValue(dates.Start, first)))
	}
	return out
}

// firstRealized is the earliest day on or before asOf with a positive
// measurement for one of the cases.
func firstRealized(cases map[int64]bool, measured []backend.BenefitMeasurement, asOf Day) (Day, bool) {
	var first Day
	found := false
	for _, m := range measured {
		if !cases[m.BusinessCaseID] || m.Amount <= 0 {
			continue
		}
		d, err := ParseDay(m.MeasuredOn)
		if err != nil || d > asOf {
			continue
		}
		if !found || d < first {
			first, found = d, true
		}
	}
	return first, found
}
