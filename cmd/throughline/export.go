package main

import (
	"context"
	"fmt"
	"io"

	"github.com/throughline/throughline/backend/analytics"
	"github.com/throughline/throughline/backend/xlsx"
)

// runExport dispatches `export KIND`. The template is the only kind so far;
// the workbook and the PDF pack arrive with the export feature.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"export needs a kind: export template --db FILE -o OUT.xlsx"}
	}
	switch args[0] {
	case "template":
		return runExportTemplate(ctx, args[1:], stdout, stderr)
	}
	return usageError{fmt.Sprintf("unknown export kind %q; this version exports: template", args[0])}
}

func runExportTemplate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export template", stderr)
	dbPath := fs.String("db", "", "portfolio file whose teams, PIs and statuses fill the dropdowns")
	out := fs.String("o", "", "the workbook to write (.xlsx)")
	if err := parse(fs, args, "db", "o"); err != nil {
		return err
	}
	db, err := openOrCreate(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	lists, err := analytics.TemplateLists(ctx, db)
	if err != nil {
		return err
	}
	if err := xlsx.WriteTemplateFile(*out, lists); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d teams, %d PIs, %d statuses in the dropdowns\n", *out, len(lists.Teams), len(lists.PIs), len(lists.Statuses))
	return nil
}
