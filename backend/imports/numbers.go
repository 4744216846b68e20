package imports

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Number is a parsed number.
type Number struct {
	Value   float64 // a percentage is stored as its fraction: 80% is 0.8
	Set     bool    // false for a blank cell, "n/a", "-"
	Percent bool    // the value was written with a % sign
}

var (
	errNotNumber = errors.New("not a number")
	errInexact   = errors.New("too large or too precise to store exactly")
)

// maxExact is the largest integer a float64 holds exactly (2^53).
const maxExact = 1 << 53

// ParseNumber parses a number written by a person or a spreadsheet.
// decimal is the decimal separator, '.' or ','; 0 accepts only values that
// settle it themselves (1,234.5 or 1.234,5 or 12,5) and fails with
// ErrAmbiguousDecimal on 1,234 or 1.234. Accepted: a sign (also U+2212) or
// accounting parentheses, a currency symbol (€ $ £ ¥), thousands groups of
// three digits separated by the other separator, a space, a no-break space
// or an apostrophe, an exponent (1E+308) and a trailing % (80% is 0.8).
// Blank, "n/a" and "-" give an unset Number. NaN, infinities, overflow and
// integers too large to hold exactly (over 2^53) are errors.
func ParseNumber(s string, decimal rune) (n Number, err error) {
	defer guard(&err, "")
	s = strings.TrimSpace(s)
	if absentText(s) {
		return Number{}, nil
	}
	body, neg, pct, ok := numberBody(s)
	if !ok {
		return Number{}, errNotNumber
	}
	if decimal == 0 {
		switch decimalEvidence(body) {
		case ',':
			decimal = ','
		case '.', 0:
			decimal = '.'
		default:
			return Number{}, ErrAmbiguousDecimal
		}
	}
	canon, intDigits, exact, ok := canonical(body, byte(decimal))
	if !ok {
		return Number{}, errNotNumber
	}
	v, err := strconv.ParseFloat(canon, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return Number{}, errInexact
	}
	if exact && intDigits > 15 && math.Abs(v) > maxExact {
		return Number{}, errInexact
	}
	if neg {
		v = -v
	}
	if pct {
		v /= 100
	}
	return Number{Value: v, Set: true, Percent: pct}, nil
}

// numberBody strips sign, parentheses, currency and percent, leaving digits
// and separators (and an exponent).
func numberBody(s string) (body string, neg, pct, ok bool) {
	if strings.ContainsAny(s, "\u00a0\u202f") {
		s = strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
	}
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s, neg = strings.TrimSpace(s[1:len(s)-1]), true
	}
	if t, found := strings.CutSuffix(s, "%"); found {
		s, pct = strings.TrimSpace(t), true
	}
	for _, sym := range []string{"€", "$", "£", "¥"} {
		if t, found := strings.CutPrefix(s, sym); found {
			s = strings.TrimSpace(t)
		} else if t, found := strings.CutSuffix(s, sym); found {
			s = strings.TrimSpace(t)
		}
	}
	switch {
	case strings.HasPrefix(s, "-"):
		s, neg = s[1:], !neg
	case strings.HasPrefix(s, "\u2212"):
		s, neg = s[len("\u2212"):], !neg
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	s = strings.TrimSpace(s)
	if s == "" || s[0] < '0' && s[0] != '.' && s[0] != ',' || s[0] > '9' {
		return "", false, false, false
	}
	return s, neg, pct, true
}

// decimalEvidence says which decimal separator a number body implies:
// '.' or ',' when it settles it, 0 when it needs none (no separator, or
// only space/apostrophe groups), '?' when it fits both (1,234 / 1.234).
func decimalEvidence(body string) byte {
	dots, commas := strings.Count(body, "."), strings.Count(body, ",")
	switch {
	case dots > 0 && commas > 0:
		if strings.LastIndexByte(body, '.') > strings.LastIndexByte(body, ',') {
			return '.'
		}
		return ','
	case commas > 1:
		return '.'
	case dots > 1:
		return ','
	case commas == 1:
		return single(body, ',')
	case dots == 1:
		return single(body, '.')
	}
	return 0
}

// single decides a body with one separator sep: not followed by exactly
// three digits, or after a lone 0, it is the decimal separator.
func single(body string, sep byte) byte {
	i := strings.IndexByte(body, sep)
	intPart, frac := body[:i], body[i+1:]
	if e := strings.IndexAny(frac, "eE"); e >= 0 {
		frac = frac[:e]
	}
	if len(frac) != 3 || intPart == "0" || intPart == "" || strings.ContainsAny(intPart, " '") {
		return sep
	}
	return '?'
}

// canonical rewrites a body as a Go float literal with the given decimal
// separator, checking digit grouping. exact is false when the value has a
// fraction or an exponent.
func canonical(body string, decimal byte) (canon string, intDigits int, exact, ok bool) {
	group := byte(',')
	if decimal == ',' {
		group = '.'
	}
	var b strings.Builder
	b.Grow(len(body))
	exact = true
	groups, groupLen, seenDecimal := 0, 0, false
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
			groupLen++
			if !seenDecimal {
				intDigits++
			}
		case c == decimal && !seenDecimal:
			if groups > 0 && groupLen != 3 {
				return "", 0, false, false
			}
			b.WriteByte('.')
			seenDecimal, exact, groupLen = true, false, 0
		case !seenDecimal && (c == group || c == ' ' || c == '\''):
			if groupLen == 0 || (groups == 0 && groupLen > 3) || (groups > 0 && groupLen != 3) {
				return "", 0, false, false
			}
			groups, groupLen = groups+1, 0
		case (c == 'e' || c == 'E') && groups == 0 && b.Len() > 0:
			exp := body[i+1:]
			if len(exp) > 0 && (exp[0] == '+' || exp[0] == '-') {
				exp = exp[1:]
			}
			if exp == "" || strings.Trim(exp, "0123456789") != "" {
				return "", 0, false, false
			}
			b.WriteString(body[i:])
			return b.String(), intDigits, false, true
		default:
			return "", 0, false, false
		}
	}
	if groups > 0 && !seenDecimal && groupLen != 3 {
		return "", 0, false, false
	}
	if b.Len() == 0 || b.String() == "." {
		return "", 0, false, false
	}
	return b.String(), intDigits, exact, true
}

// looksNumeric reports whether s reads as a number with either separator.
func looksNumeric(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || absentText(s) {
		return false
	}
	body, _, _, ok := numberBody(s)
	if !ok {
		return false
	}
	_, _, _, ok1 := canonical(body, '.')
	_, _, _, ok2 := canonical(body, ',')
	return ok1 || ok2
}

// NumberColumn reads one column's numbers, deciding the decimal separator
// for the whole column like DateColumn decides date order: 1,234.5 or 12.5
// is evidence for a decimal point, 1.234,5 or 12,5 for a decimal comma;
// both is an error; only values like 1,234 is ambiguous (ErrAmbiguousDecimal)
// unless a separator is given. Workbook number cells need no decision.
type NumberColumn struct {
	File, Sheet string
	Header      Header
	Decimal     rune // '.' or ','; 0 decides from the values

	point, comma   []int
	pointV, commaV string
	either         int
	eitherV        string
	eitherRow      int
	decided        bool
	dec            rune
	err            error
}

// NewNumberColumn returns a NumberColumn for column h; decimal may be 0.
func NewNumberColumn(file, sheet string, h Header, decimal rune) *NumberColumn {
	return &NumberColumn{File: file, Sheet: sheet, Header: h, Decimal: decimal}
}

// Observe records what one cell says about the decimal separator.
func (c *NumberColumn) Observe(row int, cell Cell) {
	if cell.Kind != CellText || c.Decimal != 0 {
		return
	}
	body, _, _, ok := numberBody(strings.TrimSpace(cell.Text))
	if !ok {
		return
	}
	switch decimalEvidence(body) {
	case '.':
		if len(c.point) == 0 {
			c.pointV = cell.Text
		}
		if len(c.point) < maxExamples {
			c.point = append(c.point, row)
		}
	case ',':
		if len(c.comma) == 0 {
			c.commaV = cell.Text
		}
		if len(c.comma) < maxExamples {
			c.comma = append(c.comma, row)
		}
	case '?':
		if c.either == 0 {
			c.eitherV, c.eitherRow = cell.Text, row
		}
		c.either++
	}
	c.decided = false
}

// Decide returns the column's decimal separator: '.', ',' or 0 when no
// value needs one. The error is a *Problem matching ErrConflictingDecimal or
// ErrAmbiguousDecimal.
func (c *NumberColumn) Decide() (rune, error) {
	if c.decided {
		return c.dec, c.err
	}
	c.decided, c.dec, c.err = true, 0, nil
	switch {
	case c.Decimal != 0:
		c.dec = c.Decimal
	case len(c.point) > 0 && len(c.comma) > 0:
		c.err = problemErr(c.problem(0, "", fmt.Sprintf("mixes decimal separators: %s written with a decimal point (e.g. %q) but %s with a decimal comma (e.g. %q). Correct the column so every number uses one.",
			rowList(c.point), c.pointV, rowList(c.comma), c.commaV), SeverityError), ErrConflictingDecimal)
	case len(c.point) > 0:
		c.dec = '.'
	case len(c.comma) > 0:
		c.dec = ','
	case c.either > 0:
		c.err = problemErr(c.problem(0, "", fmt.Sprintf("has numbers such as %q (row %d) that read as thousands or as decimals. Choose the decimal separator: point or comma.",
			c.eitherV, c.eitherRow), SeverityError), ErrAmbiguousDecimal)
	}
	return c.dec, c.err
}

// Parse reads one cell. Blank, "n/a" and "-" give an unset Number and no
// problem; an Excel error value gives a warning and an unset Number.
func (c *NumberColumn) Parse(row int, cell Cell) (Number, *Problem) {
	dec, _ := c.Decide()
	s := strings.TrimSpace(cell.Text)
	switch {
	case cell.Kind == CellError:
		return Number{}, c.problem(row, s, "is an Excel error value; it is read as no number. Fix the formula in the workbook to import a number.", SeverityWarning)
	case absentText(s):
		return Number{}, nil
	case cell.Kind == CellNumber:
		dec = '.'
	case dec == 0:
		dec = '.' // only values without a separator, or ambiguous ones (an error from Decide)
		if decimalEvidence(strings.TrimLeft(s, "-+(")) == '?' {
			return Number{}, c.problem(row, s, "could be a thousand or a decimal and the column's decimal separator is not chosen. Choose point or comma.", SeverityError)
		}
	}
	n, err := ParseNumber(s, dec)
	if err != nil {
		like := "1234.5 or 1,234.5"
		if dec == ',' {
			like = "1234,5 or 1.234,5"
		}
		msg := "is not a number; expected a number like " + like + "."
		if errors.Is(err, errInexact) {
			msg = "is too large or has too many digits to store exactly. If it is an identifier, map the column as text."
		}
		return Number{}, c.problem(row, s, msg, SeverityError)
	}
	return n, nil
}

func (c *NumberColumn) problem(row int, value, msg string, sev Severity) *Problem {
	p := &Problem{File: c.File, Sheet: c.Sheet, Row: row, Column: c.Header.Letter, Header: c.Header.problemLabel(), Message: msg, Severity: sev}
	if value != "" {
		p.Value = QuoteValue(value)
	}
	return p
}
