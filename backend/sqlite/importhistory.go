package sqlite

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/throughline/throughline/backend"
)

// Status history comes in two kinds, and status_changes.reconstructed says
// which a row is:
//
//   - rebuilt (reconstructed = 1): made from an items export's date columns
//     (created, started, resolved… or one date per stage), as every items
//     format without a changelog does (backend.ImportItem.Reconstructed),
//     and the one entry "current status since creation" the store gives a
//     new item that brings no history;
//   - real (reconstructed = 0): read from a changelog — the rows of a Jira
//     history table (ImportPayload.History), or an item whose History is
//     not Reconstructed.
//
// An item's history is one kind or the other, never both, because the two
// disagree on when things happened (a rebuilt "In Progress" at the start
// date beside the real transitions made cycle time take the earlier one):
//
//   - real changes for an item that has rebuilt ones replace them: the
//     rebuilt rows are removed (kept in import_removed_changes so that undo
//     puts them back) and the real ones added;
//   - rebuilt changes for an item that has real ones are not added: the
//     real history wins. The item's other columns are still updated;
//   - otherwise changes are appended as before: an entry already stored is
//     not added twice, so re-importing the same files changes nothing, in
//     any order.
//
// Knowing what an item's history holds costs no statement of its own in
// the common cases. The importer keeps it per item as it queues rows
// (storedItem.history). A new item has no history. For a stored item,
// whether it has real changes comes with the query that compares it
// (compare), from an index that holds real changes only (rebuilt rows,
// most of them, cost it nothing); only an older export's row looks it up
// on its own (loadReal). Whether a stored item has rebuilt changes is not
// looked up: the first real change for it queues a removal, which does
// nothing when there are none. Removals are written many items per
// statement, like inserts.
const (
	// histMayHaveRebuilt: rebuilt changes of the item may be stored or
	// queued, so real ones must remove them first.
	histMayHaveRebuilt uint8 = 1 << iota
	histReal                 // real changes of the item are stored or queued
	histRealKnown            // histReal is known
)

// storedHistory is what is assumed of a stored item's history until the
// import learns more.
const storedHistory = histMayHaveRebuilt

// hasReal is the SQL condition that the work item whose ID is the
// expression item has real status changes (index status_changes_real).
func hasReal(item string) string {
	return `EXISTS (SELECT 1 FROM status_changes WHERE item_id = ` + item + ` AND reconstructed = 0)`
}

// loadReal looks up whether stored item s has real history, unless known.
func (im *importer) loadReal(s *storedItem) error {
	if s.history&histRealKnown != 0 {
		return nil
	}
	var real bool
	if err := im.queryRow(`SELECT `+hasReal("?"), s.id).Scan(&real); err != nil {
		return fmt.Errorf("look up the item's history: %w", err)
	}
	s.history |= histRealKnown
	if real {
		s.history |= histReal
	}
	return nil
}

// changelogItem finds the item a changelog row belongs to: among the items
// this import loaded or wrote, or by its key (one query per key, as before
// history had kinds).
func (im *importer) changelogItem(source, key string) (storedItem, bool, error) {
	if m, loaded := im.known[source]; loaded {
		s, ok := m[key]
		return s, ok, nil
	}
	s := storedItem{history: storedHistory}
	err := im.queryRow(`SELECT id FROM work_items WHERE source_system=? AND external_key=?`, source, key).Scan(&s.id)
	if errors.Is(err, sql.ErrNoRows) {
		return s, false, nil
	} else if err != nil {
		return s, false, fmt.Errorf("look up %s: %w", key, err)
	}
	return s, true, nil
}

// addHistory queues the row's status changes for item id by the rule
// above, given what the import knows of its history (kinds: for rebuilt
// changes, whether it has real ones must be known), and returns what it
// knows afterwards. A new item without history gets one rebuilt entry: its
// current status since it was created.
func (im *importer) addHistory(id int64, kinds uint8, it backend.ImportItem, isNew bool) (uint8, error) {
	changes, rebuilt := it.History, it.Reconstructed
	if len(changes) == 0 {
		if !isNew || it.Status == "" {
			return kinds, nil
		}
		changes, rebuilt = []backend.ImportChange{{To: it.Status, At: it.CreatedAt}}, true
	}
	return im.addChanges(id, kinds, changes, rebuilt)
}

// addChanges queues changes of one kind for item id (see addHistory).
func (im *importer) addChanges(id int64, kinds uint8, changes []backend.ImportChange, rebuilt bool) (uint8, error) {
	switch {
	case rebuilt && kinds&histRealKnown == 0:
		return kinds, fmt.Errorf("item %d: rebuilt history without knowing whether the item has a real one", id) // a bug
	case rebuilt && kinds&histReal != 0:
		return kinds, nil // the real history wins
	case rebuilt:
		kinds |= histMayHaveRebuilt
		im.rebuiltQueued = true
	default:
		if kinds&histMayHaveRebuilt != 0 {
			if err := im.queueRemoval(id); err != nil {
				return kinds, err
			}
			kinds &^= histMayHaveRebuilt
		}
		kinds |= histReal | histRealKnown
	}
	for _, h := range changes {
		if err := im.queueChange(id, h.From, h.To, ts(h.At), rebuilt); err != nil {
			return kinds, err
		}
	}
	return kinds, nil
}

// removalsPerStatement bounds the item IDs of one removal statement.
const removalsPerStatement = 256

// queueRemoval queues the removal of item id's rebuilt status changes.
// Removals are written before the buffered changes (flush), so when rebuilt
// changes are waiting in the buffer — possibly this item's, from an earlier
// row of the same file — they are written first, to be removed with the
// rest. A file brings real and rebuilt rows together only in that rare
// case; a changelog sheet is read after the file's items are written.
func (im *importer) queueRemoval(id int64) error {
	if im.rebuiltQueued {
		if err := im.flush(); err != nil {
			return err
		}
	}
	im.pendingRemovals = append(im.pendingRemovals, id)
	if len(im.pendingRemovals) >= removalsPerStatement {
		return im.flushRemovals()
	}
	return nil
}

// flushRemovals removes the rebuilt status changes of the queued items,
// keeping those that earlier imports added so that undo restores them.
// Rows this import added itself are just removed and no longer count as
// added.
func (im *importer) flushRemovals() error {
	for len(im.pendingRemovals) > 0 {
		part := im.pendingRemovals[:min(removalsPerStatement, len(im.pendingRemovals))]
		in := "(" + placeholders(len(part)) + ")"
		args := make([]any, 0, len(part)+2)
		args = append(args, im.batch, im.batch)
		for _, id := range part {
			args = append(args, id)
		}
		r, err := im.exec(`INSERT INTO import_removed_changes(batch_id, change_id, item_id, from_status, to_status, changed_at, added_by)
			SELECT ?, id, item_id, from_status, to_status, changed_at, batch_id FROM status_changes
			WHERE reconstructed = 1 AND batch_id IS NOT ? AND item_id IN `+in, args...)
		if err != nil {
			return fmt.Errorf("keep the rebuilt history that a changelog replaces: %w", err)
		}
		kept, _ := r.RowsAffected()
		if r, err = im.exec(`DELETE FROM status_changes WHERE reconstructed = 1 AND item_id IN `+in, args[2:]...); err != nil {
			return fmt.Errorf("remove the rebuilt history that a changelog replaces: %w", err)
		}
		removed, _ := r.RowsAffected()
		im.res.HistoryAdded -= int(removed - kept)
		im.replaced += int(kept)
		im.pendingRemovals = im.pendingRemovals[len(part):]
	}
	return nil
}

// restoreReplacedStep is the step of UndoImport that puts back the rebuilt
// status changes the import removed (after its own rows are gone), with the
// import that had added them. Each gets its old ID back, unless a later row
// took one of them: then all get new IDs in their old order, which keeps
// the order of changes at the same instant.
var restoreReplacedStep = undoStep{"restore replaced history", `INSERT INTO status_changes(id, item_id, from_status, to_status, changed_at, batch_id, reconstructed)
	SELECT CASE WHEN (SELECT count(*) FROM import_removed_changes t JOIN status_changes s ON s.id = t.change_id WHERE t.batch_id = ?1) = 0 THEN r.change_id END,
		r.item_id, r.from_status, r.to_status, r.changed_at, r.added_by, 1
	FROM import_removed_changes r WHERE r.batch_id = ?1 ORDER BY r.change_id`}

// withHistoryOf returns row with other's history merged in: other is an
// older row of the same key in the same file. Histories of one kind are
// joined (duplicates are ignored when stored); of different kinds, the real
// one is kept, as the store would keep it.
func withHistoryOf(row, other backend.ImportItem) backend.ImportItem {
	switch {
	case row.Reconstructed == other.Reconstructed:
		row.History = append(row.History, other.History...)
	case len(other.History) > 0 && (row.Reconstructed || len(row.History) == 0):
		row.History, row.Reconstructed = other.History, other.Reconstructed
	}
	return row
}
