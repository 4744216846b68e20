package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/throughline/throughline/backend"
)

// LoadDataset writes a whole dataset into an empty portfolio in one
// transaction with prepared statements, keeping the dataset's IDs. Either all
// of it is stored or nothing is.
func (db *DB) LoadDataset(ctx context.Context, ds *backend.Dataset) error {
	var n int
	if err := db.db.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM work_items) + (SELECT count(*) FROM programs)").Scan(&n); err != nil {
		return fmt.Errorf("check portfolio is empty: %w", err)
	}
	if n > 0 {
		return backend.Errorf(backend.EConflict, "The portfolio %s already has data; load a generated portfolio only into an empty one.", db.path)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin load: %w", err)
	}
	defer tx.Rollback()
	if err := saveSettings(ctx, tx, ds.Settings); err != nil {
		return err
	}
	for _, step := range loadSteps(ds) {
		if err := bulk(ctx, tx, step.sql, step.n, step.args); err != nil {
			return fmt.Errorf("load %s: %w", step.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit load: %w", err)
	}
	// Fresh statistics for the query planner after a bulk load.
	if _, err := db.db.ExecContext(ctx, "PRAGMA optimize"); err != nil {
		return fmt.Errorf("optimize after load: %w", err)
	}
	return nil
}

type loadStep struct {
	name string
	sql  string
	n    int
	args func(i int) []any
}

// loadSteps lists the inserts in foreign-key order.
func loadSteps(ds *backend.Dataset) []loadStep {
	return []loadStep{
		{"themes", `INSERT INTO themes(id, name, target_share, description) VALUES (?,?,?,?)`, len(ds.Themes), func(i int) []any {
			t := ds.Themes[i]
			return []any{t.ID, t.Name, t.TargetShare, t.Description}
		}},
		{"programs", `INSERT INTO programs(id, name, description, wip_limit) VALUES (?,?,?,?)`, len(ds.Programs), func(i int) []any {
			p := ds.Programs[i]
			return []any{p.ID, p.Name, p.Description, p.WIPLimit}
		}},
		{"teams", `INSERT INTO teams(id, program_id, name, framework, sprint_length_days, wip_limit, workday_mask, tool, source_key, lead) VALUES (?,?,?,?,?,?,?,?,?,?)`, len(ds.Teams), func(i int) []any {
			t := ds.Teams[i]
			return []any{t.ID, t.ProgramID, t.Name, t.Framework, t.SprintLengthDays, t.WIPLimit, t.WorkdayMask, t.Tool, t.SourceKey, t.Lead}
		}},
		{"holidays", `INSERT INTO holidays(team_id, date, name) VALUES (?,?,?)`, len(ds.Holidays), func(i int) []any {
			h := ds.Holidays[i]
			return []any{id(h.TeamID), h.Date, h.Name}
		}},
		{"services", `INSERT INTO services(id, name, team_id) VALUES (?,?,?)`, len(ds.Services), func(i int) []any {
			s := ds.Services[i]
			return []any{s.ID, s.Name, id(s.TeamID)}
		}},
		{"program increments", `INSERT INTO program_increments(id, name, program_id, start_date, end_date) VALUES (?,?,?,?,?)`, len(ds.PIs), func(i int) []any {
			p := ds.PIs[i]
			return []any{p.ID, p.Name, id(p.ProgramID), p.StartDate, p.EndDate}
		}},
		{"sprints", `INSERT INTO sprints(id, team_id, pi_id, name, start_date, end_date, goal, goal_met) VALUES (?,?,?,?,?,?,?,?)`, len(ds.Sprints), func(i int) []any {
			s := ds.Sprints[i]
			var met any
			if s.GoalMet != nil {
				met = boolInt(*s.GoalMet)
			}
			return []any{s.ID, s.TeamID, id(s.PIID), s.Name, s.StartDate, s.EndDate, s.Goal, met}
		}},
		{"workflow mappings", `INSERT INTO workflow_mappings(team_id, source_system, raw_status, stage) VALUES (?,?,?,?)`, len(ds.WorkflowMappings), func(i int) []any {
			m := ds.WorkflowMappings[i]
			return []any{id(m.TeamID), m.SourceSystem, m.RawStatus, string(m.Stage)}
		}},
		{"roles", `INSERT INTO roles(id, name, person, responsibilities) VALUES (?,?,?,?)`, len(ds.Roles), func(i int) []any {
			r := ds.Roles[i]
			return []any{r.ID, r.Name, r.Person, r.Responsibilities}
		}},
		{"systems of record", `INSERT INTO systems_of_record(id, data_type, system, owning_team, notes) VALUES (?,?,?,?,?)`, len(ds.SystemsOfRecord), func(i int) []any {
			s := ds.SystemsOfRecord[i]
			return []any{s.ID, s.DataType, s.System, s.OwningTeam, s.Notes}
		}},
		// Parents are inserted with their children in one pass: the parent
		// reference is deferred by inserting items in ID order and relying on
		// generators giving parents smaller IDs. Where that does not hold the
		// foreign key fails loudly.
		{"work items", `INSERT INTO work_items(id, source_system, external_key, type, raw_type, title, theme_id, team_id, program_id, status, pi_id, parent_id, points, created_at, resolved_at, labels, component, priority, found_in, batch_id, source_file, source_sheet, source_row, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, len(ds.Items), func(i int) []any {
			w := ds.Items[i]
			var pts any
			if w.Points != nil {
				pts = *w.Points
			}
			created := ts(w.CreatedAt)
			return []any{w.ID, w.SourceSystem, w.ExternalKey, string(w.Type), w.RawType, w.Title, id(w.ThemeID), id(w.TeamID), id(w.ProgramID), w.Status, id(w.PIID), id(w.ParentID), pts, created, tsPtr(w.ResolvedAt), w.Labels, w.Component, w.Priority, w.FoundIn, id(w.BatchID), w.SourceFile, w.SourceSheet, w.SourceRow, created}
		}},
		{"status changes", `INSERT INTO status_changes(item_id, from_status, to_status, changed_at, batch_id) VALUES (?,?,?,?,?)`, len(ds.StatusChanges), func(i int) []any {
			c := ds.StatusChanges[i]
			return []any{c.ItemID, c.FromStatus, c.ToStatus, ts(c.ChangedAt), id(c.BatchID)}
		}},
		{"blocked periods", `INSERT INTO blocked_periods(item_id, started_at, ended_at, reason) VALUES (?,?,?,?)`, len(ds.BlockedPeriods), func(i int) []any {
			b := ds.BlockedPeriods[i]
			return []any{b.ItemID, ts(b.StartedAt), tsPtr(b.EndedAt), b.Reason}
		}},
		{"item sprints", `INSERT INTO item_sprints(item_id, sprint_id, added_at, committed) VALUES (?,?,?,?)`, len(ds.ItemSprints), func(i int) []any {
			s := ds.ItemSprints[i]
			return []any{s.ItemID, s.SprintID, ts(s.AddedAt), boolInt(s.Committed)}
		}},
		{"item links", `INSERT INTO item_links(from_item_id, to_item_id, kind) VALUES (?,?,?)`, len(ds.ItemLinks), func(i int) []any {
			l := ds.ItemLinks[i]
			return []any{l.FromItemID, l.ToItemID, l.Kind}
		}},
		{"dependencies", `INSERT INTO dependencies(id, external_key, from_item_id, from_team_id, to_item_id, to_team_id, description, needed_by, state, risk, created_at, resolved_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, len(ds.Dependencies), func(i int) []any {
			d := ds.Dependencies[i]
			return []any{d.ID, d.ExternalKey, id(d.FromItemID), id(d.FromTeamID), id(d.ToItemID), id(d.ToTeamID), d.Description, text(d.NeededBy), d.State, d.Risk, ts(d.CreatedAt), tsPtr(d.ResolvedAt)}
		}},
		{"deployments", `INSERT INTO deployments(id, external_key, service_id, team_id, environment, deployed_at, change_started_at, outcome, recovered_at, change_request) VALUES (?,?,?,?,?,?,?,?,?,?)`, len(ds.Deployments), func(i int) []any {
			d := ds.Deployments[i]
			return []any{d.ID, d.ExternalKey, id(d.ServiceID), id(d.TeamID), d.Environment, ts(d.DeployedAt), tsPtr(d.ChangeStartedAt), d.Outcome, tsPtr(d.RecoveredAt), d.ChangeRequest}
		}},
		{"incidents", `INSERT INTO incidents(id, external_key, service_id, team_id, severity, title, opened_at, resolved_at, caused_by_deployment_id) VALUES (?,?,?,?,?,?,?,?,?)`, len(ds.Incidents), func(i int) []any {
			x := ds.Incidents[i]
			return []any{x.ID, x.ExternalKey, id(x.ServiceID), id(x.TeamID), x.Severity, x.Title, ts(x.OpenedAt), tsPtr(x.ResolvedAt), id(x.CausedByDeploymentID)}
		}},
		{"objectives", `INSERT INTO objectives(id, level, parent_id, program_id, team_id, theme_id, title, owner, period, kind) VALUES (?,?,?,?,?,?,?,?,?,?)`, len(ds.Objectives), func(i int) []any {
			o := ds.Objectives[i]
			return []any{o.ID, o.Level, id(o.ParentID), id(o.ProgramID), id(o.TeamID), id(o.ThemeID), o.Title, o.Owner, o.Period, o.Kind}
		}},
		{"key results", `INSERT INTO key_results(id, objective_id, title, unit, baseline, target, weight) VALUES (?,?,?,?,?,?,?)`, len(ds.KeyResults), func(i int) []any {
			k := ds.KeyResults[i]
			return []any{k.ID, k.ObjectiveID, k.Title, k.Unit, k.Baseline, k.Target, k.Weight}
		}},
		{"key result updates", `INSERT INTO key_result_updates(key_result_id, recorded_on, value, confidence, note) VALUES (?,?,?,?,?)`, len(ds.KeyResultUpdates), func(i int) []any {
			u := ds.KeyResultUpdates[i]
			var conf any
			if u.Confidence != nil {
				conf = *u.Confidence
			}
			return []any{u.KeyResultID, u.RecordedOn, u.Value, conf, u.Note}
		}},
		{"objective epics", `INSERT INTO objective_epics(objective_id, epic_id) VALUES (?,?)`, len(ds.ObjectiveEpics), func(i int) []any {
			o := ds.ObjectiveEpics[i]
			return []any{o.ObjectiveID, o.EpicID}
		}},
		{"PI objectives", `INSERT INTO pi_objectives(id, team_id, pi_id, title, committed, planned_bv, actual_bv) VALUES (?,?,?,?,?,?,?)`, len(ds.PIObjectives), func(i int) []any {
			p := ds.PIObjectives[i]
			var actual any
			if p.ActualBV != nil {
				actual = *p.ActualBV
			}
			return []any{p.ID, p.TeamID, p.PIID, p.Title, boolInt(p.Committed), p.PlannedBV, actual}
		}},
		{"business cases", `INSERT INTO business_cases(id, epic_id, planned_amount, unit, expected_date, cost, description) VALUES (?,?,?,?,?,?,?)`, len(ds.BusinessCases), func(i int) []any {
			b := ds.BusinessCases[i]
			return []any{b.ID, b.EpicID, b.PlannedAmount, b.Unit, text(b.ExpectedDate), b.Cost, b.Description}
		}},
		{"planned benefits", `INSERT INTO planned_benefits(business_case_id, due_date, amount) VALUES (?,?,?)`, len(ds.PlannedBenefits), func(i int) []any {
			p := ds.PlannedBenefits[i]
			return []any{p.BusinessCaseID, p.DueDate, p.Amount}
		}},
		{"benefit measurements", `INSERT INTO benefit_measurements(business_case_id, measured_on, amount, note) VALUES (?,?,?,?)`, len(ds.Benefits), func(i int) []any {
			b := ds.Benefits[i]
			return []any{b.BusinessCaseID, b.MeasuredOn, b.Amount, b.Note}
		}},
		{"customer feedback", `INSERT INTO customer_feedback(program_id, product, kind, period_start, period_end, score, responses) VALUES (?,?,?,?,?,?,?)`, len(ds.Feedback), func(i int) []any {
			f := ds.Feedback[i]
			return []any{id(f.ProgramID), f.Product, f.Kind, f.PeriodStart, f.PeriodEnd, f.Score, f.Responses}
		}},
		{"metric definitions", `INSERT INTO metric_definitions(id, key, name, level, frequency, owner_role_id, target, amber, red, higher_is_better, system_of_record_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, len(ds.MetricDefinitions), func(i int) []any {
			m := ds.MetricDefinitions[i]
			return []any{m.ID, m.Key, m.Name, m.Level, m.Frequency, id(m.OwnerRoleID), floatPtr(m.Target), floatPtr(m.Amber), floatPtr(m.Red), boolInt(m.HigherIsBetter), id(m.SystemOfRecordID)}
		}},
		{"metric reviews", `INSERT INTO metric_reviews(metric_id, reviewed_at, reviewer, comment) VALUES (?,?,?,?)`, len(ds.MetricReviews), func(i int) []any {
			r := ds.MetricReviews[i]
			return []any{r.MetricID, ts(r.ReviewedAt), r.Reviewer, r.Comment}
		}},
		{"governance events", `INSERT INTO governance_events(id, cadence, title, held_on, attendees, notes) VALUES (?,?,?,?,?,?)`, len(ds.GovernanceEvents), func(i int) []any {
			e := ds.GovernanceEvents[i]
			return []any{e.ID, e.Cadence, e.Title, e.HeldOn, e.Attendees, e.Notes}
		}},
		{"decisions", `INSERT INTO governance_decisions(event_id, text) VALUES (?,?)`, len(ds.Decisions), func(i int) []any {
			d := ds.Decisions[i]
			return []any{d.EventID, d.Text}
		}},
		{"actions", `INSERT INTO governance_actions(id, event_id, title, owner_role_id, owner, due_date, status, closed_on) VALUES (?,?,?,?,?,?,?,?)`, len(ds.Actions), func(i int) []any {
			a := ds.Actions[i]
			return []any{a.ID, id(a.EventID), a.Title, id(a.OwnerRoleID), a.Owner, text(a.DueDate), a.Status, text(a.ClosedOn)}
		}},
	}
}

func floatPtr(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// bulk prepares query once and executes it n times inside tx.
func bulk(ctx context.Context, tx *sql.Tx, query string, n int, args func(i int) []any) error {
	if n == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	defer stmt.Close()
	for i := 0; i < n; i++ {
		if _, err := stmt.ExecContext(ctx, args(i)...); err != nil {
			return fmt.Errorf("row %d: %w", i+1, err)
		}
	}
	return nil
}
