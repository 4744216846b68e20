package sqlite_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
	"github.com/throughline/throughline/backend/sqlite"
)

// rebuiltExport is an items export without a changelog: PAY-7 and PAY-8
// with histories rebuilt from their created, started and resolved dates.
// started is PAY-7's start date column.
func rebuiltExport(updated, started string) []backend.ImportItem {
	item := func(key, created, start, done string, row int) backend.ImportItem {
		return backend.ImportItem{SourceSystem: "jira", ExternalKey: key, Type: backend.TypeStory, Title: "Story " + key, Status: "Done",
			CreatedAt: at(created), ResolvedAt: tp(done), UpdatedAt: tp(updated), Reconstructed: true, File: "items.csv", Row: row,
			History: []backend.ImportChange{{To: "To Do", At: at(created)}, {From: "To Do", To: "In Progress", At: at(start)},
				{From: "In Progress", To: "Done", At: at(done)}}}
	}
	return []backend.ImportItem{
		item("PAY-7", "2026-01-05T09:00:00Z", started, "2026-01-20T00:00:00Z", 2),
		item("PAY-8", "2026-01-05T10:00:00Z", "2026-01-07T00:00:00Z", "2026-01-09T00:00:00Z", 3),
	}
}

// realChain is PAY-7's changelog: it starts on 12 January, not on the
// start date column's 6th. Its first row equals the rebuilt creation entry.
var realChain = []backend.ImportChange{
	{To: "To Do", At: at("2026-01-05T09:00:00Z")},
	{From: "To Do", To: "In Progress", At: at("2026-01-12T10:00:00Z")},
	{From: "In Progress", To: "In Review", At: at("2026-01-15T10:00:00Z")},
	{From: "In Review", To: "Done", At: at("2026-01-20T08:00:00Z")},
}

// wantReal is PAY-7's stored history once the changelog is in.
const wantReal = ">To Do@2026-01-05T09:00:00Z:real To Do>In Progress@2026-01-12T10:00:00Z:real " +
	"In Progress>In Review@2026-01-15T10:00:00Z:real In Review>Done@2026-01-20T08:00:00Z:real"

func changelogRows(keys ...string) []backend.ImportHistoryRow {
	var out []backend.ImportHistoryRow
	for _, k := range keys {
		for i, c := range realChain {
			out = append(out, backend.ImportHistoryRow{SourceSystem: "jira", Key: k, Change: c, File: "history.csv", Sheet: "History", Row: i + 2})
		}
	}
	return out
}

// renamed gives PAY-7 a new title.
func renamed(p backend.ImportPayload) backend.ImportPayload {
	p.Items[0].Title = "Story PAY-7, renamed"
	return p
}

// realExport is PAY-7 as an export that carries its changelog.
func realExport(updated string) []backend.ImportItem {
	it := rebuiltExport(updated, "2026-01-06T00:00:00Z")[0]
	it.History, it.Reconstructed = realChain, false
	return []backend.ImportItem{it}
}

// storedHistory is an item's status changes, "from>to@at:kind", in the
// order the metrics read them.
func storedHistory(t *testing.T, db *sqlite.DB, key string) string {
	t.Helper()
	var s sql.NullString
	err := db.SQL().QueryRow(`SELECT group_concat(c, ' ') FROM (SELECT s.from_status || '>' || s.to_status || '@' || s.changed_at || ':' ||
		CASE s.reconstructed WHEN 1 THEN 'rebuilt' ELSE 'real' END AS c FROM status_changes s JOIN work_items w ON w.id = s.item_id
		WHERE w.external_key = ? ORDER BY s.changed_at, s.id)`, key).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s.String
}

// exactState is every work item and every status change with its ID,
// batch and kind: what undo must restore exactly.
func exactState(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	var hist string
	if err := db.SQL().QueryRow(`SELECT coalesce(json_group_array(json_array(id, item_id, from_status, to_status, changed_at, batch_id, reconstructed)), '[]')
		FROM (SELECT * FROM status_changes ORDER BY id)`).Scan(&hist); err != nil {
		t.Fatal(err)
	}
	return snapshot(t, db) + hist
}

// cycleDays is the metrics' cycle time of one item, from the stored history.
func cycleDays(t *testing.T, db *sqlite.DB, key string) int {
	t.Helper()
	flows, err := db.ItemFlows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range metrics.Facts(flows, nil, time.UTC) {
		if f.Item.Key == key {
			return f.CycleDays()
		}
	}
	t.Fatalf("no item %s", key)
	return 0
}

func mapJiraStatuses(t *testing.T, db *sqlite.DB) {
	t.Helper()
	if _, err := db.SQL().Exec(`INSERT INTO workflow_mappings(source_system, raw_status, stage) VALUES
		('jira', 'To Do', 'backlog'), ('jira', 'In Progress', 'active'), ('jira', 'In Review', 'waiting'), ('jira', 'Done', 'done')`); err != nil {
		t.Fatal(err)
	}
}

// importStep is one file of a scenario.
type importStep struct {
	file    string
	payload backend.ImportPayload
	added   int  // history rows the file adds (net)
	stored  bool // whether a batch is recorded
}

// TestRealHistoryReplacesRebuilt: a changelog (or an export carrying one)
// replaces the history an items export rebuilt from its date columns, in
// whichever order and combination the files arrive; re-importing changes
// nothing and undo restores each step exactly.
func TestRealHistoryReplacesRebuilt(t *testing.T) {
	ctx := context.Background()
	rebuilt8 := ">To Do@2026-01-05T10:00:00Z:rebuilt To Do>In Progress@2026-01-07T00:00:00Z:rebuilt In Progress>Done@2026-01-09T00:00:00Z:rebuilt"
	items := func(updated, started string) backend.ImportPayload {
		return backend.ImportPayload{Items: rebuiltExport(updated, started)}
	}
	cases := []struct {
		name  string
		steps []importStep
		// undoFirstRefused: undoing the first step while the rest are
		// applied is refused (a later import changed its items' history).
		undoFirstRefused bool
	}{
		{"ItemsThenChangelog", []importStep{
			{"items.csv", items("2026-02-01T00:00:00Z", "2026-01-06T00:00:00Z"), 6, true},
			{"history.csv", backend.ImportPayload{History: changelogRows("PAY-7")}, 4, true},
		}, true},
		{"ChangelogBeforeItsItemsThenItemsThenChangelog", []importStep{
			{"history.csv", backend.ImportPayload{History: changelogRows("PAY-7")}, 0, false}, // unknown item: a warning
			{"items.csv", items("2026-02-01T00:00:00Z", "2026-01-06T00:00:00Z"), 6, true},
			{"history.csv", backend.ImportPayload{History: changelogRows("PAY-7")}, 4, true},
		}, true},
		{"ChangelogThenNewerItemsExport", []importStep{
			{"items.csv", items("2026-02-01T00:00:00Z", "2026-01-06T00:00:00Z"), 6, true},
			{"history.csv", backend.ImportPayload{History: changelogRows("PAY-7")}, 4, true},
			// A newer export renames PAY-7 and moves its start date column:
			// the title changes, the rebuilt chain is not added beside the
			// real one; PAY-8's has nothing new.
			{"items-march.csv", renamed(items("2026-03-01T00:00:00Z", "2026-01-08T00:00:00Z")), 0, true},
		}, true},
		{"SameWorkbookBothSheets", []importStep{
			{"book.xlsx", backend.ImportPayload{Items: rebuiltExport("2026-02-01T00:00:00Z", "2026-01-06T00:00:00Z"), History: changelogRows("PAY-7")}, 7, true},
		}, false},
		{"ExportWithChangelogThenRebuiltExport", []importStep{
			{"jira-rest.json", backend.ImportPayload{Items: realExport("2026-02-01T00:00:00Z")}, 4, true},
			{"items.csv", items("2026-02-01T00:00:00Z", "2026-01-06T00:00:00Z"), 3, true}, // PAY-8 only
		}, false}, // the items file left PAY-7 as it was
		{"RebuiltExportThenExportWithChangelog", []importStep{
			{"items.csv", items("2026-02-01T00:00:00Z", "2026-01-06T00:00:00Z"), 6, true},
			{"jira-rest.json", backend.ImportPayload{Items: realExport("2026-02-01T00:00:00Z")}, 4, true},
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, _ := openNew(t)
			mapJiraStatuses(t, db)
			var before []string
			var batches []int64
			for _, s := range c.steps {
				before = append(before, exactState(t, db))
				res, err := db.ApplyFile(ctx, backend.ImportBatch{FileName: s.file, Format: "jira"}, s.payload, defaults)
				if err != nil {
					t.Fatalf("%s: %v", s.file, err)
				}
				if res.Items.HistoryAdded != s.added || (res.BatchID != 0) != s.stored {
					t.Fatalf("%s: history added %d, batch %d; want %d added, stored %v", s.file, res.Items.HistoryAdded, res.BatchID, s.added, s.stored)
				}
				batches = append(batches, res.BatchID)
			}
			if got := storedHistory(t, db, "PAY-7"); got != wantReal {
				t.Fatalf("PAY-7 history:\n%s\nwant the changelog alone:\n%s", got, wantReal)
			}
			if got := storedHistory(t, db, "PAY-8"); got != rebuilt8 {
				t.Fatalf("PAY-8 (not in the changelog) history:\n%s\nwant\n%s", got, rebuilt8)
			}
			// The real chain's start (12 Jan) to done (20 Jan), not the start date column's 6th.
			if c.name == "ChangelogThenNewerItemsExport" {
				var title string
				db.SQL().QueryRow(`SELECT title FROM work_items WHERE external_key = 'PAY-7'`).Scan(&title)
				if title != "Story PAY-7, renamed" {
					t.Fatalf("PAY-7's title %q: the newer export's columns were not stored", title)
				}
			}
			if got := cycleDays(t, db, "PAY-7"); got != 9 {
				t.Fatalf("PAY-7 cycle time %d days, want 9", got)
			}
			checkOK(t, db)

			// Every file again, in order and in reverse: nothing changes.
			final := exactState(t, db)
			again := slices.Clone(c.steps)
			again = append(again, c.steps...)
			slices.Reverse(again[len(c.steps):])
			for _, s := range again {
				res, err := db.ApplyFile(ctx, backend.ImportBatch{FileName: s.file, Format: "jira"}, s.payload, defaults)
				if err != nil || res.BatchID != 0 || res.Items.HistoryAdded != 0 {
					t.Fatalf("re-import of %s: %+v %v, want nothing recorded", s.file, res.Items, err)
				}
			}
			if exactState(t, db) != final {
				t.Fatal("re-importing the same files changed the portfolio")
			}

			if c.undoFirstRefused {
				// Each import but the last waits for the later ones.
				for i, id := range batches[:len(batches)-1] {
					if id == 0 {
						continue
					}
					if err := db.UndoImport(ctx, id); backend.ErrorCode(err) != backend.EConflict {
						t.Fatalf("undo of %s while later imports are applied: %v, want a conflict", c.steps[i].file, err)
					}
				}
			}
			for i := len(c.steps) - 1; i >= 0; i-- {
				if batches[i] == 0 {
					continue
				}
				if err := db.UndoImport(ctx, batches[i]); err != nil {
					t.Fatalf("undo %s: %v", c.steps[i].file, err)
				}
				if got := exactState(t, db); got != before[i] {
					t.Fatalf("after undoing %s:\n%s\nwant\n%s", c.steps[i].file, got, before[i])
				}
			}
			checkOK(t, db)
		})
	}
}

// TestStreamRepeatsKeyWithBothKinds: a file whose items arrive while it is
// read repeats a key, first with a rebuilt history, then with a real one
// (and the other way round): the real one is what stays.
func TestStreamRepeatsKeyWithBothKinds(t *testing.T) {
	ctx := context.Background()
	rebuilt := rebuiltExport("2026-02-01T00:00:00Z", "2026-01-06T00:00:00Z")[0]
	real := realExport("2026-02-01T00:00:00Z")[0]
	for _, order := range [][]backend.ImportItem{{rebuilt, real}, {real, rebuilt}} {
		db, _ := openNew(t)
		ch := make(chan []backend.ImportItem, 2)
		ch <- order[:1]
		ch <- order[1:]
		close(ch)
		s := sqlite.FileStream{Batch: backend.ImportBatch{FileName: "stream.csv"}, Items: ch, Finish: func() (backend.ImportBatch, backend.ImportPayload, error) {
			return backend.ImportBatch{FileName: "stream.csv"}, backend.ImportPayload{Items: order}, nil
		}}
		res, err := db.ApplyStream(ctx, s, defaults, true)
		if err != nil {
			t.Fatal(err)
		}
		if got := storedHistory(t, db, "PAY-7"); got != wantReal || res.Items.HistoryAdded != 4 {
			t.Fatalf("rebuilt first = %v: history added %d,\n%s\nwant\n%s", order[0].Reconstructed, res.Items.HistoryAdded, got, wantReal)
		}
		// ApplyFile merges the repeated key before storing: the same outcome.
		db2, _ := openNew(t)
		res, err = db2.ApplyFile(ctx, backend.ImportBatch{FileName: "dup.csv"}, backend.ImportPayload{Items: order}, defaults)
		if err != nil {
			t.Fatal(err)
		}
		if got := storedHistory(t, db2, "PAY-7"); got != wantReal || res.Items.HistoryAdded != 4 {
			t.Fatalf("ApplyFile, rebuilt first = %v: history added %d,\n%s", order[0].Reconstructed, res.Items.HistoryAdded, got)
		}
	}
}

// TestReplacedHistoryAtScale: a changelog for many items replaces their
// rebuilt histories through the bulk path, and undo brings them back.
func TestReplacedHistoryAtScale(t *testing.T) {
	ctx := context.Background()
	db, _ := openNew(t)
	restore := sqlite.WithBulkIndexMinRows(1)
	defer restore()
	many := manyItems(700, "2026-02-01T00:00:00Z")
	for i := range many {
		many[i].Reconstructed = true
	}
	apply(t, db, many)
	before := exactState(t, db)
	var keys []string
	for i := 1; i <= 600; i++ {
		keys = append(keys, many[i-1].ExternalKey)
	}
	rows := changelogRows(keys...)
	res, err := db.ApplyFile(ctx, backend.ImportBatch{FileName: "history.csv"}, backend.ImportPayload{History: rows}, defaults)
	if err != nil {
		t.Fatal(err)
	}
	var rebuiltLeft, kept int
	db.SQL().QueryRow(`SELECT count(*) FROM status_changes s JOIN work_items w ON w.id = s.item_id WHERE s.reconstructed = 1 AND w.external_key IN ('BULK-1', 'BULK-600')`).Scan(&rebuiltLeft)
	db.SQL().QueryRow(`SELECT count(*) FROM import_removed_changes WHERE batch_id = ?`, res.BatchID).Scan(&kept)
	if res.Items.HistoryAdded != 4*600 || rebuiltLeft != 0 || kept != 3*600 {
		t.Fatalf("history added %d (want %d), rebuilt rows left %d, kept for undo %d (want %d)", res.Items.HistoryAdded, 4*600, rebuiltLeft, kept, 3*600)
	}
	if got := storedHistory(t, db, "BULK-700"); strings.Contains(got, ":real") {
		t.Fatalf("BULK-700 is not in the changelog but has %s", got)
	}
	if err := db.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if exactState(t, db) != before {
		t.Fatal("undo did not restore the rebuilt histories exactly")
	}
	checkOK(t, db)
}

// TestUndoReplacedWhenIDsAreTaken: when a later import took the IDs the
// replaced rows had, undo gives them new ones in their old order, so
// changes at the same instant keep their order.
func TestUndoReplacedWhenIDsAreTaken(t *testing.T) {
	ctx := context.Background()
	db, _ := openNew(t)
	export := rebuiltExport("2026-02-01T00:00:00Z", "2026-01-05T09:00:00Z") // PAY-7 starts the moment it is created
	slices.Reverse(export)                                                  // PAY-7's rows get the highest IDs
	items := apply(t, db, export)
	want := storedHistory(t, db, "PAY-7")
	one := backend.ImportPayload{History: changelogRows("PAY-7")[3:]} // only "In Review → Done"
	res, err := db.ApplyFile(ctx, backend.ImportBatch{FileName: "history.csv"}, one, defaults)
	if err != nil {
		t.Fatal(err)
	}
	other := apply(t, db, []backend.ImportItem{{SourceSystem: "jira", ExternalKey: "PAY-20", Type: backend.TypeBug, Title: "Other", Status: "Done",
		CreatedAt: at("2026-01-05T09:00:00Z"), Reconstructed: true, File: "other.csv", Row: 2,
		History: []backend.ImportChange{{To: "To Do", At: at("2026-01-05T09:00:00Z")}, {From: "To Do", To: "Done", At: at("2026-01-09T09:00:00Z")}}}})
	var taken int
	db.SQL().QueryRow(`SELECT count(*) FROM import_removed_changes r JOIN status_changes s ON s.id = r.change_id WHERE r.batch_id = ?`, res.BatchID).Scan(&taken)
	if taken == 0 {
		t.Fatal("the test needs a later import to take a replaced row's ID")
	}
	if err := db.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if got := storedHistory(t, db, "PAY-7"); got != want {
		t.Fatalf("after undo PAY-7 history:\n%s\nwant\n%s", got, want)
	}
	checkOK(t, db)
	for _, id := range []int64{other.BatchID, items.BatchID} {
		if err := db.UndoImport(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if c, _ := db.Counts(ctx); c.Items != 0 || c.StatusChanges != 0 {
		t.Fatalf("after undoing everything: %+v", c)
	}
}
