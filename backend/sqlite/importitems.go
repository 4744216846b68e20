package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/throughline/throughline/backend"
)

// ImportDefaults name the team and program for rows whose file does not say
// (PRODUCT §9: --team and --program); a team or program in the row wins.
type ImportDefaults struct {
	Team    string
	Program string
}

// itemColumns are the work-item columns an import sets and an undo restores.
var itemColumns = []string{"type", "raw_type", "title", "theme_id", "team_id", "program_id", "status", "pi_id", "parent_id",
	"points", "created_at", "resolved_at", "labels", "component", "priority", "found_in", "batch_id", "source_file",
	"source_sheet", "source_row", "updated_at"}

// comparedColumns decide whether a re-imported row changed anything;
// provenance columns are not compared.
var comparedColumns = itemColumns[:16]

// ApplyImport stores the items read from one file as one import batch, in one
// transaction: all of them or none (PRODUCT §7). Items are upserted by
// (source system, external key); history is appended and an entry already
// stored is not added twice, except that real history replaces history
// rebuilt from date columns (importhistory.go). A row older than the stored
// item (UpdatedAt) leaves the item as it is: the most recently updated row
// wins, whichever file it came from. When nothing changes, no batch is
// recorded and BatchID is 0.
func (db *DB) ApplyImport(ctx context.Context, batch backend.ImportBatch, items []backend.ImportItem, def ImportDefaults) (backend.ImportResult, error) {
	res, err := db.ApplyFile(ctx, batch, backend.ImportPayload{Items: items}, def)
	return res.Items, err
}

// newestPerKey keeps, for each (source, key), the row updated last (the later
// row in the file when neither says or both are equal). A file without
// repeated keys — the usual case — is returned as it is: copying a
// 200,000-item slice cost tens of MB and a noticeable share of the import.
func newestPerKey(items []backend.ImportItem, res *backend.ImportResult) []backend.ImportItem {
	type key struct{ source, ext string }
	pos := make(map[key]int, len(items))
	repeated := false
	for i, it := range items {
		k := key{it.SourceSystem, it.ExternalKey}
		if _, seen := pos[k]; seen {
			repeated = true
			break
		}
		pos[k] = i
	}
	if !repeated {
		return items
	}
	clear(pos)
	var out []backend.ImportItem
	for _, it := range items {
		k := key{it.SourceSystem, it.ExternalKey}
		i, seen := pos[k]
		switch {
		case !seen:
			pos[k] = len(out)
			out = append(out, it)
		case olderThan(it.UpdatedAt, out[i].UpdatedAt):
			res.StaleSkipped++
			out[i] = withHistoryOf(out[i], it)
		default:
			res.StaleSkipped++
			out[i] = withHistoryOf(it, out[i])
		}
	}
	return out
}

func olderThan(a, b *time.Time) bool { return a != nil && b != nil && a.Before(*b) }

type teamRef struct{ id, program int64 }

type importer struct {
	ctx      context.Context
	tx       *sql.Tx
	batch    int64
	def      ImportDefaults
	res      *backend.ImportResult
	teams    map[string]teamRef
	programs map[string]int64

	// stmts caches prepared statements for the transaction: a 200,000-row
	// file runs the same few statements a million times, and preparing
	// each time cost a quarter of the import.
	stmts map[string]*sql.Stmt
	// ids and parents remember, per item key upserted in this file, its ID
	// and its parent as stored, so parents are linked without a query each.
	ids     map[[2]string]int64
	parents map[int64]int64
	// known holds, per source system, the items stored before this import
	// (and those it created), loaded with one query instead of a lookup per row.
	known map[string]map[string]storedItem
	// pendingCreated are items created since the last flushCreated.
	pendingCreated []int64
	// sourceKeys maps normalised team source keys to teams, loaded once.
	sourceKeys map[string]teamRef

	// bulk is set while the main item loop runs: new items and status
	// changes are then buffered and written many rows per statement (see
	// importbulk.go); otherwise each upsert writes its rows before it returns.
	bulk           bool
	nextID         int64
	firstID        int64 // the first ID this import gave out (createdHere)
	pendingItems   []bulkItem
	itemArgs       []any
	pendingChanges []any
	// rebuiltQueued says pendingChanges may hold rebuilt status changes;
	// pendingRemovals are items whose rebuilt history real changes replace,
	// and replaced counts the rebuilt rows of earlier imports removed so
	// (importhistory.go).
	rebuiltQueued   bool
	pendingRemovals []int64
	replaced        int
	// items whose parent is nowhere (missingParent).
	missing        []backend.ImportLink
	parentsMissing int
	// names caches theme and PI lookups by query and name.
	names map[[2]string]any
}

// prep returns the cached prepared statement for query.
func (im *importer) prep(query string) (*sql.Stmt, error) {
	if s, ok := im.stmts[query]; ok {
		return s, nil
	}
	if im.stmts == nil {
		im.stmts = map[string]*sql.Stmt{}
	}
	s, err := im.tx.PrepareContext(im.ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	im.stmts[query] = s
	return s, nil
}

// exec runs a cached prepared statement.
func (im *importer) exec(query string, args ...any) (sql.Result, error) {
	s, err := im.prep(query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(im.ctx, args...)
}

// queryRow runs a cached prepared query returning one row.
func (im *importer) queryRow(query string, args ...any) *sql.Row {
	s, err := im.prep(query)
	if err != nil {
		// A broken statement is a bug; surface it through the row's Scan.
		return im.tx.QueryRowContext(im.ctx, query, args...)
	}
	return s.QueryRowContext(im.ctx, args...)
}

// closeStmts releases the cached statements.
func (im *importer) closeStmts() {
	for _, s := range im.stmts {
		s.Close()
	}
}

// remember records an upserted item's ID and stored parent.
func (im *importer) remember(source, key string, id, parent int64) {
	if im.ids == nil {
		im.ids, im.parents = map[[2]string]int64{}, map[int64]int64{}
	}
	im.ids[[2]string{source, key}] = id
	im.parents[id] = parent
}

// createdHere says whether this import created the item: every item it
// creates gets its ID from newItemID, from firstID upwards.
func (im *importer) createdHere(id int64) bool { return im.firstID != 0 && id >= im.firstID }

func (im *importer) upsert(it backend.ImportItem) error {
	if it.ExternalKey == "" || it.SourceSystem == "" {
		return backend.Errorf(backend.EInvalid, "the row has no key")
	}
	if !it.Type.Valid() {
		return backend.Errorf(backend.EInvalid, "type %q is not one of %v", it.Type, backend.ItemTypes)
	}
	prev, exists, err := im.stored(it.SourceSystem, it.ExternalKey)
	if err != nil {
		return err
	}
	id, storedUpdated := prev.id, prev.updated
	if exists && it.UpdatedAt != nil && storedUpdated != "" && ts(*it.UpdatedAt) < storedUpdated {
		im.res.StaleSkipped++ // an older export than what is stored: keep the item, still add unseen history
		if err := im.loadReal(&prev); err != nil {
			return err
		}
		return im.settle(im.itemHistory(prev, it, false))
	}
	vals, err := im.values(it, id, prev.parent)
	if err != nil {
		return err
	}
	if !exists {
		if id, err = im.newItemID(); err != nil {
			return err
		}
		args := append([]any{id, it.SourceSystem, it.ExternalKey}, vals...)
		if err := im.queueItem(bulkItem{args: args, label: fmt.Sprintf("%s, row %d (%s)", it.File, it.Row, it.ExternalKey)}); err != nil {
			return err
		}
		var p int64
		if v, ok := vals[8].(int64); ok { // parent_id, when linked at insert
			p = v
		}
		im.remember(it.SourceSystem, it.ExternalKey, id, p)
		im.res.ItemsCreated++
		im.pendingCreated = append(im.pendingCreated, id) // recorded for undo in chunks, see flushCreated
		return im.settle(im.itemHistory(storedItem{id: id, parent: p, updated: vals[len(vals)-1].(string), history: histRealKnown}, it, true))
	}
	if im.createdHere(id) {
		// The file repeats a key it created (overlapping exports read as
		// they stream in): the later row replaces the earlier, as the
		// newest row of a key does in ApplyFile. Undo deletes the item.
		if err := im.flushItems(); err != nil {
			return err
		}
		if err := im.updateItem(id, vals); err != nil {
			return err
		}
		im.res.StaleSkipped++
		prev.updated = vals[len(vals)-1].(string)
		return im.settle(im.itemHistory(prev, it, false))
	}
	changed, real, err := im.compare(id, vals)
	if err != nil {
		return err
	}
	if prev.history |= histRealKnown; real {
		prev.history |= histReal
	}
	if changed {
		if _, err := im.exec(`INSERT INTO import_item_changes(batch_id, item_id, action, before_json)
			SELECT ?, id, 'updated', `+jsonObject()+` FROM work_items WHERE id=?`, im.batch, id); err != nil {
			return fmt.Errorf("keep the item's previous values: %w", err)
		}
		if err := im.updateItem(id, vals); err != nil {
			return err
		}
		im.res.ItemsUpdated++
	} else {
		im.res.ItemsUnchanged++
	}
	return im.settle(im.itemHistory(prev, it, false))
}

// itemHistory adds the row's history to item s (addHistory) and remembers
// the item as it now is for later rows and changelog rows of this import.
func (im *importer) itemHistory(s storedItem, it backend.ImportItem, isNew bool) error {
	kinds, err := im.addHistory(s.id, s.history, it, isNew)
	s.history = kinds
	im.known[it.SourceSystem][it.ExternalKey] = s
	return err
}

// updateItem overwrites an item's columns with vals (itemColumns order).
func (im *importer) updateItem(id int64, vals []any) error {
	set := make([]string, len(itemColumns))
	for i, c := range itemColumns {
		set[i] = c + "=?"
	}
	if _, err := im.exec("UPDATE work_items SET "+strings.Join(set, ",")+" WHERE id=?", append(vals, id)...); err != nil {
		return fmt.Errorf("update item: %w", err)
	}
	return nil
}

// settle writes the buffered rows unless the bulk phase is on: outside it,
// callers read an upserted item back at once.
func (im *importer) settle(err error) error {
	if err != nil || im.bulk {
		return err
	}
	return im.flush()
}

// values are the item's column values in itemColumns order. The parent is
// linked in a second pass, once every item of the file exists.
func (im *importer) values(it backend.ImportItem, id, storedParent int64) ([]any, error) {
	team, program, err := im.teamAndProgram(it)
	if err != nil {
		return nil, err
	}
	theme, err := im.lookup(`SELECT id FROM themes WHERE name = ? COLLATE NOCASE`, it.Theme)
	if err != nil {
		return nil, err
	}
	pi, err := im.lookup(`SELECT id FROM program_increments WHERE name = ? COLLATE NOCASE`, it.PI)
	if err != nil {
		return nil, err
	}
	var parent any
	if id == 0 && it.ParentKey != "" {
		// A parent already upserted from this file is linked at insert time,
		// saving an UPDATE per child; later parents are linked afterwards.
		if pid := im.ids[[2]string{it.SourceSystem, it.ParentKey}]; pid != 0 {
			parent = pid
		}
	}
	if id != 0 {
		if storedParent != 0 {
			parent = storedParent
		}
		im.remember(it.SourceSystem, it.ExternalKey, id, storedParent)
	}
	var pts any
	if it.Points != nil {
		pts = *it.Points
	}
	updated := it.CreatedAt
	if it.UpdatedAt != nil {
		updated = *it.UpdatedAt
	}
	return []any{string(it.Type), it.RawType, it.Title, theme, id0(team), id0(program), it.Status, pi, parent, pts,
		ts(it.CreatedAt), tsPtr(it.ResolvedAt), it.Labels, it.Component, it.Priority, it.FoundIn, im.batch, it.File, it.Sheet, it.Row, ts(updated)}, nil
}

func id0(v int64) any { return id(v) }

func (im *importer) lookup(query, name string) (any, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, nil
	}
	k := [2]string{query, strings.ToLower(name)}
	if v, ok := im.names[k]; ok {
		return v, nil
	}
	var v int64
	err := im.queryRow(query, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil // unknown themes and PIs are reported by validation, not created here
	}
	if err != nil {
		return nil, fmt.Errorf("look up %q: %w", name, err)
	}
	if im.names == nil {
		im.names = map[[2]string]any{}
	}
	im.names[k] = v
	return v, nil
}

// teamAndProgram resolves the row's team and program by name, creating them
// (recorded against the batch, so undo can remove them) when missing.
func (im *importer) teamAndProgram(it backend.ImportItem) (team, program int64, err error) {
	tname := strings.TrimSpace(firstNonEmpty(it.Team, im.def.Team))
	pname := strings.TrimSpace(firstNonEmpty(it.Program, im.def.Program))
	// A team registered under the row's source key (area path, project
	// key) is the team, and the register's program is its program: a
	// program named in the path is not created next to it.
	if k := strings.TrimSpace(it.TeamKey); k != "" {
		if t, ok, err := im.teamBySourceKey(k); err != nil {
			return 0, 0, err
		} else if ok {
			return t.id, t.program, nil
		}
	}
	if pname != "" {
		if program, err = im.program(pname); err != nil {
			return 0, 0, err
		}
	}
	if tname == "" {
		return 0, program, nil
	}
	key := strings.ToLower(tname)
	if t, ok := im.teams[key]; ok {
		return t.id, t.program, nil
	}
	var t teamRef
	err = im.queryRow(`SELECT id, program_id FROM teams WHERE name = ? COLLATE NOCASE`, tname).Scan(&t.id, &t.program)
	if errors.Is(err, sql.ErrNoRows) {
		if program == 0 {
			if program, err = im.program("Unassigned"); err != nil {
				return 0, 0, err
			}
		}
		r, err := im.exec(`INSERT INTO teams(program_id, name, tool) VALUES (?,?,?)`, program, tname, it.SourceSystem)
		if err != nil {
			return 0, 0, fmt.Errorf("create team %q: %w", tname, err)
		}
		t.id, _ = r.LastInsertId()
		t.program = program
		im.res.TeamsCreated++
		if err := im.createdRef("team", t.id); err != nil {
			return 0, 0, err
		}
	} else if err != nil {
		return 0, 0, fmt.Errorf("look up team %q: %w", tname, err)
	}
	im.teams[key] = t
	if program == 0 {
		program = t.program
	}
	return t.id, program, nil
}

func (im *importer) program(name string) (int64, error) {
	key := strings.ToLower(name)
	if id, ok := im.programs[key]; ok {
		return id, nil
	}
	var id int64
	err := im.queryRow(`SELECT id FROM programs WHERE name = ? COLLATE NOCASE`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		r, err := im.exec(`INSERT INTO programs(name) VALUES (?)`, name)
		if err != nil {
			return 0, fmt.Errorf("create program %q: %w", name, err)
		}
		id, _ = r.LastInsertId()
		im.res.ProgramsCreated++
		if err := im.createdRef("program", id); err != nil {
			return 0, err
		}
	} else if err != nil {
		return 0, fmt.Errorf("look up program %q: %w", name, err)
	}
	im.programs[key] = id
	return id, nil
}

func (im *importer) createdRef(kind string, id int64) error {
	_, err := im.exec(`INSERT INTO import_created_refs(batch_id, kind, ref_id) VALUES (?,?,?)`, im.batch, kind, id)
	return err
}

// compare reports, in one query, whether the stored item differs from vals
// in the compared columns and whether it has real status changes.
func (im *importer) compare(id int64, vals []any) (changed, real bool, err error) {
	var same int
	q := "SELECT (SELECT count(*) FROM work_items WHERE id=? AND " + sameColumns() + "), " + hasReal("?")
	args := append(append([]any{id}, vals[:len(comparedColumns)]...), id)
	if err := im.queryRow(q, args...).Scan(&same, &real); err != nil {
		return false, false, fmt.Errorf("compare item: %w", err)
	}
	return same == 0, real, nil
}

// sameColumns is the SQL condition that a work item's compared columns
// equal the parameters, in comparedColumns order.
func sameColumns() string {
	conds := make([]string, len(comparedColumns))
	for i, c := range comparedColumns {
		conds[i] = c + " IS ?"
	}
	return strings.Join(conds, " AND ")
}

// differs reports whether the stored item differs from vals in the compared columns.
func (im *importer) differs(id int64, vals []any) (bool, error) {
	var same int
	err := im.queryRow("SELECT count(*) FROM work_items WHERE id=? AND "+sameColumns(), append([]any{id}, vals[:len(comparedColumns)]...)...).Scan(&same)
	if err != nil {
		return false, fmt.Errorf("compare item: %w", err)
	}
	return same == 0, nil
}

// linkParents sets parent_id from parent keys once every item of the file
// exists, from the IDs remembered while upserting (a parent that is not in
// the file is looked up once). An existing item whose parent changes is
// recorded as updated, with its previous row for undo, unless this batch
// already recorded it; items created by this batch need no record. Items
// that reached the store while the file was read come as links.
func (im *importer) linkParents(items []backend.ImportItem, links []backend.ImportLink) error {
	for _, it := range items {
		if err := im.linkParent(backend.ImportLink{SourceSystem: it.SourceSystem, ExternalKey: it.ExternalKey, ParentKey: it.ParentKey, File: it.File, Sheet: it.Sheet, Row: it.Row}); err != nil {
			return err
		}
	}
	for _, l := range links {
		if err := im.linkParent(l); err != nil {
			return err
		}
	}
	return nil
}

// maxMissingParents caps the items listed whose parent is nowhere; the
// rest are counted.
const maxMissingParents = 20

// missingParent notes an item whose parent key is neither in the file nor
// in the portfolio: the item is stored without its parent.
func (im *importer) missingParent(it backend.ImportLink) {
	im.parentsMissing++
	if len(im.missing) < maxMissingParents {
		im.missing = append(im.missing, it)
	}
}

// linkParent links one item to its parent (see linkParents).
func (im *importer) linkParent(it backend.ImportLink) error {
	if it.ParentKey == "" {
		return nil
	}
	id, ok := im.ids[[2]string{it.SourceSystem, it.ExternalKey}]
	if !ok {
		return nil // rejected, or an older row that was skipped
	}
	pk := [2]string{it.SourceSystem, it.ParentKey}
	parent, ok := im.ids[pk]
	if !ok {
		err := im.queryRow(`SELECT id FROM work_items WHERE source_system = ? AND external_key = ?`, it.SourceSystem, it.ParentKey).Scan(&parent)
		if errors.Is(err, sql.ErrNoRows) {
			im.ids[pk] = 0
			im.missingParent(it)
			return nil
		} else if err != nil {
			return fmt.Errorf("%s, row %d: find parent %s: %w", it.File, it.Row, it.ParentKey, err)
		}
		im.ids[pk] = parent
	}
	if parent == 0 {
		im.missingParent(it)
		return nil
	}
	if parent == id || im.parents[id] == parent {
		return nil
	}
	if !im.createdHere(id) {
		r, err := im.exec(`INSERT OR IGNORE INTO import_item_changes(batch_id, item_id, action, before_json)
			SELECT ?, id, 'updated', `+jsonObject()+` FROM work_items WHERE id=?`, im.batch, id)
		if err != nil {
			return fmt.Errorf("keep the item's previous values: %w", err)
		}
		if n, _ := r.RowsAffected(); n == 1 {
			im.res.ItemsUpdated++
			im.res.ItemsUnchanged--
		}
	}
	if _, err := im.exec(`UPDATE work_items SET parent_id = ? WHERE id = ?`, parent, id); err != nil {
		return fmt.Errorf("%s, row %d: link parent %s: %w", it.File, it.Row, it.ParentKey, err)
	}
	im.parents[id] = parent
	return nil
}

func jsonObject() string {
	parts := make([]string, len(itemColumns))
	for i, c := range itemColumns {
		parts[i] = "'" + c + "', " + c
	}
	return "json_object(" + strings.Join(parts, ", ") + ")"
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// teamBySourceKey finds the team registered with a source key (Azure DevOps
// area path, Jira project key, Rally project), ignoring case and the kind
// of path separator. Keys are compared in Go: SQLite's lower() folds ASCII
// only, and area paths are often not ASCII.
func (im *importer) teamBySourceKey(k string) (teamRef, bool, error) {
	if im.sourceKeys == nil {
		im.sourceKeys = map[string]teamRef{}
		rows, err := im.tx.QueryContext(im.ctx, `SELECT id, program_id, source_key FROM teams WHERE source_key <> ''`)
		if err != nil {
			return teamRef{}, false, fmt.Errorf("load team source keys: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var t teamRef
			var key string
			if err := rows.Scan(&t.id, &t.program, &key); err != nil {
				return teamRef{}, false, fmt.Errorf("load team source keys: %w", err)
			}
			im.sourceKeys[normKey(key)] = t
		}
		if err := rows.Err(); err != nil {
			return teamRef{}, false, fmt.Errorf("load team source keys: %w", err)
		}
	}
	t, ok := im.sourceKeys[normKey(k)]
	return t, ok, nil
}

func normKey(k string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(k), "/", "\\"))
}

// storedItem is what an import needs of an item already in the portfolio.
type storedItem struct {
	id      int64
	parent  int64
	updated string
	history uint8 // what the import knows of its status changes (importhistory.go)
}

// stored returns the stored item with this key. The first call for a
// source system loads all of its keys in one query.
func (im *importer) stored(source, key string) (storedItem, bool, error) {
	if im.known == nil {
		im.known = map[string]map[string]storedItem{}
	}
	m, ok := im.known[source]
	if !ok {
		m = map[string]storedItem{}
		rows, err := im.tx.QueryContext(im.ctx, `SELECT external_key, id, coalesce(parent_id, 0), updated_at FROM work_items WHERE source_system = ?`, source)
		if err != nil {
			return storedItem{}, false, fmt.Errorf("load stored keys: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			s := storedItem{history: storedHistory}
			if err := rows.Scan(&k, &s.id, &s.parent, &s.updated); err != nil {
				return storedItem{}, false, fmt.Errorf("load stored keys: %w", err)
			}
			m[k] = s
		}
		if err := rows.Err(); err != nil {
			return storedItem{}, false, fmt.Errorf("load stored keys: %w", err)
		}
		im.known[source] = m
	}
	s, ok := m[key]
	return s, ok, nil
}

// flushCreated records the items created since the last call as created by
// this batch (what undo deletes), many rows per statement.
func (im *importer) flushCreated() error {
	const chunk = 200
	for len(im.pendingCreated) > 0 {
		part := im.pendingCreated[:min(chunk, len(im.pendingCreated))]
		args := make([]any, 0, 2*len(part))
		for _, id := range part {
			args = append(args, im.batch, id)
		}
		q := `INSERT INTO import_item_changes(batch_id, item_id, action) VALUES ` + strings.TrimSuffix(strings.Repeat("(?,?,'created'),", len(part)), ",")
		if _, err := im.exec(q, args...); err != nil {
			return fmt.Errorf("record created items: %w", err)
		}
		im.pendingCreated = im.pendingCreated[len(part):]
	}
	return nil
}
