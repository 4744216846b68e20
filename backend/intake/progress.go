package intake

import (
	"bytes"
	"context"
	"sync"

	"github.com/throughline/throughline/backend/imports"
)

// ProgressStage says where the import of one file stands, for a progress display.
type ProgressStage string

const (
	// ProgressReading: the file is being read; its items are stored as they come.
	ProgressReading ProgressStage = "reading"
	// ProgressStoring: every row is read; the store links parents, appends the
	// status history, writes the other records and commits (or, for a dry
	// run, rolls back).
	ProgressStoring ProgressStage = "storing"
	// ProgressDone: the file's report is ready.
	ProgressDone ProgressStage = "done"
)

// FileProgress says how far the import of one file has come.
type FileProgress struct {
	File  string        `json:"file"`
	Sheet string        `json:"sheet"` // the sheet being read; "" for a text file
	Stage ProgressStage `json:"stage"`
	// RowsRead counts the data rows read so far, over every sheet of the file.
	RowsRead int `json:"rowsRead"`
	// RowsTotal estimates the file's data rows, 0 when there is no estimate
	// (see meter). It is an estimate: RowsRead may end below it (blank rows)
	// or, rarely, pass it; it equals RowsRead once the stage is storing.
	RowsTotal int `json:"rowsTotal"`
	// ItemsStored counts the work items handed to the store so far (in the
	// file's transaction, committed when the file is done). A workbook
	// whose dates are real date cells hands them over while it is read; a
	// table with dates written as text, once the whole table is read; a
	// sheet of other records (registers, deployments) hands over none.
	ItemsStored int `json:"itemsStored"`
}

// meter follows the reading of one file and reports it to an
// Options.OnProgress callback. It also stands between the reader and the
// file's bytes (io.ReaderAt) for two reasons: how far a text file has been
// read tells how many rows it holds (it is read straight through), and a
// cancelled context stops a text file's reader at its next read instead of
// at the end of the table.
//
// The estimate of the rows to come: for a text file, the rows read so far
// scaled by the share of the bytes read; for a workbook, each sheet's
// <dimension ref> (workbookRows), which most writers keep exact; without
// one, no estimate (the display shows rows read only).
type meter struct {
	ctx  context.Context
	src  Source
	on   func(FileProgress)
	data *bytes.Reader

	mu      sync.Mutex
	at      int64          // end of the last read of the file's bytes
	text    bool           // a text file (its bytes are read in order)
	dims    map[string]int // workbook: each sheet's last row number, from <dimension ref>
	visible []string       // workbook: the sheets readFile reads, in order
	current string         // the sheet being read
	est     int            // its estimated data rows (0 = unknown)
	done    int            // rows of the sheets already read
	cur     int            // rows read of the current sheet
	items   int            // work items handed to the store
}

func newMeter(ctx context.Context, src Source, on func(FileProgress)) *meter {
	return &meter{ctx: ctx, src: src, on: on, data: bytes.NewReader(src.Data)}
}

// ReadAt reads the file's bytes, noting how far the reader got; it fails
// once the import is cancelled.
func (m *meter) ReadAt(p []byte, off int64) (int, error) {
	if err := m.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := m.data.ReadAt(p, off)
	m.mu.Lock()
	m.at = off + int64(n)
	m.mu.Unlock()
	return n, err
}

// open opens the file through the meter and says reading has begun.
func (m *meter) open(opts imports.Options) (*imports.File, error) {
	m.report(ProgressReading, func() {})
	f, err := imports.Open(m.src.Name, m, int64(len(m.src.Data)), opts)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.text = f.Format == imports.FileCSV
	if !m.text && m.on != nil {
		m.dims = workbookRows(m.src.Data)
		for _, s := range f.Sheets() {
			if !s.Hidden {
				m.visible = append(m.visible, s.Name)
			}
		}
	}
	return f, nil
}

// sheet says a sheet's rows are about to be read (headerRow is its header's
// row number) and returns the callback for imports.MapOptions.OnRows.
func (m *meter) sheet(name string, headerRow int) func(rowsRead int) {
	if m.on == nil {
		return nil
	}
	m.report(ProgressReading, func() {
		m.done += m.cur
		m.current, m.cur, m.est = name, 0, 0
		if last, ok := m.dims[name]; ok && last > headerRow {
			m.est = last - headerRow
		}
	})
	return func(rowsRead int) {
		m.report(ProgressReading, func() { m.cur = rowsRead })
	}
}

// handed says n more work items went to the store.
func (m *meter) handed(n int) {
	m.report(ProgressReading, func() { m.items += n })
}

// storing says every row of the file is read; nothing when reading failed.
func (m *meter) storing(rowsRead int, readErr error) {
	if readErr != nil {
		return
	}
	m.report(ProgressStoring, func() { m.done, m.cur = rowsRead, 0 })
}

// finished says the file's report is ready.
func (m *meter) finished(rowsRead int) {
	m.report(ProgressDone, func() { m.done, m.cur = rowsRead, 0 })
}

// report applies change and hands the progress to the callback.
func (m *meter) report(stage ProgressStage, change func()) {
	if m.on == nil {
		return
	}
	m.mu.Lock()
	change()
	p := FileProgress{File: m.src.Name, Sheet: m.current, Stage: stage, RowsRead: m.done + m.cur, ItemsStored: m.items}
	if stage == ProgressReading {
		p.RowsTotal = m.total()
	} else {
		p.Sheet, p.RowsTotal = "", p.RowsRead
	}
	m.mu.Unlock()
	m.on(p)
}

// total estimates the file's data rows; 0 when it cannot. m.mu is held.
func (m *meter) total() int {
	read := m.done + m.cur
	if m.text {
		if m.cur == 0 || m.at <= 0 {
			return 0
		}
		size := int64(len(m.src.Data))
		return max(read, int(int64(m.cur)*size/min(m.at, size)))
	}
	if m.current == "" || m.est == 0 {
		return 0
	}
	total := m.done + max(m.cur, m.est)
	after := false // the sheets after the current one are still to come
	for _, s := range m.visible {
		if after {
			n, ok := m.dims[s]
			if !ok {
				return 0
			}
			total += n - 1 // the header is most often row 1
		}
		after = after || s == m.current
	}
	return total
}
