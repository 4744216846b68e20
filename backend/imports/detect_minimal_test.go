package imports_test

import (
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/imports"
)

// TestMinimalItemsSheetIsTemplate: a hand-made sheet with just the required
// item columns is an items sheet, not an incidents export.
func TestMinimalItemsSheetIsTemplate(t *testing.T) {
	csv := "Key,Type,Title,Team,Status,Created\nZOE-1,Story,Pay by card,Zoë's crew,Done,2026-01-05\n"
	tbl, err := imports.ReadCSV("zoe.csv", strings.NewReader(csv), imports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Close()
	var rows []imports.Row
	tbl.Each(func(r imports.Row) error { rows = append(rows, r); return nil })
	if d := imports.Detect(tbl.Headers, rows); d.Format != imports.FormatTemplate {
		t.Fatalf("detected %q (%.2f), want template; others %+v", d.Format, d.Confidence, d.Others)
	}
}
