package intake_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/intake"
	"github.com/throughline/throughline/backend/metrics"
	"github.com/throughline/throughline/backend/sqlite"
)

// sprintsCSV is Team Ops's sprints sheet.
var sprintsCSV = intake.Source{Name: "ops-sprints.csv", Data: []byte(`Team,Sprint,Start,End,PI,Goal,Goal Met
Team Ops,OPS Sprint 4,2026-02-02,2026-02-13,,Certificates rotated,yes
Team Ops,OPS Sprint 5,2026-02-16,2026-02-27,,Broker runbook,no
`)}

// opsJiraCSV is Team Ops's Jira export. OPS-7 exists before Sprint 4 and is
// done in it; OPS-8 joins Sprint 4 after its start, is carried over into
// Sprint 5 and done there; OPS-9 names a sprint the team does not have.
var opsJiraCSV = intake.Source{Name: "ops-jira.csv", Data: []byte(`Issue Type,Issue key,Issue id,Summary,Status,Project name,Created,Updated,Resolved,Sprint,Sprint,Custom field (Story Points)
Story,OPS-7,20007,Rotate TLS certificates,Done,Team Ops,2026-01-28 09:00,2026-02-10 17:45,2026-02-10 17:45,OPS Sprint 4,,3
Task,OPS-8,20008,Write the broker runbook,Done,Team Ops,2026-02-04 14:20,2026-02-20 10:00,2026-02-20 10:00,OPS Sprint 4,ops sprint 5,2
Bug,OPS-9,20009,Disk alarm flaps,Open,Team Ops,2026-02-24 08:00,2026-02-24 08:00,,OPS Sprint 6,,1
`)}

// wantMemberships are the item_sprints rows the two files make.
const wantMemberships = `OPS-7 OPS Sprint 4 2026-02-02T00:00:00Z 1
OPS-8 OPS Sprint 4 2026-02-04T14:20:00Z 0
OPS-8 OPS Sprint 5 2026-02-16T00:00:00Z 1`

// TestImportSprints: a sprints sheet stores sprints, a Jira export links
// its items to them (committed when they existed at the sprint's start),
// the Scrum metrics see them, re-importing changes nothing and undoing
// each file restores the portfolio exactly, in either order of import.
func TestImportSprints(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		order []intake.Source
		// reimportItems: the items file came before the sprints, so its
		// memberships come with a second import of it.
		reimportItems bool
		// warns: the items file's warning about OPS Sprint 6 (only once the
		// team has sprints).
		warns bool
	}{
		{name: "SprintsThenItems", order: []intake.Source{sprintsCSV, opsJiraCSV}, warns: true},
		{name: "ItemsThenSprints", order: []intake.Source{opsJiraCSV, sprintsCSV}, reimportItems: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := newDB(t)
			states := []string{dumpState(t, db)}
			var batches []int64
			for _, src := range tc.order {
				reps, err := intake.Import(ctx, db, []intake.Source{src}, intake.Options{}, nil)
				if err != nil || len(reps) != 1 || !reps[0].Stored || reps[0].Error != "" || len(reps[0].Rejected) != 0 {
					t.Fatalf("%s: %+v %v", src.Name, reps, err)
				}
				r := reps[0]
				switch src.Name {
				case sprintsCSV.Name:
					if r.Format != "sprints" || r.Records["sprints"] != (backend.KindCounts{Created: 2}) || len(r.Warnings) != 0 {
						t.Fatalf("sprints sheet: %+v", r)
					}
				case opsJiraCSV.Name:
					want := 0
					if !tc.reimportItems {
						want = 3
					}
					if r.ItemsCreated != 3 || r.Records["sprint_items"].Created != want {
						t.Fatalf("items: %+v", r)
					}
					warned := len(r.Warnings) == 1 && strings.Contains(r.Warnings[0].Reason,
						`ops-jira.csv: 1 item names sprints their team does not have ("OPS Sprint 6"); they are not linked`)
					if warned != tc.warns || len(r.Warnings) > 1 {
						t.Fatalf("warnings %+v, want the OPS Sprint 6 one: %v", r.Warnings, tc.warns)
					}
				}
				batches = append(batches, r.BatchID)
				states = append(states, dumpState(t, db))
			}
			if tc.reimportItems {
				// The items came before their sprints: importing them again links them.
				reps, err := intake.Import(ctx, db, []intake.Source{opsJiraCSV}, intake.Options{}, nil)
				if err != nil || !reps[0].Stored || reps[0].ItemsCreated+reps[0].ItemsUpdated+reps[0].HistoryAdded != 0 ||
					reps[0].Records["sprint_items"] != (backend.KindCounts{Created: 3}) || len(reps[0].Warnings) != 1 {
					t.Fatalf("items again: %+v %v", reps, err)
				}
				batches = append(batches, reps[0].BatchID)
				states = append(states, dumpState(t, db))
			}
			if got := memberships(t, db); got != wantMemberships {
				t.Fatalf("memberships:\n%s\nwant\n%s", got, wantMemberships)
			}
			checkSprintMetrics(t, db)

			// Re-importing every file changes nothing and records no batch.
			final := states[len(states)-1]
			reps, err := intake.Import(ctx, db, []intake.Source{sprintsCSV, opsJiraCSV}, intake.Options{}, nil)
			if err != nil || reps[0].Stored || reps[1].Stored {
				t.Fatalf("re-import: %+v %v", reps, err)
			}
			if got := dumpState(t, db); got != final {
				t.Fatalf("re-import changed the portfolio:\n%s\nwant\n%s", got, final)
			}
			if bs, _ := db.ImportBatches(ctx); len(bs) != len(batches) {
				t.Fatalf("%d batches, want %d", len(bs), len(batches))
			}

			// The first file cannot be undone while a later one depends on it.
			if err := db.UndoImport(ctx, batches[0]); backend.ErrorCode(err) != backend.EConflict {
				t.Fatalf("undo of the first import under the later ones: %v", err)
			}
			for i := len(batches) - 1; i >= 0; i-- {
				if err := db.UndoImport(ctx, batches[i]); err != nil {
					t.Fatalf("undo %d: %v", batches[i], err)
				}
				if got := dumpState(t, db); got != states[i] {
					t.Fatalf("after undoing import %d:\n%s\nwant\n%s", batches[i], got, states[i])
				}
			}
		})
	}
}

// checkSprintMetrics: velocity and say/do of Team Ops's sprints, computed
// from the stored portfolio as the analytics do.
func checkSprintMetrics(t *testing.T, db *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	ds, err := db.ReadDataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	flows, err := db.ItemFlows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := metrics.ComputeSprintMetrics(ds.Sprints, ds.ItemSprints, flows, time.UTC)
	want := []struct {
		name                           string
		committed, completed, doneComm float64
		goalMet                        bool
	}{
		{"OPS Sprint 4", 3, 3, 3, true}, // OPS-8 joined after the start and was carried over
		{"OPS Sprint 5", 2, 2, 2, false},
	}
	if len(got) != len(want) {
		t.Fatalf("sprint metrics %+v", got)
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.name || g.Committed != w.committed || g.Completed != w.completed || g.CompletedCommitted != w.doneComm ||
			g.GoalMet == nil || *g.GoalMet != w.goalMet || g.TeamID == 0 {
			t.Errorf("sprint %d = %+v, want %+v", i, g, w)
		}
	}
}

// memberships lists the stored item_sprints rows by key and sprint name.
func memberships(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	var lines []string
	rows, err := db.SQL().Query(`SELECT w.external_key, s.name, m.added_at, m.committed FROM item_sprints m
		JOIN work_items w ON w.id = m.item_id JOIN sprints s ON s.id = m.sprint_id ORDER BY w.external_key, s.start_date`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, sprint, added string
		var committed int
		if err := rows.Scan(&key, &sprint, &added, &committed); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%s %s %s %d", key, sprint, added, committed))
	}
	return strings.Join(lines, "\n")
}

// dumpState is every row of the tables sprint imports touch (stage
// mappings an import saves are settings and stay), for exact
// comparisons before and after an import or an undo.
func dumpState(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"programs", "teams", "program_increments", "sprints", "item_sprints", "work_items", "status_changes"} {
		rows, err := db.SQL().Query("SELECT * FROM " + table + " ORDER BY 1, 2")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		fmt.Fprintf(&b, "%s %v\n", table, cols)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					vals[i] = string(bs)
				}
			}
			fmt.Fprintln(&b, vals...)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return b.String()
}

// TestImportSprintsRejectsBadRows: a sprint row that ends before it starts,
// or misses a required cell, is rejected naming file, row and column; the
// other rows are stored.
func TestImportSprintsRejectsBadRows(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, csv  string
		row        int
		column     string
		reason     string
		wantStored int
	}{
		{name: "EndBeforeStart", csv: "Team,Sprint,Start,End\nTeam Ops,OPS Sprint 4,2026-02-02,2026-02-13\nTeam Ops,OPS Sprint 5,2026-02-27,2026-02-16\n",
			row: 3, column: "D", reason: "is before the sprint's start (2026-02-27, column C)", wantStored: 1},
		{name: "NoName", csv: "Team,Sprint,Start,End\nTeam Ops,,2026-02-02,2026-02-13\nTeam Ops,OPS Sprint 5,2026-02-16,2026-02-27\n",
			row: 2, column: "B", reason: "every row needs the sprint's name", wantStored: 1},
		{name: "NoStart", csv: "Team,Sprint,Start,End\nTeam Ops,OPS Sprint 4,,2026-02-13\n",
			row: 2, column: "C", reason: "every row needs the sprint's first day", wantStored: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := newDB(t)
			reps, err := intake.Import(ctx, db, []intake.Source{{Name: "bad-sprints.csv", Data: []byte(tc.csv)}}, intake.Options{}, nil)
			if err != nil || len(reps) != 1 {
				t.Fatalf("%+v %v", reps, err)
			}
			r := reps[0]
			if r.RowsRejected != 1 || len(r.Rejected) != 1 {
				t.Fatalf("rejected %+v", r)
			}
			p := r.Rejected[0]
			if r.Path != "bad-sprints.csv" || p.Row != tc.row || p.Column != tc.column || !strings.Contains(p.Reason, tc.reason) {
				t.Errorf("problem %+v in %s, want row %d column %s: %q", p, r.Path, tc.row, tc.column, tc.reason)
			}
			var n int
			if err := db.SQL().QueryRow(`SELECT count(*) FROM sprints`).Scan(&n); err != nil && err != sql.ErrNoRows {
				t.Fatal(err)
			}
			if n != tc.wantStored {
				t.Errorf("%d sprints stored, want %d", n, tc.wantStored)
			}
		})
	}
}
