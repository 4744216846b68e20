package imports

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/throughline/throughline/backend"
)

// statusCreated is the synthetic status of an item's first history entry
// when the file does not say which status it was created in. It is listed
// in Mapped.Statuses (with the category "To Do", so it defaults to the
// backlog stage) and mapped like any other status.
const statusCreated = "Created"

// itemRow is the item being built from one row, with its history in time
// order once finished.
type itemRow struct {
	it backend.ImportItem
	// hist and src (the slot each entry came from, for messages) are
	// scratch buffers reused across rows.
	hist []backend.ImportChange
	src  []int
	// category is Jira's status category of the current status, if any.
	category string
	// currentAt is when the item most likely entered its current status
	// (Jira's Status Category Changed, Azure DevOps' State Change Date,
	// Rally's Last Update Date), zero when the format has no such column.
	currentAt time.Time
	// statusSlot is the status column, for messages; clamp says whether
	// entries before the creation time are moved to it (not for stage-date
	// layouts, where the earliest stage date is the creation time).
	statusSlot int
	clamp      bool
	// parentID is a parent named by Jira issue id, resolved at the end.
	parentID   string
	parentSlot int
}

// add appends a history entry to status at t (skipped when t is zero).
func (r *itemRow) add(status string, t time.Time, slot int) {
	if t.IsZero() || status == "" {
		return
	}
	r.hist = append(r.hist, backend.ImportChange{To: status, At: t})
	r.src = append(r.src, slot)
}

// itemsState is what the item formats share across rows.
type itemsState struct {
	row      itemRow
	strs     []string // backing store for Sprints
	changes  []backend.ImportChange
	issueIDs map[string]string // Jira issue id → key, to resolve numeric parents
	parents  []pendingParent
	types    map[string]typeHit // raw type → mapped, per table
	terminal map[string]bool    // status → done or removed
	unknown  map[string]int     // TypeKey of a type no table knows → index in out.UnknownTypes
}

type statusKey struct{ team, status string }

type typeHit struct {
	typ     backend.ItemType
	ok      bool
	unknown bool // no built-in table knows it (listed in Mapped.UnknownTypes)
}

// pendingParent is a parent named by a Jira issue id, resolved once every
// row is read.
type pendingParent struct {
	item, row, slot int
	id              string
}

// runItems reads the table and maps every row with fn, which fills r.it
// (and may reject the row through v); finishItem completes each kept item.
func (m *mapper) runItems(fn func(v *rowView, r *itemRow)) error {
	st := &itemsState{issueIDs: map[string]string{}, types: map[string]typeHit{}, terminal: map[string]bool{}}
	m.items = st
	return m.run(func() { m.out.Items = make([]backend.ImportItem, 0, len(m.rows)) }, func(v *rowView) {
		r := &st.row
		*r = itemRow{hist: r.hist[:0], src: r.src[:0], statusSlot: -1, clamp: true}
		r.it = backend.ImportItem{SourceSystem: m.source, File: m.t.File, Sheet: m.t.Sheet, Row: v.num}
		fn(v, r)
		if !v.bad {
			m.finishItem(v, r)
		}
	}, m.resolveParents)
}

// itemKey reads the key column: every item needs one.
func (m *mapper) itemKey(v *rowView, s int) string {
	k := v.text(s)
	if k == "" {
		v.fail(s, "", fmt.Sprintf("is empty, but every item needs its key (%s). Fill it in, or delete the row.", m.header(s)))
	}
	return k
}

// itemType maps the raw type in slot s with table tt (see typeTable).
func (m *mapper) itemType(v *rowView, s int, tt *typeTable) (backend.ItemType, string) {
	raw := v.text(s)
	if raw == "" {
		v.fail(s, "", fmt.Sprintf("is empty, but every item needs a type. Use one of: %s.", tt.known))
		return "", ""
	}
	hit, seen := m.items.types[raw]
	if !seen {
		hit.typ, hit.ok = tt.lookup(raw, m.opts.Types)
		_, builtin := tt.m[typeKey(raw)]
		hit.unknown = !builtin
		m.items.types[raw] = hit
	}
	if hit.unknown {
		m.seeType(raw, hit.typ, v.num)
	}
	if !hit.ok {
		v.fail(s, raw, fmt.Sprintf("is not an item type Throughline knows%s, so the row is rejected rather than guessed. Known types: %s. Change the type in the file, or say which item type it is (Item types on the Import screen, --type on the command line).", tt.tool, tt.known))
		return "", raw
	}
	return hit.typ, raw
}

// itemTitle reads the title: an empty one is a warning.
func (m *mapper) itemTitle(v *rowView, slots []int) string {
	t, _ := v.first(slots)
	if t == "" && len(slots) > 0 {
		v.warn(slots[0], "", "is empty; the item is imported without a title. Add one so people can recognise it.")
	}
	return t
}

// finishItem completes an item's history and adds it to the output.
//
// History rules shared by every item format (product behaviour):
//   - the history has no entry before the item was created: an earlier
//     date (a Jira "Start date" set before the issue existed, a template
//     row started before it was created) is moved to the creation time,
//     with a warning naming the column (not for stage-date layouts);
//   - entries are kept in time order (a stable sort: entries at the same
//     time stay in the order the format added them), never dropped;
//   - an empty status is taken from the last entry, with a warning; with
//     no entry either, the row is rejected;
//   - the history ends in the current status: when the last entry is
//     another status, an entry to the current status is added at the time
//     the item entered it if the file says (currentAt), else at the last
//     entry's time. A history is never empty: at least the current status
//     since creation;
//   - From is the previous entry's To ("" for the first).
func (m *mapper) finishItem(v *rowView, r *itemRow) {
	it := &r.it
	if it.CreatedAt.IsZero() {
		if !v.bad {
			v.fail(-1, "", "has no created date, so the item cannot be placed in time; it is rejected.")
		}
		return
	}
	if r.clamp {
		for i := range r.hist {
			if r.hist[i].At.Before(it.CreatedAt) {
				v.warn(r.src[i], "", fmt.Sprintf("is before the item was created (%s); the move to %q is taken as happening at creation.",
					it.CreatedAt.Format("2006-01-02 15:04"), r.hist[i].To))
				r.hist[i].At = it.CreatedAt
			}
		}
	}
	slices.SortStableFunc(r.hist, func(a, b backend.ImportChange) int { return a.At.Compare(b.At) })
	if it.Status == "" {
		if len(r.hist) == 0 {
			v.fail(r.statusSlot, "", "is empty, but every item needs a status. Fill it in, or delete the row.")
			return
		}
		it.Status = r.hist[len(r.hist)-1].To
		if r.statusSlot >= 0 {
			v.warn(r.statusSlot, "", fmt.Sprintf("is empty; the status is taken from the dates: %q.", it.Status))
		}
	}
	switch n := len(r.hist); {
	case n == 0:
		r.hist = append(r.hist, backend.ImportChange{To: it.Status, At: it.CreatedAt})
	case !strings.EqualFold(r.hist[n-1].To, it.Status):
		at := r.hist[n-1].At
		if r.currentAt.After(at) {
			at = r.currentAt
		}
		r.hist = append(r.hist, backend.ImportChange{To: it.Status, At: at})
	}
	for i := 1; i < len(r.hist); i++ {
		r.hist[i].From = r.hist[i-1].To
	}
	st := m.items
	it.History = st.keepChanges(r.hist)
	it.Reconstructed = true
	if it.Team == "" {
		it.Team = m.opts.Team
	}
	if it.Program == "" {
		it.Program = m.opts.Program
	}
	if it.Type != backend.TypeBug {
		it.FoundIn = ""
	}
	if r.parentID != "" {
		st.parents = append(st.parents, pendingParent{item: m.itemIndex(), row: v.num, slot: r.parentSlot, id: r.parentID})
	}
	m.out.Items = append(m.out.Items, *it)
	m.seeStatus(it.Team, it.Status, r.category, v.num)
	for i, h := range it.History {
		if !strings.EqualFold(h.To, it.Status) && !slices.ContainsFunc(it.History[:i], func(c backend.ImportChange) bool { return strings.EqualFold(c.To, h.To) }) {
			if h.To == statusCreated {
				m.seeCreated(it.Team, v.num)
			} else {
				m.seeStatus(it.Team, h.To, "", v.num)
			}
		}
	}
}

// keepChanges copies a finished history into a shared backing array, its
// capacity capped so that appending to one item's history never writes
// into another's.
func (st *itemsState) keepChanges(h []backend.ImportChange) []backend.ImportChange {
	if len(st.changes)+len(h) > cap(st.changes) {
		st.changes = make([]backend.ImportChange, 0, max(4096, len(h)))
	}
	i := len(st.changes)
	st.changes = append(st.changes, h...)
	return st.changes[i:len(st.changes):len(st.changes)]
}

// keepStrings does the same for string lists (sprints).
func (st *itemsState) keepStrings(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	if len(st.strs)+len(xs) > cap(st.strs) {
		st.strs = make([]string, 0, max(4096, len(xs)))
	}
	i := len(st.strs)
	st.strs = append(st.strs, xs...)
	return st.strs[i:len(st.strs):len(st.strs)]
}

// seeStatus counts a status an item or a change uses.
func (m *mapper) seeStatus(team, status, category string, row int) {
	if m.statuses == nil {
		m.statuses = map[statusKey]int{}
	}
	k := statusKey{team, status}
	if i, ok := m.statuses[k]; ok {
		s := &m.out.Statuses[i]
		s.Count++
		if s.Category == "" {
			s.Category = category
		}
		return
	}
	m.statuses[k] = len(m.out.Statuses)
	m.out.Statuses = append(m.out.Statuses, StatusSeen{SourceSystem: m.source, Team: team, Status: status, Category: category, Count: 1, FirstRow: row})
}

// seeCreated counts the synthetic statusCreated a rebuilt history starts
// with, marked Synthetic so the Import screen can say what it is.
func (m *mapper) seeCreated(team string, row int) {
	m.seeStatus(team, statusCreated, "To Do", row)
	m.out.Statuses[m.statuses[statusKey{team, statusCreated}]].Synthetic = true
}

// mergeStatuses folds statuses that differ only in case (status mappings
// ignore case), keeping the first spelling, and orders them by first row.
func (m *mapper) mergeStatuses() {
	type fold struct{ team, status string }
	idx := map[fold]int{}
	var out []StatusSeen
	for _, s := range m.out.Statuses {
		k := fold{strings.ToLower(s.Team), strings.ToLower(s.Status)}
		if i, ok := idx[k]; ok {
			o := &out[i]
			o.Count += s.Count
			o.FirstRow = min(o.FirstRow, s.FirstRow)
			o.Synthetic = o.Synthetic || s.Synthetic
			if o.Category == "" {
				o.Category = s.Category
			}
			continue
		}
		idx[k] = len(out)
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b StatusSeen) int { return a.FirstRow - b.FirstRow })
	m.out.Statuses = out
}

// resolveParents turns parents named by Jira issue id into keys, from the
// Issue id column of the same file; an id not in the file is a warning.
func (m *mapper) resolveParents() {
	st := m.items
	for _, p := range st.parents {
		if key, ok := st.issueIDs[p.id]; ok {
			m.setParent(p.item, key)
			continue
		}
		m.probs = append(m.probs, m.problem(p.row, p.slot, p.id,
			"is a Jira issue id that is not in this file, so the parent cannot be named by its key; the item is imported without its parent. Export the parent too, or add the Parent key column to the export.", SeverityWarning))
	}
}

// joinList merges list values in order (Jira's repeated Labels columns,
// comma- or semicolon-separated tags), dropping blanks and repeats, and
// joins them with commas. A single clean value is returned as it is.
func joinList(vals ...string) string {
	if len(vals) == 1 && !strings.ContainsAny(vals[0], ",;") {
		return vals[0]
	}
	var out []string
	for _, v := range vals {
		for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' }) {
			if p = strings.TrimSpace(p); p != "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return strings.Join(out, ",")
}

// texts returns the non-blank values of slots, in order, without repeats,
// into buf.
func (v *rowView) texts(buf []string, slots []int) []string {
	for _, s := range slots {
		if t := v.text(s); t != "" && !slices.Contains(buf, t) {
			buf = append(buf, t)
		}
	}
	return buf
}

// terminal reports whether a status ends an item's flow (done or
// removed) by the tool's documented defaults (backend.DefaultStage),
// remembering the answer per status.
func (m *mapper) terminal(status string) bool {
	st := m.items
	if t, ok := st.terminal[status]; ok {
		return t
	}
	s, ok := backend.DefaultStage(m.tool(), status, "")
	t := ok && (s == backend.StageDone || s == backend.StageRemoved)
	st.terminal[status] = t
	return t
}
