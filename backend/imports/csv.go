package imports

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// delimiterCandidates are the delimiters the sniffer tries, in the order
// that breaks a tie: the comma, the semicolon of decimal-comma locales, tab
// and vertical bar, and the caret Jira Cloud's CSV export also offers.
var delimiterCandidates = []byte{',', ';', '\t', '|', '^'}

// sniffRecords is how many records the delimiter sniffer compares.
const sniffRecords = 50

// ReadCSV reads a CSV, TSV or TXT table from r. It detects (or takes from
// opts) the encoding and the delimiter, skips an Excel "sep=;" first line,
// finds the header row and returns the table positioned at its first data
// row. name is the file name used in every message.
//
// Row numbers are physical line numbers of each record's first line, as a
// text editor shows them, so a value spanning three lines moves the next
// record's number by three.
func ReadCSV(name string, r io.Reader, opts Options) (t *Table, err error) {
	defer guard(&err, name)
	lim := opts.Limits.withDefaults()
	if IsLockFile(name) {
		return nil, userErr(ErrNotText, "%s is a temporary file Excel keeps while a workbook is open (its name starts with ~$), not data. Import the workbook itself.", name)
	}
	br := bufio.NewReaderSize(&cappedReader{r: r, left: lim.MaxFileBytes}, sniffSize)
	head, perr := br.Peek(sniffSize)
	if perr != nil && !errors.Is(perr, io.EOF) {
		return nil, readErr(name, lim, perr)
	}
	switch kind := sniffContent(head); kind {
	case contentEmpty:
		return nil, userErr(ErrNoData, "%s is empty (0 bytes). Export it again.", name)
	case contentText:
	case contentHTML:
		return nil, userErr(ErrNotText, "%s is a web page (HTML) saved with a spreadsheet name, not CSV. Export the data as CSV (in Jira: Export › Export Excel CSV).", name)
	default:
		return nil, notTextErr(name, kind, head)
	}
	enc, err := detectEncoding(name, head, opts.Encoding)
	if err != nil {
		return nil, err
	}
	if binaryText(head[enc.bom:], enc.enc) {
		return nil, notTextErr(name, contentText, head)
	}
	if _, err := br.Discard(enc.bom); err != nil {
		return nil, readErr(name, lim, err)
	}
	var text io.Reader = br
	if enc.enc != nil {
		text = transform.NewReader(br, enc.enc.NewDecoder())
	}
	tr := bufio.NewReaderSize(text, sniffSize)

	t = &Table{File: name, Encoding: enc.name, text: true, lim: lim}
	if enc.guessed {
		t.problems = append(t.problems, Problem{File: name, Severity: SeverityWarning,
			Message: "is not UTF-8; it was read as Windows-1252 (Western European). If names in the preview look wrong (Jürgen shown as J�rgen or JÃ¼rgen), choose the file's encoding."})
	}
	line := 1
	delim := opts.Delimiter
	if sep, ok := sepLine(tr); ok {
		if _, err := tr.ReadString('\n'); err != nil && !errors.Is(err, io.EOF) {
			return nil, readErr(name, lim, err)
		}
		line = 2
		if delim == 0 {
			delim = sep
		}
	}
	if delim != 0 {
		if delim >= utf8.RuneSelf || delim == '"' || delim == '\n' || delim == '\r' || delim == ' ' || isAlnum(byte(delim)) {
			return nil, userErr(nil, "%s: %q cannot be a delimiter. Choose a comma, semicolon, tab, vertical bar or caret.", name, delim)
		}
	} else {
		d, err := sniffDelimiter(name, tr, opts.LazyQuotes, lim, line)
		if err != nil {
			return nil, err
		}
		delim = rune(d)
	}
	t.Delimiter = delim
	p := newCSVParser(tr, byte(delim), opts.LazyQuotes, enc.validate, lim, line)
	return newTable(t, &csvSource{p: p, t: t, lim: lim}, opts.Header)
}

// csvSource adapts the parser to rowSource, turning its errors into
// located, person-facing ones.
type csvSource struct {
	p   *csvParser
	t   *Table
	lim Limits
}

func (s *csvSource) next() (rawRow, error) {
	rec, err := s.p.record()
	if errors.Is(err, io.EOF) {
		return rawRow{}, io.EOF
	}
	if err != nil {
		var ce *csvError
		if errors.As(err, &ce) {
			return rawRow{}, problemErr(s.problem(ce.line, ce.field, "", ce.msg, SeverityError), ce.sentinel)
		}
		return rawRow{}, readErr(s.t.File, s.lim, err)
	}
	if rec.line > s.lim.MaxRows {
		return rawRow{}, userErr(ErrLimit, "%s has data on line %d, past the limit of %s rows. Split the file.", s.t.File, rec.line, itoa(s.lim.MaxRows))
	}
	row := rawRow{number: rec.line, cells: make([]Cell, len(rec.fields))}
	for i, f := range rec.fields {
		row.cells[i] = textCell(f)
	}
	for _, i := range rec.badUTF8 {
		p := s.problem(rec.line, i, rec.fields[i], "contains bytes that are not valid UTF-8: the file mixes text encodings. Save it again as \"CSV UTF-8\", or choose its encoding.", SeverityError)
		row.problems = append(row.problems, *p)
	}
	return row, nil
}

func (s *csvSource) problem(line, field int, value, msg string, sev Severity) *Problem {
	p := &Problem{File: s.t.File, Row: line, Column: ColumnLetter(field), Value: QuoteValue(value), Message: msg, Severity: sev}
	if field < len(s.t.Headers) {
		p.Header = s.t.Headers[field].problemLabel()
	}
	return p
}

func (s *csvSource) close() error { return nil }

// textCell classifies a CSV field: text, empty, or an Excel error value
// that Excel wrote into the CSV ("#N/A").
func textCell(s string) Cell {
	switch {
	case s == "":
		return Cell{}
	case isExcelError(s):
		return Cell{Text: s, Kind: CellError}
	}
	return Cell{Text: s, Kind: CellText}
}

// sepLine recognises Excel's "sep=;" first line (possibly quoted), which
// names the delimiter and is not data.
func sepLine(r *bufio.Reader) (rune, bool) {
	head, _ := r.Peek(16)
	line, _, _ := bytes.Cut(head, []byte("\n"))
	s := strings.Trim(strings.TrimRight(string(line), "\r"), `"`)
	if len(s) < 5 || !strings.EqualFold(s[:4], "sep=") {
		return 0, false
	}
	d, size := utf8.DecodeRuneInString(s[4:])
	if size == 0 || 4+size != len(s) {
		return 0, false
	}
	return d, true
}

// sniffDelimiter picks the delimiter that splits the first records most
// consistently: for each candidate it parses up to 50 records of the first
// 64 KiB and measures how many have the most common field count; a
// candidate that never splits a record (one field) scores nothing. The best
// consistency wins, then the larger field count, then the candidates' order.
func sniffDelimiter(name string, r *bufio.Reader, lazy bool, lim Limits, firstLine int) (byte, error) {
	head, err := r.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return 0, readErr(name, lim, err)
	}
	truncated := len(head) >= sniffSize
	best, bestScore, bestWidth := byte(0), 0.0, 0
	var tooLong *csvError
	for _, d := range delimiterCandidates {
		p := newCSVParser(bufio.NewReader(bytes.NewReader(head)), d, true, false, lim, firstLine)
		var counts []int
		for len(counts) < sniffRecords+1 {
			rec, err := p.record()
			var ce *csvError
			if errors.As(err, &ce) && errors.Is(ce.sentinel, ErrLimit) {
				if len(rec.fields) >= lim.MaxColumns {
					counts = append(counts, len(rec.fields)) // too many columns: this delimiter certainly splits
				} else if tooLong == nil {
					tooLong = ce
				}
			}
			if err != nil {
				break
			}
			counts = append(counts, len(rec.fields))
		}
		if truncated && len(counts) > 1 {
			counts = counts[:len(counts)-1]
		}
		if len(counts) > sniffRecords {
			counts = counts[:sniffRecords]
		}
		width, share := modeShare(counts)
		if width < 2 {
			continue
		}
		if share > bestScore+1e-9 || (share > bestScore-1e-9 && width > bestWidth) {
			best, bestScore, bestWidth = d, share, width
		}
	}
	if best == 0 && tooLong == nil && len(bytes.TrimSpace(head)) == 0 {
		return 0, userErr(ErrNoData, "%s has no data: it is empty or has only blank lines.", name)
	}
	if best == 0 && tooLong != nil {
		p := &Problem{File: name, Row: tooLong.line, Column: ColumnLetter(tooLong.field), Message: tooLong.msg, Severity: SeverityError}
		return 0, problemErr(p, ErrLimit)
	}
	if best == 0 {
		return 0, userErr(nil, "%s has a single column: no comma, semicolon, tab, vertical bar or caret separates its values. If that is right, choose the delimiter; otherwise export the data again as CSV.", name)
	}
	return best, nil
}

// modeShare returns the most common value of counts and the share of counts
// equal to it.
func modeShare(counts []int) (int, float64) {
	if len(counts) == 0 {
		return 0, 0
	}
	freq := map[int]int{}
	mode := 0
	for _, c := range counts {
		freq[c]++
		if freq[c] > freq[mode] || (freq[c] == freq[mode] && c > mode) {
			mode = c
		}
	}
	return mode, float64(freq[mode]) / float64(len(counts))
}

// cappedReader fails once more than left bytes have been read.
type cappedReader struct {
	r    io.Reader
	left int64
}

var errFileTooLarge = errors.New("file too large")

// Read implements io.Reader.
func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, errFileTooLarge
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, errFileTooLarge
	}
	return n, err
}

// readErr explains an error from the underlying reader.
func readErr(name string, lim Limits, err error) error {
	if errors.Is(err, errFileTooLarge) {
		return userErr(ErrLimit, "%s is larger than %s, the import limit. Split it, or export fewer columns.", name, sizeText(lim.MaxFileBytes))
	}
	return fmt.Errorf("read %s: %w", name, err)
}

// sizeText formats a byte count for messages: "256 MiB", "1.5 MiB", "100 KiB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return itoa(int(n>>20)) + " MiB"
	case n >= 1<<20:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".0") + " MiB"
	}
	return itoa(int((n+1023)>>10)) + " KiB"
}

func isAlnum(b byte) bool {
	return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
}
