package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/intake"
)

// maxImportFile caps one input file; the 200,000-row benchmark workbook is
// about 22 MB.
const maxImportFile = 512 << 20

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", stderr)
	dbPath := fs.String("db", "", "portfolio file (created when missing)")
	team := fs.String("team", "", "team for rows whose file does not name one")
	program := fs.String("program", "", "program for rows whose file does not name one")
	format := fs.String("format", "auto", "auto, jira, ado, rally, stages or template")
	profile := fs.String("mapping", "", "a saved column-mapping profile")
	dryRun := fs.Bool("dry-run", false, "report what would change without writing")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	dateOrder := fs.String("date-order", "", "dmy or mdy, for date columns whose order the data cannot decide")
	allOrNothing := fs.Bool("all-or-nothing", false, "store nothing from a file with rejected rows")
	types := typeFlag{}
	fs.Var(types, "type", `"Raw Name=story": the item type of a raw type Throughline does not know (repeatable; saved for later imports)`)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	files := fs.Args()
	if *dbPath == "" {
		return usageError{"--db is required"}
	}
	if len(files) == 0 {
		return usageError{"name at least one file to import"}
	}
	opts := intake.Options{Team: *team, Program: *program, Profile: *profile, DryRun: *dryRun, AllOrNothing: *allOrNothing, Types: types,
		OnProgress: importProgress(stderr, *asJSON)}
	switch *format {
	case "auto", "":
	case "jira", "ado", "rally", "stages", "template":
		opts.Format = imports.Format(*format)
	default:
		return usageError{fmt.Sprintf("--format must be auto, jira, ado, rally, stages or template, not %q", *format)}
	}
	if *dateOrder != "" {
		o, err := imports.ParseDateOrder(*dateOrder)
		if err != nil {
			return usageError{fmt.Sprintf("--date-order %q: use dmy or mdy", *dateOrder)}
		}
		opts.DateOrder = o
	}
	var sources []intake.Source
	for _, path := range files {
		st, err := os.Stat(path)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if st.IsDir() {
			return usageError{fmt.Sprintf("%s is a folder; name the files in it (e.g. %s/*.xlsx)", path, path)}
		}
		if st.Size() > maxImportFile {
			return fmt.Errorf("%s is %d MB, more than the %d MB an import accepts", path, st.Size()>>20, maxImportFile>>20)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		sources = append(sources, intake.Source{Name: filepath.Base(path), Data: data})
	}
	db, err := openOrCreate(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	reports, err := intake.Import(ctx, db, sources, opts, nil)
	if err != nil {
		return err
	}
	for i := range reports {
		reports[i].Path = files[i]
	}
	problems := false
	for _, r := range reports {
		if r.Error != "" || len(r.Rejected) > 0 {
			problems = true
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"files": reports}); err != nil {
			return err
		}
	} else {
		printImport(stdout, stderr, reports)
	}
	if problems {
		return errProblemsFound
	}
	return nil
}

func printImport(stdout, stderr io.Writer, reports []intake.FileReport) {
	for _, r := range reports {
		verb := "imported"
		if r.DryRun {
			verb = "would import"
		}
		if r.Error != "" {
			fmt.Fprintln(stderr, fileErrorLine(r.Path, r.Error))
			continue
		}
		fmt.Fprintf(stdout, "%s (%s): %d rows read; %s %d new items, %d updated, %d unchanged, %d status changes",
			r.Path, r.Format, r.RowsRead, verb, r.ItemsCreated, r.ItemsUpdated, r.ItemsUnchanged, r.HistoryAdded)
		var recs []string
		for k, c := range r.Records {
			if c.Created+c.Updated > 0 {
				recs = append(recs, fmt.Sprintf("%s %d new, %d updated", strings.ReplaceAll(k, "_", " "), c.Created, c.Updated))
			}
		}
		if len(recs) > 0 {
			fmt.Fprintf(stdout, "; %s", strings.Join(recs, "; "))
		}
		switch {
		case r.DryRun:
			fmt.Fprintln(stdout, " (dry run: nothing written)")
		case !r.Stored:
			fmt.Fprintln(stdout, " (nothing changed)")
		default:
			fmt.Fprintf(stdout, " (import %d; undo it from the import history)\n", r.BatchID)
		}
		for _, p := range r.Rejected {
			fmt.Fprintln(stderr, problemLine(r.Path, p, "rejected"))
		}
		for _, p := range r.Warnings {
			fmt.Fprintln(stderr, problemLine(r.Path, p, "warning"))
		}
		printUnknownTypes(stderr, r)
	}
}

// problemLine is one line naming file, sheet, row and column.
func problemLine(path string, p intake.Problem, kind string) string {
	var where []string
	where = append(where, path)
	if p.Sheet != "" {
		where = append(where, fmt.Sprintf("sheet %q", p.Sheet))
	}
	if p.Row > 0 {
		where = append(where, fmt.Sprintf("row %d", p.Row))
	}
	if p.Column != "" {
		col := "column " + p.Column
		if p.Header != "" {
			col += " (" + p.Header + ")"
		}
		where = append(where, col)
	}
	return fmt.Sprintf("%s: %s: %s", strings.Join(where, ", "), kind, reasonText(p))
}

// quotedValueMax caps a value repeated at the start of a problem's reason.
const quotedValueMax = 40

// reasonText makes a problem's reason a sentence, as the Import screen does
// (frontend describe.ts reasonText): a reason about a value is written as the
// rest of a sentence that starts with it ("is not an item type…"), so the
// value goes in front; a reason that is a sentence already is kept.
func reasonText(p intake.Problem) string {
	reason := strings.TrimSpace(p.Reason)
	first, size := utf8.DecodeRuneInString(reason)
	if size == 0 || !unicode.IsLower(first) {
		return reason
	}
	value := strings.TrimSpace(p.Value)
	if value == "" {
		return string(unicode.ToUpper(first)) + reason[size:]
	}
	if r := []rune(value); len(r) > quotedValueMax {
		value = string(r[:quotedValueMax-1]) + "…"
	}
	return fmt.Sprintf("%q %s", value, reason)
}

// fileErrorLine is the line for a file that could not be imported. Most
// errors already start with the file's name ("ops.csv: the columns…",
// "ops.csv is empty…"); that name is replaced by the path as given rather
// than printed twice.
func fileErrorLine(path, msg string) string {
	name := filepath.Base(path)
	if rest, ok := strings.CutPrefix(msg, name); ok && (rest == "" || strings.ContainsRune(":, ", rune(rest[0]))) {
		return path + rest
	}
	return path + ": " + msg
}
