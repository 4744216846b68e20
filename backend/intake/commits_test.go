package intake_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/throughline/throughline/backend/intake"
)

// TestDeploymentsWithCommits: a CD log and its commits in two sheets of one
// workbook; the deployment's change start is its earliest commit.
func TestDeploymentsWithCommits(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Deployments")
	rows := [][]any{
		{"Deployment ID", "Service", "Environment", "Deployed At", "Outcome", "Team"},
		{"D-1", "wallet-api", "production", "2026-01-09 14:30", "success", "Zoë's crew"},
	}
	for i, r := range rows {
		f.SetSheetRow("Deployments", "A"+string(rune('1'+i)), &r)
	}
	f.NewSheet("Commits")
	crow := [][]any{
		{"Deployment ID", "Commit", "Committed At"},
		{"D-1", "9f1c2ab", "2026-01-08 10:00"},
		{"D-1", "77aa001", "2026-01-07 09:00"},
	}
	for i, r := range crow {
		f.SetSheetRow("Commits", "A"+string(rune('1'+i)), &r)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	db := newDB(t)
	reps, err := intake.Import(context.Background(), db, []intake.Source{{Name: "cd-log.xlsx", Data: buf.Bytes()}}, intake.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := reps[0]; r.Error != "" || !r.Stored || r.Records["deployments"].Created != 1 {
		t.Fatalf("report: %+v", r)
	}
	var started string
	db.SQL().QueryRow(`SELECT change_started_at FROM deployments WHERE external_key = 'D-1'`).Scan(&started)
	if started == "" || started[:10] != "2026-01-07" {
		t.Fatalf("change started at %q, want the earliest commit (7 January)", started)
	}
}
