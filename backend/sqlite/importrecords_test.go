package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/sqlite"
)

func ip(n int) *int { return &n }

// recordTables are the tables a records import may change.
var recordTables = []string{"programs", "teams", "services", "themes", "program_increments", "work_items", "status_changes",
	"deployments", "deployment_commits", "incidents", "objectives", "key_results", "pi_objectives", "key_result_updates",
	"business_cases", "benefit_measurements", "customer_feedback", "dependencies", "sprints", "item_sprints"}

// recordsSnapshot captures every row of every table a records import may
// change, every column, as JSON.
func recordsSnapshot(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	var b strings.Builder
	for _, table := range recordTables {
		rows, err := db.SQL().Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for rows.Next() {
			var c string
			rows.Scan(&c)
			cols = append(cols, c)
		}
		rows.Close()
		var js string
		q := "SELECT coalesce(json_group_array(json_array(" + strings.Join(cols, ",") + ")), '[]') FROM (SELECT * FROM " + table + " ORDER BY 1, 2)"
		if err := db.SQL().QueryRow(q).Scan(&js); err != nil {
			t.Fatalf("snapshot %s: %v", table, err)
		}
		b.WriteString(table + ": " + js + "\n")
	}
	return b.String()
}

func applyRecs(t *testing.T, db *sqlite.DB, file string, recs backend.ImportRecords) backend.RecordsResult {
	t.Helper()
	res, err := db.ApplyRecords(context.Background(), backend.ImportBatch{FileName: file, SHA256: "x", Format: "template"}, recs)
	if err != nil {
		t.Fatalf("import %s: %v", file, err)
	}
	return res
}

func undo(t *testing.T, db *sqlite.DB, batch int64) {
	t.Helper()
	if err := db.UndoImport(context.Background(), batch); err != nil {
		t.Fatalf("undo %d: %v", batch, err)
	}
}

func checkOK(t *testing.T, db *sqlite.DB) {
	t.Helper()
	if rep, err := db.Check(context.Background()); err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems())
	}
}

func teamRegister() []backend.TeamRecord {
	return []backend.TeamRecord{
		{Program: "Payments", Team: "Zoë's crew", Tool: "Jira", SourceKey: "PAY", Services: []string{"wallet-api", "ledger-api"}, Lead: "Zoë",
			Framework: "Scrum", WIPLimit: ip(5), SprintLengthDays: ip(14), File: "teams.xlsx", Sheet: "Teams", Row: 2},
		{Program: "Payments", Team: "Ledger", Tool: "Azure DevOps", SourceKey: `Payments\Ledger`, Services: []string{"reconciler"}, Framework: "kanban",
			File: "teams.xlsx", Sheet: "Teams", Row: 3},
	}
}

func epicsList() []backend.EpicRecord {
	return []backend.EpicRecord{
		{SourceSystem: "jira", Key: "PAY-1", Title: "Wallets", Program: "Payments", Theme: "Growth", Status: "Implementing", Owner: "Zoë",
			CreatedAt: at("2026-01-05T09:00:00Z"), StartDate: "2026-01-12", Points: pts(40), File: "epics.xlsx", Sheet: "Epics", Row: 2},
		{SourceSystem: "jira", Key: "PAY-2", Title: "Café receipts", Program: "Payments", Status: "Funnel", CreatedAt: at("2026-02-01T09:00:00Z"),
			File: "epics.xlsx", Sheet: "Epics", Row: 3},
	}
}

func cdLog() []backend.DeploymentRecord {
	return []backend.DeploymentRecord{
		{Key: "D-1", Service: "wallet-api", Environment: "Production", DeployedAt: at("2026-03-02T10:00:00Z"), Outcome: "Success", ChangeRequest: "CHG-1",
			Commits: []backend.DeploymentCommit{{SHA: "b2", CommittedAt: at("2026-03-01T15:00:00Z")}, {SHA: "a1", CommittedAt: at("2026-02-27T09:30:00Z")}},
			File:    "deploys.csv", Row: 2},
		{Key: "D-2", Service: "ledger-api", Environment: "prod", DeployedAt: at("2026-03-03T10:00:00Z"), Outcome: "FAILED", RecoveredAt: tp("2026-03-03T12:00:00Z"),
			ChangeRequest: "CHG-2", File: "deploys.csv", Row: 3},
		{Service: "reconciler", Environment: "staging", DeployedAt: at("2026-03-04T10:00:00Z"), Outcome: "rolled back", File: "deploys.csv", Row: 4},
	}
}

func incidentLog() []backend.IncidentRecord {
	return []backend.IncidentRecord{
		{Key: "INC-1", Service: "wallet-api", Severity: "P2", Title: "Top-ups time out", OpenedAt: at("2026-03-02T11:00:00Z"),
			CausedByDeploymentKey: "D-1", File: "incidents.csv", Row: 2},
		{Key: "INC-2", Service: "ledger-api", Severity: "P1", Title: "Ledger out of balance", OpenedAt: at("2026-03-03T10:30:00Z"),
			CausedByChangeRequest: "CHG-2", File: "incidents.csv", Row: 3},
	}
}

// seedOKRs adds what a portfolio has before OKR updates can be imported: an
// objective with a key result, and a PI.
func seedOKRs(t *testing.T, db *sqlite.DB) {
	t.Helper()
	_, err := db.SQL().Exec(`INSERT INTO objectives(id, level, title, period) VALUES (1, 'portfolio', 'Delight customers', '2026-Q1');
		INSERT INTO key_results(id, objective_id, title, baseline, target) VALUES (1, 1, 'NPS at least 40', 20, 40);
		INSERT INTO program_increments(name, start_date, end_date) VALUES ('PI 26.1', '2026-01-05', '2026-03-27');`)
	if err != nil {
		t.Fatal(err)
	}
}

// kindCase is one kind of record: what the portfolio needs first, a file of
// such records, and a later version of that file that changes some of them.
type kindCase struct {
	name    string
	kind    string
	setup   func(t *testing.T, db *sqlite.DB)
	first   backend.ImportRecords
	created int
	newer   func() backend.ImportRecords
	updated int
}

func withRegister(t *testing.T, db *sqlite.DB) {
	applyRecs(t, db, "teams.xlsx", backend.ImportRecords{Teams: teamRegister()})
}

func withEpics(t *testing.T, db *sqlite.DB) {
	withRegister(t, db)
	applyRecs(t, db, "epics.xlsx", backend.ImportRecords{Epics: epicsList()})
}

func kindCases() []kindCase {
	return []kindCase{
		{name: "Teams", kind: "teams", first: backend.ImportRecords{Teams: teamRegister()}, created: 2, updated: 1,
			newer: func() backend.ImportRecords {
				r := teamRegister()
				r[0].Lead, r[0].WIPLimit, r[0].Services = "Jürgen", ip(6), append(r[0].Services, "cards-api")
				return backend.ImportRecords{Teams: r}
			}},
		{name: "Epics", kind: "epics", setup: withRegister, first: backend.ImportRecords{Epics: epicsList()}, created: 2, updated: 2,
			newer: func() backend.ImportRecords {
				r := epicsList()
				r[0].Status, r[0].Points = "Done", pts(45)
				r[1].Owner, r[1].Theme = "Jürgen", "Efficiency"
				return backend.ImportRecords{Epics: r}
			}},
		{name: "Deployments", kind: "deployments", setup: withRegister, first: backend.ImportRecords{Deployments: cdLog()}, created: 3, updated: 2,
			newer: func() backend.ImportRecords {
				r := cdLog()
				r[1].Outcome = "Rolled back"
				r[0].Commits = append(r[0].Commits, backend.DeploymentCommit{SHA: "c3", CommittedAt: at("2026-03-02T08:00:00Z")})
				return backend.ImportRecords{Deployments: r}
			}},
		{name: "Incidents", kind: "incidents", setup: func(t *testing.T, db *sqlite.DB) {
			withRegister(t, db)
			applyRecs(t, db, "deploys.csv", backend.ImportRecords{Deployments: cdLog()})
		}, first: backend.ImportRecords{Incidents: incidentLog()}, created: 2, updated: 1,
			newer: func() backend.ImportRecords {
				r := incidentLog()
				r[0].ResolvedAt = tp("2026-03-02T13:00:00Z")
				return backend.ImportRecords{Incidents: r}
			}},
		{name: "PIObjectives", kind: "pi_objectives", setup: func(t *testing.T, db *sqlite.DB) { withRegister(t, db); seedOKRs(t, db) },
			first: backend.ImportRecords{PIObjectives: []backend.PIObjectiveRecord{
				{Team: "Zoë's crew", PI: "PI 26.1", Title: "Launch wallets", Committed: true, PlannedBV: 8, File: "pi.xlsx", Row: 2},
				{Team: "zoë's crew", PI: "pi 26.1", Title: "Card tokens", PlannedBV: 5, File: "pi.xlsx", Row: 3},
			}}, created: 2, updated: 1,
			newer: func() backend.ImportRecords {
				return backend.ImportRecords{PIObjectives: []backend.PIObjectiveRecord{
					{Team: "Zoë's crew", PI: "PI 26.1", Title: "Launch wallets", Committed: true, PlannedBV: 8, ActualBV: ip(7), File: "pi.xlsx", Row: 2},
					{Team: "Zoë's crew", PI: "PI 26.1", Title: "Card tokens", PlannedBV: 5, File: "pi.xlsx", Row: 3},
				}}
			}},
		{name: "KeyResultUpdates", kind: "kr_updates", setup: seedOKRs,
			first: backend.ImportRecords{KRUpdates: []backend.KeyResultUpdateRecord{
				{Objective: "Delight customers", KeyResult: "NPS at least 40", RecordedOn: "2026-01-31", Value: 24, Confidence: pts(0.6), File: "okr.csv", Row: 2},
				{Objective: "delight customers", KeyResult: "NPS AT LEAST 40", RecordedOn: "2026-02-28", Value: 29, Note: "Café survey", File: "okr.csv", Row: 3},
			}}, created: 2, updated: 1,
			newer: func() backend.ImportRecords {
				return backend.ImportRecords{KRUpdates: []backend.KeyResultUpdateRecord{
					{Objective: "Delight customers", KeyResult: "NPS at least 40", RecordedOn: "2026-02-28", Value: 31, Note: "Café survey, corrected", File: "okr.csv", Row: 3},
				}}
			}},
		{name: "Benefits", kind: "benefits", setup: withEpics,
			first: backend.ImportRecords{Benefits: []backend.BenefitRecord{
				{EpicKey: "PAY-1", MeasuredOn: "2026-03-31", Amount: 12000, PlannedAmount: pts(100000), Unit: "EUR", ExpectedDate: "2026-12-31", File: "benefits.xlsx", Row: 2},
				{SourceSystem: "jira", EpicKey: "PAY-1", MeasuredOn: "2026-04-30", Amount: 8000, Note: "Q2 pilot", File: "benefits.xlsx", Row: 3},
			}}, created: 2, updated: 1,
			newer: func() backend.ImportRecords {
				return backend.ImportRecords{Benefits: []backend.BenefitRecord{
					{EpicKey: "PAY-1", MeasuredOn: "2026-04-30", Amount: 9500, Note: "Q2 pilot, audited", File: "benefits.xlsx", Row: 3},
				}}
			}},
		{name: "Feedback", kind: "feedback",
			first: backend.ImportRecords{Feedback: []backend.FeedbackRecord{
				{Program: "Payments", Product: "Wallet app", Kind: "CSAT", PeriodStart: "2026-01-01", PeriodEnd: "2026-03-31", Score: 4.2, Responses: 310, File: "voc.csv", Row: 2},
				{Program: "Payments", Product: "Wallet app", Kind: "nps", PeriodStart: "2026-01-01", PeriodEnd: "2026-03-31", Score: 31, Responses: 280, File: "voc.csv", Row: 3},
			}}, created: 2, updated: 1,
			newer: func() backend.ImportRecords {
				return backend.ImportRecords{Feedback: []backend.FeedbackRecord{
					{Program: "payments", Product: "wallet app", Kind: "nps", PeriodStart: "2026-01-01", PeriodEnd: "2026-03-31", Score: 33, Responses: 301, File: "voc.csv", Row: 3},
				}}
			}},
		{name: "Dependencies", kind: "dependencies", setup: withEpics,
			first: backend.ImportRecords{Dependencies: dependencyBoard()}, created: 2, updated: 2,
			newer: func() backend.ImportRecords {
				r := dependencyBoard()
				r[0].State, r[0].ResolvedAt = "Resolved", tp("2026-03-10T12:00:00Z")
				r[1].Risk = "High"
				return backend.ImportRecords{Dependencies: r}
			}},
		{name: "Sprints", kind: "sprints", setup: func(t *testing.T, db *sqlite.DB) { withRegister(t, db); seedOKRs(t, db) },
			first: backend.ImportRecords{Sprints: sprintSheet()}, created: 2, updated: 1,
			newer: func() backend.ImportRecords {
				r := sprintSheet()
				r[1].Goal, r[1].GoalMet, r[1].PI = "Card tokens live", bp(false), "" // a blank PI keeps the stored one
				return backend.ImportRecords{Sprints: r}
			}},
	}
}

func bp(b bool) *bool { return &b }

func sprintSheet() []backend.SprintRecord {
	return []backend.SprintRecord{
		{Team: "Zoë's crew", Sprint: "Wallet 1", StartDate: "2026-01-05", EndDate: "2026-01-16", PI: "PI 26.1", Goal: "Wallet beta", GoalMet: bp(true), File: "sprints.csv", Row: 2},
		{Team: "zoë's crew", Sprint: "Wallet 2", StartDate: "2026-01-19", EndDate: "2026-01-30", PI: "pi 26.1", File: "sprints.csv", Row: 3},
	}
}

func dependencyBoard() []backend.DependencyRecord {
	return []backend.DependencyRecord{
		{Key: "DEP-1", FromItemKey: "PAY-2", FromTeam: "Zoë's crew", ToTeam: "Ledger", ToItemKey: "PAY-1", NeededBy: "2026-04-01", State: "committed",
			Risk: "medium", Description: "Ledger API for receipts", CreatedAt: at("2026-02-02T09:00:00Z"), File: "deps.xlsx", Row: 2},
		{FromTeam: "Ledger", ToTeam: "Zoë's crew", Description: "Card tokens before PI end", CreatedAt: at("2026-02-03T09:00:00Z"), File: "deps.xlsx", Row: 3},
	}
}

// TestApplyRecordsPerKind imports each kind of record, re-imports it, imports
// a newer version, and undoes both imports, comparing every affected table.
func TestApplyRecordsPerKind(t *testing.T) {
	ctx := context.Background()
	for _, tc := range kindCases() {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openNew(t)
			if tc.setup != nil {
				tc.setup(t, db)
			}
			empty := recordsSnapshot(t, db)
			first := applyRecs(t, db, "first", tc.first)
			if got := first.Counts[tc.kind]; first.BatchID == 0 || got.Created != tc.created {
				t.Fatalf("first import: %+v, want %d %s created", first, tc.created, tc.kind)
			}
			checkOK(t, db)
			imported := recordsSnapshot(t, db)
			before, _ := db.ImportBatches(ctx)

			t.Run("ReimportChangesNothing", func(t *testing.T) {
				again := applyRecs(t, db, "again", tc.first)
				after, _ := db.ImportBatches(ctx)
				if again.BatchID != 0 || again.Changed() || again.Counts[tc.kind].Unchanged != tc.created || len(after) != len(before) {
					t.Fatalf("re-import: %+v, %d batches (was %d)", again, len(after), len(before))
				}
				if recordsSnapshot(t, db) != imported {
					t.Fatal("re-import changed the portfolio")
				}
			})

			t.Run("NewerFileUpdates", func(t *testing.T) {
				newer := applyRecs(t, db, "newer", tc.newer())
				if got := newer.Counts[tc.kind]; newer.BatchID == 0 || got.Updated != tc.updated {
					t.Fatalf("newer import: %+v, want %d %s updated", newer, tc.updated, tc.kind)
				}
				if recordsSnapshot(t, db) == imported {
					t.Fatal("the newer file changed nothing")
				}
				undo(t, db, newer.BatchID)
				if got := recordsSnapshot(t, db); got != imported {
					t.Fatalf("after undoing the update:\n%s\nwant\n%s", got, imported)
				}
			})

			t.Run("UndoRemovesWhatTheImportCreated", func(t *testing.T) {
				undo(t, db, first.BatchID)
				if got := recordsSnapshot(t, db); got != empty {
					t.Fatalf("after undo:\n%s\nwant\n%s", got, empty)
				}
				checkOK(t, db)
			})
		})
	}
}

// one runs a query that returns one value.
func one[T any](t *testing.T, db *sqlite.DB, query string, args ...any) T {
	t.Helper()
	var v T
	if err := db.SQL().QueryRow(query, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

func TestApplyRecordsLinks(t *testing.T) {
	ctx := context.Background()

	t.Run("IncidentLinksToProductionDeploymentByChangeRequest", func(t *testing.T) {
		db, _ := openNew(t)
		withRegister(t, db)
		log := cdLog()
		// The same change went to staging first: the incident is production's.
		log = append(log, backend.DeploymentRecord{Key: "D-0", Service: "ledger-api", Environment: "staging", DeployedAt: at("2026-03-01T10:00:00Z"),
			Outcome: "success", ChangeRequest: "CHG-2", File: "deploys.csv", Row: 5})
		applyRecs(t, db, "deploys.csv", backend.ImportRecords{Deployments: log})
		res := applyRecs(t, db, "incidents.csv", backend.ImportRecords{Incidents: incidentLog()})
		if len(res.Warnings) != 0 {
			t.Fatalf("warnings: %v", res.Warnings)
		}
		got := one[string](t, db, `SELECT d.external_key || ' ' || t.name FROM incidents i JOIN deployments d ON d.id = i.caused_by_deployment_id
			JOIN teams t ON t.id = i.team_id WHERE i.external_key = 'INC-2'`)
		if got != "D-2 Zoë's crew" {
			t.Fatalf("INC-2 caused by and team = %q, want D-2 of Zoë's crew (the service's team)", got)
		}
	})

	t.Run("UnknownCauseIsStoredUnlinkedWithAWarning", func(t *testing.T) {
		db, _ := openNew(t)
		withRegister(t, db)
		inc := incidentLog()[1]
		inc.CausedByChangeRequest = "CHG-404"
		res := applyRecs(t, db, "incidents.csv", backend.ImportRecords{Incidents: []backend.IncidentRecord{inc}})
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "incidents.csv, row 3") || !strings.Contains(res.Warnings[0], "CHG-404") {
			t.Fatalf("warnings = %q", res.Warnings)
		}
		if n := one[int](t, db, `SELECT count(*) FROM incidents WHERE caused_by_deployment_id IS NULL`); n != 1 {
			t.Fatalf("unlinked incidents = %d", n)
		}
	})

	t.Run("DeploymentLeadTimeStartsAtEarliestCommit", func(t *testing.T) {
		db, _ := openNew(t)
		withRegister(t, db)
		applyRecs(t, db, "deploys.csv", backend.ImportRecords{Deployments: cdLog()})
		got := one[string](t, db, `SELECT change_started_at || ' ' || (SELECT count(*) FROM deployment_commits c WHERE c.deployment_id = d.id) FROM deployments d WHERE external_key = 'D-1'`)
		if got != "2026-02-27T09:30:00Z 2" {
			t.Fatalf("D-1 change start and commits = %q, want the earliest commit's time and 2 commits", got)
		}
		// The CD log alone, without its commits table, keeps the change start.
		log := cdLog()
		log[0].Commits = nil
		if res := applyRecs(t, db, "deploys.csv", backend.ImportRecords{Deployments: log}); res.BatchID != 0 {
			t.Fatalf("re-import without commits: %+v", res)
		}
		// A change start given in the file wins over the commits.
		log[0].ChangeStartedAt = tp("2026-02-20T08:00:00Z")
		applyRecs(t, db, "deploys.csv", backend.ImportRecords{Deployments: log})
		if got := one[string](t, db, `SELECT change_started_at FROM deployments WHERE external_key = 'D-1'`); got != "2026-02-20T08:00:00Z" {
			t.Fatalf("explicit change start = %q", got)
		}
	})

	t.Run("DeploymentsGetTheirServicesTeamAndCanonicalCodes", func(t *testing.T) {
		db, _ := openNew(t)
		withRegister(t, db)
		applyRecs(t, db, "deploys.csv", backend.ImportRecords{Deployments: cdLog()})
		got := one[string](t, db, `SELECT group_concat(coalesce(d.external_key, '') || '/' || t.name || '/' || d.environment || '/' || d.outcome, ' | ')
			FROM (SELECT * FROM deployments ORDER BY deployed_at) d JOIN teams t ON t.id = d.team_id`)
		want := "D-1/Zoë's crew/production/success | D-2/Zoë's crew/production/failed | /Ledger/staging/rolled_back"
		if got != want {
			t.Fatalf("deployments = %q\nwant %q", got, want)
		}
	})

	t.Run("EpicsListEnrichesAnEpicFromJira", func(t *testing.T) {
		db, _ := openNew(t)
		apply(t, db, jiraExport("2026-02-01T00:00:00Z"))
		before := recordsSnapshot(t, db)
		// No source system: the key names the epic Jira's export stored.
		res := applyRecs(t, db, "epics.xlsx", backend.ImportRecords{Epics: []backend.EpicRecord{
			{Key: "PAY-1", Owner: "Zoë", Theme: "Growth", StartDate: "2026-01-12", File: "epics.xlsx", Row: 2}}})
		if c := res.Counts["epics"]; c.Updated != 1 || res.Counts["themes"].Created != 1 {
			t.Fatalf("result = %+v", res)
		}
		got := one[string](t, db, `SELECT w.owner || ' ' || w.start_date || ' ' || w.title || ' ' || t.name || ' ' || th.name FROM work_items w
			JOIN teams t ON t.id = w.team_id JOIN themes th ON th.id = w.theme_id WHERE w.source_system = 'jira' AND w.external_key = 'PAY-1'`)
		if got != "Zoë 2026-01-12 Wallets Zoë's crew Growth" {
			t.Fatalf("epic = %q: the list's fields added, Jira's kept", got)
		}
		if n := one[int](t, db, `SELECT count(*) FROM work_items`); n != 3 {
			t.Fatalf("items = %d, want the 3 from Jira", n)
		}
		undo(t, db, res.BatchID)
		if recordsSnapshot(t, db) != before {
			t.Fatal("undo did not restore the Jira epic")
		}
	})

	t.Run("PIWithDatesIsCreatedAndUndone", func(t *testing.T) {
		db, _ := openNew(t)
		withRegister(t, db)
		before := recordsSnapshot(t, db)
		res := applyRecs(t, db, "pi.xlsx", backend.ImportRecords{PIObjectives: []backend.PIObjectiveRecord{
			{Team: "Ledger", PI: "PI 26.2", PIStart: "2026-03-30", PIEnd: "2026-06-19", Title: "Close books daily", Committed: true, PlannedBV: 9, File: "pi.xlsx", Row: 2}}})
		if res.Counts["pis"].Created != 1 || res.Counts["pi_objectives"].Created != 1 {
			t.Fatalf("result = %+v", res)
		}
		undo(t, db, res.BatchID)
		if recordsSnapshot(t, db) != before {
			t.Fatal("undo left the PI behind")
		}
	})

	t.Run("MissingReferencesAreErrorsAndStoreNothing", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			recs backend.ImportRecords
			want string
		}{
			{"PIWithoutDates", backend.ImportRecords{PIObjectives: []backend.PIObjectiveRecord{
				{Team: "Ledger", PI: "PI 99", Title: "x", PlannedBV: 3, File: "pi.xlsx", Sheet: "PI objectives", Row: 4}}},
				`pi.xlsx, sheet "PI objectives", row 4: PI "PI 99" is not in the portfolio`},
			{"UnknownKeyResult", backend.ImportRecords{KRUpdates: []backend.KeyResultUpdateRecord{
				{Objective: "Delight customers", KeyResult: "CSAT above 4", RecordedOn: "2026-01-31", Value: 4.1, File: "okr.csv", Row: 6}}},
				`okr.csv, row 6: objective "Delight customers" has no key result "CSAT above 4"`},
			{"UnknownObjective", backend.ImportRecords{KRUpdates: []backend.KeyResultUpdateRecord{
				{Objective: "Win Mars", KeyResult: "NPS at least 40", RecordedOn: "2026-01-31", Value: 4.1, File: "okr.csv", Row: 7}}},
				`okr.csv, row 7: objective "Win Mars" is not in the portfolio`},
			{"BenefitWithoutBusinessCase", backend.ImportRecords{Benefits: []backend.BenefitRecord{
				{EpicKey: "PAY-1", MeasuredOn: "2026-03-31", Amount: 10, File: "benefits.xlsx", Row: 5}}},
				`benefits.xlsx, row 5: epic "PAY-1" has no business case`},
			{"BenefitOfUnknownEpic", backend.ImportRecords{Benefits: []backend.BenefitRecord{
				{EpicKey: "PAY-77", MeasuredOn: "2026-03-31", Amount: 10, PlannedAmount: pts(5), File: "benefits.xlsx", Row: 8}}},
				`benefits.xlsx, row 8: epic "PAY-77" is not in the portfolio`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				db, _ := openNew(t)
				withEpics(t, db)
				seedOKRs(t, db)
				before := recordsSnapshot(t, db)
				// Valid rows of other kinds in the same call are not stored either.
				tc.recs.Deployments = cdLog()
				_, err := db.ApplyRecords(ctx, backend.ImportBatch{FileName: "x"}, tc.recs)
				if backend.ErrorCode(err) != backend.EInvalid || !strings.Contains(backend.ErrorMessage(err), tc.want) {
					t.Fatalf("err = %v\nwant %s", err, tc.want)
				}
				if recordsSnapshot(t, db) != before {
					t.Fatal("a failed import changed the portfolio")
				}
				checkOK(t, db)
			})
		}
	})
}

// TestApplyFileLinksSprints: a file with both a sprints sheet and items
// naming those sprints (items kept in the payload, not streamed) links
// each item to its team's sprints; undo removes links and sprints alike.
func TestApplyFileLinksSprints(t *testing.T) {
	ctx := context.Background()
	db, _ := openNew(t)
	empty := recordsSnapshot(t, db)
	item := func(key, created string, sprints ...string) backend.ImportItem {
		return backend.ImportItem{SourceSystem: "sheet", ExternalKey: key, Type: backend.TypeStory, Title: key, Status: "To Do", Team: "Ledger",
			CreatedAt: at(created), Sprints: sprints, File: "ledger.xlsx", Row: 2}
	}
	payload := backend.ImportPayload{
		Items: []backend.ImportItem{item("L-1", "2026-01-02T10:00:00Z", "L1"), item("L-2", "2026-01-07T10:00:00Z", "l1", "L9")},
		Records: backend.ImportRecords{Sprints: []backend.SprintRecord{
			{Team: "Ledger", Sprint: "L1", StartDate: "2026-01-05", EndDate: "2026-01-16", File: "ledger.xlsx", Sheet: "Sprints", Row: 2}}},
	}
	res, err := db.ApplyFile(ctx, backend.ImportBatch{FileName: "ledger.xlsx", Format: "template+sprints"}, payload, defaults)
	if err != nil {
		t.Fatal(err)
	}
	if res.Records.Counts["sprint_items"].Created != 2 || res.Records.Counts["sprints"].Created != 1 || len(res.Warnings) != 1 ||
		!strings.Contains(res.Warnings[0], `ledger.xlsx: 1 item names sprints their team does not have ("L9")`) {
		t.Fatalf("%+v", res)
	}
	got := one[string](t, db, `SELECT group_concat(w.external_key || ' ' || m.added_at || ' ' || m.committed, '; ') FROM item_sprints m JOIN work_items w ON w.id = m.item_id`)
	if want := "L-1 2026-01-05T00:00:00Z 1; L-2 2026-01-07T10:00:00Z 0"; got != want {
		t.Fatalf("memberships %q, want %q", got, want)
	}
	checkOK(t, db)
	undo(t, db, res.BatchID)
	if recordsSnapshot(t, db) != empty {
		t.Fatal("undo left rows behind")
	}
}
