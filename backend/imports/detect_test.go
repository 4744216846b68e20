package imports_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend/imports"
)

// fixtureCase is one realistic export under testdata/<format>/.
type fixtureCase struct {
	path      string
	format    imports.Format
	variant   string
	headerRow int
	rows      int
	encoding  string
	delimiter rune
	roles     map[imports.Role]string // role → the header name of its first column
	check     func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row)
}

var berlin = mustLoc("Europe/Berlin")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// column returns the header of a detected role.
func column(t *testing.T, tb *imports.Table, det imports.Detection, r imports.Role) imports.Header {
	t.Helper()
	i := det.Column(r)
	if i < 0 {
		t.Fatalf("role %s not found in %v", r, det.Roles)
	}
	return tb.Headers[i]
}

// dates parses a detected date column of rows the way the importer will:
// observe every value, decide the order, parse.
func dates(t *testing.T, tb *imports.Table, det imports.Detection, r imports.Role, rows []imports.Row, opts imports.DateOptions) []imports.Date {
	t.Helper()
	h := column(t, tb, det, r)
	opts.Date1904 = tb.Date1904
	dc := imports.NewDateColumn(tb.File, tb.Sheet, h, opts)
	for _, row := range rows {
		dc.Observe(row.Number, row.Cell(h.Index))
	}
	if _, err := dc.Decide(); err != nil {
		t.Fatalf("decide %s: %v", h.Name, err)
	}
	out := make([]imports.Date, len(rows))
	for i, row := range rows {
		d, p := dc.Parse(row.Number, row.Cell(h.Index))
		if p != nil {
			t.Fatalf("parse %s: %s", h.Name, p)
		}
		out[i] = d
	}
	return out
}

func TestFixtures(t *testing.T) {
	cases := []fixtureCase{
		{path: "jira/cloud-all-fields.csv", format: imports.FormatJira, headerRow: 1, rows: 4, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKey: "Issue key", imports.RoleTitle: "Summary", imports.RolePoints: "Custom field (Story point estimate)",
				imports.RoleParent: "Parent", imports.RoleStatusCategory: "Status Category", imports.RoleLinkOutward: "Outward issue link (Blocks)"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				if got, want := tb.Values(rows[0], "Sprint"), []string{"PAY Sprint 11", "PAY Sprint 12", "PAY Sprint 13"}; !reflect.DeepEqual(got, want) {
					t.Errorf("sprints = %q, want %q (all repeated columns, in order)", got, want)
				}
				if got := len(det.Roles[imports.RoleSprint]); got != 3 {
					t.Errorf("sprint columns = %d, want 3", got)
				}
				if got, want := tb.Values(rows[0], "labels"), []string{"vat", "checkout"}; !reflect.DeepEqual(got, want) {
					t.Errorf("labels = %q, want %q", got, want)
				}
				if got := []int{rows[0].Number, rows[1].Number, rows[2].Number, rows[3].Number}; !reflect.DeepEqual(got, []int{2, 6, 7, 8}) {
					t.Errorf("row numbers = %v, want physical lines [2 6 7 8] (row 2 spans four lines)", got)
				}
				desc := rows[0].Text(column(t, tb, det, imports.RoleDescription).Index)
				if !strings.Contains(desc, `the "VAT" amount.`+"\nAcceptance:\n- per line") {
					t.Errorf("multi-line quoted description = %q", desc)
				}
				if got := rows[2].Text(column(t, tb, det, imports.RoleDescription).Index); got != `=HYPERLINK("http://example.invalid","click")` {
					t.Errorf("formula-looking text = %q, want it verbatim", got)
				}
				created := dates(t, tb, det, imports.RoleCreated, rows, imports.DateOptions{Location: berlin})
				if want := time.Date(2026, 2, 3, 9, 15, 0, 0, berlin); !created[0].Time.Equal(want) {
					t.Errorf("created = %v, want %v", created[0].Time, want)
				}
				if got := rows[1].Text(column(t, tb, det, imports.RoleAssignee).Index); got != "山田 太郎" {
					t.Errorf("assignee = %q", got)
				}
			}},
		{path: "jira/current-fields.csv", format: imports.FormatJira, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKey: "Issue key", imports.RoleType: "Issue Type", imports.RolePoints: "Custom field (Story Points)", imports.RoleDue: "Due date"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				if got := tb.Values(rows[0], "Sprint"); !reflect.DeepEqual(got, []string{"OPS Sprint 4", "OPS Sprint 5"}) {
					t.Errorf("sprints = %q", got)
				}
				if got := rows[1].Text(column(t, tb, det, imports.RoleTitle).Index); got != `Runbook: "restart the broker"` {
					t.Errorf("summary = %q", got)
				}
				updated := dates(t, tb, det, imports.RoleUpdated, rows, imports.DateOptions{Location: berlin})
				if want := time.Date(2026, 2, 20, 17, 45, 0, 0, berlin); !updated[0].Time.Equal(want) {
					t.Errorf("updated = %v, want %v", updated[0].Time, want)
				}
			}},
		{path: "jira/dc-excel.csv", format: imports.FormatJira, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleParentID: "Parent id", imports.RoleEpicLink: "Custom field (Epic Link)", imports.RoleTeam: "Custom field (Team)",
				imports.RolePoints: "Custom field (Story Points)", imports.RoleResolved: "Resolved"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				if got := tb.Values(rows[0], "Fix Version/s"); !reflect.DeepEqual(got, []string{"R1", "R1.1"}) {
					t.Errorf("fix versions = %q", got)
				}
				resolved := dates(t, tb, det, imports.RoleResolved, rows, imports.DateOptions{Location: berlin})
				if want := time.Date(2026, 2, 2, 17, 40, 0, 0, berlin); !resolved[0].Time.Equal(want) || !resolved[2].IsZero() {
					t.Errorf("resolved = %v, %v; want %v and none", resolved[0].Time, resolved[2].Time, want)
				}
			}},
		{path: "jira_history/changelog.csv", format: imports.FormatJiraHistory, variant: "field-changes", headerRow: 1, rows: 6, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKey: "Issue key", imports.RoleField: "Field", imports.RoleFrom: "From", imports.RoleTo: "To", imports.RoleChangedAt: "Changed"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				at := dates(t, tb, det, imports.RoleChangedAt, rows, imports.DateOptions{Location: berlin})
				if want := time.Date(2026, 2, 25, 14, 4, 5, 0, time.UTC); !at[4].Time.Equal(want) || !at[4].Zoned {
					t.Errorf("changed = %v (zoned %v), want %v", at[4].Time, at[4].Zoned, want)
				}
			}},
		{path: "jira_history/status-dates.csv", format: imports.FormatJiraHistory, variant: "status-dates", headerRow: 1, rows: 5, encoding: "utf-8-bom", delimiter: ';',
			roles: map[imports.Role]string{imports.RoleKey: "Key", imports.RoleStatus: "Status", imports.RoleChangedAt: "Date"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				at := dates(t, tb, det, imports.RoleChangedAt, rows, imports.DateOptions{Location: berlin})
				if want := time.Date(2026, 1, 30, 16, 45, 0, 0, berlin); !at[2].Time.Equal(want) {
					t.Errorf("dotted date = %v, want %v", at[2].Time, want)
				}
				if !at[4].DateOnly || at[4].Civil() != "2026-01-15" {
					t.Errorf("date without time = %+v, want civil 2026-01-15", at[4])
				}
			}},
		{path: "ado/query.csv", format: imports.FormatADO, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKey: "ID", imports.RoleType: "Work Item Type", imports.RoleAreaPath: "Area Path", imports.RoleIterationPath: "Iteration Path",
				imports.RoleActivated: "Activated Date", imports.RoleClosed: "Closed Date", imports.RolePoints: "Story Points"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				if got := rows[0].Text(column(t, tb, det, imports.RoleAreaPath).Index); got != `Billing\Team Jürgen` {
					t.Errorf("area path = %q", got)
				}
				closed := dates(t, tb, det, imports.RoleClosed, rows, imports.DateOptions{Location: berlin})
				if want := time.Date(2026, 2, 25, 15, 4, 5, 0, berlin); !closed[0].Time.Equal(want) {
					t.Errorf("closed = %v, want %v (month first, decided by the column)", closed[0].Time, want)
				}
			}},
		{path: "ado/tree-query.csv", format: imports.FormatADO, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleTitle: "Title 1", imports.RolePoints: "Effort"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				if got := det.Roles[imports.RoleTitle]; !reflect.DeepEqual(got, []int{2, 3, 4}) {
					t.Errorf("title columns = %v, want the three tree levels", got)
				}
			}},
		{path: "rally/user-stories.csv", format: imports.FormatRally, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKey: "Formatted ID", imports.RoleScheduleState: "Schedule State", imports.RolePoints: "Plan Estimate",
				imports.RoleInProgress: "In-Progress Date", imports.RoleAccepted: "Accepted Date", imports.RoleBlocked: "Blocked"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				acc := dates(t, tb, det, imports.RoleAccepted, rows, imports.DateOptions{Location: berlin})
				if want := time.Date(2026, 2, 18, 16, 0, 0, 0, time.UTC); !acc[0].Time.Equal(want) || !acc[1].IsZero() {
					t.Errorf("accepted = %v / %v", acc[0].Time, acc[1].Time)
				}
				if got := rows[2].Text(column(t, tb, det, imports.RoleTitle).Index); got != "Search crashes on emoji 🙂" {
					t.Errorf("name = %q", got)
				}
			}},
		{path: "stages/jira-agile-metrics.csv", format: imports.FormatStages, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKey: "ID", imports.RoleLink: "Link", imports.RoleTitle: "Name", imports.RoleBlocked: "Blocked Days"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				var names []string
				for _, i := range det.Stages {
					names = append(names, tb.Headers[i].Name)
				}
				if want := []string{"Backlog", "Committed", "Build", "Test", "Done"}; !reflect.DeepEqual(names, want) {
					t.Errorf("stages = %q, want %q", names, want)
				}
			}},
		{path: "stages/actionable-agile.csv", format: imports.FormatStages, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKey: "ID", imports.RoleType: "Type"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				if !reflect.DeepEqual(det.Stages, []int{3, 4, 5, 6}) {
					t.Errorf("stage columns = %v, want the four date columns with custom names", det.Stages)
				}
				if d := imports.Detect(tb.Headers, nil); d.Format == imports.FormatStages {
					t.Errorf("custom stage names were recognised without sample rows")
				}
			}},
		{path: "template/items.csv", format: imports.FormatTemplate, headerRow: 3, rows: 4, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKey: "Key", imports.RoleStarted: "Started", imports.RolePI: "PI", imports.RoleTheme: "Theme"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				if rows[0].Number != 4 {
					t.Errorf("first data row = %d, want 4", rows[0].Number)
				}
				done := dates(t, tb, det, imports.RoleDone, rows, imports.DateOptions{Location: berlin})
				if done[0].Civil() != "2026-02-19" {
					t.Errorf("done = %q, want 2026-02-19 (day first)", done[0].Civil())
				}
				h := column(t, tb, det, imports.RolePoints)
				nc := imports.NewNumberColumn(tb.File, "", h, 0)
				if n, p := nc.Parse(rows[2].Number, rows[2].Cell(h.Index)); p != nil || n.Set {
					t.Errorf(`points "n/a" = %+v, %v; want absent`, n, p)
				}
			}},
		{path: "deployments/deployments.csv", format: imports.FormatDeployments, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKey: "Deployment ID", imports.RoleDeployedAt: "Deployed At", imports.RoleChangeStartedAt: "Change Started At",
				imports.RoleOutcome: "Outcome", imports.RoleRecoveredAt: "Recovered At", imports.RoleChangeRequest: "Change Request"}},
		{path: "commits/commits.csv", format: imports.FormatCommits, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleDeployment: "Deployment ID", imports.RoleCommit: "Commit", imports.RoleCommittedAt: "Committed At"}},
		{path: "incidents/servicenow.csv", format: imports.FormatIncidents, headerRow: 1, rows: 2, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKey: "Number", imports.RoleOpened: "Opened", imports.RoleService: "Configuration item",
				imports.RoleCausedBy: "Caused by Change", imports.RoleTeam: "Assignment group", imports.RoleTitle: "Short description"}},
		{path: "pi_objectives/pi-objectives.csv", format: imports.FormatPIObjectives, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ';',
			roles: map[imports.Role]string{imports.RolePlannedBV: "Planned BV", imports.RoleActualBV: "Actual BV", imports.RoleCommitted: "Committed"}},
		{path: "okr_updates/okr-updates.csv", format: imports.FormatOKRUpdates, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKeyResult: "Key Result", imports.RoleConfidence: "Confidence", imports.RoleValue: "Value"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				h := column(t, tb, det, imports.RoleValue)
				nc := imports.NewNumberColumn(tb.File, "", h, 0)
				for _, r := range rows {
					nc.Observe(r.Number, r.Cell(h.Index))
				}
				if n, p := nc.Parse(rows[1].Number, rows[1].Cell(h.Index)); p != nil || n.Value != 0.365 || !n.Percent {
					t.Errorf("36.5%% = %+v, %v", n, p)
				}
			}},
		{path: "benefits/benefits.csv", format: imports.FormatBenefits, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ';',
			roles: map[imports.Role]string{imports.RoleEpic: "Epic", imports.RoleDate: "Measured On", imports.RoleRealized: "Realized", imports.RolePlanned: "Planned"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				h := column(t, tb, det, imports.RoleRealized)
				nc := imports.NewNumberColumn(tb.File, "", h, 0)
				for _, r := range rows {
					nc.Observe(r.Number, r.Cell(h.Index))
				}
				if dec, err := nc.Decide(); dec != ',' || err != nil {
					t.Fatalf("decimal = %q, %v; want decimal comma", dec, err)
				}
				var got []float64
				for _, r := range rows {
					n, p := nc.Parse(r.Number, r.Cell(h.Index))
					if p != nil {
						t.Fatal(p)
					}
					got = append(got, n.Value)
				}
				if !reflect.DeepEqual(got, []float64{1234.5, 2410.75, 0}) {
					t.Errorf("realized = %v", got)
				}
			}},
		{path: "feedback/feedback.csv", format: imports.FormatFeedback, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleScore: "Score", imports.RoleKind: "Kind", imports.RoleResponses: "Responses", imports.RoleProduct: "Product"}},
		{path: "dependencies/dependencies.tsv", format: imports.FormatDependencies, headerRow: 1, rows: 2, encoding: "utf-8", delimiter: '\t',
			roles: map[imports.Role]string{imports.RoleFromTeam: "From Team", imports.RoleToTeam: "To Team", imports.RoleNeededBy: "Needed By"},
			check: func(t *testing.T, tb *imports.Table, det imports.Detection, rows []imports.Row) {
				if got := rows[0].Text(column(t, tb, det, imports.RoleDescription).Index); got != `Pricing API "v2" endpoint` {
					t.Errorf("description = %q", got)
				}
			}},
		{path: "epics/epics.csv", format: imports.FormatEpics, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleKey: "Epic ID", imports.RoleTitle: "Name", imports.RoleTheme: "Theme", imports.RoleOwner: "Owner"}},
		{path: "teams/team-register.txt", format: imports.FormatTeams, headerRow: 1, rows: 3, encoding: "utf-8", delimiter: '|',
			roles: map[imports.Role]string{imports.RoleProgram: "Program", imports.RoleSourceKey: "Source Key", imports.RoleServices: "Services", imports.RoleLead: "Lead"}},
		{path: "sprints/sprints.csv", format: imports.FormatSprints, headerRow: 1, rows: 2, encoding: "utf-8", delimiter: ',',
			roles: map[imports.Role]string{imports.RoleSprint: "Sprint", imports.RoleGoal: "Goal", imports.RoleGoalMet: "Goal Met"}},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			f := openFixture(t, c.path, imports.Options{})
			tb, err := f.Table("")
			if err != nil {
				t.Fatal(err)
			}
			det := imports.Detect(tb.Headers, tb.Sample(10))
			rows := allRows(t, tb)
			if det.Format != c.format || det.Variant != c.variant || det.Confidence < 0.6 {
				t.Fatalf("detected %s/%s (%.2f), want %s/%s; others %+v", det.Format, det.Variant, det.Confidence, c.format, c.variant, det.Others)
			}
			if tb.HeaderRow != c.headerRow || len(rows) != c.rows || tb.Encoding != c.encoding || tb.Delimiter != c.delimiter {
				t.Errorf("header row %d, %d rows, %s, %q; want %d, %d, %s, %q", tb.HeaderRow, len(rows), tb.Encoding, tb.Delimiter, c.headerRow, c.rows, c.encoding, c.delimiter)
			}
			for role, want := range c.roles {
				if i := det.Column(role); i < 0 || tb.Headers[i].Name != want {
					t.Errorf("role %s = column %d (%v), want %q", role, i, det.Roles[role], want)
				}
			}
			for _, r := range rows {
				if len(r.Problems) > 0 {
					t.Errorf("row %d problems: %s", r.Number, problemStrings(r.Problems))
				}
			}
			if ps := tb.Problems(); len(ps) > 0 {
				t.Errorf("table problems: %s", problemStrings(ps))
			}
			if c.check != nil {
				c.check(t, tb, det, rows)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	headers := func(names ...string) []imports.Header {
		hs := make([]imports.Header, len(names))
		for i, n := range names {
			hs[i] = imports.Header{Index: i, Letter: imports.ColumnLetter(i), Name: n, Occurrence: 1}
		}
		return hs
	}
	t.Run("HeadersMatchWhateverTheirCaseSpacingAndPunctuation", func(t *testing.T) {
		d := imports.Detect(headers("ISSUE KEY", " issue\u00a0type ", "summary", "STATUS", "created", "custom field: story points"), nil)
		if d.Format != imports.FormatJira || d.Column(imports.RolePoints) != 5 {
			t.Fatalf("got %s %v", d.Format, d.Roles)
		}
	})
	t.Run("PreferredNameComesFirst", func(t *testing.T) {
		d := imports.Detect(headers("Issue key", "Issue Type", "Summary", "Status", "Created", "Custom field (Story point estimate)", "Custom field (Story Points)"), nil)
		if got := d.Roles[imports.RolePoints]; !reflect.DeepEqual(got, []int{6, 5}) {
			t.Fatalf("points columns = %v, want Story Points before Story point estimate", got)
		}
	})
	t.Run("UnknownTableExplainsTheClosestFormat", func(t *testing.T) {
		hs := headers("Issue key", "Summary", "Status")
		d := imports.Detect(hs, nil)
		if d.Format != imports.FormatUnknown {
			t.Fatalf("format = %s, want unknown", d.Format)
		}
		err := d.Err("team.csv", "", hs)
		msg := err.Error()
		if !strings.Contains(msg, "a Jira export") || !strings.Contains(msg, "Issue Type") || !strings.Contains(msg, "Created") || !strings.Contains(msg, "found: Issue key, Summary, Status") {
			t.Fatalf("error = %q", msg)
		}
	})
	t.Run("NothingKnownSaysSo", func(t *testing.T) {
		hs := headers("Foo", "Bar")
		d := imports.Detect(hs, nil)
		if d.Format != imports.FormatUnknown || d.Err("x.csv", "", hs) == nil {
			t.Fatalf("got %+v", d)
		}
	})
	t.Run("TemplateColumnsAreDetectedAsTheirOwnFormat", func(t *testing.T) {
		for _, f := range []imports.Format{imports.FormatTemplate, imports.FormatDeployments, imports.FormatCommits, imports.FormatIncidents, imports.FormatPIObjectives,
			imports.FormatOKRUpdates, imports.FormatBenefits, imports.FormatFeedback, imports.FormatDependencies, imports.FormatEpics, imports.FormatTeams, imports.FormatSprints} {
			cols := imports.TemplateColumns(f)
			if d := imports.Detect(headers(cols...), nil); d.Format != f || d.Confidence < 0.8 {
				t.Errorf("template for %s (%q) detected as %s (%.2f)", f, cols, d.Format, d.Confidence)
			}
		}
		if want := []string{"Key", "Type", "Title", "Team", "Program", "Status", "Created", "Started", "Done", "Points", "Parent", "PI", "Sprint", "Theme", "Labels"}; !reflect.DeepEqual(imports.TemplateColumns(imports.FormatTemplate), want) {
			t.Errorf("items template = %q", imports.TemplateColumns(imports.FormatTemplate))
		}
		if imports.TemplateColumns(imports.FormatJira) != nil {
			t.Errorf("jira has a template")
		}
	})
	t.Run("KindGroupsItemFormats", func(t *testing.T) {
		if imports.FormatRally.Kind() != "items" || imports.FormatJiraHistory.Kind() != "history" || imports.FormatTeams.Kind() != "teams" {
			t.Fatal("kinds")
		}
	})
}
