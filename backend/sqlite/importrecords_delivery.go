package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/throughline/throughline/backend"
)

// The delivery tables record imports write.
var (
	deploymentsTable = rowTable{name: "deployments", columns: withProvenance("external_key", "service_id", "team_id", "environment",
		"deployed_at", "change_started_at", "outcome", "recovered_at", "change_request"), compared: 9}
	incidentsTable = rowTable{name: "incidents", columns: withProvenance("external_key", "service_id", "team_id", "severity", "title",
		"opened_at", "resolved_at", "caused_by_deployment_id"), compared: 8}
	dependenciesTable = rowTable{name: "dependencies", columns: withProvenance("external_key", "from_item_id", "from_team_id", "to_item_id",
		"to_team_id", "description", "needed_by", "state", "risk", "created_at", "resolved_at"), compared: 11}
)

// deployments upserts a CD log by deployment key, or by (service, deployed
// at) for rows without one, and appends the commits not stored yet.
func (w *recordWriter) deployments(recs []backend.DeploymentRecord) error {
	for _, r := range recs {
		loc := where(r.File, r.Sheet, r.Row)
		team, err := w.team(r.Team)
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		var svc serviceRef
		if r.Service != "" {
			if svc, err = w.service(loc, r.Service, team); err != nil {
				return fmt.Errorf("%s: %w", loc, err)
			}
			if team == 0 {
				team = svc.team
			}
		}
		var id int64
		if r.Key != "" {
			id, err = w.lookupID(`SELECT id FROM deployments WHERE external_key = ? AND external_key <> '' ORDER BY id LIMIT 1`, r.Key)
		} else {
			id, err = w.lookupID(`SELECT id FROM deployments WHERE external_key = '' AND service_id IS ? AND deployed_at = ? ORDER BY id LIMIT 1`, id0(svc.id), ts(r.DeployedAt))
		}
		if err != nil {
			return fmt.Errorf("%s: look up deployment: %w", loc, err)
		}
		started, err := w.changeStarted(id, r)
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		id, a, err := w.put(deploymentsTable, id, nil, []any{r.Key, id0(svc.id), id0(team), r.Environment, ts(r.DeployedAt), started,
			r.Outcome, tsPtr(r.RecoveredAt), r.ChangeRequest, w.batch, r.File, r.Sheet, r.Row})
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		for _, c := range r.Commits {
			res, err := w.exec(`INSERT OR IGNORE INTO deployment_commits(deployment_id, sha, committed_at, batch_id) VALUES (?,?,?,?)`,
				id, c.SHA, ts(c.CommittedAt), w.batch)
			if err != nil {
				return fmt.Errorf("%s: add commit %s: %w", loc, c.SHA, err)
			}
			if n, _ := res.RowsAffected(); n > 0 && a == rowUnchanged {
				a = rowUpdated // undo removes the commits by their batch
			}
		}
		w.note("deployments", id, a)
	}
	return nil
}

// changeStarted is the row's change start, or else the earliest commit of
// the deployment, counting those already stored (the CD log may come
// without its commits table the next time).
func (w *recordWriter) changeStarted(id int64, r backend.DeploymentRecord) (any, error) {
	if r.ChangeStartedAt != nil {
		return ts(*r.ChangeStartedAt), nil
	}
	var earliest string
	for _, c := range r.Commits {
		if t := ts(c.CommittedAt); earliest == "" || t < earliest {
			earliest = t
		}
	}
	if id != 0 {
		var stored sql.NullString
		if err := w.scan(`SELECT min(committed_at) FROM deployment_commits WHERE deployment_id = ?`, []any{id}, &stored); err != nil {
			return nil, fmt.Errorf("read commits: %w", err)
		}
		if stored.Valid && (earliest == "" || stored.String < earliest) {
			earliest = stored.String
		}
	}
	return text(earliest), nil
}

// incidents upserts a service-desk export by incident key and links each
// incident to the deployment that caused it.
func (w *recordWriter) incidents(recs []backend.IncidentRecord) error {
	for _, r := range recs {
		loc := where(r.File, r.Sheet, r.Row)
		team, err := w.team(r.Team)
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		var svc serviceRef
		if r.Service != "" {
			if svc, err = w.service(loc, r.Service, team); err != nil {
				return fmt.Errorf("%s: %w", loc, err)
			}
		}
		dep, depTeam, err := w.causingDeployment(loc, r)
		if err != nil {
			return err
		}
		if team == 0 {
			team = svc.team
		}
		if team == 0 {
			team = depTeam
		}
		id, err := w.lookupID(`SELECT id FROM incidents WHERE external_key = ? AND external_key <> '' ORDER BY id LIMIT 1`, r.Key)
		if err != nil {
			return fmt.Errorf("%s: look up incident %s: %w", loc, r.Key, err)
		}
		id, a, err := w.put(incidentsTable, id, nil, []any{r.Key, id0(svc.id), id0(team), r.Severity, r.Title, ts(r.OpenedAt), tsPtr(r.ResolvedAt),
			id0(dep), w.batch, r.File, r.Sheet, r.Row})
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		w.note("incidents", id, a)
	}
	return nil
}

// causingDeployment finds the deployment an incident names, by its key or
// else by its change request: the production deployment of that change
// closest before the incident opened. A reference that matches nothing is
// a warning (the change may not have been a deployment), not an error.
func (w *recordWriter) causingDeployment(loc string, r backend.IncidentRecord) (dep, team int64, err error) {
	if r.CausedByDeploymentKey != "" {
		err = w.scan(`SELECT id, coalesce(team_id, 0) FROM deployments WHERE external_key = ? AND external_key <> '' ORDER BY id DESC LIMIT 1`,
			[]any{r.CausedByDeploymentKey}, &dep, &team)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return dep, team, err
		}
	}
	if r.CausedByChangeRequest != "" {
		err = w.scan(`SELECT id, coalesce(team_id, 0) FROM deployments WHERE change_request = ? AND change_request <> ''
			ORDER BY lower(environment) = 'production' DESC, deployed_at <= ? DESC, deployed_at DESC, id DESC LIMIT 1`,
			[]any{r.CausedByChangeRequest, ts(r.OpenedAt)}, &dep, &team)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return dep, team, err
		}
	}
	switch {
	case r.CausedByDeploymentKey != "":
		w.warn(loc, "incident %s names deployment %q as its cause, which is not in the portfolio; the incident was stored without a cause.", r.Key, r.CausedByDeploymentKey)
	case r.CausedByChangeRequest != "":
		w.warn(loc, "incident %s names change %q as its cause, which no deployment carries; the incident was stored without a cause.", r.Key, r.CausedByChangeRequest)
	}
	return 0, 0, nil
}

// dependencies upserts a dependency board by key, or by (from team, to team,
// description) for rows without one.
func (w *recordWriter) dependencies(recs []backend.DependencyRecord) error {
	for _, r := range recs {
		loc := where(r.File, r.Sheet, r.Row)
		fromItem, fromTeam, err := w.dependencyEnd(loc, "from item", r.FromItemKey, r.FromTeam)
		if err != nil {
			return err
		}
		toItem, toTeam, err := w.dependencyEnd(loc, "to item", r.ToItemKey, r.ToTeam)
		if err != nil {
			return err
		}
		var id int64
		if r.Key != "" {
			id, err = w.lookupID(`SELECT id FROM dependencies WHERE external_key = ? AND external_key <> '' ORDER BY id LIMIT 1`, r.Key)
		} else {
			id, err = w.lookupID(`SELECT id FROM dependencies WHERE external_key = '' AND from_team_id IS ? AND to_team_id IS ? AND description = ? ORDER BY id LIMIT 1`,
				id0(fromTeam), id0(toTeam), r.Description)
		}
		if err != nil {
			return fmt.Errorf("%s: look up dependency: %w", loc, err)
		}
		id, a, err := w.put(dependenciesTable, id, nil, []any{r.Key, id0(fromItem), id0(fromTeam), id0(toItem), id0(toTeam), r.Description,
			text(r.NeededBy), r.State, r.Risk, ts(r.CreatedAt), tsPtr(r.ResolvedAt), w.batch, r.File, r.Sheet, r.Row})
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		w.note("dependencies", id, a)
	}
	return nil
}

// dependencyEnd resolves one end of a dependency: the item by key (a key not
// in the portfolio is a warning: it may live in another train's tracker) and
// the team by name, or else the item's team.
func (w *recordWriter) dependencyEnd(loc, field, key, teamName string) (item, team int64, err error) {
	if key != "" {
		var ok bool
		if item, team, ok, err = w.item(loc, field, "", key); err != nil {
			return 0, 0, err
		} else if !ok {
			w.warn(loc, "%s %q is not in the portfolio; the dependency was stored without it.", field, key)
		}
	}
	if strings.TrimSpace(teamName) != "" {
		if team, err = w.team(teamName); err != nil {
			return 0, 0, fmt.Errorf("%s: %w", loc, err)
		}
	}
	return item, team, nil
}

// earliest returns the earliest of the commits' times, or the zero time.
func earliest(commits []backend.DeploymentCommit) time.Time {
	var t time.Time
	for _, c := range commits {
		if t.IsZero() || c.CommittedAt.Before(t) {
			t = c.CommittedAt
		}
	}
	return t
}
