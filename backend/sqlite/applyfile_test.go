package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend"
)

// TestApplyFileMixed: a workbook with an items sheet, a changelog sheet and a
// deployments sheet is one batch, stored and undone as a whole.
func TestApplyFileMixed(t *testing.T) {
	ctx := context.Background()
	db, _ := openNew(t)
	before := snapshot(t, db)
	payload := backend.ImportPayload{
		Items: jiraExport("2026-02-01T00:00:00Z"),
		History: []backend.ImportHistoryRow{
			{SourceSystem: "jira", Key: "PAY-3", Change: backend.ImportChange{From: "In Progress", To: "In Review", At: at("2026-01-12T09:00:00Z")}, File: "pay.xlsx", Sheet: "History", Row: 2},
			{SourceSystem: "jira", Key: "PAY-404", Change: backend.ImportChange{From: "To Do", To: "Done", At: at("2026-01-12T09:00:00Z")}, File: "pay.xlsx", Sheet: "History", Row: 3},
		},
		Records: backend.ImportRecords{Deployments: []backend.DeploymentRecord{{Key: "D-1", Service: "wallet-api", Team: "Zoë's crew", Environment: "production",
			DeployedAt: at("2026-01-10T15:00:00Z"), Outcome: "success", File: "pay.xlsx", Sheet: "Deployments", Row: 2}}},
	}
	preview, err := db.PreviewFile(ctx, backend.ImportBatch{FileName: "pay.xlsx", Format: "template"}, payload, defaults)
	if err != nil || preview.Items.ItemsCreated != 3 || preview.BatchID != 0 || snapshot(t, db) != before {
		t.Fatalf("preview: %+v %v, or it wrote something", preview, err)
	}
	res, err := db.ApplyFile(ctx, backend.ImportBatch{FileName: "pay.xlsx", Format: "template"}, payload, defaults)
	if err != nil {
		t.Fatal(err)
	}
	if res.BatchID == 0 || res.Items.ItemsCreated != 3 || res.Items.HistoryAdded != 7 || res.Records.Counts["deployments"].Created != 1 {
		t.Fatalf("result = %+v", res)
	}
	if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "PAY-404") || !strings.Contains(res.Warnings[0], "row 3") {
		t.Fatalf("warnings = %v, want one about PAY-404 at row 3", res.Warnings)
	}
	var n int
	db.SQL().QueryRow(`SELECT count(*) FROM deployments WHERE batch_id = ?`, res.BatchID).Scan(&n)
	if n != 1 {
		t.Fatalf("deployments of the batch = %d", n)
	}
	if err := db.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	db.SQL().QueryRow(`SELECT count(*) FROM deployments`).Scan(&n)
	if snapshot(t, db) != before || n != 0 {
		t.Fatalf("undo left data behind (%d deployments)", n)
	}
}
