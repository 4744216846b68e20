package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/intake"
)

// TestImportProgressNotOnAPipe: a file big enough for progress reports
// (12,000 rows) imported with stderr not a terminal (a buffer, then a
// regular file) prints nothing but the report.
func TestImportProgressNotOnAPipe(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Key,Type,Title,Team,Program,Status,Created,Started,Done,Points\n")
	for i := 1; i <= 12000; i++ {
		fmt.Fprintf(&b, "BIG-%d,story,Item %d,Ops,Payments,Done,2026-01-05,2026-01-06,2026-01-%02d,3\n", i, i, 7+i%20)
	}
	csv := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(csv, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	code, out, stderr := runCLI("import", "--db", filepath.Join(dir, "a.db"), "--dry-run", csv)
	if code != 0 || !strings.Contains(out, "12000 rows read") {
		t.Fatalf("exit %d: %s %s", code, out, stderr)
	}
	if stderr != "" {
		t.Fatalf("stderr is not a terminal, yet it got %q", stderr)
	}

	errFile, err := os.Create(filepath.Join(dir, "stderr.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer errFile.Close()
	var outb bytes.Buffer
	if code := run(t.Context(), []string{"import", "--db", filepath.Join(dir, "b.db"), csv}, &outb, errFile); code != 0 {
		t.Fatalf("exit %d: %s", code, outb.String())
	}
	if got, _ := os.ReadFile(errFile.Name()); len(got) != 0 {
		t.Fatalf("stderr redirected to a file got %q", got)
	}
	if importProgress(errFile, false) != nil {
		t.Fatal("a regular file was taken for a terminal")
	}
}

// TestProgressLine: what a terminal sees — nothing for a file without rows
// to report, one rewritten line for a large one, erased when it is done.
func TestProgressLine(t *testing.T) {
	var w bytes.Buffer
	l := &progressLine{w: &w}
	for _, p := range []intake.FileProgress{
		{File: "small.csv", Stage: intake.ProgressReading},
		{File: "small.csv", Stage: intake.ProgressStoring, RowsRead: 40, RowsTotal: 40},
		{File: "small.csv", Stage: intake.ProgressDone, RowsRead: 40, RowsTotal: 40},
	} {
		l.update(p)
	}
	if w.Len() != 0 {
		t.Fatalf("a small file printed %q", w.String())
	}
	for _, p := range []intake.FileProgress{
		{File: "Zoë.xlsx", Stage: intake.ProgressReading},
		{File: "Zoë.xlsx", Sheet: "Items", Stage: intake.ProgressReading, RowsRead: 5000},
		{File: "Zoë.xlsx", Sheet: "Items", Stage: intake.ProgressReading, RowsRead: 120000, RowsTotal: 200000, ItemsStored: 116736},
		{File: "Zoë.xlsx", Stage: intake.ProgressStoring, RowsRead: 200000, RowsTotal: 200000},
		{File: "Zoë.xlsx", Stage: intake.ProgressDone, RowsRead: 200000, RowsTotal: 200000},
	} {
		l.update(p)
	}
	want := "\rReading Zoë.xlsx: 5,000 rows…\x1b[K" +
		"\rReading Zoë.xlsx: 120,000 of about 200,000 rows, 116,736 items stored…\x1b[K" +
		"\rStoring Zoë.xlsx: 200,000 rows read…\x1b[K" +
		"\r\x1b[K"
	if w.String() != want {
		t.Fatalf("terminal got\n%q\nwant\n%q", w.String(), want)
	}
	for n, s := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -5000: "-5,000"} {
		if got := thousands(n); got != s {
			t.Errorf("thousands(%d) = %q, want %q", n, got, s)
		}
	}
}
