package imports

import (
	"fmt"
	"strings"

	"github.com/throughline/throughline/backend"
)

// Record rules shared by every non-item kind (product behaviour): dates
// and numbers are read per column as for items; a value the store would
// refuse (a missing key, an unknown outcome, a planned business value of
// 12, a resolution before the opening) rejects its row here, naming the
// cell, instead of failing the whole file in the store; optional values
// that cannot be read are warnings and left empty. Dates the store keeps
// as days (PI objective, KR update, benefit, feedback, dependency needed
// by, epic start) are the calendar day the sheet shows.

// mapDeployments maps a CD log. Service, environment and deployment time
// are required; environment and outcome are normalised (see the
// vocabularies). Without an Outcome column every deployment is a success,
// with one warning: a deployment still counts as failed when an incident
// links to it.
func (m *mapper) mapDeployments() error {
	key, service, env, team, cr := m.col(RoleKey), m.col(RoleService), m.col(RoleEnvironment), m.col(RoleTeam), m.col(RoleChangeRequest)
	outcome := m.col(RoleOutcome)
	deployed, started, recovered := m.dateCol(RoleDeployedAt), m.dateCol(RoleChangeStartedAt), m.dateCol(RoleRecoveredAt)
	if outcome < 0 {
		m.tableWarn("has no Outcome column, so every deployment is taken as a success (one an incident links to still counts as failed). Add an Outcome column (success, failed, rolled back) for the change failure rate.")
	}
	return m.run(nil, func(v *rowView) {
		r := backend.DeploymentRecord{Key: v.text(key), Team: v.text(team), ChangeRequest: v.text(cr), File: m.t.File, Sheet: m.t.Sheet, Row: v.num}
		r.Service = v.required(service, "the service deployed")
		r.Environment = v.word(env, environments, true)
		r.Outcome = "success"
		if outcome >= 0 {
			r.Outcome = v.word(outcome, outcomes, true)
		}
		d := v.date(deployed, true, "the deployment time")
		s, rec := v.date(started, false, ""), v.date(recovered, false, "")
		if !d.IsZero() && !s.IsZero() && s.Time.After(d.Time) {
			v.fail(started, v.text(started), "is after the deployment time; the change cannot start after it went out. Correct one of the two.")
		}
		if !d.IsZero() && !rec.IsZero() && rec.Time.Before(d.Time) {
			v.fail(recovered, v.text(recovered), "is before the deployment time; service cannot be restored before the deployment. Correct one of the two.")
		}
		if v.bad {
			return
		}
		r.DeployedAt, r.ChangeStartedAt, r.RecoveredAt = d.Time, m.timePtr(s.Time), m.timePtr(rec.Time)
		m.out.Records.Deployments = append(m.out.Records.Deployments, r)
	}, nil)
}

// mapCommits maps a commits table into Mapped.Commits: the deployment key,
// the commit and its time are required.
func (m *mapper) mapCommits() error {
	dep, sha, author, repo := m.col(RoleDeployment), m.col(RoleCommit), m.col(RoleAuthor), m.col(RoleRepository)
	at := m.dateCol(RoleCommittedAt)
	return m.run(nil, func(v *rowView) {
		c := KeyedCommit{DeploymentKey: v.required(dep, "the deployment the commit went out with"), Author: v.text(author), Repository: v.text(repo), Row: v.num}
		c.Commit.SHA = v.required(sha, "the commit hash")
		t := v.date(at, true, "the commit time")
		if v.bad {
			return
		}
		c.Commit.CommittedAt = t.Time
		m.out.Commits = append(m.out.Commits, c)
	}, nil)
}

// AttachCommits adds each commit to the deployment of recs with its key
// (the commits and deployments sheets of one workbook) and returns the
// commits whose deployment recs does not have. A commit already listed for
// its deployment is not added twice.
func AttachCommits(recs *backend.ImportRecords, commits []KeyedCommit) (unattached []KeyedCommit) {
	idx := map[string]int{}
	for i, d := range recs.Deployments {
		if k := strings.TrimSpace(d.Key); k != "" {
			idx[k] = i
		}
	}
	for _, c := range commits {
		i, ok := idx[strings.TrimSpace(c.DeploymentKey)]
		if !ok {
			unattached = append(unattached, c)
			continue
		}
		d := &recs.Deployments[i]
		dup := false
		for _, have := range d.Commits {
			dup = dup || have.SHA == c.Commit.SHA
		}
		if !dup {
			d.Commits = append(d.Commits, c.Commit)
		}
	}
	return unattached
}

// mapIncidents maps a service-desk export. The key and the opening time
// are required; severity is normalised (ServiceNow's "1 - Critical" is
// critical). The cause column names a deployment when its header says so
// ("Caused By Deployment"), a change request when it says change ("Caused
// by Change", "Related Change", "Change Request"), and otherwise is tried
// as both (the store looks for the deployment first).
func (m *mapper) mapIncidents() error {
	key, service, sev, title, team, cause := m.col(RoleKey), m.col(RoleService), m.col(RoleSeverity), m.col(RoleTitle), m.col(RoleTeam), m.col(RoleCausedBy)
	opened, resolved := m.dateCol(RoleOpened), m.dateCol(RoleResolved)
	causeKind := NormalizeHeader(m.header(cause))
	return m.run(nil, func(v *rowView) {
		r := backend.IncidentRecord{Key: v.required(key, "the incident number"), Service: v.text(service), Title: v.text(title), Team: v.text(team),
			File: m.t.File, Sheet: m.t.Sheet, Row: v.num}
		r.Severity = v.word(sev, severities, false)
		if c := v.text(cause); c != "" {
			switch {
			case strings.Contains(causeKind, "deploy"):
				r.CausedByDeploymentKey = c
			case strings.Contains(causeKind, "change"):
				r.CausedByChangeRequest = c
			default:
				r.CausedByDeploymentKey, r.CausedByChangeRequest = c, c
			}
		}
		o := v.date(opened, true, "the time the incident was opened")
		res := v.date(resolved, false, "")
		if !o.IsZero() && !res.IsZero() && res.Time.Before(o.Time) {
			v.fail(resolved, v.text(resolved), "is before the incident was opened. Correct one of the two.")
		}
		if v.bad {
			return
		}
		r.OpenedAt, r.ResolvedAt = o.Time, m.timePtr(res.Time)
		m.out.Records.Incidents = append(m.out.Records.Incidents, r)
	}, nil)
}

// mapPIObjectives maps teams' PI objectives. Team (else MapOptions.Team),
// PI, objective and planned business value (a whole number 1–10) are
// required; actual business value is 0–10. Committed reads yes/no,
// true/false, 1/0, x, committed/stretch; under a "Stretch" header yes
// means stretch. A blank is committed (with a warning, except under a
// Stretch header, where blank plainly means not stretch), as is every
// objective of a sheet without the column.
func (m *mapper) mapPIObjectives() error {
	team, pi, title, committed := m.col(RoleTeam), m.col(RolePI), m.col(RoleTitle), m.col(RoleCommitted)
	planned, actual := m.numberCol(RolePlannedBV), m.numberCol(RoleActualBV)
	stretchHeader := NormalizeHeader(m.header(committed)) == "stretch"
	return m.run(nil, func(v *rowView) {
		r := backend.PIObjectiveRecord{Team: v.text(team), Committed: true, File: m.t.File, Sheet: m.t.Sheet, Row: v.num}
		if r.Team == "" {
			r.Team = m.opts.Team
		}
		if r.Team == "" {
			v.fail(team, "", "is empty, but every objective belongs to a team. Fill it in (or import with a default team).")
		}
		r.PI = v.required(pi, "its PI")
		r.Title = v.required(title, "the objective")
		switch raw := v.text(committed); {
		case raw == "" && !stretchHeader && committed >= 0:
			v.warn(committed, "", "is empty; the objective is taken as committed. Enter yes (committed) or no (stretch).")
		case raw != "":
			c, ok := committedOf(raw, stretchHeader)
			if !ok {
				v.fail(committed, raw, "is neither committed nor stretch; use yes or no (or committed, stretch).")
			}
			r.Committed = c
		}
		r.PlannedBV, _ = v.whole(planned, true, "a planned business value", 1, 10)
		if a, ok := v.whole(actual, false, "the actual business value", 0, 10); ok {
			r.ActualBV = &a
		}
		if !v.bad {
			m.out.Records.PIObjectives = append(m.out.Records.PIObjectives, r)
		}
	}, nil)
}

// committedOf reads a committed/stretch cell; under a Stretch header a
// yes/no answer is inverted.
func committedOf(s string, stretchHeader bool) (bool, bool) {
	switch wordKey(s) {
	case "committed", "commit", "c":
		return true, true
	case "stretch", "s", "uncommitted", "not committed":
		return false, true
	}
	b, ok := yesNo(s)
	return b != stretchHeader, ok
}

// mapOKRUpdates maps key-result check-ins. Objective, key result, date
// and value are required. A value written as a percentage is kept in
// percentage points ("31%" is 31), as key results measured in % store
// their baseline and target. Confidence is 0–1: "70%" and 70 are 0.7
// (a value from 1 to 10 without a % sign gets a warning: it may be a
// 1–10 scale). Note is kept as written.
func (m *mapper) mapOKRUpdates() error {
	obj, kr, note := m.col(RoleObjective), m.col(RoleKeyResult), m.col(RoleNote)
	date, value, conf := m.dateCol(RoleDate), m.numberCol(RoleValue), m.numberCol(RoleConfidence)
	if obj < 0 {
		return m.missingColumn("Objective", "Key results are found by their objective's title: add an Objective column.")
	}
	return m.run(nil, func(v *rowView) {
		r := backend.KeyResultUpdateRecord{Objective: v.required(obj, "the objective's title"), KeyResult: v.required(kr, "the key result's title"),
			Note: v.text(note), File: m.t.File, Sheet: m.t.Sheet, Row: v.num}
		d := v.date(date, true, "the date of the check-in")
		val, ok := v.numberN(value, true, "the value measured")
		if ok && val.Percent {
			val.Value *= 100
		}
		r.Value = val.Value
		if c, ok := v.numberN(conf, false, ""); ok {
			if f, ok := confidence(v, conf, c); ok {
				r.Confidence = &f
			}
		}
		if !v.bad {
			r.RecordedOn = d.Civil()
			m.out.Records.KRUpdates = append(m.out.Records.KRUpdates, r)
		}
	}, nil)
}

// confidence turns a confidence cell into 0–1.
func confidence(v *rowView, s int, n Number) (float64, bool) {
	f := n.Value
	if !n.Percent && f > 1 {
		if f <= 10 {
			v.warn(s, v.text(s), fmt.Sprintf("is read as %g%%. If the column is a 1–10 scale, write the confidence as a percentage or a fraction.", f))
		}
		f /= 100
	}
	if f < 0 || f > 1 {
		v.warn(s, v.text(s), "is not a confidence from 0 to 1 (0% to 100%); it is left empty.")
		return 0, false
	}
	return f, true
}
