package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/throughline/throughline/backend"
)

// ApplyRecords stores the non-item rows read from one file (team register,
// epics list, deployments, incidents, PI objectives, OKR updates, benefits,
// CSAT/NPS, dependencies, sprints) as one import batch, in one transaction: all of
// them or none (PRODUCT §7). Every record is checked against the schema's
// vocabularies and ranges before anything is written; a problem is a
// *backend.Error naming file, sheet, row, field and value. References by
// name are resolved; teams, programs, services, themes, PIs (when the row
// gives their dates) and business cases (when the row gives a planned
// amount) are created when missing. Rows are upserted by their natural keys;
// each created or updated row is recorded so that UndoImport can reverse the
// batch exactly. When nothing changes, no batch is recorded and BatchID is 0.
func (db *DB) ApplyRecords(ctx context.Context, batch backend.ImportBatch, recs backend.ImportRecords) (backend.RecordsResult, error) {
	res, err := db.ApplyFile(ctx, batch, backend.ImportPayload{Records: recs}, ImportDefaults{})
	return res.Records, err
}

// rowAction is what an import did to one row; a row touched twice in one
// import counts once, by its strongest action.
type rowAction int

const (
	rowUnchanged rowAction = iota
	rowUpdated
	rowCreated
)

// rowTable describes a table that record imports write.
type rowTable struct {
	name    string
	keyCols []string // set when a row is created, never changed by an import
	columns []string // set by every import and restored by undo
	// compared is how many of columns (from the first) decide whether a
	// re-imported row changed anything; the rest is provenance.
	compared int
	// ref is the import_created_refs kind for rows this table's imports
	// create ("team"); "" records them in import_row_changes.
	ref string
}

// provenance are the columns that say which import, file, sheet and row a
// stored row came from (PRODUCT §3); they are not compared.
var provenance = []string{"batch_id", "source_file", "source_sheet", "source_row"}

func withProvenance(cols ...string) []string { return append(cols, provenance...) }

// recordWriter writes one file's records inside one transaction.
type recordWriter struct {
	ctx      context.Context
	tx       *sql.Tx
	batch    int64
	im       *importer // shares the item importer's team and program resolution
	stmts    map[string]*sql.Stmt
	actions  map[string]map[int64]rowAction
	services map[string]serviceRef
	themes   map[string]int64
	warnings []string
	// sprintLinks counts the item_sprints rows this import added.
	sprintLinks int
}

type serviceRef struct{ id, team int64 }

func newRecordWriter(ctx context.Context, tx *sql.Tx, batch int64) *recordWriter {
	return &recordWriter{
		ctx: ctx, tx: tx, batch: batch,
		im:    &importer{ctx: ctx, tx: tx, batch: batch, res: &backend.ImportResult{}, teams: map[string]teamRef{}, programs: map[string]int64{}},
		stmts: map[string]*sql.Stmt{}, actions: map[string]map[int64]rowAction{},
		services: map[string]serviceRef{}, themes: map[string]int64{},
	}
}

func (w *recordWriter) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

// stmt prepares query once per import: files have thousands of rows.
func (w *recordWriter) stmt(query string) (*sql.Stmt, error) {
	if s, ok := w.stmts[query]; ok {
		return s, nil
	}
	s, err := w.tx.PrepareContext(w.ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	w.stmts[query] = s
	return s, nil
}

func (w *recordWriter) exec(query string, args ...any) (sql.Result, error) {
	s, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(w.ctx, args...)
}

// scan runs a one-row query; a missing row is sql.ErrNoRows.
func (w *recordWriter) scan(query string, args []any, dest ...any) error {
	s, err := w.stmt(query)
	if err != nil {
		return err
	}
	return s.QueryRowContext(w.ctx, args...).Scan(dest...)
}

// lookupID returns the id the query finds, or 0 when it finds none.
func (w *recordWriter) lookupID(query string, args ...any) (int64, error) {
	var id int64
	err := w.scan(query, args, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// note counts what happened to one row of a kind.
func (w *recordWriter) note(kind string, id int64, a rowAction) {
	m := w.actions[kind]
	if m == nil {
		m = map[int64]rowAction{}
		w.actions[kind] = m
	}
	if prev, ok := m[id]; !ok || a > prev {
		m[id] = a
	}
}

func (w *recordWriter) warn(loc, format string, args ...any) {
	w.warnings = append(w.warnings, loc+": "+fmt.Sprintf(format, args...))
}

func (w *recordWriter) result() backend.RecordsResult {
	res := backend.RecordsResult{Counts: map[string]backend.KindCounts{}, Warnings: w.warnings}
	for kind, rows := range w.actions {
		var c backend.KindCounts
		for _, a := range rows {
			switch a {
			case rowCreated:
				c.Created++
			case rowUpdated:
				c.Updated++
			default:
				c.Unchanged++
			}
		}
		res.Counts[kind] = c
	}
	// Teams and programs the shared item importer created along the way.
	for kind, n := range map[string]int{"teams": w.im.res.TeamsCreated, "programs": w.im.res.ProgramsCreated} {
		if n > 0 {
			c := res.Counts[kind]
			c.Created += n
			res.Counts[kind] = c
		}
	}
	if w.sprintLinks > 0 {
		res.Counts["sprint_items"] = backend.KindCounts{Created: w.sprintLinks}
	}
	if res.Warnings == nil {
		res.Warnings = []string{}
	}
	return res
}

// put creates the row (id 0) or updates row id of table t when its compared
// columns differ from vals, keeping the row's previous values for undo the
// first time this import touches it.
func (w *recordWriter) put(t rowTable, id int64, key, vals []any) (int64, rowAction, error) {
	if id == 0 {
		cols := append(append([]string{}, t.keyCols...), t.columns...)
		r, err := w.exec("INSERT INTO "+t.name+"("+strings.Join(cols, ",")+") VALUES ("+placeholders(len(cols))+")", append(append([]any{}, key...), vals...)...)
		if err != nil {
			return 0, 0, fmt.Errorf("insert into %s: %w", t.name, err)
		}
		id, _ = r.LastInsertId()
		if t.ref != "" {
			err = w.im.createdRef(t.ref, id)
		} else {
			_, err = w.exec(`INSERT INTO import_row_changes(batch_id, table_name, row_id, action) VALUES (?,?,?,'created')`, w.batch, t.name, id)
		}
		if err != nil {
			return 0, 0, fmt.Errorf("record created %s row: %w", t.name, err)
		}
		return id, rowCreated, nil
	}
	conds := make([]string, t.compared)
	for i, c := range t.columns[:t.compared] {
		conds[i] = c + " IS ?"
	}
	var same int
	if err := w.scan("SELECT count(*) FROM "+t.name+" WHERE id=? AND "+strings.Join(conds, " AND "), append([]any{id}, vals[:t.compared]...), &same); err != nil {
		return 0, 0, fmt.Errorf("compare %s row: %w", t.name, err)
	}
	if same == 1 {
		return id, rowUnchanged, nil
	}
	if _, err := w.exec(`INSERT OR IGNORE INTO import_row_changes(batch_id, table_name, row_id, action, before_json)
		SELECT ?, ?, id, 'updated', `+t.jsonObject()+` FROM `+t.name+` WHERE id=?`, w.batch, t.name, id); err != nil {
		return 0, 0, fmt.Errorf("keep the %s row's previous values: %w", t.name, err)
	}
	set := make([]string, len(t.columns))
	for i, c := range t.columns {
		set[i] = c + "=?"
	}
	if _, err := w.exec("UPDATE "+t.name+" SET "+strings.Join(set, ",")+" WHERE id=?", append(append([]any{}, vals...), id)...); err != nil {
		return 0, 0, fmt.Errorf("update %s row: %w", t.name, err)
	}
	return id, rowUpdated, nil
}

// jsonObject is the SQL expression of the row's imported columns as JSON.
func (t rowTable) jsonObject() string {
	parts := make([]string, len(t.columns))
	for i, c := range t.columns {
		parts[i] = "'" + c + "', " + c
	}
	return "json_object(" + strings.Join(parts, ", ") + ")"
}

// team resolves a team by name, creating it as the item importer does.
func (w *recordWriter) team(name string) (int64, error) {
	if strings.TrimSpace(name) == "" {
		return 0, nil
	}
	t, _, err := w.im.teamAndProgram(backend.ImportItem{Team: name})
	return t, err
}

// service resolves a service by name (ignoring case). A missing one is
// created for team (0: none) and recorded, so undo removes it.
func (w *recordWriter) service(loc, name string, team int64) (serviceRef, error) {
	name = strings.TrimSpace(name)
	key := strings.ToLower(name)
	if s, ok := w.services[key]; ok {
		return s, nil
	}
	s := serviceRef{}
	err := w.scan(`SELECT id, coalesce(team_id, 0) FROM services WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1`, []any{name}, &s.id, &s.team)
	if errors.Is(err, sql.ErrNoRows) {
		var a rowAction
		if s.id, a, err = w.put(servicesTable, 0, []any{name}, []any{id(team)}); err != nil {
			return s, err
		}
		s.team = team
		w.note("services", s.id, a)
		if team == 0 {
			w.warn(loc, "service %q is not in the team register and no team is given; it was added without a team.", name)
		}
	} else if err != nil {
		return s, fmt.Errorf("look up service %q: %w", name, err)
	}
	w.services[key] = s
	return s, nil
}

// item finds a work item by external key, in source when given, otherwise
// in any source system. ok is false when there is none; a key stored in
// several source systems needs the source to be named.
func (w *recordWriter) item(loc, field, source, key string) (itemID, teamID int64, ok bool, err error) {
	query := `SELECT id, coalesce(team_id, 0), source_system FROM work_items WHERE external_key = ?1 AND (?2 = '' OR source_system = ?2) ORDER BY id LIMIT 2`
	var sources []string
	err = scanAll(w.ctx, w.tx, query, func(r *sql.Rows) error {
		var src string
		if err := r.Scan(&itemID, &teamID, &src); err != nil {
			return err
		}
		sources = append(sources, src)
		return nil
	}, strings.TrimSpace(key), strings.TrimSpace(source))
	if err != nil {
		return 0, 0, false, fmt.Errorf("look up item %q: %w", key, err)
	}
	switch len(sources) {
	case 0:
		return 0, 0, false, nil
	case 1:
		return itemID, teamID, true, nil
	}
	return 0, 0, false, backend.Errorf(backend.EInvalid, "%s: %s %q is in more than one source system (%s); add a source system column.", loc, field, key, strings.Join(sources, ", "))
}

// where names a row for a person: file, sheet (when the file has sheets) and
// row as the spreadsheet shows it.
func where(file, sheet string, row int) string {
	s := file
	if s == "" {
		s = "The file"
	}
	if sheet != "" && sheet != file {
		s += fmt.Sprintf(", sheet %q", sheet)
	}
	if row > 0 {
		s += fmt.Sprintf(", row %d", row)
	}
	return s
}

// invalid is a problem with one row that stops the import.
func invalid(loc, format string, args ...any) error {
	return backend.Errorf(backend.EInvalid, "%s: %s", loc, fmt.Sprintf(format, args...))
}
