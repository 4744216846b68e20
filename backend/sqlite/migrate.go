package sqlite

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations are the embedded SQL files in name order; migration i (1-based)
// brings the schema to user_version i. Append only: never edit a released one.
var migrations = mustLoadMigrations()

func mustLoadMigrations() []string {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	out := make([]string, 0, len(names))
	for i, n := range names {
		want := fmt.Sprintf("migrations/%04d_", i+1)
		if !strings.HasPrefix(n, want) {
			panic(fmt.Sprintf("migration %s is out of sequence: want prefix %s", n, want))
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			panic(err)
		}
		out = append(out, string(b))
	}
	return out
}

// migrate applies every migration after version, each in one transaction that
// also sets user_version, so a crash leaves the file at a whole version.
func (db *DB) migrate(ctx context.Context, version int) error {
	for i := version; i < len(migrations); i++ {
		tx, err := db.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("begin migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if i == 0 {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
				tx.Rollback()
				return fmt.Errorf("set application_id: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("set user_version %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("commit migration %d: %w", i+1, err)
		}
	}
	return nil
}

// backupPath names the pre-migration backup of path at the given version.
func backupPath(path, dir string, version int) string {
	if dir == "" {
		dir = filepath.Join(filepath.Dir(path), "backups")
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return filepath.Join(dir, fmt.Sprintf("%s-v%d-%s.db", base, version, time.Now().UTC().Format("20060102T150405Z")))
}

// Backup writes a consistent copy of the portfolio to out with VACUUM INTO,
// verifies it with integrity_check, and only then gives it its final name,
// so a half-written backup never looks like a good one. It returns out.
func (db *DB) Backup(ctx context.Context, out string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", fmt.Errorf("create backup folder: %w", err)
	}
	if _, err := os.Stat(out); err == nil {
		return "", fmt.Errorf("backup %s already exists", out)
	}
	partial := out + ".partial"
	os.Remove(partial)
	if _, err := db.db.ExecContext(ctx, "VACUUM INTO ?", partial); err != nil {
		os.Remove(partial)
		return "", fmt.Errorf("vacuum into %s: %w", partial, err)
	}
	if err := verifyFile(ctx, partial); err != nil {
		os.Remove(partial)
		return "", err
	}
	if err := os.Rename(partial, out); err != nil {
		os.Remove(partial)
		return "", fmt.Errorf("rename backup: %w", err)
	}
	return out, nil
}

// verifyFile opens a standalone database file read-only and runs
// integrity_check on it.
func verifyFile(ctx context.Context, path string) error {
	registerDriver()
	c, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer c.Close()
	res, err := integrityCheck(ctx, c)
	if err != nil {
		return fmt.Errorf("verify %s: %w", path, err)
	}
	if len(res) != 1 || res[0] != "ok" {
		return fmt.Errorf("verify %s: integrity_check: %s", path, strings.Join(res, "; "))
	}
	return nil
}
