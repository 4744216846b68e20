package imports_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/imports"
)

// TestUnseenJira maps Jira exports the older fixtures do not cover: Jira
// Cloud's "all fields" export with its renamed repeated columns (Fix
// versions, Components, Watchers Id), a UTF-8 BOM, CRLF and multi-line
// descriptions; the semicolon and caret delimiters the Cloud export dialog
// offers, with day.month.year dates, decimal-comma points, German status
// names and the Team field holding a team id; Data Center's "current
// fields" export with Key, Epic Link and a custom issue type; issues a
// script wrote from Data Center's REST API (sprints as greenhopper object
// strings, status category keys, ISO times with offsets); a changelog
// written by a REST script (status ids beside names, other fields mixed
// in); and a marketplace app's status-transition table.
func TestUnseenJira(t *testing.T) {
	runUnseen(t, []unseenCase{
		{name: "CloudAllFieldsBOMCRLFRenamedRepeats", path: "jira-cloud-all-fields.csv", format: imports.FormatJira, rows: 7,
			keys: []string{"HBR-210", "HBR-211", "HBR-212", "HBR-213", "HBR-214", "HBR-215", "HBR-216"},
			items: []wantItem{
				{key: "HBR-210", typ: "epic", raw: "Epic", title: "Customs paperwork, digital", team: "Team Kestrel", status: "In Progress",
					labels: "customs", component: "Customs", points: -1, created: "2026-01-05 09:00", updated: "2026-02-20 16:12",
					history: "Created@2026-01-05 09:00 > In Progress@2026-01-12 00:00"},
				{key: "HBR-211", typ: "story", raw: "Story", title: "Pre-fill the T1 form from the manifest", team: "Team Kestrel", status: "Done",
					parent: "HBR-210", labels: "customs,eu,q1", component: "Customs,Portal", points: 5, sprints: []string{"HBR Sprint 4", "HBR Sprint 5"},
					created: "2026-01-12 10:30", resolved: "2026-02-03 17:45", updated: "2026-02-03 17:45",
					history: "Created@2026-01-12 10:30 > In Progress@2026-01-14 00:00 > Done@2026-02-03 17:45"},
				{key: "HBR-212", typ: "bug", raw: "Bug", title: "Weight rounds to whole tonnes", team: "Team Kestrel", status: "In Review",
					parent: "HBR-210", labels: "weights", component: "Portal", points: 2, sprints: []string{"HBR Sprint 5"},
					created: "2026-02-02 08:05", updated: "2026-02-23 10:00", history: "Created@2026-02-02 08:05 > In Review@2026-02-04 11:20"},
				{key: "HBR-213", typ: "subtask", raw: "Subtask", title: "Map HS codes to the tariff table", team: "Team Kestrel", status: "Done",
					parent: "HBR-211", component: "Customs", points: -1, sprints: []string{"HBR Sprint 4"},
					created: "2026-01-13 09:00", resolved: "2026-01-30 14:00", updated: "2026-01-30 14:00",
					history: "Created@2026-01-13 09:00 > Done@2026-01-30 14:00"},
				{key: "HBR-214", typ: "task", raw: "Task", title: "Archive filed forms for 7 years", team: "Team Kestrel", status: "To Do",
					parent: "HBR-210", labels: "compliance", points: 0.5, created: "2026-02-18 13:15", updated: "2026-02-18 13:15",
					history: "To Do@2026-02-18 13:15"},
				{key: "HBR-215", typ: "story", raw: "Story", title: "Fax gateway for the port authority", team: "Team Kestrel", status: "Won't Do",
					points: 3, created: "2026-01-22 16:00", resolved: "2026-02-10 09:30", updated: "2026-02-10 09:30",
					history: "Created@2026-01-22 16:00 > Won't Do@2026-02-10 09:30"},
				{key: "HBR-216", typ: "story", raw: "Story", title: "Show the vessel's ETA on the form", team: "Team Kestrel", status: "In Progress",
					labels: "eta", component: "Portal", points: 3, sprints: []string{"HBR Sprint 5"}, created: "2026-02-16 11:45", updated: "2026-02-24 09:10",
					history: "Created@2026-02-16 11:45 > In Progress@2026-02-17 00:00"},
			},
			// The description of HBR-211 spans three lines: HBR-216 is on line 10.
			problems: []string{`jira-cloud-all-fields.csv, row 10, column BA (Parent): "10990" is a Jira issue id that is not in this file`}},

		{name: "CloudSemicolonDottedDatesDecimalCommaTeamIDs", path: "jira-cloud-semicolon.csv", format: imports.FormatJira, rows: 4,
			keys: []string{"LAG-31", "LAG-32", "LAG-33", "LAG-30"},
			items: []wantItem{
				{key: "LAG-31", typ: "story", raw: "Story", title: "Lagerplätze per Scanner buchen", team: "Lager Süd", status: "Fertig", parent: "LAG-30",
					labels: "scanner,lager", points: 5, sprints: []string{"LAG Sprint 7", "LAG Sprint 8"},
					created: "2026-02-02 08:10", resolved: "2026-02-20 16:40", updated: "2026-02-20 16:40",
					history: "Created@2026-02-02 08:10 > In Progress@2026-02-04 00:00 > Fertig@2026-02-20 16:40"},
				{key: "LAG-32", typ: "story", raw: "Story", title: "Inventur-Export als CSV", team: "Lager Süd", status: "In Arbeit", parent: "LAG-30",
					labels: "export", points: 2.5, sprints: []string{"LAG Sprint 8"}, created: "2026-02-09 13:30", updated: "2026-02-23 11:11",
					history: "Created@2026-02-09 13:30 > In Arbeit@2026-02-18 09:00"},
				{key: "LAG-33", typ: "bug", raw: "Bug", title: "Etikettendrucker druckt doppelt", team: "Lager Süd", status: "Zu erledigen",
					labels: "drucker", points: 1, created: "2026-02-19 10:05", updated: "2026-02-19 10:05", history: "Zu erledigen@2026-02-19 10:05"},
				{key: "LAG-30", typ: "epic", raw: "Epic", title: "Lager digital", team: "Lager Süd", status: "In Arbeit", points: -1,
					created: "2026-01-15 09:00", updated: "2026-02-20 16:40", history: "Created@2026-01-15 09:00 > In Arbeit@2026-02-03 07:55"},
			},
			problems: []string{`jira-cloud-semicolon.csv, column V (Custom field (Team)): "c0ffee00-aaaa-4bbb-8ccc-0123456789ab-1043" is a team id, not a team name (4 rows, the first in row 2)`}},

		{name: "CloudCaretDelimiter", path: "jira-cloud-caret.csv", format: imports.FormatJira, rows: 3,
			keys: []string{"FLT-7", "FLT-8", "FLT-9"},
			items: []wantItem{
				{key: "FLT-7", typ: "story", raw: "Story", title: "Route planner: avoid tolls; prefer A-roads", team: "Fleet", status: "Done",
					labels: "routing,tolls", points: 5, sprints: []string{"FLT Sprint 2"}, created: "2026-02-02 09:00", resolved: "2026-02-11 16:20",
					updated: "2026-02-11 16:20", history: "Created@2026-02-02 09:00 > Done@2026-02-11 16:20"},
				{key: "FLT-8", typ: "task", raw: "Task", title: "Driver | vehicle assignment, per shift", team: "Fleet", status: "In Progress",
					labels: "drivers", points: 3, sprints: []string{"FLT Sprint 3"}, created: "2026-02-09 14:30", updated: "2026-02-20 08:45",
					history: "Created@2026-02-09 14:30 > In Progress@2026-02-12 10:00"},
				{key: "FLT-9", typ: "bug", raw: "Bug", title: `Fuel card "lost" flow`, team: "Fleet", status: "To Do", points: 1,
					created: "2026-02-18 11:11", updated: "2026-02-18 11:11", history: "To Do@2026-02-18 11:11"},
			}},

		{name: "DataCenterCurrentFieldsKeyEpicLinkCustomType", path: "jira-dc-current-fields.csv", opts: imports.MapOptions{Team: "Team Albatross"},
			format: imports.FormatJira, rows: 6,
			keys: []string{"CRM-40", "CRM-41", "CRM-42", "CRM-43", "CRM-45"},
			items: []wantItem{
				{key: "CRM-40", typ: "epic", raw: "Epic", title: "Partner portal", team: "Team Albatross", status: "In Progress", labels: "partners",
					component: "Portal", points: -1, created: "2026-01-06 09:12", updated: "2026-02-19 15:33",
					history: "Created@2026-01-06 09:12 > In Progress@2026-02-19 15:33"},
				{key: "CRM-41", typ: "story", raw: "Story", title: "Partners reset their own password", team: "Team Albatross", status: "Resolved",
					parent: "CRM-40", labels: "partners,security", component: "Portal", points: 8, sprints: []string{"CRM Sprint 21", "CRM Sprint 22"},
					created: "2026-01-08 10:00", resolved: "2026-01-29 16:20", updated: "2026-01-29 16:20",
					history: "Created@2026-01-08 10:00 > Resolved@2026-01-29 16:20"},
				{key: "CRM-42", typ: "story", raw: "Improvement", title: "Remember the partner's last filter", team: "Team Albatross", status: "Reopened",
					parent: "CRM-40", component: "Portal", points: 3, sprints: []string{"CRM Sprint 22"}, created: "2026-01-12 11:30", updated: "2026-02-24 10:15",
					history: "Created@2026-01-12 11:30 > Reopened@2026-02-24 10:15"},
				{key: "CRM-43", typ: "bug", raw: "Bug", title: "Invoice PDF cuts the last line", team: "Team Albatross", status: "Closed", labels: "invoices",
					component: "Billing", points: 2, sprints: []string{"CRM Sprint 22"}, created: "2026-01-20 14:45", resolved: "2026-02-02 09:00",
					updated: "2026-02-02 09:00", history: "Created@2026-01-20 14:45 > Closed@2026-02-02 09:00"},
				{key: "CRM-45", typ: "story", raw: "New Feature", title: "Partner tiers (gold/silver)", team: "Team Albatross", status: "Open",
					parent: "CRM-40", labels: "partners", component: "Portal", points: 13, created: "2026-02-16 13:00", updated: "2026-02-16 13:00",
					history: "Created@2026-02-16 13:00 > Open@2026-02-16 13:00"},
			},
			problems: []string{`jira-dc-current-fields.csv, row 6, column A (Issue Type): "Change Request" is not an item type Throughline knows in Jira`}},

		{name: "DataCenterRESTScriptGreenhopperSprints", path: "jira-dc-rest-script.csv", format: imports.FormatJira, rows: 3,
			keys: []string{"SRV-101", "SRV-102", "SRV-100"},
			items: []wantItem{
				{key: "SRV-101", typ: "story", raw: "Story", title: "Self-service password reset", team: "Service Desk Crew", status: "Done", parent: "SRV-100",
					points: 5, sprints: []string{"SRV Sprint 1", "SRV Sprint 2"}, created: "2026-01-14 10:12", resolved: "2026-02-02 17:40",
					updated: "2026-02-02 17:40", history: "Created@2026-01-14 10:12 > Done@2026-02-02 17:40"},
				{key: "SRV-102", typ: "bug", raw: "Bug", title: "Reset mail lands in spam", team: "Service Desk Crew", status: "In Progress", parent: "SRV-100",
					points: 2, sprints: []string{"SRV Sprint 2"}, created: "2026-01-28 08:30", updated: "2026-02-05 11:00",
					history: "Created@2026-01-28 08:30 > In Progress@2026-02-05 11:00"},
				{key: "SRV-100", typ: "epic", raw: "Epic", title: "Identity self-service", team: "Service Desk Crew", status: "In Progress", points: -1,
					created: "2026-01-05 09:00", updated: "2026-02-05 11:00", history: "Created@2026-01-05 09:00 > In Progress@2026-02-05 11:00"},
			}},

		// Opened in Excel and saved as "CSV (Comma delimited)": Windows-1252,
		// Excel's m/d/yyyy h:mm dates, trailing empty columns.
		{name: "ResavedByExcelWindows1252", path: "jira-resaved-excel-1252.csv", format: imports.FormatJira, rows: 3,
			keys: []string{"KUN-12", "KUN-13", "KUN-14"},
			items: []wantItem{
				{key: "KUN-12", typ: "story", raw: "Story", title: "Zahlungsavis für Großkunden", team: "Kundenportal", status: "Done", labels: "avis",
					points: 5, sprints: []string{"KUN Sprint 3", "KUN Sprint 4"}, created: "2026-01-19 14:05", resolved: "2026-02-13 16:30",
					updated: "2026-02-13 16:30", history: "Created@2026-01-19 14:05 > Done@2026-02-13 16:30"},
				{key: "KUN-13", typ: "bug", raw: "Bug", title: "Adresse ändern – Validierung", team: "Kundenportal", status: "In Progress", points: 2,
					sprints: []string{"KUN Sprint 4"}, created: "2026-02-02 09:40", updated: "2026-02-16 11:00",
					history: "Created@2026-02-02 09:40 > In Progress@2026-02-16 11:00"},
				{key: "KUN-14", typ: "task", raw: "Task", title: "Rechnungsarchiv (10 Jahre)", team: "Kundenportal", status: "To Do", labels: "archiv",
					points: -1, created: "2026-02-17 08:00", updated: "2026-02-17 08:00", history: "Created@2026-02-17 08:00 > To Do@2026-02-17 08:00"},
			},
			problems: []string{"jira-resaved-excel-1252.csv: is not UTF-8; it was read as Windows-1252"}},

		{name: "ChangelogFromARESTScript", path: "jira-changelog-rest.csv", format: imports.FormatJiraHistory, variant: "field-changes", rows: 10,
			changes: []string{
				"HBR-211 >To Do@2026-01-12 10:30 (row 2)", "HBR-211 To Do>In Progress@2026-01-14 09:02 (row 3)",
				"HBR-211 In Progress>In Review@2026-01-30 16:00 (row 6)", "HBR-211 In Review>Done@2026-02-03 17:45 (row 7)",
				"HBR-212 To Do>In Progress@2026-02-03 09:30 (row 10)", "HBR-212 In Progress>In Review@2026-02-04 11:20 (row 11)",
			}},

		{name: "StatusTransitionsFromAnApp", path: "jira-status-transitions.csv", format: imports.FormatJiraHistory, variant: "status-dates", rows: 5,
			changes: []string{
				"LAG-31 >Zu erledigen@2026-02-02 08:10 (row 2)", "LAG-31 Zu erledigen>In Arbeit@2026-02-04 09:30 (row 3)",
				"LAG-31 In Arbeit>Review@2026-02-17 15:00 (row 4)", "LAG-31 Review>Fertig@2026-02-20 16:40 (row 5)",
				"LAG-32 Zu erledigen>In Arbeit@2026-02-18 09:00 (row 6)",
			}},
	})
}

// TestUnseenJiraWideExport: a Jira Cloud "all fields" export of a large
// site has hundreds of columns (every custom field, one Comment column per
// comment, one Watchers and Watchers Id column per watcher). It is read
// whole, and the roles are found far to the right.
func TestUnseenJiraWideExport(t *testing.T) {
	head := []string{"Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Project name", "Priority", "Resolution",
		"Assignee", "Assignee Id", "Reporter", "Reporter Id", "Created", "Updated", "Resolved", "Due date", "Description"}
	repeat := func(name string, n int) {
		for i := 0; i < n; i++ {
			head = append(head, name)
		}
	}
	repeat("Watchers", 25)
	repeat("Watchers Id", 25)
	repeat("Comment", 60)
	repeat("Attachment", 10)
	repeat("Labels", 4)
	repeat("Sprint", 12)
	for i := 1; i <= 430; i++ {
		head = append(head, fmt.Sprintf("Custom field (Field %03d)", i))
	}
	head = append(head, "Custom field (Story point estimate)", "Custom field (Team)", "Status Category", "Status Category Changed")
	if len(head) < 580 {
		t.Fatalf("only %d columns", len(head))
	}
	row := func(key, status, cat, changed, sprint, points string) string {
		cells := make([]string, len(head))
		set := func(name, v string) {
			for i, h := range head {
				if h == name && cells[i] == "" {
					cells[i] = v
					return
				}
			}
		}
		set("Summary", "Issue "+key)
		set("Issue key", key)
		set("Issue Type", "Story")
		set("Status", status)
		set("Project name", "Wide")
		set("Created", "02/Feb/26 9:00 AM")
		set("Comment", "02/Feb/26 9:30 AM;712020:aa01;first")
		set("Sprint", sprint)
		set("Custom field (Story point estimate)", points)
		set("Custom field (Team)", "Team Wide")
		set("Status Category", cat)
		set("Status Category Changed", changed)
		return strings.Join(cells, ",")
	}
	data := strings.Join(head, ",") + "\n" +
		row("WID-1", "Done", "Done", "20/Feb/26 4:00 PM", "WID Sprint 1", "3") + "\n" +
		row("WID-2", "In Progress", "In Progress", "18/Feb/26 10:00 AM", "WID Sprint 2", "5") + "\n"
	m, err := mapText(t, "wide-jira.csv", data, imports.MapOptions{Location: berlin})
	if err != nil {
		t.Fatalf("a %d-column Jira export was refused: %v", len(head), err)
	}
	if m.Format != imports.FormatJira || len(m.Items) != 2 || len(m.Problems) != 0 {
		t.Fatalf("format %s, %d items, problems:\n%s", m.Format, len(m.Items), problemStrings(m.Problems))
	}
	it := item(t, m, "WID-2")
	if it.Team != "Team Wide" || ptrFloat(it.Points) != 5 || it.Sprints[0] != "WID Sprint 2" || historyString(t, it.History) != "Created@2026-02-02 09:00 > In Progress@2026-02-18 10:00" {
		t.Errorf("WID-2 = %+v, history %s", it, historyString(t, it.History))
	}
}
