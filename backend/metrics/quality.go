package metrics

import (
	"time"

	"github.com/throughline/throughline/backend"
)

// DefectEscape is the defect escape rate of a period (PRODUCT §4.11).
type DefectEscape struct {
	Period string `json:"period"`
	// Found counts the bugs created in the period.
	Found int `json:"found"`
	// Escaped counts those of them found in production.
	Escaped int `json:"escaped"`
	// Rate = Escaped ÷ Found.
	Rate       Value   `json:"rate"`
	BugIDs     []int64 `json:"bug_ids"`
	EscapedIDs []int64 `json:"escaped_ids"`
}

// DefectEscapeRate computes defects found in production ÷ all defects found
// in period p (PRODUCT §4.11). A defect is an item of type bug; it is found
// on its creation day (in loc) and found in production when FoundIn is
// "production" (any case). A bug that ends cancelled (removed: duplicate,
// not a bug) counts nowhere (PRODUCT §4.0).
func DefectEscapeRate(items []backend.ItemFlow, p Period, loc *time.Location) DefectEscape {
	if loc == nil {
		loc = time.UTC
	}
	out := DefectEscape{Period: p.String()}
	var bugs, escaped []int64
	for _, it := range items {
		if it.Type != backend.TypeBug || !p.Contains(DayOf(it.CreatedAt, loc)) {
			continue
		}
		if DatesOf(it.Changes, loc).Removed {
			continue
		}
		bugs = append(bugs, it.ID)
		if sameWord(it.FoundIn, "production") {
			escaped = append(escaped, it.ID)
		}
	}
	out.Found, out.Escaped = len(bugs), len(escaped)
	out.Rate = Ratio(float64(len(escaped)), float64(len(bugs)), "no bugs found in the period")
	out.BugIDs, out.EscapedIDs = traceIDs(bugs), traceIDs(escaped)
	return out
}
