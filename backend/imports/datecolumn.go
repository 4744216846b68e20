package imports

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// maxExamples is how many example rows a column-level message lists.
const maxExamples = 3

// DateColumn reads one column's dates. Day-first versus month-first is
// decided for the whole column from all of its values, never per cell:
//
//   - a numeric value whose first number is over 12 (25/02/2026) is
//     evidence for day/month/year; one whose second number is over 12
//     (02/25/2026) for month/day/year;
//   - evidence both ways is an error listing example rows of each;
//   - no evidence, with values such as 02/03/2026, is ambiguous: Decide
//     returns ErrAmbiguousDateOrder so the UI can ask (the CLI takes
//     --date-order), unless DateOptions.Order was given;
//   - ISO dates, month names (25/Feb/26), dotted dates (25.02.2026) and
//     Excel serials never need an order.
//
// Use it in two passes over the rows (or over values kept from one pass):
// Observe every cell, then Decide, then Parse each cell.
type DateColumn struct {
	File, Sheet string
	Header      Header
	Options     DateOptions

	dmy, mdy   []int // example rows
	dmyV, mdyV string
	either     int
	eitherV    string
	eitherRow  int
	decided    bool
	order      DateOrder
	err        error
}

// NewDateColumn returns a DateColumn for the column h of a file and sheet.
func NewDateColumn(file, sheet string, h Header, opts DateOptions) *DateColumn {
	return &DateColumn{File: file, Sheet: sheet, Header: h, Options: opts}
}

// Observe records what one cell says about the column's day/month order.
func (c *DateColumn) Observe(row int, cell Cell) {
	if cell.Kind != CellText || c.Options.Order != DateOrderAuto {
		return
	}
	s := strings.TrimSpace(cell.Text)
	if absentText(s) {
		return
	}
	p, err := parseDateText(s)
	if err != nil {
		return
	}
	switch p.evidence() {
	case evidenceDMY:
		if len(c.dmy) == 0 {
			c.dmyV = s
		}
		if len(c.dmy) < maxExamples {
			c.dmy = append(c.dmy, row)
		}
	case evidenceMDY:
		if len(c.mdy) == 0 {
			c.mdyV = s
		}
		if len(c.mdy) < maxExamples {
			c.mdy = append(c.mdy, row)
		}
	case evidenceEither:
		if c.either == 0 {
			c.eitherV, c.eitherRow = s, row
		}
		c.either++
	}
	c.decided = false
}

// Decide returns the column's order. It is DateOrderAuto with a nil error
// when no value needs one. The error is a *Problem (via errors.As) matching
// ErrConflictingDateOrder or ErrAmbiguousDateOrder (via errors.Is).
func (c *DateColumn) Decide() (DateOrder, error) {
	if c.decided {
		return c.order, c.err
	}
	c.decided, c.order, c.err = true, DateOrderAuto, nil
	switch {
	case c.Options.Order != DateOrderAuto:
		c.order = c.Options.Order
	case len(c.dmy) > 0 && len(c.mdy) > 0:
		c.err = problemErr(c.problem(0, "", fmt.Sprintf("mixes date orders: %s day first (e.g. %q) but %s month first (e.g. %q). Correct the column so every date uses one order.",
			rowList(c.dmy), c.dmyV, rowList(c.mdy), c.mdyV), SeverityError), ErrConflictingDateOrder)
	case len(c.dmy) > 0:
		c.order = DateOrderDMY
	case len(c.mdy) > 0:
		c.order = DateOrderMDY
	case c.either > 0:
		c.err = problemErr(c.problem(0, "", fmt.Sprintf("has dates such as %q (row %d) that read as day/month or as month/day, and none that settles it. Choose the order: day/month/year or month/day/year (CLI: --date-order dmy or mdy).",
			c.eitherV, c.eitherRow), SeverityError), ErrAmbiguousDateOrder)
	}
	return c.order, c.err
}

func rowList(rows []int) string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = strconv.Itoa(r)
	}
	if len(rows) == 1 {
		return "row " + s[0] + " is"
	}
	return "rows " + strings.Join(s, ", ") + " are"
}

// Parse reads one cell. A blank or "n/a" cell gives a zero Date and no
// problem. A problem with SeverityWarning leaves the date absent (an Excel
// error value, a 31/12/9999 placeholder); one with SeverityError rejects the
// value. Number cells of a workbook are Excel serials in the column's date
// system; a number in a text file is not taken for a serial.
func (c *DateColumn) Parse(row int, cell Cell) (Date, *Problem) {
	order, _ := c.Decide()
	s := strings.TrimSpace(cell.Text)
	switch {
	case cell.Kind == CellError:
		return Date{}, c.problem(row, s, "is an Excel error value; it is read as no date. Fix the formula in the workbook to import a date.", SeverityWarning)
	case absentText(s):
		return Date{}, nil
	case cell.Kind == CellNumber:
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return Date{}, c.problem(row, s, "is not a date; "+c.expected(order)+".", SeverityError)
		}
		if v > 0 && v < 1 {
			return Date{}, c.problem(row, s, "is a time of day without a date. Enter the date as well.", SeverityError)
		}
		if !c.Options.Date1904 && v < 61 {
			return Date{}, c.problem(row, s, "is not a valid date: Excel serials below 61 fall in January and February 1900 (60 is 29 February 1900, a day that did not exist). Enter the real date.", SeverityError)
		}
		d, err := ExcelSerial(v, c.Options.Date1904, c.Options.loc())
		if err != nil {
			return Date{}, c.problem(row, s, "is not a valid date: "+strings.TrimPrefix(err.Error(), errNotDate.Error()+": ")+".", SeverityError)
		}
		return c.plausible(row, s, d)
	}
	p, err := parseDateText(s)
	if err != nil {
		msg := "is not a date; " + c.expected(order) + "."
		if numberLiteral(s) {
			msg = "is not a date; it looks like an Excel date serial. Format the column as a date in Excel and export again."
		}
		return Date{}, c.problem(row, s, msg, SeverityError)
	}
	d, err := p.resolve(order, c.Options.loc())
	switch {
	case errors.Is(err, errNeedsDMY):
		return Date{}, c.problem(row, s, "could be day/month or month/day and the column's order is not chosen. Choose day/month/year or month/day/year (CLI: --date-order).", SeverityError)
	case err != nil:
		return Date{}, c.problem(row, s, "is not a date; "+c.expected(order)+".", SeverityError)
	}
	return c.plausible(row, s, d)
}

// plausible rejects years outside MinYear–MaxYear and turns year 9999
// placeholders into "no date".
func (c *DateColumn) plausible(row int, s string, d Date) (Date, *Problem) {
	lo, hi := c.Options.MinYear, c.Options.MaxYear
	if lo == 0 {
		lo = 1950
	}
	if hi == 0 {
		hi = 2199
	}
	switch y := d.Time.Year(); {
	case y == 9999:
		return Date{}, c.problem(row, s, "is a placeholder date (year 9999); it is read as no date.", SeverityWarning)
	case y < lo || y > hi:
		return Date{}, c.problem(row, s, fmt.Sprintf("is a date in %d, outside the plausible years %d–%d. Check the value.", y, lo, hi), SeverityError)
	}
	return d, nil
}

func (c *DateColumn) expected(order DateOrder) string {
	switch order {
	case DateOrderDMY:
		return "expected day/month/year like 25/02/2026"
	case DateOrderMDY:
		return "expected month/day/year like 02/25/2026"
	}
	return "expected a date like 2026-02-25, 25/02/2026 or 25/Feb/26 3:04 PM"
}

func (c *DateColumn) problem(row int, value, msg string, sev Severity) *Problem {
	p := &Problem{File: c.File, Sheet: c.Sheet, Row: row, Column: c.Header.Letter, Header: c.Header.problemLabel(), Message: msg, Severity: sev}
	if value != "" {
		p.Value = QuoteValue(value)
	}
	return p
}
