package imports

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Severity says whether a problem rejects the row (SeverityError) or only
// needs the user's confirmation (SeverityWarning).
type Severity string

// Problem severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// maxValueRunes is how much of a cell value a problem quotes.
const maxValueRunes = 80

// Problem is one thing wrong with a file, a row or a cell, located the way a
// person finds it again: file, sheet, row (as Excel or a text editor shows
// it), column letter and header.
//
// Value is the offending cell value, already truncated to 80 characters and
// with control and invisible characters escaped (\n, \t, \u202e…); set it with
// QuoteValue. When Value is set, Message continues after the quoted value
// ("is not a date; expected …"); otherwise Message stands alone.
type Problem struct {
	File     string
	Sheet    string
	Row      int    // 0 when the problem is about the whole file or sheet
	Column   string // column letter ("D"), "" when not about one column
	Header   string // the column's header as written, "" when unknown
	Value    string
	Message  string
	Severity Severity
}

// String formats the problem for a person, for example
//
//	team-a.csv, row 14, column D (Created): "31/13/2026" is not a date; expected day/month/year like 25/02/2026.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Location())
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Value != "" {
		b.WriteByte('"')
		b.WriteString(p.Value)
		b.WriteString(`" `)
		b.WriteString(p.Message)
	} else if b.Len() == 0 {
		b.WriteString(upperFirst(p.Message))
	} else {
		b.WriteString(p.Message)
	}
	return b.String()
}

// Error implements error, so a problem can be returned and wrapped.
func (p *Problem) Error() string { return p.String() }

// Location returns "file, sheet S, row N, column C (Header)", leaving out the
// parts that are not set.
func (p Problem) Location() string {
	var parts []string
	if p.File != "" {
		parts = append(parts, p.File)
	}
	if p.Sheet != "" {
		parts = append(parts, "sheet "+strconv.Quote(p.Sheet))
	}
	if p.Row > 0 {
		parts = append(parts, "row "+strconv.Itoa(p.Row))
	}
	if p.Column != "" {
		c := "column " + p.Column
		if p.Header != "" {
			c += " (" + p.Header + ")"
		}
		parts = append(parts, c)
	} else if p.Header != "" {
		parts = append(parts, "column "+strconv.Quote(p.Header))
	}
	return strings.Join(parts, ", ")
}

// QuoteValue prepares a cell value for Problem.Value: at most 80 characters
// (an ellipsis marks the cut) with control, format and other invisible
// characters escaped so that a newline, a tab, a NUL or a right-to-left
// override is shown rather than acted on. Quotes are escaped too.
func QuoteValue(s string) string {
	cut := false
	if utf8.RuneCountInString(s) > maxValueRunes {
		n := 0
		for i := range s {
			if n == maxValueRunes {
				s = s[:i]
				break
			}
			n++
		}
		cut = true
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	q := strconv.Quote(s)
	q = q[1 : len(q)-1]
	if cut {
		q += "…"
	}
	return q
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
