package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/throughline/throughline/backend"
)

// Settings reads the portfolio's settings; unset keys keep their defaults.
func (db *DB) Settings(ctx context.Context) (backend.Settings, error) {
	s := backend.DefaultSettings("")
	rows, err := db.db.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return s, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return s, fmt.Errorf("scan settings: %w", err)
		}
		switch k {
		case "name":
			s.Name = v
		case "time_zone":
			s.TimeZone = v
		case "fiscal_year_start":
			s.FiscalYearStart, _ = strconv.Atoi(v)
		case "framework":
			s.Framework = v
		case "demo":
			s.Demo = v == "1"
		case "demo_seed":
			s.DemoSeed, _ = strconv.ParseInt(v, 10, 64)
		case "demo_scale":
			s.DemoScale = v
		case "as_of":
			s.AsOf = v
		}
	}
	return s, rows.Err()
}

// SaveSettings writes every settings key in one transaction.
func (db *DB) SaveSettings(ctx context.Context, s backend.Settings) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin save settings: %w", err)
	}
	defer tx.Rollback()
	if err := saveSettings(ctx, tx, s); err != nil {
		return err
	}
	return tx.Commit()
}

func saveSettings(ctx context.Context, tx *sql.Tx, s backend.Settings) error {
	kv := [][2]string{
		{"name", s.Name},
		{"time_zone", s.TimeZone},
		{"fiscal_year_start", strconv.Itoa(s.FiscalYearStart)},
		{"framework", s.Framework},
		{"demo", strconv.Itoa(boolInt(s.Demo))},
		{"demo_seed", strconv.FormatInt(s.DemoSeed, 10)},
		{"demo_scale", s.DemoScale},
		{"as_of", s.AsOf},
	}
	for _, p := range kv {
		if _, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", p[0], p[1]); err != nil {
			return fmt.Errorf("save setting %s: %w", p[0], err)
		}
	}
	return nil
}

// Counts are the sizes of the main tables, shown in the status line and used
// by `throughline demo` to report what it made.
type Counts struct {
	Programs      int `json:"programs"`
	Teams         int `json:"teams"`
	PIs           int `json:"pis"`
	Items         int `json:"items"`
	StatusChanges int `json:"statusChanges"`
	Deployments   int `json:"deployments"`
	Incidents     int `json:"incidents"`
	Objectives    int `json:"objectives"`
	Dependencies  int `json:"dependencies"`
}

// Counts counts the rows of the main tables.
func (db *DB) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	targets := []struct {
		table string
		dst   *int
	}{
		{"programs", &c.Programs}, {"teams", &c.Teams}, {"program_increments", &c.PIs},
		{"work_items", &c.Items}, {"status_changes", &c.StatusChanges},
		{"deployments", &c.Deployments}, {"incidents", &c.Incidents},
		{"objectives", &c.Objectives}, {"dependencies", &c.Dependencies},
	}
	for _, t := range targets {
		// Table names come from the fixed list above, never from input.
		if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM "+t.table).Scan(t.dst); err != nil {
			return c, fmt.Errorf("count %s: %w", t.table, err)
		}
	}
	return c, nil
}
