package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/throughline/throughline/backend"
)

// WorkflowMappings lists every status mapping, source-system defaults first.
func (db *DB) WorkflowMappings(ctx context.Context) ([]backend.WorkflowMapping, error) {
	var out []backend.WorkflowMapping
	err := scanAll(ctx, db.db, `SELECT id, coalesce(team_id, 0), source_system, raw_status, stage FROM workflow_mappings
		ORDER BY team_id IS NOT NULL, team_id, source_system, raw_status COLLATE NOCASE`, func(r *sql.Rows) error {
		var m backend.WorkflowMapping
		var stage string
		err := r.Scan(&m.ID, &m.TeamID, &m.SourceSystem, &m.RawStatus, &stage)
		m.Stage = backend.Stage(stage)
		out = append(out, m)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list workflow mappings: %w", err)
	}
	return out, nil
}

// SaveWorkflowMapping adds or changes one status mapping (case-insensitive on
// the raw status), in its own transaction.
func (db *DB) SaveWorkflowMapping(ctx context.Context, m backend.WorkflowMapping) error {
	if !m.Stage.Valid() {
		return backend.Errorf(backend.EInvalid, "%q is not a stage; use one of %v.", m.Stage, backend.Stages)
	}
	if m.RawStatus == "" {
		return backend.Errorf(backend.EInvalid, "The status to map is empty.")
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO workflow_mappings(team_id, source_system, raw_status, stage) VALUES (?,?,?,?)
		ON CONFLICT(coalesce(team_id, 0), source_system, raw_status COLLATE NOCASE) DO UPDATE SET stage = excluded.stage`,
		id(m.TeamID), m.SourceSystem, m.RawStatus, string(m.Stage))
	if err != nil {
		return fmt.Errorf("save mapping of %q: %w", m.RawStatus, err)
	}
	return nil
}
