package imports

import (
	"strings"

	"github.com/throughline/throughline/backend"
)

// mapADO maps an Azure DevOps query export, flat or tree ("Title 1",
// "Title 2"… one column per level).
//
// Fields: Team is the last segment of Area Path ("Billing\Team Jürgen" →
// "Team Jürgen"); Program is Area Path's second segment when the path has
// three or more ("Org\Payments\Team A" → "Payments"), else
// MapOptions.Program. Sprints is the last segment of Iteration Path when
// it has two or more (the root iteration is the backlog, not a sprint).
// Parent is the Parent column when it has a value; in a tree query it is
// otherwise the nearest row above with a lower title level. Labels are
// Tags ("pdf; invoices" → "pdf,invoices"). Points is Story Points, Effort
// or Size. UpdatedAt is Changed Date; ResolvedAt is Closed Date, else
// Resolved Date.
//
// History, in time order: Created Date → "New", Activated Date → "Active",
// Resolved Date → "Resolved", Closed Date → the current State when it is a
// done or removed state (Done in the Scrum and Basic processes, Closed,
// Removed), else "Closed". Then the shared rules of finishItem; the
// history ends in the current State, entered at State Change Date when
// the export has it, else at Changed Date — so a Removed item without a
// Closed Date is removed at its State Change Date.
func (m *mapper) mapADO() error {
	key, typ, state := m.col(RoleKey), m.col(RoleType), m.col(RoleState)
	titles := m.cols(RoleTitle)
	area, iteration, parent, tags, priority := m.col(RoleAreaPath), m.col(RoleIterationPath), m.col(RoleParent), m.col(RoleTags), m.col(RolePriority)
	points := m.numberCol(RolePoints)
	created, activated, resolved, closed := m.dateCol(RoleCreated), m.dateCol(RoleActivated), m.dateCol(RoleResolved), m.dateCol(RoleClosed)
	changed, stateChanged := m.dateCol(RoleChanged), m.dateCol(RoleStateChanged)
	if created < 0 {
		return m.missingColumn("Created Date", "Add the Created Date column to the query (Column options) and export it again.")
	}
	pi := m.extra("PI", "Program Increment", "Release")
	theme := m.extra("Theme", "Value Theme", "Strategic Theme")
	foundIn := m.extra("Found In", "Environment", "Found In Environment")
	var tree []string // keys by title level, for tree queries
	var sprint [1]string
	return m.runItems(func(v *rowView, r *itemRow) {
		it := &r.it
		it.ExternalKey = m.itemKey(v, key)
		it.Status, r.statusSlot = v.text(state), state
		it.Type, it.RawType = m.adoType(v, typ, it.Status)
		it.Title = m.itemTitle(v, titles)
		if len(titles) > 1 {
			_, s := v.first(titles)
			level := 1
			for i, t := range titles {
				if t == s {
					level = i + 1
				}
			}
			tree = append(tree[:min(len(tree), level-1)], it.ExternalKey)
			if level > 1 && len(tree) == level {
				it.ParentKey = tree[level-2]
			}
		}
		if p := v.text(parent); p != "" {
			it.ParentKey = p
		}
		if segs := pathSegments(v.text(area)); len(segs) > 0 {
			it.TeamKey = strings.Join(segs, "\\")
			it.Team = segs[len(segs)-1]
			if len(segs) >= 3 {
				it.Program = segs[1]
			}
		}
		if segs := pathSegments(v.text(iteration)); len(segs) >= 2 {
			sprint[0] = segs[len(segs)-1]
			it.Sprints = m.items.keepStrings(sprint[:])
		}
		it.Labels, it.Priority = joinList(v.text(tags)), v.text(priority)
		it.PI, it.Theme, it.FoundIn = v.text(pi), v.text(theme), v.text(foundIn)
		if p, ok := v.number(points, false, "story points"); ok {
			it.Points = m.floatPtr(p)
		}
		c := v.date(created, true, "a created date")
		act, res, clo := v.date(activated, false, ""), v.date(resolved, false, ""), v.date(closed, false, "")
		chg, stc := v.date(changed, false, ""), v.date(stateChanged, false, "")
		if v.bad {
			return
		}
		it.CreatedAt, it.UpdatedAt = c.Time, m.timePtr(chg.Time)
		if !clo.IsZero() {
			it.ResolvedAt = m.timePtr(clo.Time)
		} else {
			it.ResolvedAt = m.timePtr(res.Time)
		}
		r.add("New", c.Time, created)
		r.add("Active", act.Time, activated)
		r.add("Resolved", res.Time, resolved)
		closing := "Closed"
		if it.Status != "" && m.terminal(it.Status) {
			closing = it.Status
		}
		r.add(closing, clo.Time, closed)
		r.currentAt = stc.Time
		if r.currentAt.IsZero() {
			r.currentAt = chg.Time
		}
	})
}

// adoType maps a work item type; Issue depends on the process (see
// typeTable): a Basic-process state makes it the backlog item (story),
// any other an Agile-process obstacle (risk).
func (m *mapper) adoType(v *rowView, s int, state string) (backend.ItemType, string) {
	raw := v.text(s)
	if _, user := userType(raw, m.opts.Types); strings.EqualFold(raw, "issue") && !user {
		switch strings.ToLower(state) {
		case "to do", "doing", "done":
			return backend.TypeStory, raw
		}
		return backend.TypeRisk, raw
	}
	return m.itemType(v, s, adoTypes)
}

// pathSegments splits an Azure DevOps area or iteration path on '\' (or '/'
// when the path has no backslash), dropping empty segments.
func pathSegments(p string) []string {
	if p == "" {
		return nil
	}
	sep := "\\"
	if !strings.Contains(p, sep) && strings.Contains(p, "/") {
		sep = "/"
	}
	parts := strings.Split(p, sep)
	out := parts[:0]
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
