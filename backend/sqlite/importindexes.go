package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// bulkIndexMinRows is the size from which a file's items are written with
// the secondary indexes of work_items and status_changes set aside: SQLite
// then builds each index once, sorted, instead of inserting into seven
// B-trees row by row. In one measured 200,000-row import this took the
// item writing from 9.2 s to 5.0 s plus 0.7 s to build the indexes again.
// A variable so tests can lower it.
var bulkIndexMinRows = 20_000

// bulkIndexes says whether a file that has brought fileItems items so far,
// into a portfolio that held stored items before it, should set the
// explicit indexes aside: at least bulkIndexMinRows items and at least half
// as many as were stored. Rebuilding costs time in proportion to the whole
// table, so a small file added to a large portfolio keeps them.
func bulkIndexes(fileItems, stored int) bool {
	return fileItems >= bulkIndexMinRows && fileItems*2 >= stored
}

// deferIndexes drops the explicit indexes of the tables a large import
// fills and returns the function that creates them again; both run inside
// the import's transaction, so a failed or cancelled import gets them back
// with its rollback. The unique keys (upsert by key, history de-duplication)
// are constraints, not explicit indexes, and stay.
func deferIndexes(ctx context.Context, tx *sql.Tx) (restore func() error, err error) {
	type index struct{ name, sql string }
	var indexes []index
	// status_changes_real stays: the rebuilt history that large files bring
	// is not in it, and the import reads it for every stored item it updates.
	err = scanAll(ctx, tx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN ('work_items', 'status_changes') AND name <> 'status_changes_real' ORDER BY name`, func(r *sql.Rows) error {
		var ix index
		err := r.Scan(&ix.name, &ix.sql)
		indexes = append(indexes, ix)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list indexes: %w", err)
	}
	for _, ix := range indexes {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+ix.name+`"`); err != nil {
			return nil, fmt.Errorf("set index %s aside: %w", ix.name, err)
		}
	}
	return func() error {
		for _, ix := range indexes {
			if _, err := tx.ExecContext(ctx, ix.sql); err != nil {
				return fmt.Errorf("rebuild index %s: %w", ix.name, err)
			}
		}
		return nil
	}, nil
}
