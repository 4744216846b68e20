package sqlite

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/throughline/throughline/backend"
)

// dateLayout is how civil dates are stored.
const dateLayout = "2006-01-02"

// maxProblems caps the problems one error lists; the import layer's
// validation report has them all.
const maxProblems = 20

// The vocabularies of the schema's CHECK constraints (migration 0001) and of
// the team register, with the spellings files use for them.
var (
	tools      = vocabulary{words: []string{"jira", "ado", "rally", "sheet"}, aliases: map[string]string{"azure_devops": "ado", "azure_boards": "ado", "spreadsheet": "sheet"}}
	frameworks = vocabulary{words: []string{"scrum", "kanban"}}
	outcomes   = vocabulary{words: []string{"success", "failed", "rolled_back"}, aliases: map[string]string{"rolledback": "rolled_back"}}
	states     = vocabulary{words: []string{"requested", "committed", "resolved", "blocked"}}
	risks      = vocabulary{words: []string{"low", "medium", "high"}}
	feedbacks  = vocabulary{words: []string{"csat", "nps"}}
)

// vocabulary is the allowed values of one field.
type vocabulary struct {
	words   []string
	aliases map[string]string
}

// norm folds case, surrounding spaces and the choice of ' ', '-' or '_' as
// a separator, so "Rolled back" is rolled_back.
func norm(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "_")
}

func (v vocabulary) human() string {
	out := make([]string, len(v.words))
	for i, w := range v.words {
		out[i] = strings.ReplaceAll(w, "_", " ")
	}
	return strings.Join(out, ", ")
}

// problems collects what is wrong with the records, one sentence each.
type problems []string

func (p *problems) add(loc, format string, args ...any) {
	*p = append(*p, loc+": "+fmt.Sprintf(format, args...))
}

// word normalises value to one of v's words; "" stays "" when optional.
func (p *problems) word(loc, field, value string, v vocabulary, optional bool) string {
	n := norm(value)
	if a, ok := v.aliases[n]; ok {
		n = a
	}
	switch {
	case n == "" && optional:
		return ""
	case n == "":
		p.add(loc, "the %s is missing; it must be one of %s.", field, v.human())
	case !slices.Contains(v.words, n):
		p.add(loc, "%s %q is not one of %s.", field, value, v.human())
	}
	return n
}

func (p *problems) required(loc, field, value string) string {
	value = strings.TrimSpace(value)
	if value == "" {
		p.add(loc, "the %s is missing.", field)
	}
	return value
}

func (p *problems) instant(loc, field string, t time.Time) {
	if t.IsZero() {
		p.add(loc, "the %s is missing.", field)
	}
}

// date checks an optional YYYY-MM-DD date (required when asked).
func (p *problems) date(loc, field, value string, required bool) string {
	value = strings.TrimSpace(value)
	if value == "" {
		if required {
			p.add(loc, "the %s is missing.", field)
		}
		return ""
	}
	if _, err := time.Parse(dateLayout, value); err != nil {
		p.add(loc, "%s %q is not a date (YYYY-MM-DD).", field, value)
	}
	return value
}

func (p *problems) number(loc, field string, v, lo, hi float64) {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		p.add(loc, "%s is not a number.", field)
	case v < lo && math.IsInf(hi, 1):
		p.add(loc, "%s %g is less than %g.", field, v, lo)
	case v < lo || v > hi:
		p.add(loc, "%s %g is not between %g and %g.", field, v, lo, hi)
	}
}

// after checks that an optional later instant is not before an earlier one.
func (p *problems) after(loc, field string, t *time.Time, earlierField string, earlier time.Time) {
	if t != nil && !earlier.IsZero() && t.Before(earlier) {
		p.add(loc, "%s %s is before %s %s.", field, ts(*t), earlierField, ts(earlier))
	}
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	msg := strings.Join(p[:min(len(p), maxProblems)], "\n")
	if len(p) > maxProblems {
		msg += fmt.Sprintf("\n…and %d more problems.", len(p)-maxProblems)
	}
	return backend.Errorf(backend.EInvalid, "%s", msg)
}

var unbounded = math.Inf(1)

// validateRecords checks every record against the schema's vocabularies and
// ranges before anything is written, and returns them normalised: codes in
// their stored spelling, names and keys trimmed, defaults filled in.
func validateRecords(in backend.ImportRecords) (backend.ImportRecords, error) {
	var p problems
	recs := backend.ImportRecords{Teams: slices.Clone(in.Teams), Epics: slices.Clone(in.Epics), Deployments: slices.Clone(in.Deployments),
		Incidents: slices.Clone(in.Incidents), PIObjectives: slices.Clone(in.PIObjectives), KRUpdates: slices.Clone(in.KRUpdates),
		Benefits: slices.Clone(in.Benefits), Feedback: slices.Clone(in.Feedback), Dependencies: slices.Clone(in.Dependencies),
		Sprints: slices.Clone(in.Sprints)}
	for i := range recs.Teams {
		r := &recs.Teams[i]
		loc := where(r.File, r.Sheet, r.Row)
		r.Team = p.required(loc, "team name", r.Team)
		r.Tool = p.word(loc, "tool", r.Tool, tools, true)
		r.Framework = p.word(loc, "framework", r.Framework, frameworks, true)
		if r.WIPLimit != nil {
			p.number(loc, "WIP limit", float64(*r.WIPLimit), 0, unbounded)
		}
		if r.SprintLengthDays != nil {
			p.number(loc, "sprint length (days)", float64(*r.SprintLengthDays), 1, 60)
		}
	}
	for i := range recs.Epics {
		r := &recs.Epics[i]
		loc := where(r.File, r.Sheet, r.Row)
		r.Key = p.required(loc, "epic id", r.Key)
		r.StartDate = p.date(loc, "start date", r.StartDate, false)
		if r.CreatedAt.IsZero() && r.StartDate == "" {
			p.add(loc, "the created date is missing (a start date would do).")
		}
		if r.Points != nil {
			p.number(loc, "points", *r.Points, 0, unbounded)
		}
	}
	for i := range recs.Deployments {
		validateDeployment(&p, &recs.Deployments[i])
	}
	for i := range recs.Incidents {
		r := &recs.Incidents[i]
		loc := where(r.File, r.Sheet, r.Row)
		r.Key = p.required(loc, "incident id", r.Key)
		r.Severity, r.Title = strings.TrimSpace(r.Severity), strings.TrimSpace(r.Title)
		r.CausedByDeploymentKey, r.CausedByChangeRequest = strings.TrimSpace(r.CausedByDeploymentKey), strings.TrimSpace(r.CausedByChangeRequest)
		p.instant(loc, "opened date", r.OpenedAt)
		p.after(loc, "resolved", r.ResolvedAt, "opened", r.OpenedAt)
	}
	for i := range recs.PIObjectives {
		r := &recs.PIObjectives[i]
		loc := where(r.File, r.Sheet, r.Row)
		r.Team = p.required(loc, "team", r.Team)
		r.PI = p.required(loc, "PI", r.PI)
		r.Title = p.required(loc, "objective", r.Title)
		r.PIStart = p.date(loc, "PI start", r.PIStart, r.PIEnd != "")
		r.PIEnd = p.date(loc, "PI end", r.PIEnd, r.PIStart != "")
		if r.PIStart != "" && r.PIEnd != "" && r.PIEnd < r.PIStart {
			p.add(loc, "PI end %s is before PI start %s.", r.PIEnd, r.PIStart)
		}
		p.number(loc, "planned business value", float64(r.PlannedBV), 1, 10)
		if r.ActualBV != nil {
			p.number(loc, "actual business value", float64(*r.ActualBV), 0, 10)
		}
	}
	for i := range recs.KRUpdates {
		r := &recs.KRUpdates[i]
		loc := where(r.File, r.Sheet, r.Row)
		r.Objective = p.required(loc, "objective", r.Objective)
		r.KeyResult = p.required(loc, "key result", r.KeyResult)
		r.RecordedOn = p.date(loc, "recorded on", r.RecordedOn, true)
		p.number(loc, "value", r.Value, -unbounded, unbounded)
		if r.Confidence != nil {
			p.number(loc, "confidence", *r.Confidence, 0, 1)
		}
	}
	for i := range recs.Benefits {
		r := &recs.Benefits[i]
		loc := where(r.File, r.Sheet, r.Row)
		r.EpicKey = p.required(loc, "epic id", r.EpicKey)
		r.MeasuredOn = p.date(loc, "measured on", r.MeasuredOn, true)
		r.ExpectedDate = p.date(loc, "expected date", r.ExpectedDate, false)
		p.number(loc, "amount", r.Amount, -unbounded, unbounded)
		if r.PlannedAmount != nil {
			p.number(loc, "planned amount", *r.PlannedAmount, -unbounded, unbounded)
		}
	}
	for i := range recs.Feedback {
		validateFeedback(&p, &recs.Feedback[i])
	}
	for i := range recs.Dependencies {
		r := &recs.Dependencies[i]
		loc := where(r.File, r.Sheet, r.Row)
		r.Key, r.Description = strings.TrimSpace(r.Key), strings.TrimSpace(r.Description)
		r.FromItemKey, r.ToItemKey = strings.TrimSpace(r.FromItemKey), strings.TrimSpace(r.ToItemKey)
		if r.Key == "" && r.Description == "" {
			p.add(loc, "the dependency has neither an id nor a description.")
		}
		if r.State = p.word(loc, "state", r.State, states, true); r.State == "" {
			r.State = "requested"
		}
		if r.Risk = p.word(loc, "risk", r.Risk, risks, true); r.Risk == "" {
			r.Risk = "low"
		}
		r.NeededBy = p.date(loc, "needed by", r.NeededBy, false)
		if r.CreatedAt.IsZero() {
			// Created is optional in the template and in most dependency
			// registers. Take the earliest date the row does give, so the
			// dependency is not "created after" the dates it is measured on;
			// with none, the time of the import.
			r.CreatedAt = dependencyCreated(r)
		}
		p.after(loc, "resolved", r.ResolvedAt, "created", r.CreatedAt)
	}
	for i := range recs.Sprints {
		r := &recs.Sprints[i]
		loc := where(r.File, r.Sheet, r.Row)
		r.Team = p.required(loc, "team", r.Team)
		r.Sprint = p.required(loc, "sprint name", r.Sprint)
		r.PI, r.Goal = strings.TrimSpace(r.PI), strings.TrimSpace(r.Goal)
		r.StartDate = p.date(loc, "sprint start", r.StartDate, true)
		r.EndDate = p.date(loc, "sprint end", r.EndDate, true)
		if r.StartDate != "" && r.EndDate != "" && r.EndDate < r.StartDate {
			p.add(loc, "sprint end %s is before sprint start %s.", r.EndDate, r.StartDate)
		}
	}
	return recs, p.err()
}

func validateDeployment(p *problems, r *backend.DeploymentRecord) {
	loc := where(r.File, r.Sheet, r.Row)
	r.Key, r.Service, r.ChangeRequest = strings.TrimSpace(r.Key), strings.TrimSpace(r.Service), strings.TrimSpace(r.ChangeRequest)
	if r.Key == "" && r.Service == "" {
		p.add(loc, "the deployment has neither an id nor a service.")
	}
	p.instant(loc, "deployment time", r.DeployedAt)
	r.Outcome = p.word(loc, "outcome", r.Outcome, outcomes, false)
	// Only production deployments count for DORA (PRODUCT §7): the usual
	// abbreviations of production are production.
	switch r.Environment = strings.TrimSpace(r.Environment); norm(r.Environment) {
	case "", "prod", "prd", "production":
		r.Environment = "production"
	}
	p.after(loc, "recovered", r.RecoveredAt, "deployed", r.DeployedAt)
	if r.ChangeStartedAt != nil && !r.DeployedAt.IsZero() && r.ChangeStartedAt.After(r.DeployedAt) {
		p.add(loc, "change started %s is after the deployment at %s.", ts(*r.ChangeStartedAt), ts(r.DeployedAt))
	}
	for _, c := range r.Commits {
		if strings.TrimSpace(c.SHA) == "" || c.CommittedAt.IsZero() {
			p.add(loc, "a commit has no SHA or no commit time.")
			return
		}
	}
	if first := earliest(r.Commits); r.ChangeStartedAt == nil && !first.IsZero() && !r.DeployedAt.IsZero() && first.After(r.DeployedAt) {
		p.add(loc, "the earliest commit, %s, is after the deployment at %s.", ts(first), ts(r.DeployedAt))
	}
}

func validateFeedback(p *problems, r *backend.FeedbackRecord) {
	loc := where(r.File, r.Sheet, r.Row)
	r.Program, r.Product = strings.TrimSpace(r.Program), strings.TrimSpace(r.Product)
	if r.Program == "" && r.Product == "" {
		p.add(loc, "the feedback names neither a program nor a product.")
	}
	r.Kind = p.word(loc, "kind", r.Kind, feedbacks, false)
	r.PeriodStart = p.date(loc, "period start", r.PeriodStart, true)
	r.PeriodEnd = p.date(loc, "period end", r.PeriodEnd, true)
	if r.PeriodStart != "" && r.PeriodEnd != "" && r.PeriodEnd < r.PeriodStart {
		p.add(loc, "period end %s is before period start %s.", r.PeriodEnd, r.PeriodStart)
	}
	switch r.Kind {
	case "csat":
		p.number(loc, "CSAT score", r.Score, 1, 5)
	case "nps":
		p.number(loc, "NPS score", r.Score, -100, 100)
	}
	p.number(loc, "responses", float64(r.Responses), 0, unbounded)
}

// dependencyCreated picks a creation time for a dependency row without one:
// the earlier of its needed-by date and its resolution, else now.
func dependencyCreated(r *backend.DependencyRecord) time.Time {
	var t time.Time
	if d, err := time.Parse(time.DateOnly, r.NeededBy); err == nil {
		t = d
	}
	if r.ResolvedAt != nil && (t.IsZero() || r.ResolvedAt.Before(t)) {
		t = *r.ResolvedAt
	}
	if t.IsZero() {
		t = time.Now().UTC().Truncate(time.Second)
	}
	return t
}
