package metrics

import (
	"time"

	"github.com/throughline/throughline/backend"
)

// UnassignedTheme names the bucket of done work without a strategic theme.
const UnassignedTheme = "unassigned"

// ThemeShare is one strategic theme's share of the work done in a period.
type ThemeShare struct {
	ThemeID int64  `json:"theme_id"` // 0 for the unassigned bucket
	Name    string `json:"name"`
	// TargetShare is the theme's target share of investment; unavailable
	// for the unassigned bucket.
	TargetShare Value   `json:"target_share"`
	Items       int     `json:"items"`
	Points      float64 `json:"points"`
	ItemShare   Value   `json:"item_share"`  // Items ÷ all items done in the period
	PointShare  Value   `json:"point_share"` // Points ÷ all points done in the period
	ItemIDs     []int64 `json:"item_ids"`
}

// ThemeCoverage is the strategic theme coverage of a period (PRODUCT §4.16).
type ThemeCoverage struct {
	Period string       `json:"period"`
	Items  int          `json:"items"`  // delivery items done in the period
	Points float64      `json:"points"` // their points
	Themes []ThemeShare `json:"themes"` // every theme in input order, then the unassigned bucket
}

// ComputeThemeCoverage computes the share of done work, in items and in
// points, per strategic theme over the delivery items (PRODUCT §4.0) whose
// done day (PRODUCT §4.2, in loc) lies in p, next to each theme's target
// share (PRODUCT §4.16).
//
// items should hold every item of the portfolio, epics and features
// included: an item without a theme of its own takes the theme of its
// nearest ancestor that has one (story → feature → epic). Items whose theme
// is not among themes, or that find none, go to the "unassigned" bucket.
// Items without points count as 0 points. Cancelled items are never done.
func ComputeThemeCoverage(items []backend.ItemFlow, themes []backend.Theme, p Period, loc *time.Location) ThemeCoverage {
	if loc == nil {
		loc = time.UTC
	}
	byID := make(map[int64]*backend.ItemFlow, len(items))
	for i := range items {
		byID[items[i].ID] = &items[i]
	}
	rows := make([]ThemeShare, 0, len(themes)+1)
	rowOf := map[int64]int{}
	for _, th := range themes {
		rowOf[th.ID] = len(rows)
		rows = append(rows, ThemeShare{ThemeID: th.ID, Name: th.Name, TargetShare: Of(th.TargetShare)})
	}
	unassigned := len(rows)
	rows = append(rows, ThemeShare{Name: UnassignedTheme, TargetShare: NA("unassigned work has no target share")})

	out := ThemeCoverage{Period: p.String()}
	for i := range items {
		it := &items[i]
		if !it.Type.IsDelivery() {
			continue
		}
		d := DatesOf(it.Changes, loc)
		if !d.Done || !p.Contains(d.DoneOn) {
			continue
		}
		row, ok := rowOf[inheritedThemeID(it, byID)]
		if !ok {
			row = unassigned
		}
		pts := 0.0
		if it.Points != nil {
			pts = *it.Points
		}
		rows[row].Items++
		rows[row].Points += pts
		rows[row].ItemIDs = append(rows[row].ItemIDs, it.ID)
		out.Items++
		out.Points += pts
	}
	for i := range rows {
		rows[i].ItemShare = Ratio(float64(rows[i].Items), float64(out.Items), "no delivery items done in the period")
		rows[i].PointShare = Ratio(rows[i].Points, out.Points, "no points on the delivery items done in the period")
		rows[i].ItemIDs = traceIDs(rows[i].ItemIDs)
	}
	out.Themes = rows
	return out
}

// inheritedThemeID is the item's theme, else its nearest ancestor's; 0 when
// none. A walk longer than the number of items is a parent cycle and ends.
func inheritedThemeID(it *backend.ItemFlow, byID map[int64]*backend.ItemFlow) int64 {
	for steps := 0; it != nil && steps <= len(byID); steps++ {
		if it.ThemeID != 0 {
			return it.ThemeID
		}
		if it.ParentID == 0 {
			return 0
		}
		it = byID[it.ParentID]
	}
	return 0
}
