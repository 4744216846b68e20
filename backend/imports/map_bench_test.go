package imports_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend/imports"
)

// BenchmarkMapXLSX200k compares, on the 200,000-row × 24-column Jira-like
// workbook of BenchmarkReadXLSX200k: (a) bare excelize streaming iteration,
// every cell touched; (b) this package's reader alone, every row read and
// its five date-time columns parsed; (c) MapTable, which reads the same
// table and maps it to items with reconstructed history, sprints, labels,
// statuses and problems. The target is (c) ≤ 1.3 × (b). Run it with
// -benchtime=3x; set THROUGHLINE_BENCH_ROWS for a smaller file.
func BenchmarkMapXLSX200k(b *testing.B) {
	rows := 200_000
	if s := os.Getenv("THROUGHLINE_BENCH_ROWS"); s != "" {
		rows, _ = strconv.Atoi(s)
	}
	path := filepath.Join(b.TempDir(), "export.xlsx")
	writeBenchWorkbook(b, path, rows)
	open := func(b *testing.B) (*imports.Table, func()) {
		file, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		st, _ := file.Stat()
		f, err := imports.Open("export.xlsx", file, st.Size(), imports.Options{})
		if err != nil {
			b.Fatal(err)
		}
		tb, err := f.Table("Export")
		if err != nil {
			b.Fatal(err)
		}
		return tb, func() { f.Close(); file.Close() }
	}

	b.Run("excelize", func(b *testing.B) {
		for b.Loop() {
			f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: imports.DefaultUnzipSizeLimit, UnzipXMLSizeLimit: imports.DefaultUnzipXMLSizeLimit})
			if err != nil {
				b.Fatal(err)
			}
			it, err := f.Rows("Export")
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for it.Next() {
				if _, err := it.Columns(excelize.Options{RawCellValue: true}); err != nil {
					b.Fatal(err)
				}
				n++
			}
			_ = it.Close()
			_ = f.Close()
			if n != rows+1 {
				b.Fatalf("read %d rows", n)
			}
		}
	})

	reader := func(b *testing.B) {
		tb, done := open(b)
		defer done()
		var cols []*imports.DateColumn
		for _, name := range benchDateColumns {
			cols = append(cols, imports.NewDateColumn(tb.File, tb.Sheet, tb.Columns(name)[0], imports.DateOptions{Location: time.UTC, Date1904: tb.Date1904}))
		}
		n := 0
		err := tb.Each(func(r imports.Row) error {
			n++
			for _, c := range cols {
				if _, p := c.Parse(r.Number, r.Cell(c.Header.Index)); p != nil {
					return p
				}
			}
			return nil
		})
		if err != nil || n != rows {
			b.Fatalf("read %d rows: %v", n, err)
		}
	}
	mapper := func(b *testing.B) {
		tb, done := open(b)
		defer done()
		m, err := imports.MapTable(tb, imports.MapOptions{Location: time.UTC})
		if err != nil || len(m.Items) != rows || m.Rejected != 0 {
			b.Fatalf("mapped %d of %d rows, %d rejected: %v", len(m.Items), rows, m.Rejected, err)
		}
	}
	b.Run("reader", func(b *testing.B) {
		for b.Loop() {
			reader(b)
		}
	})
	// map times MapTable alone; before each run it times the bare reader
	// on the same file (outside ns/op), so the reported map/reader ratio
	// compares runs made under the same machine load.
	b.Run("map", func(b *testing.B) {
		var readerT, mapT time.Duration
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			runtime.GC()
			t0 := time.Now()
			reader(b)
			readerT += time.Since(t0)
			runtime.GC()
			b.StartTimer()
			t1 := time.Now()
			mapper(b)
			mapT += time.Since(t1)
		}
		b.ReportMetric(float64(mapT)/float64(readerT), "map/reader")
	})
}
