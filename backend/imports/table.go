package imports

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// CellKind says how a cell's value was stored.
type CellKind uint8

// Cell kinds.
const (
	CellEmpty  CellKind = iota // nothing, or only spaces
	CellText                   // text (every non-empty CSV cell; string cells in a workbook)
	CellNumber                 // a workbook cell holding a number: Text is the raw stored value, dates and times are serials ("45915.345138888886")
	CellError                  // an Excel error value: #N/A, #REF!, #DIV/0!…
)

// Cell is one cell as read: the raw text and how it was stored. Text is
// never formatted: workbook numbers, dates included, are the stored number
// (read with RawCellValue), so a date column holds Excel serials that
// DateColumn converts with the workbook's date system.
type Cell struct {
	Text string
	Kind CellKind
}

// Blank reports whether the cell has no value (empty or only white space).
func (c Cell) Blank() bool { return c.Kind == CellEmpty || strings.TrimSpace(c.Text) == "" }

// Row is one data row. Cells has at least one cell per header (missing cells
// are empty); cells past the last header are kept and reported in Problems.
type Row struct {
	Number   int  // the row number Excel shows, or the physical line a text editor shows for the record's first line
	Hidden   bool // a workbook row hidden in Excel
	Cells    []Cell
	Problems []Problem // how the row itself is malformed (ragged, mixed encodings…)
}

// Cell returns cell i, or an empty cell when the row has none there.
func (r Row) Cell(i int) Cell {
	if i < 0 || i >= len(r.Cells) {
		return Cell{}
	}
	return r.Cells[i]
}

// Text returns cell i's text with surrounding white space trimmed.
func (r Row) Text(i int) string { return strings.TrimSpace(r.Cell(i).Text) }

// rawRow is what a reader yields: a row before it is shaped to the header.
type rawRow struct {
	number   int
	hidden   bool
	cells    []Cell
	problems []Problem
}

// rowSource yields a sheet's rows in order, io.EOF at the end.
type rowSource interface {
	next() (rawRow, error)
	close() error
}

// Table is one sheet (or one text file) with its detected header. Rows are
// streamed: call Next and Row (or Each) once; the rows are not kept.
type Table struct {
	File      string   // the file name given to the reader
	Sheet     string   // the sheet name; "" for a text file
	Hidden    bool     // the sheet is hidden in Excel
	HeaderRow int      // the header's row number as Excel or a text editor shows it
	Headers   []Header // one per column up to the last named one, in column order
	Date1904  bool     // the workbook uses the 1904 date system
	Encoding  string   // a text file's encoding, as detected or chosen ("utf-8", "utf-8-bom", "utf-16le", "windows-1252"…)
	Delimiter rune     // a text file's delimiter, as detected or chosen

	text     bool // a CSV/TSV file: a long row is an error, not a warning
	src      rowSource
	lim      Limits
	pending  []Row
	held     []Row
	cur      Row
	err      error
	eof      bool
	closed   bool
	problems []Problem
}

// headerScanRows is how many non-blank rows DetectHeader considers; the
// lookahead lets it compare a candidate with the rows below it.
const (
	headerScanRows  = 30
	headerLookahead = 10
	maxFooterRows   = 3
)

// newTable reads the first rows of src, picks the header and returns a table
// positioned at the first data row.
func newTable(t *Table, src rowSource, h HeaderOptions) (*Table, error) {
	t.src = src
	where := t.where()
	var buf []Row
	enough := func() bool {
		if h.Row > 0 {
			return countAfter(buf, h.Row) >= headerLookahead
		}
		return len(buf) >= headerScanRows+headerLookahead
	}
	for !t.eof && !enough() {
		r, ok, err := t.pullRaw()
		if err != nil {
			_ = src.close()
			if len(buf) > 0 && h.Row == 0 {
				err = withHeaders(err, makeHeaders(buf[detectIn(buf, h)].Cells))
			}
			return nil, err
		}
		if ok && (h.Row == 0 || r.Number >= h.Row) {
			buf = append(buf, r)
		}
	}
	if len(buf) == 0 {
		_ = src.close()
		if t.Sheet != "" {
			return nil, userErr(ErrNoData, "%s has no data: it is empty, has only blank rows, or is a chart sheet.", where)
		}
		return nil, userErr(ErrNoData, "%s has no data: it is empty or has only blank rows.", where)
	}
	idx := -1
	if h.Row > 0 {
		for i, r := range buf {
			if r.Number == h.Row {
				idx = i
			}
		}
		if idx < 0 {
			_ = src.close()
			return nil, userErr(ErrNoData, "%s: row %d is empty or missing, so it cannot be the header row. Choose the row that holds the column names.", where, h.Row)
		}
	} else {
		idx = detectIn(buf, h)
	}
	headerCells := buf[idx].Cells
	if h.Row == 0 {
		// A group row over the column names (see groupHeader) makes one
		// header of two rows, numbered as the row of the column names.
		if idx > 0 && buf[idx-1].Number == buf[idx].Number-1 {
			if cells, ok := groupHeader(buf[idx-1].Cells, buf[idx].Cells); ok {
				headerCells = cells
			}
		}
		if idx+1 < len(buf) && buf[idx+1].Number == buf[idx].Number+1 {
			if cells, ok := groupHeader(buf[idx].Cells, buf[idx+1].Cells); ok {
				headerCells = cells
				idx++
			}
		}
	}
	t.HeaderRow = buf[idx].Number
	t.Headers = makeHeaders(headerCells)
	t.problems = append(t.problems, t.headerProblems()...)
	for _, r := range buf[idx+1:] {
		t.pending = append(t.pending, t.shape(r))
	}
	if len(t.pending) == 0 && t.eof {
		_ = src.close()
		return nil, userErr(ErrNoData, "%s has a header in row %d but no data rows below it.", where, t.HeaderRow)
	}
	return t, nil
}

// detectIn runs DetectHeader over buffered rows with h's scorer.
func detectIn(buf []Row, h HeaderOptions) int {
	cells := make([][]Cell, len(buf))
	for i, r := range buf {
		cells[i] = r.Cells
	}
	scorer := h.Scorer
	if scorer == nil {
		scorer = KnownHeaderScore
	}
	return DetectHeader(cells, scorer)
}

func countAfter(rows []Row, n int) int {
	c := 0
	for _, r := range rows {
		if r.Number > n {
			c++
		}
	}
	return c
}

// where names the table for messages: "team.csv" or `team.xlsx, sheet "Items"`.
func (t *Table) where() string {
	if t.Sheet == "" {
		return t.File
	}
	return fmt.Sprintf("%s, sheet %q", t.File, t.Sheet)
}

// pullRaw returns the next non-blank row from the source.
func (t *Table) pullRaw() (Row, bool, error) {
	for !t.eof {
		raw, err := t.src.next()
		if errors.Is(err, io.EOF) {
			t.eof = true
			break
		}
		if err != nil {
			return Row{}, false, withHeaders(err, t.Headers)
		}
		blank := true
		for _, c := range raw.cells {
			if !c.Blank() {
				blank = false
				break
			}
		}
		if blank && len(raw.problems) == 0 {
			continue
		}
		return Row{Number: raw.number, Hidden: raw.hidden, Cells: raw.cells, Problems: raw.problems}, true, nil
	}
	return Row{}, false, nil
}

// shape pads a row to the header's width and reports cells past it.
func (t *Table) shape(r Row) Row {
	n := len(t.Headers)
	fields := len(r.Cells)
	if fields < n {
		cells := make([]Cell, n)
		copy(cells, r.Cells)
		r.Cells = cells
		if t.text && fields > 0 {
			r.Problems = append(r.Problems, Problem{File: t.File, Sheet: t.Sheet, Row: r.Number, Severity: SeverityWarning,
				Message: fmt.Sprintf("has %d fields but the header has %d; the missing ones at the end are read as empty.", fields, n)})
		}
	}
	for i := n; i < len(r.Cells); i++ {
		if r.Cells[i].Blank() {
			continue
		}
		p := Problem{File: t.File, Sheet: t.Sheet, Row: r.Number, Column: ColumnLetter(i), Value: QuoteValue(r.Cells[i].Text)}
		if t.text {
			p.Severity = SeverityError
			p.Message = fmt.Sprintf("is in a column that has no header: the row has %d fields, the header %d. A delimiter inside an unquoted value usually causes this; put that value in double quotes.", fields, n)
		} else {
			p.Severity = SeverityWarning
			p.Message = "is in a column that has no header; it is ignored. Add a header to import it."
		}
		r.Problems = append(r.Problems, p)
		break
	}
	return r
}

// Next advances to the next data row. It returns false at the end of the
// table or on an error (see Err). Blank rows are skipped; footer rows
// ("Total", "Generated on …") after the last data row are left out and
// reported in Problems.
func (t *Table) Next() (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			t.err, ok = panicErr(t.File, r), false
		}
	}()
	if t.err != nil || t.closed {
		return false
	}
	for {
		r, ok, err := t.pull()
		if err != nil {
			t.err = err
			return false
		}
		if !ok {
			for _, f := range t.held {
				t.problems = append(t.problems, Problem{File: t.File, Sheet: t.Sheet, Row: f.Number, Severity: SeverityWarning,
					Value: QuoteValue(firstText(f.Cells)), Message: "looks like a total or footer line below the data; it was left out."})
			}
			t.held = nil
			return false
		}
		if len(t.held) < maxFooterRows && t.footerLike(r) {
			t.held = append(t.held, r)
			continue
		}
		if len(t.held) > 0 {
			rest := append(t.held[1:len(t.held):len(t.held)], r)
			r, t.held = t.held[0], nil
			t.pending = append(rest, t.pending...)
		}
		t.cur = r
		return true
	}
}

func (t *Table) pull() (Row, bool, error) {
	if len(t.pending) > 0 {
		r := t.pending[0]
		t.pending[0] = Row{}
		t.pending = t.pending[1:]
		return r, true, nil
	}
	r, ok, err := t.pullRaw()
	if !ok || err != nil {
		return Row{}, ok, err
	}
	return t.shape(r), true, nil
}

// Row returns the current row; call it after Next returned true. The row is
// the caller's to keep.
func (t *Table) Row() Row { return t.cur }

// Err returns the error that stopped Next, if any. It is person-facing (a
// *backend.Error naming file, sheet, row and column) and matches this
// package's sentinel errors with errors.Is.
func (t *Table) Err() error { return t.err }

// Each calls fn for every data row, stopping at the first error (fn's or
// the reader's), and closes the table.
func (t *Table) Each(fn func(Row) error) (err error) {
	defer func() {
		if cerr := t.Close(); err == nil {
			err = cerr
		}
	}()
	for t.Next() {
		if err := fn(t.cur); err != nil {
			return err
		}
	}
	return t.Err()
}

// Close releases the table's reader. It is safe to call more than once.
func (t *Table) Close() error {
	if t.closed {
		return nil
	}
	t.closed = true
	t.pending, t.held = nil, nil
	if err := t.src.close(); err != nil {
		return fmt.Errorf("close %s: %w", t.where(), err)
	}
	return nil
}

// Problems returns what is wrong with the table as a whole: header warnings
// (unnamed columns, unknown repeated names) and, once Next has returned
// false, footer rows left out. Row-level problems are in Row.Problems.
func (t *Table) Problems() []Problem { return t.problems }

// Sample returns up to n of the first data rows without consuming them,
// for previews and Detect.
func (t *Table) Sample(n int) []Row {
	if n > len(t.pending) {
		n = len(t.pending)
	}
	out := make([]Row, n)
	copy(out, t.pending)
	return out
}

// Columns returns the headers named name (compared with NormalizeHeader),
// in column order: Jira's repeated "Sprint" gives one per column.
func (t *Table) Columns(name string) []Header {
	key := NormalizeHeader(name)
	var out []Header
	for _, h := range t.Headers {
		if h.Key() == key && key != "" {
			out = append(out, h)
		}
	}
	return out
}

// Values returns the non-blank values of every column named name in row r,
// trimmed, in column order: all of an issue's sprints from Jira's repeated
// "Sprint" columns, never just the last.
func (t *Table) Values(r Row, name string) []string {
	var out []string
	for _, h := range t.Columns(name) {
		if v := r.Text(h.Index); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// summaryLabels start the summary lines people put under a hand-made
// table: totals, counts, averages (in English, and German's Summe and
// Gesamt). The rest of such a line is numbers or blank.
var summaryLabels = []string{"total", "totals", "grand total", "sum", "subtotal", "count", "average", "avg", "mean", "median", "summe", "gesamt"}

// footerLike reports whether a row looks like a totals or "generated on"
// line rather than data; such rows are dropped only after the last data row.
func (t *Table) footerLike(r Row) bool {
	if len(t.Headers) < 3 {
		return false
	}
	first, at := "", -1
	for i, c := range r.Cells {
		if !c.Blank() {
			first, at = strings.TrimSpace(c.Text), i
			break
		}
	}
	if at < 0 || !strings.ContainsRune("tsgepcfnamTSGEPCFNAM", rune(first[0])) {
		return false
	}
	first = strings.ToLower(first)
	for _, p := range summaryLabels {
		if first == p || strings.HasPrefix(first, p+":") || strings.HasPrefix(first, p+" ") {
			for _, c := range r.Cells[at+1:] {
				if !c.Blank() && c.Kind != CellNumber && !looksNumeric(c.Text) {
					return false
				}
			}
			return true
		}
	}
	for _, c := range r.Cells[at+1:] {
		if !c.Blank() {
			return false
		}
	}
	for _, p := range []string{"generated", "exported", "export date", "report generated", "printed", "created on", "created by", "source:", "filter:", "number of"} {
		if strings.HasPrefix(first, p) {
			return true
		}
	}
	return false
}

func firstText(cells []Cell) string {
	for _, c := range cells {
		if !c.Blank() {
			return strings.TrimSpace(c.Text)
		}
	}
	return ""
}
