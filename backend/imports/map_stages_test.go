package imports_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/xlsx"
)

// TestMapStageLayouts: one date column per stage becomes one history entry
// per date, in time order; a backward move keeps both entries, a skipped
// stage has none, and the last entry is the current status.
func TestMapStageLayouts(t *testing.T) {
	t.Run("JiraAgileMetricsOutput", func(t *testing.T) {
		m := mapFixture(t, "stages/jira-agile-metrics.csv", imports.MapOptions{Location: berlin})
		checkItem(t, m, wantItem{key: "PAY-101", typ: "story", raw: "Story", title: "Checkout: show VAT, per line", team: "Team Zoë", status: "Done",
			points: -1, created: "2026-02-03 00:00", resolved: "2026-02-25 00:00",
			history: "Backlog@2026-02-03 00:00 > Committed@2026-02-04 00:00 > Build@2026-02-05 00:00 > Test@2026-02-19 00:00 > Done@2026-02-25 00:00"})
		checkItem(t, m, wantItem{key: "PAY-103", typ: "bug", raw: "Bug", title: "Card fee rounding", team: "Team Zoë", status: "Backlog",
			points: -1, created: "2026-02-21 00:00", history: "Backlog@2026-02-21 00:00"})
		if it := item(t, m, "PAY-101"); it.SourceSystem != "sheet" {
			t.Errorf("source = %q, want sheet", it.SourceSystem)
		}
		onlyProblems(t, m.Problems)
	})
	t.Run("BackwardMoveAndSkippedStage", func(t *testing.T) {
		m := mapFixture(t, "stages/backward-move.csv", imports.MapOptions{Location: berlin})
		checkItem(t, m, wantItem{key: "RÜ-1", typ: "story", raw: "Story", title: "Prüfung der Zahlungsläufe", team: "Team Ærø", status: "In Progress",
			points: -1, created: "2026-03-02 00:00",
			history: "Backlog@2026-03-02 00:00 > Analysis@2026-03-03 00:00 > Review@2026-03-05 00:00 > In Progress@2026-03-09 00:00"})
		checkItem(t, m, wantItem{key: "RÜ-2", typ: "story", raw: "Story", title: "Analyse übersprungen", team: "Team Ærø", status: "Done",
			points: -1, created: "2026-03-02 00:00", resolved: "2026-03-10 00:00",
			history: "Backlog@2026-03-02 00:00 > In Progress@2026-03-04 00:00 > Review@2026-03-06 00:00 > Done@2026-03-10 00:00"})
		onlyProblems(t, m.Problems, "backward-move.csv, row 4: has no date in any stage column")
		if m.Rejected != 1 || len(m.Items) != 2 {
			t.Errorf("%d items, %d rejected; want 2 and 1", len(m.Items), m.Rejected)
		}
	})
	t.Run("AmbiguousColumnTakesTheOrderOfTheOtherDateColumns", func(t *testing.T) {
		m := mapFixture(t, "stages/actionable-agile.csv", imports.MapOptions{Location: berlin})
		checkItem(t, m, wantItem{key: "A-1", typ: "feature", raw: "Feature", title: "Onboarding wizard (Jürgen)", status: "Shipped", points: -1,
			created: "2026-01-05 00:00", resolved: "2026-02-13 00:00",
			history: "Discovery@2026-01-05 00:00 > Shaping@2026-01-12 00:00 > Delivery@2026-01-19 00:00 > Shipped@2026-02-13 00:00"})
		onlyProblems(t, m.Problems, `column D (Discovery): has dates such as "01/05/2026", "01/07/2026", "01/08/2026" that read as day/month or as month/day; they are read as month/day/year, like the other date columns of the table (Shaping, Delivery, Shipped).`)
		if len(m.AmbiguousDates) != 0 {
			t.Errorf("ambiguous: %+v", m.AmbiguousDates)
		}
	})
}

// TestMapAmbiguousDates: a table whose date columns all fit both day/month
// orders is not mapped until the order is chosen; then it is.
func TestMapAmbiguousDates(t *testing.T) {
	m := mapFixture(t, "stages/ambiguous-dates.csv", imports.MapOptions{Location: berlin})
	want := []imports.AmbiguousColumn{
		{Column: "C", Header: "Backlog", Examples: []string{"03/02/2026", "04/02/2026"}},
		{Column: "D", Header: "In Progress", Examples: []string{"05/02/2026", "06/02/2026"}},
		{Column: "E", Header: "Done", Examples: []string{"11/02/2026"}},
	}
	if !reflect.DeepEqual(m.AmbiguousDates, want) {
		t.Errorf("ambiguous = %+v, want %+v", m.AmbiguousDates, want)
	}
	if len(m.Items) != 0 || len(m.Problems) != 0 || len(m.Statuses) != 0 || m.Rejected != 0 || m.RowsRead != 2 || m.Format != imports.FormatStages {
		t.Errorf("nothing may be mapped or rejected yet: %d items, %d problems, %d statuses, %d rejected, %d rows, format %q",
			len(m.Items), len(m.Problems), len(m.Statuses), m.Rejected, m.RowsRead, m.Format)
	}
	m = mapFixture(t, "stages/ambiguous-dates.csv", imports.MapOptions{Location: berlin, DateOrder: imports.DateOrderDMY})
	checkItem(t, m, wantItem{key: "Ø-1", typ: "story", title: "Café-Menü auf Dänisch", status: "Done", points: -1, created: "2026-02-03 00:00",
		resolved: "2026-02-11 00:00", history: "Backlog@2026-02-03 00:00 > In Progress@2026-02-05 00:00 > Done@2026-02-11 00:00"})
	checkItem(t, m, wantItem{key: "Ø-2", typ: "story", title: "Smørrebrød bestellen", status: "In Progress", points: -1, created: "2026-02-04 00:00",
		history: "Backlog@2026-02-04 00:00 > In Progress@2026-02-06 00:00"})
	onlyProblems(t, m.Problems, "ambiguous-dates.csv: has no Type column, so every item is imported as a story.")
}

// TestMapTemplateRoundTrip writes Throughline's own template, fills its
// example row as a team would (a real Excel date, a text date, a number),
// and maps it back.
func TestMapTemplateRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, xlsx.TemplateLists{Teams: []string{"Team Ærø"}, Programs: []string{"Wachstum"}, PIs: []string{"PI 26.1"}}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	setRow(t, f, "Items", 2, "ÆRØ-7", "Enabler", "Migrer la base de données", "Team Ærø", "Wachstum", "In Review",
		time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC), "2026-01-07", nil, 3, "ÆRØ-1", "PI 26.1", "Sprint 26.1.1", "Effizienz", "db, ops")
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	m := mapWorkbook(t, out.Bytes(), "Items", imports.MapOptions{Location: berlin})
	if m.Format != imports.FormatTemplate {
		t.Fatalf("format = %q", m.Format)
	}
	checkItem(t, m, wantItem{key: "ÆRØ-7", typ: "enabler", raw: "Enabler", title: "Migrer la base de données", team: "Team Ærø", program: "Wachstum",
		status: "In Review", parent: "ÆRØ-1", pi: "PI 26.1", labels: "db,ops", points: 3, sprints: []string{"Sprint 26.1.1"}, created: "2026-01-06 00:00",
		history: "Created@2026-01-06 00:00 > In Progress@2026-01-07 00:00 > In Review@2026-01-07 00:00"})
	if it := item(t, m, "ÆRØ-7"); it.Theme != "Effizienz" || it.SourceSystem != "sheet" || it.Sheet != "Items" || it.Row != 2 {
		t.Errorf("theme %q, source %q, sheet %q, row %d", it.Theme, it.SourceSystem, it.Sheet, it.Row)
	}
	onlyProblems(t, m.Problems)
}

// TestMap1904Workbook: a workbook in the 1904 date system gives the same
// civil dates as one in the 1900 system.
func TestMap1904Workbook(t *testing.T) {
	serial := func(d time.Time, date1904 bool) float64 {
		s := d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
		if date1904 {
			s -= 1462
		}
		return s
	}
	created, done := time.Date(2026, 2, 3, 9, 30, 0, 0, time.UTC), time.Date(2026, 2, 17, 0, 0, 0, 0, time.UTC)
	book := func(date1904 bool) []byte {
		return workbook(t, func(f *excelize.File) {
			if date1904 {
				yes := true
				if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
					t.Fatal(err)
				}
			}
			setRow(t, f, "Sheet1", 1, "Key", "Type", "Title", "Team", "Status", "Created", "Done")
			setRow(t, f, "Sheet1", 2, "TÜ-1", "Story", "Überweisung", "Team Ærø", "Done", serial(created, date1904), serial(done, date1904))
		})
	}
	for _, date1904 := range []bool{false, true} {
		m := mapWorkbook(t, book(date1904), "Sheet1", imports.MapOptions{Location: berlin})
		checkItem(t, m, wantItem{key: "TÜ-1", typ: "story", raw: "Story", title: "Überweisung", team: "Team Ærø", status: "Done", points: -1,
			created: "2026-02-03 09:30", resolved: "2026-02-17 00:00", history: "Created@2026-02-03 09:30 > Done@2026-02-17 00:00"})
	}
}

// TestMapProfile maps an odd header set through a saved profile.
func TestMapProfile(t *testing.T) {
	csv := "Ticket Nr.;Art;Betreff;Mannschaft;Zustand;Angelegt am;Begonnen;Erledigt;Schätzung;Bemerkung\n" +
		"KÖ-1;Story;Kassenabschluss drucken;Team Köln;Erledigt;03.02.2026;04.02.2026;10.02.2026;2,5;intern\n" +
		"KÖ-2;Fehler;Bon doppelt;Team Köln;In Arbeit;05.02.2026;06.02.2026;;1;\n"
	profile := &imports.Profile{Name: "Kölner Liste", Format: imports.FormatTemplate, Columns: map[string]imports.Role{
		"Ticket Nr.": imports.RoleKey, "Art": imports.RoleType, "Betreff": imports.RoleTitle, "mannschaft": imports.RoleTeam, "Zustand": imports.RoleStatus,
		"Angelegt am": imports.RoleCreated, "Begonnen": imports.RoleStarted, "Erledigt": imports.RoleDone, "Schätzung": imports.RolePoints, "Sprint": imports.RoleSprint}}
	m, err := mapText(t, "köln.csv", csv, imports.MapOptions{Location: berlin, Profile: profile, Types: map[string]backend.ItemType{"Fehler": backend.TypeBug}})
	if err != nil {
		t.Fatal(err)
	}
	checkItem(t, m, wantItem{key: "KÖ-1", typ: "story", raw: "Story", title: "Kassenabschluss drucken", team: "Team Köln", status: "Erledigt", points: 2.5,
		created: "2026-02-03 00:00", resolved: "2026-02-10 00:00", history: "Created@2026-02-03 00:00 > In Progress@2026-02-04 00:00 > Done@2026-02-10 00:00 > Erledigt@2026-02-10 00:00"})
	checkItem(t, m, wantItem{key: "KÖ-2", typ: "bug", raw: "Fehler", title: "Bon doppelt", team: "Team Köln", status: "In Arbeit", points: 1,
		created: "2026-02-05 00:00", history: "Created@2026-02-05 00:00 > In Progress@2026-02-06 00:00 > In Arbeit@2026-02-06 00:00"})
	onlyProblems(t, m.Problems, `köln.csv: has no column "Sprint", which Kölner Liste maps to sprint; that field is left empty.`)

	delete(profile.Columns, "Angelegt am")
	_, err = mapText(t, "köln.csv", csv, imports.MapOptions{Profile: profile})
	var be *backend.Error
	if !errors.As(err, &be) || be.Code != backend.EInvalid || !strings.Contains(err.Error(), "Kölner Liste does not map every column Throughline's items template needs: created (Created) is missing") {
		t.Errorf("err = %v", err)
	}
}
