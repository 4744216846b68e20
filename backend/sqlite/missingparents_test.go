package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/throughline/throughline/backend"
)

// TestMissingParentsAreReported: an item whose parent key is neither in the
// file nor in the portfolio is stored without a parent and reported with
// its row; past the first 20 they are counted, and a parent already in the
// portfolio is found.
func TestMissingParentsAreReported(t *testing.T) {
	db, _ := openNew(t)
	apply(t, db, jiraExport("2026-02-01T00:00:00Z")) // PAY-1 is now in the portfolio
	var items []backend.ImportItem
	for i := 1; i <= 25; i++ {
		items = append(items, backend.ImportItem{SourceSystem: "jira", ExternalKey: fmt.Sprintf("ORPH-%d", i), Type: backend.TypeStory, Title: "x",
			Status: "To Do", ParentKey: fmt.Sprintf("GONE-%d", i), CreatedAt: at("2026-02-02T09:00:00Z"), File: "orphans.csv", Sheet: "Sheet1", Row: i + 1})
	}
	items = append(items, backend.ImportItem{SourceSystem: "jira", ExternalKey: "PAY-9", Type: backend.TypeStory, Title: "y", Status: "To Do",
		ParentKey: "PAY-1", CreatedAt: at("2026-02-02T09:00:00Z"), File: "orphans.csv", Sheet: "Sheet1", Row: 27})
	res, err := db.ApplyFile(context.Background(), backend.ImportBatch{FileName: "orphans.csv", SHA256: "o"}, backend.ImportPayload{Items: items}, defaults)
	if err != nil {
		t.Fatal(err)
	}
	if res.MissingParentCount != 25 || len(res.MissingParents) != 20 {
		t.Fatalf("missing parents: %d counted, %d listed", res.MissingParentCount, len(res.MissingParents))
	}
	if first := res.MissingParents[0]; first.ExternalKey != "ORPH-1" || first.ParentKey != "GONE-1" || first.Row != 2 || first.Sheet != "Sheet1" || first.File != "orphans.csv" {
		t.Fatalf("first missing parent %+v", first)
	}
	if n := one[int](t, db, `SELECT count(*) FROM work_items WHERE external_key LIKE 'ORPH-%' AND parent_id IS NULL`); n != 25 {
		t.Fatalf("%d orphans stored without a parent, want 25", n)
	}
	if p := one[string](t, db, `SELECT p.external_key FROM work_items c JOIN work_items p ON p.id = c.parent_id WHERE c.external_key = 'PAY-9'`); p != "PAY-1" {
		t.Fatalf("PAY-9's parent = %q", p)
	}
}
