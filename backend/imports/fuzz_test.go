package imports_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
)

// The fuzz targets run their seeds in every `go test`; run one for real
// with, for example, `go test ./backend/imports -run '^$' -fuzz FuzzCSV
// -fuzztime 30s`. Seeds are the fixtures under testdata/ and the catalogue
// inputs.

// fixtureSeeds returns the bytes of every fixture.
func fixtureSeeds(f *testing.F) [][]byte {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*", "*.*"))
	if err != nil {
		f.Fatal(err)
	}
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// personFacing asserts err is nil or carries a *backend.Error.
func personFacing(t *testing.T, err error) {
	t.Helper()
	var be *backend.Error
	if err != nil && !errors.As(err, &be) {
		t.Fatalf("error without a person-facing message: %v", err)
	}
}

func FuzzCSV(f *testing.F) {
	for _, b := range fixtureSeeds(f) {
		f.Add(b, false)
	}
	for _, s := range []string{"", "\uFEFF", "sep=;\nA;B\n1;2\n", "A,B\n\"x\ny\",2\n", "A,B\nab\"c,1\n", "A,B\n\"open,1\n", "A\rB\r", "A,B\n1,2,3\n1\n",
		"\xff\xfeK\x00,\x00V\x00\n\x001\x00,\x002\x00\n\x00", "Key,Owner\nK,Zo\xeb\n", "PK\x03\x04", "<html>"} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, lazy bool) {
		opts := imports.Options{LazyQuotes: lazy, Limits: imports.Limits{MaxColumns: 64, MaxCellChars: 4096}}
		tb, err := imports.ReadCSV("fuzz.csv", bytes.NewReader(data), opts)
		personFacing(t, err)
		if err != nil {
			return
		}
		last := 0
		err = tb.Each(func(r imports.Row) error {
			if r.Number <= last || r.Number <= tb.HeaderRow {
				t.Fatalf("row number %d after %d (header %d)", r.Number, last, tb.HeaderRow)
			}
			if len(r.Cells) < len(tb.Headers) {
				t.Fatalf("row %d has %d cells for %d headers", r.Number, len(r.Cells), len(tb.Headers))
			}
			last = r.Number
			return nil
		})
		personFacing(t, err)
	})
}

func FuzzOpenXLSX(f *testing.F) {
	f.Add(simpleWorkbook(f))
	f.Add(rawXLSX(f, headerRowXML+`<row r="2"><c r="A2" t="inlineStr"><is><t>K-2</t></is></c><c r="B2"><v>46000</v></c></row>`, nil))
	f.Add(rawXLSX(f, headerRowXML+`<row r="-1"><c r="XFE2"><v>1</v></c></row>`, nil))
	f.Add([]byte("PK\x03\x04"))
	tmp := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := imports.Open("fuzz.xlsx", bytes.NewReader(data), int64(len(data)), imports.Options{TmpDir: tmp, Limits: imports.Limits{UnzipSizeLimit: 8 << 20}})
		personFacing(t, err)
		if err != nil {
			return
		}
		for _, s := range file.Sheets() {
			tb, err := file.Table(s.Name)
			personFacing(t, err)
			if err == nil {
				personFacing(t, tb.Each(func(imports.Row) error { return nil }))
			}
		}
		if err := file.Close(); err != nil {
			t.Fatal(err)
		}
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Fatalf("temporary files left: %v", left)
		}
	})
}

func FuzzDates(f *testing.F) {
	for _, s := range []string{"2026-02-25T15:04:05.000+0100", "25/Feb/26 3:04 PM", "25/Feb/2026 15:04", "2026-02-25 15:04", "25.02.2026", "02/25/2026",
		"25/02/2026 14:00", "2/25/2026 3:04:05 PM", "2026-02-25T15:04:05.123Z", "Feb 25, 2026", "25. Mär. 2026", "31/13/2026", "n/a", "12:00 PM"} {
		f.Add(s, uint8(0), false, 46078.5)
		f.Add(s, uint8(1), true, 60.0)
		f.Add(s, uint8(2), false, -1.0)
	}
	f.Fuzz(func(t *testing.T, s string, order uint8, date1904 bool, serial float64) {
		opts := imports.DateOptions{Order: imports.DateOrder(order % 3), Location: berlin, Date1904: date1904}
		d, err := imports.ParseDate(s, opts)
		if err == nil && !d.IsZero() {
			if y := d.Time.Year(); y < 1000 || y > 9999 {
				t.Fatalf("ParseDate(%q) = %v", s, d.Time)
			}
			again, err := imports.ParseDate(d.Civil(), opts)
			if err != nil || again.Civil() != d.Civil() {
				t.Fatalf("civil date %q of %q does not read back: %v %v", d.Civil(), s, again, err)
			}
		}
		sd, err := imports.ExcelSerial(serial, date1904, time.UTC)
		if err == nil {
			if y := sd.Time.Year(); y < 1899 || y > 9999 {
				t.Fatalf("ExcelSerial(%v) = %v", serial, sd.Time)
			}
		}
		dc := imports.NewDateColumn("f.csv", "", imports.Header{Letter: "A", Name: "D"}, opts)
		dc.Observe(2, imports.Cell{Text: s, Kind: imports.CellText})
		_, _ = dc.Decide()
		if _, p := dc.Parse(2, imports.Cell{Text: s, Kind: imports.CellText}); p != nil && p.Row != 2 {
			t.Fatalf("problem row %d", p.Row)
		}
	})
}

func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"1,234.5", "1.234,5", "12,5", "80%", "(1,234)", "1\u00a0234,56", "1'234.50", "1E+308", "NaN", "-", "n/a", "€ 12", "\u22123"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
		f.Add(s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, s string, dec uint8) {
		decimal := []rune{0, '.', ','}[dec%3]
		n, err := imports.ParseNumber(s, decimal)
		if err == nil && n.Set && (math.IsNaN(n.Value) || math.IsInf(n.Value, 0)) {
			t.Fatalf("ParseNumber(%q) = %v", s, n.Value)
		}
		if err == nil && !n.Set && strings.TrimSpace(s) != "" && !strings.ContainsAny(s, "-–—nN(") {
			t.Fatalf("ParseNumber(%q) is absent", s)
		}
	})
}

func FuzzHeaderDetect(f *testing.F) {
	for _, b := range fixtureSeeds(f) {
		f.Add(string(b))
	}
	f.Add("Title\n\nKey,Type\n1,2\n")
	f.Fuzz(func(t *testing.T, s string) {
		var rows [][]imports.Cell
		for _, line := range strings.Split(s, "\n") {
			var cells []imports.Cell
			for _, v := range strings.Split(line, ",") {
				cells = append(cells, imports.Cell{Text: v, Kind: imports.CellText})
			}
			rows = append(rows, cells)
		}
		i := imports.DetectHeader(rows, imports.KnownHeaderScore)
		if i < 0 || (len(rows) > 0 && i >= len(rows)) {
			t.Fatalf("DetectHeader = %d for %d rows", i, len(rows))
		}
		var hs []imports.Header
		for j, c := range rows[i] {
			k := imports.NormalizeHeader(c.Text)
			if imports.NormalizeHeader(k) != k {
				t.Fatalf("NormalizeHeader is not idempotent on %q", c.Text)
			}
			hs = append(hs, imports.Header{Index: j, Letter: imports.ColumnLetter(j), Name: c.Text, Occurrence: 1})
		}
		d := imports.Detect(hs, nil)
		if d.Confidence < 0 || d.Confidence > 1 || (d.Format != imports.FormatUnknown && d.Confidence < 0.5) {
			t.Fatalf("Detect = %s %.2f", d.Format, d.Confidence)
		}
		for _, cols := range d.Roles {
			for _, c := range cols {
				if c < 0 || c >= len(hs) {
					t.Fatalf("role column %d of %d", c, len(hs))
				}
			}
		}
	})
}
