package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// CheckReport is the integrity part of `throughline check`.
type CheckReport struct {
	Integrity        []string          `json:"integrity"`        // ["ok"] when sound
	ForeignKeyErrors []ForeignKeyError `json:"foreignKeyErrors"` // empty when sound
	SchemaVersion    int               `json:"schemaVersion"`    // PRAGMA user_version
	LatestVersion    int               `json:"latestVersion"`    // what this build migrates to
	ApplicationIDOK  bool              `json:"applicationIdOk"`  // the file is marked as ours
	JournalMode      string            `json:"journalMode"`
}

// ForeignKeyError is one row of PRAGMA foreign_key_check.
type ForeignKeyError struct {
	Table  string `json:"table"`
	RowID  int64  `json:"rowid"`
	Parent string `json:"parent"`
}

// OK reports whether the report found no problem.
func (r CheckReport) OK() bool {
	return len(r.Integrity) == 1 && r.Integrity[0] == "ok" && len(r.ForeignKeyErrors) == 0 &&
		r.SchemaVersion == r.LatestVersion && r.ApplicationIDOK
}

// Problems lists the report's findings as one sentence each.
func (r CheckReport) Problems() []string {
	var out []string
	if !(len(r.Integrity) == 1 && r.Integrity[0] == "ok") {
		for _, s := range r.Integrity {
			out = append(out, "integrity: "+s)
		}
	}
	for _, fk := range r.ForeignKeyErrors {
		out = append(out, fmt.Sprintf("foreign key: %s row %d points at a missing %s row", fk.Table, fk.RowID, fk.Parent))
	}
	if r.SchemaVersion != r.LatestVersion {
		out = append(out, fmt.Sprintf("schema version %d, expected %d", r.SchemaVersion, r.LatestVersion))
	}
	if !r.ApplicationIDOK {
		out = append(out, "the file is not marked as a Throughline portfolio (application_id)")
	}
	return out
}

// Check runs PRAGMA integrity_check and foreign_key_check and reads the
// schema version.
func (db *DB) Check(ctx context.Context) (CheckReport, error) {
	r := CheckReport{LatestVersion: len(migrations)}
	var err error
	if r.Integrity, err = integrityCheck(ctx, db.db); err != nil {
		return r, err
	}
	rows, err := db.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return r, fmt.Errorf("foreign_key_check: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var fk ForeignKeyError
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&fk.Table, &rowid, &fk.Parent, &fkid); err != nil {
			return r, fmt.Errorf("scan foreign_key_check: %w", err)
		}
		fk.RowID = rowid.Int64
		r.ForeignKeyErrors = append(r.ForeignKeyErrors, fk)
	}
	if err := rows.Err(); err != nil {
		return r, fmt.Errorf("foreign_key_check: %w", err)
	}
	if r.SchemaVersion, err = db.userVersion(ctx); err != nil {
		return r, err
	}
	var appID int64
	if err := db.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return r, fmt.Errorf("read application_id: %w", err)
	}
	r.ApplicationIDOK = appID == ApplicationID
	if err := db.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&r.JournalMode); err != nil {
		return r, fmt.Errorf("read journal_mode: %w", err)
	}
	return r, nil
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func integrityCheck(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("integrity_check: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("scan integrity_check: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func openReadOnly(path string) (*sql.DB, error) {
	c, err := sql.Open(driverName, "file:"+uriEscape(path)+"?mode=ro")
	if err != nil {
		return nil, fmt.Errorf("open %s read-only: %w", path, err)
	}
	return c, nil
}
