package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/demo"
	"github.com/throughline/throughline/backend/sqlite"
)

// schemaOf returns the normalised schema: every object's SQL, in name order.
func schemaOf(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	rows, err := db.SQL().Query("SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name, sql string
		rows.Scan(&typ, &name, &sql)
		b.WriteString(typ + " " + name + ": " + strings.Join(strings.Fields(sql), " ") + "\n")
	}
	return b.String()
}

// writtenByVersion creates a portfolio file as schema version v wrote it, lets
// fill put rows in it while it is open, closes it and returns its path.
func writtenByVersion(t *testing.T, v int, fill func(old *sqlite.DB) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	restore := sqlite.WithOnlyMigrations(v)
	defer restore()
	old, err := sqlite.Open(context.Background(), path, sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	err = fill(old)
	old.Close()
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// upgraded opens with this build a file that schema version v wrote, which
// migrates it and keeps a backup of it in backups; the file is closed when
// the test ends.
func upgraded(t *testing.T, path string, v int, backups string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{BackupDir: backups})
	if err != nil {
		t.Fatalf("upgrade from version %d: %v", v, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestMigrateFromEveryVersion creates a portfolio as each earlier schema
// version wrote it, fills it with the demo portfolio, and opens it with this
// build: the data must survive, a verified backup must exist, and the schema
// must equal a freshly created file's.
func TestMigrateFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	fresh, _ := openNew(t)
	want := schemaOf(t, fresh)
	ds, err := demo.Generate(demo.Options{Seed: 1, Scale: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v < sqlite.LatestSchemaVersion(); v++ {
		t.Run("FromVersion"+string(rune('0'+v)), func(t *testing.T) {
			var before sqlite.Counts
			path := writtenByVersion(t, v, func(old *sqlite.DB) error {
				if err := old.LoadDataset(ctx, ds); err != nil {
					return err
				}
				before, _ = old.Counts(ctx)
				return nil
			})

			backups := filepath.Join(t.TempDir(), "backups")
			db := upgraded(t, path, v, backups)
			after, _ := db.Counts(ctx)
			if after != before {
				t.Fatalf("counts after upgrade %+v, before %+v", after, before)
			}
			if got := schemaOf(t, db); got != want {
				t.Fatalf("schema after upgrade differs from a fresh one:\n%s\nwant\n%s", got, want)
			}
			// The demo's histories were loaded without an import: real.
			var rebuilt int
			db.SQL().QueryRow(`SELECT count(*) FROM status_changes WHERE reconstructed = 1`).Scan(&rebuilt)
			if rebuilt != 0 {
				t.Fatalf("%d of the demo's status changes marked rebuilt", rebuilt)
			}
			if rep, err := db.Check(ctx); err != nil || !rep.OK() {
				t.Fatalf("check after upgrade: %v %v", err, rep.Problems())
			}
			files, _ := filepath.Glob(filepath.Join(backups, "old-v*.db"))
			if len(files) != 1 {
				t.Fatalf("backups = %v", files)
			}
		})
	}
}
