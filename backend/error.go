package backend

import (
	"errors"
	"fmt"
)

// Error codes. They are mapped to transport status codes only at the edge
// (backend/api, cmd/throughline).
const (
	EConflict     = "conflict"      // the action conflicts with the current state
	EInternal     = "internal"      // a bug or an unexpected failure; details are logged, not shown
	EInvalid      = "invalid"       // bad input from the user or a file
	ENotFound     = "not_found"     // the thing asked for does not exist
	EUnsupported  = "unsupported"   // a file or database this version cannot handle
	EForeignFile  = "foreign_file"  // a file that is not a Throughline portfolio
	ENewerVersion = "newer_version" // a portfolio written by a newer Throughline
)

// Error is an error meant to be read by a person: Message says what went wrong
// and, where possible, where and what to do about it.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the person-readable message of the first *Error in
// err's chain, or "Internal error." for any other error.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
