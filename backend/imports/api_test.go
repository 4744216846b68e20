package imports_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend/imports"
)

func TestOpen(t *testing.T) {
	t.Run("UnknownExtensionIsReadByContent", func(t *testing.T) {
		f, err := openBytes(t, "export", []byte("Key;Summary\nK-1;x\n"), imports.Options{})
		if err != nil || f.Format != imports.FileCSV {
			t.Fatalf("text: %v %v", f, err)
		}
		f, err = openBytes(t, "export", simpleWorkbook(t), imports.Options{})
		if err != nil || f.Format != imports.FileXLSX {
			t.Fatalf("workbook: %v %v", f, err)
		}
	})
	t.Run("TextFileHasOneUnnamedSheet", func(t *testing.T) {
		f, _ := openBytes(t, "a.csv", []byte("Key,Summary\nK-1,x\n"), imports.Options{})
		if s := f.Sheets(); len(s) != 1 || s[0].Name != "" {
			t.Fatalf("sheets = %+v", s)
		}
		_, err := f.Table("Items")
		assertErr(t, err, nil, `a.csv is a text file; it has no sheet "Items"`)
	})
	t.Run("SheetsInWorkbookOrderAndReadTwice", func(t *testing.T) {
		data := workbook(t, func(f *excelize.File) {
			_ = f.SetSheetName("Sheet1", "Items")
			setRow(t, f, "Items", 1, "Key", "Summary")
			setRow(t, f, "Items", 2, "K-1", "x")
			_, _ = f.NewSheet("History")
			setRow(t, f, "History", 1, "Key", "Status", "Date")
			setRow(t, f, "History", 2, "K-1", "Done", "2026-02-25")
		})
		f, err := openBytes(t, "book.xlsx", data, imports.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, s := range f.Sheets() {
			names = append(names, s.Name)
		}
		if !reflect.DeepEqual(names, []string{"Items", "History"}) {
			t.Fatalf("sheets = %q", names)
		}
		for i := 0; i < 2; i++ {
			tb, err := f.Table("History")
			if err != nil {
				t.Fatal(err)
			}
			if rows := allRows(t, tb); len(rows) != 1 || rows[0].Text(2) != "2026-02-25" {
				t.Fatalf("read %d: %v", i, rows)
			}
		}
		if err := f.Close(); err != nil || f.Close() != nil {
			t.Fatalf("close: %v", err)
		}
	})
	t.Run("WorkbookCellKinds", func(t *testing.T) {
		data := workbook(t, func(f *excelize.File) {
			setRow(t, f, "Sheet1", 1, "Key", "Points", "Done", "Note")
			setRow(t, f, "Sheet1", 2, "00123", 3.5, true, "=HYPERLINK(\"http://x\")")
			_ = f.SetCellStr("Sheet1", "A2", "00123")
		})
		rows, err := openAndRead(t, "kinds.xlsx", data, imports.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := rows[0].Cells
		// The streaming reader does not expose cell types: a text cell that
		// looks like a number is a number cell, but its text is kept.
		if got[0].Text != "00123" {
			t.Errorf("key = %+v", got[0])
		}
		if got[1] != (imports.Cell{Text: "3.5", Kind: imports.CellNumber}) || got[2].Text != "1" || got[3] != (imports.Cell{Text: `=HYPERLINK("http://x")`, Kind: imports.CellText}) {
			t.Errorf("cells = %+v", got)
		}
	})
}

func TestTable(t *testing.T) {
	data := "Key,Summary,Team\nK-1,a,Zoë\nK-2,b,Jürgen\nK-3,c,山田\n"
	t.Run("SampleDoesNotConsume", func(t *testing.T) {
		tb := mustCSV(t, "s.csv", data, imports.Options{})
		if s := tb.Sample(2); len(s) != 2 || s[0].Text(0) != "K-1" {
			t.Fatalf("sample = %v", s)
		}
		if rows := allRows(t, tb); len(rows) != 3 {
			t.Fatalf("rows after sample = %d", len(rows))
		}
	})
	t.Run("EachStopsAtTheCallersError", func(t *testing.T) {
		tb := mustCSV(t, "s.csv", data, imports.Options{})
		stop := errors.New("cancelled")
		n := 0
		err := tb.Each(func(imports.Row) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Fatalf("err %v after %d rows", err, n)
		}
		if tb.Next() {
			t.Error("Next after Each closed the table")
		}
	})
	t.Run("CursorAPI", func(t *testing.T) {
		tb := mustCSV(t, "s.csv", data, imports.Options{})
		defer tb.Close()
		var keys []string
		for tb.Next() {
			keys = append(keys, tb.Row().Text(0))
		}
		if tb.Err() != nil || !reflect.DeepEqual(keys, []string{"K-1", "K-2", "K-3"}) {
			t.Fatalf("keys %q, %v", keys, tb.Err())
		}
	})
	t.Run("ChosenEncodingAndDelimiter", func(t *testing.T) {
		tb := mustCSV(t, "s.csv", "\uFEFFKey|Summary\nK-1|a;b,c\n", imports.Options{Encoding: "UTF-8", Delimiter: '|'})
		if tb.Encoding != imports.EncodingUTF8BOM || tb.Delimiter != '|' || tb.Headers[0].Name != "Key" {
			t.Fatalf("%s %q %q", tb.Encoding, tb.Delimiter, headerNames(tb))
		}
		_, err := readCSV(t, "s.csv", []byte(data), imports.Options{Delimiter: '"'})
		assertErr(t, err, nil, "cannot be a delimiter")
	})
	t.Run("RowCapInText", func(t *testing.T) {
		err := readErr(t, "cap.csv", "Key,Summary\n"+strings.Repeat("K,x\n", 120), imports.Options{Limits: imports.Limits{MaxRows: 100}})
		assertErr(t, err, imports.ErrLimit, "cap.csv has data on line 101", "limit of 100 rows")
	})
	t.Run("FileCapInText", func(t *testing.T) {
		err := readErr(t, "cap.csv", "Key,Summary\n"+strings.Repeat("K,x\n", 1<<16), imports.Options{Limits: imports.Limits{MaxFileBytes: 100 << 10}})
		assertErr(t, err, imports.ErrLimit, "cap.csv is larger than 100 KiB")
	})
}
