package imports_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
)

// liveBook writes a one-sheet workbook: header, then rows; a time.Time is
// written as a real Excel date-time (a serial), anything else as it is.
func liveBook(t *testing.T, header []any, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("Sheet1", "A1", &header); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		row := make([]any, len(r))
		copy(row, r)
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &row); err != nil {
			t.Fatal(err)
		}
		for j, v := range r {
			if _, ok := v.(time.Time); ok {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
				f.SetCellStyle("Sheet1", cell, cell, style)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// mapBoth maps the same table without and with OnItems and returns both
// results and the items OnItems received, in order.
func mapBoth(t *testing.T, open func() *imports.Table, opts imports.MapOptions) (plain, live imports.Mapped, got []backend.ImportItem, plainErr, liveErr error) {
	t.Helper()
	plain, plainErr = imports.MapTable(open(), opts)
	opts.OnItems = func(items []backend.ImportItem) error {
		got = append(got, items...)
		return nil
	}
	live, liveErr = imports.MapTable(open(), opts)
	return
}

// TestMapLiveMatchesTwoPass: mapping rows while the table is read (OnItems)
// gives exactly what the two-pass mapping gives, for workbooks whose dates
// are serials throughout, turn to text part-way, are ambiguous text, or
// name parents by Jira issue ids further down; and for every CSV fixture.
// The items handed over are the mapped items, in order, parents aside
// (resolved at the end of the table).
func TestMapLiveMatchesTwoPass(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 9, 30, 0, 0, time.UTC) }
	templ := []any{"Key", "Type", "Title", "Team", "Status", "Created", "Started", "Done", "Points"}
	var serial, turning, ambiguous [][]any
	for i := 1; i <= 40; i++ {
		serial = append(serial, []any{fmt.Sprintf("T-%d", i), "story", fmt.Sprintf("Story %d", i), "Blue", "Done", day(1 + i%20), day(2 + i%20), day(5 + i%20), float64(i % 8)})
		created := any(day(1 + i%20))
		switch {
		case i == 17:
			created = "25/01/2026" // day first: settles the column
		case i > 17 && i%5 == 0:
			created = "2026-01-0" + fmt.Sprint(1+i%9)
		}
		turning = append(turning, []any{fmt.Sprintf("T-%d", i), "story", "", "Blue", "In Progress", created, nil, nil, "n/a"})
		amb := any(day(3))
		if i > 30 {
			amb = fmt.Sprintf("0%d/0%d/2026", 1+i%8, 1+i%7)
		}
		ambiguous = append(ambiguous, []any{fmt.Sprintf("T-%d", i), "story", "x", "Blue", "Done", amb, nil, nil, nil})
	}
	turning[3][0] = "" // a rejected row while still live
	serial = append(serial, serial[4])
	serial[len(serial)-1] = []any{"T-5", "story", "Repeated key", "Blue", "Done", day(2), nil, nil, 1.0}
	jira := [][]any{}
	for i := 1; i <= 30; i++ {
		parent := ""
		if i < 30 {
			parent = "10030" // the epic is the last row
		}
		jira = append(jira, []any{fmt.Sprintf("PAY-%d", i), fmt.Sprint(10000 + i), "Story", fmt.Sprintf("Story %d", i), "Done", day(1 + i%25), parent})
	}
	jira[29][2] = "Epic"
	books := []struct {
		name   string
		header []any
		rows   [][]any
	}{
		{"serial dates throughout", templ, serial},
		{"dates turn to text part-way", templ, turning},
		{"ambiguous text dates at the end", templ, ambiguous},
		{"Jira parents by issue id further down", []any{"Issue key", "Issue id", "Issue Type", "Summary", "Status", "Created", "Parent id"}, jira},
	}
	for _, b := range books {
		t.Run(b.name, func(t *testing.T) {
			data := liveBook(t, b.header, b.rows)
			open := func() *imports.Table {
				f, err := imports.Open(b.name+".xlsx", bytes.NewReader(data), int64(len(data)), imports.Options{})
				if err != nil {
					t.Fatal(err)
				}
				tb, err := f.Table(f.Sheets()[0].Name)
				if err != nil {
					t.Fatal(err)
				}
				return tb
			}
			compareLive(t, open, imports.MapOptions{Location: time.UTC})
		})
	}

	fixtures, _ := filepath.Glob("testdata/*/*.*sv")
	if len(fixtures) < 20 {
		t.Fatalf("found %d CSV fixtures", len(fixtures))
	}
	for _, path := range fixtures {
		t.Run(path, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			open := func() *imports.Table {
				f, err := imports.Open(filepath.Base(path), bytes.NewReader(data), int64(len(data)), imports.Options{})
				if err != nil {
					t.Fatal(err)
				}
				tb, err := f.Table(f.Sheets()[0].Name)
				if err != nil {
					t.Fatal(err)
				}
				return tb
			}
			compareLive(t, open, imports.MapOptions{Location: berlin})
		})
	}
}

func compareLive(t *testing.T, open func() *imports.Table, opts imports.MapOptions) {
	t.Helper()
	plain, live, got, perr, lerr := mapBoth(t, open, opts)
	if fmt.Sprint(perr) != fmt.Sprint(lerr) {
		t.Fatalf("errors differ: two-pass %v, live %v", perr, lerr)
	}
	if len(plain.AmbiguousDates) > 0 {
		if !reflect.DeepEqual(plain, live) {
			t.Fatalf("results differ:\ntwo-pass %+v\nlive     %+v", plain, live)
		}
		return // the caller discards what it received
	}
	// Live, the mapper keeps links, not items: rebuild the items from what
	// was handed over and the links' (final) parents.
	if len(live.Items) != 0 || len(live.Links) != len(got) {
		t.Fatalf("live: %d items kept, %d links, %d handed over", len(live.Items), len(live.Links), len(got))
	}
	rebuilt := live
	rebuilt.Links = nil
	rebuilt.Items = nil
	for i, it := range got {
		l := live.Links[i]
		if l.SourceSystem != it.SourceSystem || l.ExternalKey != it.ExternalKey || l.File != it.File || l.Row != it.Row {
			t.Fatalf("link %d %+v does not match item %+v", i, l, it)
		}
		it.ParentKey = l.ParentKey
		rebuilt.Items = append(rebuilt.Items, it)
	}
	if len(plain.Items) == 0 {
		plain.Items = nil
	}
	if !reflect.DeepEqual(plain, rebuilt) {
		t.Fatalf("results differ:\ntwo-pass %+v\nlive     %+v", plain, rebuilt)
	}
}

// TestMapLiveStopsOnError: an error from OnItems stops the read and is
// MapTable's error.
func TestMapLiveStopsOnError(t *testing.T) {
	var rows [][]any
	for i := 1; i <= 3000; i++ {
		rows = append(rows, []any{fmt.Sprintf("T-%d", i), "story", "x", "Blue", "Done", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
	}
	data := liveBook(t, []any{"Key", "Type", "Title", "Team", "Status", "Created"}, rows)
	f, err := imports.Open("big.xlsx", bytes.NewReader(data), int64(len(data)), imports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := f.Table(f.Sheets()[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	_, err = imports.MapTable(tb, imports.MapOptions{OnItems: func([]backend.ImportItem) error {
		calls++
		return fmt.Errorf("the store is full")
	}})
	if err == nil || !strings.Contains(err.Error(), "the store is full") || calls != 1 {
		t.Fatalf("error %v after %d calls", err, calls)
	}
}

// TestMapLiveHandsOverWhileReading: rows with serial dates are handed over
// before the table ends — seen here because the table then turns out to
// have an ambiguous date column, which the two-pass mapping reports
// before mapping any row.
func TestMapLiveHandsOverWhileReading(t *testing.T) {
	var rows [][]any
	for i := 1; i <= 2500; i++ {
		created := any(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
		if i > 2400 {
			created = "03/04/2026"
		}
		rows = append(rows, []any{fmt.Sprintf("T-%d", i), "story", "x", "Blue", "Done", created})
	}
	data := liveBook(t, []any{"Key", "Type", "Title", "Team", "Status", "Created"}, rows)
	for _, live := range []bool{false, true} {
		f, err := imports.Open("late.xlsx", bytes.NewReader(data), int64(len(data)), imports.Options{})
		if err != nil {
			t.Fatal(err)
		}
		tb, err := f.Table(f.Sheets()[0].Name)
		if err != nil {
			t.Fatal(err)
		}
		handed := 0
		opts := imports.MapOptions{}
		if live {
			opts.OnItems = func(items []backend.ImportItem) error { handed += len(items); return nil }
		}
		m, err := imports.MapTable(tb, opts)
		if err != nil || len(m.AmbiguousDates) != 1 || len(m.Items) != 0 {
			t.Fatalf("live %v: %v, ambiguous %v, %d items", live, err, m.AmbiguousDates, len(m.Items))
		}
		if live && handed != 2048 { // two full chunks of the 2,400 serial rows
			t.Fatalf("handed over %d items while reading, want 2048", handed)
		}
	}
}

// TestMapOnRows: the rows read are reported every 5,000 rows and at the end.
func TestMapOnRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("Key,Type,Title,Team,Status,Created\n")
	for i := 1; i <= 12345; i++ {
		fmt.Fprintf(&b, "T-%d,story,x,Blue,Done,2026-01-02\n", i)
	}
	tb, err := imports.Open("rows.csv", strings.NewReader(b.String()), int64(b.Len()), imports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	table, err := tb.Table(tb.Sheets()[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	var seen []int
	if _, err := imports.MapTable(table, imports.MapOptions{OnRows: func(n int) { seen = append(seen, n) }}); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(seen) != "[5000 10000 12345]" {
		t.Fatalf("progress %v", seen)
	}
}

// TestMapStopsWhenCancelled: a cancelled context stops the read within a
// thousand rows, also for a table whose rows wait for date decisions.
func TestMapStopsWhenCancelled(t *testing.T) {
	var b strings.Builder
	b.WriteString("Key,Type,Title,Team,Status,Created\n")
	for i := 1; i <= 20000; i++ {
		fmt.Fprintf(&b, "T-%d,story,x,Blue,Done,03/04/2026\n", i) // text dates: every row waits
	}
	f, err := imports.Open("late.csv", strings.NewReader(b.String()), int64(b.Len()), imports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := f.Table(f.Sheets()[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	rows := 0
	_, err = imports.MapTable(tb, imports.MapOptions{Context: ctx, OnRows: func(n int) {
		rows = n
		cancel() // at the first report, 5,000 rows in
	}})
	if !errors.Is(err, context.Canceled) || rows != 5000 {
		t.Fatalf("error %v after %d rows", err, rows)
	}
}
