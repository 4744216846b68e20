package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/throughline/throughline/backend"
)

// ReadDataset reads everything the metrics and reports need except the raw
// work items and status history (ItemFlows loads those, resolved to
// stages): settings, structure, calendars, sprints, dependencies, delivery,
// value and governance data.
func (db *DB) ReadDataset(ctx context.Context) (*backend.Dataset, error) {
	ds := &backend.Dataset{}
	var err error
	if ds.Settings, err = db.Settings(ctx); err != nil {
		return nil, err
	}
	if ds.Programs, ds.Teams, err = db.Structure(ctx); err != nil {
		return nil, err
	}
	readers := []struct {
		name  string
		query string
		scan  func(rows *sql.Rows) error
	}{
		{"themes", `SELECT id, name, target_share, description FROM themes ORDER BY id`, func(r *sql.Rows) error {
			var t backend.Theme
			err := r.Scan(&t.ID, &t.Name, &t.TargetShare, &t.Description)
			ds.Themes = append(ds.Themes, t)
			return err
		}},
		{"holidays", `SELECT coalesce(team_id, 0), date, name FROM holidays ORDER BY date`, func(r *sql.Rows) error {
			var h backend.Holiday
			err := r.Scan(&h.TeamID, &h.Date, &h.Name)
			ds.Holidays = append(ds.Holidays, h)
			return err
		}},
		{"services", `SELECT id, name, coalesce(team_id, 0) FROM services ORDER BY id`, func(r *sql.Rows) error {
			var s backend.Service
			err := r.Scan(&s.ID, &s.Name, &s.TeamID)
			ds.Services = append(ds.Services, s)
			return err
		}},
		{"program increments", `SELECT id, name, coalesce(program_id, 0), start_date, end_date FROM program_increments ORDER BY start_date, id`, func(r *sql.Rows) error {
			var p backend.PI
			err := r.Scan(&p.ID, &p.Name, &p.ProgramID, &p.StartDate, &p.EndDate)
			ds.PIs = append(ds.PIs, p)
			return err
		}},
		{"sprints", `SELECT id, team_id, coalesce(pi_id, 0), name, start_date, end_date, goal, goal_met FROM sprints ORDER BY team_id, start_date`, func(r *sql.Rows) error {
			var s backend.Sprint
			var met sql.NullBool
			err := r.Scan(&s.ID, &s.TeamID, &s.PIID, &s.Name, &s.StartDate, &s.EndDate, &s.Goal, &met)
			if met.Valid {
				s.GoalMet = &met.Bool
			}
			ds.Sprints = append(ds.Sprints, s)
			return err
		}},
		{"item sprints", `SELECT item_id, sprint_id, added_at, committed FROM item_sprints ORDER BY sprint_id, item_id`, func(r *sql.Rows) error {
			var s backend.ItemSprint
			var added string
			if err := r.Scan(&s.ItemID, &s.SprintID, &added, &s.Committed); err != nil {
				return err
			}
			t, err := parseTime(added)
			s.AddedAt = t
			ds.ItemSprints = append(ds.ItemSprints, s)
			return err
		}},
		{"blocked periods", `SELECT item_id, started_at, ended_at, reason FROM blocked_periods ORDER BY item_id, started_at`, func(r *sql.Rows) error {
			var b backend.BlockedPeriod
			var start string
			var end sql.NullString
			if err := r.Scan(&b.ItemID, &start, &end, &b.Reason); err != nil {
				return err
			}
			var err error
			if b.StartedAt, err = parseTime(start); err != nil {
				return err
			}
			b.EndedAt, err = parseNullTime(end)
			ds.BlockedPeriods = append(ds.BlockedPeriods, b)
			return err
		}},
		{"dependencies", `SELECT id, external_key, coalesce(from_item_id, 0), coalesce(from_team_id, 0), coalesce(to_item_id, 0), coalesce(to_team_id, 0), description, coalesce(needed_by, ''), state, risk, created_at, resolved_at FROM dependencies ORDER BY id`, func(r *sql.Rows) error {
			var d backend.Dependency
			var created string
			var resolved sql.NullString
			if err := r.Scan(&d.ID, &d.ExternalKey, &d.FromItemID, &d.FromTeamID, &d.ToItemID, &d.ToTeamID, &d.Description, &d.NeededBy, &d.State, &d.Risk, &created, &resolved); err != nil {
				return err
			}
			var err error
			if d.CreatedAt, err = parseTime(created); err != nil {
				return err
			}
			d.ResolvedAt, err = parseNullTime(resolved)
			ds.Dependencies = append(ds.Dependencies, d)
			return err
		}},
		{"deployments", `SELECT id, external_key, coalesce(service_id, 0), coalesce(team_id, 0), environment, deployed_at, change_started_at, outcome, recovered_at, change_request FROM deployments ORDER BY deployed_at, id`, func(r *sql.Rows) error {
			var d backend.Deployment
			var at string
			var started, recovered sql.NullString
			if err := r.Scan(&d.ID, &d.ExternalKey, &d.ServiceID, &d.TeamID, &d.Environment, &at, &started, &d.Outcome, &recovered, &d.ChangeRequest); err != nil {
				return err
			}
			var err error
			if d.DeployedAt, err = parseTime(at); err != nil {
				return err
			}
			if d.ChangeStartedAt, err = parseNullTime(started); err != nil {
				return err
			}
			d.RecoveredAt, err = parseNullTime(recovered)
			ds.Deployments = append(ds.Deployments, d)
			return err
		}},
		{"incidents", `SELECT id, external_key, coalesce(service_id, 0), coalesce(team_id, 0), severity, title, opened_at, resolved_at, coalesce(caused_by_deployment_id, 0) FROM incidents ORDER BY opened_at, id`, func(r *sql.Rows) error {
			var x backend.Incident
			var opened string
			var resolved sql.NullString
			if err := r.Scan(&x.ID, &x.ExternalKey, &x.ServiceID, &x.TeamID, &x.Severity, &x.Title, &opened, &resolved, &x.CausedByDeploymentID); err != nil {
				return err
			}
			var err error
			if x.OpenedAt, err = parseTime(opened); err != nil {
				return err
			}
			x.ResolvedAt, err = parseNullTime(resolved)
			ds.Incidents = append(ds.Incidents, x)
			return err
		}},
		{"objectives", `SELECT id, level, coalesce(parent_id, 0), coalesce(program_id, 0), coalesce(team_id, 0), coalesce(theme_id, 0), title, owner, period, kind FROM objectives ORDER BY id`, func(r *sql.Rows) error {
			var o backend.Objective
			err := r.Scan(&o.ID, &o.Level, &o.ParentID, &o.ProgramID, &o.TeamID, &o.ThemeID, &o.Title, &o.Owner, &o.Period, &o.Kind)
			ds.Objectives = append(ds.Objectives, o)
			return err
		}},
		{"key results", `SELECT id, objective_id, title, unit, baseline, target, weight FROM key_results ORDER BY id`, func(r *sql.Rows) error {
			var k backend.KeyResult
			err := r.Scan(&k.ID, &k.ObjectiveID, &k.Title, &k.Unit, &k.Baseline, &k.Target, &k.Weight)
			ds.KeyResults = append(ds.KeyResults, k)
			return err
		}},
		{"key result updates", `SELECT key_result_id, recorded_on, value, confidence, note FROM key_result_updates ORDER BY key_result_id, recorded_on, id`, func(r *sql.Rows) error {
			var u backend.KeyResultUpdate
			var conf sql.NullFloat64
			err := r.Scan(&u.KeyResultID, &u.RecordedOn, &u.Value, &conf, &u.Note)
			if conf.Valid {
				u.Confidence = &conf.Float64
			}
			ds.KeyResultUpdates = append(ds.KeyResultUpdates, u)
			return err
		}},
		{"objective epics", `SELECT objective_id, epic_id FROM objective_epics ORDER BY objective_id, epic_id`, func(r *sql.Rows) error {
			var o backend.ObjectiveEpic
			err := r.Scan(&o.ObjectiveID, &o.EpicID)
			ds.ObjectiveEpics = append(ds.ObjectiveEpics, o)
			return err
		}},
		{"PI objectives", `SELECT id, team_id, pi_id, title, committed, planned_bv, actual_bv FROM pi_objectives ORDER BY pi_id, team_id, id`, func(r *sql.Rows) error {
			var p backend.PIObjective
			var actual sql.NullInt64
			err := r.Scan(&p.ID, &p.TeamID, &p.PIID, &p.Title, &p.Committed, &p.PlannedBV, &actual)
			if actual.Valid {
				a := int(actual.Int64)
				p.ActualBV = &a
			}
			ds.PIObjectives = append(ds.PIObjectives, p)
			return err
		}},
		{"business cases", `SELECT id, epic_id, planned_amount, unit, coalesce(expected_date, ''), cost, description FROM business_cases ORDER BY id`, func(r *sql.Rows) error {
			var b backend.BusinessCase
			err := r.Scan(&b.ID, &b.EpicID, &b.PlannedAmount, &b.Unit, &b.ExpectedDate, &b.Cost, &b.Description)
			ds.BusinessCases = append(ds.BusinessCases, b)
			return err
		}},
		{"planned benefits", `SELECT business_case_id, due_date, amount FROM planned_benefits ORDER BY business_case_id, due_date`, func(r *sql.Rows) error {
			var p backend.PlannedBenefit
			err := r.Scan(&p.BusinessCaseID, &p.DueDate, &p.Amount)
			ds.PlannedBenefits = append(ds.PlannedBenefits, p)
			return err
		}},
		{"benefit measurements", `SELECT business_case_id, measured_on, amount, note FROM benefit_measurements ORDER BY business_case_id, measured_on`, func(r *sql.Rows) error {
			var b backend.BenefitMeasurement
			err := r.Scan(&b.BusinessCaseID, &b.MeasuredOn, &b.Amount, &b.Note)
			ds.Benefits = append(ds.Benefits, b)
			return err
		}},
		{"customer feedback", `SELECT coalesce(program_id, 0), product, kind, period_start, period_end, score, responses FROM customer_feedback ORDER BY period_start, id`, func(r *sql.Rows) error {
			var f backend.CustomerFeedback
			err := r.Scan(&f.ProgramID, &f.Product, &f.Kind, &f.PeriodStart, &f.PeriodEnd, &f.Score, &f.Responses)
			ds.Feedback = append(ds.Feedback, f)
			return err
		}},
	}
	for _, rd := range readers {
		if err := scanAll(ctx, db.db, rd.query, rd.scan); err != nil {
			return nil, fmt.Errorf("read %s: %w", rd.name, err)
		}
	}
	return ds, nil
}

// scanAll runs query and calls scan for every row.
func scanAll(ctx context.Context, q querier, query string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
