package demo

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/throughline/throughline/backend"
)

// Who holds the portfolio-wide roles, as indices into people; each program
// has an RTE, a product owner and a scrum master after them.
const (
	personPMOLead          = 0
	personPortfolioManager = 1
	personAgileCoach       = 2
	personReleaseManager   = 3
	personFinance          = 4
)

func personRTE(program int) int          { return 5 + 3*program }
func personProductOwner(program int) int { return 6 + 3*program }
func personScrumMaster(program int) int  { return 7 + 3*program }

// Role IDs of the portfolio-wide roles, in the order buildRoles writes them.
const (
	rolePMOLead = iota + 1
	rolePortfolioManager
	roleAgileCoach
	roleReleaseManager
	roleFinance
)

// System-of-record IDs, in the order buildGovernance writes them.
const (
	sorJira = iota + 1
	sorADO
	sorRally
	sorDeployments
	sorIncidents
	sorBenefits
	sorCSAT
	sorOKRs
	sorPIObjectives
)

// buildGovernance writes the roles register, systems of record, metric
// registry with its reviews, and the governance events with their
// decisions and actions.
func (g *gen) buildGovernance() error {
	g.buildRoles()
	for _, s := range []backend.SystemOfRecord{
		{DataType: "Work items (Jira teams)", System: "Jira Cloud", OwningTeam: "Engineering Tools", Notes: "Exported weekly per project by the team leads."},
		{DataType: "Work items (Azure DevOps teams)", System: "Azure DevOps Services", OwningTeam: "Engineering Tools", Notes: "Query “PMO weekly” per area path."},
		{DataType: "Work items (Rally teams)", System: "Rally (Broadcom)", OwningTeam: "Engineering Tools", Notes: "Schedule states; portfolio items in the Larkspur workspace."},
		{DataType: "Deployments", System: "Argo CD and GitLab CI", OwningTeam: "Platform Engineering", Notes: "Production and staging; change start is the first commit."},
		{DataType: "Incidents", System: "ServiceNow ITSM", OwningTeam: "Service Management", Notes: "P1–P4 mapped to critical/high/medium/low."},
		{DataType: "Benefits", System: "SAP S/4HANA Controlling", OwningTeam: "Finance", Notes: "Realised benefit per business case, quarterly."},
		{DataType: "Customer satisfaction", System: "Qualtrics XM", OwningTeam: "Customer Insights", Notes: "CSAT and NPS per product, monthly."},
		{DataType: "OKRs", System: "Confluence OKR register", OwningTeam: "PMO", Notes: "Updated by objective owners before each value review."},
		{DataType: "PI objectives", System: "Jira Align", OwningTeam: "PMO", Notes: "Business value scored at Inspect & Adapt."},
	} {
		s.ID = int64(len(g.ds.SystemsOfRecord) + 1)
		g.ds.SystemsOfRecord = append(g.ds.SystemsOfRecord, s)
	}
	g.buildMetrics()
	g.buildEvents()
	return nil
}

func (g *gen) buildRoles() {
	add := func(name string, person int, resp string) {
		g.ds.Roles = append(g.ds.Roles, backend.Role{ID: int64(len(g.ds.Roles) + 1), Name: name, Person: people[person], Responsibilities: resp})
	}
	add("PMO Lead", personPMOLead, "Runs the Agile PMO; owns the governance calendar, the metric registry and the quarterly pack.")
	add("Portfolio Manager", personPortfolioManager, "Owns the portfolio backlog, the investment mix across themes and benefit tracking.")
	add("Agile Coach", personAgileCoach, "Coaches teams and RTEs on flow; owns the flow metric definitions.")
	add("Release Manager", personReleaseManager, "Owns the release calendar, change approval and the DORA metrics.")
	add("Finance Business Partner", personFinance, "Validates business cases and signs off realised benefits.")
	for pi := range g.programs {
		short := g.programs[pi].spec.short
		add("Release Train Engineer — "+short, personRTE(pi), "Facilitates PI planning and Inspect & Adapt; owns PI objectives and dependencies of "+short+".")
		add("Product Owner — "+short, personProductOwner(pi), "Orders the "+short+" backlog and accepts features.")
		add("Scrum Master — "+short, personScrumMaster(pi), "Serves the "+short+" teams; keeps sprint data clean.")
	}
}

// rteRole is the role ID of a program's RTE.
func rteRole(program int) int64 { return int64(roleFinance + 1 + 3*program) }

// metricSpecs is the metric registry: key, name, level, frequency, owner
// role, target, amber, red, higher is better, system of record.
var metricSpecs = []struct {
	key, name, level, freq string
	owner                  int64
	target, amber, red     float64
	higher                 bool
	sor                    int64
}{
	{"throughput_weekly", "Throughput (items per week)", "team", "weekly", roleAgileCoach, 6, 4, 2, true, sorJira},
	{"cycle_time_p85", "Cycle time, 85th percentile (days)", "team", "weekly", roleAgileCoach, 14, 18, 25, false, sorJira},
	{"wip_vs_limit", "WIP against WIP limit", "team", "weekly", roleAgileCoach, 1.0, 1.1, 1.3, false, sorJira},
	{"flow_efficiency", "Flow efficiency", "program", "monthly", roleAgileCoach, 0.4, 0.3, 0.2, true, sorADO},
	{"say_do_ratio", "Say/do ratio", "team", "fortnightly", roleAgileCoach, 0.85, 0.7, 0.6, true, sorRally},
	{"deployment_frequency", "Deployment frequency (per week)", "team", "monthly", roleReleaseManager, 3, 1, 0.25, true, sorDeployments},
	{"change_failure_rate", "Change failure rate", "program", "monthly", roleReleaseManager, 0.1, 0.15, 0.25, false, sorDeployments},
	{"time_to_restore", "Time to restore, median (hours)", "program", "monthly", roleReleaseManager, 4, 12, 24, false, sorIncidents},
	{"defect_escape_rate", "Defect escape rate", "program", "monthly", roleAgileCoach, 0.2, 0.3, 0.4, false, sorJira},
	{"pi_predictability", "PI predictability", "program", "quarterly", rolePMOLead, 0.9, 0.8, 0.7, true, sorPIObjectives},
	{"dependency_resolution_rate", "Dependencies resolved by needed-by date", "program", "fortnightly", rolePMOLead, 0.9, 0.75, 0.6, true, sorJira},
	{"okr_progress", "OKR progress", "portfolio", "monthly", rolePortfolioManager, 0.7, 0.5, 0.3, true, sorOKRs},
	{"benefit_realization_rate", "Benefit realisation rate", "portfolio", "quarterly", roleFinance, 1.0, 0.8, 0.6, true, sorBenefits},
	{"csat", "Customer satisfaction (CSAT)", "portfolio", "monthly", rolePortfolioManager, 4.3, 4.0, 3.7, true, sorCSAT},
	{"theme_coverage", "Strategic theme coverage", "portfolio", "quarterly", rolePortfolioManager, 0.9, 0.8, 0.7, true, sorJira},
}

// overdueMetrics stopped being reviewed, so the governance alert has
// something to report.
var overdueMetrics = []string{"flow_efficiency", "dependency_resolution_rate", "theme_coverage"}

var frequencyDays = map[string]int{"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91, "annually": 365}

var reviewComments = []string{
	"Within target.", "Amber — watching the teams over their WIP limit.", "Red two periods running; action raised.",
	"Rally export came late, reviewed on partial data.", "Improving since the last PI.", "Discussed in the value review; no change.",
	"Target too soft, propose tightening next quarter.",
}

func (g *gen) buildMetrics() {
	ds := g.ds
	cal := g.cal
	for i, m := range metricSpecs {
		id := int64(i + 1)
		ds.MetricDefinitions = append(ds.MetricDefinitions, backend.MetricDefinition{
			ID: id, Key: m.key, Name: m.name, Level: m.level, Frequency: m.freq, OwnerRoleID: m.owner,
			Target: ptr(m.target), Amber: ptr(m.amber), Red: ptr(m.red), HigherIsBetter: m.higher, SystemOfRecordID: m.sor,
		})
		every := frequencyDays[m.freq]
		last := cal.asOfDay - int32(g.between(0, every/2))
		if slices.Contains(overdueMetrics, m.key) {
			last = cal.asOfDay - int32(every*5/2)
		}
		// Walk back from the latest review so its date is the one chosen.
		reviewer := ds.Roles[m.owner-1].Person
		first := len(ds.MetricReviews)
		for d := last; d > cal.asOfDay-365; d -= int32(every + g.between(-1, 2)) {
			day := cal.wdDay[min(cal.nextWork[d], cal.asOfW/minutesPerWorkday)]
			ds.MetricReviews = append(ds.MetricReviews, backend.MetricReview{
				MetricID: id, ReviewedAt: cal.clock(day, 10*60+g.r.IntN(6*60)), Reviewer: reviewer, Comment: g.oneOf(reviewComments),
			})
		}
		slices.Reverse(ds.MetricReviews[first:])
	}
}

// eventPlan is a governance event before IDs are given.
type eventPlan struct {
	day     int32
	cadence string
	title   string
	program int // -1 for portfolio events
}

var decisionTexts = map[string][]string{
	"sprint_review":                  {"Accept the demonstrated features.", "Move the unfinished story to the next sprint.", "Split the feature: ship the first slice now."},
	"monthly_value_review":           {"Shift two sprints of capacity to %s.", "Pause the lowest-value epic until the next PI.", "Escalate the blocked dependencies to the RTE sync.", "Keep the investment mix; review again next month."},
	"quarterly_portfolio_assessment": {"Fund the next PI of %s as planned.", "Stop one epic that is not realising benefits.", "Rebalance towards the compliance theme.", "Approve two new epics from the funnel."},
	"annual_strategic_review":        {"Adopt the four strategic themes for 2026 with their target shares.", "Set the 2026 portfolio OKRs."},
}

var actionTexts = []string{
	"Update the business case of %s with actual costs", "Agree a WIP limit change with %s", "Clean up unmapped statuses in %s",
	"Prepare a dependency map for %s", "Review escaped defects with %s", "Re-baseline benefits of %s",
}

// buildEvents writes governance events for the year before AsOf (two at the
// large scale): an annual strategic review, a portfolio assessment after
// each PI, monthly value reviews and recent system demos per program.
func (g *gen) buildEvents() {
	cal := g.cal
	var evs []eventPlan
	years := g.p.feedbackMonths / 12
	for y := range years {
		day := cal.mustDay("2025-12-04") - int32(365*y)
		evs = append(evs, eventPlan{day, "annual_strategic_review", "Annual strategy review " + cal.date[day][:4], -1})
	}
	for pi := range g.pis {
		if p := &g.pis[pi]; p.end < cal.asOfDay {
			evs = append(evs, eventPlan{p.end + 4, "quarterly_portfolio_assessment", "Portfolio assessment — PI " + p.label, -1})
		}
	}
	asOf := cal.first.AddDate(0, 0, int(cal.asOfDay))
	for m := g.p.feedbackMonths; m >= 1; m-- {
		first := time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1-m, 0)
		second := first.AddDate(0, 0, (int(time.Tuesday)-int(first.Weekday())+7)%7+7) // second Tuesday
		if d := cal.dayOf(second); d <= cal.asOfDay {
			evs = append(evs, eventPlan{d, "monthly_value_review", "Monthly value review — " + second.Format("January 2006"), -1})
		}
	}
	for pi := range g.programs {
		for j := len(g.slots) - 1; j >= 0 && j >= len(g.slots)-7; j-- {
			if s := &g.slots[j]; s.end < cal.asOfDay {
				evs = append(evs, eventPlan{s.end - 2, "sprint_review", "System demo " + g.programs[pi].spec.short + " — " + s.name, pi})
			}
		}
	}
	slices.SortStableFunc(evs, func(a, b eventPlan) int { return cmp.Compare(a.day, b.day) })

	ds := g.ds
	for i, e := range evs {
		id := int64(i + 1)
		attendees := []string{people[personPMOLead], people[personPortfolioManager]}
		subject := g.programs[g.r.IntN(len(g.programs))]
		if e.program >= 0 {
			subject = g.programs[e.program]
			attendees = []string{people[personRTE(e.program)], people[personProductOwner(e.program)], people[personScrumMaster(e.program)]}
		} else {
			for p := range min(len(g.programs), 4) {
				attendees = append(attendees, people[personRTE(p)])
			}
		}
		ds.GovernanceEvents = append(ds.GovernanceEvents, backend.GovernanceEvent{
			ID: id, Cadence: e.cadence, Title: e.title, HeldOn: cal.date[e.day], Attendees: strings.Join(attendees, ", "),
			Notes: "Metrics as of the day before; pack circulated 48 hours ahead.",
		})
		texts := decisionTexts[e.cadence]
		for k := range g.between(1, 2) {
			ds.Decisions = append(ds.Decisions, backend.Decision{EventID: id, Text: fill(texts[(i+k)%len(texts)], subject.spec.name)})
		}
		n := g.between(1, 3)
		if e.cadence == "sprint_review" {
			n = g.r.IntN(2)
		}
		for range n {
			g.addAction(id, e, subject)
		}
	}
}

// actionOutcomes rotate over past-due actions: most done, some still open
// (the alert finds them), a few dropped.
var actionOutcomes = []string{"done", "done", "open", "done", "cancelled", "done", "done", "open", "done", "done"}

// addAction writes a follow-up action.
func (g *gen) addAction(event int64, e eventPlan, subject programInfo) {
	cal := g.cal
	due := e.day + int32(g.between(10, 45))
	role := int64(rolePMOLead)
	switch g.r.IntN(3) {
	case 1:
		role = rteRole(subject.idx)
	case 2:
		role = int64(g.between(rolePortfolioManager, roleFinance))
	}
	a := backend.Action{
		ID: int64(len(g.ds.Actions) + 1), EventID: event, Title: fill(g.oneOf(actionTexts), subject.spec.name),
		OwnerRoleID: role, Owner: g.ds.Roles[role-1].Person, DueDate: cal.date[due], Status: "open",
	}
	if due <= cal.asOfDay {
		// Past due: statuses follow a fixed rotation so every portfolio has
		// some open ones, whatever the seed.
		switch actionOutcomes[g.pastDue%len(actionOutcomes)] {
		case "done":
			a.Status, a.ClosedOn = "done", cal.date[min(e.day+int32(g.between(3, int(due-e.day)+7)), cal.asOfDay)]
		case "cancelled":
			a.Status, a.ClosedOn = "cancelled", cal.date[min(due+int32(g.between(0, 10)), cal.asOfDay)]
		}
		g.pastDue++
	}
	g.ds.Actions = append(g.ds.Actions, a)
}
