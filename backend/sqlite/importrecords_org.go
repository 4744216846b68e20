package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/throughline/throughline/backend"
)

// The register tables record imports write. Teams an import creates are
// listed in import_created_refs, like the item importer's.
var (
	teamsTable = rowTable{name: "teams", keyCols: []string{"name"},
		columns: []string{"program_id", "framework", "sprint_length_days", "wip_limit", "tool", "source_key", "lead"}, compared: 7, ref: "team"}
	servicesTable = rowTable{name: "services", keyCols: []string{"name"}, columns: []string{"team_id"}, compared: 1}
	themesTable   = rowTable{name: "themes", keyCols: []string{"name"}}
	// epicExtras are the work-item columns only the epics list sets; the
	// item columns proper are recorded in import_item_changes.
	epicExtras = rowTable{name: "work_items", columns: []string{"owner", "start_date"}, compared: 2}
)

// teams upserts the team register: each team by name (ignoring case), its
// program by name, and the services it deploys.
func (w *recordWriter) teams(recs []backend.TeamRecord) error {
	for _, r := range recs {
		loc := where(r.File, r.Sheet, r.Row)
		name := strings.TrimSpace(r.Team)
		var id, program int64
		var framework, tool, source, lead string
		var sprint, wip int
		err := w.scan(`SELECT id, program_id, framework, sprint_length_days, wip_limit, tool, source_key, lead FROM teams WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1`,
			[]any{name}, &id, &program, &framework, &sprint, &wip, &tool, &source, &lead)
		if errors.Is(err, sql.ErrNoRows) {
			id, framework, sprint = 0, "scrum", 14 // the schema's defaults
		} else if err != nil {
			return fmt.Errorf("%s: look up team %q: %w", loc, name, err)
		}
		switch {
		case r.Program != "":
			program, err = w.im.program(strings.TrimSpace(r.Program))
		case id == 0:
			program, err = w.im.program("Unassigned")
		}
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		framework, tool = firstNonEmpty(r.Framework, framework), firstNonEmpty(r.Tool, tool)
		source, lead = strings.TrimSpace(firstNonEmpty(r.SourceKey, source)), strings.TrimSpace(firstNonEmpty(r.Lead, lead))
		if r.SprintLengthDays != nil {
			sprint = *r.SprintLengthDays
		}
		if r.WIPLimit != nil {
			wip = *r.WIPLimit
		}
		id, a, err := w.put(teamsTable, id, []any{name}, []any{program, framework, sprint, wip, tool, source, lead})
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		w.note("teams", id, a)
		w.im.teams[strings.ToLower(name)] = teamRef{id: id, program: program}
		if err := w.assignServices(loc, id, r.Services); err != nil {
			return err
		}
	}
	return nil
}

// assignServices creates the named services for team, or moves them to it.
func (w *recordWriter) assignServices(loc string, team int64, names []string) error {
	for _, name := range names {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		s := serviceRef{}
		err := w.scan(`SELECT id, coalesce(team_id, 0) FROM services WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1`, []any{name}, &s.id, &s.team)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s: look up service %q: %w", loc, name, err)
		}
		var key []any
		if s.id == 0 {
			key = []any{name}
		}
		var a rowAction
		if s.id, a, err = w.put(servicesTable, s.id, key, []any{team}); err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		s.team = team
		w.note("services", s.id, a)
		w.services[strings.ToLower(name)] = s
	}
	return nil
}

// theme resolves a value theme by name (ignoring case), creating it with no
// target share when the portfolio does not have it yet.
func (w *recordWriter) theme(loc, name string) (int64, error) {
	name = strings.TrimSpace(name)
	key := strings.ToLower(name)
	if id, ok := w.themes[key]; ok {
		return id, nil
	}
	id, err := w.lookupID(`SELECT id FROM themes WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1`, name)
	if err != nil {
		return 0, fmt.Errorf("%s: look up theme %q: %w", loc, name, err)
	}
	if id == 0 {
		var a rowAction
		if id, a, err = w.put(themesTable, 0, []any{name}, nil); err != nil {
			return 0, fmt.Errorf("%s: %w", loc, err)
		}
		w.note("themes", id, a)
	}
	w.themes[key] = id
	return id, nil
}

// epics upserts the portfolio epics list as work items of type epic by
// (source system, key). A new epic goes through the item importer, exactly
// like an epic in a team's export; a stored one gets the row's non-blank
// fields and keeps the rest (its team, parent, labels, resolution…).
func (w *recordWriter) epics(recs []backend.EpicRecord) error {
	for _, r := range recs {
		loc := where(r.File, r.Sheet, r.Row)
		source, err := w.epicSource(loc, r.SourceSystem, r.Key)
		if err != nil {
			return err
		}
		var theme int64
		if strings.TrimSpace(r.Theme) != "" {
			if theme, err = w.theme(loc, r.Theme); err != nil {
				return err
			}
		}
		id, err := w.lookupID(`SELECT id FROM work_items WHERE source_system = ? AND external_key = ?`, source, r.Key)
		if err != nil {
			return fmt.Errorf("%s: look up epic %s: %w", loc, r.Key, err)
		}
		var a rowAction
		if id == 0 {
			id, err = w.createEpic(source, r)
			a = rowCreated
		} else {
			a, err = w.updateEpic(id, theme, r)
		}
		if err != nil {
			return fmt.Errorf("%s (%s): %w", loc, r.Key, err)
		}
		w.note("epics", id, a)
	}
	return nil
}

// epicSource is the row's source system, or else the source of the one item
// already stored under the key, or else "sheet".
func (w *recordWriter) epicSource(loc, source, key string) (string, error) {
	if source = strings.TrimSpace(source); source != "" {
		return source, nil
	}
	var sources []string
	err := scanAll(w.ctx, w.tx, `SELECT DISTINCT source_system FROM work_items WHERE external_key = ? ORDER BY source_system LIMIT 2`, func(r *sql.Rows) error {
		var s string
		err := r.Scan(&s)
		sources = append(sources, s)
		return err
	}, key)
	switch {
	case err != nil:
		return "", fmt.Errorf("%s: look up epic %s: %w", loc, key, err)
	case len(sources) == 1:
		return sources[0], nil
	case len(sources) > 1:
		return "", invalid(loc, "epic %q is in more than one source system (%s); add a source system column.", key, strings.Join(sources, ", "))
	}
	return "sheet", nil
}

func epicCreated(r backend.EpicRecord) time.Time {
	if !r.CreatedAt.IsZero() || r.StartDate == "" {
		return r.CreatedAt
	}
	t, _ := time.Parse(dateLayout, r.StartDate) // validated
	return t
}

func (w *recordWriter) createEpic(source string, r backend.EpicRecord) (int64, error) {
	it := backend.ImportItem{SourceSystem: source, ExternalKey: r.Key, Type: backend.TypeEpic, RawType: "Epic", Title: strings.TrimSpace(r.Title),
		Program: r.Program, Status: strings.TrimSpace(r.Status), Theme: r.Theme, Points: r.Points, CreatedAt: epicCreated(r), File: r.File, Sheet: r.Sheet, Row: r.Row}
	if err := w.im.upsert(it); err != nil {
		return 0, err
	}
	id, err := w.lookupID(`SELECT id FROM work_items WHERE source_system = ? AND external_key = ?`, source, r.Key)
	if err != nil {
		return 0, fmt.Errorf("find created epic: %w", err)
	}
	// Recorded as created with the item: undo deletes the whole row.
	if _, err := w.exec(`UPDATE work_items SET owner = ?, start_date = ? WHERE id = ?`, strings.TrimSpace(r.Owner), text(r.StartDate), id); err != nil {
		return 0, fmt.Errorf("set epic owner: %w", err)
	}
	return id, nil
}

// updateEpic overlays the row's non-blank fields on the stored item. The
// item columns are compared and recorded exactly as the item importer does.
func (w *recordWriter) updateEpic(id, theme int64, r backend.EpicRecord) (rowAction, error) {
	vals := make([]any, len(itemColumns))
	dest := make([]any, len(itemColumns))
	for i := range vals {
		dest[i] = &vals[i]
	}
	if err := w.scan("SELECT "+strings.Join(itemColumns, ",")+" FROM work_items WHERE id=?", []any{id}, dest...); err != nil {
		return 0, fmt.Errorf("read epic: %w", err)
	}
	set := func(col string, v any) {
		for i, c := range itemColumns {
			if c == col {
				vals[i] = v
			}
		}
	}
	set("type", string(backend.TypeEpic))
	if t := strings.TrimSpace(r.Title); t != "" {
		set("title", t)
	}
	if theme != 0 {
		set("theme_id", theme)
	}
	if p := strings.TrimSpace(r.Program); p != "" {
		program, err := w.im.program(p)
		if err != nil {
			return 0, err
		}
		set("program_id", program)
	}
	if s := strings.TrimSpace(r.Status); s != "" {
		set("status", s)
	}
	if r.Points != nil {
		set("points", *r.Points)
	}
	if !r.CreatedAt.IsZero() {
		set("created_at", ts(r.CreatedAt))
	}
	set("batch_id", w.batch)
	set("source_file", r.File)
	set("source_sheet", r.Sheet)
	set("source_row", r.Row)
	a := rowUnchanged
	changed, err := w.im.differs(id, vals)
	if err != nil {
		return 0, err
	}
	if changed {
		if _, err := w.exec(`INSERT OR IGNORE INTO import_item_changes(batch_id, item_id, action, before_json)
			SELECT ?, id, 'updated', `+jsonObject()+` FROM work_items WHERE id=?`, w.batch, id); err != nil {
			return 0, fmt.Errorf("keep the epic's previous values: %w", err)
		}
		cols := make([]string, len(itemColumns))
		for i, c := range itemColumns {
			cols[i] = c + "=?"
		}
		if _, err := w.exec("UPDATE work_items SET "+strings.Join(cols, ",")+" WHERE id=?", append(vals, id)...); err != nil {
			return 0, fmt.Errorf("update epic: %w", err)
		}
		a = rowUpdated
	}
	var owner string
	var start sql.NullString
	if err := w.scan(`SELECT owner, start_date FROM work_items WHERE id=?`, []any{id}, &owner, &start); err != nil {
		return 0, fmt.Errorf("read epic owner: %w", err)
	}
	ownerVal, startVal := any(strings.TrimSpace(firstNonEmpty(r.Owner, owner))), any(nil)
	if r.StartDate != "" {
		startVal = r.StartDate
	} else if start.Valid {
		startVal = start.String
	}
	_, extra, err := w.put(epicExtras, id, nil, []any{ownerVal, startVal})
	if err != nil {
		return 0, err
	}
	return max(a, extra), nil
}

// pi resolves a PI by name (ignoring case). A missing PI is created,
// portfolio-wide, when the row gives its dates; otherwise it is an error.
func (w *recordWriter) pi(loc string, r backend.PIObjectiveRecord) (int64, error) {
	name := strings.TrimSpace(r.PI)
	var id int64
	var start, end string
	err := w.scan(`SELECT id, start_date, end_date FROM program_increments WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1`, []any{name}, &id, &start, &end)
	switch {
	case err == nil:
		if r.PIStart != "" && (r.PIStart != start || r.PIEnd != end) {
			w.warn(loc, "PI %q runs %s to %s in the portfolio, not %s to %s as the file says; the portfolio's dates were kept.", name, start, end, r.PIStart, r.PIEnd)
		}
		return id, nil
	case !errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("%s: look up PI %q: %w", loc, name, err)
	case r.PIStart == "":
		return 0, invalid(loc, "PI %q is not in the portfolio; add it to the PI calendar first, or give the PI's start and end dates in the file.", name)
	}
	res, err := w.exec(`INSERT INTO program_increments(name, start_date, end_date) VALUES (?,?,?)`, name, r.PIStart, r.PIEnd)
	if err != nil {
		return 0, fmt.Errorf("%s: create PI %q: %w", loc, name, err)
	}
	id, _ = res.LastInsertId()
	if err := w.im.createdRef("pi", id); err != nil {
		return 0, fmt.Errorf("%s: record created PI: %w", loc, err)
	}
	w.note("pis", id, rowCreated)
	return id, nil
}
