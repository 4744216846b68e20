package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/throughline/throughline/backend"
)

// sprintsTable: sprints are upserted by (team, name); the schema keeps no
// provenance columns for them.
var sprintsTable = rowTable{name: "sprints", keyCols: []string{"team_id", "name"},
	columns: []string{"pi_id", "start_date", "end_date", "goal", "goal_met"}, compared: 5}

// maxMissingSprintNames caps the sprint names the "no such sprint" warning lists.
const maxMissingSprintNames = 5

// sprints upserts a sprints sheet: each sprint by its team and its name
// (ignoring case). A blank PI, goal or verdict keeps the stored one; a PI
// the portfolio does not have is a warning.
func (w *recordWriter) sprints(recs []backend.SprintRecord) error {
	for _, r := range recs {
		loc := where(r.File, r.Sheet, r.Row)
		team, err := w.sprintTeam(r.Team)
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		var id int64
		var pi, met sql.NullInt64
		var goal string
		err = w.scan(`SELECT id, pi_id, goal, goal_met FROM sprints WHERE team_id = ? AND name = ? COLLATE NOCASE ORDER BY id LIMIT 1`,
			[]any{team, r.Sprint}, &id, &pi, &goal, &met)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s: look up sprint %q: %w", loc, r.Sprint, err)
		}
		piVal, metVal := any(nil), any(nil)
		if pi.Valid {
			piVal = pi.Int64
		}
		if met.Valid {
			metVal = met.Int64
		}
		if r.PI != "" {
			p, err := w.lookupID(`SELECT id FROM program_increments WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1`, r.PI)
			switch {
			case err != nil:
				return fmt.Errorf("%s: look up PI %q: %w", loc, r.PI, err)
			case p == 0:
				w.warn(loc, "PI %q is not in the portfolio; sprint %q keeps the PI it had (none for a new sprint). Add the PI to the PI calendar and import the sheet again.", r.PI, r.Sprint)
			default:
				piVal = p
			}
		}
		if r.GoalMet != nil {
			metVal = int64(boolInt(*r.GoalMet))
		}
		var key []any
		if id == 0 {
			key = []any{team, r.Sprint}
		}
		id, a, err := w.put(sprintsTable, id, key, []any{piVal, r.StartDate, r.EndDate, firstNonEmpty(r.Goal, goal), metVal})
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		w.note("sprints", id, a)
	}
	return nil
}

// sprintTeam resolves a sprints sheet's team: by name (ignoring case), else
// by source key (a Jira project key, an area path), else a new team, as
// the other registers create it.
func (w *recordWriter) sprintTeam(name string) (int64, error) {
	name = strings.TrimSpace(name)
	if t, ok := w.im.teams[strings.ToLower(name)]; ok {
		return t.id, nil
	}
	id, err := w.lookupID(`SELECT id FROM teams WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1`, name)
	if err != nil || id != 0 {
		return id, err
	}
	if t, ok, err := w.im.teamBySourceKey(name); err != nil || ok {
		return t.id, err
	}
	return w.team(name)
}

// sprintRef is a stored sprint as linking items needs it; id 0: the team
// has no sprint of that name.
type sprintRef struct {
	id    int64
	start time.Time // the sprint's first day at midnight in the portfolio's time zone
}

// linkSprints adds each item of the file that names sprints to the sprints
// of its team with those names (stored before or by this file). The link's
// added_at is the later of the item's creation and the sprint's start; it
// is committed when the item existed at the sprint's start (midnight of
// its first day in the portfolio's time zone). Links already stored are
// kept as they are; new ones carry the batch, so undo deletes them. Names
// no sprint of the item's team has are one warning for the file, when the
// team has sprints at all: a team whose sprints were never imported would
// get it on every import of its export, where it says nothing new.
func (w *recordWriter) linkSprints(items []backend.ImportItem, links []backend.ImportLink) error {
	loc, err := w.timeZone()
	if err != nil {
		return err
	}
	sprints := map[[2]any]sprintRef{}
	hasSprints := map[int64]bool{}
	missing := map[string]bool{}
	var missingNames []string
	missingItems, file := 0, ""
	link := func(id int64, l backend.ImportLink) error {
		var team int64
		var createdAt string
		if err := w.scan(`SELECT coalesce(team_id, 0), created_at FROM work_items WHERE id = ?`, []any{id}, &team, &createdAt); err != nil {
			return fmt.Errorf("%s, row %d (%s): read the item: %w", l.File, l.Row, l.ExternalKey, err)
		}
		created, err := parseTime(createdAt)
		if err != nil {
			return fmt.Errorf("%s, row %d (%s): created time: %w", l.File, l.Row, l.ExternalKey, err)
		}
		itemMissing := false
		for _, name := range l.Sprints {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			k := [2]any{team, strings.ToLower(name)}
			s, seen := sprints[k]
			if !seen {
				var start string
				err := w.scan(`SELECT id, start_date FROM sprints WHERE team_id = ? AND name = ? COLLATE NOCASE ORDER BY id LIMIT 1`, []any{team, name}, &s.id, &start)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("look up sprint %q: %w", name, err)
				}
				if s.id != 0 {
					if s.start, err = time.ParseInLocation(dateLayout, start, loc); err != nil {
						return fmt.Errorf("sprint %q: start date %q: %w", name, start, err)
					}
				}
				sprints[k] = s
			}
			if s.id == 0 {
				has, seen := hasSprints[team]
				if !seen {
					if err := w.scan(`SELECT EXISTS (SELECT 1 FROM sprints WHERE team_id = ?)`, []any{team}, &has); err != nil {
						return fmt.Errorf("look up the sprints of team %d: %w", team, err)
					}
					hasSprints[team] = has
				}
				if !has {
					continue // the team keeps no sprints in the portfolio: nothing to warn about
				}
				itemMissing = true
				if !missing[name] {
					missing[name] = true
					missingNames = append(missingNames, fmt.Sprintf("%q", name))
				}
				continue
			}
			added, committed := s.start, !created.After(s.start)
			if !committed {
				added = created
			}
			r, err := w.exec(`INSERT OR IGNORE INTO item_sprints(item_id, sprint_id, added_at, committed, batch_id) VALUES (?,?,?,?,?)`,
				id, s.id, ts(added), boolInt(committed), w.batch)
			if err != nil {
				return fmt.Errorf("%s, row %d (%s): link sprint %q: %w", l.File, l.Row, l.ExternalKey, name, err)
			}
			if n, _ := r.RowsAffected(); n == 1 {
				w.sprintLinks++
			}
		}
		if itemMissing {
			missingItems++
			if file == "" {
				file = l.File
			}
		}
		return nil
	}
	// A key repeated in the file is one item: its last row that names
	// sprints says which.
	latest := map[int64]backend.ImportLink{}
	var order []int64
	add := func(l backend.ImportLink) {
		id := w.im.ids[[2]string{l.SourceSystem, l.ExternalKey}]
		if id == 0 {
			return // rejected, or an older row that was skipped
		}
		if _, ok := latest[id]; !ok {
			order = append(order, id)
		}
		latest[id] = l
	}
	for _, it := range items {
		if len(it.Sprints) > 0 {
			add(backend.ImportLink{SourceSystem: it.SourceSystem, ExternalKey: it.ExternalKey, Sprints: it.Sprints, File: it.File, Sheet: it.Sheet, Row: it.Row})
		}
	}
	for _, l := range links {
		if len(l.Sprints) > 0 {
			add(l)
		}
	}
	for _, id := range order {
		if err := link(id, latest[id]); err != nil {
			return err
		}
	}
	if missingItems > 0 {
		items := "1 item names"
		if missingItems > 1 {
			items = fmt.Sprintf("%d items name", missingItems)
		}
		names := strings.Join(missingNames[:min(len(missingNames), maxMissingSprintNames)], ", ")
		if len(missingNames) > maxMissingSprintNames {
			names += fmt.Sprintf(" and %d more", len(missingNames)-maxMissingSprintNames)
		}
		w.warn(where(file, "", 0), "%s sprints their team does not have (%s); they are not linked to those sprints. Import the team's sprints sheet, then this file again.", items, names)
	}
	return nil
}

// timeZone is the portfolio's time zone (UTC when unset or unknown).
func (w *recordWriter) timeZone() (*time.Location, error) {
	var name string
	err := w.scan(`SELECT value FROM settings WHERE key = 'time_zone'`, nil, &name)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read the time zone: %w", err)
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" {
		return time.UTC, nil
	}
	return loc, nil
}
