package imports

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// File formats reported in File.Format.
const (
	FileXLSX = "xlsx"
	FileCSV  = "csv"
)

// SheetInfo describes one sheet of a workbook.
type SheetInfo struct {
	Name   string
	Index  int  // 0-based position in the workbook
	Hidden bool // hidden (or "very hidden") in Excel
}

// File is an opened workbook or text file. A workbook has sheets in
// workbook order; a text file has one, named "". Close it when done: a
// workbook's large parts are unpacked to a private temporary folder.
type File struct {
	Name     string // the file name given to Open, used in messages
	Format   string // FileXLSX or FileCSV
	Date1904 bool   // the workbook uses the 1904 date system (serial 0 = 1904-01-01)
	Macros   bool   // an .xlsm with a macro project; the macros are never run

	opts     Options
	lim      Limits
	sheets   []SheetInfo
	xl       *excelize.File
	tmpDir   string
	text     *io.SectionReader
	problems []Problem
}

// Open opens a workbook (.xlsx, .xlsm) or a text table (.csv, .tsv, .txt)
// from r, which holds size bytes. The extension says which the user meant;
// when the content disagrees (a CSV renamed .xlsx, a workbook renamed .csv)
// the error says so and what to do. A file with another extension is read
// by its content.
func Open(name string, r io.ReaderAt, size int64, opts Options) (f *File, err error) {
	defer guard(&err, name)
	lim := opts.Limits.withDefaults()
	if err := checkFile(name, size, lim); err != nil {
		return nil, err
	}
	head := make([]byte, min(size, sniffSize))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	kind := sniffContent(head)
	switch {
	case isWorkbookName(name), ext(name) == ".xls", ext(name) == ".xlsb":
		// OpenXLSX explains a content that is not what the name says.
		return OpenXLSX(name, r, size, opts)
	case !isTextName(name) && kind != contentText && kind != contentEmpty:
		return OpenXLSX(name, r, size, opts)
	}
	f = &File{Name: name, Format: FileCSV, opts: opts, lim: lim, text: io.NewSectionReader(r, 0, size), sheets: []SheetInfo{{Name: ""}}}
	t, err := f.Table("")
	if err != nil {
		return nil, err
	}
	_ = t.Close()
	return f, nil
}

func checkFile(name string, size int64, lim Limits) error {
	if IsLockFile(name) {
		return userErr(ErrNotWorkbook, "%s is a temporary file Excel keeps while a workbook is open (its name starts with ~$), not data. Import the workbook itself.", name)
	}
	if size > lim.MaxFileBytes {
		return userErr(ErrLimit, "%s is %s, larger than the %s import limit. Split it, or export fewer columns.", name, sizeText(size), sizeText(lim.MaxFileBytes))
	}
	if size == 0 {
		return userErr(ErrNoData, "%s is empty (0 bytes). Export it again.", name)
	}
	return nil
}

// OpenXLSX opens an .xlsx or .xlsm workbook (data only: macros are never
// run, formulas are read as their cached values and never calculated).
// Before excelize sees the file it checks the magic bytes (an .xls, a
// password-protected workbook, a CSV or HTML file with a workbook's name are
// rejected with their own message), the zip directory (entry count, the sum
// of declared unpacked sizes against UnzipSizeLimit, a .xlsb or .ods
// inside) and the size against MaxFileBytes.
func OpenXLSX(name string, r io.ReaderAt, size int64, opts Options) (f *File, err error) {
	defer guard(&err, name)
	lim := opts.Limits.withDefaults()
	if err := checkFile(name, size, lim); err != nil {
		return nil, err
	}
	head := make([]byte, min(size, sniffSize))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if kind := sniffContent(head); kind != contentZip {
		if kind == contentOLE {
			head = oleDirectory(r, size)
		}
		return nil, notWorkbookErr(name, kind, head)
	}
	f = &File{Name: name, Format: FileXLSX, opts: opts, lim: lim}
	if err := f.checkZip(r, size); err != nil {
		return nil, err
	}
	if f.tmpDir, err = os.MkdirTemp(opts.TmpDir, "throughline-xlsx-"); err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	f.xl, err = excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    lim.UnzipSizeLimit,
		UnzipXMLSizeLimit: lim.UnzipXMLSizeLimit,
		TmpDir:            f.tmpDir,
	})
	if err != nil {
		// excelize cannot be closed after a failed open, and may have
		// unpacked parts already: the private folder goes with them.
		_ = os.RemoveAll(f.tmpDir)
		return nil, userErr(err, "%s could not be opened as an Excel workbook: it is damaged or incomplete. Open it in Excel, save it again and retry.", name)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
		}
	}()
	if props, err := f.xl.GetWorkbookProps(); err != nil {
		return nil, userErr(err, "%s: the workbook's properties are damaged. Open it in Excel, save it again and retry.", name)
	} else if props.Date1904 != nil {
		f.Date1904 = *props.Date1904
	}
	for i, s := range f.xl.GetSheetList() {
		visible, err := f.xl.GetSheetVisible(s)
		if err != nil {
			return nil, userErr(err, "%s: sheet %q cannot be read. Open the workbook in Excel, save it again and retry.", name, s)
		}
		f.sheets = append(f.sheets, SheetInfo{Name: s, Index: i, Hidden: !visible})
	}
	if len(f.sheets) == 0 {
		return nil, userErr(ErrNoData, "%s has no sheets.", name)
	}
	return f, nil
}

// checkZip looks at the zip directory before excelize unpacks anything.
func (f *File) checkZip(r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return userErr(err, "%s is damaged or incomplete (its zip directory cannot be read). Download or copy it again, or open it in Excel and save it again.", f.Name)
	}
	if len(zr.File) > f.lim.MaxZipEntries {
		return userErr(ErrLimit, "%s has %s parts inside, more than the %s a workbook may have. It is not a normal Excel file.", f.Name, itoa(len(zr.File)), itoa(f.lim.MaxZipEntries))
	}
	var total uint64
	hasWorkbook := false
	names := map[string]bool{}
	for _, zf := range zr.File {
		n := strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))
		names[n] = true
		if zf.UncompressedSize64 > math.MaxInt64 || total+zf.UncompressedSize64 < total {
			return userErr(ErrLimit, "%s declares an impossible unpacked size. It is damaged or crafted; it was not opened.", f.Name)
		}
		total += zf.UncompressedSize64
		if strings.HasSuffix(n, "workbook.xml") && strings.HasPrefix(n, "xl/") {
			hasWorkbook = true
		}
	}
	if total > uint64(f.lim.UnzipSizeLimit) {
		return userErr(ErrLimit, "%s would unpack to %s, more than the %s limit. It is either far larger than a team export or a crafted \"zip bomb\"; it was not opened. Split the export.",
			f.Name, sizeText(int64(total)), sizeText(f.lim.UnzipSizeLimit))
	}
	switch {
	case names["xl/workbook.bin"]:
		return unsupportedErr(ErrNotWorkbook, "%s is an Excel Binary Workbook (.xlsb), which Throughline cannot read. Open it in Excel and save it as an Excel Workbook (.xlsx).", f.Name)
	case names["content.xml"] && names["mimetype"]:
		return unsupportedErr(ErrNotWorkbook, "%s is an OpenDocument file (.ods), not an Excel workbook. Save it as an Excel Workbook (.xlsx).", f.Name)
	case names["word/document.xml"], names["ppt/presentation.xml"]:
		return userErr(ErrNotWorkbook, "%s is a Word or PowerPoint document, not an Excel workbook.", f.Name)
	case !hasWorkbook:
		return userErr(ErrNotWorkbook, "%s is a zip archive without an Excel workbook inside.", f.Name)
	}
	if err := f.verifyParts(zr); err != nil {
		return err
	}
	if names["xl/vbaprojectsignature.bin"] || names["xl/vbaproject.bin"] {
		f.Macros = true
		f.problems = append(f.problems, Problem{File: f.Name, Severity: SeverityWarning,
			Message: "contains macros; they were not run. Only the cell values are imported."})
	}
	return nil
}

// verifyParts unpacks the worksheet and shared-string parts once, to
// io.Discard, so that a part whose real size or checksum differs from its
// zip header is rejected here. excelize ignores that error and would read a
// silently truncated sheet, and its streaming reader ends quietly at
// malformed XML: without this check a damaged file would import only its
// first rows. The declared sizes were already capped, and archive/zip stops
// at the declared size, so the work is bounded.
func (f *File) verifyParts(zr *zip.Reader) error {
	buf := make([]byte, 256<<10)
	for _, zf := range zr.File {
		n := strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))
		if !strings.HasPrefix(n, "xl/worksheets/") && n != "xl/sharedstrings.xml" {
			continue
		}
		rc, err := zf.Open()
		if err == nil {
			_, err = io.CopyBuffer(io.Discard, rc, buf)
			if cerr := rc.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			return userErr(err, "%s is damaged: its part %q does not unpack to the size and checksum recorded in the file. Download or copy it again, or open it in Excel and save it again.", f.Name, zf.Name)
		}
	}
	return nil
}

// oleDirectory reads enough of an OLE file to find its stream names: the
// first and last MiB (the directory of a big file is usually near the end).
func oleDirectory(r io.ReaderAt, size int64) []byte {
	const chunk = 1 << 20
	first := make([]byte, min(size, chunk))
	n, _ := r.ReadAt(first, 0)
	out := first[:n]
	if size > chunk {
		last := make([]byte, min(size-chunk, chunk))
		n, _ := r.ReadAt(last, size-int64(len(last)))
		out = append(out, last[:n]...)
	}
	return out
}

// Sheets lists the sheets in workbook order (one, named "", for a text
// file).
func (f *File) Sheets() []SheetInfo { return f.sheets }

// Problems returns warnings about the file as a whole (macros not run).
func (f *File) Problems() []Problem { return f.problems }

// Table reads one sheet (by its exact name; "" for a text file) with the
// header chosen by f's options. Call it again to read a sheet again.
func (f *File) Table(sheet string) (t *Table, err error) {
	return f.TableWith(sheet, f.opts.Header)
}

// TableWith is Table with the header chosen by h instead of f's options.
func (f *File) TableWith(sheet string, h HeaderOptions) (t *Table, err error) {
	defer guard(&err, f.Name)
	if f.Format == FileCSV {
		if sheet != "" {
			return nil, userErr(nil, "%s is a text file; it has no sheet %q.", f.Name, sheet)
		}
		opts := f.opts
		opts.Header = h
		return ReadCSV(f.Name, io.NewSectionReader(f.text, 0, f.text.Size()), opts)
	}
	info, ok := SheetInfo{}, false
	for _, s := range f.sheets {
		if s.Name == sheet {
			info, ok = s, true
		}
	}
	if !ok {
		names := make([]string, len(f.sheets))
		for i, s := range f.sheets {
			names[i] = fmt.Sprintf("%q", s.Name)
		}
		return nil, userErr(nil, "%s has no sheet %q. Its sheets are %s.", f.Name, sheet, strings.Join(names, ", "))
	}
	rows, err := f.xl.Rows(sheet)
	if err != nil {
		return nil, userErr(err, "%s: sheet %q cannot be read. Open the workbook in Excel, save it again and retry.", f.Name, sheet)
	}
	t = &Table{File: f.Name, Sheet: sheet, Hidden: info.Hidden, Date1904: f.Date1904, lim: f.lim}
	src := prefetch(&xlsxSource{rows: rows, t: t, lim: f.lim})
	return newTable(t, src, h)
}

// Close releases the workbook and removes its temporary files.
func (f *File) Close() error {
	if f.xl == nil {
		return nil
	}
	err := f.xl.Close()
	f.xl = nil
	if rerr := os.RemoveAll(f.tmpDir); err == nil && rerr != nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("close %s: %w", f.Name, err)
	}
	return nil
}

// rawOpts is passed to every Columns call: raw stored values, never
// formatted ones (formatting dates costs 8× the read, perf-anchors).
var rawOpts = excelize.Options{RawCellValue: true}

// xlsxSource streams a sheet through excelize's row iterator. excelize's
// Next advances one row number at a time (gaps included), so the row number
// is the count of Next calls.
type xlsxSource struct {
	rows *excelize.Rows
	t    *Table
	lim  Limits
	n    int
}

func (s *xlsxSource) next() (rawRow, error) {
	for s.rows.Next() {
		s.n++
		if s.n > excelMaxRows {
			return rawRow{}, userErr(ErrLimit, "%s has rows past row %s, Excel's last row. The file is damaged.", s.t.where(), itoa(excelMaxRows))
		}
		cols, err := s.rows.Columns(rawOpts)
		if err != nil {
			return rawRow{}, userErr(err, "%s, row %d cannot be read: the sheet is damaged. Open the workbook in Excel, save it again and retry.", s.t.where(), s.n)
		}
		if len(cols) == 0 {
			continue
		}
		if s.n > s.lim.MaxRows {
			return rawRow{}, userErr(ErrLimit, "%s has data in row %s, past the limit of %s rows. Split the sheet.", s.t.where(), itoa(s.n), itoa(s.lim.MaxRows))
		}
		if len(cols) > s.lim.MaxColumns {
			p := &Problem{File: s.t.File, Sheet: s.t.Sheet, Row: s.n, Column: ColumnLetter(s.lim.MaxColumns), Severity: SeverityError,
				Message: "is past the limit of " + itoa(s.lim.MaxColumns) + " columns. Remove unused columns, or export fewer."}
			return rawRow{}, problemErr(p, ErrLimit)
		}
		row := rawRow{number: s.n, hidden: s.rows.GetRowOpts().Hidden, cells: make([]Cell, len(cols))}
		for i, v := range cols {
			if len(v) > s.lim.MaxCellChars && utf16Len(v) > s.lim.MaxCellChars {
				p := &Problem{File: s.t.File, Sheet: s.t.Sheet, Row: s.n, Column: ColumnLetter(i), Severity: SeverityError,
					Value: QuoteValue(v), Message: "is longer than " + itoa(s.lim.MaxCellChars) + " characters, Excel's own cell limit. The file was not written by Excel; shorten the value."}
				return rawRow{}, problemErr(p, ErrLimit) // the table names the header (pullRaw): this runs ahead of it

			}
			row.cells[i] = xlsxCell(v)
		}
		return row, nil
	}
	if err := s.rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return rawRow{}, userErr(err, "%s has a row numbered past %s, Excel's last row. The file is damaged or crafted.", s.t.where(), itoa(excelMaxRows))
		}
		return rawRow{}, userErr(err, "%s cannot be read past row %d: the sheet is damaged.", s.t.where(), s.n)
	}
	return rawRow{}, io.EOF
}

func (s *xlsxSource) close() error { return s.rows.Close() }

// xlsxCell classifies a raw workbook value. excelize's streaming reader
// does not expose cell types, so a value that is a plain number literal is
// taken as a number cell (what Excel stores for numbers, dates and times),
// an Excel error literal as an error, anything else as text.
func xlsxCell(v string) Cell {
	switch {
	case v == "":
		return Cell{}
	case numberLiteral(v):
		return Cell{Text: v, Kind: CellNumber}
	case v[0] == '#' && isExcelError(v):
		return Cell{Text: v, Kind: CellError}
	}
	return Cell{Text: v, Kind: CellText}
}

// numberLiteral reports whether s is a number as a worksheet stores it:
// optional minus, digits, optional fraction, optional exponent.
func numberLiteral(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// excelErrors are the error values a cell can hold.
var excelErrors = []string{"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!"}

func isExcelError(s string) bool {
	if len(s) < 4 || s[0] != '#' {
		return false
	}
	s = strings.TrimSpace(s)
	for _, e := range excelErrors {
		if strings.EqualFold(s, e) {
			return true
		}
	}
	return false
}

// utf16Len counts s in UTF-16 units, as Excel counts a cell's characters.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
