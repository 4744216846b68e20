package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/throughline/throughline/backend"
)

// ImportBatches lists the import history, newest first.
func (db *DB) ImportBatches(ctx context.Context) ([]backend.ImportBatch, error) {
	var out []backend.ImportBatch
	err := scanAll(ctx, db.db, `SELECT id, file_name, sha256, size_bytes, format, sheet, encoding, delimiter, rows_read, rows_rejected,
		items_created, items_updated, history_added, app_version, status, imported_at, counts_json FROM import_batches ORDER BY id DESC`, func(r *sql.Rows) error {
		var b backend.ImportBatch
		var at, counts string
		if err := r.Scan(&b.ID, &b.FileName, &b.SHA256, &b.SizeBytes, &b.Format, &b.Sheet, &b.Encoding, &b.Delimiter, &b.RowsRead, &b.Rejected,
			&b.Result.ItemsCreated, &b.Result.ItemsUpdated, &b.Result.HistoryAdded, &b.AppVersion, &b.Status, &at, &counts); err != nil {
			return err
		}
		b.Records = map[string]backend.KindCounts{}
		if counts != "" {
			if err := json.Unmarshal([]byte(counts), &b.Records); err != nil {
				return fmt.Errorf("import %d counts: %w", b.ID, err)
			}
		}
		b.Result.TeamsCreated, b.Result.ProgramsCreated = b.Records["teams"].Created, b.Records["programs"].Created
		var err error
		b.ImportedAt, err = parseTime(at)
		b.Result.BatchID = b.ID
		out = append(out, b)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	return out, nil
}

// UndoImport reverses one import in one transaction: items and records it
// created are deleted, those it updated get their previous values back, the
// status history, deployment commits and sprint memberships it added are removed, the rebuilt
// history its changelog replaced comes back, and the teams,
// programs, PIs, services, themes and business cases it created go when
// nothing uses them any more. An import can be undone only when no later
// import that is still applied touched the same rows or points at rows it
// created; undo those first.
func (db *DB) UndoImport(ctx context.Context, batchID int64) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin undo: %w", err)
	}
	defer tx.Rollback()
	var status, file string
	err = tx.QueryRowContext(ctx, `SELECT status, file_name FROM import_batches WHERE id=?`, batchID).Scan(&status, &file)
	if errors.Is(err, sql.ErrNoRows) {
		return backend.Errorf(backend.ENotFound, "There is no import %d.", batchID)
	} else if err != nil {
		return fmt.Errorf("find import %d: %w", batchID, err)
	}
	if status != "applied" {
		return backend.Errorf(backend.EConflict, "The import of %s (%d) was already undone.", file, batchID)
	}
	later, err := laterImports(ctx, tx, batchID)
	if err != nil {
		return fmt.Errorf("check later imports: %w", err)
	}
	if len(later) > 0 {
		return backend.Errorf(backend.EConflict, "Later imports changed the same data: %s. Undo them first.", strings.Join(later, ", "))
	}
	// Children before parents: restored rows point at rows that existed
	// before the import; created references go only when nothing uses them.
	steps := []undoStep{
		{"remove added history", `DELETE FROM status_changes WHERE batch_id = ?1`},
		restoreReplacedStep,
		{"remove added commits", `DELETE FROM deployment_commits WHERE batch_id = ?1`},
		{"remove added sprint memberships", `DELETE FROM item_sprints WHERE batch_id = ?1`},
	}
	steps = append(steps, restoreRowSteps()...)
	steps = append(steps, undoStep{"restore updated items", `UPDATE work_items SET ` + restoreSet() + ` FROM (SELECT item_id, before_json FROM import_item_changes WHERE batch_id = ?1 AND action = 'updated') AS c WHERE work_items.id = c.item_id`})
	steps = append(steps, deleteRowSteps()...)
	steps = append(steps,
		undoStep{"detach children of created items", `UPDATE work_items SET parent_id = NULL WHERE parent_id IN (SELECT item_id FROM import_item_changes WHERE batch_id = ?1 AND action = 'created')`},
		undoStep{"delete created items", `DELETE FROM work_items WHERE id IN (SELECT item_id FROM import_item_changes WHERE batch_id = ?1 AND action = 'created')`},
		deleteUnusedStep("services"),
		undoStep{"delete created teams", `DELETE FROM teams WHERE id IN (SELECT ref_id FROM import_created_refs WHERE batch_id = ?1 AND kind = 'team') AND ` + unused("teams")},
		undoStep{"delete created PIs", `DELETE FROM program_increments WHERE id IN (SELECT ref_id FROM import_created_refs WHERE batch_id = ?1 AND kind = 'pi') AND ` + unused("program_increments")},
		undoStep{"delete created programs", `DELETE FROM programs WHERE id IN (SELECT ref_id FROM import_created_refs WHERE batch_id = ?1 AND kind = 'program') AND ` + unused("programs")},
		deleteUnusedStep("themes"),
		undoStep{"mark the import undone", `UPDATE import_batches SET status = 'undone', undone_at = ?2 WHERE id = ?1`},
	)
	for _, s := range steps {
		if _, err := tx.ExecContext(ctx, s.query, batchID, ts(time.Now())); err != nil {
			return fmt.Errorf("undo import %d: %s: %w", batchID, s.what, err)
		}
	}
	return tx.Commit()
}

// restoreSet assigns every item column from the saved JSON row.
func restoreSet() string {
	parts := make([]string, len(itemColumns))
	for i, c := range itemColumns {
		parts[i] = fmt.Sprintf("%s = json_extract(c.before_json, '$.%s')", c, c)
	}
	return strings.Join(parts, ", ")
}

// LastImportOf returns when a file with this SHA-256 was last imported (and
// not undone), so a re-sent file can be recognised.
func (db *DB) LastImportOf(ctx context.Context, sha256 string) (time.Time, bool, error) {
	var at string
	err := db.db.QueryRowContext(ctx, `SELECT imported_at FROM import_batches WHERE sha256 = ? AND status = 'applied' ORDER BY id DESC LIMIT 1`, sha256).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	} else if err != nil {
		return time.Time{}, false, fmt.Errorf("look up earlier imports: %w", err)
	}
	t, err := parseTime(at)
	return t, err == nil, err
}
