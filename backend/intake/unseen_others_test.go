package intake_test

import (
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/intake"
	"github.com/throughline/throughline/backend/sqlite"
)

// TestUnseenADORallyAndSheetImports runs the unseen Azure DevOps and Rally
// exports and two workbooks (an ADO tree query as "Open in Excel" writes
// it; a team's hand-made flow sheet) through the real pipeline.
func TestUnseenADORallyAndSheetImports(t *testing.T) {
	runUnseenImports(t, []unseenImport{
		{name: "ADOAgileFlatQuery", src: file("ado-agile-query.csv"), format: "ado", delimiter: ",", rows: 8, created: 8, history: 19,
			warnings: []wantProblem{{column: "P", header: "Closed Date", reason: "they are read as month/day/year, like the other date columns"}},
			items: map[string]storedItem{
				"ado/8821": {typ: "story", team: "Team Heron", program: "Returns", status: "Closed", parent: "8810", created: "2026-01-14T13:15:00Z",
					resolved: "2026-02-06T09:00:00Z", points: 5,
					history: ">New@2026-01-14T13:15:00Z New>Active@2026-01-27T08:05:00Z Active>Resolved@2026-02-05T15:40:00Z Resolved>Closed@2026-02-06T09:00:00Z"},
				"ado/8825": {typ: "story", team: "Team Heron", program: "Returns", status: "Removed", parent: "8810", created: "2026-01-20T09:00:00Z",
					points: -1, history: ">New@2026-01-20T09:00:00Z New>Removed@2026-02-02T14:30:00Z"},
			},
			check: stages(map[string]backend.Stage{"New": backend.StageBacklog, "Active": backend.StageActive, "Resolved": backend.StageWaiting,
				"Closed": backend.StageDone, "Removed": backend.StageRemoved})},

		{name: "ADOScrumTreeQueryDayFirst", src: file("ado-tree-query-en-gb.csv"), format: "ado", delimiter: ",", rows: 7, created: 7, history: 17,
			items: map[string]storedItem{
				"ado/9111": {typ: "story", team: "Team Puffin", program: "Open Banking", status: "Done", parent: "9110", created: "2026-01-08T10:15:00Z",
					resolved: "2026-02-06T16:05:00Z", points: 5,
					history: ">New@2026-01-08T10:15:00Z New>Active@2026-01-27T08:30:00Z Active>Done@2026-02-06T16:05:00Z"},
				"ado/9112": {typ: "task", team: "Team Puffin", program: "Open Banking", status: "Done", parent: "9111", created: "2026-01-27T09:00:00Z",
					resolved: "2026-01-30T11:00:00Z", points: -1,
					history: ">New@2026-01-27T09:00:00Z New>Active@2026-01-28T08:00:00Z Active>Done@2026-01-30T11:00:00Z"},
			},
			check: stages(map[string]backend.Stage{"Approved": backend.StageReady, "Committed": backend.StageReady, "In Progress": backend.StageActive})},

		{name: "ADOTreeQueryOpenInExcel", src: func(t *testing.T) intake.Source {
			return intake.Source{Name: "returns-tree.xlsx", Data: adoExcelTreeBook(t)}
		},
			format: "ado", rows: 5, created: 5, history: 11,
			items: map[string]storedItem{
				"ado/8826": {typ: "task", team: "Team Heron", program: "Returns", status: "Closed", parent: "8821", created: "2026-01-28T08:00:00Z",
					resolved: "2026-02-03T17:00:00Z", points: -1,
					history: ">New@2026-01-28T08:00:00Z New>Active@2026-01-29T08:00:00Z Active>Closed@2026-02-03T17:00:00Z"},
				"ado/8827": {typ: "story", team: "Team Heron", program: "Returns", status: "Active", parent: "8810", created: "2026-02-10T10:00:00Z",
					points: 0.5, history: ">New@2026-02-10T10:00:00Z New>Active@2026-02-16T08:00:00Z"},
			},
			check: func(t *testing.T, _ *sqlite.DB, r intake.FileReport) {
				if s := r.Sheets[0]; s.HeaderRow != 2 || s.Format != "ado" || s.RowsRead != 5 {
					t.Errorf("sheet %+v, want the header in row 2 below the query banner", s)
				}
			}},

		{name: "RallyIterationExport", src: file("rally-iteration-export.csv"), format: "rally", delimiter: ",", rows: 7, created: 7, history: 15,
			warnings: []wantProblem{{row: 3, column: "O", header: "Blocked", value: "true", reason: "says the item is blocked"},
				{row: 8, value: "I37", reason: "is the parent F412 names, but it is neither in this file nor in the portfolio"}},
			items: map[string]storedItem{
				"rally/US4312": {typ: "story", team: "Team Marten", program: "Unassigned", status: "Completed", parent: "F412", created: "2026-01-16T13:00:00Z",
					points: 3, history: ">Defined@2026-01-16T13:00:00Z Defined>In-Progress@2026-02-02T07:30:00Z In-Progress>Completed@2026-02-19T16:00:00Z"},
				"rally/DE877": {typ: "bug", team: "Team Marten", program: "Unassigned", status: "Defined", parent: "US4310", created: "2026-02-18T14:15:00Z",
					points: 1, history: ">Defined@2026-02-18T14:15:00Z"},
			},
			check: stages(map[string]backend.Stage{"Idea": backend.StageBacklog, "Defined": backend.StageReady, "In-Progress": backend.StageActive,
				"Completed": backend.StageWaiting, "Accepted": backend.StageDone})},

		// A workspace names its portfolio states; no default maps them, and
		// the import says so.
		{name: "RallyPortfolioItems", src: file("rally-portfolio-features.csv"), format: "rally", delimiter: ",", rows: 4, created: 4, history: 9,
			warnings: []wantProblem{notMapped(2, "Developing"), notMapped(4, "Discovering"),
				{row: 4, value: "I38", reason: "is the parent F414 names, but it is neither in this file nor in the portfolio"}},
			items: map[string]storedItem{
				"rally/F413": {typ: "feature", team: "Team Marten", program: "Unassigned", status: "Done", parent: "I37", created: "2025-12-16T08:00:00Z",
					resolved: "2026-02-24T15:00:00Z", points: -1,
					history: ">Created@2025-12-16T08:00:00Z Created>In-Progress@2026-01-12T08:30:00Z In-Progress>Done@2026-02-24T15:00:00Z"},
				"rally/I37": {typ: "epic", team: "Marten ART", program: "Unassigned", status: "Developing", created: "2025-11-28T09:00:00Z",
					points: -1, history: ">Created@2025-11-28T09:00:00Z Created>Developing@2026-01-12T08:30:00Z"},
			}},

		{name: "HandMadeFlowWorkbook", src: func(t *testing.T) intake.Source {
			return intake.Source{Name: "osprey-flow.xlsx", Data: ospreyFlowBook(t)}
		},
			format: "stages+sprints", rows: 9, created: 6, history: 20,
			warnings: []wantProblem{
				{sheet: "Flow Q1", row: 11, value: "Total", reason: "looks like a total or footer line"},
				{sheet: "Flow Q1", row: 13, value: "Source: Osprey board", reason: "looks like a total or footer line"},
			},
			items: map[string]storedItem{
				// Review typed as text (2026-01-22) among date cells.
				"sheet/OSP-3": {typ: "bug", status: "Review", created: "2026-01-18T23:00:00Z", points: 1,
					history: ">Backlog@2026-01-18T23:00:00Z Backlog>In Progress@2026-01-19T23:00:00Z In Progress>Review@2026-01-21T23:00:00Z"},
				"sheet/OSP-6": {typ: "enabler", status: "Done", created: "2026-02-02T23:00:00Z", resolved: "2026-02-05T23:00:00Z", points: 2,
					history: ">Backlog@2026-02-02T23:00:00Z Backlog>In Progress@2026-02-03T23:00:00Z In Progress>Done@2026-02-05T23:00:00Z"},
			},
			check: func(t *testing.T, _ *sqlite.DB, r intake.FileReport) {
				want := []struct {
					name, format string
					header, rows int
					skipped      bool
				}{{"Flow Q1", "stages", 3, 6, false}, {"Sprints", "sprints", 3, 3, false}, {"Read me", "", 0, 0, true}}
				if len(r.Sheets) != len(want) {
					t.Fatalf("sheets %+v", r.Sheets)
				}
				for i, w := range want {
					s := r.Sheets[i]
					if s.Name != w.name || s.Format != w.format || (w.header > 0 && s.HeaderRow != w.header) || s.RowsRead != w.rows || (s.Skipped != "") != w.skipped {
						t.Errorf("sheet %d = %+v, want %+v", i, s, w)
					}
				}
			}},

		// Analysis and Test are stage names a sheet uses, but no default
		// maps them yet.
		{name: "HandMadeTwoRowHeader", src: func(t *testing.T) intake.Source {
			return intake.Source{Name: "wren-cycle.xlsx", Data: wrenCycleBook(t)}
		},
			format: "stages", rows: 3, created: 3, history: 9,
			warnings: []wantProblem{notMapped(5, "Analysis"), notMapped(5, "Test")},
			items: map[string]storedItem{
				"sheet/WRN-1": {typ: "story", team: "Team Wren", program: "Unassigned", status: "Live", created: "2026-02-01T23:00:00Z",
					resolved: "2026-02-11T23:00:00Z", points: -1,
					history: ">Backlog@2026-02-01T23:00:00Z Backlog>Analysis@2026-02-02T23:00:00Z Analysis>Build@2026-02-04T23:00:00Z Build>Test@2026-02-09T23:00:00Z Test>Live@2026-02-11T23:00:00Z"},
			},
			check: func(t *testing.T, _ *sqlite.DB, r intake.FileReport) {
				if s := r.Sheets[0]; s.HeaderRow != 4 || len(s.Preview.Columns) != 9 || s.Preview.Columns[4] != "E (Backlog)" || s.Preview.Columns[0] != "A (Key)" {
					t.Errorf("sheet %+v, want one header from rows 3 and 4", s)
				}
			}},
	})
}
