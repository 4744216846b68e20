package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/throughline/throughline/backend"
)

// TypeMapping is a saved answer to "which item type is this raw type?"
// (the type_mappings table). SourceSystem "" applies to every source.
type TypeMapping struct {
	SourceSystem string
	RawType      string
	Type         backend.ItemType
}

// TypeMappings lists the saved type mappings, oldest first, so that a
// caller folding them into one map lets a later choice win.
func (db *DB) TypeMappings(ctx context.Context) ([]TypeMapping, error) {
	var out []TypeMapping
	err := scanAll(ctx, db.db, `SELECT source_system, raw_type, type FROM type_mappings ORDER BY id`, func(r *sql.Rows) error {
		var m TypeMapping
		var typ string
		err := r.Scan(&m.SourceSystem, &m.RawType, &typ)
		m.Type = backend.ItemType(typ)
		out = append(out, m)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list type mappings: %w", err)
	}
	return out, nil
}

// SaveTypeMapping adds or changes one type mapping (case-insensitive on the
// raw type), in its own transaction. A changed mapping moves to the end of
// the list (it is deleted and inserted again), so it wins over an older one
// spelled differently ("Sub-task" and "sub task").
func (db *DB) SaveTypeMapping(ctx context.Context, m TypeMapping) error {
	if !m.Type.Valid() {
		return backend.Errorf(backend.EInvalid, "%q is not an item type; use one of %v.", m.Type, backend.ItemTypes)
	}
	raw := strings.TrimSpace(m.RawType)
	if raw == "" {
		return backend.Errorf(backend.EInvalid, "The item type to map is empty.")
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save type mapping of %q: %w", raw, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM type_mappings WHERE source_system = ? AND raw_type = ? COLLATE NOCASE`, m.SourceSystem, raw); err != nil {
		return fmt.Errorf("save type mapping of %q: %w", raw, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO type_mappings(source_system, raw_type, type) VALUES (?,?,?)`, m.SourceSystem, raw, string(m.Type)); err != nil {
		return fmt.Errorf("save type mapping of %q: %w", raw, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save type mapping of %q: %w", raw, err)
	}
	return nil
}
