package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/sqlite"
)

func openNew(t *testing.T) (*sqlite.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{Create: true})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func TestOpen(t *testing.T) {
	ctx := context.Background()

	t.Run("MigratesFromEmpty", func(t *testing.T) {
		db, _ := openNew(t)
		v, err := db.SchemaVersion(ctx)
		if err != nil || v != sqlite.LatestSchemaVersion() || v < 1 {
			t.Fatalf("schema version = %d, %v; want %d", v, err, sqlite.LatestSchemaVersion())
		}
		rep, err := db.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() || rep.JournalMode != "wal" {
			t.Fatalf("check of a new portfolio: %+v, problems %v", rep, rep.Problems())
		}
		// Every table of the domain model exists.
		for _, table := range []string{"work_items", "status_changes", "workflow_mappings", "programs", "teams",
			"program_increments", "sprints", "dependencies", "objectives", "key_results", "pi_objectives",
			"deployments", "incidents", "business_cases", "benefit_measurements", "customer_feedback",
			"metric_definitions", "metric_reviews", "systems_of_record", "governance_events", "governance_actions",
			"roles", "import_batches", "snapshots"} {
			var n int
			if err := db.SQL().QueryRow("SELECT count(*) FROM sqlite_schema WHERE type='table' AND name=?", table).Scan(&n); err != nil || n != 1 {
				t.Errorf("table %s missing", table)
			}
		}
	})

	t.Run("MissingFileWithoutCreateIsNotFound", func(t *testing.T) {
		_, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "nope.db"), sqlite.Options{})
		if got := backend.ErrorCode(err); got != backend.ENotFound {
			t.Fatalf("code = %q (%v), want %q", got, err, backend.ENotFound)
		}
	})

	t.Run("ReopenKeepsData", func(t *testing.T) {
		db, path := openNew(t)
		s := backend.DefaultSettings("Zoë's portfolio")
		s.TimeZone = "Europe/Berlin"
		if err := db.SaveSettings(ctx, s); err != nil {
			t.Fatal(err)
		}
		db.Close()
		db2, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		defer db2.Close()
		got, err := db2.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Zoë's portfolio" || got.TimeZone != "Europe/Berlin" {
			t.Fatalf("settings after reopen = %+v", got)
		}
	})

	t.Run("TextFileIsRefused", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.db")
		content := []byte("Key,Summary\nPAY-1,Hello\n")
		os.WriteFile(path, content, 0o644)
		_, err := sqlite.Open(ctx, path, sqlite.Options{Create: true})
		if got := backend.ErrorCode(err); got != backend.EForeignFile {
			t.Fatalf("code = %q (%v), want %q", got, err, backend.EForeignFile)
		}
		after, _ := os.ReadFile(path)
		if string(after) != string(content) {
			t.Fatal("the refused file was modified")
		}
	})

	t.Run("OtherApplicationsDatabaseIsRefusedUntouched", func(t *testing.T) {
		for _, appID := range []int{0, 0x12345678} {
			path := filepath.Join(t.TempDir(), "other.db")
			other, err := sql.Open("sqlite3", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := other.Exec("CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('Jürgen');"); err != nil {
				t.Fatal(err)
			}
			if _, err := other.Exec("PRAGMA application_id = " + strconv.Itoa(appID)); err != nil {
				t.Fatal(err)
			}
			other.Close()
			before, _ := os.ReadFile(path)
			_, err = sqlite.Open(ctx, path, sqlite.Options{Create: true})
			if got := backend.ErrorCode(err); got != backend.EForeignFile {
				t.Fatalf("application_id %#x: code = %q (%v), want %q", appID, got, err, backend.EForeignFile)
			}
			after, _ := os.ReadFile(path)
			if string(before) != string(after) {
				t.Fatalf("application_id %#x: the refused file was modified", appID)
			}
		}
	})

	t.Run("NewerVersionIsRefused", func(t *testing.T) {
		db, path := openNew(t)
		if _, err := db.SQL().Exec("PRAGMA user_version = 999"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		_, err := sqlite.Open(ctx, path, sqlite.Options{})
		if got := backend.ErrorCode(err); got != backend.ENewerVersion {
			t.Fatalf("code = %q (%v), want %q", got, err, backend.ENewerVersion)
		}
	})

	t.Run("UpgradeTakesVerifiedBackupFirst", func(t *testing.T) {
		db, path := openNew(t)
		if err := db.SaveSettings(ctx, backend.DefaultSettings("before upgrade")); err != nil {
			t.Fatal(err)
		}
		db.Close()
		restore := sqlite.WithExtraMigration("CREATE TABLE extra_test(x INTEGER);")
		defer restore()
		backups := filepath.Join(t.TempDir(), "backups")
		db2, err := sqlite.Open(ctx, path, sqlite.Options{BackupDir: backups})
		if err != nil {
			t.Fatalf("open with a pending migration: %v", err)
		}
		defer db2.Close()
		if v, _ := db2.SchemaVersion(ctx); v != sqlite.LatestSchemaVersion() {
			t.Fatalf("version after upgrade = %d, want %d", v, sqlite.LatestSchemaVersion())
		}
		prev := sqlite.LatestSchemaVersion() - 1
		files, _ := filepath.Glob(filepath.Join(backups, "p-v"+strconv.Itoa(prev)+"-*.db"))
		if len(files) != 1 {
			t.Fatalf("backups = %v, want one p-v%d-*.db", files, prev)
		}
		old, err := sqlite.Open(ctx, files[0], sqlite.Options{BackupDir: t.TempDir()})
		if err != nil {
			t.Fatalf("open backup: %v", err)
		}
		defer old.Close()
		if s, _ := old.Settings(ctx); s.Name != "before upgrade" {
			t.Fatalf("backup settings = %+v", s)
		}
	})

	t.Run("FailedMigrationLeavesFileAsItWas", func(t *testing.T) {
		db, path := openNew(t)
		if err := db.SaveSettings(ctx, backend.DefaultSettings("keep me")); err != nil {
			t.Fatal(err)
		}
		db.Close()
		before := sqlite.LatestSchemaVersion()
		restore := sqlite.WithExtraMigration("CREATE TABLE half_done(x INTEGER); INSERT INTO no_such_table VALUES (1);")
		_, err := sqlite.Open(ctx, path, sqlite.Options{BackupDir: t.TempDir()})
		restore()
		if err == nil {
			t.Fatal("a failing migration opened without error")
		}
		db2, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			t.Fatalf("reopen after failed migration: %v", err)
		}
		defer db2.Close()
		if v, _ := db2.SchemaVersion(ctx); v != before {
			t.Fatalf("version = %d, want %d", v, before)
		}
		var n int
		db2.SQL().QueryRow("SELECT count(*) FROM sqlite_schema WHERE name='half_done'").Scan(&n)
		if s, _ := db2.Settings(ctx); s.Name != "keep me" || n != 0 {
			t.Fatalf("after failed migration: settings %+v, half_done tables %d", s, n)
		}
	})
}
