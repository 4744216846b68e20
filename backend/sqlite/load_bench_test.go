package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/demo"
	"github.com/throughline/throughline/backend/sqlite"
)

// BenchmarkLoadLarge stores the large demo portfolio (200,000 items, ~1.5 M
// status changes, 20,000 deployments) in a new file, and for reference
// inserts the same number of status-change rows into a table with no
// indexes or constraints; report the ratio of the two.
func BenchmarkLoadLarge(b *testing.B) {
	ds, err := demo.Generate(demo.Options{Seed: 1, Scale: "large"})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.Run("reference-bare-insert-of-changes", func(b *testing.B) {
		benchBareInsert(b, 4, len(ds.StatusChanges), func(i int) []any {
			c := ds.StatusChanges[i]
			return []any{c.ItemID, c.FromStatus, c.ToStatus, c.ChangedAt.UTC().Format("2006-01-02T15:04:05Z")}
		})
		b.ReportMetric(float64(len(ds.StatusChanges))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("load-dataset", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "large.db"), sqlite.Options{Create: true})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if err := db.LoadDataset(ctx, ds); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			db.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(len(ds.Items))*float64(b.N)/b.Elapsed().Seconds(), "items/s")
	})
}

// benchBareInsert is the reference the store's benchmarks compare with: n
// rows of cols values (row(i)) inserted through one prepared statement in
// one transaction into a table with no constraints or indexes, in a new
// portfolio file (opened untimed).
func benchBareInsert(b *testing.B, cols, n int, row func(i int) []any) {
	b.Helper()
	names := make([]string, cols)
	for i := range names {
		names[i] = fmt.Sprintf("c%d", i)
	}
	for b.Loop() {
		b.StopTimer()
		db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "ref.db"), sqlite.Options{Create: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.SQL().Exec("CREATE TABLE bare(" + strings.Join(names, ",") + ")"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		tx, _ := db.SQL().Begin()
		stmt, _ := tx.Prepare("INSERT INTO bare VALUES (" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")")
		for i := range n {
			if _, err := stmt.Exec(row(i)...); err != nil {
				b.Fatal(err)
			}
		}
		stmt.Close()
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}
