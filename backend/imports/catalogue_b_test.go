package imports_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend/imports"
)

// dateColumnOf reads a one-date-column table (Key, Created) and parses
// column B of every row.
func dateColumnOf(t *testing.T, tb *imports.Table, opts imports.DateOptions) ([]imports.Date, []*imports.Problem) {
	t.Helper()
	rows := allRows(t, tb)
	opts.Date1904 = tb.Date1904
	dc := imports.NewDateColumn(tb.File, tb.Sheet, tb.Headers[1], opts)
	for _, r := range rows {
		dc.Observe(r.Number, r.Cell(1))
	}
	var ds []imports.Date
	var ps []*imports.Problem
	for _, r := range rows {
		d, p := dc.Parse(r.Number, r.Cell(1))
		ds, ps = append(ds, d), append(ps, p)
	}
	return ds, ps
}

func serialWorkbook(t *testing.T, date1904 bool, serials ...float64) *imports.Table {
	t.Helper()
	data := workbook(t, func(f *excelize.File) {
		if date1904 {
			yes := true
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
				t.Fatal(err)
			}
		}
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
		setRow(t, f, "Sheet1", 1, "Key", "Created")
		for i, s := range serials {
			setRow(t, f, "Sheet1", i+2, "K-"+string(rune('A'+i)), s)
			cell, _ := excelize.CoordinatesToCellName(2, i+2)
			_ = f.SetCellStyle("Sheet1", cell, cell, style)
		}
	})
	f, err := openBytes(t, "dates.xlsx", data, imports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := f.Table("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func TestCatalogueB(t *testing.T) {
	t.Run("B1_1904AndThe1900SystemGiveTheSameCivilDates", func(t *testing.T) {
		d1900, p1 := dateColumnOf(t, serialWorkbook(t, false, 46078.5, 46078), imports.DateOptions{Location: berlin})
		tb := serialWorkbook(t, true, 46078.5-1462, 46078-1462)
		if !tb.Date1904 {
			t.Fatal("the 1904 date system was not detected")
		}
		d1904, p2 := dateColumnOf(t, tb, imports.DateOptions{Location: berlin})
		want := time.Date(2026, 2, 25, 12, 0, 0, 0, berlin)
		for i := range d1900 {
			if p1[i] != nil || p2[i] != nil || !d1900[i].Time.Equal(d1904[i].Time) {
				t.Errorf("row %d: 1900 %v (%v), 1904 %v (%v)", i, d1900[i].Time, p1[i], d1904[i].Time, p2[i])
			}
		}
		if !d1900[0].Time.Equal(want) || d1900[1].Civil() != "2026-02-25" || !d1900[1].DateOnly {
			t.Errorf("dates %v, %+v; want %v and civil 2026-02-25", d1900[0].Time, d1900[1], want)
		}
	})
	t.Run("B2_ImpossibleSerialsAreRejectedWithRowAndColumn", func(t *testing.T) {
		ds, ps := dateColumnOf(t, serialWorkbook(t, false, 60, 59, 1, -1, 2958466, 61), imports.DateOptions{MinYear: 1900})
		for i, want := range []string{"row 2, column B (Created): \"60\" is not a valid date", "row 3", "row 4", "row 5", "row 6"} {
			if ps[i] == nil || ps[i].Severity != imports.SeverityError || !strings.Contains(ps[i].String(), want) {
				t.Errorf("serial row %d: %v, want an error containing %q", i+2, ps[i], want)
			}
		}
		if ps[5] != nil || ds[5].Civil() != "1900-03-01" {
			t.Errorf("serial 61 = %v (%v), want 1900-03-01", ds[5].Civil(), ps[5])
		}
	})
	t.Run("B3_TextDatesInMixedFormatsAreDecidedPerColumn", func(t *testing.T) {
		tb := mustCSV(t, "mixed.csv", "Key,Created\nA,31/12/2024\nB,2024-12-31\nC,3/Nov/20 12:17\nD,01/02/2024\n", imports.Options{})
		ds, ps := dateColumnOf(t, tb, imports.DateOptions{})
		for i, want := range []string{"2024-12-31", "2024-12-31", "2020-11-03", "2024-02-01"} {
			if ps[i] != nil || ds[i].Civil() != want {
				t.Errorf("row %d = %s (%v), want %s", i+2, ds[i].Civil(), ps[i], want)
			}
		}
	})
	t.Run("B3_ConflictingOrdersAreAnErrorListingRows", func(t *testing.T) {
		tb := mustCSV(t, "conflict.csv", "Key,Created\nA,31/12/2024\nB,12/31/2024\nC,25/12/2024\n", imports.Options{})
		rows := allRows(t, tb)
		dc := imports.NewDateColumn(tb.File, "", tb.Headers[1], imports.DateOptions{})
		for _, r := range rows {
			dc.Observe(r.Number, r.Cell(1))
		}
		_, err := dc.Decide()
		assertErr(t, err, imports.ErrConflictingDateOrder, "conflict.csv, column B (Created)", "rows 2, 4 are day first", `"31/12/2024"`, "row 3 is month first", `"12/31/2024"`)
		var p *imports.Problem
		if !errors.As(err, &p) || p.Column != "B" {
			t.Errorf("problem = %+v", p)
		}
	})
	t.Run("B3_AmbiguousColumnAsksAndAcceptsAnExplicitOrder", func(t *testing.T) {
		tb := mustCSV(t, "ambiguous.csv", "Key,Created\nA,01/02/2024\nB,03/04/2024\n", imports.Options{})
		rows := allRows(t, tb)
		dc := imports.NewDateColumn(tb.File, "", tb.Headers[1], imports.DateOptions{})
		for _, r := range rows {
			dc.Observe(r.Number, r.Cell(1))
		}
		if _, err := dc.Decide(); !errors.Is(err, imports.ErrAmbiguousDateOrder) {
			t.Fatalf("err = %v, want ErrAmbiguousDateOrder", err)
		}
		if _, p := dc.Parse(rows[0].Number, rows[0].Cell(1)); p == nil || !strings.Contains(p.String(), "--date-order") {
			t.Errorf("parse of an undecided value = %v", p)
		}
		mdy := imports.NewDateColumn(tb.File, "", tb.Headers[1], imports.DateOptions{Order: imports.DateOrderMDY})
		if d, p := mdy.Parse(rows[0].Number, rows[0].Cell(1)); p != nil || d.Civil() != "2024-01-02" {
			t.Errorf("MDY = %s, %v", d.Civil(), p)
		}
	})
	t.Run("B4_TimesAndPlaceholders", func(t *testing.T) {
		_, ps := dateColumnOf(t, serialWorkbook(t, false, 0.5, 2958465), imports.DateOptions{})
		if ps[0] == nil || ps[0].Severity != imports.SeverityError || !strings.Contains(ps[0].Message, "time of day") {
			t.Errorf("time only: %v", ps[0])
		}
		if ps[1] == nil || ps[1].Severity != imports.SeverityWarning || !strings.Contains(ps[1].Message, "placeholder") {
			t.Errorf("9999-12-31: %v", ps[1])
		}
		tb := mustCSV(t, "p.csv", "Key,Due\nA,31/12/9999\nB,25/02/2026\n", imports.Options{})
		ds, ps := dateColumnOf(t, tb, imports.DateOptions{})
		if ps[0] == nil || ps[0].Severity != imports.SeverityWarning || !ds[0].IsZero() || ds[1].Civil() != "2026-02-25" {
			t.Errorf("placeholder text: %v %v", ds, ps)
		}
	})
	t.Run("B5_CivilDatesDoNotDependOnTimeZones", func(t *testing.T) {
		saved := time.Local
		defer func() { time.Local = saved }()
		var got []string
		for _, zone := range []string{"Pacific/Kiritimati", "America/Los_Angeles"} {
			time.Local = mustLoc(zone)
			ds, _ := dateColumnOf(t, serialWorkbook(t, false, 46078, 46078.99), imports.DateOptions{Location: mustLoc(zone)})
			text, _ := dateColumnOf(t, mustCSV(t, "d.csv", "Key,Created\nA,25/02/2026\nB,2026-02-25 23:59\n", imports.Options{}), imports.DateOptions{Location: mustLoc(zone)})
			got = append(got, ds[0].Civil()+ds[1].Civil()+text[0].Civil()+text[1].Civil())
		}
		if got[0] != got[1] || got[0] != strings.Repeat("2026-02-25", 4) {
			t.Fatalf("civil dates by zone = %q", got)
		}
	})
	t.Run("B6_ErrorCellsAreMissingValuesWithAWarning", func(t *testing.T) {
		data := rawXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>Key</t></is></c><c r="B1" t="inlineStr"><is><t>Created</t></is></c><c r="C1" t="inlineStr"><is><t>Points</t></is></c></row>`+
			`<row r="2"><c r="A2" t="inlineStr"><is><t>K-2</t></is></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" t="e"><v>#DIV/0!</v></c></row>`+
			`<row r="3"><c r="A3" t="inlineStr"><is><t>K-3</t></is></c><c r="B3" t="e"><v>#REF!</v></c><c r="C3"><f>SUM(1,2)</f></c></row>`, nil)
		rows, err := openAndRead(t, "errors.xlsx", data, imports.Options{})
		if err != nil {
			t.Fatal(err)
		}
		dc := imports.NewDateColumn("errors.xlsx", "Sheet1", imports.Header{Index: 1, Letter: "B", Name: "Created"}, imports.DateOptions{})
		nc := imports.NewNumberColumn("errors.xlsx", "Sheet1", imports.Header{Index: 2, Letter: "C", Name: "Points"}, 0)
		for _, r := range rows[:1] {
			d, p := dc.Parse(r.Number, r.Cell(1))
			n, q := nc.Parse(r.Number, r.Cell(2))
			if !d.IsZero() || n.Set || p == nil || q == nil || p.Severity != imports.SeverityWarning || !strings.Contains(p.String(), `row 2, column B (Created): "#N/A" is an Excel error value`) {
				t.Errorf("row %d: %v %v / %v %v", r.Number, d, p, n, q)
			}
		}
		// A formula without a cached value reads as empty: excelize's
		// streaming reader does not say a formula was there.
		if c := rows[1].Cell(2); c.Kind != imports.CellEmpty {
			t.Errorf("formula without value = %+v", c)
		}
	})
	t.Run("B7_MergedTitleAndMergedDataCells", func(t *testing.T) {
		data := workbook(t, func(f *excelize.File) {
			setRow(t, f, "Sheet1", 1, "Team Zoë — items export")
			_ = f.MergeCell("Sheet1", "A1", "D1")
			setRow(t, f, "Sheet1", 2, "Key", "Summary", "Team", "Points")
			setRow(t, f, "Sheet1", 3, "K-1", "One", "Team Zoë", 3)
			setRow(t, f, "Sheet1", 4, "K-2", "Two", nil, 5)
			_ = f.MergeCell("Sheet1", "C3", "C4")
		})
		f, _ := openBytes(t, "merged.xlsx", data, imports.Options{})
		tb, err := f.Table("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		rows := allRows(t, tb)
		// Rule: a merged range's value is in its first cell only (what the
		// streaming reader sees); the others read as empty.
		if tb.HeaderRow != 2 || len(rows) != 2 || rows[0].Text(2) != "Team Zoë" || rows[1].Text(2) != "" {
			t.Fatalf("header row %d, rows %v", tb.HeaderRow, rows)
		}
	})
	t.Run("B8_HeaderBelowTitleAndBlankRowsKeepsExcelRowNumbers", func(t *testing.T) {
		data := workbook(t, func(f *excelize.File) {
			setRow(t, f, "Sheet1", 1, "Quarterly export")
			setRow(t, f, "Sheet1", 2, "Filter:", "project = PAY")
			setRow(t, f, "Sheet1", 5, nil, nil, "Dates", "Dates")
			setRow(t, f, "Sheet1", 6, "Key", "Summary", "Created", "Resolved")
			setRow(t, f, "Sheet1", 7, "PAY-1", "Zoë", 46078, 46080)
			setRow(t, f, "Sheet1", 9, "PAY-2", "山田", 46079, nil)
		})
		f, _ := openBytes(t, "title.xlsx", data, imports.Options{Header: imports.HeaderOptions{Scorer: imports.NoScorer}})
		tb, err := f.Table("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		rows := allRows(t, tb)
		if tb.HeaderRow != 6 || len(rows) != 2 || rows[0].Number != 7 || rows[1].Number != 9 {
			t.Fatalf("header row %d, rows %v", tb.HeaderRow, rows)
		}
	})
	t.Run("B9_HiddenSheetsAndRowsAreReported", func(t *testing.T) {
		data := workbook(t, func(f *excelize.File) {
			setRow(t, f, "Sheet1", 1, "Key", "Summary")
			setRow(t, f, "Sheet1", 2, "K-1", "shown")
			setRow(t, f, "Sheet1", 3, "K-2", "hidden row")
			_ = f.SetRowVisible("Sheet1", 3, false)
			_, _ = f.NewSheet("Lookups")
			setRow(t, f, "Lookups", 1, "Status", "Stage")
			setRow(t, f, "Lookups", 2, "Done", "done")
			_ = f.SetSheetVisible("Lookups", false)
		})
		f, _ := openBytes(t, "hidden.xlsx", data, imports.Options{})
		if s := f.Sheets(); len(s) != 2 || s[0].Hidden || !s[1].Hidden || s[1].Name != "Lookups" {
			t.Fatalf("sheets = %+v", s)
		}
		tb, _ := f.Table("Lookups")
		if !tb.Hidden {
			t.Error("table of a hidden sheet is not marked hidden")
		}
		tb, _ = f.Table("Sheet1")
		rows := allRows(t, tb)
		if rows[0].Hidden || !rows[1].Hidden {
			t.Errorf("hidden rows = %v, %v", rows[0].Hidden, rows[1].Hidden)
		}
	})
	t.Run("B10_EmptyRowsDownToTheLastRowAreIgnored", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(headerRowXML + `<row r="2"><c r="A2" t="inlineStr"><is><t>K-2</t></is></c></row>`)
		for r := 3; r < 100_000; r += 7 {
			b.WriteString(`<row r="` + strconv.Itoa(r) + `" s="1" customFormat="1"/>`)
		}
		b.WriteString(`<row r="1048576" s="1" customFormat="1"/>`)
		rows, err := openAndRead(t, "formatted.xlsx", rawXLSX(t, b.String(), nil), imports.Options{})
		if err != nil || len(rows) != 1 {
			t.Fatalf("rows %d, %v", len(rows), err)
		}
	})
	t.Run("B11_DataPastTheRowCapIsRejected", func(t *testing.T) {
		data := rawXLSX(t, headerRowXML+`<row r="2"><c r="A2"><v>1</v></c></row><row r="101"><c r="A101"><v>1</v></c></row>`, nil)
		rejects(t, "many.xlsx", data, imports.Options{Limits: imports.Limits{MaxRows: 100}}, imports.ErrLimit, "row 101", "limit of 100 rows")
	})
	t.Run("B12_NumbersStoredAsText", func(t *testing.T) {
		tb := mustCSV(t, "n.csv", "Key,Points\n00123,\"1,234.50\"\n00124,12%\n00125,12345678901234567890\n00126,1E+308\n00127,1E+309\n00128,NaN\n00129,Infinity\n", imports.Options{})
		rows := allRows(t, tb)
		if rows[0].Text(0) != "00123" {
			t.Errorf("key = %q, want the text kept", rows[0].Text(0))
		}
		nc := imports.NewNumberColumn("n.csv", "", tb.Headers[1], 0)
		for _, r := range rows {
			nc.Observe(r.Number, r.Cell(1))
		}
		var got []string
		for _, r := range rows {
			n, p := nc.Parse(r.Number, r.Cell(1))
			if p != nil {
				got = append(got, "error")
			} else {
				got = append(got, strconv.FormatFloat(n.Value, 'g', -1, 64))
			}
		}
		if want := "1234.5 0.12 error 1e+308 error error error"; strings.Join(got, " ") != want {
			t.Errorf("numbers = %q, want %q", strings.Join(got, " "), want)
		}
	})
	t.Run("B13_ChartSheetHasNoData", func(t *testing.T) {
		data := workbook(t, func(f *excelize.File) {
			setRow(t, f, "Sheet1", 1, "Team", "Points")
			setRow(t, f, "Sheet1", 2, "Zoë", 5)
			err := f.AddChartSheet("Chart1", &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{{Name: "Sheet1!$B$1", Categories: "Sheet1!$A$2", Values: "Sheet1!$B$2"}}})
			if err != nil {
				t.Fatal(err)
			}
		})
		f, err := openBytes(t, "chart.xlsx", data, imports.Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.Table("Chart1")
		assertErr(t, err, imports.ErrNoData, `chart.xlsx, sheet "Chart1" has no data`, "chart sheet")
	})
	t.Run("B14_SheetsAreSelectedByExactName", func(t *testing.T) {
		name := "Zoë's team (Q1) — 山田 ü"
		data := workbook(t, func(f *excelize.File) {
			_ = f.SetSheetName("Sheet1", name)
			setRow(t, f, name, 1, "Key", "Summary")
			setRow(t, f, name, 2, "K-1", "x")
		})
		f, _ := openBytes(t, "names.xlsx", data, imports.Options{})
		if _, err := f.Table(name); err != nil {
			t.Fatal(err)
		}
		_, err := f.Table("Items")
		assertErr(t, err, nil, `names.xlsx has no sheet "Items"`, `"`+name+`"`)
	})
}
