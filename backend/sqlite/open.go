// Package sqlite is Throughline's store: one portfolio is one SQLite file.
//
// Open checks that a file is a Throughline portfolio (application_id), refuses
// files written by a newer version (user_version above what this build knows),
// takes a verified backup before migrating an older file, and applies the
// numbered, embedded migrations each in its own transaction.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/throughline/throughline/backend"
)

// ApplicationID marks a SQLite file as a Throughline portfolio ("THLN").
const ApplicationID = 0x54484C4E

// driverName is go-sqlite3 registered with a connect hook that sets the
// per-connection pragmas the DSN cannot carry.
const driverName = "sqlite3_throughline"

var registerOnce sync.Once

func registerDriver() {
	registerOnce.Do(func() {
		sql.Register(driverName, &sqlite3.SQLiteDriver{
			ConnectHook: func(c *sqlite3.SQLiteConn) error {
				// Schema from a file someone sent us is untrusted input: do not let
				// views or triggers in it call functions with side effects.
				_, err := c.Exec("PRAGMA trusted_schema = OFF", nil)
				return err
			},
		})
	})
}

// Options control Open.
type Options struct {
	// Create makes a new, empty portfolio when the file does not exist.
	Create bool
	// BackupDir is where the verified pre-migration backup goes; empty means
	// a "backups" folder next to the portfolio file.
	BackupDir string
}

// DB is an open portfolio.
type DB struct {
	db   *sql.DB
	path string
}

// Path returns the portfolio file's path.
func (db *DB) Path() string { return db.path }

// SQL returns the underlying pool, for packages in this module's tests and
// for read-only diagnostics.
func (db *DB) SQL() *sql.DB { return db.db }

// Close closes the pool. The last close checkpoints the WAL, so a closed
// portfolio is one self-contained file.
func (db *DB) Close() error { return db.db.Close() }

// dsn carries the pragmas that must hold on every pooled connection:
// WAL so readers never block the writer; synchronous=FULL because an analyst
// who saw "Import complete" expects it to survive a power cut; a busy
// timeout; foreign keys; and BEGIN IMMEDIATE so a write transaction never
// fails on a lock upgrade.
func dsn(path string) string {
	return path + "?_journal_mode=WAL&_synchronous=FULL&_busy_timeout=5000&_foreign_keys=on&_txlock=immediate"
}

// Open opens the portfolio at path, creating it when opts.Create is set and
// the file does not exist, and migrates it to the current schema.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	registerDriver()
	if path == "" {
		return nil, backend.Errorf(backend.EInvalid, "No portfolio file was given.")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, backend.Errorf(backend.EInvalid, "The file name %q contains '?' or '#'; rename the file and try again.", path)
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && !opts.Create:
		return nil, backend.Errorf(backend.ENotFound, "The portfolio file %s does not exist.", path)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("stat %s: %w", path, err)
	case err == nil && st.IsDir():
		return nil, backend.Errorf(backend.EInvalid, "%s is a folder, not a portfolio file.", path)
	case err == nil && st.Size() > 0:
		if err := probeHeader(path); err != nil {
			return nil, err
		}
	}

	sqldb, err := sql.Open(driverName, dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{db: sqldb, path: path}
	if err := db.init(ctx, opts); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// probeHeader reads the 100-byte SQLite header of an existing file before any
// connection is opened, so that a foreign file is refused without SQLite
// touching it (opening it with our DSN would switch it to WAL).
func probeHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read header of %s: %w", path, err)
	}
	defer f.Close()
	var hdr [100]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil || string(hdr[:16]) != "SQLite format 3\x00" {
		return backend.Errorf(backend.EForeignFile, "%s is not a Throughline portfolio (it is not an SQLite database).", path)
	}
	appID := binary.BigEndian.Uint32(hdr[68:72])
	if appID != ApplicationID && appID != 0 {
		return backend.Errorf(backend.EForeignFile, "%s is an SQLite database made by another application (application id %#x), not a Throughline portfolio.", path, appID)
	}
	if appID == 0 {
		// Ours only if it is empty; a crash before the first checkpoint would
		// leave our id in the WAL, so look inside read-only to be sure.
		return probeReadOnly(path)
	}
	return nil
}

// probeReadOnly opens the file read-only and checks that it is empty or ours.
func probeReadOnly(path string) error {
	ro, err := sql.Open(driverName, "file:"+uriEscape(path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("open %s read-only: %w", path, err)
	}
	defer ro.Close()
	var appID int64
	var objects int
	if err := ro.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return backend.Errorf(backend.EForeignFile, "%s is not a Throughline portfolio (%v).", path, err)
	}
	if err := ro.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
		return backend.Errorf(backend.EForeignFile, "%s is not a Throughline portfolio (%v).", path, err)
	}
	if appID != ApplicationID && objects > 0 {
		return backend.Errorf(backend.EForeignFile, "%s is an SQLite database made by another application, not a Throughline portfolio.", path)
	}
	return nil
}

// uriEscape escapes the characters that are special in an SQLite URI path.
func uriEscape(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// init verifies the connection pragmas, then checks identity and version and
// migrates.
func (db *DB) init(ctx context.Context, opts Options) error {
	if err := db.verifyPragmas(ctx); err != nil {
		return err
	}
	var appID int64
	if err := db.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("read application_id: %w", err)
	}
	version, err := db.userVersion(ctx)
	if err != nil {
		return err
	}
	switch {
	case appID != ApplicationID && version != 0:
		return backend.Errorf(backend.EForeignFile, "%s is not a Throughline portfolio.", db.path)
	case version > len(migrations):
		return backend.Errorf(backend.ENewerVersion, "%s was written by a newer version of Throughline (schema %d; this version knows up to %d). Update Throughline to open it.", db.path, version, len(migrations))
	}
	if version > 0 && version < len(migrations) {
		if _, err := db.Backup(ctx, backupPath(db.path, opts.BackupDir, version)); err != nil {
			return fmt.Errorf("backup before migrating %s from schema %d: %w", db.path, version, err)
		}
	}
	return db.migrate(ctx, version)
}

// verifyPragmas reads the DSN's pragmas back: a silently ignored DSN key
// would otherwise go unnoticed until the first corrupted portfolio.
func (db *DB) verifyPragmas(ctx context.Context) error {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", db.path, err)
	}
	defer conn.Close()
	want := []struct {
		pragma string
		value  string
	}{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"synchronous", "2"},
		{"busy_timeout", "5000"},
		{"trusted_schema", "0"},
	}
	for _, w := range want {
		var got string
		if err := conn.QueryRowContext(ctx, "PRAGMA "+w.pragma).Scan(&got); err != nil {
			if isNotADatabase(err) {
				return backend.Errorf(backend.EForeignFile, "%s is not a Throughline portfolio (it is not an SQLite database).", db.path)
			}
			return fmt.Errorf("read pragma %s: %w", w.pragma, err)
		}
		if got != w.value {
			return fmt.Errorf("pragma %s is %q, want %q", w.pragma, got, w.value)
		}
	}
	return nil
}

func isNotADatabase(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrNotADB
}

func (db *DB) userVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		if isNotADatabase(err) {
			return 0, backend.Errorf(backend.EForeignFile, "%s is not a Throughline portfolio (it is not an SQLite database).", db.path)
		}
		return 0, fmt.Errorf("read user_version: %w", err)
	}
	return v, nil
}

// SchemaVersion returns the portfolio's schema version (PRAGMA user_version).
func (db *DB) SchemaVersion(ctx context.Context) (int, error) { return db.userVersion(ctx) }

// LatestSchemaVersion is the schema version this build migrates to.
func LatestSchemaVersion() int { return len(migrations) }

// EngineVersion returns the version of the linked SQLite library.
func EngineVersion() string {
	v, _, _ := sqlite3.Version()
	return v
}
