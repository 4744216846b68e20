package sqlite

// WithExtraMigration appends a migration for the duration of a test, so the
// upgrade path (backup, then migrate) can be exercised before a second real
// migration exists. It returns a function that restores the list.
func WithExtraMigration(sql string) (restore func()) {
	saved := migrations
	migrations = append(append([]string{}, saved...), sql)
	return func() { migrations = saved }
}
