package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/demo"
	"github.com/throughline/throughline/backend/sqlite"
)

// largeImportItems turns the large demo portfolio into the items a
// 200,000-row team workbook maps to: one row per item with its status
// history reconstructed from created / started / done dates (three
// changes at most), as the template and stage-date formats produce.
func largeImportItems(b *testing.B) []backend.ImportItem { return largeImportItemsT(b) }

func largeImportItemsT(b testing.TB) []backend.ImportItem {
	b.Helper()
	ds, err := demo.Generate(demo.Options{Seed: 1, Scale: "large"})
	if err != nil {
		b.Fatal(err)
	}
	teams := map[int64]string{}
	for _, t := range ds.Teams {
		teams[t.ID] = t.Name
	}
	keys := map[int64]string{}
	for _, it := range ds.Items {
		keys[it.ID] = it.ExternalKey
	}
	byItem := map[int64][]backend.StatusChange{}
	for _, c := range ds.StatusChanges {
		byItem[c.ItemID] = append(byItem[c.ItemID], c)
	}
	out := make([]backend.ImportItem, 0, len(ds.Items))
	for i, it := range ds.Items {
		imp := backend.ImportItem{SourceSystem: "sheet", ExternalKey: it.ExternalKey, Type: it.Type, Title: it.Title,
			Team: teams[it.TeamID], Status: it.Status, ParentKey: keys[it.ParentID], Points: it.Points,
			CreatedAt: it.CreatedAt, Labels: it.Labels, Reconstructed: true, File: "large.xlsx", Sheet: "Items", Row: i + 2}
		cs := byItem[it.ID]
		imp.History = append(imp.History, backend.ImportChange{To: "To Do", At: it.CreatedAt})
		if len(cs) > 1 {
			imp.History = append(imp.History, backend.ImportChange{From: "To Do", To: cs[1].ToStatus, At: cs[1].ChangedAt})
		}
		if len(cs) > 2 {
			last := cs[len(cs)-1]
			imp.History = append(imp.History, backend.ImportChange{From: cs[1].ToStatus, To: last.ToStatus, At: last.ChangedAt})
		}
		out = append(out, imp)
	}
	return out
}

// BenchmarkApplyFile200k stores 200,000 mapped rows as one import batch
// (the store's share of BenchmarkImportXLSX200k), against a reference that
// inserts the same items' key columns into a table with no indexes.
func BenchmarkApplyFile200k(b *testing.B) {
	items := largeImportItems(b)
	ctx := context.Background()
	changes := 0
	for _, it := range items {
		changes += len(it.History)
	}
	b.Logf("%d items, %d changes", len(items), changes)
	b.Run("reference-bare-insert", func(b *testing.B) {
		benchBareInsert(b, 7, len(items), func(i int) []any {
			it := items[i]
			return []any{it.SourceSystem, it.ExternalKey, string(it.Type), it.Title, it.Team, it.Status, it.CreatedAt.UTC().Format(time.RFC3339)}
		})
	})
	b.Run("apply-file", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "p.db"), sqlite.Options{Create: true})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			res, err := db.ApplyFile(ctx, backend.ImportBatch{FileName: "large.xlsx", SHA256: "x"}, backend.ImportPayload{Items: items}, sqlite.ImportDefaults{})
			if err != nil {
				b.Fatal(err)
			}
			if res.Items.ItemsCreated != len(items) {
				b.Fatalf("created %d of %d", res.Items.ItemsCreated, len(items))
			}
			b.StopTimer()
			db.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(len(items))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}
