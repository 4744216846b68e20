package imports

import (
	"fmt"
	"time"

	"github.com/throughline/throughline/backend"
)

// sheetExtras are the optional item columns a stage-date layout or a
// template may carry beyond its spec, found by header.
type sheetExtras struct {
	team, program, points, parent, pi, sprint, labels, theme, priority, foundIn, component int
}

// findSheetExtras looks up the extra columns; a role the detection (or a
// profile) already mapped wins over a header found by name.
func (m *mapper) findSheetExtras() sheetExtras {
	pick := func(r Role, names ...string) int {
		if s := m.col(r); s >= 0 {
			return s
		}
		return m.extra(names...)
	}
	e := sheetExtras{
		team:      pick(RoleTeam, "Team", "Team Name", "Squad"),
		program:   pick(RoleProgram, "Program", "Value Stream", "ART", "Release Train"),
		points:    pick(RolePoints, "Points", "Story Points", "Estimate", "Size"),
		parent:    pick(RoleParent, "Parent", "Parent Key", "Epic", "Epic Link", "Feature"),
		pi:        pick(RolePI, "PI", "Program Increment", "Release"),
		sprint:    pick(RoleSprint, "Sprint", "Iteration"),
		labels:    pick(RoleLabels, "Labels", "Tags"),
		theme:     pick(RoleTheme, "Theme", "Value Theme", "Strategic Theme"),
		priority:  pick(RolePriority, "Priority"),
		foundIn:   m.extra("Found In", "Environment"),
		component: pick(RoleComponents, "Component", "Components", "Component/s"),
	}
	m.asNumber(e.points)
	return e
}

// fill sets the item's optional fields from the extra columns.
func (e sheetExtras) fill(m *mapper, v *rowView, r *itemRow) {
	it := &r.it
	it.Team, it.Program, it.ParentKey, it.PI = v.text(e.team), v.text(e.program), v.text(e.parent), v.text(e.pi)
	it.Labels, it.Theme, it.Priority, it.FoundIn = joinList(v.text(e.labels)), v.text(e.theme), v.text(e.priority), v.text(e.foundIn)
	it.Component = v.text(e.component)
	if s := v.text(e.sprint); s != "" {
		it.Sprints = m.items.keepStrings([]string{s})
	}
	if p, ok := v.number(e.points, false, "points"); ok {
		it.Points = m.floatPtr(p)
	}
}

// mapStages maps a stage-date layout: one date column per workflow stage,
// as jira-agile-metrics writes its CSV and ActionableAgile reads one.
//
// Each stage column's header is a status name. History: one entry per
// non-empty stage date, to that stage. A skipped stage (an empty cell) has
// no entry. A backward move shows as a later column with an earlier date
// (the item went back to an earlier stage after reaching that one): the
// entries are kept in time order — columns in their order when the dates
// are equal — and both are kept, never dropped or "wiped" as
// jira-agile-metrics does. The current Status is the last entry's stage,
// CreatedAt the earliest date, ResolvedAt the last date when the last stage
// is a done or removed one. A row without any stage date is rejected.
//
// The type comes from a Type column (sheet type names); without one every
// item is a story, with one warning for the table. Team, program, points,
// parent, PI, sprint, labels, theme and priority come from columns so
// named, when the sheet has them.
func (m *mapper) mapStages() error {
	key, typ := m.col(RoleKey), m.col(RoleType)
	title := m.cols(RoleTitle)
	stages := make([]int, 0, len(m.det.Stages))
	for _, ci := range m.det.Stages {
		stages = append(stages, m.asDate(m.use(ci)))
	}
	e := m.findSheetExtras()
	if typ < 0 {
		m.tableWarn("has no Type column, so every item is imported as a story. Add a Type column (Story, Bug, Feature…) if some are not.")
	}
	return m.runItems(func(v *rowView, r *itemRow) {
		it := &r.it
		it.ExternalKey = m.itemKey(v, key)
		it.Type, it.RawType = backend.TypeStory, ""
		if typ >= 0 {
			it.Type, it.RawType = m.itemType(v, typ, sheetTypes)
		}
		it.Title = m.itemTitle(v, title)
		e.fill(m, v, r)
		r.clamp = false
		for _, s := range stages {
			d := v.date(s, false, "")
			r.add(m.header(s), d.Time, s)
		}
		if v.bad {
			return
		}
		if len(r.hist) == 0 {
			v.fail(-1, "", "has no date in any stage column, so the item cannot be placed in the workflow; it is rejected. Enter the date it entered its first stage.")
			return
		}
		first, last := r.hist[0], r.hist[0]
		for _, h := range r.hist[1:] {
			if h.At.Before(first.At) {
				first = h
			}
			if !h.At.Before(last.At) {
				last = h
			}
		}
		it.CreatedAt, it.Status = first.At, last.To
		if m.terminal(last.To) {
			it.ResolvedAt = m.timePtr(last.At)
		}
	})
}

// mapTemplate maps Throughline's items template (and a profile that maps a
// table to it).
//
// History: Created → the synthetic status "Created", Started → "In
// Progress", Done → the row's Status when that is a done or removed status
// (Done, Closed, Cancelled…), else "Done". Status is the current status; a
// Done date on an item whose status is not done (a reopened item) keeps
// both, so the item is in progress again. A start after the done time is
// moved to it, with a warning. Then the shared rules of finishItem.
// ResolvedAt is Done.
func (m *mapper) mapTemplate() error {
	key, typ, status := m.col(RoleKey), m.col(RoleType), m.col(RoleStatus)
	title := m.cols(RoleTitle)
	created, started, done := m.dateCol(RoleCreated), m.dateCol(RoleStarted), m.dateCol(RoleDone)
	if created < 0 {
		return m.missingColumn("Created", "Add a Created column with the date each item was created.")
	}
	e := m.findSheetExtras()
	return m.runItems(func(v *rowView, r *itemRow) {
		it := &r.it
		it.ExternalKey = m.itemKey(v, key)
		it.Type, it.RawType = m.itemType(v, typ, sheetTypes)
		it.Title = m.itemTitle(v, title)
		it.Status, r.statusSlot = v.text(status), status
		e.fill(m, v, r)
		c := v.date(created, true, "a created date")
		s, d := v.date(started, false, ""), v.date(done, false, "")
		if v.bad {
			return
		}
		it.CreatedAt, it.ResolvedAt = c.Time, m.timePtr(d.Time)
		startAt := m.startBeforeDone(v, started, s.Time, d.Time)
		r.add(statusCreated, c.Time, created)
		r.add("In Progress", startAt, started)
		to := "Done"
		if it.Status != "" && m.terminal(it.Status) {
			to = it.Status
		}
		r.add(to, d.Time, done)
	})
}

// startBeforeDone moves a start after the done time to the done time, with
// a warning on the start column.
func (m *mapper) startBeforeDone(v *rowView, slot int, start, done time.Time) time.Time {
	if start.IsZero() || done.IsZero() || !start.After(done) {
		return start
	}
	v.warn(slot, "", fmt.Sprintf("is after the item was done (%s); the start is taken as the done time.", done.Format("2006-01-02 15:04")))
	return done
}
