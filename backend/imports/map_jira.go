package imports

import (
	"fmt"
	"slices"
	"strings"
)

// jiraCategory reads Jira's Status Category: "todo", "inprogress", "done"
// or "" when blank or unknown.
func jiraCategory(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case strings.EqualFold(s, "To Do"), strings.EqualFold(s, "ToDo"), strings.EqualFold(s, "New"):
		return "todo"
	case strings.EqualFold(s, "In Progress"), strings.EqualFold(s, "Indeterminate"):
		return "inprogress"
	case strings.EqualFold(s, "Done"), strings.EqualFold(s, "Complete"):
		return "done"
	}
	return ""
}

// mapJira maps a Jira CSV export (Cloud "all fields" or "current fields",
// Data Center "Excel CSV").
//
// Fields: Team is the Team custom field, else MapOptions.Team, else the
// Project name (an explicit --team is a stronger statement about the file
// than its project's name, PRODUCT §9). A Team value that is an id rather
// than a name (see jiraTeamID) is not a team name: the row falls back as if
// the field were empty, with one warning for the column. Program is a
// "Program" column when the export has one, else MapOptions.Program.
// Points is the first filled of Story Points and Story point estimate.
// Labels and Component/s merge Jira's repeated columns in column order,
// comma-joined; Sprints keep every Sprint column in order, and a sprint
// written as Jira Data Center's REST API gives it to scripts
// ("com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=12,…,name=PAY
// Sprint 4,…]", one or more to a cell) is its name. Parent is Parent key,
// else Parent (a key, or an issue id resolved through the file's Issue id
// column), else Parent id, else Epic Link. PI only comes from an explicit
// PI, Program Increment or Release column (never Fix Version/s). FoundIn
// (bugs only) is a Found In or Environment column. UpdatedAt is Updated;
// ResolvedAt is Resolved.
//
// History (Jira's CSV has no changelog, so it is reconstructed):
//  1. at Created, the first status: the current status when the export has
//     a Status Category column and the category is To Do; otherwise the
//     synthetic status "Created";
//  2. when the item is past To Do and has a start — Custom field (Start
//     date), else Status Category Changed while the category is In
//     Progress — an entry at that time to the current status, or to "In
//     Progress" when the item is already done (a start after the done time
//     is moved to it, with a warning);
//  3. when the item is done — category Done, or without a category column
//     a status that is done or removed by Jira's defaults — an entry to the
//     current status at Resolved, else at Status Category Changed;
//  4. the shared rules of finishItem: nothing before creation, time order,
//     and the history ends in the current status, entered at Status
//     Category Changed when known, else at Updated.
func (m *mapper) mapJira() error {
	key, issueID, typ, status, cat := m.col(RoleKey), m.col(RoleIssueID), m.col(RoleType), m.col(RoleStatus), m.col(RoleStatusCategory)
	title := m.cols(RoleTitle)
	created, updated, resolved := m.dateCol(RoleCreated), m.dateCol(RoleUpdated), m.dateCol(RoleResolved)
	started := m.dateCol(RoleStarted)
	catChanged := m.asDate(m.extra("Status Category Changed"))
	team, project, priority := m.col(RoleTeam), m.col(RoleProject), m.col(RolePriority)
	projectKey := m.col(RoleProjectKey)
	sprints, labels, comps := m.cols(RoleSprint), m.cols(RoleLabels), m.cols(RoleComponents)
	parentKey, parentID, epicLink := m.cols(RoleParent), m.col(RoleParentID), m.col(RoleEpicLink)
	points := m.cols(RolePoints)
	for _, s := range points {
		m.asNumber(s)
	}
	pi := m.extra("PI", "Program Increment", "Custom field (PI)", "Custom field (Program Increment)", "Release", "Custom field (Release)")
	theme := m.extra("Theme", "Value Theme", "Strategic Theme", "Custom field (Theme)", "Custom field (Value Theme)", "Custom field (Strategic Theme)")
	program := m.extra("Program", "Custom field (Program)", "Value Stream", "Custom field (Value Stream)")
	foundIn := m.extra("Found In", "Custom field (Found In)", "Environment", "Custom field (Environment)")
	parents := m.parentSlots(parentKey, parentID, epicLink)
	var buf []string
	var ids teamIDs
	defer ids.report(m, team, project)
	return m.runItems(func(v *rowView, r *itemRow) {
		it := &r.it
		it.ExternalKey = m.itemKey(v, key)
		it.Type, it.RawType = m.itemType(v, typ, jiraTypes)
		it.Title = m.itemTitle(v, title)
		it.Status, r.statusSlot = v.text(status), status
		r.category = v.text(cat)
		it.Team = ids.name(v, v.text(team))
		if it.Team == "" && m.opts.Team == "" {
			it.Team = v.text(project)
		}
		if it.TeamKey = v.text(projectKey); it.TeamKey == "" {
			it.TeamKey = v.text(project)
		}
		it.Program, it.Priority, it.PI, it.Theme, it.FoundIn = v.text(program), v.text(priority), v.text(pi), v.text(theme), v.text(foundIn)
		buf = v.texts(buf[:0], labels)
		it.Labels = joinList(buf...)
		buf = v.texts(buf[:0], comps)
		it.Component = joinList(buf...)
		buf = jiraSprintNames(v.texts(buf[:0], sprints))
		it.Sprints = m.items.keepStrings(buf)
		for _, s := range points {
			if p, ok := v.number(s, false, "story points"); ok {
				it.Points = m.floatPtr(p)
				break
			}
		}
		if id := v.text(issueID); id != "" && it.ExternalKey != "" {
			m.items.issueIDs[id] = it.ExternalKey
		}
		if val, s := v.first(parents); isDigits(val) {
			r.parentID, r.parentSlot = val, s
		} else {
			it.ParentKey = val
		}

		c := v.date(created, true, "a created date")
		it.CreatedAt = c.Time
		upd, res := v.date(updated, false, ""), v.date(resolved, false, "")
		start, startSlot := v.date(started, false, ""), started
		changed := v.date(catChanged, false, "")
		it.UpdatedAt, it.ResolvedAt = m.timePtr(upd.Time), m.timePtr(res.Time)
		if v.bad {
			return
		}
		category := jiraCategory(r.category)
		done := category == "done" || (category == "" && m.terminal(it.Status))
		first := statusCreated
		if category == "todo" {
			first = it.Status
		}
		r.add(first, c.Time, created)
		if start.IsZero() && category == "inprogress" {
			start, startSlot = changed, catChanged
		}
		doneAt := res.Time
		if doneAt.IsZero() && category == "done" {
			doneAt = changed.Time
		}
		if !start.IsZero() && category != "todo" {
			to := it.Status
			at := start.Time
			if done {
				to, at = "In Progress", m.startBeforeDone(v, startSlot, at, doneAt)
			}
			r.add(to, at, startSlot)
		}
		if done {
			r.add(it.Status, doneAt, resolved)
		}
		r.currentAt = changed.Time
		if r.currentAt.IsZero() {
			r.currentAt = upd.Time
		}
	})
}

// parentSlots orders Jira's parent columns: Parent key (always a key),
// then Parent (a key or an issue id), Parent id, Epic Link.
func (m *mapper) parentSlots(parent []int, parentID, epicLink int) []int {
	var out []int
	for _, s := range parent {
		if NormalizeHeader(m.header(s)) == "parent key" {
			out = append([]int{s}, out...)
		} else {
			out = append(out, s)
		}
	}
	return append(out, parentID, epicLink)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// jiraTeamID reports whether a Team field value is an id rather than a
// team's name. Jira Cloud's Team field holds an Atlassian team's id, a UUID
// (8-4-4-4-12 hexadecimal digits), sometimes followed by "-" and a number;
// Advanced Roadmaps' Team field on Data Center holds a number.
func jiraTeamID(s string) bool {
	if isDigits(s) {
		return true
	}
	if len(s) < 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	rest := s[36:]
	return rest == "" || rest[0] == '-' && isDigits(rest[1:])
}

// teamIDs counts the rows whose Team value is an id (jiraTeamID).
type teamIDs struct {
	rows, first int
	example     string
}

// name returns the team name in value: value itself, or "" for an id.
func (ids *teamIDs) name(v *rowView, value string) string {
	if value == "" || !jiraTeamID(value) {
		return value
	}
	if ids.rows == 0 {
		ids.first, ids.example = v.num, value
	}
	ids.rows++
	return ""
}

// report adds one warning about the Team column when it held ids.
func (ids *teamIDs) report(m *mapper, team, project int) {
	if ids.rows == 0 {
		return
	}
	instead := "have no team"
	switch {
	case m.opts.Team != "":
		instead = fmt.Sprintf("go to the team chosen for the import (%q)", m.opts.Team)
	case project >= 0:
		instead = fmt.Sprintf("go to the team named by their project (%s)", m.header(project))
	}
	rows := "1 row"
	if ids.rows > 1 {
		rows = fmt.Sprintf("%d rows", ids.rows)
	}
	p := m.problem(0, team, ids.example, fmt.Sprintf("is a team id, not a team name (%s, the first in row %d): Jira exports its Team field that way. Those items %s. To place them in another team, choose the team for the import (--team), or register the team with its Jira project key in the team register.", rows, ids.first, instead), SeverityWarning)
	m.probs = append(m.probs, p)
}

// greenhopperSprint starts a sprint as Jira Data Center's REST API writes it.
const greenhopperSprint = "com.atlassian.greenhopper.service.sprint.Sprint@"

// jiraSprintNames replaces, in place, each sprint written as a greenhopper
// object string by the name it holds (several in one cell become several
// names); other values are kept. Repeats are dropped.
func jiraSprintNames(vals []string) []string {
	found := false
	for _, v := range vals {
		found = found || strings.Contains(v, greenhopperSprint)
	}
	if !found {
		return vals
	}
	var out []string
	add := func(n string) {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	for _, v := range vals {
		parts := strings.Split(v, greenhopperSprint)
		if len(parts) == 1 {
			add(v)
			continue
		}
		for _, p := range parts[1:] {
			add(greenhopperField(p, "name"))
		}
	}
	return append(vals[:0], out...)
}

// greenhopperField returns field f of "1a2b[id=12,state=CLOSED,name=PAY
// Sprint 4,startDate=…]": the text after "f=" up to the next ",key=" or
// the closing bracket.
func greenhopperField(s, f string) string {
	open := strings.IndexByte(s, '[')
	if open < 0 {
		return ""
	}
	body := s[open+1:]
	if end := strings.LastIndexByte(body, ']'); end >= 0 {
		body = body[:end]
	}
	for _, at := range fieldStarts(body) {
		rest := body[at:]
		if !strings.HasPrefix(rest, f+"=") {
			continue
		}
		v := rest[len(f)+1:]
		for _, next := range fieldStarts(v) {
			if next > 0 {
				return v[:next-1]
			}
		}
		return v
	}
	return ""
}

// fieldStarts returns where each "key=" begins in "a=1,b=2": at 0 and after
// every comma that is followed by letters and "=".
func fieldStarts(s string) []int {
	out := []int{0}
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			j++
		}
		if j > i+1 && j < len(s) && s[j] == '=' {
			out = append(out, i+1)
		}
	}
	return out
}
