package imports_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend/imports"
)

// openFixture opens testdata/<path> with imports.Open.
func openFixture(t *testing.T, path string, opts imports.Options) *imports.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	file, err := imports.Open(filepath.Base(path), f, st.Size(), opts)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { file.Close() })
	return file
}

// readCSV reads a CSV from bytes.
func readCSV(t *testing.T, name string, data []byte, opts imports.Options) (*imports.Table, error) {
	t.Helper()
	return imports.ReadCSV(name, bytes.NewReader(data), opts)
}

// mustCSV reads a CSV that must open.
func mustCSV(t *testing.T, name, data string, opts imports.Options) *imports.Table {
	t.Helper()
	tb, err := readCSV(t, name, []byte(data), opts)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return tb
}

// allRows reads every row of a table, failing on a read error.
func allRows(t *testing.T, tb *imports.Table) []imports.Row {
	t.Helper()
	var rows []imports.Row
	if err := tb.Each(func(r imports.Row) error { rows = append(rows, r); return nil }); err != nil {
		t.Fatalf("read rows: %v", err)
	}
	return rows
}

// headerNames returns a table's header names.
func headerNames(tb *imports.Table) []string {
	out := make([]string, len(tb.Headers))
	for i, h := range tb.Headers {
		out[i] = h.Name
	}
	return out
}

// workbook builds an xlsx in memory with excelize; build fills it.
func workbook(t testing.TB, build func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	build(f)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// openBytes opens an in-memory file with imports.Open.
func openBytes(t *testing.T, name string, data []byte, opts imports.Options) (*imports.File, error) {
	t.Helper()
	f, err := imports.Open(name, bytes.NewReader(data), int64(len(data)), opts)
	if err == nil {
		t.Cleanup(func() { f.Close() })
	}
	return f, err
}

// setRow writes values into row n of sheet from column A.
func setRow(t testing.TB, f *excelize.File, sheet string, n int, values ...any) {
	t.Helper()
	cell, _ := excelize.CoordinatesToCellName(1, n)
	if err := f.SetSheetRow(sheet, cell, &values); err != nil {
		t.Fatal(err)
	}
}

// problemStrings formats problems for assertions.
func problemStrings(ps []imports.Problem) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, "\n")
}
