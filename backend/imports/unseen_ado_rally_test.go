package imports_test

import (
	"testing"

	"github.com/throughline/throughline/backend/imports"
)

// TestUnseenADO maps Azure DevOps query exports the older fixtures do not
// cover: an Agile-process flat query exported to CSV with every value
// quoted, a BOM, CRLF, US dates with seconds and AM/PM, Reason, Board
// Column, a Parent column and a Removed item; and a four-level tree query
// (Title 1…Title 4) from a Scrum-process project with day/month/year dates
// and no Changed Date.
func TestUnseenADO(t *testing.T) {
	heron := func(w wantItem) wantItem { w.team, w.program = "Team Heron", "Returns"; return w }
	puffin := func(w wantItem) wantItem { w.team, w.program = "Team Puffin", "Open Banking"; return w }
	runUnseen(t, []unseenCase{
		{name: "AgileFlatQueryQuotedBOMCRLFUSDates", path: "ado-agile-query.csv", format: imports.FormatADO, rows: 8,
			keys: []string{"8801", "8810", "8821", "8822", "8823", "8824", "8825", "8826"},
			items: []wantItem{
				// An epic at the program's area path: the last segment is its team.
				{key: "8801", typ: "epic", raw: "Epic", title: "Self-service returns", team: "Returns", status: "Active", labels: "returns,q1-okr",
					points: -1, created: "2026-01-06 09:00", updated: "2026-02-23 17:12", history: "New@2026-01-06 09:00 > Active@2026-01-19 10:00"},
				heron(wantItem{key: "8810", typ: "feature", raw: "Feature", title: "Return label in the app", status: "Active", parent: "8801",
					labels: "returns", points: -1, sprints: []string{"PI 2026.1"}, created: "2026-01-13 09:30", updated: "2026-02-24 11:00",
					history: "New@2026-01-13 09:30 > Active@2026-01-26 08:00"}),
				heron(wantItem{key: "8821", typ: "story", raw: "User Story", title: "Print a QR code instead of a label", status: "Closed", parent: "8810",
					labels: "qr,mobile", points: 5, sprints: []string{"Sprint 2"}, created: "2026-01-14 14:15", resolved: "2026-02-06 10:00", updated: "2026-02-06 10:00",
					history: "New@2026-01-14 14:15 > Active@2026-01-27 09:05 > Resolved@2026-02-05 16:40 > Closed@2026-02-06 10:00"}),
				heron(wantItem{key: "8822", typ: "story", raw: "User Story", title: "Drop-off points on a map", status: "Resolved", parent: "8810",
					points: 8, sprints: []string{"Sprint 3"}, created: "2026-01-14 14:20", resolved: "2026-02-20 15:00", updated: "2026-02-21 08:30",
					history: "New@2026-01-14 14:20 > Active@2026-02-09 09:00 > Resolved@2026-02-20 15:00"}),
				heron(wantItem{key: "8823", typ: "bug", raw: "Bug", title: "QR code unreadable in dark mode", status: "Active", parent: "8821",
					labels: "qr,dark-mode,production", points: 1, sprints: []string{"Sprint 3"}, created: "2026-02-12 08:45", updated: "2026-02-23 09:15",
					history: "New@2026-02-12 08:45 > Active@2026-02-13 11:30"}),
				heron(wantItem{key: "8824", typ: "story", raw: "User Story", title: "Refund to store credit", status: "New", parent: "8810",
					points: 3, sprints: []string{"PI 2026.1"}, created: "2026-02-16 13:00", updated: "2026-02-16 13:00", history: "New@2026-02-16 13:00"}),
				// Removed without a Closed Date: removed at its State Change Date.
				heron(wantItem{key: "8825", typ: "story", raw: "User Story", title: "Return by courier pickup", status: "Removed", parent: "8810",
					points: -1, sprints: []string{"PI 2026.1"}, created: "2026-01-20 10:00", updated: "2026-02-02 15:30",
					history: "New@2026-01-20 10:00 > Removed@2026-02-02 15:30"}),
				heron(wantItem{key: "8826", typ: "task", raw: "Task", title: "Load-test the label service", status: "Closed", parent: "8821",
					points: -1, sprints: []string{"Sprint 2"}, created: "2026-01-28 09:00", resolved: "2026-02-03 18:00", updated: "2026-02-03 18:00",
					history: "New@2026-01-28 09:00 > Active@2026-01-29 09:00 > Closed@2026-02-03 18:00"}),
			},
			// Every Closed Date has a day of 12 or less; the export writes all
			// its dates alike, so the column follows the others, with a note.
			problems: []string{`ado-agile-query.csv, column P (Closed Date): has dates such as "2/6/2026 10:00:00 AM", "2/3/2026 6:00:00 PM" that read as day/month or as month/day; they are read as month/day/year`}},

		{name: "ScrumTreeQueryFourLevelsDayFirst", path: "ado-tree-query-en-gb.csv", format: imports.FormatADO, rows: 7,
			keys: []string{"9100", "9110", "9111", "9112", "9113", "9114", "9120"},
			items: []wantItem{
				{key: "9100", typ: "epic", raw: "Epic", title: "Open banking", team: "Open Banking", status: "In Progress", points: -1,
					created: "2026-01-05 09:00", history: "New@2026-01-05 09:00 > Active@2026-01-19 08:30 > In Progress@2026-01-19 08:30"},
				puffin(wantItem{key: "9110", typ: "feature", raw: "Feature", title: "Account aggregation", status: "In Progress", parent: "9100", labels: "psd2",
					points: -1, sprints: []string{"2026 Q1"}, created: "2026-01-07 10:00",
					history: "New@2026-01-07 10:00 > Active@2026-01-26 09:00 > In Progress@2026-01-26 09:00"}),
				puffin(wantItem{key: "9111", typ: "story", raw: "Product Backlog Item", title: "Consent screen", status: "Done", parent: "9110",
					labels: "consent,ux", points: 5, sprints: []string{"Sprint 1"}, created: "2026-01-08 11:15", resolved: "2026-02-06 17:05",
					history: "New@2026-01-08 11:15 > Active@2026-01-27 09:30 > Done@2026-02-06 17:05"}),
				puffin(wantItem{key: "9112", typ: "task", raw: "Task", title: "Copy review with legal", status: "Done", parent: "9111", points: -1,
					sprints: []string{"Sprint 1"}, created: "2026-01-27 10:00", resolved: "2026-01-30 12:00",
					history: "New@2026-01-27 10:00 > Active@2026-01-28 09:00 > Done@2026-01-30 12:00"}),
				puffin(wantItem{key: "9113", typ: "story", raw: "Product Backlog Item", title: "Token refresh", status: "Committed", parent: "9110",
					points: 3, sprints: []string{"Sprint 2"}, created: "2026-01-15 14:40", history: "New@2026-01-15 14:40 > Committed@2026-02-16 09:00"}),
				puffin(wantItem{key: "9114", typ: "bug", raw: "Bug", title: "Duplicate accounts after relink", status: "Approved", parent: "9110",
					points: 2, sprints: []string{"Sprint 2"}, created: "2026-02-17 16:20", history: "New@2026-02-17 16:20 > Approved@2026-02-17 16:20"}),
				puffin(wantItem{key: "9120", typ: "feature", raw: "Feature", title: "Payment initiation", status: "New", parent: "9100", points: -1,
					sprints: []string{"2026 Q2"}, created: "2026-01-09 13:00", history: "New@2026-01-09 13:00"}),
			}},
	})
}

// TestUnseenRally maps Rally exports the older fixtures do not cover: a
// grid export of an iteration with US/DE/TA/F ids, "In Progress Date"
// without its hyphen, month/day/year dates with AM/PM, task totals, a
// blocked story and an Idea; and a portfolio-item export (features and an
// initiative), which has a State instead of a Schedule State and Rally's
// rolled-up Actual Start/End Dates.
func TestUnseenRally(t *testing.T) {
	marten := func(w wantItem) wantItem { w.team = "Team Marten"; return w }
	runUnseen(t, []unseenCase{
		{name: "IterationGridExportUSDates", path: "rally-iteration-export.csv", format: imports.FormatRally, rows: 7,
			keys: []string{"US4310", "US4311", "US4312", "DE877", "TA2290", "US4313", "F412"},
			items: []wantItem{
				marten(wantItem{key: "US4310", typ: "story", raw: "User Story", title: "Reorder from past orders", status: "Accepted", parent: "F412",
					pi: "2026 Q1", labels: "mobile", points: 5, sprints: []string{"Sprint 2026-03"}, created: "2026-01-05 09:12",
					resolved: "2026-01-23 16:30", updated: "2026-01-23 16:30",
					history: "Defined@2026-01-05 09:12 > In-Progress@2026-01-14 10:00 > Accepted@2026-01-23 16:30"}),
				marten(wantItem{key: "US4311", typ: "story", raw: "User Story", title: "Reorder with substitutions", status: "In-Progress", parent: "F412",
					pi: "2026 Q1", points: 8, sprints: []string{"Sprint 2026-04"}, created: "2026-01-05 09:20", updated: "2026-02-20 11:45",
					history: "Defined@2026-01-05 09:20 > In-Progress@2026-01-28 09:00"}),
				marten(wantItem{key: "US4312", typ: "story", raw: "User Story", title: "Reorder reminder push", status: "Completed", parent: "F412",
					pi: "2026 Q1", labels: "push", points: 3, sprints: []string{"Sprint 2026-04"}, created: "2026-01-16 14:00", updated: "2026-02-19 17:00",
					history: "Defined@2026-01-16 14:00 > In-Progress@2026-02-02 08:30 > Completed@2026-02-19 17:00"}),
				marten(wantItem{key: "DE877", typ: "bug", raw: "Defect", title: "Reorder button hidden on tablets", status: "Defined", parent: "US4310",
					pi: "2026 Q1", points: 1, sprints: []string{"Sprint 2026-04"}, created: "2026-02-18 15:15", updated: "2026-02-18 15:15",
					history: "Defined@2026-02-18 15:15"}),
				marten(wantItem{key: "TA2290", typ: "task", raw: "Task", title: "Write the reorder API contract", status: "Completed", parent: "US4310",
					pi: "2026 Q1", points: -1, sprints: []string{"Sprint 2026-03"}, created: "2026-01-14 10:05", updated: "2026-01-16 12:00",
					history: "Defined@2026-01-14 10:05 > In-Progress@2026-01-14 10:30 > Completed@2026-01-16 12:00"}),
				marten(wantItem{key: "US4313", typ: "story", raw: "User Story", title: "Reorder for guest checkout", status: "Idea", parent: "F412",
					points: -1, created: "2026-02-23 10:00", updated: "2026-02-23 10:00", history: "Idea@2026-02-23 10:00"}),
				marten(wantItem{key: "F412", typ: "feature", raw: "Feature", title: "One-tap reorder", status: "In-Progress", parent: "I37", pi: "2026 Q1",
					points: -1, created: "2025-12-15 11:00", updated: "2026-02-20 11:45", history: "Defined@2025-12-15 11:00 > In-Progress@2026-01-14 10:00"}),
			},
			problems: []string{`rally-iteration-export.csv, row 3, column O (Blocked): "true" says the item is blocked ("Waiting on the pricing service")`}},

		{name: "PortfolioItemsStateAndActualDates", path: "rally-portfolio-features.csv", format: imports.FormatRally, rows: 4,
			keys: []string{"F412", "F413", "F414", "I37"},
			items: []wantItem{
				marten(wantItem{key: "F412", typ: "feature", raw: "Feature", title: "One-tap reorder", status: "Developing", parent: "I37", pi: "2026 Q1",
					points: -1, created: "2025-12-15 11:00", updated: "2026-02-20 11:45", history: "Created@2025-12-15 11:00 > Developing@2026-01-14 10:00"}),
				marten(wantItem{key: "F413", typ: "feature", raw: "Feature", title: "Pay later at checkout", status: "Done", parent: "I37", pi: "2026 Q1",
					points: -1, created: "2025-12-16 09:00", resolved: "2026-02-24 16:00", updated: "2026-02-25 08:15",
					history: "Created@2025-12-16 09:00 > In-Progress@2026-01-12 09:30 > Done@2026-02-24 16:00"}),
				marten(wantItem{key: "F414", typ: "feature", raw: "Feature", title: "Gift cards", status: "Discovering", parent: "I38", pi: "2026 Q2",
					points: -1, created: "2026-01-20 14:30", updated: "2026-02-02 10:00", history: "Created@2026-01-20 14:30 > Discovering@2026-02-02 10:00"}),
				{key: "I37", typ: "epic", raw: "Initiative", title: "Repeat purchases", team: "Marten ART", status: "Developing", points: -1,
					created: "2025-11-28 10:00", updated: "2026-02-25 08:15", history: "Created@2025-11-28 10:00 > Developing@2026-01-12 09:30"},
			}},
	})
}
