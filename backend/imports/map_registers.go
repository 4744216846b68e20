package imports

import (
	"fmt"
	"strings"

	"github.com/throughline/throughline/backend"
)

// mapBenefits maps realized-benefit measurements. Epic, date and realized
// amount are required (a "-" is no amount: enter 0 if nothing was
// realized); planned amount and unit restate the business case's baseline.
func (m *mapper) mapBenefits() error {
	epic, unit, note := m.col(RoleEpic), m.col(RoleUnit), m.col(RoleNote)
	date, realized, planned := m.dateCol(RoleDate), m.numberCol(RoleRealized), m.numberCol(RolePlanned)
	return m.run(nil, func(v *rowView) {
		r := backend.BenefitRecord{SourceSystem: m.opts.SourceSystem, EpicKey: v.required(epic, "the epic's key"), Unit: v.text(unit), Note: v.text(note),
			File: m.t.File, Sheet: m.t.Sheet, Row: v.num}
		d := v.date(date, true, "the date of the measurement")
		r.Amount, _ = v.number(realized, true, "the amount realized (0 if nothing was)")
		if p, ok := v.number(planned, false, ""); ok {
			r.PlannedAmount = m.floatPtr(p)
		}
		if !v.bad {
			r.MeasuredOn = d.Civil()
			m.out.Records.Benefits = append(m.out.Records.Benefits, r)
		}
	}, nil)
}

// mapFeedback maps CSAT/NPS scores. The kind comes from a Kind column, else
// from the score's header ("CSAT", "NPS"). Program (else
// MapOptions.Program) or product, both period dates and the score are
// required; CSAT is a mean from 1 to 5, NPS from −100 to 100.
func (m *mapper) mapFeedback() error {
	program, product, kind := m.col(RoleProgram), m.col(RoleProduct), m.col(RoleKind)
	start, end, score, responses := m.dateCol(RolePeriodStart), m.dateCol(RolePeriodEnd), m.numberCol(RoleScore), m.numberCol(RoleResponses)
	headerKind, _ := feedbacks.get(m.header(score))
	if kind < 0 && headerKind == "" {
		return m.missingColumn("Kind", "Add a Kind column (CSAT or NPS), or name the score column CSAT or NPS.")
	}
	return m.run(nil, func(v *rowView) {
		r := backend.FeedbackRecord{Program: v.text(program), Product: v.text(product), File: m.t.File, Sheet: m.t.Sheet, Row: v.num}
		if r.Program == "" {
			r.Program = m.opts.Program
		}
		if r.Program == "" && r.Product == "" {
			v.fail(program, "", "is empty and so is the product; a score belongs to a program or a product. Fill in one of them.")
		}
		r.Kind = headerKind
		if k := v.word(kind, feedbacks, headerKind == ""); k != "" {
			r.Kind = k
		}
		s, e := v.date(start, true, "the first day of the period"), v.date(end, true, "the last day of the period")
		if !s.IsZero() && !e.IsZero() && e.Civil() < s.Civil() {
			v.fail(end, v.text(end), "is before the period's start. Correct one of the two.")
		}
		sc, ok := v.number(score, true, "the score")
		switch {
		case ok && r.Kind == "csat" && (sc < 1 || sc > 5):
			v.fail(score, v.text(score), "is not a CSAT score: CSAT is the mean rating from 1 to 5. Convert a percentage of satisfied customers to the mean rating.")
		case ok && r.Kind == "nps" && (sc < -100 || sc > 100):
			v.fail(score, v.text(score), "is not an NPS: it runs from −100 to 100.")
		}
		r.Score = sc
		r.Responses, _ = v.whole(responses, false, "the number of responses", 0, 1<<31-1)
		if !v.bad {
			r.PeriodStart, r.PeriodEnd = s.Civil(), e.Civil()
			m.out.Records.Feedback = append(m.out.Records.Feedback, r)
		}
	}, nil)
}

// mapDependencies maps a dependency board. Each row needs an id or a
// description, and a created date (the store requires it); state and risk
// are normalised, blank being requested and low.
func (m *mapper) mapDependencies() error {
	key, desc := m.col(RoleKey), m.col(RoleDescription)
	fromTeam, fromItem, toTeam, toItem := m.col(RoleFromTeam), m.col(RoleFromItem), m.col(RoleToTeam), m.col(RoleToItem)
	state, risk := m.col(RoleState), m.col(RoleRisk)
	needed, created, resolved := m.dateCol(RoleNeededBy), m.dateCol(RoleCreated), m.dateCol(RoleResolved)
	if created < 0 {
		return m.missingColumn("Created", "Every dependency needs the date it was raised: add a Created column.")
	}
	return m.run(nil, func(v *rowView) {
		r := backend.DependencyRecord{Key: v.text(key), Description: v.text(desc), FromTeam: v.text(fromTeam), FromItemKey: v.text(fromItem),
			ToTeam: v.text(toTeam), ToItemKey: v.text(toItem), File: m.t.File, Sheet: m.t.Sheet, Row: v.num}
		if r.Key == "" && r.Description == "" {
			v.fail(key, "", "is empty and so is the description; a dependency needs one of them. Fill one in, or delete the row.")
		}
		if r.FromTeam == "" && r.FromItemKey == "" {
			v.fail(fromTeam, "", "is empty and so is the from item; name the team (or the item) that needs something.")
		}
		if r.ToTeam == "" && r.ToItemKey == "" {
			v.fail(toTeam, "", "is empty and so is the to item; name the team (or the item) that must deliver.")
		}
		r.State, r.Risk = v.word(state, depStates, false), v.word(risk, risks, false)
		n, c, res := v.date(needed, false, ""), v.date(created, true, "the date the dependency was raised"), v.date(resolved, false, "")
		if !c.IsZero() && !res.IsZero() && res.Time.Before(c.Time) {
			v.fail(resolved, v.text(resolved), "is before the dependency was raised. Correct one of the two.")
		}
		if !v.bad {
			r.NeededBy, r.CreatedAt, r.ResolvedAt = n.Civil(), c.Time, m.timePtr(res.Time)
			m.out.Records.Dependencies = append(m.out.Records.Dependencies, r)
		}
	}, nil)
}

// mapEpics maps the portfolio epics list into epic records. Key and a start
// date are required (the store places an epic in time by its start when
// the list has no created date); Program falls back to MapOptions.Program;
// Estimate is the epic's points. The list's Target and Done dates have no
// field in EpicRecord yet and are not read.
func (m *mapper) mapEpics() error {
	key, title, program, theme, status, owner := m.col(RoleKey), m.col(RoleTitle), m.col(RoleProgram), m.col(RoleTheme), m.col(RoleStatus), m.col(RoleOwner)
	start, estimate := m.dateCol(RoleStart), m.numberCol(RoleEstimate)
	if start < 0 {
		return m.missingColumn("Start", "Every epic needs a date to be placed in time: add a Start column.")
	}
	return m.run(nil, func(v *rowView) {
		r := backend.EpicRecord{SourceSystem: m.opts.SourceSystem, Key: m.itemKey(v, key), Title: m.itemTitle(v, []int{title}), Program: v.text(program),
			Theme: v.text(theme), Status: v.text(status), Owner: v.text(owner), File: m.t.File, Sheet: m.t.Sheet, Row: v.num}
		if r.Program == "" {
			r.Program = m.opts.Program
		}
		s := v.date(start, true, "a start date")
		if p, ok := v.number(estimate, false, ""); ok {
			if p < 0 {
				v.warn(estimate, v.text(estimate), "is negative; the estimate is left empty.")
			} else {
				r.Points = m.floatPtr(p)
			}
		}
		if !v.bad {
			r.StartDate = s.Civil()
			m.out.Records.Epics = append(m.out.Records.Epics, r)
		}
	}, nil)
}

// mapTeams maps the PMO's team register. Team and program are required;
// tool and framework are normalised; sprint length is 1–60 days and the
// WIP limit a whole number from 0; services split on commas, semicolons and
// line breaks.
func (m *mapper) mapTeams() error {
	program, team, tool, source, services, lead, fw := m.col(RoleProgram), m.col(RoleTeam), m.col(RoleTool), m.col(RoleSourceKey), m.col(RoleServices), m.col(RoleLead), m.col(RoleFramework)
	sprint, wip := m.numberCol(RoleSprintLength), m.numberCol(RoleWIPLimit)
	return m.run(nil, func(v *rowView) {
		r := backend.TeamRecord{Program: v.text(program), Team: v.required(team, "the team's name"), SourceKey: v.text(source), Services: splitList(v.text(services)),
			Lead: v.text(lead), File: m.t.File, Sheet: m.t.Sheet, Row: v.num}
		if r.Program == "" {
			r.Program = m.opts.Program
		}
		if r.Program == "" {
			v.fail(program, "", "is empty, but every team belongs to a program. Fill it in (or import with a default program).")
		}
		r.Tool, r.Framework = v.word(tool, tools, false), v.word(fw, frameworks, false)
		if n, ok := v.whole(sprint, false, "the sprint length in days", 1, 60); ok {
			r.SprintLengthDays = &n
		}
		if n, ok := v.whole(wip, false, "the WIP limit", 0, 1<<31-1); ok {
			r.WIPLimit = &n
		}
		if !v.bad {
			m.out.Records.Teams = append(m.out.Records.Teams, r)
		}
	}, nil)
}

// mapSprints maps a sprints sheet. Team (else MapOptions.Team), sprint
// name and both dates are required, the end not before the start; PI and
// goal are names and text; Goal Met is yes or no (anything else is a
// warning and the verdict is left empty).
func (m *mapper) mapSprints() error {
	team, sprint, pi, goal, met := m.col(RoleTeam), m.col(RoleSprint), m.col(RolePI), m.col(RoleGoal), m.col(RoleGoalMet)
	start, end := m.dateCol(RoleStart), m.dateCol(RoleEnd)
	return m.run(nil, func(v *rowView) {
		r := backend.SprintRecord{Team: v.text(team), Sprint: v.required(sprint, "the sprint's name"), PI: v.text(pi), Goal: v.text(goal),
			File: m.t.File, Sheet: m.t.Sheet, Row: v.num}
		if r.Team == "" {
			r.Team = m.opts.Team
		}
		if r.Team == "" {
			v.fail(team, "", "is empty, but every sprint belongs to a team. Fill it in (or import with a default team).")
		}
		s, e := v.date(start, true, "the sprint's first day"), v.date(end, true, "the sprint's last day")
		if !s.IsZero() && !e.IsZero() && e.Civil() < s.Civil() {
			v.fail(end, v.text(end), fmt.Sprintf("is before the sprint's start (%s, column %s). Correct one of the two.", s.Civil(), m.letter(start)))
		}
		if raw := v.text(met); raw != "" {
			if b, ok := goalMet(raw); ok {
				r.GoalMet = &b
			} else {
				v.warn(met, raw, "is neither yes nor no; the sprint goal's verdict is left empty.")
			}
		}
		if !v.bad {
			r.StartDate, r.EndDate = s.Civil(), e.Civil()
			m.out.Records.Sprints = append(m.out.Records.Sprints, r)
		}
	}, nil)
}

// goalMet reads a Goal Met cell: yes/no, or met / not met.
func goalMet(s string) (bool, bool) {
	switch wordKey(s) {
	case "met", "achieved", "reached":
		return true, true
	case "not met", "missed", "not achieved", "not reached":
		return false, true
	}
	return yesNo(s)
}

// letter is the column letter of slot s, for messages naming two cells.
func (m *mapper) letter(s int) string {
	if s < 0 {
		return ""
	}
	return m.t.Headers[m.slots[s]].Letter
}

// missingColumn is the error for a table without a column its kind needs
// although Detect does not require it.
func (m *mapper) missingColumn(name, fix string) error {
	var found []string
	for _, h := range m.t.Headers {
		if h.Name != "" {
			found = append(found, h.Label())
		}
	}
	return userErr(nil, "%s has no %s column, which %s needs. %s (Columns found: %s.)", m.t.where(), name, formatNames[m.format], fix, strings.Join(found, ", "))
}
