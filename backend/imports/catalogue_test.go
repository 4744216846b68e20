package imports_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
)

// The bad-input catalogue (shared/reference/reliability.md §6, sections
// A–C), as far as it concerns reading and parsing. Every file is built in
// code. Each case asserts a person-facing error (a *backend.Error naming the
// file, and the row and column where there is one) or the defined safe
// behaviour, and no panic.

// rejects opens data as name and asserts a person-facing error matching
// sentinel (nil: any) whose message contains every part of want.
func rejects(t *testing.T, name string, data []byte, opts imports.Options, sentinel error, want ...string) {
	t.Helper()
	_, err := openAndRead(t, name, data, opts)
	assertErr(t, err, sentinel, append([]string{name}, want...)...)
}

func assertErr(t *testing.T, err error, sentinel error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", want)
	}
	var be *backend.Error
	if !errors.As(err, &be) {
		t.Fatalf("error %v is not a *backend.Error", err)
	}
	if sentinel != nil && !errors.Is(err, sentinel) {
		t.Errorf("error %v does not match %v", err, sentinel)
	}
	for _, w := range want {
		if !strings.Contains(be.Message, w) {
			t.Errorf("message %q does not contain %q", be.Message, w)
		}
	}
}

// openAndRead opens a file, reads its first sheet to the end and returns
// the rows.
func openAndRead(t *testing.T, name string, data []byte, opts imports.Options) ([]imports.Row, error) {
	t.Helper()
	f, err := openBytes(t, name, data, opts)
	if err != nil {
		return nil, err
	}
	tb, err := f.Table(f.Sheets()[0].Name)
	if err != nil {
		return nil, err
	}
	var rows []imports.Row
	err = tb.Each(func(r imports.Row) error { rows = append(rows, r); return nil })
	return rows, err
}

func simpleWorkbook(t testing.TB) []byte {
	return workbook(t, func(f *excelize.File) {
		setRow(t, f, "Sheet1", 1, "Key", "Summary", "Created")
		setRow(t, f, "Sheet1", 2, "PAY-1", "Zoë's story", 46078.5)
	})
}

// noTemp asserts the temporary folder is empty.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("temporary file left behind: %s", e.Name())
	}
}

func TestCatalogueA(t *testing.T) {
	t.Run("A1_ZeroByteFile", func(t *testing.T) {
		rejects(t, "team.xlsx", nil, imports.Options{}, imports.ErrNoData, "empty")
	})
	t.Run("A1_OnlyZipMagic", func(t *testing.T) {
		rejects(t, "team.xlsx", []byte("PK\x03\x04"), imports.Options{}, nil, "damaged or incomplete")
	})
	t.Run("A2_CSVNamedXLSX", func(t *testing.T) {
		rejects(t, "team.xlsx", []byte("Key,Summary\nPAY-1,x\n"), imports.Options{}, imports.ErrNotWorkbook, "not an Excel workbook", "looks like a text (CSV) file", "Rename it to .csv")
	})
	t.Run("A2_HTMLNamedXLSX", func(t *testing.T) {
		rejects(t, "team.xlsx", []byte("<!DOCTYPE html><html><table><tr><td>Key</td></tr></table></html>"), imports.Options{}, imports.ErrNotWorkbook, "web page")
	})
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 2048)...)
	t.Run("A3_LegacyXLS", func(t *testing.T) {
		rejects(t, "team.xlsx", ole, imports.Options{}, imports.ErrNotWorkbook, "Excel 97-2003", "save it as an Excel Workbook (.xlsx)")
		rejects(t, "team.xls", ole, imports.Options{}, imports.ErrNotWorkbook, "Excel 97-2003")
		_, err := openAndRead(t, "team.xls", ole, imports.Options{})
		if backend.ErrorCode(err) != backend.EUnsupported {
			t.Errorf("code = %s, want unsupported", backend.ErrorCode(err))
		}
	})
	t.Run("A4_PasswordProtected", func(t *testing.T) {
		enc := append(append([]byte{}, ole...), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")...)
		rejects(t, "team.xlsx", enc, imports.Options{}, imports.ErrNotWorkbook, "password-protected", "Remove the password")
	})
	t.Run("A5_TruncatedDownload", func(t *testing.T) {
		full := simpleWorkbook(t)
		rejects(t, "team.xlsx", full[:len(full)/2], imports.Options{}, nil, "damaged or incomplete")
	})
	t.Run("A6_ZipBombOverTheUnzipLimit", func(t *testing.T) {
		tmp := t.TempDir()
		zeros := strings.Repeat("<row/>", (4<<20)/6) // 4 MiB unpacked, a few KiB packed
		data := rawXLSX(t, headerRowXML+zeros, nil)
		if len(data) > 64<<10 {
			t.Fatalf("bomb is %d bytes packed", len(data))
		}
		rejects(t, "bomb.xlsx", data, imports.Options{TmpDir: tmp, Limits: imports.Limits{UnzipSizeLimit: 1 << 20}}, imports.ErrLimit, "would unpack to 4 MiB", "more than the 1 MiB limit")
		noTemp(t, tmp)
	})
	t.Run("A6_NoTempFilesAfterAFailedOpenThatSpilled", func(t *testing.T) {
		tmp := t.TempDir()
		// The sheet is larger than UnzipXMLSizeLimit, so excelize unpacks it
		// to a temporary file, then fails on the broken workbook part.
		data := rawXLSX(t, headerRowXML+strings.Repeat(`<row r="2"><c r="A2"><v>1</v></c></row>`, 2000), map[string]string{"xl/workbook.xml": "<workbook><sheets><sheet"})
		_, err := openAndRead(t, "broken.xlsx", data, imports.Options{TmpDir: tmp, Limits: imports.Limits{UnzipXMLSizeLimit: 1 << 10}})
		if err == nil {
			t.Fatal("a workbook with a broken workbook.xml opened")
		}
		noTemp(t, tmp)
	})
	t.Run("A6_NoTempFilesAfterClose", func(t *testing.T) {
		tmp := t.TempDir()
		data := workbook(t, func(f *excelize.File) {
			setRow(t, f, "Sheet1", 1, "Key", "Summary")
			for i := 2; i < 3000; i++ {
				setRow(t, f, "Sheet1", i, "K-1", strings.Repeat("x", 20))
			}
		})
		f, err := imports.Open("big.xlsx", bytes.NewReader(data), int64(len(data)), imports.Options{TmpDir: tmp, Limits: imports.Limits{UnzipXMLSizeLimit: 1 << 10}})
		if err != nil {
			t.Fatal(err)
		}
		tb, err := f.Table("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		if rows := allRows(t, tb); len(rows) != 2998 {
			t.Fatalf("rows = %d", len(rows))
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		noTemp(t, tmp)
	})
	t.Run("A7_LyingDeclaredSize", func(t *testing.T) {
		sheet := sheetHead + headerRowXML + `<row r="2"><c r="A2" t="inlineStr"><is><t>K-2</t></is></c></row>` + sheetTail
		rejects(t, "lying.xlsx", lyingZip(t, sheet, 200), imports.Options{}, nil, "is damaged", "xl/worksheets/sheet1.xml")
	})
	t.Run("A8_DirectoryClaimsHugeEntryCount", func(t *testing.T) {
		data := simpleWorkbook(t)
		eocd := bytes.LastIndex(data, []byte("PK\x05\x06"))
		data[eocd+8], data[eocd+9], data[eocd+10], data[eocd+11] = 0xFF, 0xFF, 0xFF, 0xFF
		rejects(t, "count.xlsx", data, imports.Options{}, nil, "count.xlsx")
	})
	t.Run("A9_FileOverTheSizeCapIsRejectedBeforeReading", func(t *testing.T) {
		_, err := imports.Open("huge.xlsx", failingReaderAt{t}, 101<<20, imports.Options{Limits: imports.Limits{MaxFileBytes: 100 << 20}})
		assertErr(t, err, imports.ErrLimit, "huge.xlsx", "101 MiB", "100 MiB")
		_, err = imports.Open("huge.csv", failingReaderAt{t}, 101<<20, imports.Options{Limits: imports.Limits{MaxFileBytes: 100 << 20}})
		assertErr(t, err, imports.ErrLimit, "huge.csv")
	})
	t.Run("A10_DeeplyNestedXML", func(t *testing.T) {
		nested := strings.Repeat("<x>", 100_000) + strings.Repeat("</x>", 100_000)
		data := rawXLSX(t, headerRowXML+`<row r="2"><c r="A2"><v>`+nested+`</v></c></row>`, nil)
		_, err := openAndRead(t, "nested.xlsx", data, imports.Options{})
		assertErr(t, err, nil, "nested.xlsx")
	})
	t.Run("A11_RowNumberPastExcelsLastRow", func(t *testing.T) {
		data := rawXLSX(t, headerRowXML+`<row r="2147483647"><c r="A2147483647"><v>1</v></c></row>`, nil)
		rejects(t, "rows.xlsx", data, imports.Options{}, nil, `sheet "Sheet1"`, "1,048,576", "damaged")
	})
	t.Run("A11_NegativeAndZeroRowNumbersDoNotPanic", func(t *testing.T) {
		for _, r := range []string{"-1", "0"} {
			data := rawXLSX(t, headerRowXML+`<row r="`+r+`"><c t="inlineStr"><is><t>K-1</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>K-3</t></is></c></row>`, nil)
			if _, err := openAndRead(t, "rows.xlsx", data, imports.Options{}); err != nil {
				var be *backend.Error
				if !errors.As(err, &be) {
					t.Errorf("r=%s: %v", r, err)
				}
			}
		}
	})
	t.Run("A12_CellReferencePastXFD", func(t *testing.T) {
		data := rawXLSX(t, headerRowXML+`<row r="2"><c r="XFE2"><v>1</v></c></row>`, nil)
		rejects(t, "cols.xlsx", data, imports.Options{}, nil, "row 2", "damaged")
	})
	t.Run("A12_CellsOutOfOrderDoNotPanic", func(t *testing.T) {
		data := rawXLSX(t, headerRowXML+`<row r="2"><c r="B2"><v>46000</v></c><c r="A2" t="inlineStr"><is><t>K-1</t></is></c><c r="A2"><v>2</v></c></row>`, nil)
		rows, err := openAndRead(t, "order.xlsx", data, imports.Options{})
		if err != nil {
			t.Fatal(err)
		}
		// excelize's streaming reader appends an out-of-order cell after
		// the last one; the row then has a value past the header: a warning.
		if len(rows) != 1 || len(rows[0].Problems) == 0 {
			t.Fatalf("rows %v, want one row with a warning", rows)
		}
	})
	t.Run("A13_SharedStringIndexOutOfRangeDoesNotPanic", func(t *testing.T) {
		sst := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>a</t></si></sst>`
		for _, idx := range []string{"5", "-3"} {
			data := rawXLSX(t, headerRowXML+`<row r="2"><c r="A2" t="s"><v>`+idx+`</v></c></row>`, map[string]string{"xl/sharedStrings.xml": sst})
			_, err := openAndRead(t, "sst.xlsx", data, imports.Options{})
			assertErr(t, err, imports.ErrNoData, "sst.xlsx")
		}
	})
	t.Run("A14_EmptyMergeCellReferenceIsIgnored", func(t *testing.T) {
		sheet := sheetHead + headerRowXML + `<row r="2"><c r="A2" t="inlineStr"><is><t>K-2</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref=""/></mergeCells></worksheet>`
		data := rawXLSX(t, "", map[string]string{"xl/worksheets/sheet1.xml": sheet})
		rows, err := openAndRead(t, "merge.xlsx", data, imports.Options{})
		if err != nil || len(rows) != 1 {
			t.Fatalf("rows %v, %v", rows, err)
		}
	})
	t.Run("A15_XLSMDataIsReadMacrosNot", func(t *testing.T) {
		data := rawXLSX(t, headerRowXML+`<row r="2"><c r="A2" t="inlineStr"><is><t>K-2</t></is></c></row>`, map[string]string{"xl/vbaProject.bin": "\x00macro"})
		f, err := openBytes(t, "team.xlsm", data, imports.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !f.Macros || !strings.Contains(problemStrings(f.Problems()), "contains macros; they were not run") {
			t.Fatalf("macros %v, problems %v", f.Macros, f.Problems())
		}
	})
	t.Run("A15_XLSBIsUnsupported", func(t *testing.T) {
		data := zipParts(t, map[string]string{"[Content_Types].xml": ctXML, "xl/workbook.bin": "\x00"})
		rejects(t, "team.xlsb", data, imports.Options{}, imports.ErrNotWorkbook, ".xlsb")
		rejects(t, "team.xlsx", data, imports.Options{}, imports.ErrNotWorkbook, ".xlsb")
	})
	t.Run("A16_OfficeLockFile", func(t *testing.T) {
		rejects(t, "~$Team.xlsx", []byte("\x0bZoë Martin"), imports.Options{}, nil, "temporary file Excel keeps")
		if !imports.IsLockFile("/data/~$Team.xlsx") || imports.IsLockFile("Team.xlsx") {
			t.Error("IsLockFile")
		}
	})
	t.Run("XLSX_10000Columns", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`<row r="2">`)
		for i := 0; i < 10_000; i++ {
			b.WriteString(`<c r="` + imports.ColumnLetter(i) + `2"><v>1</v></c>`)
		}
		b.WriteString(`</row>`)
		rejects(t, "wide.xlsx", rawXLSX(t, headerRowXML+b.String(), nil), imports.Options{}, imports.ErrLimit, "row 2", "column "+imports.ColumnLetter(imports.DefaultMaxColumns), "4,096 columns")
	})
	t.Run("XLSX_100000CharCell", func(t *testing.T) {
		data := rawXLSX(t, headerRowXML+`<row r="2"><c r="A2" t="inlineStr"><is><t>K-1</t></is></c><c r="B2" t="inlineStr"><is><t>`+strings.Repeat("ä", 100_000)+`</t></is></c></row>`, nil)
		rejects(t, "long.xlsx", data, imports.Options{}, imports.ErrLimit, "row 2, column B (Created)", "32,767")
	})
}

// failingReaderAt fails the test when read: the size cap must reject first.
type failingReaderAt struct{ t *testing.T }

func (f failingReaderAt) ReadAt([]byte, int64) (int, error) {
	f.t.Error("the file was read although it is over the size cap")
	return 0, io.EOF
}
