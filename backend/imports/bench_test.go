package imports_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend/imports"
)

// benchHeaders resemble a Jira "all fields" export: 24 columns, 5 of them
// date-times.
var benchHeaders = []string{"Summary", "Issue key", "Issue id", "Issue Type", "Status", "Status Category", "Project key", "Priority",
	"Resolution", "Assignee", "Reporter", "Created", "Updated", "Resolved", "Custom field (Start date)", "Status Category Changed",
	"Custom field (Team)", "Sprint", "Sprint", "Labels", "Custom field (Story Points)", "Parent", "Fix Version/s", "Description"}

var benchDateColumns = []string{"Created", "Updated", "Resolved", "Custom field (Start date)", "Status Category Changed"}

// writeBenchWorkbook writes rows items with excelize's StreamWriter, dates as
// serial numbers with a date-time number format (numFmt 22), as Excel
// stores them.
func writeBenchWorkbook(b *testing.B, path string, rows int) {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Export"); err != nil {
		b.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		b.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Export")
	if err != nil {
		b.Fatal(err)
	}
	head := make([]any, len(benchHeaders))
	for i, h := range benchHeaders {
		head[i] = h
	}
	if err := sw.SetRow("A1", head); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	types := []string{"Story", "Bug", "Task", "Story", "Story"}
	statuses := []string{"Done", "In Progress", "To Do", "In Review", "Done", "Done"}
	base := 46000.0 // 2025-12-09
	row := make([]any, len(benchHeaders))
	for r := 0; r < rows; r++ {
		team := rng.IntN(395)
		created := base - float64(rng.IntN(400)) + rng.Float64()
		status := statuses[rng.IntN(len(statuses))]
		date := func(v float64) any { return excelize.Cell{StyleID: dateStyle, Value: v} }
		row[0] = fmt.Sprintf("Item %d for team %d: %s", r, team, "improve the flow, again")
		row[1] = "T" + strconv.Itoa(team) + "-" + strconv.Itoa(r)
		row[2] = 100000 + r
		row[3] = types[rng.IntN(len(types))]
		row[4] = status
		row[5] = map[bool]string{true: "Done", false: "In Progress"}[status == "Done"]
		row[6] = "T" + strconv.Itoa(team)
		row[7] = "Medium"
		row[8] = map[bool]string{true: "Done", false: ""}[status == "Done"]
		row[9] = "Person " + strconv.Itoa(rng.IntN(2000))
		row[10] = "Person " + strconv.Itoa(rng.IntN(2000))
		row[11] = date(created)
		row[12] = date(created + 3 + rng.Float64()*10)
		if status == "Done" {
			row[13] = date(created + 10 + rng.Float64()*20)
		} else {
			row[13] = nil
		}
		row[14] = date(created + 1 + rng.Float64())
		row[15] = date(created + 2 + rng.Float64()*5)
		row[16] = "Team " + strconv.Itoa(team)
		row[17] = "Sprint " + strconv.Itoa(rng.IntN(30))
		row[18] = "Sprint " + strconv.Itoa(rng.IntN(30))
		row[19] = "label-" + strconv.Itoa(rng.IntN(50))
		row[20] = []int{1, 2, 3, 5, 8}[rng.IntN(5)]
		row[21] = "E-" + strconv.Itoa(rng.IntN(5000))
		row[22] = "R" + strconv.Itoa(rng.IntN(12))
		row[23] = "As a user I want thing " + strconv.Itoa(r)
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkReadXLSX200k compares (a) bare excelize streaming iteration of a
// 200,000-row × 24-column export, every cell touched, with (b) this
// package reading every row and parsing the five date-time columns. The
// target is (b) ≤ 1.3 × (a). "pair" runs (a) and (b) alternately and
// reports the median of the per-pair ratios of wall time and of CPU time
// (the process's user + system time, which other processes on a busy
// machine disturb less). Run it with -benchtime=3x. THROUGHLINE_BENCH_ROWS makes
// a smaller file; THROUGHLINE_BENCH_FILE keeps the file between runs.
func BenchmarkReadXLSX200k(b *testing.B) {
	rows := 200_000
	if s := os.Getenv("THROUGHLINE_BENCH_ROWS"); s != "" {
		rows, _ = strconv.Atoi(s)
	}
	path := os.Getenv("THROUGHLINE_BENCH_FILE")
	if path == "" {
		path = filepath.Join(b.TempDir(), "export.xlsx")
	}
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		writeBenchWorkbook(b, path, rows)
		b.Logf("wrote %d rows in %v", rows, time.Since(start).Round(time.Millisecond))
	}

	b.Run("excelize", func(b *testing.B) {
		for b.Loop() {
			readWithExcelize(b, path, rows)
		}
	})
	b.Run("imports", func(b *testing.B) {
		for b.Loop() {
			readWithImports(b, path, rows)
		}
	})
	b.Run("pair", func(b *testing.B) {
		var ratios, cpuRatios, as, bs []float64
		for b.Loop() {
			t0, c0 := time.Now(), cpuTime()
			readWithExcelize(b, path, rows)
			t1, c1 := time.Now(), cpuTime()
			readWithImports(b, path, rows)
			t2, c2 := time.Now(), cpuTime()
			a, c := t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds()
			ratios, as, bs = append(ratios, c/a), append(as, a), append(bs, c)
			if c1 > c0 {
				cpuRatios = append(cpuRatios, float64(c2-c1)/float64(c1-c0))
			}
		}
		b.ReportMetric(median(ratios), "ratio")
		b.ReportMetric(median(cpuRatios), "cpu-ratio")
		b.ReportMetric(median(as), "excelize-s")
		b.ReportMetric(median(bs), "imports-s")
	})
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

// readWithExcelize is the reference: excelize's row iterator, raw values,
// every cell touched.
func readWithExcelize(b *testing.B, path string, rows int) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: imports.DefaultUnzipSizeLimit, UnzipXMLSizeLimit: imports.DefaultUnzipXMLSizeLimit})
	if err != nil {
		b.Fatal(err)
	}
	it, err := f.Rows("Export")
	if err != nil {
		b.Fatal(err)
	}
	n, total := 0, 0
	for it.Next() {
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cols {
			total += len(c)
		}
		n++
	}
	_ = it.Close()
	_ = f.Close()
	if n != rows+1 || total == 0 {
		b.Fatalf("read %d rows", n)
	}
}

// readWithImports reads every row with this package and parses the five
// date-time columns.
func readWithImports(b *testing.B, path string, rows int) {
	file, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer file.Close()
	st, _ := file.Stat()
	f, err := imports.Open("export.xlsx", file, st.Size(), imports.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	tb, err := f.Table("Export")
	if err != nil {
		b.Fatal(err)
	}
	var cols []*imports.DateColumn
	for _, name := range benchDateColumns {
		h := tb.Columns(name)[0]
		cols = append(cols, imports.NewDateColumn(tb.File, tb.Sheet, h, imports.DateOptions{Location: time.UTC, Date1904: tb.Date1904}))
	}
	n, dates := 0, 0
	err = tb.Each(func(r imports.Row) error {
		n++
		for _, c := range cols {
			d, p := c.Parse(r.Number, r.Cell(c.Header.Index))
			if p != nil {
				return p
			}
			if !d.IsZero() {
				dates++
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if n != rows || dates < rows*4 {
		b.Fatalf("read %d rows, %d dates", n, dates)
	}
}
