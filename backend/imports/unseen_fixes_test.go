package imports_test

import (
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend/imports"
)

// Focused tests for what the unseen exports exposed (see unseen_*_test.go).

// TestKnownMultiValueUnderCloudNames: Jira Cloud renamed Fix Version/s,
// Component/s and Affects Version/s, and writes a Watchers Id column per
// watcher; their repeats are expected, not a warning.
func TestKnownMultiValueUnderCloudNames(t *testing.T) {
	for name, want := range map[string]bool{
		"Fix versions": true, "Components": true, "Affects versions": true, "Watchers Id": true,
		"Fix Version/s": true, "Component/s": true, "Watchers": true, "Sprint": true,
		"Assignee Id": false, "Parent summary": false, "Versions": false, "Component": false,
	} {
		if got := imports.KnownMultiValue(name); got != want {
			t.Errorf("KnownMultiValue(%q) = %v, want %v", name, got, want)
		}
	}
	tb := mustCSV(t, "cloud.csv", "Issue key,Fix versions,Fix versions,Components,Components,Watchers Id,Watchers Id,Owner,Owner\nK-1,1.0,1.1,A,B,x,y,p,q\n", imports.Options{})
	onlyProblems(t, tb.Problems(), `cloud.csv, row 1, column "Owner": appears 2 times (columns H, I)`)
}

// TestJiraTeamIDs: a Team value that is an Atlassian team id (a UUID,
// maybe with a numeric suffix) or a number (Advanced Roadmaps on Data
// Center) is not a team name; the row falls back to the chosen team, else
// the project, with one warning for the column.
func TestJiraTeamIDs(t *testing.T) {
	head := "Issue key,Issue Type,Summary,Status,Created,Project name,Custom field (Team)\n"
	rows := "K-1,Story,a,To Do,2026-02-02 09:00,Harbour,Team Kestrel\n" +
		"K-2,Story,b,To Do,2026-02-02 09:00,Harbour,36885b3c-1bf0-4f85-a357-c5b858c31ecb\n" +
		"K-3,Story,c,To Do,2026-02-02 09:00,Harbour,ec74d716-af36-4b3c-950f-f79213d08f71-1809\n" +
		"K-4,Story,d,To Do,2026-02-02 09:00,Harbour,4158\n" +
		"K-5,Story,e,To Do,2026-02-02 09:00,Harbour,Team 42\n" +
		"K-6,Story,f,To Do,2026-02-02 09:00,Harbour,c0ffee00-beef\n"
	cases := []struct {
		name, data string
		opts       imports.MapOptions
		teams      []string
		problem    string
	}{
		{"FallsBackToTheProject", head + rows, imports.MapOptions{},
			[]string{"Team Kestrel", "Harbour", "Harbour", "Harbour", "Team 42", "c0ffee00-beef"},
			`t.csv, column G (Custom field (Team)): "36885b3c-1bf0-4f85-a357-c5b858c31ecb" is a team id, not a team name (3 rows, the first in row 3): Jira exports its Team field that way. Those items go to the team named by their project (Project name).`},
		{"TheChosenTeamComesFirst", head + rows, imports.MapOptions{Team: "Team Osprey"},
			[]string{"Team Kestrel", "Team Osprey", "Team Osprey", "Team Osprey", "Team 42", "c0ffee00-beef"},
			`Those items go to the team chosen for the import ("Team Osprey").`},
		{"WithoutAProjectNoTeam", strings.ReplaceAll(strings.ReplaceAll(head+rows, ",Project name", ""), ",Harbour", ""), imports.MapOptions{},
			[]string{"Team Kestrel", "", "", "", "Team 42", "c0ffee00-beef"},
			`Those items have no team.`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := mapText(t, "t.csv", c.data, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			var teams []string
			for _, it := range m.Items {
				teams = append(teams, it.Team)
			}
			if strings.Join(teams, "|") != strings.Join(c.teams, "|") {
				t.Errorf("teams = %q, want %q", teams, c.teams)
			}
			onlyProblems(t, m.Problems, c.problem)
		})
	}
}

// TestCaretDelimiter: Jira Cloud's export dialog offers the caret, chosen
// when values hold commas, semicolons and vertical bars; a comma file whose
// values hold carets stays a comma file.
func TestCaretDelimiter(t *testing.T) {
	for _, c := range []struct {
		data string
		want rune
	}{
		{"Issue key^Summary^Status\nK-1^a, b; c | d^Done\nK-2^e^To Do\n", '^'},
		{"Issue key,Summary,Status\nK-1,x^2,Done\nK-2,\"a^b^c\",To Do\n", ','},
	} {
		tb := mustCSV(t, "c.csv", c.data, imports.Options{})
		if tb.Delimiter != c.want || len(tb.Headers) != 3 {
			t.Errorf("%q: delimiter %q, %d headers; want %q", c.data, tb.Delimiter, len(tb.Headers), c.want)
		}
	}
}

// TestItalianAndPortugueseMonths: Jira writes month abbreviations in the
// exporting user's language.
func TestItalianAndPortugueseMonths(t *testing.T) {
	for in, want := range map[string]string{
		"07/gen/26 9:15 AM": "2026-01-07 09:15", "25/mag/26 3:04 PM": "2026-05-25 15:04", "02/giu/26": "2026-06-02 00:00",
		"14/lug/26 10:00": "2026-07-14 10:00", "30/ott/26": "2026-10-30 00:00", "11/dic/26": "2026-12-11 00:00",
		"18/fev/26 8:00 AM": "2026-02-18 08:00", "09/out/26": "2026-10-09 00:00", "24/dez/26": "2026-12-24 00:00",
		"3 março 2026": "2026-03-03 00:00", "12 settembre 2026": "2026-09-12 00:00",
	} {
		d, err := imports.ParseDate(in, imports.DateOptions{})
		if err != nil || d.Time.Format("2006-01-02 15:04") != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, d.Time, err, want)
		}
	}
}

// TestNotAWorkbookNamedXLS: tools that export "Excel" as an HTML table
// (Jira's Excel export among them) often start with the <meta> naming the
// Excel content type, not with <html>; an Excel 2003 XML Spreadsheet is
// XML. Both are named for what they are, never "rename it to .csv".
func TestNotAWorkbookNamedXLS(t *testing.T) {
	xmlBook := `<?xml version="1.0"?>` + "\n" + `<?mso-application progid="Excel.Sheet"?>` + "\n" +
		`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Issues"></Worksheet></Workbook>`
	for _, c := range []struct {
		name, data, want string
	}{
		{"jira.xls", `<meta http-equiv="Content-Type" content="application/vnd.ms-excel; charset=UTF-8">` + "\n<table><tr><th>Key</th></tr></table>", "is a web page (HTML)"},
		{"jira.xls", "\ufeff\r\n  <table border=\"1\"><tr><td>Key</td></tr></table>", "is a web page (HTML)"},
		{"jira.xls", "<style>td{}</style><table></table>", "is a web page (HTML)"},
		{"export.xls", xmlBook, "is an Excel 2003 XML Spreadsheet, which Throughline cannot read"},
		{"export.xml", xmlBook, "is an Excel 2003 XML Spreadsheet, which Throughline cannot read"},
		{"export.csv", xmlBook, "is an Excel 2003 XML Spreadsheet, not a CSV text file"},
		{"jira.csv", "<meta charset=\"utf-8\"><table></table>", "is a web page (HTML) saved with a spreadsheet name, not CSV"},
	} {
		_, err := openBytes(t, c.name, []byte(c.data), imports.Options{})
		if err == nil || !strings.Contains(err.Error(), c.name+" "+c.want) || strings.Contains(err.Error(), "Rename it to .csv") {
			t.Errorf("%s %.30q: %v; want %q", c.name, c.data, err, c.want)
		}
	}
	// A CSV whose first header merely starts like a tag is still a CSV.
	tb := mustCSV(t, "tags.csv", "<metadata>,<tablet>\nx,1\n", imports.Options{})
	if len(tb.Headers) != 2 || tb.Headers[0].Name != "<metadata>" {
		t.Errorf("headers %v", headerNames(tb))
	}
}

// TestColumnCapBoundary: the column cap admits a table of exactly
// DefaultMaxColumns columns and rejects one more.
func TestColumnCapBoundary(t *testing.T) {
	row := func(n int) string { return strings.TrimSuffix(strings.Repeat("x,", n), ",") + "\n" }
	data := "Key,Summary\n" + row(imports.DefaultMaxColumns)
	if _, err := readCSV(t, "at.csv", []byte(data), imports.Options{}); err != nil {
		t.Fatalf("%d columns: %v", imports.DefaultMaxColumns, err)
	}
	_, err := readCSV(t, "past.csv", []byte("Key,Summary\n"+row(imports.DefaultMaxColumns+1)), imports.Options{})
	if err == nil || !strings.Contains(err.Error(), "more than 4,096 columns") {
		t.Fatalf("%d columns: %v", imports.DefaultMaxColumns+1, err)
	}
}

// TestRallyStateRows: a Rally table needs a Schedule State or a State; a row
// without a Schedule State (a task, a portfolio item) takes its State, and
// its history starts with "Created". A portfolio item whose Actual End Date
// is set but whose State is not done is "Accepted" then, and in its State
// from its Last Update Date.
func TestRallyStateRows(t *testing.T) {
	_, err := mapText(t, "r.csv", "Formatted ID,Name,Owner,Creation Date\nUS1,a,b,2026-01-05\n", imports.MapOptions{Format: imports.FormatRally})
	if err == nil || !strings.Contains(err.Error(), "Schedule State or State") {
		t.Fatalf("no state column: %v", err)
	}
	data := "Formatted ID,Name,Schedule State,State,Creation Date,In-Progress Date,Actual Start Date,Actual End Date,Last Update Date\n" +
		"US1,a,In-Progress,,2026-01-05 09:00,2026-01-06 09:00,,,2026-01-07 09:00\n" +
		"TA1,b,,Completed,2026-01-05 09:00,,,,2026-01-08 09:00\n" +
		"F1,c,,Measuring,2026-01-02 09:00,,2026-01-06 09:00,2026-01-20 09:00,2026-01-22 09:00\n"
	m, err := mapText(t, "r.csv", data, imports.MapOptions{Location: berlin})
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"US1": "Defined@2026-01-05 09:00 > In-Progress@2026-01-06 09:00",
		"TA1": "Created@2026-01-05 09:00 > Completed@2026-01-08 09:00",
		"F1":  "Created@2026-01-02 09:00 > In-Progress@2026-01-06 09:00 > Accepted@2026-01-20 09:00 > Measuring@2026-01-22 09:00",
	} {
		if got := historyString(t, item(t, m, key).History); got != want {
			t.Errorf("%s: %s, want %s", key, got, want)
		}
	}
	if f := item(t, m, "F1"); f.ResolvedAt == nil || !f.ResolvedAt.Equal(time.Date(2026, 1, 20, 9, 0, 0, 0, berlin)) {
		t.Errorf("F1 resolved at %v, want its Actual End Date", f.ResolvedAt)
	}
}

// TestGroupHeader: a row of group names over the row of column names (the
// first columns' names merged down over both rows) is one header; a data
// row under a header with an unnamed column is still data.
func TestGroupHeader(t *testing.T) {
	for _, c := range []struct {
		name, data string
		headerRow  int
		headers    string
		first      string // the first data row's first cell
	}{
		{"StageNamesUnderAGroup", "Team Wren — cycle dates,,,,\n\nKey,Title,Entered column,,\n,,Backlog,Build,Live\nW-1,Locker API,2026-02-02,2026-02-05,2026-02-12\n",
			4, "Key|Title|Backlog|Build|Live", "W-1"},
		{"GroupsOnEitherSide", "Item,,Dates,\nKey,Title,Created,Done\nW-1,a,2026-02-02,\n", 2, "Key|Title|Created|Done", "W-1"},
		{"TitleRightAboveAHeaderWithAMargin", "Team Wren — cycle dates,,,\n,Key,Title,Done\n,W-1,a,2026-02-12\n", 2, "|Key|Title|Done", ""},
		{"DataRowUnderAnUnnamedColumn", "Key,Title,,Notes\nW-1,Locker API,extra,some note\n", 1, "Key|Title||Notes", "W-1"},
		{"DataRowWithABlankKey", "Key,Title,,Notes\n,Locker API,extra,some note\nW-2,b,c,d\n", 1, "Key|Title||Notes", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := mustCSV(t, "g.csv", c.data, imports.Options{})
			rows := allRows(t, tb)
			if tb.HeaderRow != c.headerRow || strings.Join(headerNames(tb), "|") != c.headers || rows[0].Text(0) != c.first {
				t.Errorf("header row %d %q, first data %q; want %d %q, %q", tb.HeaderRow, headerNames(tb), rows[0].Text(0), c.headerRow, c.headers, c.first)
			}
		})
	}
	// A header row chosen by the user is taken as it is.
	tb := mustCSV(t, "g.csv", "Key,Title,Entered column,,\n,,Backlog,Build,Live\nW-1,a,2026-02-02,2026-02-05,2026-02-12\n", imports.Options{Header: imports.HeaderOptions{Row: 1}})
	if strings.Join(headerNames(tb), "|") != "Key|Title|Entered column" {
		t.Errorf("chosen header row: %q", headerNames(tb))
	}
}

// TestGreenhopperSprintNames: a sprint as Jira Data Center's REST API
// writes it is its name, whatever else the string holds (a goal with
// commas, several sprints in one cell); a plain name is kept as it is.
func TestGreenhopperSprintNames(t *testing.T) {
	gh := func(id, name, goal string) string {
		return "com.atlassian.greenhopper.service.sprint.Sprint@" + id + "[id=" + id + ",rapidViewId=7,state=CLOSED,name=" + name +
			",startDate=2026-01-12T09:00:00.000+01:00,endDate=<null>,sequence=" + id + ",goal=" + goal + "]"
	}
	for _, c := range []struct {
		cells []string
		want  string
	}{
		{[]string{gh("11", "PAY Sprint 4", "")}, "PAY Sprint 4"},
		{[]string{gh("11", "PAY Sprint 4", "Refunds, then fees"), gh("12", "PAY Sprint 5, hotfix", "a=b")}, "PAY Sprint 4|PAY Sprint 5, hotfix"},
		{[]string{gh("11", "PAY Sprint 4", "") + "," + gh("12", "PAY Sprint 5", "")}, "PAY Sprint 4|PAY Sprint 5"},
		{[]string{"PAY Sprint 4", gh("12", "PAY Sprint 4", "")}, "PAY Sprint 4"},
		{[]string{"Sprint@Berlin [2026]"}, "Sprint@Berlin [2026]"},
	} {
		var b strings.Builder
		b.WriteString("Issue key,Issue Type,Summary,Status,Created" + strings.Repeat(",Sprint", len(c.cells)) + "\nK-1,Story,a,To Do,2026-02-02")
		for _, cell := range c.cells {
			b.WriteString(`,"` + cell + `"`)
		}
		m, err := mapText(t, "s.csv", b.String()+"\n", imports.MapOptions{})
		if err != nil || len(m.Items) != 1 {
			t.Fatalf("%v: %v %+v", c.cells, err, m.Problems)
		}
		if got := strings.Join(m.Items[0].Sprints, "|"); got != c.want {
			t.Errorf("%v: sprints %q, want %q", c.cells, got, c.want)
		}
	}
}

// TestSummaryLinesBelowAHandMadeTable: count, average and German total
// lines under the data are left out with a warning, like a Total line; a
// data row whose key merely starts alike is kept.
func TestSummaryLinesBelowAHandMadeTable(t *testing.T) {
	data := "Key,Title,Backlog,In Progress,Done,Cycle days\n" +
		"K-1,a,2026-01-05,2026-01-07,2026-01-12,6\n" +
		"AVG-2,b,2026-01-06,2026-01-08,2026-01-10,3\n" +
		"Average,,,,,4.5\n" +
		"Count: 2,,,,,\n" +
		"Gesamt,,,,,9\n"
	m, err := mapText(t, "flow.csv", data, imports.MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(keys(m), ","); got != "K-1,AVG-2" || m.Rejected != 0 || m.RowsRead != 2 {
		t.Fatalf("items %s, %d rejected, %d rows", got, m.Rejected, m.RowsRead)
	}
	onlyProblems(t, m.Problems, "flow.csv: has no Type column",
		`flow.csv, row 4: "Average" looks like a total or footer line`,
		`flow.csv, row 5: "Count: 2" looks like a total or footer line`,
		`flow.csv, row 6: "Gesamt" looks like a total or footer line`)
}
