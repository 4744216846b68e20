package sqlite

// WithExtraMigration appends a migration for the duration of a test, so the
// upgrade path (backup, then migrate) can be exercised before a second real
// migration exists. It returns a function that restores the list.
func WithExtraMigration(sql string) (restore func()) {
	saved := migrations
	migrations = append(append([]string{}, saved...), sql)
	return func() { migrations = saved }
}

// WithOnlyMigrations keeps the first n migrations for the duration of a test,
// to create files as an older version of Throughline wrote them.
func WithOnlyMigrations(n int) (restore func()) {
	saved := migrations
	migrations = saved[:n]
	return func() { migrations = saved }
}

// WithBulkIndexMinRows lowers the size from which an import sets indexes
// aside, so small test files take the bulk path.
func WithBulkIndexMinRows(n int) (restore func()) {
	saved := bulkIndexMinRows
	bulkIndexMinRows = n
	return func() { bulkIndexMinRows = saved }
}
