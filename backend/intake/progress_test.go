package intake_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/throughline/throughline/backend/intake"
)

// progressLog collects what OnProgress hears.
type progressLog struct {
	mu     sync.Mutex
	events []intake.FileProgress
}

func (l *progressLog) add(p intake.FileProgress) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, p)
}

func (l *progressLog) all() []intake.FileProgress {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]intake.FileProgress(nil), l.events...)
}

// progCSV is a template-layout CSV of n items.
func progCSV(name string, n int) intake.Source {
	var b strings.Builder
	b.WriteString("Key,Type,Title,Team,Program,Status,Created,Started,Done,Points\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "P-%d,story,Item %d for Zoë,Ops,Payments,Done,2026-01-05,2026-01-06,2026-01-%02d,3\n", i, i, 7+i%20)
	}
	return intake.Source{Name: name, Data: []byte(b.String())}
}

// progSheet is one sheet of progWorkbook: rows data rows under the header,
// and the <dimension ref> it declares ("" for none).
type progSheet struct {
	name      string
	rows      int
	dimension string
	hidden    bool
}

// zipPart writes one part of a zip archive, failing the test if it cannot.
func zipPart(tb testing.TB, zw *zip.Writer, name, body string) {
	tb.Helper()
	w, err := zw.Create(name)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := w.Write([]byte(body)); err != nil {
		tb.Fatal(err)
	}
}

// progWorkbook writes a workbook part by part (inline strings, dates as
// serials with a date format, as Excel stores typed dates), so each sheet's
// <dimension> is what the test says.
func progWorkbook(t *testing.T, sheets ...progSheet) intake.Source {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	part := func(name, body string) { zipPart(t, zw, name, body) }
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	const pkg = `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"`
	var types, list, rels strings.Builder
	for i, s := range sheets {
		n := i + 1
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		state := ""
		if s.hidden {
			state = ` state="hidden"`
		}
		fmt.Fprintf(&list, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, s.name, n, state, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, n, rel, n)
	}
	fmt.Fprintf(&rels, `<Relationship Id="rIdS" Type="%s/styles" Target="styles.xml"/>`, rel)
	part("[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`+types.String()+`</Types>`)
	part("_rels/.rels", `<Relationships `+pkg+`><Relationship Id="rId1" Type="`+rel+`/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<workbook `+ns+` xmlns:r="`+rel+`"><sheets>`+list.String()+`</sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", `<Relationships `+pkg+`>`+rels.String()+`</Relationships>`)
	part("xl/styles.xml", `<styleSheet `+ns+`><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`)
	text := func(b *strings.Builder, ref, v string) {
		fmt.Fprintf(b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, v)
	}
	for i, s := range sheets {
		var b strings.Builder
		b.WriteString(`<worksheet ` + ns + `>`)
		if s.dimension != "" {
			b.WriteString(`<dimension ref="` + s.dimension + `"/>`)
		}
		b.WriteString(`<sheetData><row r="1">`)
		for j, h := range []string{"Key", "Type", "Title", "Team", "Program", "Status", "Created", "Started", "Done", "Points"} {
			text(&b, fmt.Sprintf("%c1", 'A'+j), h)
		}
		b.WriteString(`</row>`)
		for r := 2; r <= s.rows+1; r++ {
			fmt.Fprintf(&b, `<row r="%d">`, r)
			for j, v := range []string{fmt.Sprintf("%s-%d", strings.ToUpper(s.name[:1]), r), "story", fmt.Sprintf("Item %d", r), "Ops", "Payments", "Done"} {
				text(&b, fmt.Sprintf("%c%d", 'A'+j, r), v)
			}
			for j, serial := range []int{46027, 46028, 46030 + r%20} { // January 2026
				fmt.Fprintf(&b, `<c r="%c%d" s="1"><v>%d</v></c>`, 'G'+j, r, serial)
			}
			fmt.Fprintf(&b, `<c r="J%d"><v>3</v></c></row>`, r)
		}
		b.WriteString(`</sheetData></worksheet>`)
		part(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), b.String())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return intake.Source{Name: "portfolio.xlsx", Data: buf.Bytes()}
}

// checkOrder checks the events go reading… storing, done, with rows that
// never go back.
func checkOrder(t *testing.T, events []intake.FileProgress, file string, rows int) {
	t.Helper()
	if len(events) < 3 {
		t.Fatalf("events = %+v", events)
	}
	first, last := events[0], events[len(events)-1]
	if first.Stage != intake.ProgressReading || first.RowsRead != 0 || first.File != file {
		t.Fatalf("first event = %+v", first)
	}
	if last.Stage != intake.ProgressDone || last.RowsRead != rows || last.RowsTotal != rows {
		t.Fatalf("last event = %+v", last)
	}
	if st := events[len(events)-2]; st.Stage != intake.ProgressStoring || st.RowsRead != rows {
		t.Fatalf("before done: %+v", st)
	}
	for i := 1; i < len(events); i++ {
		if events[i].RowsRead < events[i-1].RowsRead || events[i].ItemsStored < events[i-1].ItemsStored {
			t.Fatalf("rows or items went back at %d: %+v", i, events)
		}
	}
	if st := events[len(events)-2]; st.ItemsStored != rows {
		t.Fatalf("items stored: %+v", st)
	}
}

// rowSteps lists the reading events as "sheet read/total", one per change
// of those (the items handed in between are left out).
func rowSteps(events []intake.FileProgress) []string {
	var out []string
	for _, e := range events {
		step := fmt.Sprintf("%s %d/%d", e.Sheet, e.RowsRead, e.RowsTotal)
		if e.Stage == intake.ProgressReading && (len(out) == 0 || out[len(out)-1] != step) {
			out = append(out, step)
		}
	}
	return out
}

func TestProgressTextFile(t *testing.T) {
	ctx := context.Background()
	db := newDB(t)
	var log progressLog
	const rows = 12000
	reps, err := intake.Import(ctx, db, []intake.Source{progCSV("big.csv", rows)}, intake.Options{OnProgress: log.add}, nil)
	if err != nil || reps[0].Error != "" || reps[0].ItemsCreated != rows {
		t.Fatalf("import: %v %+v", err, reps)
	}
	events := log.all()
	checkOrder(t, events, "big.csv", rows)
	var seen []int
	for _, e := range events {
		if e.Stage != intake.ProgressReading || e.RowsRead == 0 {
			continue
		}
		// Dates written as text: the items wait for the whole table.
		if e.ItemsStored > 0 && e.RowsRead != rows {
			t.Fatalf("items handed before the table was read: %+v", e)
		}
		if len(seen) > 0 && seen[len(seen)-1] == e.RowsRead {
			continue
		}
		seen = append(seen, e.RowsRead)
		// The share of bytes read puts the estimate within a few percent
		// (the reader's buffers run ahead by up to 128 KB of ~1 MB).
		if e.Sheet != "" || e.RowsTotal < e.RowsRead || e.RowsTotal < rows*8/10 || e.RowsTotal > rows*12/10 {
			t.Errorf("estimate at %d rows: %+v", e.RowsRead, e)
		}
	}
	if fmt.Sprint(seen) != "[5000 10000 12000]" {
		t.Fatalf("rows heard: %v", seen)
	}
}

func TestProgressWorkbook(t *testing.T) {
	ctx := context.Background()
	t.Run("DimensionsGiveTheTotal", func(t *testing.T) {
		var log progressLog
		src := progWorkbook(t,
			progSheet{name: "Items", rows: 7000, dimension: "A1:J7001"},
			progSheet{name: "Notes", rows: 3, dimension: "A1:J4", hidden: true},
			progSheet{name: "More", rows: 1500, dimension: "A1:J1501"})
		reps, err := intake.Import(ctx, newDB(t), []intake.Source{src}, intake.Options{OnProgress: log.add, DryRun: true}, nil)
		if err != nil || reps[0].Error != "" || reps[0].RowsRead != 8500 {
			t.Fatalf("import: %v %+v", err, reps)
		}
		events := log.all()
		checkOrder(t, events, "portfolio.xlsx", 8500)
		// The hidden sheet is not read and not counted.
		want := "[ 0/0 Items 0/8500 Items 5000/8500 Items 7000/8500 More 7000/8500 More 8500/8500]"
		if got := fmt.Sprint(rowSteps(events)); got != want {
			t.Fatalf("reading events\n got %v\nwant %s", got, want)
		}
		// Real date cells: items reach the store while the sheet is read.
		overlap := false
		for _, e := range events {
			overlap = overlap || (e.ItemsStored > 0 && e.RowsRead < 7000)
		}
		if !overlap {
			t.Fatalf("no item was stored while rows were read: %+v", events)
		}
	})
	t.Run("NoDimensionNoTotal", func(t *testing.T) {
		var log progressLog
		src := progWorkbook(t, progSheet{name: "Items", rows: 6000, dimension: "A1"})
		if _, err := intake.Import(ctx, newDB(t), []intake.Source{src}, intake.Options{OnProgress: log.add, DryRun: true}, nil); err != nil {
			t.Fatal(err)
		}
		for _, e := range log.all() {
			if e.Stage == intake.ProgressReading && e.RowsTotal != 0 {
				t.Fatalf("a total without a dimension: %+v", e)
			}
		}
	})
}

// TestProgressCancelMidFile cancels each import after the first rows are
// reported (5,000 read; for the workbook, thousands of items already
// written in the file's transaction) and checks nothing was stored: no
// batch, no item.
func TestProgressCancelMidFile(t *testing.T) {
	for _, c := range []struct {
		name string
		src  func(t *testing.T) intake.Source
	}{
		{"Workbook", func(t *testing.T) intake.Source {
			return progWorkbook(t, progSheet{name: "Items", rows: 30000, dimension: "A1:J30001"})
		}},
		{"Text", func(t *testing.T) intake.Source { return progCSV("big.csv", 30000) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := newDB(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var log progressLog
			var atCancel intake.FileProgress
			opts := intake.Options{OnProgress: func(p intake.FileProgress) {
				log.add(p)
				if p.RowsRead > 0 && ctx.Err() == nil {
					atCancel = p
					cancel()
				}
			}}
			start := time.Now()
			reps, err := intake.Import(ctx, db, []intake.Source{c.src(t)}, opts, nil)
			if !errors.Is(err, context.Canceled) || len(reps) != 0 {
				t.Fatalf("Import = %+v, %v; want the cancel", reps, err)
			}
			batches, err := db.ImportBatches(context.Background())
			if err != nil || len(batches) != 0 {
				t.Fatalf("batches after the cancel: %+v, %v", batches, err)
			}
			counts, err := db.Counts(context.Background())
			if err != nil || counts.Items != 0 {
				t.Fatalf("items after the cancel: %+v, %v", counts, err)
			}
			if c.name == "Workbook" && atCancel.ItemsStored == 0 { // real date cells: stored while read
				t.Fatalf("no item reached the store before the cancel: %+v", atCancel)
			}
			if c.name == "Text" { // the reader stops at its next read of the file
				for _, e := range log.all() {
					if e.RowsRead > 5000 {
						t.Fatalf("read on after the cancel: %+v", e)
					}
				}
			}
			t.Logf("cancelled at %+v; over in %v", atCancel, time.Since(start))
		})
	}
}
