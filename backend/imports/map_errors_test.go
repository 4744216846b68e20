package imports_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
)

// TestMapUnknownTable: a table no format recognises is an EInvalid error
// naming the file, the headers found and the closest formats with what
// each lacks.
func TestMapUnknownTable(t *testing.T) {
	_, err := mapText(t, "notizen.csv", "Datum,Notiz,Verfasser\n2026-01-05,Zoë war da,Jürgen\n", imports.MapOptions{})
	var be *backend.Error
	if !errors.As(err, &be) || be.Code != backend.EInvalid {
		t.Fatalf("err = %v, want an EInvalid *backend.Error", err)
	}
	for _, w := range []string{"notizen.csv: the columns were not recognised (found: Datum, Notiz, Verfasser).", "The closest formats are ", "(missing ", "save the mapping as a profile"} {
		if !strings.Contains(be.Message, w) {
			t.Errorf("message %q lacks %q", be.Message, w)
		}
	}
	_, err = mapText(t, "team.csv", "Key,Summary,Created\nPAY-1,Zoë,2026-01-05\n", imports.MapOptions{Format: imports.FormatJira})
	if err == nil || !strings.Contains(err.Error(), "team.csv was to be read as a Jira export, but it has no Issue Type, Status column.") {
		t.Errorf("forced format: err = %v", err)
	}
}

// TestMapDateProblems: an unreadable optional date is a warning and the
// field stays empty; a column mixing day/month orders is reported once
// and its unclear cells reject their rows, unless an order is chosen.
func TestMapDateProblems(t *testing.T) {
	csv := "Key,Type,Title,Team,Status,Created,Started,Done\n" +
		"DÅ-1,Story,Gut,Team Ærø,Done,25/02/2026,irgendwann,13/03/2026\n" +
		"DÅ-2,Story,Monat zuerst,Team Ærø,Done,02/26/2026,,13/03/2026\n" +
		"DÅ-3,Story,Unklar,Team Ærø,To Do,03/02/2026,,\n"
	m, err := mapText(t, "daten.csv", csv, imports.MapOptions{Location: berlin})
	if err != nil {
		t.Fatal(err)
	}
	onlyProblems(t, m.Problems,
		"daten.csv, column F (Created): mixes date orders: row 2 is day first (e.g. \"25/02/2026\") but row 3 is month first (e.g. \"02/26/2026\"). Correct the column so every date uses one order. Until then, its dates that need an order are rejected.",
		`daten.csv, row 2, column F (Created): "25/02/2026" could be day/month or month/day`,
		`daten.csv, row 2, column G (Started): "irgendwann" is not a date; expected a date like 2026-02-25, 25/02/2026 or 25/Feb/26 3:04 PM. The field is left empty.`,
		`daten.csv, row 3, column F (Created): "02/26/2026" could be day/month or month/day`,
		`daten.csv, row 4, column F (Created): "03/02/2026" could be day/month or month/day`)
	if len(m.Items) != 0 || m.Rejected != 3 {
		t.Errorf("%d items, %d rejected", len(m.Items), m.Rejected)
	}
	m, _ = mapText(t, "daten.csv", csv, imports.MapOptions{Location: berlin, DateOrder: imports.DateOrderDMY})
	if got := keys(m); len(got) != 2 || got[0] != "DÅ-1" || got[1] != "DÅ-3" {
		t.Errorf("with day/month chosen, kept %q", got)
	}
	if it := item(t, m, "DÅ-3"); it.CreatedAt != at("2026-02-03") {
		t.Errorf("created = %v", it.CreatedAt)
	}
	if !strings.Contains(problemStrings(m.Problems), `row 3, column F (Created): "02/26/2026" is not a date; expected day/month/year`) {
		t.Errorf("problems:\n%s", problemStrings(m.Problems))
	}
}

// TestMapProblemCap lists at most 1,000 problems and then one summary;
// Rejected still counts every rejected row.
func TestMapProblemCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("Key,Type,Title,Team,Status,Created\n")
	for i := 0; i < 2500; i++ { // past one buffer chunk (2,048 rows)
		fmt.Fprintf(&b, ",Story,Ohne Schlüssel %d,Team Ærø,Done,2026-01-05\n", i)
	}
	b.WriteString("OK-1,Story,Mit Schlüssel,Team Ærø,Done,2026-01-05\n")
	m, err := mapText(t, "viele.csv", b.String(), imports.MapOptions{Format: imports.FormatTemplate})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Problems) != 1001 || m.Rejected != 2500 || len(m.Items) != 1 || m.Items[0].Row != 2502 {
		t.Fatalf("%d problems, %d rejected, %d items", len(m.Problems), m.Rejected, len(m.Items))
	}
	last := m.Problems[1000]
	if last.Severity != imports.SeverityError || !strings.Contains(last.String(), "viele.csv: 1500 more problems (1500 of them errors) are not listed (2500 rows rejected in all).") {
		t.Errorf("summary = %s", last)
	}
	if m.Problems[999].Row != 1001 {
		t.Errorf("problems are not in row order: the 1000th is row %d", m.Problems[999].Row)
	}
}

// TestMapWorkbookCells: hidden rows are imported with one warning, an Excel
// error value in a text cell is read as empty with a warning, and a number
// cell in a text column is its raw value.
func TestMapWorkbookCells(t *testing.T) {
	str := func(ref, v string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + v + `</t></is></c>` }
	num := func(ref, v string) string { return `<c r="` + ref + `"><v>` + v + `</v></c>` }
	row := func(n int, attr string, cells ...string) string {
		return fmt.Sprintf(`<row r="%d"%s>`, n, attr) + strings.Join(cells, "") + `</row>`
	}
	data := rawXLSX(t, row(1, "", str("A1", "Key"), str("B1", "Type"), str("C1", "Title"), str("D1", "Team"), str("E1", "Status"), str("F1", "Created"), str("G1", "Points"))+
		row(2, "", num("A2", "4711"), str("B2", "Story"), str("C2", "Zahl als Schlüssel"), str("D2", "Team Ærø"), str("E2", "Done"), num("F2", "46027"), num("G2", "2.5"))+
		row(3, ` hidden="1"`, str("A3", "WB-2"), str("B3", "Story"), str("C3", "Versteckt"), str("D3", "Team Ærø"), str("E3", "Done"), num("F3", "46027.5"), num("G3", "1"))+
		row(4, "", str("A4", "WB-3"), str("B4", "Bug"), `<c r="C4" t="e"><v>#DIV/0!</v></c>`, str("D4", "Team Ærø"), str("E4", "Done"), num("F4", "46027")), nil)
	m := mapWorkbook(t, data, "Sheet1", imports.MapOptions{Location: berlin})
	if got := keys(m); len(got) != 3 || got[0] != "4711" {
		t.Fatalf("keys = %q\n%s", got, problemStrings(m.Problems))
	}
	if p := ptrFloat(item(t, m, "4711").Points); p != 2.5 {
		t.Errorf("points = %v", p)
	}
	if c := item(t, m, "WB-2").CreatedAt; c != at("2026-01-05 12:00") {
		t.Errorf("created = %v, want the serial's civil time in Berlin", c)
	}
	onlyProblems(t, m.Problems,
		`book.xlsx, sheet "Sheet1": has 1 row hidden in Excel (the first is row 3); hidden rows are read like the others.`,
		`book.xlsx, sheet "Sheet1", row 4, column C (Title): "#DIV/0!" is an Excel error value; it is read as empty.`,
		`book.xlsx, sheet "Sheet1", row 4, column C (Title): is empty; the item is imported without a title.`)
}
