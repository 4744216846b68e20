package sqlite

import (
	"context"
	"fmt"

	"github.com/throughline/throughline/backend"
)

// DeleteMappingProfile deletes a saved column-mapping profile by name
// (case-insensitive, as MappingProfile finds it). Imports that used it keep
// their record of it; a profile that is not there is ENotFound.
func (db *DB) DeleteMappingProfile(ctx context.Context, name string) error {
	res, err := db.db.ExecContext(ctx, `DELETE FROM mapping_profiles WHERE name = ? COLLATE NOCASE`, name)
	if err != nil {
		return fmt.Errorf("delete mapping profile %q: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("delete mapping profile %q: %w", name, err)
	}
	if n == 0 {
		names, _ := db.MappingProfileNames(ctx)
		return backend.Errorf(backend.ENotFound, "There is no mapping profile %q to delete; saved profiles: %v.", name, names)
	}
	return nil
}
