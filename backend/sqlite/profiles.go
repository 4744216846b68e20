package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/throughline/throughline/backend"
)

// MappingProfile returns a saved column-mapping profile's JSON by name
// (case-insensitive).
func (db *DB) MappingProfile(ctx context.Context, name string) (string, error) {
	var js string
	err := db.db.QueryRowContext(ctx, `SELECT profile_json FROM mapping_profiles WHERE name = ? COLLATE NOCASE`, name).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		names, _ := db.MappingProfileNames(ctx)
		return "", backend.Errorf(backend.ENotFound, "There is no mapping profile %q; saved profiles: %v.", name, names)
	}
	if err != nil {
		return "", fmt.Errorf("read mapping profile %q: %w", name, err)
	}
	return js, nil
}

// SaveMappingProfile stores (or replaces) a named column-mapping profile.
func (db *DB) SaveMappingProfile(ctx context.Context, name, profileJSON string) error {
	if name == "" {
		return backend.Errorf(backend.EInvalid, "A mapping profile needs a name.")
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO mapping_profiles(name, profile_json, updated_at) VALUES (?,?,?)
		ON CONFLICT(name) DO UPDATE SET profile_json = excluded.profile_json, updated_at = excluded.updated_at`, name, profileJSON, ts(time.Now()))
	if err != nil {
		return fmt.Errorf("save mapping profile %q: %w", name, err)
	}
	return nil
}

// MappingProfileNames lists the saved profiles by name.
func (db *DB) MappingProfileNames(ctx context.Context) ([]string, error) {
	out := []string{}
	err := scanAll(ctx, db.db, `SELECT name FROM mapping_profiles ORDER BY name COLLATE NOCASE`, func(r *sql.Rows) error {
		var n string
		err := r.Scan(&n)
		out = append(out, n)
		return err
	})
	return out, err
}
