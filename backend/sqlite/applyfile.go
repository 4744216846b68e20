package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/throughline/throughline/backend"
)

// importCacheKiB is the page cache an import transaction gets, in KiB as
// PRAGMA cache_size takes it (negative).
const importCacheKiB = -64 * 1024

// ApplyFile stores everything read from one file — work items, changelog
// rows and register/delivery/value records — as one import batch in one
// transaction: all of it or none of it (PRODUCT §7). Records are validated
// before anything is written. Items are upserted by (source system, key),
// history is appended (a changelog replaces history rebuilt from date
// columns, see importhistory.go), records are upserted by their natural
// keys; when nothing changes, no batch is recorded and BatchID is 0.
func (db *DB) ApplyFile(ctx context.Context, batch backend.ImportBatch, p backend.ImportPayload, def ImportDefaults) (backend.FileResult, error) {
	return db.applyFile(ctx, batch, p, def, true)
}

// PreviewFile does everything ApplyFile does inside a transaction that is
// rolled back: the counts say what an import would change, and nothing is
// written (import --dry-run).
func (db *DB) PreviewFile(ctx context.Context, batch backend.ImportBatch, p backend.ImportPayload, def ImportDefaults) (backend.FileResult, error) {
	return db.applyFile(ctx, batch, p, def, false)
}

// FileStream is a file whose items reach the store while the file is still
// being read (ApplyStream), so that reading (one core) and writing (SQLite,
// the other) overlap.
type FileStream struct {
	// Batch is what is known before reading: file name, SHA-256, size.
	Batch backend.ImportBatch
	// Items delivers the file's items in file order; the sender closes it.
	// A key may repeat (overlapping exports): the later row wins unless it
	// is older by its updated time, as in ApplyFile.
	Items <-chan []backend.ImportItem
	// Finish is called once Items is closed. It returns the batch as now
	// described (format, sheets, counts, problems) and the rest of the
	// payload: Items again, complete (parents are linked from them, and
	// may have been resolved only at the end of the file), changelog rows
	// and records. An error rolls everything back and is returned as is.
	Finish func() (backend.ImportBatch, backend.ImportPayload, error)
}

// ApplyStream stores a file as ApplyFile does (or, with commit false, as
// PreviewFile does) while its items are still arriving. The whole file is
// one transaction: an error from the store or from Finish leaves nothing.
// The caller must keep receiving nothing from Items after ApplyStream
// returns; a sender should also watch ctx, which the caller cancels when
// ApplyStream fails early.
func (db *DB) ApplyStream(ctx context.Context, s FileStream, def ImportDefaults, commit bool) (backend.FileResult, error) {
	return db.apply(ctx, s, def, commit, 0)
}

func (db *DB) applyFile(ctx context.Context, batch backend.ImportBatch, p backend.ImportPayload, def ImportDefaults, commit bool) (backend.FileResult, error) {
	if _, err := validateRecords(p.Records); err != nil {
		return backend.FileResult{}, err // before anything is written
	}
	var stale backend.ImportResult
	items := newestPerKey(p.Items, &stale)
	ch := make(chan []backend.ImportItem, 1)
	ch <- items
	close(ch)
	s := FileStream{Batch: batch, Items: ch, Finish: func() (backend.ImportBatch, backend.ImportPayload, error) { return batch, p, nil }}
	return db.apply(ctx, s, def, commit, stale.StaleSkipped)
}

func (db *DB) apply(ctx context.Context, s FileStream, def ImportDefaults, commit bool, staleSkipped int) (backend.FileResult, error) {
	var out backend.FileResult
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return out, fmt.Errorf("begin import: %w", err)
	}
	defer tx.Rollback()
	// A large file's transaction touches far more pages than SQLite's
	// default 2 MB cache holds; spilling them to the WAL mid-transaction
	// made the import wait on the disk for most of its time.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", importCacheKiB)); err != nil {
		return out, fmt.Errorf("size the page cache: %w", err)
	}
	// Give the connection its default cache back, on the error path too
	// (this deferred call runs before the deferred rollback).
	resetCache := func() { tx.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -2000") }
	defer resetCache()
	batch := s.Batch
	r, err := tx.ExecContext(ctx, `INSERT INTO import_batches(file_name, sha256, size_bytes, format, sheet, encoding, delimiter, mapping_json,
		rows_read, rows_rejected, problems_json, app_version, status, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'applied',?)`,
		batch.FileName, batch.SHA256, batch.SizeBytes, batch.Format, batch.Sheet, batch.Encoding, batch.Delimiter, orDefault(batch.MappingJSON, "{}"),
		batch.RowsRead, batch.Rejected, orDefault(batch.ProblemsJSON, "[]"), backend.Version, ts(time.Now()))
	if err != nil {
		return out, fmt.Errorf("record import batch: %w", err)
	}
	batchID, _ := r.LastInsertId()

	w := newRecordWriter(ctx, tx, batchID)
	defer w.close()
	im := w.im // items and records share team and program resolution
	defer im.closeStmts()
	im.def = def
	im.res.StaleSkipped = staleSkipped
	im.ids, im.parents = map[[2]string]int64{}, map[int64]int64{}
	if err := im.writeItems(s.Items); err != nil {
		return out, err
	}
	batch, p, err := s.Finish()
	if err != nil {
		return out, err
	}
	recs, err := validateRecords(p.Records)
	if err != nil {
		return out, err
	}
	if err := im.linkParents(p.Items, p.Links); err != nil {
		return out, err
	}
	if out.Warnings, err = im.appendHistoryRows(p.History); err != nil {
		return out, err
	}
	out.MissingParents, out.MissingParentCount = im.missing, im.parentsMissing
	// Records (epics) may update items created above: their undo rows must exist first.
	if err := im.flushCreated(); err != nil {
		return out, err
	}
	for _, k := range []func(backend.ImportRecords) error{
		func(rs backend.ImportRecords) error { return w.teams(rs.Teams) },
		func(rs backend.ImportRecords) error { return w.epics(rs.Epics) },
		func(rs backend.ImportRecords) error { return w.deployments(rs.Deployments) },
		func(rs backend.ImportRecords) error { return w.incidents(rs.Incidents) },
		func(rs backend.ImportRecords) error { return w.piObjectives(rs.PIObjectives) },
		func(rs backend.ImportRecords) error { return w.krUpdates(rs.KRUpdates) },
		func(rs backend.ImportRecords) error { return w.benefits(rs.Benefits) },
		func(rs backend.ImportRecords) error { return w.feedback(rs.Feedback) },
		func(rs backend.ImportRecords) error { return w.dependencies(rs.Dependencies) },
		func(rs backend.ImportRecords) error { return w.sprints(rs.Sprints) },
	} {
		if err := k(recs); err != nil {
			return out, err
		}
	}
	// Items join the sprints of their team, stored before or just now.
	if err := w.linkSprints(p.Items, p.Links); err != nil {
		return out, err
	}
	if err := im.flushCreated(); err != nil {
		return out, err
	}
	out.Items, out.Records = *im.res, w.result()
	out.Warnings = append(out.Warnings, out.Records.Warnings...)
	if out.Items.ItemsCreated+out.Items.ItemsUpdated+out.Items.HistoryAdded+im.replaced == 0 && !out.Records.Changed() {
		// Re-importing the same data changes nothing, not even the history of imports.
		out.Items.BatchID = 0
		return out, nil
	}
	counts, err := json.Marshal(out.Records.Counts)
	if err != nil {
		return out, fmt.Errorf("encode import counts: %w", err)
	}
	epics := out.Records.Counts["epics"]
	if _, err := tx.ExecContext(ctx, `UPDATE import_batches SET format=?, sheet=?, encoding=?, delimiter=?, mapping_json=?, rows_read=?, rows_rejected=?,
		problems_json=?, items_created=?, items_updated=?, history_added=?, counts_json=? WHERE id=?`,
		batch.Format, batch.Sheet, batch.Encoding, batch.Delimiter, orDefault(batch.MappingJSON, "{}"), batch.RowsRead, batch.Rejected,
		orDefault(batch.ProblemsJSON, "[]"), out.Items.ItemsCreated+epics.Created, out.Items.ItemsUpdated+epics.Updated, out.Items.HistoryAdded,
		string(counts), batchID); err != nil {
		return out, fmt.Errorf("update import batch: %w", err)
	}
	if !commit {
		return out, nil // the deferred rollback undoes everything
	}
	resetCache()
	if err := tx.Commit(); err != nil {
		return out, fmt.Errorf("commit import: %w", err)
	}
	out.BatchID, out.Items.BatchID, out.Records.BatchID = batchID, batchID, batchID
	return out, nil
}

// writeItems upserts the items as they arrive, many rows per statement;
// once the file has brought enough of them (deferIndexes), the explicit
// indexes are set aside and built again at the end.
func (im *importer) writeItems(chunks <-chan []backend.ImportItem) error {
	var stored int
	if err := im.tx.QueryRowContext(im.ctx, `SELECT count(*) FROM work_items`).Scan(&stored); err != nil {
		return fmt.Errorf("count stored items: %w", err)
	}
	rebuild := func() error { return nil }
	deferred, seen := false, 0
	im.bulk = true
	for chunk := range chunks {
		seen += len(chunk)
		if !deferred && bulkIndexes(seen, stored) {
			var err error
			if rebuild, err = deferIndexes(im.ctx, im.tx); err != nil {
				return err
			}
			deferred = true
		}
		for _, it := range chunk {
			if err := im.upsert(it); err != nil {
				if re := (*rowError)(nil); errors.As(err, &re) {
					return err // a buffered row's own error
				}
				return fmt.Errorf("%s, row %d (%s): %w", it.File, it.Row, it.ExternalKey, err)
			}
		}
	}
	if err := im.flush(); err != nil {
		return err
	}
	im.bulk = false
	return rebuild()
}

// appendHistoryRows adds changelog rows to their items (in this file or
// stored); a row whose item is unknown is a warning, not an error, so one
// missing item does not block a whole changelog. Changelog rows are real
// history: they replace an item's rebuilt history (importhistory.go).
func (im *importer) appendHistoryRows(rows []backend.ImportHistoryRow) ([]string, error) {
	var warnings []string
	items := map[[2]string]*storedItem{} // by key; nil: not in the file or the portfolio
	for _, h := range rows {
		k := [2]string{h.SourceSystem, h.Key}
		s, seen := items[k]
		if !seen {
			found, ok, err := im.changelogItem(h.SourceSystem, h.Key)
			if err != nil {
				return nil, err
			}
			if ok {
				s = &found
			} else {
				warnings = append(warnings, fmt.Sprintf("%s, row %d: no item %s in the file or the portfolio; its history was not imported (import the items first).", h.File, h.Row, h.Key))
			}
			items[k] = s
		}
		if s == nil {
			continue
		}
		var err error
		if s.history, err = im.addChanges(s.id, s.history, []backend.ImportChange{h.Change}, false); err != nil {
			return nil, err
		}
	}
	return warnings, im.flush()
}
