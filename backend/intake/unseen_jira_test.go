package intake_test

import (
	"context"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/intake"
	"github.com/throughline/throughline/backend/sqlite"
)

// stages checks how the report's statuses map.
func stages(want map[string]backend.Stage) func(t *testing.T, db *sqlite.DB, r intake.FileReport) {
	return func(t *testing.T, _ *sqlite.DB, r intake.FileReport) {
		t.Helper()
		got := map[string]backend.Stage{}
		for _, s := range r.Statuses {
			got[s.Status] = s.Stage
		}
		for status, stage := range want {
			if got[status] != stage {
				t.Errorf("status %q maps to %q, want %q (all: %v)", status, got[status], stage, got)
			}
		}
	}
}

// TestUnseenJiraImports runs the unseen Jira exports through the real
// pipeline into a portfolio file.
func TestUnseenJiraImports(t *testing.T) {
	runUnseenImports(t, []unseenImport{
		{name: "CloudAllFields", src: file("jira-cloud-all-fields.csv"), format: "jira", delimiter: ",", rows: 7, created: 7, history: 14,
			warnings: []wantProblem{{row: 10, column: "BA", header: "Parent", value: "10990", reason: "is a Jira issue id that is not in this file"}},
			items: map[string]storedItem{
				"jira/HBR-211": {typ: "story", team: "Team Kestrel", program: "Unassigned", status: "Done", parent: "HBR-210", created: "2026-01-12T09:30:00Z",
					resolved: "2026-02-03T16:45:00Z", points: 5,
					history: ">Created@2026-01-12T09:30:00Z Created>In Progress@2026-01-13T23:00:00Z In Progress>Done@2026-02-03T16:45:00Z"},
				"jira/HBR-213": {typ: "subtask", team: "Team Kestrel", program: "Unassigned", status: "Done", parent: "HBR-211", created: "2026-01-13T08:00:00Z",
					resolved: "2026-01-30T13:00:00Z", points: -1, history: ">Created@2026-01-13T08:00:00Z Created>Done@2026-01-30T13:00:00Z"},
				"jira/HBR-215": {typ: "story", team: "Team Kestrel", program: "Unassigned", status: "Won't Do", created: "2026-01-22T15:00:00Z",
					resolved: "2026-02-10T08:30:00Z", points: 3, history: ">Created@2026-01-22T15:00:00Z Created>Won't Do@2026-02-10T08:30:00Z"},
				"jira/HBR-216": {typ: "story", team: "Team Kestrel", program: "Unassigned", status: "In Progress", created: "2026-02-16T10:45:00Z",
					points: 3, history: ">Created@2026-02-16T10:45:00Z Created>In Progress@2026-02-16T23:00:00Z"},
			},
			check: stages(map[string]backend.Stage{"Created": backend.StageBacklog, "To Do": backend.StageBacklog, "In Progress": backend.StageActive,
				"In Review": backend.StageWaiting, "Done": backend.StageDone, "Won't Do": backend.StageRemoved})},

		{name: "ChangelogAfterTheItems", before: []string{"jira-cloud-all-fields.csv"}, src: file("jira-changelog-rest.csv"),
			format: "jira_history", delimiter: ",", rows: 10, history: 6,
			check: func(t *testing.T, db *sqlite.DB, _ intake.FileReport) {
				h := stored(t, db, "jira", "HBR-212").history
				for _, want := range []string{"To Do>In Progress@2026-02-03T08:30:00Z", "In Progress>In Review@2026-02-04T10:20:00Z"} {
					if !strings.Contains(h, want) {
						t.Errorf("HBR-212 history %s lacks %s", h, want)
					}
				}
			}},

		{name: "CloudSemicolonGermanStatusesTeamIDs", src: file("jira-cloud-semicolon.csv"), format: "jira", delimiter: ";", rows: 4, created: 4, history: 8,
			warnings: []wantProblem{{column: "V", header: "Custom field (Team)", value: "c0ffee00-aaaa-4bbb-8ccc-0123456789ab-1043",
				reason: "is a team id, not a team name (4 rows, the first in row 2)"}},
			items: map[string]storedItem{
				"jira/LAG-31": {typ: "story", team: "Lager Süd", program: "Unassigned", status: "Fertig", parent: "LAG-30", created: "2026-02-02T07:10:00Z",
					resolved: "2026-02-20T15:40:00Z", points: 5,
					history: ">Created@2026-02-02T07:10:00Z Created>In Progress@2026-02-03T23:00:00Z In Progress>Fertig@2026-02-20T15:40:00Z"},
				"jira/LAG-32": {typ: "story", team: "Lager Süd", program: "Unassigned", status: "In Arbeit", parent: "LAG-30", created: "2026-02-09T12:30:00Z",
					points: 2.5, history: ">Created@2026-02-09T12:30:00Z Created>In Arbeit@2026-02-18T08:00:00Z"},
			},
			// Jira's status categories map the German status names.
			check: stages(map[string]backend.Stage{"Zu erledigen": backend.StageBacklog, "In Arbeit": backend.StageActive, "Fertig": backend.StageDone})},

		{name: "StatusTransitionsAfterTheItems", before: []string{"jira-cloud-semicolon.csv"}, src: file("jira-status-transitions.csv"),
			format: "jira_history", delimiter: ";", rows: 5, history: 5,
			check: stages(map[string]backend.Stage{"Review": backend.StageWaiting})},

		{name: "CloudCaret", src: file("jira-cloud-caret.csv"), format: "jira", delimiter: "^", rows: 3, created: 3, history: 5,
			items: map[string]storedItem{
				"jira/FLT-8": {typ: "task", team: "Fleet", program: "Unassigned", status: "In Progress", created: "2026-02-09T13:30:00Z", points: 3,
					history: ">Created@2026-02-09T13:30:00Z Created>In Progress@2026-02-12T09:00:00Z"},
			}},

		{name: "SavedAsWorkbook", src: func(t *testing.T) intake.Source {
			return intake.Source{Name: "port-ops.xlsx", Data: jiraSavedAsWorkbook(t)}
		},
			format: "jira", rows: 3, created: 3, history: 6,
			items: map[string]storedItem{
				"jira/PRT-21": {typ: "story", team: "Port Ops", program: "Unassigned", status: "Done", parent: "PRT-20", created: "2026-01-08T09:00:00Z",
					resolved: "2026-01-30T14:30:00Z", points: 3, history: ">Created@2026-01-08T09:00:00Z Created>Done@2026-01-30T14:30:00Z"},
				"jira/PRT-22": {typ: "story", team: "Port Ops", program: "Unassigned", status: "In Progress", parent: "PRT-20", created: "2026-01-20T12:45:00Z",
					points: 0.5, history: ">Created@2026-01-20T12:45:00Z Created>In Progress@2026-02-03T08:30:00Z"},
			}},

		{name: "DataCenterCurrentFields", src: file("jira-dc-current-fields.csv"), opts: intake.Options{Team: "Team Albatross"},
			format: "jira", delimiter: ",", rows: 6, created: 5, history: 10,
			rejected: []wantProblem{{row: 6, column: "A", header: "Issue Type", value: "Change Request", reason: "is not an item type"}},
			items: map[string]storedItem{
				"jira/CRM-42": {typ: "story", team: "Team Albatross", program: "Unassigned", status: "Reopened", parent: "CRM-40", created: "2026-01-12T10:30:00Z",
					points: 3, history: ">Created@2026-01-12T10:30:00Z Created>Reopened@2026-02-24T09:15:00Z"},
			},
			check: stages(map[string]backend.Stage{"Reopened": backend.StageActive, "Resolved": backend.StageDone, "Open": backend.StageBacklog})},
	})
}

// TestUnseenJiraExcelExport: Jira's "Excel" export is an HTML table named
// .xls; it is refused as a web page, and nothing is stored.
func TestUnseenJiraExcelExport(t *testing.T) {
	db := berlinDB(t)
	reps, err := intake.Import(context.Background(), db, []intake.Source{fixture(t, "unseen/jira-excel-export.xls")}, intake.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := db.Counts(context.Background())
	if r := reps[0]; r.Stored || c.Items != 0 || !strings.Contains(r.Error, "jira-excel-export.xls is a web page (HTML)") {
		t.Fatalf("report %+v, %d items stored", r, c.Items)
	}
}
