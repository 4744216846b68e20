package imports

import (
	"slices"
	"strings"

	"github.com/throughline/throughline/backend"
)

// mapJiraHistory maps a Jira changelog table into Mapped.Changes (no items
// are created from it: the changes merge into items of the same import or
// already stored, by source system and key).
//
//   - field-changes variant (Issue key, Field, From, To, Changed): only rows
//     whose Field is "status" (ignoring case and spaces) are status changes;
//     the other fields' rows (Flagged, Assignee…) are left out on purpose.
//     When the table has both Jira's From/To (status ids) and From
//     String/To String (names), the names are read.
//   - status-dates variant (Issue key, Status, Date[, From Status]): each row
//     is the item entering Status at Date; an empty (or absent) From is the
//     item's previous status in time order in this table.
//
// The key, the new status and the time are required; a row missing one is
// rejected. Every status named (From and To) is listed in Statuses.
func (m *mapper) mapJiraHistory() error {
	key, changedAt := m.col(RoleKey), m.dateCol(RoleChangedAt)
	field := m.col(RoleField)
	to := m.preferString(RoleTo)
	if to < 0 {
		to = m.col(RoleStatus)
	}
	from := m.preferString(RoleFrom)
	derive := m.det.Variant == "status-dates"
	return m.run(nil, func(v *rowView) {
		if field >= 0 && !strings.EqualFold(strings.Join(strings.Fields(v.text(field)), " "), "status") {
			return
		}
		k := v.text(key)
		if k == "" {
			v.fail(key, "", "is empty, but every change needs the key of its item. Fill it in, or delete the row.")
		}
		t := v.text(to)
		if t == "" {
			v.fail(to, "", "is empty, but a status change needs the status the item moved to. Fill it in, or delete the row.")
		}
		at := v.date(changedAt, true, "the time of the change")
		if v.bad {
			return
		}
		m.out.Changes = append(m.out.Changes, KeyedChange{SourceSystem: m.source, Key: k, Row: v.num,
			Change: backend.ImportChange{From: v.text(from), To: t, At: at.Time}})
	}, func() {
		if derive {
			deriveFrom(m.out.Changes)
		}
		for _, c := range m.out.Changes {
			m.seeStatus(m.opts.Team, c.Change.To, "", c.Row)
			if c.Change.From != "" && !strings.EqualFold(c.Change.From, c.Change.To) {
				m.seeStatus(m.opts.Team, c.Change.From, "", c.Row)
			}
		}
	})
}

// preferString returns the slot of role's column whose header names Jira's
// status name ("From String", "toString") when the table has one beside
// the id column ("From"), else the role's first column.
func (m *mapper) preferString(r Role) int {
	for _, ci := range m.det.Roles[r] {
		if strings.Contains(m.t.Headers[ci].Key(), "string") {
			return m.use(ci)
		}
	}
	return m.col(r)
}

// deriveFrom fills each change's From with the previous status of the same
// item in time order (rows at the same time stay in file order).
func deriveFrom(cs []KeyedChange) {
	byKey := map[string][]int{}
	var keys []string
	for i, c := range cs {
		if _, ok := byKey[c.Key]; !ok {
			keys = append(keys, c.Key)
		}
		byKey[c.Key] = append(byKey[c.Key], i)
	}
	for _, k := range keys {
		idx := byKey[k]
		slices.SortStableFunc(idx, func(a, b int) int { return cs[a].Change.At.Compare(cs[b].Change.At) })
		for j := 1; j < len(idx); j++ {
			if cs[idx[j]].Change.From == "" {
				cs[idx[j]].Change.From = cs[idx[j-1]].Change.To
			}
		}
	}
}
