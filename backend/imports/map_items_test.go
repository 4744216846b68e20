package imports_test

import (
	"reflect"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
)

// wantItem is what one fixture row must map to. Times are Berlin wall
// clock ("2006-01-02 15:04"); points -1 means none.
type wantItem struct {
	key, typ, raw, title, team, program, status, parent, pi, labels, component string
	points                                                                     float64
	sprints                                                                    []string
	created, resolved, updated                                                 string
	history                                                                    string
}

func checkItem(t *testing.T, m imports.Mapped, w wantItem) {
	t.Helper()
	it := item(t, m, w.key)
	got := wantItem{key: it.ExternalKey, typ: string(it.Type), raw: it.RawType, title: it.Title, team: it.Team, program: it.Program, status: it.Status,
		parent: it.ParentKey, pi: it.PI, labels: it.Labels, component: it.Component, points: ptrFloat(it.Points), sprints: it.Sprints,
		created: it.CreatedAt.In(berlin).Format("2006-01-02 15:04"), resolved: ptrTime(it.ResolvedAt), updated: ptrTime(it.UpdatedAt),
		history: historyString(t, it.History)}
	if !reflect.DeepEqual(got, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", w.key, got, w)
	}
	if !it.Reconstructed || it.SourceSystem == "" || it.File == "" || it.Row < 2 {
		t.Errorf("%s: reconstructed=%v source=%q file=%q row=%d", w.key, it.Reconstructed, it.SourceSystem, it.File, it.Row)
	}
}

// TestMapItemFixtures maps each format's realistic export to exact items:
// keys, types, teams, dates and the reconstructed history.
func TestMapItemFixtures(t *testing.T) {
	cases := []struct {
		name, path string
		opts       imports.MapOptions
		format     imports.Format
		keys       []string
		items      []wantItem
		problems   []string
	}{
		{name: "JiraCloudAllFieldsRepeatedColumnsInOrderParentByIssueID", path: "jira/cloud-all-fields.csv", format: imports.FormatJira,
			keys: []string{"PAY-101", "PAY-102", "PAY-103", "PAY-100"},
			items: []wantItem{
				{key: "PAY-101", typ: "story", raw: "Story", title: "Checkout: show VAT, per line", team: "Team Zoë", status: "Done", parent: "PAY-100",
					labels: "vat,checkout", component: "Checkout", points: 5, sprints: []string{"PAY Sprint 11", "PAY Sprint 12", "PAY Sprint 13"},
					created: "2026-02-03 09:15", resolved: "2026-02-25 15:04", updated: "2026-02-25 15:04",
					history: "Created@2026-02-03 09:15 > Done@2026-02-25 15:04"},
				{key: "PAY-102", typ: "story", raw: "Story", title: "Refund to original card", team: "Team Zoë", status: "In Progress", parent: "PAY-100",
					labels: "refunds", component: "Refunds", points: 8, sprints: []string{"PAY Sprint 12", "PAY Sprint 13"},
					created: "2026-02-10 11:00", updated: "2026-02-24 16:45",
					history: "Created@2026-02-10 11:00 > In Progress@2026-02-20 09:00"},
				{key: "PAY-103", typ: "bug", raw: "Bug", title: "Card fee rounding is off by 1 cent", team: "Team Zoë", status: "To Do", labels: "bug",
					component: "Checkout", points: -1, created: "2026-02-21 08:05", updated: "2026-02-21 08:05", history: "To Do@2026-02-21 08:05"},
				{key: "PAY-100", typ: "epic", raw: "Epic", title: "VAT epic", team: "Team Zoë", status: "In Progress", points: -1,
					created: "2026-01-15 10:00", updated: "2026-02-20 09:00", history: "Created@2026-01-15 10:00 > In Progress@2026-02-02 13:30"},
			}},
		{name: "JiraDataCenterSubtaskParentIDAndEpicLink", path: "jira/dc-excel.csv", format: imports.FormatJira,
			keys: []string{"FIN-21", "FIN-22", "FIN-20"},
			items: []wantItem{
				{key: "FIN-21", typ: "story", raw: "Story", title: "Import ledger from SAP", team: "Ledger Team", status: "Resolved", parent: "FIN-20",
					labels: "sap", component: "Ledger", points: 5, sprints: []string{"FIN Sprint 1", "FIN Sprint 2"},
					created: "2026-01-14 10:12", resolved: "2026-02-02 17:40", updated: "2026-02-02 17:40",
					history: "Created@2026-01-14 10:12 > Resolved@2026-02-02 17:40"},
				{key: "FIN-22", typ: "subtask", raw: "Sub-task", title: "Ledger sync sub-task", team: "Ledger Team", status: "Closed", parent: "FIN-21",
					component: "Ledger", points: -1, sprints: []string{"FIN Sprint 1"}, created: "2026-01-15 09:00", resolved: "2026-01-20 11:00",
					updated: "2026-01-20 11:00", history: "Created@2026-01-15 09:00 > Closed@2026-01-20 11:00"},
				{key: "FIN-20", typ: "epic", raw: "Epic", title: "Ledger", team: "Ledger Team", status: "In Progress", points: -1,
					created: "2026-01-02 08:30", updated: "2026-02-01 08:30", history: "Created@2026-01-02 08:30 > In Progress@2026-02-01 08:30"},
			}},
		{name: "JiraCurrentFieldsWithoutTeamTakesTheDefaultTeam", path: "jira/current-fields.csv", format: imports.FormatJira,
			opts: imports.MapOptions{Team: "Ops Ærø", Program: "Plattform"},
			keys: []string{"OPS-7", "OPS-8", "OPS-9"},
			items: []wantItem{
				{key: "OPS-7", typ: "story", raw: "Story", title: "Rotate TLS certificates", team: "Ops Ærø", program: "Plattform", status: "Closed",
					labels: "security", points: 3, sprints: []string{"OPS Sprint 4", "OPS Sprint 5"}, created: "2026-02-02 09:00", updated: "2026-02-20 17:45",
					history: "Created@2026-02-02 09:00 > Closed@2026-02-20 17:45"},
				{key: "OPS-8", typ: "task", raw: "Task", title: `Runbook: "restart the broker"`, team: "Ops Ærø", program: "Plattform", status: "In Review",
					points: 2, sprints: []string{"OPS Sprint 5"}, created: "2026-02-11 14:20", updated: "2026-02-24 10:01",
					history: "Created@2026-02-11 14:20 > In Review@2026-02-24 10:01"},
			}},
		{name: "AzureDevOpsAgileAreaPathTeamAndIterationSprint", path: "ado/query.csv", format: imports.FormatADO,
			opts: imports.MapOptions{Program: "Billing ART"},
			keys: []string{"4711", "4712", "4713"},
			items: []wantItem{
				{key: "4711", typ: "story", raw: "User Story", title: "Export invoices as PDF, A4", team: "Team Jürgen", program: "Billing ART", status: "Closed",
					labels: "pdf,invoices", points: 5, sprints: []string{"Sprint 14"}, created: "2026-02-03 09:15", resolved: "2026-02-25 15:04",
					updated: "2026-02-25 15:04", history: "New@2026-02-03 09:15 > Active@2026-02-05 10:00 > Resolved@2026-02-24 16:30 > Closed@2026-02-25 15:04"},
				{key: "4712", typ: "bug", raw: "Bug", title: `Totals wrong when "discount" > 100%`, team: "Team Jürgen", program: "Billing ART", status: "Active",
					points: 3, sprints: []string{"Sprint 15"}, created: "2026-02-20 11:11", updated: "2026-02-24 13:00",
					history: "New@2026-02-20 11:11 > Active@2026-02-21 08:00"},
				{key: "4713", typ: "feature", raw: "Feature", title: "Self-service invoices", team: "Billing", program: "Billing ART", status: "New", points: -1,
					created: "2026-01-13 14:00", updated: "2026-01-13 14:00", history: "New@2026-01-13 14:00"},
			}},
		{name: "AzureDevOpsScrumThreeLevelAreaPathRemovedAndDone", path: "ado/scrum-process.csv", format: imports.FormatADO,
			opts: imports.MapOptions{Program: "DACH"},
			keys: []string{"5101", "5102", "5103", "5100"},
			items: []wantItem{
				{key: "5101", typ: "story", raw: "Product Backlog Item", title: "Zahlungsarten für Österreich", team: "Team Müller", program: "Zahlungen", status: "Done",
					parent: "5100", labels: "payments,austria", points: 5, sprints: []string{"Sprint 3"}, created: "2026-01-12 09:30",
					resolved: "2026-01-22 17:00", updated: "2026-01-23 11:00", history: "New@2026-01-12 09:30 > Active@2026-01-14 10:00 > Done@2026-01-22 17:00"},
				{key: "5102", typ: "risk", raw: "Impediment", title: "Testumgebung nicht erreichbar", team: "Team Müller", program: "Zahlungen", status: "Removed",
					points: -1, created: "2026-01-15 11:00", updated: "2026-01-16 12:00", history: "New@2026-01-15 11:00 > Removed@2026-01-16 12:00"},
				{key: "5103", typ: "bug", raw: "Bug", title: "Rundungsfehler bei Gebühren", team: "Team Müller", program: "Zahlungen", status: "Committed",
					parent: "5100", points: 2, sprints: []string{"Sprint 4"}, created: "2026-01-20 08:45", updated: "2026-01-28 13:00",
					history: "New@2026-01-20 08:45 > Active@2026-01-27 09:00 > Committed@2026-01-27 09:00"},
				{key: "5100", typ: "feature", raw: "Feature", title: "Zahlungen DACH", team: "Zahlungen", program: "DACH", status: "In Progress", points: -1,
					sprints: []string{"PI 26.1"}, created: "2026-01-05 10:00", updated: "2026-01-28 13:00",
					history: "New@2026-01-05 10:00 > Active@2026-01-12 09:30 > In Progress@2026-01-12 09:30"},
			},
			problems: []string{`scrum-process.csv, row 6, column B (Work Item Type): "Test Case" is not an item type Throughline knows in Azure DevOps`}},
		{name: "RallyTypeFromFormattedIDPrefixProjectIterationRelease", path: "rally/user-stories.csv", format: imports.FormatRally,
			keys: []string{"US1204", "US1205", "DE311"},
			items: []wantItem{
				{key: "US1204", typ: "story", raw: "User Story", title: "Search by order number, fuzzy", team: "Team Zoë", status: "Accepted", parent: "F88",
					pi: "R26.1", labels: "search", points: 5, sprints: []string{"Iteration 9"}, created: "2026-01-28 14:02", resolved: "2026-02-18 17:00",
					updated: "2026-02-18 17:00", history: "Defined@2026-01-28 14:02 > In-Progress@2026-02-02 10:30 > Accepted@2026-02-18 17:00"},
				{key: "US1205", typ: "story", raw: "User Story", title: "Saved searches", team: "Team Zoë", status: "In-Progress", parent: "F88", pi: "R26.1",
					points: 3, sprints: []string{"Iteration 10"}, created: "2026-02-01 11:00", updated: "2026-02-24 13:00",
					history: "Defined@2026-02-01 11:00 > In-Progress@2026-02-19 09:00"},
				{key: "DE311", typ: "bug", raw: "Defect", title: "Search crashes on emoji 🙂", team: "Team Zoë", status: "Completed", pi: "R26.1", labels: "bug",
					points: 1, sprints: []string{"Iteration 10"}, created: "2026-02-19 18:45", updated: "2026-02-23 10:00",
					history: "Defined@2026-02-19 18:45 > In-Progress@2026-02-20 11:00 > Completed@2026-02-23 10:00"},
			},
			problems: []string{`user-stories.csv, row 3, column I (Blocked): "true" says the item is blocked ("Waiting for API team's \"v2\" endpoint")`}},
		{name: "RallyTypeColumnWinsAndTestCasesAreRejected", path: "rally/mixed-types.csv", format: imports.FormatRally,
			keys: []string{"F88", "TA77", "I12", "US9"},
			items: []wantItem{
				{key: "F88", typ: "feature", raw: "Feature", title: "Order search", team: "Équipe Søren", status: "In-Progress", parent: "I12", points: -1,
					created: "2026-01-10 10:00", updated: "2026-02-01 10:00", history: "Defined@2026-01-10 10:00 > In-Progress@2026-01-20 10:00"},
				{key: "TA77", typ: "task", raw: "Task", title: "Index für Umlaute neu bauen", team: "Équipe Søren", status: "Defined", points: 2,
					created: "2026-01-21 11:00", updated: "2026-01-21 11:00", history: "Defined@2026-01-21 11:00"},
				{key: "I12", typ: "epic", raw: "PortfolioItem/Initiative", title: "Suche überall", team: "Équipe Søren", status: "Idea", points: -1,
					created: "2026-01-02 09:00", updated: "2026-01-02 09:00", history: "Idea@2026-01-02 09:00"},
				{key: "US9", typ: "story", raw: "HierarchicalRequirement", title: "Typo-tolerant search", team: "Équipe Søren", status: "Accepted", parent: "F88",
					points: 3, created: "2026-01-11 09:00", resolved: "2026-01-19 16:30", updated: "2026-01-19 16:30",
					history: "Defined@2026-01-11 09:00 > In-Progress@2026-01-12 09:00 > Accepted@2026-01-19 16:30"},
			},
			problems: []string{`mixed-types.csv, row 5, column A (Formatted ID): "TC5" is a Rally test case, which is not a work item`}},
		{name: "TemplateItemsBelowATitleRow", path: "template/items.csv", format: imports.FormatTemplate,
			keys: []string{"ZOE-1", "ZOE-2", "ZOE-3", "ZOE-0"},
			items: []wantItem{
				{key: "ZOE-1", typ: "story", raw: "Story", title: "Onboarding, step 1", team: "Team Zoë", program: "Growth", status: "Done", parent: "ZOE-0",
					pi: "PI 26.1", labels: "onboarding", points: 3, sprints: []string{"Sprint 3"}, created: "2026-02-03 00:00", resolved: "2026-02-19 00:00",
					history: "Created@2026-02-03 00:00 > In Progress@2026-02-05 00:00 > Done@2026-02-19 00:00"},
				{key: "ZOE-3", typ: "bug", raw: "Bug", title: "Welcome mail shows Jürgen as J?rgen", team: "Team Zoë", program: "Growth", status: "To Do",
					pi: "PI 26.1", labels: "mail", points: -1, created: "2026-02-24 00:00", history: "Created@2026-02-24 00:00 > To Do@2026-02-24 00:00"},
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.opts.Location = berlin
			m := mapFixture(t, c.path, c.opts)
			if m.Format != c.format || m.Confidence < 0.5 {
				t.Errorf("format = %q (%.2f), want %q", m.Format, m.Confidence, c.format)
			}
			if got := keys(m); !reflect.DeepEqual(got, c.keys) {
				t.Errorf("keys = %q, want %q", got, c.keys)
			}
			for _, w := range c.items {
				checkItem(t, m, w)
			}
			onlyProblems(t, m.Problems, c.problems...)
			if want := len(c.problems); m.Rejected > want {
				t.Errorf("rejected %d rows, want at most %d", m.Rejected, want)
			}
		})
	}
}

// TestMapJiraStatuses lists every status the items use, synthetic ones
// included, per team, with Jira's category, count and first row.
func TestMapJiraStatuses(t *testing.T) {
	m := mapFixture(t, "jira/cloud-all-fields.csv", imports.MapOptions{Location: berlin})
	want := []imports.StatusSeen{
		{SourceSystem: "jira", Team: "Team Zoë", Status: "Done", Category: "Done", Count: 1, FirstRow: 2},
		{SourceSystem: "jira", Team: "Team Zoë", Status: "Created", Category: "To Do", Count: 3, FirstRow: 2, Synthetic: true},
		{SourceSystem: "jira", Team: "Team Zoë", Status: "In Progress", Category: "In Progress", Count: 2, FirstRow: 6},
		{SourceSystem: "jira", Team: "Team Zoë", Status: "To Do", Category: "To Do", Count: 1, FirstRow: 7},
	}
	if !reflect.DeepEqual(m.Statuses, want) {
		t.Errorf("statuses:\n got %+v\nwant %+v", m.Statuses, want)
	}
}

// TestMapJiraHistoryRules covers the reconstruction rules a fixture does
// not: a Start date column, a done item started after it was done, a start
// before creation, no category column, and the Team → --team → Project
// order.
func TestMapJiraHistoryRules(t *testing.T) {
	csv := "Issue key,Issue Type,Summary,Status,Status Category,Created,Updated,Resolved,Custom field (Start date),Status Category Changed,Project name,Custom field (Team)\n" +
		"ÅB-1,Story,Started then done,Done,Done,2026-03-02 09:00,2026-03-12 10:00,2026-03-10 17:00,2026-03-04 08:00,2026-03-10 17:00,Åbo,\n" +
		"ÅB-2,Story,Start after done,Done,Done,2026-03-02 09:00,2026-03-12 10:00,2026-03-10 17:00,2026-03-11 08:00,2026-03-10 17:00,Åbo,Team Ørsted\n" +
		"ÅB-3,Story,Planned start before creation,In Progress,In Progress,2026-03-05 09:00,2026-03-06 10:00,,2026-03-01,2026-03-06 09:30,Åbo,\n" +
		"ÅB-4,Spike,Done without a resolution date,Closed,Done,2026-03-02 09:00,2026-03-09 10:00,,,2026-03-08 16:00,Åbo,\n" +
		"ÅB-5,Story,To do with a planned start,Open,To Do,2026-03-02 09:00,2026-03-02 09:00,,2026-04-01,2026-03-02 09:00,Åbo,\n"
	m, err := mapText(t, "jira.csv", csv, imports.MapOptions{Location: berlin})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"ÅB-1": "Created@2026-03-02 09:00 > In Progress@2026-03-04 08:00 > Done@2026-03-10 17:00",
		"ÅB-2": "Created@2026-03-02 09:00 > In Progress@2026-03-10 17:00 > Done@2026-03-10 17:00",
		"ÅB-3": "Created@2026-03-05 09:00 > In Progress@2026-03-05 09:00",
		"ÅB-4": "Created@2026-03-02 09:00 > Closed@2026-03-08 16:00",
		"ÅB-5": "Open@2026-03-02 09:00",
	}
	for k, w := range want {
		if got := historyString(t, item(t, m, k).History); got != w {
			t.Errorf("%s history = %s, want %s", k, got, w)
		}
	}
	if got := item(t, m, "ÅB-1").Team; got != "Åbo" {
		t.Errorf("team = %q, want the project name", got)
	}
	if got := item(t, m, "ÅB-2").Team; got != "Team Ørsted" {
		t.Errorf("team = %q, want the Team field", got)
	}
	if got := item(t, m, "ÅB-4").Type; got != backend.TypeEnabler {
		t.Errorf("a spike is %q, want enabler", got)
	}
	onlyProblems(t, m.Problems,
		`row 3, column I (Custom field (Start date)): is after the item was done (2026-03-10 17:00); the start is taken as the done time.`,
		`row 4, column I (Custom field (Start date)): is before the item was created (2026-03-05 09:00)`)
	m, err = mapText(t, "jira.csv", csv, imports.MapOptions{Location: berlin, Team: "Team Åland"})
	if err != nil {
		t.Fatal(err)
	}
	if got := item(t, m, "ÅB-1").Team; got != "Team Åland" {
		t.Errorf("with --team the team = %q, want it over the project name", got)
	}
}

// TestMapRowErrors: a missing key, an unknown type or an unreadable
// required date rejects only its row, naming row, column, header and value;
// the other rows are kept. An empty title or status is a warning.
func TestMapRowErrors(t *testing.T) {
	csv := "Key,Type,Title,Team,Status,Created\n" +
		"ÆØ-1,Story,Gültig,Team Ærø,Done,2026-01-05\n" +
		",Story,Kein Schlüssel,Team Ærø,Done,2026-01-05\n" +
		"ÆØ-3,Incident,Unbekannter Typ,Team Ærø,Done,2026-01-05\n" +
		"ÆØ-4,user-STORY,Spaced type,Team Ærø,Done,2026-01-05\n" +
		"ÆØ-5,Story,,Team Ærø,,2026-01-06\n" +
		"ÆØ-6,Story,Kaputtes Datum,Team Ærø,Done,31/02/2026\n"
	m, err := mapText(t, "ærø.csv", csv, imports.MapOptions{Location: berlin, Format: imports.FormatTemplate})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(m), []string{"ÆØ-1", "ÆØ-4", "ÆØ-5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("kept %q, want %q", got, want)
	}
	onlyProblems(t, m.Problems,
		"ærø.csv, row 3, column A (Key): is empty, but every item needs its key (Key). Fill it in, or delete the row.",
		`ærø.csv, row 4, column B (Type): "Incident" is not an item type Throughline knows, so the row is rejected rather than guessed. Known types: Story, Bug, Enabler, Task, Risk, Debt, Feature, Epic, Sub-task.`,
		"ærø.csv, row 6, column C (Title): is empty; the item is imported without a title.",
		`ærø.csv, row 6, column E (Status): is empty; the status is taken from the dates: "Created".`,
		`ærø.csv, row 7, column F (Created): "31/02/2026" is not a date; expected`)
	if m.Rejected != 3 || m.RowsRead != 6 {
		t.Errorf("rejected %d of %d rows, want 3 of 6", m.Rejected, m.RowsRead)
	}
	for _, p := range m.Problems {
		if p.Severity == imports.SeverityError && (p.Row == 0 || p.Column == "" || p.Header == "") {
			t.Errorf("error problem without its place: %+v", p)
		}
	}
	// The user settles the unknown type: the row is kept.
	m, _ = mapText(t, "ærø.csv", csv, imports.MapOptions{Location: berlin, Format: imports.FormatTemplate, Types: map[string]backend.ItemType{"INCIDENT": backend.TypeBug}})
	if it := item(t, m, "ÆØ-3"); it.Type != backend.TypeBug || it.RawType != "Incident" {
		t.Errorf("type = %q (raw %q), want bug from the user's type mapping", it.Type, it.RawType)
	}
}

// TestMapKeepsFormulaLookingTextAsText: text that looks like a formula is a
// value like any other, kept exactly.
func TestMapKeepsFormulaLookingTextAsText(t *testing.T) {
	csv := "Key,Type,Title,Team,Status,Created,Labels\n" +
		`F-1,Story,"=HYPERLINK(""http://example.invalid"",""klick"")",+cmd|' /C calc'!A0,To Do,2026-01-05,"-2+3,@SUM(1)"` + "\n"
	m, err := mapText(t, "formula.csv", csv, imports.MapOptions{Format: imports.FormatTemplate})
	if err != nil {
		t.Fatal(err)
	}
	it := item(t, m, "F-1")
	if it.Title != `=HYPERLINK("http://example.invalid","klick")` || it.Team != "+cmd|' /C calc'!A0" || it.Labels != "-2+3,@SUM(1)" {
		t.Errorf("title %q, team %q, labels %q: not kept as written", it.Title, it.Team, it.Labels)
	}
}

// TestMapADOIssueByProcess: Azure DevOps' "Issue" is the Basic process's
// backlog item (To Do, Doing, Done) or the Agile process's obstacle
// (Active, Closed).
func TestMapADOIssueByProcess(t *testing.T) {
	csv := "ID,Work Item Type,Title,State,Area Path,Created Date\n" +
		"901,Issue,Kundenkonto löschen,Doing,Fabrikam\\Team Süd,2026-01-05T09:00:00Z\n" +
		"902,Issue,Build-Server langsam,Active,Fabrikam\\Team Süd,2026-01-05T09:00:00Z\n"
	m, err := mapText(t, "ado.csv", csv, imports.MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := item(t, m, "901").Type, item(t, m, "902").Type; a != backend.TypeStory || b != backend.TypeRisk {
		t.Errorf("Basic issue = %q, Agile issue = %q; want story and risk", a, b)
	}
}

// TestMapStatusesFoldCaseAndNumbersWarn: statuses differing only in case
// are one status (mappings ignore case), counted together under the first
// spelling; an unreadable optional number is a warning and left empty.
func TestMapStatusesFoldCaseAndNumbersWarn(t *testing.T) {
	csv := "Key,Type,Title,Team,Status,Created,Points\n" +
		"SÆ-1,Story,Eins,Team Ærø,Klar,2026-01-05,3\n" +
		"SÆ-2,Story,Zwei,team ærø,KLAR,2026-01-06,drei\n"
	m, err := mapText(t, "status.csv", csv, imports.MapOptions{Format: imports.FormatTemplate})
	if err != nil {
		t.Fatal(err)
	}
	want := []imports.StatusSeen{
		{SourceSystem: "sheet", Team: "Team Ærø", Status: "Klar", Count: 2, FirstRow: 2},
		{SourceSystem: "sheet", Team: "Team Ærø", Status: "Created", Category: "To Do", Count: 2, FirstRow: 2, Synthetic: true},
	}
	if !reflect.DeepEqual(m.Statuses, want) {
		t.Errorf("statuses = %+v", m.Statuses)
	}
	if p := item(t, m, "SÆ-2").Points; p != nil {
		t.Errorf("points = %v, want none", *p)
	}
	onlyProblems(t, m.Problems, `status.csv, row 3, column G (Points): "drei" is not a number; expected a number like 1234.5 or 1,234.5. The field is left empty.`)
}
