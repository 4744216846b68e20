package metrics_test

import (
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

func TestDefectEscapeRate(t *testing.T) {
	berlin := vtBerlin(t)
	march := vtPeriod("2026-03-01", "2026-03-31")
	bug := func(id int64, typ backend.ItemType, foundIn, created string) backend.ItemFlow {
		return backend.ItemFlow{ID: id, Type: typ, FoundIn: foundIn, CreatedAt: vtAt(created)}
	}
	removed := bug(4, backend.TypeBug, "production", "2026-03-10T09:00:00Z")
	removed.Changes = []backend.StageChange{vtCh("2026-03-11T09:00:00Z", backend.StageRemoved)}
	items := []backend.ItemFlow{
		bug(1, backend.TypeBug, "production", "2026-03-05T09:00:00Z"),
		bug(2, backend.TypeBug, "Production ", "2026-03-31T22:30:00Z"), // 1 April in Berlin: outside
		bug(3, backend.TypeBug, "testing", "2026-02-28T23:30:00Z"),     // 1 March in Berlin: inside
		removed, // cancelled (duplicate): counts nowhere (§4.0)
		bug(5, backend.TypeStory, "production", "2026-03-05T09:00:00Z"), // not a bug
		bug(6, backend.TypeBug, "PRODUCTION", "2026-03-20T09:00:00Z"),
	}
	tests := []struct {
		name    string
		items   []backend.ItemFlow
		bugs    []int64
		escaped []int64
		want    *float64
	}{
		// §4.11 with §4.1: bugs created in March (Berlin) 1, 3, 6; found in
		// production 1 and 6 → 2 ÷ 3.
		{"ProductionShareOfBugsFoundInPeriod", items, []int64{1, 3, 6}, []int64{1, 6}, vtF(2.0 / 3)},
		// §4.18: no bugs found → n/a, not 0 %.
		{"NoBugsIsNA", items[4:5], nil, nil, vtNA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metrics.DefectEscapeRate(tt.items, march, berlin)
			vtIDs(t, "bugs", got.BugIDs, tt.bugs...)
			vtIDs(t, "escaped", got.EscapedIDs, tt.escaped...)
			vtValue(t, "rate", got.Rate, tt.want)
			if got.Found != len(tt.bugs) || got.Escaped != len(tt.escaped) {
				t.Errorf("counts = %d/%d", got.Escaped, got.Found)
			}
		})
	}
}
