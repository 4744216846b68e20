package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/sqlite"
)

// indexList is every explicit index's name and definition.
func indexList(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	var s string
	if err := db.SQL().QueryRow(`SELECT group_concat(name || ': ' || sql, char(10)) FROM (SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// manyItems is a file of n stories (with three changes each) under one epic
// that comes last, so most children are linked after the buffered writes.
func manyItems(n int, updated string) []backend.ImportItem {
	var out []backend.ImportItem
	for i := 1; i <= n; i++ {
		out = append(out, backend.ImportItem{SourceSystem: "jira", ExternalKey: fmt.Sprintf("BULK-%d", i), Type: backend.TypeStory,
			Title: fmt.Sprintf("Story %d", i), Status: "Done", ParentKey: "BULK-0", CreatedAt: at("2026-01-05T09:00:00Z"), UpdatedAt: tp(updated),
			History: []backend.ImportChange{{To: "To Do", At: at("2026-01-05T09:00:00Z")}, {From: "To Do", To: "In Progress", At: at("2026-01-06T09:00:00Z")},
				{From: "In Progress", To: "Done", At: at("2026-01-08T09:00:00Z")}}, File: "bulk.csv", Row: i + 2})
	}
	return append(out, backend.ImportItem{SourceSystem: "jira", ExternalKey: "BULK-0", Type: backend.TypeEpic, Title: "Epic", Status: "In Progress",
		CreatedAt: at("2026-01-01T09:00:00Z"), UpdatedAt: tp(updated), File: "bulk.csv", Row: 2})
}

// TestBulkImportMatchesRowByRow imports the same files into two portfolios,
// one through the bulk path (indexes set aside, many rows per statement)
// and one below its threshold: both must end up identical, with every
// index back in place, and a failed bulk import must leave nothing.
func TestBulkImportMatchesRowByRow(t *testing.T) {
	ctx := context.Background()
	plain, _ := openNew(t)
	bulk, _ := openNew(t)
	fresh := indexList(t, bulk)

	importBoth := func(items []backend.ImportItem) (backend.ImportResult, backend.ImportResult) {
		a := apply(t, plain, items)
		restore := sqlite.WithBulkIndexMinRows(1)
		defer restore()
		return a, apply(t, bulk, items)
	}
	for _, step := range []struct {
		name  string
		items []backend.ImportItem
	}{
		{"first import (300 items, parent last)", manyItems(300, "2026-02-01T00:00:00Z")},
		{"same file again", manyItems(300, "2026-02-01T00:00:00Z")},
		{"newer export with more items", append(manyItems(350, "2026-03-01T00:00:00Z"), jiraExport("2026-03-01T00:00:00Z")...)},
	} {
		a, b := importBoth(step.items)
		a.BatchID, b.BatchID = 0, 0
		if a != b {
			t.Fatalf("%s: results differ:\nrow by row %+v\nbulk       %+v", step.name, a, b)
		}
		if sa, sb := snapshot(t, plain), snapshot(t, bulk); sa != sb {
			t.Fatalf("%s: stored data differ", step.name)
		}
		if got := indexList(t, bulk); got != fresh {
			t.Fatalf("%s: indexes after a bulk import:\n%s\nwant:\n%s", step.name, got, fresh)
		}
	}
	checkOK(t, bulk)

	// A bulk import that fails part-way (a row the schema refuses) stores
	// nothing and keeps the indexes.
	before := snapshot(t, bulk)
	restore := sqlite.WithBulkIndexMinRows(1)
	defer restore()
	bad := manyItems(200, "2026-04-01T00:00:00Z")
	bad[150].Type = "saga"
	_, err := bulk.ApplyImport(ctx, backend.ImportBatch{FileName: "bad.csv", SHA256: "y"}, bad, defaults)
	if err == nil || !strings.Contains(err.Error(), "bulk.csv, row 153 (BULK-151)") {
		t.Fatalf("error = %v, want one naming bulk.csv, row 153 (BULK-151)", err)
	}
	if snapshot(t, bulk) != before {
		t.Fatal("a failed bulk import changed the portfolio")
	}
	if got := indexList(t, bulk); got != fresh {
		t.Fatalf("indexes after a failed bulk import:\n%s", got)
	}
}

// TestBulkInsertErrorNamesItsRow: a row the database refuses while it is
// written with others is reported with its own file, row and key, not the
// row being read when the buffer was written.
func TestBulkInsertErrorNamesItsRow(t *testing.T) {
	db, _ := openNew(t)
	items := manyItems(100, "2026-02-01T00:00:00Z")
	// The importer checks what it can before writing; a trigger stands in
	// for a refusal only the database can make.
	if _, err := db.SQL().Exec(`CREATE TRIGGER refuse_bulk_42 BEFORE INSERT ON work_items WHEN NEW.external_key = 'BULK-42'
		BEGIN SELECT RAISE(ABORT, 'refused by test'); END`); err != nil {
		t.Fatal(err)
	}
	_, err := db.ApplyImport(context.Background(), backend.ImportBatch{FileName: "bulk.csv", SHA256: "z"}, items, defaults)
	if err == nil || !strings.Contains(err.Error(), "bulk.csv, row 44 (BULK-42): insert item") || !strings.Contains(err.Error(), "refused by test") {
		t.Fatalf("error = %v", err)
	}
}

// stream sends items to ApplyStream in chunks of n.
func stream(t *testing.T, db *sqlite.DB, items []backend.ImportItem, n int, commit bool, finishErr error) (backend.FileResult, error) {
	t.Helper()
	ch := make(chan []backend.ImportItem)
	go func() {
		defer close(ch)
		for i := 0; i < len(items); i += n {
			ch <- items[i:min(i+n, len(items))]
		}
	}()
	batch := backend.ImportBatch{FileName: items[0].File, SHA256: "s", Format: "jira"}
	return db.ApplyStream(context.Background(), sqlite.FileStream{Batch: batch, Items: ch,
		Finish: func() (backend.ImportBatch, backend.ImportPayload, error) {
			return batch, backend.ImportPayload{Items: items}, finishErr
		}}, defaults, commit)
}

// TestApplyStreamMatchesApplyFile: items that arrive in chunks while the
// file is read, with keys repeated across chunks (overlapping exports, an
// older and a newer copy), end up exactly as ApplyFile stores the whole
// list; a Finish error or a dry run leaves nothing.
func TestApplyStreamMatchesApplyFile(t *testing.T) {
	older := jiraExport("2026-01-15T00:00:00Z")
	newer := jiraExport("2026-03-01T00:00:00Z")
	newer[1].Title, newer[1].Status = "Top up (renamed)", "Closed"
	newer[1].History = append(newer[1].History, backend.ImportChange{From: "Done", To: "Closed", At: at("2026-02-20T09:00:00Z")})
	file := append(append(append([]backend.ImportItem{}, jiraExport("2026-02-01T00:00:00Z")...), older[1]), newer[1], older[2])
	file = append(file, manyItems(40, "2026-02-01T00:00:00Z")...)
	for i := range file {
		file[i].File, file[i].Row = "overlap.csv", i+2
	}

	whole, _ := openNew(t)
	want, err := whole.ApplyFile(context.Background(), backend.ImportBatch{FileName: "overlap.csv", SHA256: "s", Format: "jira"}, backend.ImportPayload{Items: file}, defaults)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 2, 7, len(file)} {
		restore := sqlite.WithBulkIndexMinRows(5) // the bulk path mid-stream too
		streamed, _ := openNew(t)
		got, err := stream(t, streamed, file, n, true, nil)
		restore()
		if err != nil {
			t.Fatal(err)
		}
		if got.Items.BatchID, want.Items.BatchID = 0, 0; got.Items != want.Items {
			t.Fatalf("chunks of %d: result %+v, want %+v", n, got.Items, want.Items)
		}
		if a, b := snapshot(t, whole), snapshot(t, streamed); a != b {
			t.Fatalf("chunks of %d: stored data differ:\n%s\n%s", n, b, a)
		}
		checkOK(t, streamed)
		undo(t, streamed, got.BatchID)
		if fresh, _ := openNew(t); snapshot(t, streamed) != snapshot(t, fresh) {
			t.Fatalf("chunks of %d: undo left rows behind", n)
		}
	}

	db, _ := openNew(t)
	empty := snapshot(t, db)
	if _, err := stream(t, db, file, 3, true, fmt.Errorf("the reader gave up")); err == nil || err.Error() != "the reader gave up" {
		t.Fatalf("error = %v", err)
	}
	if res, err := stream(t, db, file, 3, false, nil); err != nil || res.Items.ItemsCreated == 0 {
		t.Fatalf("dry run: %+v, %v", res.Items, err)
	}
	if snapshot(t, db) != empty || one[int](t, db, `SELECT count(*) FROM import_batches`) != 0 {
		t.Fatal("a failed or dry-run stream left rows behind")
	}
}
