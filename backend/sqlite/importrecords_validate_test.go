package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend"
)

// TestApplyRecordsValidation checks that a value outside the schema's
// vocabularies or ranges rejects the whole call with a message naming file,
// sheet, row, field and value, and stores nothing.
func TestApplyRecordsValidation(t *testing.T) {
	ctx := context.Background()
	badDeploy := func(f func(*backend.DeploymentRecord)) backend.ImportRecords {
		d := backend.DeploymentRecord{Key: "D-7", Service: "wallet-api", DeployedAt: at("2026-03-05T10:00:00Z"), Outcome: "success", File: "deploys.csv", Row: 7}
		f(&d)
		return backend.ImportRecords{Deployments: append(cdLog(), d)}
	}
	for _, tc := range []struct {
		name string
		recs backend.ImportRecords
		want []string
	}{
		{"OutcomeOutsideVocabulary", badDeploy(func(d *backend.DeploymentRecord) { d.Outcome = "partial" }),
			[]string{`deploys.csv, row 7: outcome "partial" is not one of success, failed, rolled back.`}},
		{"OutcomeMissing", badDeploy(func(d *backend.DeploymentRecord) { d.Outcome = " " }),
			[]string{`deploys.csv, row 7: the outcome is missing; it must be one of success, failed, rolled back.`}},
		{"DeploymentWithoutTime", badDeploy(func(d *backend.DeploymentRecord) { d.DeployedAt = at("0001-01-01T00:00:00Z") }),
			[]string{`deploys.csv, row 7: the deployment time is missing.`}},
		{"RecoveredBeforeDeployed", badDeploy(func(d *backend.DeploymentRecord) { d.RecoveredAt = tp("2026-03-05T09:00:00Z") }),
			[]string{`deploys.csv, row 7: recovered 2026-03-05T09:00:00Z is before deployed 2026-03-05T10:00:00Z.`}},
		{"CommitAfterDeployment", badDeploy(func(d *backend.DeploymentRecord) {
			d.Commits = []backend.DeploymentCommit{{SHA: "f00", CommittedAt: at("2026-03-06T10:00:00Z")}}
		}), []string{`deploys.csv, row 7: the earliest commit, 2026-03-06T10:00:00Z, is after the deployment at 2026-03-05T10:00:00Z.`}},
		{"PlannedBusinessValueOutOfRange", backend.ImportRecords{PIObjectives: []backend.PIObjectiveRecord{
			{Team: "Ledger", PI: "PI 26.1", Title: "Close books", PlannedBV: 12, ActualBV: ip(-1), File: "pi.xlsx", Sheet: "PI objectives", Row: 4}}},
			[]string{`pi.xlsx, sheet "PI objectives", row 4: planned business value 12 is not between 1 and 10.`,
				`pi.xlsx, sheet "PI objectives", row 4: actual business value -1 is not between 0 and 10.`}},
		{"ConfidenceAboveOne", backend.ImportRecords{KRUpdates: []backend.KeyResultUpdateRecord{
			{Objective: "Delight customers", KeyResult: "NPS at least 40", RecordedOn: "2026-01-31", Value: 30, Confidence: pts(60), File: "okr.csv", Row: 3}}},
			[]string{`okr.csv, row 3: confidence 60 is not between 0 and 1.`}},
		{"DateNotADate", backend.ImportRecords{Benefits: []backend.BenefitRecord{
			{EpicKey: "PAY-1", MeasuredOn: "31/13/2026", Amount: 10, PlannedAmount: pts(100), File: "benefits.xlsx", Row: 9}}},
			[]string{`benefits.xlsx, row 9: measured on "31/13/2026" is not a date (YYYY-MM-DD).`}},
		{"FeedbackKindAndScore", backend.ImportRecords{Feedback: []backend.FeedbackRecord{
			{Program: "Payments", Kind: "CES", PeriodStart: "2026-01-01", PeriodEnd: "2026-03-31", Score: 3, File: "voc.csv", Row: 2},
			{Program: "Payments", Kind: "csat", PeriodStart: "2026-04-01", PeriodEnd: "2026-03-31", Score: 7, File: "voc.csv", Row: 3}}},
			[]string{`voc.csv, row 2: kind "CES" is not one of csat, nps.`, `voc.csv, row 3: period end 2026-03-31 is before period start 2026-04-01.`,
				`voc.csv, row 3: CSAT score 7 is not between 1 and 5.`}},
		{"DependencyStateAndRisk", backend.ImportRecords{Dependencies: []backend.DependencyRecord{
			{Key: "DEP-9", State: "done", Risk: "extreme", CreatedAt: at("2026-02-02T09:00:00Z"), File: "deps.xlsx", Row: 5}}},
			[]string{`deps.xlsx, row 5: state "done" is not one of requested, committed, resolved, blocked.`, `deps.xlsx, row 5: risk "extreme" is not one of low, medium, high.`}},
		{"TeamToolFrameworkAndLimits", backend.ImportRecords{Teams: []backend.TeamRecord{
			{Team: "Ledger", Tool: "Trello", Framework: "SAFe", WIPLimit: ip(-2), SprintLengthDays: ip(0), File: "teams.xlsx", Row: 3}}},
			[]string{`teams.xlsx, row 3: tool "Trello" is not one of jira, ado, rally, sheet.`, `teams.xlsx, row 3: framework "SAFe" is not one of scrum, kanban.`,
				`teams.xlsx, row 3: WIP limit -2 is less than 0.`, `teams.xlsx, row 3: sprint length (days) 0 is not between 1 and 60.`}},
		{"SprintEndBeforeStart", backend.ImportRecords{Sprints: []backend.SprintRecord{
			{Team: "Ledger", Sprint: "L1", StartDate: "2026-02-16", EndDate: "2026-02-02", File: "sprints.csv", Sheet: "Sprints", Row: 4},
			{Team: " ", Sprint: "L2", StartDate: "2026-02-16", File: "sprints.csv", Sheet: "Sprints", Row: 5}}},
			[]string{`sprints.csv, sheet "Sprints", row 4: sprint end 2026-02-02 is before sprint start 2026-02-16.`,
				`sprints.csv, sheet "Sprints", row 5: the team is missing.`, `sprints.csv, sheet "Sprints", row 5: the sprint end is missing.`}},
		{"KeysMissing", backend.ImportRecords{Incidents: []backend.IncidentRecord{{OpenedAt: at("2026-03-02T11:00:00Z"), File: "incidents.csv", Row: 4}},
			Epics: []backend.EpicRecord{{Title: "No key", CreatedAt: at("2026-01-05T09:00:00Z"), File: "epics.xlsx", Row: 6}}},
			[]string{`epics.xlsx, row 6: the epic id is missing.`, `incidents.csv, row 4: the incident id is missing.`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openNew(t)
			withEpics(t, db)
			seedOKRs(t, db)
			before := recordsSnapshot(t, db)
			batches, _ := db.ImportBatches(ctx)
			res, err := db.ApplyRecords(ctx, backend.ImportBatch{FileName: "x"}, tc.recs)
			if backend.ErrorCode(err) != backend.EInvalid {
				t.Fatalf("err = %v, result %+v; want %s", err, res, backend.EInvalid)
			}
			msg := backend.ErrorMessage(err)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
			after, _ := db.ImportBatches(ctx)
			if recordsSnapshot(t, db) != before || len(after) != len(batches) {
				t.Fatal("a rejected import changed the portfolio")
			}
			checkOK(t, db)
		})
	}
}
