// Package intake runs an import from end to end: it reads each file with
// backend/imports, maps every sheet to domain rows, collects the problems
// (file, sheet, row, column, value, what to do) and the statuses seen,
// proposes stage mappings for new statuses, and stores each file as one
// import batch through the store — or, for a dry run, reports what would
// change without writing anything.
package intake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/sqlite"
)

// Source is one file to import, held in memory.
type Source struct {
	Name string
	Data []byte
}

// Options steer an import (PRODUCT §9 `throughline import`).
type Options struct {
	Format    imports.Format    // FormatUnknown = detect per sheet
	Team      string            // for rows whose file does not say
	Program   string            // for rows whose file does not say
	DateOrder imports.DateOrder // for date columns whose order the data cannot decide
	Profile   string            // a saved column-mapping profile's name
	DryRun    bool              // report without writing
	// ProfileInline is a column mapping not (yet) saved, from the mapping
	// editor; when set it is used instead of Profile.
	ProfileInline *imports.Profile
	// AllOrNothing stores nothing from a file that has rejected rows; by
	// default the other rows are stored and the rejected ones reported.
	AllOrNothing bool
	// Mappings are stage mappings the user chose for new statuses; they are
	// saved before the import. Statuses still unmapped after that get the
	// proposed default when there is one (DefaultStage).
	Mappings []backend.WorkflowMapping
	// Types say which item type a raw type no built-in table knows is
	// (raw type → type); saved before the import (not on a dry run) and
	// used, with the choices saved before, as defaults from then on.
	Types map[string]backend.ItemType
	// Reader options (encoding, delimiter overrides).
	Read imports.Options
	// OnProgress, when set, hears how far each file has come (see meter).
	OnProgress func(FileProgress)
}

// Problem is one problem as reports show it.
type Problem struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Column string `json:"column"`
	Header string `json:"header,omitempty"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// StatusReport is a status seen in a file and how it maps.
type StatusReport struct {
	imports.StatusSeen
	Stage    backend.Stage `json:"stage"`    // the stage it maps to, "" when unmapped
	Proposed bool          `json:"proposed"` // Stage is a default proposal, not yet saved
}

// SheetReport says how one sheet was read.
type SheetReport struct {
	Name       string  `json:"name"`
	Hidden     bool    `json:"hidden"`
	Format     string  `json:"format"`
	Confidence float64 `json:"confidence"`
	RowsRead   int     `json:"rows_read"`
	HeaderRow  int     `json:"header_row"`
	Skipped    string  `json:"skipped,omitempty"` // why the sheet was not imported
	// Preview is the header and the first rows as the file has them.
	Preview Preview `json:"preview"`
}

// Preview is the start of a table as text.
type Preview struct {
	Columns []string   `json:"columns"` // "A (Issue key)"…
	Rows    [][]string `json:"rows"`
	Numbers []int      `json:"row_numbers"` // the rows' numbers as Excel or an editor shows them
}

// previewRows is how many data rows a preview shows.
const previewRows = 8

// preview returns the header and first rows of a table as text, from the
// rows the table has already read ahead (nothing is read twice).
func preview(tbl *imports.Table) Preview {
	p := Preview{Columns: []string{}, Rows: [][]string{}, Numbers: []int{}}
	for _, h := range tbl.Headers {
		p.Columns = append(p.Columns, h.Letter+" ("+h.Name+")")
	}
	for _, row := range tbl.Sample(previewRows) {
		cells := make([]string, len(tbl.Headers))
		for i := range cells {
			cells[i] = row.Text(i)
		}
		p.Rows = append(p.Rows, cells)
		p.Numbers = append(p.Numbers, row.Number)
	}
	return p
}

// FileReport is the outcome of one file: the `import --json` contract
// (path, format, rows_read, items_created, items_updated, history_added,
// rejected, warnings) plus what the UI needs.
type FileReport struct {
	Path           string                        `json:"path"`
	Format         string                        `json:"format"`
	RowsRead       int                           `json:"rows_read"`
	ItemsCreated   int                           `json:"items_created"`
	ItemsUpdated   int                           `json:"items_updated"`
	ItemsUnchanged int                           `json:"items_unchanged"`
	HistoryAdded   int                           `json:"history_added"`
	RowsRejected   int                           `json:"rows_rejected"` // rows left out; a row can have several problems
	Records        map[string]backend.KindCounts `json:"records"`
	Rejected       []Problem                     `json:"rejected"`
	Warnings       []Problem                     `json:"warnings"`
	Statuses       []StatusReport                `json:"statuses"`
	AmbiguousDates []imports.AmbiguousColumn     `json:"ambiguous_dates"`
	UnknownTypes   []imports.TypeSeen            `json:"unknown_types"` // raw types no built-in table knows, settled or not
	Sheets         []SheetReport                 `json:"sheets"`
	SHA256         string                        `json:"sha256"`
	Encoding       string                        `json:"encoding,omitempty"`
	Delimiter      string                        `json:"delimiter,omitempty"`
	BatchID        int64                         `json:"batch_id"`
	DryRun         bool                          `json:"dry_run"`
	Stored         bool                          `json:"stored"`
	Error          string                        `json:"error,omitempty"` // the file could not be read or stored at all
	PreviouslyAt   string                        `json:"previously_imported_at,omitempty"`
}

// importMemoryBudget is how far the Go heap may grow during an import
// beyond what the process held when it started, as a soft limit. With
// SQLite's import cache (64 MB) and the runtime's own overhead, the
// process stays under PRODUCT §10's 500 MB for a 200,000-row workbook
// (BenchmarkImportXLSX200k reports the peak).
const importMemoryBudget = 320 << 20

// memoryLimit is the soft limit for an import: the budget on top of the
// heap already in use, so a process that holds a large portfolio does not
// make the collector run without pause.
func memoryLimit() int64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc) + importMemoryBudget
}

// Progress is called as files and sheets are read; done and total count
// files.
type Progress func(done, total int, message string)

// Import reads, maps and (unless DryRun) stores each file as its own import
// batch. A file that cannot be read does not stop the others: its report
// carries the error. Import returns an error only when the whole run cannot
// go on (the context was cancelled, the store failed).
func Import(ctx context.Context, db *sqlite.DB, files []Source, opts Options, progress Progress) ([]FileReport, error) {
	if progress == nil {
		progress = func(int, int, string) {}
	}
	// A 200,000-row workbook's rows and items are a few hundred MB of live
	// heap; without a limit the collector lets the heap double before it
	// runs, which took an import past PRODUCT §10's 500 MB. The limit is
	// soft: the collector works harder near it, nothing fails.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(memoryLimit()))
	st, err := db.Settings(ctx)
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(st.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	profile := opts.ProfileInline
	if profile == nil && opts.Profile != "" {
		js, err := db.MappingProfile(ctx, opts.Profile)
		if err != nil {
			return nil, err
		}
		profile = &imports.Profile{}
		if err := json.Unmarshal([]byte(js), profile); err != nil {
			return nil, fmt.Errorf("read mapping profile %q: %w", opts.Profile, err)
		}
	}
	if opts.Types, err = typeChoices(ctx, db, opts.Types, opts.DryRun); err != nil {
		return nil, err
	}
	if !opts.DryRun {
		for _, m := range opts.Mappings {
			if err := db.SaveWorkflowMapping(ctx, m); err != nil {
				return nil, err
			}
		}
	}
	reports := make([]FileReport, 0, len(files))
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return reports, err
		}
		progress(i, len(files), "Reading "+f.Name)
		rep := importOne(ctx, db, f, opts, loc, profile)
		if ctx.Err() != nil {
			return reports, ctx.Err()
		}
		reports = append(reports, rep)
	}
	progress(len(files), len(files), "Done")
	return reports, nil
}

// importOne reads, maps and stores one file. Reading and storing overlap:
// the store's transaction starts first, and items reach it while the file
// is still being read (imports.MapOptions.OnItems, sqlite.ApplyStream).
// Whatever ends the file early — a read error, ambiguous dates, rejected
// rows under all-or-nothing, a dry run — rolls the transaction back.
func importOne(ctx context.Context, db *sqlite.DB, f Source, opts Options, loc *time.Location, profile *imports.Profile) FileReport {
	sum := sha256.Sum256(f.Data)
	rep := FileReport{Path: f.Name, SHA256: hex.EncodeToString(sum[:]), DryRun: opts.DryRun, Records: map[string]backend.KindCounts{},
		Rejected: []Problem{}, Warnings: []Problem{}, Statuses: []StatusReport{}, AmbiguousDates: []imports.AmbiguousColumn{}, UnknownTypes: []imports.TypeSeen{}, Sheets: []SheetReport{}}
	if at, ok, err := db.LastImportOf(ctx, rep.SHA256); err == nil && ok {
		rep.PreviouslyAt = at.Format(time.RFC3339)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The reader goroutine owns rep until it is done; read is closed then.
	chunks := make(chan []backend.ImportItem, 4)
	type readResult struct {
		payload backend.ImportPayload
		batch   backend.ImportBatch
		err     error
	}
	read := make(chan readResult, 1)
	prog := newMeter(ctx, f, opts.OnProgress)
	defer func() { prog.finished(rep.RowsRead) }()
	go func() {
		defer close(chunks)
		send := func(items []backend.ImportItem) error {
			select {
			case chunks <- items:
				prog.handed(len(items))
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		payload, batch, err := readFile(ctx, f, opts, loc, profile, &rep, send, prog)
		prog.storing(rep.RowsRead, err)
		read <- readResult{payload, batch, err}
	}()

	var (
		readErr   error // the file could not be read (rep.Error says how)
		stopped   bool  // Finish refused the file after reading it; rep.Error says why
		proposals []backend.WorkflowMapping
		finished  bool
	)
	finish := func() (backend.ImportBatch, backend.ImportPayload, error) {
		r := <-read
		finished = true
		switch {
		case r.err != nil:
			readErr = r.err
			return r.batch, r.payload, r.err
		case len(rep.AmbiguousDates) > 0:
			stopped = true
			rep.Error = fmt.Sprintf("%s has date columns whose day/month order cannot be told from the data (%s); choose day-first or month-first (--date-order dmy|mdy) and import again.", f.Name, ambiguousList(rep.AmbiguousDates))
			return r.batch, r.payload, errStopped
		}
		var err error
		if proposals, err = resolveStatuses(ctx, db, &rep, opts.Mappings); err != nil {
			stopped = true
			rep.Error = backend.ErrorMessage(err)
			return r.batch, r.payload, errStopped
		}
		if rep.RowsRejected > 0 && opts.AllOrNothing {
			stopped = true
			rep.Error = fmt.Sprintf("%d rows were rejected, so nothing from %s was stored (all or nothing).", rep.RowsRejected, f.Name)
			return r.batch, r.payload, errStopped
		}
		problems, _ := json.Marshal(append(append([]Problem{}, rep.Rejected...), rep.Warnings...))
		r.batch.ProblemsJSON = string(problems)
		return r.batch, r.payload, nil
	}
	start := backend.ImportBatch{FileName: f.Name, SHA256: rep.SHA256, SizeBytes: int64(len(f.Data))}
	def := sqlite.ImportDefaults{Team: opts.Team, Program: opts.Program}
	res, err := db.ApplyStream(ctx, sqlite.FileStream{Batch: start, Items: chunks, Finish: finish}, def, !opts.DryRun)
	if !finished {
		cancel() // the store failed first: stop the reader before rep is read
		<-read
	}
	if len(proposals) > 0 && !opts.DryRun {
		if perr := saveProposals(context.WithoutCancel(ctx), db, proposals); perr != nil && err == nil {
			rep.Error = backend.ErrorMessage(perr)
			return rep
		}
	}
	switch {
	case readErr != nil:
		rep.Error = backend.ErrorMessage(readErr)
		if backend.ErrorCode(readErr) == backend.EInternal {
			rep.Error = fmt.Sprintf("%s could not be read: %v", f.Name, readErr)
		}
		return rep
	case stopped:
		return rep
	case err != nil:
		rep.Error = storeError(f.Name, err)
		return rep
	}
	rep.BatchID, rep.Stored = res.BatchID, res.BatchID != 0
	rep.ItemsCreated, rep.ItemsUpdated, rep.ItemsUnchanged, rep.HistoryAdded = res.Items.ItemsCreated, res.Items.ItemsUpdated, res.Items.ItemsUnchanged, res.Items.HistoryAdded
	for k, c := range res.Records.Counts {
		rep.Records[k] = c
	}
	for _, w := range res.Warnings {
		rep.Warnings = append(rep.Warnings, Problem{Reason: w})
	}
	rep.Warnings = append(rep.Warnings, missingParents(res)...)
	return rep
}

// errStopped is Finish's answer for a file it refused after reading it
// (the report says why): the store rolls back.
var errStopped = errors.New("import stopped")

func storeError(file string, err error) string {
	if backend.ErrorCode(err) != backend.EInternal {
		return backend.ErrorMessage(err)
	}
	return fmt.Sprintf("%s was not stored: %v. Nothing from it was written.", file, err)
}

func ambiguousList(cols []imports.AmbiguousColumn) string {
	var parts []string
	for _, c := range cols {
		parts = append(parts, fmt.Sprintf("column %s (%s), e.g. %s", c.Column, c.Header, strings.Join(c.Examples, ", ")))
	}
	return strings.Join(parts, "; ")
}

// readFile opens a file and maps each of its sheets.
// onItems receives work items while the file is read (see importOne); prog
// reports the rows read.
func readFile(ctx context.Context, f Source, opts Options, loc *time.Location, profile *imports.Profile, rep *FileReport, onItems func([]backend.ImportItem) error, prog *meter) (backend.ImportPayload, backend.ImportBatch, error) {
	var payload backend.ImportPayload
	batch := backend.ImportBatch{FileName: f.Name, SHA256: rep.SHA256, SizeBytes: int64(len(f.Data))}
	file, err := prog.open(opts.Read)
	if err != nil {
		return payload, batch, err
	}
	defer file.Close()
	for _, p := range file.Problems() {
		rep.Warnings = append(rep.Warnings, toProblem(p))
	}
	sheets := file.Sheets()
	var formats, names []string
	var commits []imports.KeyedCommit // attached to the file's deployments once every sheet is read
	for _, sh := range sheets {
		sr := SheetReport{Name: sh.Name, Hidden: sh.Hidden, Preview: Preview{Columns: []string{}, Rows: [][]string{}, Numbers: []int{}}}
		if sh.Hidden {
			sr.Skipped = "hidden sheet"
			rep.Sheets = append(rep.Sheets, sr)
			continue
		}
		// In a workbook, a sheet that cannot be read or is not data (a "Read
		// me", a chart sheet) is skipped with a note; a lone table must be
		// recognised.
		skip := func(err error) error {
			if len(sheets) == 1 {
				return err
			}
			sr.Skipped = backend.ErrorMessage(err)
			rep.Sheets = append(rep.Sheets, sr)
			return nil
		}
		tbl, err := file.Table(sh.Name)
		if err != nil {
			if err := skip(err); err != nil {
				return payload, batch, err
			}
			continue
		}
		sr.Preview, sr.HeaderRow = preview(tbl), tbl.HeaderRow
		m, err := imports.MapTable(tbl, imports.MapOptions{Format: opts.Format, Team: opts.Team, Program: opts.Program,
			DateOrder: opts.DateOrder, Location: loc, Profile: profile, Types: opts.Types, OnItems: onItems, OnRows: prog.sheet(sh.Name, tbl.HeaderRow), Context: ctx})
		if rep.Encoding == "" {
			rep.Encoding, batch.Encoding = tbl.Encoding, tbl.Encoding
			if tbl.Delimiter != 0 {
				rep.Delimiter, batch.Delimiter = string(tbl.Delimiter), string(tbl.Delimiter)
			}
		}
		tbl.Close()
		if err != nil {
			if err := skip(err); err != nil {
				return payload, batch, err
			}
			continue
		}
		sr.Format, sr.Confidence, sr.RowsRead = string(m.Format), m.Confidence, m.RowsRead
		rep.Sheets = append(rep.Sheets, sr)
		rep.RowsRead += m.RowsRead
		formats = appendUnique(formats, string(m.Format))
		names = append(names, sh.Name)
		addMapped(&payload, m, rep)
		commits = append(commits, m.Commits...)
		rep.RowsRejected += m.Rejected
	}
	for _, c := range imports.AttachCommits(&payload.Records, commits) {
		rep.Warnings = append(rep.Warnings, Problem{Row: c.Row, Value: c.DeploymentKey,
			Reason: fmt.Sprintf("Commit %s names deployment %q, which is not in this file; import the deployments and their commits together.", c.Commit.SHA, c.DeploymentKey)})
	}
	if len(formats) == 0 {
		return payload, batch, backend.Errorf(backend.EInvalid, "%s has no sheet Throughline recognises: %s.", f.Name, skippedList(rep.Sheets))
	}
	rep.Format = strings.Join(formats, "+")
	batch.Format, batch.Sheet, batch.RowsRead, batch.Rejected = rep.Format, strings.Join(names, ", "), rep.RowsRead, rep.RowsRejected
	record := map[string]any{"format": opts.Format, "team": opts.Team, "program": opts.Program, "date_order": opts.DateOrder.String(), "profile": opts.Profile, "types": opts.Types}
	if p := opts.ProfileInline; p != nil { // the mapping used (instead of a named one); it may be saved nowhere
		record["profile"], record["profile_format"], record["columns"] = p.Name, p.Format, p.Columns
	}
	mapping, _ := json.Marshal(record)
	batch.MappingJSON = string(mapping)
	return payload, batch, nil
}

func skippedList(sheets []SheetReport) string {
	var parts []string
	for _, s := range sheets {
		name := s.Name
		if name == "" {
			name = "the table"
		}
		parts = append(parts, name+": "+s.Skipped)
	}
	return strings.Join(parts, "; ")
}

// addMapped adds a mapped sheet's rows, problems and statuses to the file's.
func addMapped(p *backend.ImportPayload, m imports.Mapped, rep *FileReport) {
	if p.Items == nil {
		p.Items = m.Items // one sheet: no copy of a list that can hold 200,000 items
	} else {
		p.Items = append(p.Items, m.Items...)
	}
	p.Links = append(p.Links, m.Links...)
	for _, c := range m.Changes {
		p.History = append(p.History, backend.ImportHistoryRow{SourceSystem: c.SourceSystem, Key: c.Key, Change: c.Change, File: m.File, Sheet: m.Sheet, Row: c.Row})
	}
	r := &p.Records
	r.Teams = append(r.Teams, m.Records.Teams...)
	r.Epics = append(r.Epics, m.Records.Epics...)
	r.Deployments = append(r.Deployments, m.Records.Deployments...)
	r.Incidents = append(r.Incidents, m.Records.Incidents...)
	r.PIObjectives = append(r.PIObjectives, m.Records.PIObjectives...)
	r.KRUpdates = append(r.KRUpdates, m.Records.KRUpdates...)
	r.Benefits = append(r.Benefits, m.Records.Benefits...)
	r.Feedback = append(r.Feedback, m.Records.Feedback...)
	r.Dependencies = append(r.Dependencies, m.Records.Dependencies...)
	r.Sprints = append(r.Sprints, m.Records.Sprints...)
	for _, pr := range m.Problems {
		if pr.Severity == imports.SeverityError {
			rep.Rejected = append(rep.Rejected, toProblem(pr))
		} else {
			rep.Warnings = append(rep.Warnings, toProblem(pr))
		}
	}
	for _, s := range m.Statuses {
		rep.Statuses = append(rep.Statuses, StatusReport{StatusSeen: s})
	}
	rep.AmbiguousDates = append(rep.AmbiguousDates, m.AmbiguousDates...)
	addTypes(rep, m.UnknownTypes)
}

func toProblem(p imports.Problem) Problem {
	return Problem{Sheet: p.Sheet, Row: p.Row, Column: p.Column, Header: p.Header, Value: p.Value, Reason: p.Message}
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// missingParents are the warnings for items stored without their parent
// because its key is neither in the file nor in the portfolio.
func missingParents(res backend.FileResult) []Problem {
	var out []Problem
	for _, l := range res.MissingParents {
		out = append(out, Problem{Sheet: l.Sheet, Row: l.Row, Value: l.ParentKey,
			Reason: fmt.Sprintf("is the parent %s names, but it is neither in this file nor in the portfolio, so %s is stored without its parent. Import the parent too (its export or an epics sheet), then import this file again.", l.ExternalKey, l.ExternalKey)})
	}
	if n := res.MissingParentCount - len(res.MissingParents); n > 0 {
		out = append(out, Problem{Reason: fmt.Sprintf("%d more items name a parent that is neither in this file nor in the portfolio; they are stored without it.", n)})
	}
	return out
}
