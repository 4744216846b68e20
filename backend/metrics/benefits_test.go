package metrics_test

import (
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

// The benefit fixtures, as of 1 May 2026:
//
//	case 1 (epic 10, EUR): tranches 31 Jan 100, 31 Mar 200, 30 Jun 300 → due 300;
//	        measured 15 Feb 50, 15 Apr 100, 15 Jul 500 → realized 150.
//	case 2 (epic 20, EUR): no tranches, 1,000 expected 30 Apr → due 1,000;
//	        measured 30 Apr 800.
//	case 3 (epic 30, hours saved): no tranches, 40 expected 31 Dec → nothing due.
//	case 4 (epic 40, "eur "): tranche 1 Apr 0 → due 0; measured 1 Apr 20.
var (
	vtCases = []backend.BusinessCase{
		{ID: 1, EpicID: 10, PlannedAmount: 600, Unit: "EUR", ExpectedDate: "2026-06-30"},
		{ID: 2, EpicID: 20, PlannedAmount: 1000, Unit: "EUR", ExpectedDate: "2026-04-30"},
		{ID: 3, EpicID: 30, PlannedAmount: 40, Unit: "hours saved", ExpectedDate: "2026-12-31"},
		{ID: 4, EpicID: 40, PlannedAmount: 0, Unit: "eur ", ExpectedDate: "2026-04-01"},
	}
	vtPlanned = []backend.PlannedBenefit{
		{BusinessCaseID: 1, DueDate: "2026-01-31", Amount: 100},
		{BusinessCaseID: 1, DueDate: "2026-03-31", Amount: 200},
		{BusinessCaseID: 1, DueDate: "2026-06-30", Amount: 300},
		{BusinessCaseID: 4, DueDate: "2026-04-01", Amount: 0},
	}
	vtMeasured = []backend.BenefitMeasurement{
		{BusinessCaseID: 1, MeasuredOn: "2026-02-15", Amount: 50},
		{BusinessCaseID: 1, MeasuredOn: "2026-04-15", Amount: 100},
		{BusinessCaseID: 1, MeasuredOn: "2026-07-15", Amount: 500},
		{BusinessCaseID: 2, MeasuredOn: "2026-04-30", Amount: 800},
		{BusinessCaseID: 4, MeasuredOn: "2026-04-01", Amount: 20},
	}
)

func TestBenefitRealizationOf(t *testing.T) {
	asOf := vtDay("2026-05-01")
	tests := []struct {
		name              string
		bc                backend.BusinessCase
		due, realized     float64
		rate              *float64
		firstRealizedDate string
	}{
		// §4.15: amounts are per tranche, not running totals: due = 100 +
		// 200 (the 30 June tranche is not due), realized = 50 + 100 (not the
		// July one): 150 ÷ 300 = 0.5.
		{"TranchesAndMeasurementsAreSummed", vtCases[0], 300, 150, vtF(0.5), "2026-02-15"},
		// Without tranches the planned amount falls due on the expected
		// date, inclusive: 800 ÷ 1,000 = 0.8.
		{"NoTranchesDueOnExpectedDate", vtCases[1], 1000, 800, vtF(0.8), "2026-04-30"},
		// §4.18: nothing due yet → n/a.
		{"NothingDueIsNA", vtCases[2], 0, 0, vtNA, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metrics.BenefitRealizationOf(tt.bc, vtPlanned, vtMeasured, asOf)
			if got.PlannedDue != tt.due || got.Realized != tt.realized || got.FirstRealizedOn != tt.firstRealizedDate {
				t.Errorf("due %v realized %v first %q, want %v %v %q", got.PlannedDue, got.Realized, got.FirstRealizedOn, tt.due, tt.realized, tt.firstRealizedDate)
			}
			vtValue(t, "rate", got.Rate, tt.rate)
		})
	}
	t.Run("NothingDueReason", func(t *testing.T) {
		vtReason(t, "rate", metrics.BenefitRealizationOf(vtCases[2], vtPlanned, vtMeasured, asOf).Rate, "no planned benefit due by 2026-05-01")
	})
}

func TestBenefitRealizationByUnit(t *testing.T) {
	asOf := vtDay("2026-05-01")
	rows := metrics.BenefitRealizationByUnit(vtCases, vtPlanned, vtMeasured, asOf)
	if len(rows) != 2 || rows[0].Unit != "EUR" || rows[1].Unit != "hours saved" {
		t.Fatalf("rows = %+v", rows)
	}
	t.Run("RatioOfSumsWithinAUnit", func(t *testing.T) {
		// §4.15 aggregated: (150 + 800 + 20) ÷ (300 + 1,000 + 0) = 970/1,300,
		// not the mean of the case rates; "eur " is EUR.
		eur := rows[0]
		if eur.PlannedDue != 1300 || eur.Realized != 970 {
			t.Errorf("EUR due %v realized %v, want 1300 970", eur.PlannedDue, eur.Realized)
		}
		vtValue(t, "EUR rate", eur.Rate, vtF(970.0/1300))
		vtIDs(t, "EUR cases", eur.BusinessCaseIDs, 1, 2, 4)
		vtIDs(t, "EUR epics", eur.EpicIDs, 10, 20, 40)
	})
	t.Run("UnitsNeverMixed", func(t *testing.T) {
		vtValue(t, "hours rate", rows[1].Rate, vtNA)
		vtIDs(t, "hours cases", rows[1].BusinessCaseIDs, 3)
	})
	t.Run("HeadlineIsMostCommonUnit", func(t *testing.T) {
		h := metrics.HeadlineBenefitRealization(vtCases, vtPlanned, vtMeasured, asOf)
		if h.Unit != "EUR" {
			t.Errorf("headline unit = %q, want EUR", h.Unit)
		}
		vtReason(t, "no cases", metrics.HeadlineBenefitRealization(nil, nil, nil, asOf).Rate, "no business cases")
	})
}

func TestTimeToValue(t *testing.T) {
	t.Run("PlainDifferenceNoPlusOne", func(t *testing.T) {
		// §4.15: first realized benefit date − epic start date: 10 Jan →
		// 15 Feb = 21 + 15 = 36 days; the same day is 0.
		if got := metrics.TimeToValue(vtDay("2026-01-10"), vtDay("2026-02-15")); got != 36 {
			t.Errorf("time to value = %d, want 36", got)
		}
		if got := metrics.TimeToValue(vtDay("2026-01-10"), vtDay("2026-01-10")); got != 0 {
			t.Errorf("same day = %d, want 0", got)
		}
	})
	asOf := vtDay("2026-05-01")
	epic := backend.ItemFlow{ID: 10, Type: backend.TypeEpic, Changes: []backend.StageChange{
		vtCh("2026-01-05T09:00:00Z", backend.StageReady),
		vtCh("2026-01-10T09:00:00Z", backend.StageActive),
	}}
	t.Run("EpicStartIsFlowStart", func(t *testing.T) {
		// §4.2 start = first entry into active (10 Jan); first positive
		// measurement of case 1 = 15 Feb → 36.
		got := metrics.EpicTimeToValue(epic, vtCases, vtMeasured, asOf, time.UTC)
		if got.Start != "2026-01-10" || got.FirstRealizedOn != "2026-02-15" {
			t.Errorf("dates = %q → %q", got.Start, got.FirstRealizedOn)
		}
		vtValue(t, "days", got.Days, vtF(36))
		vtIDs(t, "cases", got.BusinessCaseIDs, 1)
	})
	t.Run("NothingRealizedYetIsNA", func(t *testing.T) {
		// As of 1 February the first measurement is still to come.
		vtReason(t, "days", metrics.EpicTimeToValue(epic, vtCases, vtMeasured, vtDay("2026-02-01"), time.UTC).Days, "no benefit realized yet")
	})
	t.Run("NotStartedIsNA", func(t *testing.T) {
		e := backend.ItemFlow{ID: 10, Type: backend.TypeEpic}
		vtReason(t, "days", metrics.EpicTimeToValue(e, vtCases, vtMeasured, asOf, time.UTC).Days, "not started")
	})
}
