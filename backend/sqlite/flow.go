package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/throughline/throughline/backend"
)

// ItemFlows loads every work item with its status history resolved to
// canonical stages. A team's own mapping wins over its source system's.
func (db *DB) ItemFlows(ctx context.Context) ([]backend.ItemFlow, error) {
	resolve, err := db.stageResolver(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT w.id, w.external_key, w.title, w.status, w.found_in, w.type, w.source_system, coalesce(w.team_id, 0),
		coalesce(w.program_id, t.program_id, 0), coalesce(w.parent_id, 0), coalesce(w.theme_id, 0), w.points, w.created_at
		FROM work_items w LEFT JOIN teams t ON t.id = w.team_id ORDER BY w.id`)
	if err != nil {
		return nil, fmt.Errorf("load items: %w", err)
	}
	defer rows.Close()
	var items []backend.ItemFlow
	var sources []string
	index := map[int64]int{}
	for rows.Next() {
		var it backend.ItemFlow
		var typ, source, created string
		var pts sql.NullFloat64
		if err := rows.Scan(&it.ID, &it.Key, &it.Title, &it.Status, &it.FoundIn, &typ, &source, &it.TeamID, &it.ProgramID, &it.ParentID, &it.ThemeID, &pts, &created); err != nil {
			return nil, fmt.Errorf("scan item: %w", err)
		}
		it.Type = backend.ItemType(typ)
		if pts.Valid {
			p := pts.Float64
			it.Points = &p
		}
		if it.CreatedAt, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("item %s: %w", it.Key, err)
		}
		index[it.ID] = len(items)
		items = append(items, it)
		sources = append(sources, source)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load items: %w", err)
	}

	hist, err := db.db.QueryContext(ctx, `SELECT item_id, to_status, changed_at FROM status_changes ORDER BY item_id, changed_at, id`)
	if err != nil {
		return nil, fmt.Errorf("load status history: %w", err)
	}
	defer hist.Close()
	for hist.Next() {
		var itemID int64
		var status, at string
		if err := hist.Scan(&itemID, &status, &at); err != nil {
			return nil, fmt.Errorf("scan status change: %w", err)
		}
		i, ok := index[itemID]
		if !ok {
			continue
		}
		t, err := parseTime(at)
		if err != nil {
			return nil, fmt.Errorf("item %s: %w", items[i].Key, err)
		}
		it := &items[i]
		it.Changes = append(it.Changes, backend.StageChange{At: t, Status: status, Stage: resolve(it.TeamID, sources[i], status)})
	}
	return items, hist.Err()
}

// stageResolver loads the workflow mappings and returns a lookup that is
// case-insensitive on the raw status and memoised per (team, source, status).
func (db *DB) stageResolver(ctx context.Context) (func(teamID int64, source, status string) backend.Stage, error) {
	type key struct {
		team   int64
		source string
		status string
	}
	mapped := map[key]backend.Stage{}
	rows, err := db.db.QueryContext(ctx, `SELECT coalesce(team_id, 0), source_system, raw_status, stage FROM workflow_mappings`)
	if err != nil {
		return nil, fmt.Errorf("load workflow mappings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k key
		var stage string
		if err := rows.Scan(&k.team, &k.source, &k.status, &stage); err != nil {
			return nil, fmt.Errorf("scan workflow mapping: %w", err)
		}
		k.status = strings.ToLower(k.status)
		mapped[k] = backend.Stage(stage)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load workflow mappings: %w", err)
	}
	memo := map[key]backend.Stage{}
	return func(teamID int64, source, status string) backend.Stage {
		k := key{teamID, source, status}
		if s, ok := memo[k]; ok {
			return s
		}
		low := strings.ToLower(status)
		s, ok := mapped[key{teamID, "", low}]
		if !ok {
			s, ok = mapped[key{teamID, source, low}]
		}
		if !ok {
			s = mapped[key{0, source, low}]
		}
		memo[k] = s
		return s
	}, nil
}

// Structure loads programs and teams in name order.
func (db *DB) Structure(ctx context.Context) ([]backend.Program, []backend.Team, error) {
	var programs []backend.Program
	var teams []backend.Team
	rows, err := db.db.QueryContext(ctx, `SELECT id, name, description, wip_limit FROM programs ORDER BY name`)
	if err != nil {
		return nil, nil, fmt.Errorf("load programs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p backend.Program
		if err := rows.Scan(&p.ID, &p.Name, &p.Description, &p.WIPLimit); err != nil {
			return nil, nil, fmt.Errorf("scan program: %w", err)
		}
		programs = append(programs, p)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("load programs: %w", err)
	}
	trows, err := db.db.QueryContext(ctx, `SELECT id, program_id, name, framework, sprint_length_days, wip_limit, workday_mask, tool, source_key, lead FROM teams ORDER BY name`)
	if err != nil {
		return nil, nil, fmt.Errorf("load teams: %w", err)
	}
	defer trows.Close()
	for trows.Next() {
		var t backend.Team
		if err := trows.Scan(&t.ID, &t.ProgramID, &t.Name, &t.Framework, &t.SprintLengthDays, &t.WIPLimit, &t.WorkdayMask, &t.Tool, &t.SourceKey, &t.Lead); err != nil {
			return nil, nil, fmt.Errorf("scan team: %w", err)
		}
		teams = append(teams, t)
	}
	return programs, teams, trows.Err()
}
