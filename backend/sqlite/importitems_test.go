package sqlite_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/sqlite"
)

func tp(s string) *time.Time {
	t := at(s)
	return &t
}

func pts(f float64) *float64 { return &f }

// jiraExport is a small Jira export: an epic and two stories of team "Zoë's crew".
func jiraExport(updated string) []backend.ImportItem {
	return []backend.ImportItem{
		{SourceSystem: "jira", ExternalKey: "PAY-1", Type: backend.TypeEpic, Title: "Wallets", Status: "In Progress", CreatedAt: at("2026-01-05T09:00:00Z"), UpdatedAt: tp(updated), File: "pay.csv", Row: 2},
		{SourceSystem: "jira", ExternalKey: "PAY-2", Type: backend.TypeStory, Title: "Top up", Status: "Done", ParentKey: "PAY-1", Points: pts(3), CreatedAt: at("2026-01-06T09:00:00Z"), UpdatedAt: tp(updated),
			History: []backend.ImportChange{{To: "To Do", At: at("2026-01-06T09:00:00Z")}, {From: "To Do", To: "In Progress", At: at("2026-01-07T09:00:00Z")}, {From: "In Progress", To: "Done", At: at("2026-01-09T09:00:00Z")}}, File: "pay.csv", Row: 3},
		{SourceSystem: "jira", ExternalKey: "PAY-3", Type: backend.TypeStory, Title: "Café receipts", Status: "In Progress", ParentKey: "PAY-1", CreatedAt: at("2026-01-06T10:00:00Z"), UpdatedAt: tp(updated),
			History: []backend.ImportChange{{To: "To Do", At: at("2026-01-06T10:00:00Z")}, {From: "To Do", To: "In Progress", At: at("2026-01-08T09:00:00Z")}}, File: "pay.csv", Row: 4},
	}
}

var defaults = sqlite.ImportDefaults{Team: "Zoë's crew", Program: "Payments"}

func apply(t *testing.T, db *sqlite.DB, items []backend.ImportItem) backend.ImportResult {
	t.Helper()
	res, err := db.ApplyImport(context.Background(), backend.ImportBatch{FileName: items[0].File, SHA256: "x", Format: "jira"}, items, defaults)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// snapshot captures every work item and status change as JSON.
func snapshot(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	var items, hist, teams string
	q := func(query string, dst *string) {
		if err := db.SQL().QueryRow(query).Scan(dst); err != nil && err != sql.ErrNoRows {
			t.Fatal(err)
		}
	}
	q(`SELECT coalesce(json_group_array(json_array(external_key, type, title, status, team_id, program_id, parent_id, points, created_at, updated_at)), '[]') FROM (SELECT * FROM work_items ORDER BY id)`, &items)
	q(`SELECT coalesce(json_group_array(json_array(item_id, from_status, to_status, changed_at)), '[]') FROM (SELECT * FROM status_changes ORDER BY item_id, changed_at)`, &hist)
	q(`SELECT coalesce(json_group_array(name), '[]') FROM (SELECT name FROM teams UNION ALL SELECT name FROM programs)`, &teams)
	return items + hist + teams
}

func TestApplyImport(t *testing.T) {
	ctx := context.Background()

	t.Run("CreatesItemsTeamsAndLinksParents", func(t *testing.T) {
		db, _ := openNew(t)
		res := apply(t, db, jiraExport("2026-02-01T00:00:00Z"))
		if res.ItemsCreated != 3 || res.HistoryAdded != 6 || res.TeamsCreated != 1 || res.ProgramsCreated != 1 || res.BatchID == 0 {
			t.Fatalf("result = %+v", res)
		}
		var parentKey string
		db.SQL().QueryRow(`SELECT p.external_key FROM work_items c JOIN work_items p ON p.id = c.parent_id WHERE c.external_key='PAY-3'`).Scan(&parentKey)
		if parentKey != "PAY-1" {
			t.Fatalf("PAY-3's parent = %q", parentKey)
		}
		// The epic had no history: its current status becomes one entry.
		var n int
		db.SQL().QueryRow(`SELECT count(*) FROM status_changes s JOIN work_items w ON w.id = s.item_id WHERE w.external_key='PAY-1'`).Scan(&n)
		if n != 1 {
			t.Fatalf("epic history entries = %d, want 1", n)
		}
	})

	t.Run("ReimportChangesNothing", func(t *testing.T) {
		db, _ := openNew(t)
		apply(t, db, jiraExport("2026-02-01T00:00:00Z"))
		before := snapshot(t, db)
		res := apply(t, db, jiraExport("2026-02-01T00:00:00Z"))
		if res.BatchID != 0 || res.ItemsUnchanged != 3 || res.ItemsCreated+res.ItemsUpdated+res.HistoryAdded != 0 {
			t.Fatalf("re-import result = %+v", res)
		}
		batches, _ := db.ImportBatches(ctx)
		if snapshot(t, db) != before || len(batches) != 1 {
			t.Fatalf("re-import changed the portfolio (%d batches)", len(batches))
		}
	})

	t.Run("NewerExportUpdatesAndAppendsOnlyNewHistory", func(t *testing.T) {
		db, _ := openNew(t)
		apply(t, db, jiraExport("2026-02-01T00:00:00Z"))
		newer := jiraExport("2026-03-01T00:00:00Z")
		newer[2].Status = "Done"
		newer[2].History = append(newer[2].History, backend.ImportChange{From: "In Progress", To: "Done", At: at("2026-02-20T09:00:00Z")})
		res := apply(t, db, newer)
		// Only PAY-3 changed; a newer export date alone changes nothing.
		if res.ItemsUpdated != 1 || res.ItemsUnchanged != 2 || res.HistoryAdded != 1 || res.ItemsCreated != 0 {
			t.Fatalf("newer export = %+v, want 1 updated, 2 unchanged, 1 history entry", res)
		}
	})

	t.Run("OverlappingExportsMerge", func(t *testing.T) {
		// Jira splits at 1,000 rows: part 2 repeats PAY-3 and adds PAY-4.
		db, _ := openNew(t)
		all := jiraExport("2026-02-01T00:00:00Z")
		apply(t, db, all[:3])
		part2 := []backend.ImportItem{all[2], {SourceSystem: "jira", ExternalKey: "PAY-4", Type: backend.TypeBug, Title: "Rounding", Status: "To Do", CreatedAt: at("2026-01-20T09:00:00Z"), UpdatedAt: tp("2026-02-01T00:00:00Z"), File: "pay-2.csv", Row: 2}}
		res := apply(t, db, part2)
		c, _ := db.Counts(ctx)
		if res.ItemsCreated != 1 || res.ItemsUnchanged != 1 || c.Items != 4 {
			t.Fatalf("part 2 = %+v, items %d", res, c.Items)
		}
	})

	t.Run("StaleDuplicateYieldsToNewestRow", func(t *testing.T) {
		db, _ := openNew(t)
		fresh := jiraExport("2026-03-01T00:00:00Z")[1]
		fresh.Title = "Top up (new title)"
		stale := jiraExport("2026-02-01T00:00:00Z")[1]
		res := apply(t, db, []backend.ImportItem{fresh, stale}) // same file, newer row first
		var title string
		db.SQL().QueryRow(`SELECT title FROM work_items WHERE external_key='PAY-2'`).Scan(&title)
		if title != "Top up (new title)" || res.StaleSkipped != 1 {
			t.Fatalf("title %q, result %+v", title, res)
		}
		// A later import of an older export does not roll the item back.
		res = apply(t, db, []backend.ImportItem{stale})
		db.SQL().QueryRow(`SELECT title FROM work_items WHERE external_key='PAY-2'`).Scan(&title)
		if title != "Top up (new title)" || res.StaleSkipped != 1 {
			t.Fatalf("after older export: title %q, result %+v", title, res)
		}
	})

	t.Run("AllOrNothing", func(t *testing.T) {
		db, _ := openNew(t)
		apply(t, db, jiraExport("2026-02-01T00:00:00Z"))
		before := snapshot(t, db)
		bad := jiraExport("2026-03-01T00:00:00Z")
		bad = append(bad, backend.ImportItem{SourceSystem: "jira", ExternalKey: "PAY-9", Type: "initiative", CreatedAt: at("2026-01-20T09:00:00Z"), File: "pay.csv", Row: 11})
		_, err := db.ApplyImport(ctx, backend.ImportBatch{FileName: "pay.csv", Format: "jira"}, bad, defaults)
		if err == nil {
			t.Fatal("an item with an unknown type was accepted")
		}
		if snapshot(t, db) != before {
			t.Fatal("a failed import changed the portfolio")
		}
		if rep, _ := db.Check(ctx); !rep.OK() {
			t.Fatalf("check after failed import: %v", rep.Problems())
		}
	})
}

func TestUndoImport(t *testing.T) {
	ctx := context.Background()

	t.Run("UndoCreateLeavesPortfolioAsBefore", func(t *testing.T) {
		db, _ := openNew(t)
		before := snapshot(t, db)
		res := apply(t, db, jiraExport("2026-02-01T00:00:00Z"))
		if err := db.UndoImport(ctx, res.BatchID); err != nil {
			t.Fatal(err)
		}
		if got := snapshot(t, db); got != before {
			t.Fatalf("after undo:\n%s\nwant\n%s", got, before)
		}
		batches, _ := db.ImportBatches(ctx)
		if len(batches) != 1 || batches[0].Status != "undone" {
			t.Fatalf("batches = %+v", batches)
		}
		if err := db.UndoImport(ctx, res.BatchID); backend.ErrorCode(err) != backend.EConflict {
			t.Fatalf("second undo: %v", err)
		}
	})

	t.Run("UndoUpdateRestoresPreviousValues", func(t *testing.T) {
		db, _ := openNew(t)
		apply(t, db, jiraExport("2026-02-01T00:00:00Z"))
		before := snapshot(t, db)
		newer := jiraExport("2026-03-01T00:00:00Z")
		newer[1].Title, newer[1].Points = "Top up with Zoë's card", pts(5)
		newer[2].Status = "Done"
		newer[2].History = append(newer[2].History, backend.ImportChange{From: "In Progress", To: "Done", At: at("2026-02-20T09:00:00Z")})
		res := apply(t, db, newer)
		if err := db.UndoImport(ctx, res.BatchID); err != nil {
			t.Fatal(err)
		}
		if got := snapshot(t, db); got != before {
			t.Fatalf("after undo:\n%s\nwant\n%s", got, before)
		}
	})

	t.Run("EarlierImportWaitsForLaterOnSameItems", func(t *testing.T) {
		db, _ := openNew(t)
		first := apply(t, db, jiraExport("2026-02-01T00:00:00Z"))
		newer := jiraExport("2026-03-01T00:00:00Z")
		newer[1].Title = "Top up, renamed"
		second := apply(t, db, newer)
		err := db.UndoImport(ctx, first.BatchID)
		if backend.ErrorCode(err) != backend.EConflict {
			t.Fatalf("undo of the earlier import: %v", err)
		}
		if err := db.UndoImport(ctx, second.BatchID); err != nil {
			t.Fatal(err)
		}
		if err := db.UndoImport(ctx, first.BatchID); err != nil {
			t.Fatalf("undo after the later one: %v", err)
		}
		c, _ := db.Counts(ctx)
		if c.Items != 0 || c.Teams != 0 || c.Programs != 0 {
			t.Fatalf("after undoing both: %+v", c)
		}
	})

	t.Run("UnknownBatch", func(t *testing.T) {
		db, _ := openNew(t)
		if err := db.UndoImport(ctx, 42); backend.ErrorCode(err) != backend.ENotFound {
			t.Fatalf("err = %v", err)
		}
	})
}

// TestTeamBySourceKey: an Azure DevOps row whose area path is a team's
// registered source key lands in that team, whatever its last segment says.
func TestTeamBySourceKey(t *testing.T) {
	ctx := context.Background()
	db, _ := openNew(t)
	if err := db.LoadDataset(ctx, tinyDataset()); err != nil {
		t.Fatal(err)
	}
	db.SQL().Exec(`UPDATE teams SET source_key = 'Larkspur\Zahlungsflüsse\Checkout' WHERE id = 2`)
	item := backend.ImportItem{SourceSystem: "ado", ExternalKey: "4711", Type: backend.TypeStory, Title: "Pay", Status: "New",
		Team: "Checkout", Program: "Zahlungsflüsse", TeamKey: "larkspur/ZAHLUNGSFLÜSSE/checkout", CreatedAt: at("2026-03-01T09:00:00Z"), File: "q.csv", Row: 2}
	res, err := db.ApplyImport(ctx, backend.ImportBatch{FileName: "q.csv"}, []backend.ImportItem{item}, sqlite.ImportDefaults{})
	if err != nil {
		t.Fatal(err)
	}
	var team, program int64
	db.SQL().QueryRow(`SELECT team_id, program_id FROM work_items WHERE external_key = '4711'`).Scan(&team, &program)
	if team != 2 || program != 1 || res.TeamsCreated != 0 || res.ProgramsCreated != 0 {
		t.Fatalf("team %d, program %d, created %d teams and %d programs; want the registered team 2, its program 1, nothing created", team, program, res.TeamsCreated, res.ProgramsCreated)
	}
}
