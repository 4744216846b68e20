package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/sqlite"
)

// TestMigrateMarksRebuiltHistory: opening a file written before status
// changes had a kind marks the rows that items imports added as rebuilt
// and leaves changelog rows, rows of a workbook with a changelog sheet and
// rows loaded without an import as real. The legacy item whose export and
// changelog were stored side by side is then repaired by importing the
// changelog again, and undo puts the old rows back.
func TestMigrateMarksRebuiltHistory(t *testing.T) {
	ctx := context.Background()
	// Files written before migration 0004 gave status changes a kind.
	for v := 1; v < 4; v++ {
		t.Run("FromVersion"+string(rune('0'+v)), func(t *testing.T) {
			path := writtenByVersion(t, v, func(old *sqlite.DB) error {
				_, err := old.SQL().Exec(`
					INSERT INTO import_batches(id, file_name, sha256, format, imported_at) VALUES
						(1, 'items.csv', 'a', 'jira', '2026-02-01T00:00:00Z'), (2, 'history.csv', 'b', 'jira_history', '2026-02-02T00:00:00Z'),
						(3, 'book.xlsx', 'c', 'jira+jira_history', '2026-02-03T00:00:00Z'), (4, 'api', 'd', '', '2026-02-04T00:00:00Z');
					INSERT INTO work_items(id, source_system, external_key, type, title, status, created_at, batch_id) VALUES
						(1, 'jira', 'PAY-7', 'story', 'Story PAY-7', 'Done', '2026-01-05T09:00:00Z', 1),
						(2, 'jira', 'PAY-9', 'story', 'Story PAY-9', 'Done', '2026-01-05T09:00:00Z', 3);
					INSERT INTO status_changes(id, item_id, from_status, to_status, changed_at, batch_id) VALUES
						(1, 1, '', 'To Do', '2026-01-05T09:00:00Z', 1), (2, 1, 'To Do', 'In Progress', '2026-01-06T00:00:00Z', 1),
						(3, 1, 'In Progress', 'Done', '2026-01-20T00:00:00Z', 1),
						(4, 1, 'To Do', 'In Progress', '2026-01-12T10:00:00Z', 2), (5, 1, 'In Progress', 'In Review', '2026-01-15T10:00:00Z', 2),
						(6, 1, 'In Review', 'Done', '2026-01-20T08:00:00Z', 2),
						(7, 2, '', 'To Do', '2026-01-05T09:00:00Z', 3), (8, 2, 'To Do', 'Done', '2026-01-07T09:00:00Z', 4),
						(9, 2, 'Done', 'To Do', '2026-01-08T09:00:00Z', NULL);`)
				return err
			})

			db := upgraded(t, path, v, filepath.Join(t.TempDir(), "backups"))
			var rebuilt string
			db.SQL().QueryRow(`SELECT group_concat(id) FROM (SELECT id FROM status_changes WHERE reconstructed = 1 ORDER BY id)`).Scan(&rebuilt)
			if rebuilt != "1,2,3" {
				t.Fatalf("rows marked rebuilt: %q, want the items import's 1,2,3", rebuilt)
			}
			checkOK(t, db)

			before := exactState(t, db)
			res, err := db.ApplyFile(ctx, backend.ImportBatch{FileName: "history.csv", Format: "jira_history"}, backend.ImportPayload{History: changelogRows("PAY-7")}, defaults)
			if err != nil {
				t.Fatal(err)
			}
			if res.BatchID == 0 || res.Items.HistoryAdded != 1 {
				t.Fatalf("changelog again: %+v, want its creation row added and a batch for the rebuilt rows it replaced", res.Items)
			}
			if got := storedHistory(t, db, "PAY-7"); got != wantReal {
				t.Fatalf("PAY-7 history:\n%s\nwant\n%s", got, wantReal)
			}
			if err := db.UndoImport(ctx, 1); backend.ErrorCode(err) != backend.EConflict {
				t.Fatalf("undo of the old items import while the changelog replaced its rows: %v", err)
			}
			if err := db.UndoImport(ctx, res.BatchID); err != nil {
				t.Fatal(err)
			}
			if got := exactState(t, db); got != before {
				t.Fatalf("after undo:\n%s\nwant\n%s", got, before)
			}
		})
	}
}
