package metrics_test

import (
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

func TestComputeDependencyResolution(t *testing.T) {
	berlin := vtBerlin(t)
	created := vtAt("2026-02-01T09:00:00Z")
	dep := func(id int64, needed, state string, resolved string) backend.Dependency {
		d := backend.Dependency{ID: id, NeededBy: needed, State: state, CreatedAt: created}
		if resolved != "" {
			d.ResolvedAt = vtAtP(resolved)
		}
		return d
	}
	late := dep(8, "2026-03-12", "requested", "")
	late.CreatedAt = vtAt("2026-03-25T09:00:00Z") // created after as-of
	deps := []backend.Dependency{
		dep(1, "2026-03-10", "resolved", "2026-03-10T22:30:00Z"), // 23:30 on 10 Mar in Berlin: on time
		dep(2, "2026-03-10", "resolved", "2026-03-10T23:30:00Z"), // 00:30 on 11 Mar in Berlin: late
		dep(3, "2026-03-15", "blocked", ""),                      // due, open, blocked, past due
		dep(4, "2026-03-25", "committed", ""),                    // needed after as-of: not due yet
		dep(5, "2026-02-20", "requested", ""),                    // before the period, still open: past due
		dep(6, "2026-03-20", "committed", ""),                    // needed on the as-of day: due, not past due
		dep(7, "2026-03-05", "Resolved", ""),                     // resolved, but when is unknown
		late,
		dep(9, "", "requested", ""), // no needed-by date
	}
	got := metrics.ComputeDependencyResolution(deps, vtPeriod("2026-03-01", "2026-03-31"), vtDay("2026-03-20"), berlin)

	t.Run("ResolvedByNeededByInReportingZone", func(t *testing.T) {
		// §4.17 with §4.1: due = 1, 2, 3, 6, 7 (needed-by in March and by
		// 20 March); resolved by the needed-by day in Berlin: only 1 →
		// 1 ÷ 5 = 0.2.
		vtIDs(t, "due", got.DueIDs, 1, 2, 3, 6, 7)
		vtIDs(t, "on time", got.ResolvedOnTimeIDs, 1)
		vtValue(t, "rate", got.Rate, vtF(0.2))
		if got.Due != 5 || got.ResolvedOnTime != 1 {
			t.Errorf("counts = %d/%d, want 1/5", got.ResolvedOnTime, got.Due)
		}
	})
	t.Run("AlertsBlockedAndPastDue", func(t *testing.T) {
		// Past due from the day after the needed-by date, whatever the
		// period: 3 and 5 (6 is needed on the as-of day itself).
		vtIDs(t, "blocked", got.BlockedIDs, 3)
		vtIDs(t, "past due", got.PastDueOpenIDs, 3, 5)
	})
	t.Run("NoneDueIsNA", func(t *testing.T) {
		// §4.18.
		none := metrics.ComputeDependencyResolution(deps, vtPeriod("2026-01-01", "2026-01-31"), vtDay("2026-03-20"), berlin)
		vtReason(t, "rate", none.Rate, "no dependencies due in the period")
	})
	t.Run("ResolvedAfterAsOfIsStillOpen", func(t *testing.T) {
		// Needed by 9 March, resolved on 11 March. As of 10 March it was
		// open and past due; as of 11 March it is resolved, but late:
		// rate 0 ÷ 1 = 0.
		d := []backend.Dependency{dep(2, "2026-03-09", "resolved", "2026-03-11T10:00:00Z")}
		march := vtPeriod("2026-03-01", "2026-03-31")
		r := metrics.ComputeDependencyResolution(d, march, vtDay("2026-03-10"), time.UTC)
		vtIDs(t, "past due on 10 Mar", r.PastDueOpenIDs, 2)
		r = metrics.ComputeDependencyResolution(d, march, vtDay("2026-03-11"), time.UTC)
		vtIDs(t, "past due on 11 Mar", r.PastDueOpenIDs)
		vtValue(t, "rate", r.Rate, vtF(0))
	})
}
