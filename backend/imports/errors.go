package imports

import (
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/throughline/throughline/backend"
)

// Sentinel errors, matched with errors.Is. The errors this package returns
// also carry a *backend.Error (matched with errors.As or backend.ErrorCode)
// whose message names the file, sheet, row and column.
var (
	// ErrNoData: the file or sheet has no data rows (empty, blank lines
	// only, a header without rows, or a chart sheet).
	ErrNoData = errors.New("no data rows")
	// ErrLimit: a row, column, cell, file or unpacked-size cap was exceeded.
	ErrLimit = errors.New("limit exceeded")
	// ErrNotText: a file read as CSV is binary (a workbook, a PDF, garbage).
	ErrNotText = errors.New("not a text file")
	// ErrNotWorkbook: a file read as a workbook is not an .xlsx/.xlsm.
	ErrNotWorkbook = errors.New("not an Excel workbook")
	// ErrSyntax: a CSV quoting error (bare or unclosed quote).
	ErrSyntax = errors.New("CSV syntax error")
	// ErrEncoding: the text mixes encodings or the chosen one is unknown.
	ErrEncoding = errors.New("text encoding")
	// ErrAmbiguousDateOrder: a date column's values fit both day/month and
	// month/day; ask the user (or pass DateOrderDMY/DateOrderMDY).
	ErrAmbiguousDateOrder = errors.New("ambiguous date order")
	// ErrConflictingDateOrder: some values of a column are day-first and
	// others month-first.
	ErrConflictingDateOrder = errors.New("conflicting date orders")
	// ErrAmbiguousDecimal: a number column's values fit both a decimal point
	// and a decimal comma (all like 1,234 or 1.234).
	ErrAmbiguousDecimal = errors.New("ambiguous decimal separator")
	// ErrConflictingDecimal: some values use a decimal point, others a
	// decimal comma.
	ErrConflictingDecimal = errors.New("conflicting decimal separators")
	// ErrPanic: a parser panicked on a malformed file; the panic was
	// recovered and the file rejected.
	ErrPanic = errors.New("parser panic")
)

// fileError is what the readers return: a person-facing *backend.Error and
// the cause (a sentinel above, a *Problem, or a library error) for logs and
// errors.Is.
type fileError struct {
	user  *backend.Error
	cause error
}

// Error implements error: the person-facing message, then the cause.
func (e *fileError) Error() string {
	if e.cause == nil {
		return e.user.Error()
	}
	return e.user.Error() + " (" + e.cause.Error() + ")"
}

// Unwrap exposes both the *backend.Error and the cause to errors.Is/As.
func (e *fileError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.user}
	}
	return []error{e.user, e.cause}
}

// userErr returns an error whose *backend.Error has code EInvalid and the
// formatted message, wrapping cause.
func userErr(cause error, format string, args ...any) error {
	return &fileError{user: backend.Errorf(backend.EInvalid, format, args...), cause: cause}
}

// unsupportedErr is userErr with the code EUnsupported.
func unsupportedErr(cause error, format string, args ...any) error {
	return &fileError{user: backend.Errorf(backend.EUnsupported, format, args...), cause: cause}
}

// problemErr turns a located problem into an error: the message is the
// problem's String and errors.As finds both the *backend.Error and the
// *Problem.
func problemErr(p *Problem, sentinel error) error {
	cause := error(p)
	if sentinel != nil {
		cause = errors.Join(p, sentinel)
	}
	return &fileError{user: &backend.Error{Code: backend.EInvalid, Message: p.String()}, cause: cause}
}

// guard turns a panic into an error on the way out of an exported function.
// A panic in a parser means a malformed input reached a bug (ours or a
// library's); the file is rejected, never the process.
func guard(err *error, file string) {
	if r := recover(); r != nil {
		*err = panicErr(file, r)
	}
}

// panicErr is the person-facing error for a recovered panic; the panic value
// and stack stay in the cause for the log.
func panicErr(file string, r any) error {
	cause := fmt.Errorf("%w: %v\n%s", ErrPanic, r, debug.Stack())
	if file == "" {
		return userErr(cause, "The value could not be read.")
	}
	return userErr(cause, "%s could not be read: the file is damaged or in a form Throughline does not understand. Open it in Excel, save it again and retry.", file)
}

// withHeaders fills in the header name of a located problem error raised
// before the table's header was known (while the first rows were being
// read), so the message names the column's header too.
func withHeaders(err error, hs []Header) error {
	var fe *fileError
	var p *Problem
	if !errors.As(err, &fe) || !errors.As(err, &p) || p.Header != "" || p.Column == "" {
		return err
	}
	if i := columnIndex(p.Column); i >= 0 && i < len(hs) {
		p.Header = hs[i].problemLabel()
		fe.user.Message = p.String()
	}
	return err
}
