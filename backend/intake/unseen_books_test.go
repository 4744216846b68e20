package intake_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Workbooks for the unseen-export tests, written with excelize at test time
// (reliability §6: no committed binaries). Dates are real date cells (Excel
// serials with a date format), as Excel stores what a person types.

// day is a civil date-time for a date cell.
func day(s string) time.Time {
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	panic("bad test date " + s)
}

// book writes sheets of rows, each row from column A of its row number;
// nil cells stay empty and time.Time cells get a date format. merge lists
// "Sheet!A1:I1" ranges to merge.
type sheetRows struct {
	name  string
	rows  map[int][]any // row number → cells
	merge []string      // "A1:I1"
}

func book(t *testing.T, sheets ...sheetRows) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	stampStyle, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for n, cells := range s.rows {
			for c, v := range cells {
				if v == nil {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, n)
				if err := f.SetCellValue(s.name, ref, v); err != nil {
					t.Fatal(err)
				}
				if tm, ok := v.(time.Time); ok {
					style := dateStyle
					if tm.Hour()+tm.Minute() > 0 {
						style = stampStyle
					}
					if err := f.SetCellStyle(s.name, ref, ref, style); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		for _, m := range s.merge {
			from, to, _ := cutRange(m)
			if err := f.MergeCell(s.name, from, to); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func cutRange(r string) (string, string, bool) {
	for i := range r {
		if r[i] == ':' {
			return r[:i], r[i+1:], true
		}
	}
	return r, r, false
}

// ospreyFlowBook is a team's hand-made flow sheet: a merged title over the
// header, a blank row, one date per workflow stage as real date cells (one
// typed as ISO text), a blank row inside the data, a totals row and a
// "Source:" note below it; a sprint calendar with its own title row; and a
// read-me sheet.
func ospreyFlowBook(t *testing.T) []byte {
	return book(t,
		sheetRows{name: "Flow Q1", merge: []string{"A1:I1"}, rows: map[int][]any{
			1:  {"Team Osprey — flow dates, Q1 2026"},
			3:  {"Key", "Title", "Type", "Points", "Backlog", "Ready", "In Progress", "Review", "Done"},
			4:  {"OSP-1", "Cold-chain alert by SMS", "Story", 3, day("2026-01-05"), day("2026-01-07"), day("2026-01-08"), day("2026-01-13"), day("2026-01-15")},
			5:  {"OSP-2", "Sensor battery report", "Story", 5, day("2026-01-05"), day("2026-01-12"), day("2026-01-14"), nil, day("2026-01-26")},
			6:  {"OSP-3", "Alert sent twice after a reboot", "Bug", 1, day("2026-01-19"), nil, day("2026-01-20"), "2026-01-22", nil},
			7:  {"OSP-4", "Fleet map tiles", "Feature", nil, day("2026-01-02"), day("2026-01-09"), day("2026-01-19"), nil, nil},
			9:  {"OSP-5", "Driver app offline mode", "Story", 8, day("2026-01-26"), day("2026-02-02"), nil, nil, nil},
			10: {"OSP-6", "Spike: LoRa gateways", "Spike", 2, day("2026-02-03"), nil, day("2026-02-04"), nil, day("2026-02-06")},
			11: {"Total", nil, nil, 19, 6, 4, 5, 2, 3},
			13: {"Source: Osprey board, copied by hand every Friday"},
		}},
		sheetRows{name: "Sprints", merge: []string{"A1:E1"}, rows: map[int][]any{
			1: {"Sprint calendar — Team Osprey"},
			3: {"Team", "Sprint", "Start", "End", "Goal"},
			4: {"Team Osprey", "Osprey 1", day("2026-01-05"), day("2026-01-16"), "Alerts by SMS"},
			5: {"Team Osprey", "Osprey 2", day("2026-01-19"), day("2026-01-30"), "Battery report live"},
			6: {"Team Osprey", "Osprey 3", day("2026-02-02"), day("2026-02-13"), "Offline mode beta"},
		}},
		sheetRows{name: "Read me", rows: map[int][]any{
			1: {"Update the flow sheet every Friday. Dates are the day the card entered the column."},
		}},
	)
}

// adoExcelTreeBook is an Azure DevOps tree query as the Office integration
// writes it ("Open in Excel"): a query banner merged over row 1, the header
// in row 2, numeric IDs and story points, dates as date-time cells.
func adoExcelTreeBook(t *testing.T) []byte {
	return book(t, sheetRows{name: "Returns tree", merge: []string{"A1:N1"}, rows: map[int][]any{
		1: {"Project: Contoso   Server: https://dev.azure.com/contoso/   Query: [None]   List type: Tree"},
		2: {"ID", "Work Item Type", "Title 1", "Title 2", "Title 3", "State", "Assigned To", "Area Path", "Iteration Path", "Story Points", "Created Date", "Activated Date", "Closed Date", "State Change Date"},
		3: {8810, "Feature", "Return label in the app", nil, nil, "Active", "Priya Raman <priya@contoso.example>", `Contoso\Returns\Team Heron`, `Contoso\PI 2026.1`, nil, day("2026-01-13 09:30"), day("2026-01-26 08:00"), nil, day("2026-01-26 08:00")},
		4: {8821, "User Story", nil, "Print a QR code instead of a label", nil, "Closed", "Lukas Novák <lukas@contoso.example>", `Contoso\Returns\Team Heron`, `Contoso\PI 2026.1\Sprint 2`, 5, day("2026-01-14 14:15"), day("2026-01-27 09:05"), day("2026-02-06 10:00"), day("2026-02-06 10:00")},
		5: {8826, "Task", nil, nil, "Load-test the label service", "Closed", "Amara Okeke <amara@contoso.example>", `Contoso\Returns\Team Heron`, `Contoso\PI 2026.1\Sprint 2`, nil, day("2026-01-28 09:00"), day("2026-01-29 09:00"), day("2026-02-03 18:00"), day("2026-02-03 18:00")},
		6: {8827, "User Story", nil, "Label in 12 languages", nil, "Active", "Lukas Novák <lukas@contoso.example>", `Contoso\Returns\Team Heron`, `Contoso\PI 2026.1\Sprint 3`, 0.5, day("2026-02-10 11:00"), day("2026-02-16 09:00"), nil, day("2026-02-16 09:00")},
		7: {8830, "Feature", "Exchange instead of refund", nil, nil, "New", nil, `Contoso\Returns\Team Heron`, `Contoso\PI 2026.2`, nil, day("2026-02-20 15:45"), nil, nil, day("2026-02-20 15:45")},
	}})
}

// wrenCycleBook is a hand-made sheet with a two-row header: Key, Title,
// Team and Type merged down over both rows, and a group title merged
// across the stage columns whose names are in the second row.
func wrenCycleBook(t *testing.T) []byte {
	return book(t, sheetRows{name: "Cycle", merge: []string{"A1:I1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:I3"}, rows: map[int][]any{
		1: {"Team Wren — cycle dates"},
		3: {"Key", "Title", "Team", "Type", "Entered column"},
		4: {nil, nil, nil, nil, "Backlog", "Analysis", "Build", "Test", "Live"},
		5: {"WRN-1", "Parcel locker API", "Team Wren", "Story", day("2026-02-02"), day("2026-02-03"), day("2026-02-05"), day("2026-02-10"), day("2026-02-12")},
		6: {"WRN-2", "Locker outage alerts", "Team Wren", "Bug", day("2026-02-09"), nil, day("2026-02-10"), nil, nil},
		7: {"WRN-3", "Locker map in the app", "Team Wren", "Feature", day("2026-02-11"), day("2026-02-16"), nil, nil, nil},
	}})
}

// jiraSavedAsWorkbook is a Jira Cloud export opened in Excel and saved as
// a workbook: the repeated Sprint and Labels columns stay, the dates became
// date-time cells, the ids and points numbers.
func jiraSavedAsWorkbook(t *testing.T) []byte {
	return book(t, sheetRows{name: "Jira", rows: map[int][]any{
		1: {"Summary", "Issue key", "Issue id", "Issue Type", "Status", "Project key", "Project name", "Created", "Updated", "Resolved",
			"Sprint", "Sprint", "Labels", "Labels", "Custom field (Story point estimate)", "Parent", "Parent summary", "Status Category", "Status Category Changed"},
		2: {"Tide tables in the planner", "PRT-20", 50020, "Epic", "In Progress", "PRT", "Port Ops", day("2026-01-07 08:00"), day("2026-02-20 12:00"), nil,
			nil, nil, "tides", nil, nil, nil, nil, "In Progress", day("2026-01-19 09:00")},
		3: {"Import tide feed", "PRT-21", 50021, "Story", "Done", "PRT", "Port Ops", day("2026-01-08 10:00"), day("2026-01-30 15:30"), day("2026-01-30 15:30"),
			"PRT Sprint 1", "PRT Sprint 2", "tides", "feeds", 3, 50020, "Tide tables in the planner", "Done", day("2026-01-30 15:30")},
		4: {"Berth clash warning", "PRT-22", 50022, "Story", "In Progress", "PRT", "Port Ops", day("2026-01-20 13:45"), day("2026-02-19 10:10"), nil,
			"PRT Sprint 2", nil, nil, nil, 0.5, 50020, "Tide tables in the planner", "In Progress", day("2026-02-03 09:30")},
	}})
}
