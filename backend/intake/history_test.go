package intake_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/intake"
	"github.com/throughline/throughline/backend/sqlite"
)

// Real fixtures: a Jira CSV export (histories rebuilt from Created, the
// start and Resolved) and the REST changelog of two of its issues.
const (
	jiraItemsCSV     = "jira-cloud-all-fields.csv"
	jiraChangelogCSV = "jira-changelog-rest.csv"
)

// changelogOnly is what HBR-211 and HBR-212 hold once their changelog is
// in: its status rows and nothing rebuilt (no "Created" entry, no start
// taken from a date column).
var changelogOnly = map[string]string{
	"HBR-211": ">To Do@2026-01-12T09:30:12Z To Do>In Progress@2026-01-14T08:02:45Z In Progress>In Review@2026-01-30T15:00:00Z In Review>Done@2026-02-03T16:45:03Z",
	"HBR-212": "To Do>In Progress@2026-02-03T08:30:00Z In Progress>In Review@2026-02-04T10:20:00Z",
}

// TestChangelogReplacesRebuiltHistory runs the Jira export and its
// changelog through the whole import, as files and as one workbook: the
// changelog's items end up with the changelog's history alone, whatever
// the order; re-importing changes nothing; undo brings the rebuilt history
// back.
func TestChangelogReplacesRebuiltHistory(t *testing.T) {
	ctx := context.Background()
	items, changelog := fixture(t, "unseen/"+jiraItemsCSV), fixture(t, "unseen/"+jiraChangelogCSV)
	t.Run("ItemsThenChangelog", func(t *testing.T) {
		db := berlinDB(t)
		first := importOne(t, db, items)
		rebuilt := stored(t, db, "jira", "HBR-211").history
		if !strings.Contains(rebuilt, "Created") {
			t.Fatalf("the export's history of HBR-211 is not the rebuilt one: %s", rebuilt)
		}
		second := importOne(t, db, changelog)
		for key, want := range changelogOnly {
			if got := stored(t, db, "jira", key).history; got != want {
				t.Errorf("%s history:\n%s\nwant\n%s", key, got, want)
			}
		}
		if other := stored(t, db, "jira", "HBR-216").history; !strings.Contains(other, "Created") {
			t.Errorf("HBR-216 is not in the changelog, but its rebuilt history changed: %s", other)
		}
		for _, src := range []intake.Source{items, changelog, changelog, items} {
			if r := importOne(t, db, src); r.Stored {
				t.Fatalf("re-import of %s stored %+v", src.Name, r)
			}
		}
		if err := db.UndoImport(ctx, first.BatchID); backend.ErrorCode(err) != backend.EConflict {
			t.Fatalf("undo of the export while its changelog is applied: %v, want a conflict", err)
		}
		if err := db.UndoImport(ctx, second.BatchID); err != nil {
			t.Fatal(err)
		}
		if got := stored(t, db, "jira", "HBR-211").history; got != rebuilt {
			t.Fatalf("after undoing the changelog, HBR-211 history:\n%s\nwant the rebuilt one back:\n%s", got, rebuilt)
		}
		if err := db.UndoImport(ctx, first.BatchID); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("OneWorkbookWithBothSheets", func(t *testing.T) {
		db := berlinDB(t)
		book := workbook(t, map[string]intake.Source{"Issues": items, "History": changelog})
		r := importOne(t, db, book)
		if !strings.Contains(r.Format, "jira_history") {
			t.Fatalf("format %q: the history sheet was not read", r.Format)
		}
		for key, want := range changelogOnly {
			if got := stored(t, db, "jira", key).history; got != want {
				t.Errorf("%s history:\n%s\nwant\n%s", key, got, want)
			}
		}
		for _, src := range []intake.Source{book, items, changelog} {
			if r := importOne(t, db, src); r.Stored {
				t.Fatalf("re-import of %s stored %+v", src.Name, r)
			}
		}
	})
}

// importOne imports one file and fails the test when it cannot be read or stored.
func importOne(t *testing.T, db *sqlite.DB, src intake.Source) intake.FileReport {
	t.Helper()
	reps, err := intake.Import(context.Background(), db, []intake.Source{src}, intake.Options{}, nil)
	if err != nil || len(reps) != 1 || reps[0].Error != "" {
		t.Fatalf("import %s: %v %+v", src.Name, err, reps)
	}
	return reps[0]
}

// workbook writes CSV sources into the sheets of one xlsx file, every cell
// as text (as a CSV opened in Excel and saved keeps Jira's date texts).
func workbook(t *testing.T, sheets map[string]intake.Source) intake.Source {
	t.Helper()
	f := excelize.NewFile()
	first := true
	for _, name := range []string{"Issues", "History"} {
		src, ok := sheets[name]
		if !ok {
			continue
		}
		if first {
			f.SetSheetName("Sheet1", name)
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(src.Data, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", src.Name, err)
		}
		for i, row := range rows {
			cells := make([]any, len(row))
			for j, v := range row {
				cells[j] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &cells); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return intake.Source{Name: "jira-with-history.xlsx", Data: buf.Bytes()}
}
