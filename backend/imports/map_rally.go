package imports

import (
	"fmt"
	"strings"

	"github.com/throughline/throughline/backend"
)

// mapRally maps a Rally (Broadcom Agile Central) export.
//
// Fields: the type comes from the Type column when it has a value, else
// from the Formatted ID's prefix (see typeTable). Team is Project; Sprints
// is Iteration; PI is Release; Points is Plan Estimate; Labels are Tags;
// Parent is Parent, else Feature / Portfolio Item, as the Formatted ID
// before the colon Rally writes ("F88: Order search" → "F88"). UpdatedAt is
// Last Update Date; ResolvedAt is Accepted Date. Status is Schedule State.
//
// History: Creation Date → "Defined" ("Idea" when the item is still an
// Idea), In-Progress Date → "In-Progress", Accepted Date → "Accepted", in
// time order; then the shared rules of finishItem, the current Schedule
// State (Completed, say) entered at Last Update Date. A Blocked flag is a
// warning only: an export says that an item is blocked now, not for how
// long, so the history cannot show the blocked time.
//
// Portfolio items (features, initiatives, epics) have no Schedule State:
// their status is their State (Discovering, Developing, Done… as the
// workspace defines them), which is also read for any row whose Schedule
// State is blank (a task). Such a row's history starts with the synthetic
// status "Created" (Defined is a schedule state), and Rally's rolled-up
// dates take the place of the schedule-state dates: Actual Start Date (the
// first child story in progress) → the current State, or "In-Progress"
// when the item is done or has an Actual End Date; Actual End Date (every
// child story accepted) → the current State when it is a done or removed
// one, else "Accepted". ResolvedAt is Accepted Date, else Actual End Date.
func (m *mapper) mapRally() error {
	key, typ := m.col(RoleKey), m.col(RoleType)
	statuses := []int{m.col(RoleScheduleState), m.col(RoleState)}
	title := m.cols(RoleTitle)
	project, iteration, release, tags := m.col(RoleProject), m.col(RoleIteration), m.col(RoleRelease), m.col(RoleTags)
	parents := m.cols(RoleParent)
	blocked, reason := m.col(RoleBlocked), m.col(RoleBlockedReason)
	points := m.numberCol(RolePoints)
	created, inProgress, accepted, updated := m.dateCol(RoleCreated), m.dateCol(RoleInProgress), m.dateCol(RoleAccepted), m.dateCol(RoleUpdated)
	actualStart, actualEnd := m.dateCol(RoleStarted), m.dateCol(RoleDone)
	if created < 0 {
		return m.missingColumn("Creation Date", "Add the Creation Date column to the export and export it again.")
	}
	program := m.extra("Program", "Value Stream")
	theme := m.extra("Theme", "Value Theme", "Strategic Theme", "Investment Category")
	priority := m.extra("Priority")
	foundIn := m.extra("Found In", "Environment")
	var sprint [1]string
	return m.runItems(func(v *rowView, r *itemRow) {
		it := &r.it
		it.ExternalKey = m.itemKey(v, key)
		it.Type, it.RawType = m.rallyType(v, typ, key)
		it.Title = m.itemTitle(v, title)
		var slot int
		it.Status, slot = v.first(statuses)
		r.statusSlot = statuses[0]
		if r.statusSlot < 0 {
			r.statusSlot = statuses[1]
		}
		scheduled := slot >= 0 && slot == statuses[0]
		it.Team, it.PI, it.Labels = v.text(project), v.text(release), joinList(v.text(tags))
		it.TeamKey = it.Team
		it.Program, it.Theme, it.Priority, it.FoundIn = v.text(program), v.text(theme), v.text(priority), v.text(foundIn)
		if s := v.text(iteration); s != "" {
			sprint[0] = s
			it.Sprints = m.items.keepStrings(sprint[:])
		}
		if p, _ := v.first(parents); p != "" {
			it.ParentKey = rallyRef(p)
		}
		if p, ok := v.number(points, false, "a plan estimate"); ok {
			it.Points = m.floatPtr(p)
		}
		if b, ok := yesNo(v.text(blocked)); ok && b {
			msg := "says the item is blocked; an export has no blocked time, so the item's history does not show it waiting. Import a changelog for blocked time."
			if rs := v.text(reason); rs != "" {
				msg = fmt.Sprintf("says the item is blocked (\"%s\"); an export has no blocked time, so the item's history does not show it waiting. Import a changelog for blocked time.", QuoteValue(rs))
			}
			v.warn(blocked, v.text(blocked), msg)
		}
		c := v.date(created, true, "a creation date")
		ip, acc, upd := v.date(inProgress, false, ""), v.date(accepted, false, ""), v.date(updated, false, "")
		as, ae := v.date(actualStart, false, ""), v.date(actualEnd, false, "")
		if v.bad {
			return
		}
		it.CreatedAt, it.UpdatedAt, it.ResolvedAt = c.Time, m.timePtr(upd.Time), m.timePtr(acc.Time)
		if acc.IsZero() {
			it.ResolvedAt = m.timePtr(ae.Time)
		}
		first := "Defined"
		switch {
		case strings.EqualFold(it.Status, "Idea"):
			first = it.Status
		case !scheduled && it.Status != "":
			first = statusCreated
		}
		r.add(first, c.Time, created)
		r.add("In-Progress", ip.Time, inProgress)
		r.add("Accepted", acc.Time, accepted)
		done := it.Status != "" && m.terminal(it.Status)
		started, ended := "In-Progress", "Accepted"
		if !done && ae.IsZero() && it.Status != "" {
			started = it.Status
		}
		if done {
			ended = it.Status
		}
		r.add(started, as.Time, actualStart)
		r.add(ended, ae.Time, actualEnd)
		r.currentAt = upd.Time
	})
}

// rallyType maps the Type column's value when there is one, else the
// Formatted ID's prefix.
func (m *mapper) rallyType(v *rowView, typ, key int) (backend.ItemType, string) {
	if v.text(typ) != "" {
		return m.itemType(v, typ, rallyTypes)
	}
	id := v.text(key)
	if id == "" {
		return "", "" // the missing key is reported
	}
	p := rallyPrefix(id)
	if t, ok := userType(p, m.opts.Types); ok {
		return t, p
	}
	known, ok := rallyPrefixes[p]
	switch {
	case !ok:
		v.fail(key, id, fmt.Sprintf("does not start with a Rally work item prefix, so its type is unknown and the row is rejected rather than guessed. Known: %s. Add a Type column to the export.", rallyTypes.known))
		return "", p
	case known.typ == "":
		v.fail(key, id, fmt.Sprintf("is a Rally %s, which is not a work item; it is not imported. Export user stories, defects, tasks and portfolio items only, or delete the row.", strings.ToLower(known.name)))
		return "", known.name
	}
	return known.typ, known.name
}

// rallyRef returns the Formatted ID of a Rally reference written as
// "F88: Order search"; other values are returned as they are.
func rallyRef(s string) string {
	if id, _, ok := strings.Cut(s, ":"); ok && rallyPrefix(strings.TrimSpace(id)) != "" {
		return strings.TrimSpace(id)
	}
	return s
}
