package imports

import (
	"errors"
	"fmt"
	"github.com/throughline/throughline/backend"
	"slices"
	"strings"
	"time"
)

// maxMapProblems caps the problems MapTable lists per table; one summary
// problem follows with the count of the rest (Mapped.Rejected still counts
// every rejected row).
const maxMapProblems = 1000

// rowsPerChunk is how many buffered rows share one cell allocation.
const rowsPerChunk = 2048

// mapper is the state of one MapTable call.
//
// The table streams, but a date column's day/month order and a number
// column's decimal separator are decided from the whole column (never per
// cell), so mapping runs in two passes:
//
//  1. read: every row is read once; the cells of the columns the format
//     uses (its "slots") are copied into a compact buffer (the reader's
//     row, with columns nobody maps such as Description, is let go), and
//     date and number cells are observed;
//  2. decide each date and number column, then map the buffered rows in
//     order.
//
// Memory is one Cell (24 bytes plus its text) per used cell: about 90 MB
// for a 200,000-row Jira export, well inside the 1,000,000-row cap.
type mapper struct {
	t      *Table
	opts   MapOptions
	det    Detection
	format Format
	source string
	loc    *time.Location
	out    *Mapped

	slots   []int       // slot → column index
	slotOf  map[int]int // column index → slot
	dates   []*DateColumn
	nums    []*NumberColumn
	claimed map[int]bool // columns a role or stage holds; extras take only the others

	rows   []rowMeta
	chunks [][]Cell
	width  int

	probs   []Problem
	hidden  int
	hidden1 int

	items    *itemsState       // item formats only
	statuses map[statusKey]int // index in out.Statuses

	times []time.Time // backing store for *time.Time fields, to spare one allocation each
	nums8 []float64

	// Live mapping (MapOptions.OnItems): rows before mapped were mapped
	// while the table was read; emitted items were handed over.
	mapped, emitted int // rows mapped live; items handed over
	emitErr         error

	view rowView // the row being mapped, reused
}

// emitChunk is how many items OnItems receives at a time.
const emitChunk = 1024

// rowsPerProgress is how often OnRows hears of the rows read.
const rowsPerProgress = 5000

// rowsPerCancelCheck is how often the read looks at MapOptions.Context.
const rowsPerCancelCheck = 1000

type rowMeta struct {
	num int
	bad bool // rejected: an error problem names the row
}

func newMapper(t *Table, opts MapOptions, det Detection, format Format) *mapper {
	m := &mapper{t: t, opts: opts, det: det, format: format, loc: opts.Location, out: &Mapped{}, slotOf: map[int]int{}, claimed: map[int]bool{}}
	if m.loc == nil {
		m.loc = time.UTC
	}
	for _, cols := range det.Roles {
		for _, c := range cols {
			m.claimed[c] = true
		}
	}
	for _, c := range det.Stages {
		m.claimed[c] = true
	}
	return m
}

// use returns the slot of column index ci, adding it; -1 for ci < 0.
func (m *mapper) use(ci int) int {
	if ci < 0 || ci >= len(m.t.Headers) {
		return -1
	}
	if s, ok := m.slotOf[ci]; ok {
		return s
	}
	s := len(m.slots)
	m.slots = append(m.slots, ci)
	m.slotOf[ci] = s
	m.dates = append(m.dates, nil)
	m.nums = append(m.nums, nil)
	return s
}

// col is the slot of role's first (preferred) column, or -1.
func (m *mapper) col(r Role) int { return m.use(m.det.Column(r)) }

// cols are the slots of every column of role, in the detection's order.
func (m *mapper) cols(r Role) []int {
	var out []int
	for _, ci := range m.det.Roles[r] {
		out = append(out, m.use(ci))
	}
	return out
}

// extra finds a column the format's spec does not name, by header
// (compared with NormalizeHeader), among the columns no role or stage
// holds: Jira's "Status Category Changed", a stage layout's "Team"…
func (m *mapper) extra(names ...string) int {
	for _, n := range names {
		k := NormalizeHeader(n)
		for _, h := range m.t.Headers {
			if h.Key() == k && !m.claimed[h.Index] {
				m.claimed[h.Index] = true
				return m.use(h.Index)
			}
		}
	}
	return -1
}

// asDate makes slot s a date column (decided per column); it returns s.
func (m *mapper) asDate(s int) int {
	if s >= 0 && m.dates[s] == nil {
		h := m.t.Headers[m.slots[s]]
		m.dates[s] = NewDateColumn(m.t.File, m.t.Sheet, h, DateOptions{Location: m.loc, Date1904: m.t.Date1904})
	}
	return s
}

// asNumber makes slot s a number column (decimal separator decided per
// column); it returns s.
func (m *mapper) asNumber(s int) int {
	if s >= 0 && m.nums[s] == nil {
		m.nums[s] = NewNumberColumn(m.t.File, m.t.Sheet, m.t.Headers[m.slots[s]], 0)
	}
	return s
}

func (m *mapper) dateCol(r Role) int   { return m.asDate(m.col(r)) }
func (m *mapper) numberCol(r Role) int { return m.asNumber(m.col(r)) }

// read is pass 1: it buffers the used cells of every row and observes the
// date and number columns. With live set (MapOptions.OnItems), rows that
// need no decision are mapped with fn as they are read, until the first
// row that does.
func (m *mapper) read(live bool, fn func(v *rowView)) error {
	m.width = len(m.slots)
	t := m.t
	for t.Next() {
		r := t.Row()
		meta := rowMeta{num: r.Number}
		for _, p := range r.Problems {
			m.probs = append(m.probs, p)
			meta.bad = meta.bad || p.Severity == SeverityError
		}
		if r.Hidden {
			if m.hidden == 0 {
				m.hidden1 = r.Number
			}
			m.hidden++
		}
		dst := m.alloc()
		for s, ci := range m.slots {
			c := r.Cell(ci)
			dst[s] = c
			if c.Kind != CellText {
				continue // only text needs a decision; serials and numbers do not
			}
			if d := m.dates[s]; d != nil {
				d.Observe(r.Number, c)
			} else if n := m.nums[s]; n != nil {
				n.Observe(r.Number, c)
			}
		}
		m.rows = append(m.rows, meta)
		if m.opts.OnRows != nil && len(m.rows)%rowsPerProgress == 0 {
			m.opts.OnRows(len(m.rows))
		}
		if m.opts.Context != nil && len(m.rows)%rowsPerCancelCheck == 0 {
			if err := m.opts.Context.Err(); err != nil {
				return err
			}
		}
		if live && m.mapped == len(m.rows)-1 && m.decisionFree(dst) {
			m.mapRow(m.mapped, fn)
			m.mapped++
			if m.emitItems(emitChunk); m.emitErr != nil {
				return m.emitErr
			}
		}
	}
	if err := t.Err(); err != nil {
		return err
	}
	if m.opts.OnRows != nil {
		m.opts.OnRows(len(m.rows))
	}
	m.probs = append(m.probs, t.Problems()...)
	if m.hidden > 0 {
		rows := fmt.Sprintf("%d rows", m.hidden)
		if m.hidden == 1 {
			rows = "1 row"
		}
		m.tableWarn(fmt.Sprintf("has %s hidden in Excel (the first is row %d); hidden rows are read like the others. Delete them from the sheet if they should not be imported.", rows, m.hidden1))
	}
	return nil
}

// decisionFree reports whether a row's date and number cells map the same
// whatever their columns' decisions: none of them is text.
func (m *mapper) decisionFree(cells []Cell) bool {
	for s, c := range cells {
		if c.Kind == CellText && (m.dates[s] != nil || m.nums[s] != nil) {
			return false
		}
	}
	return true
}

// emitItems hands the items mapped since the last call to OnItems once at
// least n wait (n = 0: any), keeping only their links (see OnItems): key,
// parent and sprints.
func (m *mapper) emitItems(n int) {
	waiting := len(m.out.Items)
	if m.opts.OnItems == nil || m.emitErr != nil || waiting == 0 || waiting < n {
		return
	}
	for _, it := range m.out.Items {
		m.out.Links = append(m.out.Links, backend.ImportLink{SourceSystem: it.SourceSystem, ExternalKey: it.ExternalKey, ParentKey: it.ParentKey, Sprints: it.Sprints,
			File: it.File, Sheet: it.Sheet, Row: it.Row})
	}
	chunk := m.out.Items
	m.emitted += len(chunk)
	m.out.Items = make([]backend.ImportItem, 0, emitChunk)
	m.emitErr = m.opts.OnItems(chunk)
}

// itemIndex is the index the next mapped item will have among all the
// table's items (handed over or not).
func (m *mapper) itemIndex() int { return m.emitted + len(m.out.Items) }

// setParent names item i's parent (resolveParents), in Links once the item
// was handed over.
func (m *mapper) setParent(i int, key string) {
	if i < m.emitted {
		m.out.Links[i].ParentKey = key
		return
	}
	m.out.Items[i-m.emitted].ParentKey = key
}

// alloc returns the buffer cells of the next row.
func (m *mapper) alloc() []Cell {
	if m.width == 0 {
		return nil
	}
	i := len(m.rows) % rowsPerChunk
	if i == 0 {
		m.chunks = append(m.chunks, make([]Cell, rowsPerChunk*m.width))
	}
	c := m.chunks[len(m.chunks)-1]
	return c[i*m.width : (i+1)*m.width : (i+1)*m.width]
}

func (m *mapper) cellsOf(i int) []Cell {
	if m.width == 0 {
		return nil
	}
	c := m.chunks[i/rowsPerChunk]
	j := i % rowsPerChunk
	return c[j*m.width : (j+1)*m.width]
}

// decide settles every date and number column after pass 1.
//
// A date column whose values fit both day/month orders (every day ≤ 12) is
// ambiguous. It takes opts.DateOrder when given; otherwise, when the
// table's other date columns that needed an order all settled the same one
// (one export writes every date alike), it takes that order, with a
// warning naming them; otherwise it is returned so the caller can ask. A
// column with evidence both ways gets a warning naming example rows (and
// takes opts.DateOrder when given); its cells that need an order are then
// rejected one by one with their own message. A number column with no
// telling value (all like 1,234) or with both separators gets a warning;
// its unclear cells are rejected (or left empty) by Parse.
func (m *mapper) decide() []AmbiguousColumn {
	var amb []int
	settled := map[DateOrder][]string{}
	conflict := false
	for s, d := range m.dates {
		if d == nil {
			continue
		}
		order, err := d.Decide()
		switch {
		case err == nil:
			if order != DateOrderAuto {
				settled[order] = append(settled[order], m.header(s))
			}
		case errors.Is(err, ErrAmbiguousDateOrder) && m.opts.DateOrder != DateOrderAuto:
			d.Options.Order, d.decided = m.opts.DateOrder, false
		case errors.Is(err, ErrAmbiguousDateOrder):
			amb = append(amb, s)
		default:
			conflict = true
			var p *Problem
			if errors.As(err, &p) {
				q := *p
				q.Severity = SeverityWarning
				if m.opts.DateOrder != DateOrderAuto {
					d.Options.Order, d.decided = m.opts.DateOrder, false
					q.Message += fmt.Sprintf(" The chosen order (%s) is applied; dates that do not fit it are rejected.", m.opts.DateOrder)
				} else {
					q.Message += " Until then, its dates that need an order are rejected."
				}
				m.probs = append(m.probs, q)
			}
		}
	}
	var out []AmbiguousColumn
	for _, s := range amb {
		if len(settled) != 1 || conflict {
			out = append(out, m.ambiguous(s))
			continue
		}
		for order, cols := range settled {
			d := m.dates[s]
			d.Options.Order, d.decided = order, false
			like := "day/month/year"
			if order == DateOrderMDY {
				like = "month/day/year"
			}
			a := m.ambiguous(s)
			h := m.t.Headers[m.slots[s]]
			m.probs = append(m.probs, Problem{File: m.t.File, Sheet: m.t.Sheet, Column: h.Letter, Header: h.problemLabel(), Severity: SeverityWarning,
				Message: fmt.Sprintf("has dates such as \"%s\" that read as day/month or as month/day; they are read as %s, like the other date columns of the table (%s). Check a few of them.",
					strings.Join(a.Examples, `", "`), like, strings.Join(cols, ", "))})
		}
	}
	for _, n := range m.nums {
		if n == nil {
			continue
		}
		if _, err := n.Decide(); err != nil {
			var p *Problem
			if errors.As(err, &p) {
				q := *p
				q.Severity = SeverityWarning
				m.probs = append(m.probs, q)
			}
		}
	}
	return out
}

// ambiguous describes date slot s for the caller to ask about: up to three
// distinct example values.
func (m *mapper) ambiguous(s int) AmbiguousColumn {
	h := m.t.Headers[m.slots[s]]
	a := AmbiguousColumn{Column: h.Letter, Header: h.Label()}
	for i := m.mapped; i < len(m.rows); i++ { // rows mapped live had no text dates
		c := m.cellsOf(i)[s]
		if c.Kind != CellText {
			continue
		}
		v := strings.TrimSpace(c.Text)
		if p, err := parseDateText(v); err == nil && p.evidence() == evidenceEither && !slices.Contains(a.Examples, v) {
			a.Examples = append(a.Examples, v)
			if len(a.Examples) == maxExamples {
				break
			}
		}
	}
	return a
}

// run reads the table (pass 1), decides its columns and, unless a date
// column is ambiguous (then only Mapped.AmbiguousDates is set), calls
// before, maps every row with fn (pass 2) and calls after.
func (m *mapper) run(before func(), fn func(v *rowView), after func()) error {
	live := m.opts.OnItems != nil && m.items != nil
	if live && before != nil {
		before()
	}
	if err := m.read(live, fn); err != nil {
		return err
	}
	if amb := m.decide(); len(amb) > 0 {
		m.out.AmbiguousDates = amb
		return nil
	}
	if !live && before != nil {
		before()
	}
	m.each(fn)
	if m.emitItems(0); m.emitErr != nil {
		return m.emitErr
	}
	if after != nil {
		after()
	}
	if m.statuses != nil {
		m.mergeStatuses()
	}
	return nil
}

// each is pass 2: it calls fn for every buffered row, in order, except rows
// the reader already rejected (a shifted CSV record would only add noise).
// The buffer is released chunk by chunk as its rows are mapped.
// A cell holding an Excel error value (#N/A, #REF!) in a text column is
// read as empty, with a warning.
func (m *mapper) each(fn func(v *rowView)) {
	for i := m.mapped; i < len(m.rows); i++ {
		m.mapRow(i, fn)
		if m.emitItems(emitChunk); m.emitErr != nil {
			break
		}
	}
	m.mapped = len(m.rows)
	m.chunks = nil
}

// mapRow maps buffered row i with fn and lets its chunk go once the
// chunk's last row is mapped.
func (m *mapper) mapRow(i int, fn func(v *rowView)) {
	meta := &m.rows[i]
	defer m.release(i)
	if meta.bad {
		return
	}
	v := &m.view
	*v = rowView{m: m, num: meta.num, cells: m.cellsOf(i)}
	for s, c := range v.cells {
		if c.Kind == CellError && m.dates[s] == nil && m.nums[s] == nil {
			v.warn(s, c.Text, "is an Excel error value; it is read as empty. Fix the formula in the workbook to import a value.")
			v.cells[s] = Cell{}
		}
	}
	fn(v)
	meta.bad = v.bad
}

// release lets the collector have a chunk once its last row is mapped.
func (m *mapper) release(i int) {
	if m.width > 0 && (i+1)%rowsPerChunk == 0 {
		m.chunks[i/rowsPerChunk] = nil
	}
}

// tableWarn adds a warning about the whole table.
func (m *mapper) tableWarn(msg string) {
	m.probs = append(m.probs, Problem{File: m.t.File, Sheet: m.t.Sheet, Severity: SeverityWarning, Message: msg})
}

// problem builds a problem about slot s (-1: the row as a whole) of row.
func (m *mapper) problem(row, s int, value, msg string, sev Severity) Problem {
	p := Problem{File: m.t.File, Sheet: m.t.Sheet, Row: row, Message: msg, Severity: sev}
	if s >= 0 {
		h := m.t.Headers[m.slots[s]]
		p.Column, p.Header = h.Letter, h.problemLabel()
	}
	if value != "" {
		p.Value = QuoteValue(value)
	}
	return p
}

// header names slot s for a message: its header, or "column D".
func (m *mapper) header(s int) string {
	if s < 0 {
		return ""
	}
	return m.t.Headers[m.slots[s]].Label()
}

// finish sorts the problems by row (table-level ones first), counts the
// rejected rows and caps the list at maxMapProblems plus a summary.
func (m *mapper) finish() {
	for _, r := range m.rows {
		if r.bad {
			m.out.Rejected++
		}
	}
	ps := m.probs
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Row - b.Row })
	if len(ps) > maxMapProblems {
		rest := ps[maxMapProblems:]
		errs := 0
		for _, p := range rest {
			if p.Severity == SeverityError {
				errs++
			}
		}
		sev, kind := SeverityWarning, "warnings"
		if errs > 0 {
			sev, kind = SeverityError, fmt.Sprintf("problems (%d of them errors)", errs)
		}
		ps = append(ps[:maxMapProblems:maxMapProblems], Problem{File: m.t.File, Sheet: m.t.Sheet, Severity: sev,
			Message: fmt.Sprintf("%d more %s are not listed (%d rows rejected in all). Fix the problems above and import again to see the rest.",
				len(rest), kind, m.out.Rejected)})
	}
	m.out.Problems = ps
	m.out.RowsRead = len(m.rows)
}

func (m *mapper) timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	if len(m.times) == cap(m.times) {
		m.times = make([]time.Time, 0, 1024)
	}
	m.times = append(m.times, t)
	return &m.times[len(m.times)-1]
}

func (m *mapper) floatPtr(v float64) *float64 {
	if len(m.nums8) == cap(m.nums8) {
		m.nums8 = make([]float64, 0, 1024)
	}
	m.nums8 = append(m.nums8, v)
	return &m.nums8[len(m.nums8)-1]
}
