package sqlite

import (
	"fmt"
	"strings"
)

// A large file creates hundreds of thousands of items and adds a few status
// changes to each. One INSERT statement per row spent most of an import in
// per-statement overhead (binding through database/sql, a cgo call to step,
// index maintenance one row at a time); the engine's own work for the same
// rows, done set-wise, is a fraction of that. So while the main item loop
// runs, new items and status changes are buffered and written many rows per
// statement. New items get their IDs from the importer (the transaction
// holds the write lock, so max(id)+1 onwards is free), which lets their
// history and children refer to them before the rows are written.
//
// SQLite checks immediate foreign keys at the end of each statement, so a
// child and its parent in the same multi-row INSERT are fine; history is
// always written after the items it refers to (flush writes items first).

const (
	// itemsPerInsert × (columns per item) stays far below SQLite's limit of
	// 32,766 bound parameters.
	itemsPerInsert   = 64
	changesPerInsert = 128
	changeColumns    = 6 // item_id, from_status, to_status, changed_at, batch_id, reconstructed
)

// bulkItem is a new item waiting to be written.
type bulkItem struct {
	args  []any  // id, source_system, external_key, then itemColumns
	label string // "file, row N (KEY)" for an error about this row
}

// itemInsertColumns are the columns of a buffered item row.
var itemInsertColumns = append([]string{"id", "source_system", "external_key"}, itemColumns...)

// multiRowInserts caches the statement text per row count.
type multiRowInserts struct {
	prefix, row string
	byCount     map[int]string
}

func newMultiRowInsert(prefix string, cols int) *multiRowInserts {
	return &multiRowInserts{prefix: prefix, row: "(" + placeholders(cols) + ")", byCount: map[int]string{}}
}

func (m *multiRowInserts) text(n int) string {
	q, ok := m.byCount[n]
	if !ok {
		q = m.prefix + strings.TrimSuffix(strings.Repeat(m.row+",", n), ",")
		m.byCount[n] = q
	}
	return q
}

var (
	itemInsert = newMultiRowInsert("INSERT INTO work_items("+strings.Join(itemInsertColumns, ",")+") VALUES ", len(itemInsertColumns))
	// Duplicates of stored entries are ignored by the unique key;
	// RowsAffected counts what was added.
	changeInsert = newMultiRowInsert("INSERT OR IGNORE INTO status_changes(item_id, from_status, to_status, changed_at, batch_id, reconstructed) VALUES ", changeColumns)
)

// newItemID returns the ID the next created item gets.
func (im *importer) newItemID() (int64, error) {
	if im.nextID == 0 {
		if err := im.tx.QueryRowContext(im.ctx, `SELECT coalesce(max(id), 0) + 1 FROM work_items`).Scan(&im.nextID); err != nil {
			return 0, fmt.Errorf("find the next item id: %w", err)
		}
		im.firstID = im.nextID
	}
	id := im.nextID
	im.nextID++
	return id, nil
}

// queueItem buffers a new item's row.
func (im *importer) queueItem(row bulkItem) error {
	im.pendingItems = append(im.pendingItems, row)
	if len(im.pendingItems) >= itemsPerInsert {
		return im.flushItems()
	}
	return nil
}

// queueChange buffers one status change, rebuilt or real (importhistory.go).
func (im *importer) queueChange(itemID int64, from, to, at string, rebuilt bool) error {
	im.pendingChanges = append(im.pendingChanges, itemID, from, to, at, im.batch, boolInt(rebuilt))
	if len(im.pendingChanges) >= changeColumns*changesPerInsert {
		return im.flush()
	}
	return nil
}

// flush writes every buffered item, then the queued removals of rebuilt
// history, then every buffered status change.
func (im *importer) flush() error {
	if err := im.flushItems(); err != nil {
		return err
	}
	if err := im.flushRemovals(); err != nil {
		return err
	}
	for len(im.pendingChanges) > 0 {
		n := min(len(im.pendingChanges)/changeColumns, changesPerInsert)
		r, err := im.exec(changeInsert.text(n), im.pendingChanges[:changeColumns*n]...)
		if err != nil {
			return fmt.Errorf("add status changes: %w", err)
		}
		added, _ := r.RowsAffected()
		im.res.HistoryAdded += int(added)
		im.pendingChanges = im.pendingChanges[changeColumns*n:]
	}
	im.pendingChanges = im.pendingChanges[:0]
	im.rebuiltQueued = false
	return nil
}

// flushItems writes the buffered items. When a multi-row statement fails,
// the rows are written one by one so the error names the row at fault.
func (im *importer) flushItems() error {
	rows := im.pendingItems
	if len(rows) == 0 {
		return nil
	}
	args := im.itemArgs[:0]
	for _, r := range rows {
		args = append(args, r.args...)
	}
	im.itemArgs = args
	if _, err := im.exec(itemInsert.text(len(rows)), args...); err != nil {
		// The failed statement wrote nothing; one row at a time finds the culprit.
		for _, r := range rows {
			if _, err := im.exec(itemInsert.text(1), r.args...); err != nil {
				return &rowError{label: r.label, err: fmt.Errorf("insert item: %w", err)}
			}
		}
	}
	clear(im.pendingItems)
	im.pendingItems = im.pendingItems[:0]
	return nil
}

// rowError is an error about a buffered row, written after later rows were
// read: it names its own row.
type rowError struct {
	label string
	err   error
}

func (e *rowError) Error() string { return e.label + ": " + e.err.Error() }
func (e *rowError) Unwrap() error { return e.err }
