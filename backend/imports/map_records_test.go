package imports_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
)

// TestMapJiraHistory turns changelog tables into keyed status changes and
// no items.
func TestMapJiraHistory(t *testing.T) {
	type change struct {
		key, from, to, at string
		row               int
	}
	cases := []struct {
		name, path, variant string
		want                []change
		statuses            []string
	}{
		{name: "FieldChangesKeepOnlyStatusRows", path: "jira_history/changelog.csv", variant: "field-changes",
			want: []change{{"PAY-101", "", "To Do", "2026-02-03 09:15", 2}, {"PAY-101", "To Do", "In Progress", "2026-02-05 10:00", 3},
				{"PAY-101", "In Progress", "Done", "2026-02-25 15:04", 6}, {"PAY-102", "To Do", "In Progress", "2026-02-12 09:00", 7}},
			statuses: []string{"To Do", "In Progress", "Done"}},
		{name: "StatusDatesDeriveFromThePreviousStatus", path: "jira_history/status-dates.csv", variant: "status-dates",
			want: []change{{"FIN-21", "", "Backlog", "2026-01-14 10:12", 2}, {"FIN-21", "Backlog", "In Progress", "2026-01-19 09:00", 3},
				{"FIN-21", "In Progress", "Review", "2026-01-30 16:45", 4}, {"FIN-21", "Review", "Done", "2026-02-02 17:40", 5},
				{"FIN-22", "", "In Progress", "2026-01-15 00:00", 6}},
			statuses: []string{"Backlog", "In Progress", "Review", "Done"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := mapFixture(t, c.path, imports.MapOptions{Location: berlin, Team: "Team Zoë"})
			if m.Format != imports.FormatJiraHistory || m.Variant != c.variant || len(m.Items) != 0 {
				t.Fatalf("format %q/%q with %d items", m.Format, m.Variant, len(m.Items))
			}
			var got []change
			for _, k := range m.Changes {
				if k.SourceSystem != "jira" {
					t.Errorf("source = %q", k.SourceSystem)
				}
				got = append(got, change{k.Key, k.Change.From, k.Change.To, k.Change.At.In(berlin).Format("2006-01-02 15:04"), k.Row})
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("changes:\n got %v\nwant %v", got, c.want)
			}
			var st []string
			for _, s := range m.Statuses {
				st = append(st, s.Status)
				if s.Team != "Team Zoë" || s.SourceSystem != "jira" {
					t.Errorf("status %+v", s)
				}
			}
			if !reflect.DeepEqual(st, c.statuses) {
				t.Errorf("statuses = %q, want %q", st, c.statuses)
			}
			onlyProblems(t, m.Problems)
		})
	}
}

// TestMapRecords maps one good and one bad row of each record kind: the
// good row becomes a normalised record, the bad one is rejected with a
// problem naming its cell and what to do.
func TestMapRecords(t *testing.T) {
	utc := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	tp := func(t time.Time) *time.Time { return &t }
	fp := func(f float64) *float64 { return &f }
	ip := func(i int) *int { return &i }
	const where = "good-and-bad.csv, row 3, "
	cases := []struct {
		path    string
		format  imports.Format
		got     func(m imports.Mapped) any
		want    any
		problem string
	}{
		{"deployments/good-and-bad.csv", imports.FormatDeployments, func(m imports.Mapped) any { return m.Records.Deployments },
			[]backend.DeploymentRecord{{Key: "D-7001", Service: "zahlungs-api", Team: "Team Åsa", Environment: "production", DeployedAt: utc("2026-03-02T10:15:00Z"),
				ChangeStartedAt: tp(utc("2026-03-01T08:00:00Z")), Outcome: "rolled_back", RecoveredAt: tp(utc("2026-03-02T11:00:00Z")), ChangeRequest: "CHG-4711", Row: 2}},
			where + `column F (Outcome): "exploded" is not a known outcome; use success, failed or rolled back.`},
		{"incidents/good-and-bad.csv", imports.FormatIncidents, func(m imports.Mapped) any { return m.Records.Incidents },
			[]backend.IncidentRecord{{Key: "INC-88", Service: "zahlungs-api", Team: "Team Åsa", Severity: "high", Title: "Zahlungen hängen",
				OpenedAt: at("2026-03-02 10:30"), ResolvedAt: tp(at("2026-03-02 11:05")), CausedByDeploymentKey: "D-7001", Row: 2}},
			where + `column E (Resolved At): "2026-03-04 09:00" is before the incident was opened.`},
		{"pi_objectives/good-and-bad.csv", imports.FormatPIObjectives, func(m imports.Mapped) any { return m.Records.PIObjectives },
			[]backend.PIObjectiveRecord{{Team: "Équipe Zoé", PI: "PI 26.2", Title: "Paiement instantané", Committed: false, PlannedBV: 8, ActualBV: ip(6), Row: 2}},
			where + `column E (Planned Business Value): "12" is not a whole number from 1 to 10; a planned business value must be one.`},
		{"okr_updates/good-and-bad.csv", imports.FormatOKRUpdates, func(m imports.Mapped) any { return m.Records.KRUpdates },
			[]backend.KeyResultUpdateRecord{{Objective: "Rendre le paiement facile", KeyResult: "Conversion de 61% à 70%", RecordedOn: "2026-03-31", Value: 64.5,
				Confidence: fp(0.65), Note: "Très bien", Row: 2}},
			where + `column C (Check-in Date): "31/04/2026" is not a date; expected day/month/year like 25/02/2026. The row needs the date of the check-in, so it is rejected.`},
		{"benefits/benefits.csv", imports.FormatBenefits, func(m imports.Mapped) any { return m.Records.Benefits },
			[]backend.BenefitRecord{{EpicKey: "PAY-100", MeasuredOn: "2026-01-31", Amount: 1234.5, Note: "Erste Messung, Jürgen", PlannedAmount: fp(2000), Unit: "EUR", Row: 2},
				{EpicKey: "PAY-100", MeasuredOn: "2026-02-28", Amount: 2410.75, PlannedAmount: fp(2000), Unit: "EUR", Row: 3}},
			`benefits.csv, row 4, column C (Realized): "-" stands for no value, but every row needs the amount realized (0 if nothing was).`},
		{"feedback/good-and-bad.csv", imports.FormatFeedback, func(m imports.Mapped) any { return m.Records.Feedback },
			[]backend.FeedbackRecord{{Program: "Croissance", Product: "Appli mobile", Kind: "nps", PeriodStart: "2026-01-01", PeriodEnd: "2026-03-31", Score: 42, Responses: 310, Row: 2}},
			where + `column E (NPS): "140" is not an NPS: it runs from −100 to 100.`},
		{"dependencies/good-and-bad.csv", imports.FormatDependencies, func(m imports.Mapped) any { return m.Records.Dependencies },
			[]backend.DependencyRecord{{Key: "DEP-31", FromTeam: "Team Åsa", FromItemKey: "PAY-310", ToTeam: "Plattform Øst", ToItemKey: "PLT-12",
				NeededBy: "2026-04-15", State: "committed", Risk: "medium", Description: "Neue Queue „zahlungen“", CreatedAt: at("2026-03-01"), Row: 2}},
			where + `column H (Status): "maybe" is not a known state; use requested, committed, resolved or blocked.`},
		{"epics/good-and-bad.csv", imports.FormatEpics, func(m imports.Mapped) any { return m.Records.Epics },
			[]backend.EpicRecord{{Key: "EP-7", Title: "Sofortüberweisung", Program: "Zahlungen", Theme: "Wachstum", Status: "Implementing", Owner: "Åsa Öberg",
				StartDate: "2026-02-01", Points: fp(120), Row: 2}},
			where + `column G (Start Date): is empty, but every row needs a start date.`},
		{"teams/good-and-bad.csv", imports.FormatTeams, func(m imports.Mapped) any { return m.Records.Teams },
			[]backend.TeamRecord{{Program: "Zahlungen", Team: "Team Åsa", Tool: "ado", SourceKey: `Zahlungen\Team Åsa`, Services: []string{"zahlungs-api", "zahlungs-ui"},
				Lead: "Åsa Öberg", Framework: "kanban", WIPLimit: ip(7), Row: 2}},
			where + `column C (Source System): "Trello" is not a known tool; use jira, ado, rally or sheet.`},
	}
	for _, c := range cases {
		t.Run(string(c.format), func(t *testing.T) {
			m := mapFixture(t, c.path, imports.MapOptions{Location: berlin})
			if m.Format != c.format {
				t.Fatalf("format = %q, want %q", m.Format, c.format)
			}
			got := c.got(m)
			stripPlace(got)
			// JSON compares instants with their offsets, not *time.Location pointers.
			if g, w := mustJSON(t, got), mustJSON(t, c.want); g != w {
				t.Errorf("records:\n got %s\nwant %s", g, w)
			}
			onlyProblems(t, m.Problems, c.problem)
			if m.Rejected != 1 || m.Problems[0].Severity != imports.SeverityError {
				t.Errorf("rejected %d rows, want 1 (problem %+v)", m.Rejected, m.Problems[0])
			}
		})
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// stripPlace clears File and Sheet of records (checked elsewhere) so the
// tables above stay readable.
func stripPlace(recs any) {
	v := reflect.ValueOf(recs)
	for i := 0; i < v.Len(); i++ {
		for _, f := range []string{"File", "Sheet"} {
			if fv := v.Index(i).FieldByName(f); fv.IsValid() && fv.String() != "" {
				fv.SetString("")
			}
		}
	}
}

// TestMapCommitsAttachToDeployments: a commits sheet is read into
// Mapped.Commits and attached by deployment key to the deployments of the
// same workbook.
func TestMapCommitsAttachToDeployments(t *testing.T) {
	m := mapFixture(t, "commits/good-and-bad.csv", imports.MapOptions{Location: berlin})
	onlyProblems(t, m.Problems, `good-and-bad.csv, row 3, column B (Commit SHA): is empty, but every row needs the commit hash.`)
	want := []imports.KeyedCommit{{DeploymentKey: "D-7001", Commit: backend.DeploymentCommit{SHA: "9f1c2ab", CommittedAt: at("2026-03-01 08:00")},
		Author: "Åsa Öberg", Repository: "zahlungen", Row: 2}}
	if !reflect.DeepEqual(m.Commits, want) {
		t.Fatalf("commits = %+v", m.Commits)
	}
	deps := mapFixture(t, "deployments/good-and-bad.csv", imports.MapOptions{}).Records
	left := imports.AttachCommits(&deps, append(m.Commits, m.Commits[0], imports.KeyedCommit{DeploymentKey: "D-404"}))
	if got := deps.Deployments[0].Commits; len(got) != 1 || got[0].SHA != "9f1c2ab" {
		t.Errorf("attached %+v, want the commit once", got)
	}
	if len(left) != 1 || left[0].DeploymentKey != "D-404" {
		t.Errorf("unattached = %+v", left)
	}
}

// TestMapRecordFixtures maps the readers' record fixtures with no problem.
func TestMapRecordFixtures(t *testing.T) {
	for path, n := range map[string]int{"deployments/deployments.csv": 3, "incidents/servicenow.csv": 2, "pi_objectives/pi-objectives.csv": 3,
		"okr_updates/okr-updates.csv": 3, "feedback/feedback.csv": 3, "epics/epics.csv": 3, "teams/team-register.txt": 3, "commits/commits.csv": 3} {
		m := mapFixture(t, path, imports.MapOptions{Location: berlin})
		if got := m.Records.Len() + len(m.Commits); got != n || len(m.Problems) != 0 {
			t.Errorf("%s: %d records, want %d; problems:\n%s", path, got, n, problemStrings(m.Problems))
		}
	}
	m := mapFixture(t, "incidents/servicenow.csv", imports.MapOptions{Location: berlin})
	if r := m.Records.Incidents[0]; r.Severity != "critical" || r.CausedByChangeRequest != "CHG0031002" || r.CausedByDeploymentKey != "" {
		t.Errorf("ServiceNow incident: %+v", r)
	}
	if r := mapFixture(t, "pi_objectives/pi-objectives.csv", imports.MapOptions{}).Records.PIObjectives; !r[0].Committed || r[1].Committed || r[1].ActualBV != nil {
		t.Errorf("objectives: %+v", r)
	}
}

// TestMapSprintsSheet: a sprints sheet maps to sprint records, and a
// sprint that ends before it starts is rejected naming the cell.
func TestMapSprintsSheet(t *testing.T) {
	m := mapFixture(t, "sprints/sprints.csv", imports.MapOptions{})
	if len(m.Problems) != 0 || m.RowsRead != 2 || len(m.Records.Sprints) != 2 || m.Records.Len() != 2 || len(m.Items) != 0 {
		t.Fatalf("%+v\n%s", m, problemStrings(m.Problems))
	}
	r := m.Records.Sprints[0]
	if r.Team != "Team Zoë" || r.Sprint != "Sprint 3" || r.StartDate != "2026-02-02" || r.EndDate != "2026-02-13" || r.PI != "PI 26.1" ||
		r.Goal != "Onboarding step 1, live" || r.GoalMet == nil || !*r.GoalMet || r.Row != 2 || r.File != "sprints.csv" {
		t.Errorf("first sprint: %+v", r)
	}
	if g := m.Records.Sprints[1].GoalMet; g == nil || *g {
		t.Errorf("second sprint's goal met: %v", g)
	}
	bad, err := mapText(t, "sprints.csv", "Team,Sprint,Start,End,Goal Met\nTeam A,S1,2026-03-16,2026-03-02,maybe\n,S2,2026-03-16,2026-03-27,\n", imports.MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(bad.Records.Sprints) != 0 || len(bad.Problems) != 3 {
		t.Fatalf("records %+v, problems:\n%s", bad.Records.Sprints, problemStrings(bad.Problems))
	}
	for _, p := range bad.Problems {
		switch {
		case p.Row == 2 && p.Column == "D" && p.Severity == imports.SeverityError:
			if !strings.Contains(p.Message, "is before the sprint's start (2026-03-16, column C)") {
				t.Errorf("end before start: %+v", p)
			}
		case p.Row == 2 && p.Column == "E" && p.Severity == imports.SeverityWarning:
		case p.Row == 3 && p.Column == "A" && p.Severity == imports.SeverityError:
		default:
			t.Errorf("unexpected problem %+v", p)
		}
	}
	var b strings.Builder
	b.WriteString("Team,Sprint,Start,End\n")
	for i := 0; i < 2100; i++ {
		fmt.Fprintf(&b, "Team Ærø,Sprint %d,2026-01-05,2026-01-18\n", i)
	}
	m, err = mapText(t, "sprints.csv", b.String(), imports.MapOptions{})
	if err != nil || m.RowsRead != 2100 || len(m.Records.Sprints) != 2100 {
		t.Errorf("%d rows: %v", m.RowsRead, err)
	}
}

// TestMapMissingNeededColumn: a table without a column its kind needs
// (though Detect does not require it) is an error naming the column.
func TestMapMissingNeededColumn(t *testing.T) {
	for path, want := range map[string]string{
		"dependencies/dependencies.tsv": "dependencies.tsv has no Created column, which a dependencies sheet needs.",
		"ado/tree-query.csv":            "tree-query.csv has no Created Date column, which an Azure DevOps query export needs. Add the Created Date column to the query",
	} {
		f := openFixture(t, path, imports.Options{})
		tb, _ := f.Table("")
		_, err := imports.MapTable(tb, imports.MapOptions{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v", path, err)
		}
	}
}

// TestMapJiraChangelogPrefersStatusNames: with Jira's id columns (From,
// To) beside the name columns (From String, To String), names are read.
func TestMapJiraChangelogPrefersStatusNames(t *testing.T) {
	csv := "Issue key,Field,From,From String,To,To String,Changed\n" +
		"ØK-1,Status,10000,Zu erledigen,3,In Arbeit,2026-01-05T10:00:00Z\n" +
		"ØK-1,assignee,,,,Åsa,2026-01-05T11:00:00Z\n"
	m, err := mapText(t, "changelog.csv", csv, imports.MapOptions{Format: imports.FormatJiraHistory})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Changes) != 1 || m.Changes[0].Change.From != "Zu erledigen" || m.Changes[0].Change.To != "In Arbeit" {
		t.Errorf("changes = %+v", m.Changes)
	}
}
