package imports

import (
	"bufio"
	"errors"
	"io"
	"unicode/utf8"
)

// csvParser reads RFC 4180 records from UTF-8 text, one byte at a time,
// keeping the physical line (as a text editor counts it: "\n", "\r\n" and a
// lone "\r" each end a line) and the character position, so every error can
// say where it is. Memory is bounded by the column and cell limits.
//
// Rules: fields are separated by delim; a field that starts with a quote
// (after optional spaces) is quoted and may hold delimiters, line breaks and
// doubled quotes; a quote inside an unquoted field, or text after a closing
// quote, is an error unless lazy; an unclosed quote is always an error.
// Lines with no characters are skipped. Line breaks inside quoted fields are
// read as "\n".
type csvParser struct {
	r        *bufio.Reader
	delim    byte
	lazy     bool
	validate bool // report fields that are not valid UTF-8
	maxCols  int
	maxChars int
	line     int // line of the next byte, 1-based
	char     int // characters read so far on the current line
	buf      []byte
	units    int // UTF-16 units in buf
}

// csvRecord is one record: its fields, the line it starts on, and the
// indexes of fields that are not valid UTF-8.
type csvRecord struct {
	fields  []string
	line    int
	badUTF8 []int
}

// csvError is a located parse error. Table turns it into a Problem.
type csvError struct {
	line, char, field int
	msg               string
	sentinel          error
}

// Error implements error.
func (e *csvError) Error() string { return e.msg }

type fieldEnd int

const (
	endDelim fieldEnd = iota
	endLine
	endEOF
)

// maxQuotedLines bounds how many lines one quoted field may span: far more
// than any real description, far less than a file swallowed by a stray quote.
const maxQuotedLines = 1000

func newCSVParser(r *bufio.Reader, delim byte, lazy, validate bool, lim Limits, firstLine int) *csvParser {
	return &csvParser{r: r, delim: delim, lazy: lazy, validate: validate, maxCols: lim.MaxColumns, maxChars: lim.MaxCellChars, line: firstLine}
}

// record reads the next record; io.EOF at the end of the input.
func (p *csvParser) record() (csvRecord, error) {
	for {
		b, err := p.r.ReadByte()
		if err != nil {
			return csvRecord{}, err
		}
		if b == '\n' {
			p.newline()
			continue
		}
		if b == '\r' {
			p.eatLF()
			p.newline()
			continue
		}
		_ = p.r.UnreadByte()
		break
	}
	rec := csvRecord{line: p.line}
	for {
		f, end, err := p.field(len(rec.fields))
		if err != nil {
			return rec, err
		}
		if p.validate && !utf8.ValidString(f) {
			rec.badUTF8 = append(rec.badUTF8, len(rec.fields))
		}
		rec.fields = append(rec.fields, f)
		if len(rec.fields) > p.maxCols {
			return rec, &csvError{line: rec.line, field: len(rec.fields) - 1, sentinel: ErrLimit,
				msg: "has more than " + itoa(p.maxCols) + " columns, the limit. Check that the delimiter is right, or remove unused columns."}
		}
		if end != endDelim {
			return rec, nil
		}
	}
}

func (p *csvParser) newline() { p.line++; p.char = 0 }

// eatLF consumes the "\n" of a "\r\n" pair.
func (p *csvParser) eatLF() {
	if b, err := p.r.ReadByte(); err == nil && b != '\n' {
		_ = p.r.UnreadByte()
	}
}

func (p *csvParser) readByte() (byte, error) {
	b, err := p.r.ReadByte()
	if err == nil && b&0xC0 != 0x80 {
		p.char++
	}
	return b, err
}

// add appends b to the field, counting UTF-16 units against the cell limit.
func (p *csvParser) add(b byte, field, line int) error {
	p.buf = append(p.buf, b)
	switch {
	case b < 0x80 || (b >= 0xC0 && b < 0xF0):
		p.units++
	case b >= 0xF0:
		p.units += 2
	}
	if p.units > p.maxChars {
		return &csvError{line: line, field: field, sentinel: ErrLimit,
			msg: "is longer than " + itoa(p.maxChars) + " characters, the limit (Excel's own cell limit). A quote that is never closed earlier in the row often causes this."}
	}
	return nil
}

func (p *csvParser) field(idx int) (string, fieldEnd, error) {
	p.buf, p.units = p.buf[:0], 0
	line := p.line
	b, err := p.readByte()
	if err != nil {
		return "", endEOF, eofOK(err)
	}
	for b == ' ' {
		if err := p.add(b, idx, line); err != nil {
			return "", endEOF, err
		}
		if b, err = p.readByte(); err != nil {
			return string(p.buf), endEOF, eofOK(err)
		}
	}
	if b == '"' {
		p.buf, p.units = p.buf[:0], 0
		return p.quoted(idx)
	}
	for {
		switch b {
		case p.delim:
			return string(p.buf), endDelim, nil
		case '\n':
			p.newline()
			return string(p.buf), endLine, nil
		case '\r':
			p.eatLF()
			p.newline()
			return string(p.buf), endLine, nil
		case '"':
			if !p.lazy {
				return "", endEOF, &csvError{line: p.line, char: p.char, field: idx, sentinel: ErrSyntax,
					msg: "has a quote (\") inside a value that does not start with a quote (character " + itoa(p.char) + " of the line). Put the whole value in double quotes and double the quote inside it (\"\"), or import with lenient quotes."}
			}
		}
		if err := p.add(b, idx, line); err != nil {
			return "", endEOF, err
		}
		if b, err = p.readByte(); err != nil {
			return string(p.buf), endEOF, eofOK(err)
		}
	}
}

func (p *csvParser) quoted(idx int) (string, fieldEnd, error) {
	openLine, openChar := p.line, p.char
	for {
		b, err := p.readByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return "", endEOF, &csvError{line: openLine, char: openChar, field: idx, sentinel: ErrSyntax,
					msg: "opens a quote (character " + itoa(openChar) + " of line " + itoa(openLine) + ") that is never closed before the end of the file. Add the closing quote."}
			}
			return "", endEOF, err
		}
		switch b {
		case '"':
			nb, err := p.r.ReadByte()
			if err != nil {
				return string(p.buf), endEOF, eofOK(err)
			}
			switch nb {
			case '"':
				p.char++
				if err := p.add('"', idx, openLine); err != nil {
					return "", endEOF, err
				}
				continue
			case p.delim:
				p.char++
				return string(p.buf), endDelim, nil
			case '\n':
				p.newline()
				return string(p.buf), endLine, nil
			case '\r':
				p.eatLF()
				p.newline()
				return string(p.buf), endLine, nil
			}
			_ = p.r.UnreadByte()
			if !p.lazy {
				return "", endEOF, &csvError{line: p.line, char: p.char + 1, field: idx, sentinel: ErrSyntax,
					msg: "has text after its closing quote (character " + itoa(p.char+1) + " of line " + itoa(p.line) + "). Double any quote inside a quoted value (\"\"), or import with lenient quotes."}
			}
			if err := p.add('"', idx, openLine); err != nil {
				return "", endEOF, err
			}
		case '\r':
			p.eatLF()
			p.newline()
			err = p.add('\n', idx, openLine)
		case '\n':
			p.newline()
			err = p.add('\n', idx, openLine)
		default:
			err = p.add(b, idx, openLine)
		}
		if err != nil {
			return "", endEOF, err
		}
		if p.line-openLine > maxQuotedLines {
			return "", endEOF, &csvError{line: openLine, char: openChar, field: idx, sentinel: ErrSyntax,
				msg: "opens a quote (character " + itoa(openChar) + ") whose value runs over more than " + itoa(maxQuotedLines) + " lines. A closing quote is probably missing."}
		}
	}
}

func eofOK(err error) error {
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// itoa formats n with thousands separators for messages: 32,767.
func itoa(n int) string {
	neg := n < 0
	if neg {
		n = -n
	}
	var buf [24]byte
	i := len(buf)
	for d := 0; ; d++ {
		if d > 0 && d%3 == 0 {
			i--
			buf[i] = ','
		}
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}
