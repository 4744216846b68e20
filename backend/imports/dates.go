package imports

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// DateOrder is the order of day and month in numeric dates such as
// 02/03/2026. It is decided per column (DateColumn), never per cell.
type DateOrder uint8

// Date orders.
const (
	DateOrderAuto DateOrder = iota // decide from the column's values
	DateOrderDMY                   // day/month/year: 25/02/2026
	DateOrderMDY                   // month/day/year: 02/25/2026
)

// String returns "auto", "dmy" or "mdy", the CLI's --date-order values.
func (o DateOrder) String() string {
	switch o {
	case DateOrderDMY:
		return "dmy"
	case DateOrderMDY:
		return "mdy"
	}
	return "auto"
}

// ParseDateOrder reads a --date-order value: "dmy" (or "day-first"),
// "mdy" (or "month-first"), "auto" or "".
func ParseDateOrder(s string) (DateOrder, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return DateOrderAuto, nil
	case "dmy", "day-first", "dd/mm/yyyy":
		return DateOrderDMY, nil
	case "mdy", "month-first", "mm/dd/yyyy":
		return DateOrderMDY, nil
	}
	return DateOrderAuto, userErr(nil, "%q is not a date order; use dmy (day/month/year) or mdy (month/day/year).", s)
}

// DateOptions say how to read a column's dates.
type DateOptions struct {
	// Order of day and month in numeric dates; DateOrderAuto decides it from
	// the column's values.
	Order DateOrder
	// Location is the portfolio's time zone: times written without an offset
	// are civil times there, and a date without a time is midnight there.
	// Nil means UTC.
	Location *time.Location
	// Date1904 selects the 1904 date system for Excel serials (Table.Date1904).
	Date1904 bool
	// MinYear and MaxYear bound plausible years (0: 1950 and 2199). A date in
	// year 9999 is a placeholder ("no date") and gives a warning instead.
	MinYear, MaxYear int
}

func (o DateOptions) loc() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// Date is a parsed date or date-time.
type Date struct {
	// Time is the instant. A value with an offset (Z, +01:00) keeps it; a
	// value without one is the civil time in DateOptions.Location; a date
	// without a time is midnight there.
	Time time.Time
	// DateOnly: the value had no time of day; use Civil, not an instant.
	DateOnly bool
	// Zoned: the value carried its own offset.
	Zoned bool
}

// IsZero reports whether the date is absent (a blank cell, "n/a", "-").
func (d Date) IsZero() bool { return d.Time.IsZero() }

// Civil returns the date as YYYY-MM-DD in the value's own zone (its offset,
// or the portfolio's zone): the calendar day the spreadsheet shows, never
// shifted by the computer's time zone.
func (d Date) Civil() string {
	if d.IsZero() {
		return ""
	}
	return d.Time.Format(time.DateOnly)
}

var (
	errNotDate  = errors.New("not a date")
	errNeedsDMY = errors.New("day/month order needed")
)

// dateParts is a parsed date before day and month are known when the value
// is numeric with the year last (a/b/yyyy).
type dateParts struct {
	y, m, d        int
	needsOrder     bool
	a, b           int // the first two numbers of a/b/yyyy
	hasTime        bool
	hh, mi, ss, ns int
	zoned          bool
	offset         int // seconds east of UTC
}

// dateEvidence is what a value says about its column's order.
type dateEvidence int

const (
	evidenceNone    dateEvidence = iota // no order needed (ISO, month names, dots, serials)
	evidenceDMY                         // first number > 12
	evidenceMDY                         // second number > 12
	evidenceEither                      // both ≤ 12
	evidenceInvalid                     // both > 12
)

func (p dateParts) evidence() dateEvidence {
	switch {
	case !p.needsOrder:
		return evidenceNone
	case p.a > 12 && p.b > 12:
		return evidenceInvalid
	case p.a > 12:
		return evidenceDMY
	case p.b > 12:
		return evidenceMDY
	}
	return evidenceEither
}

// ParseDate parses one text date with an explicit order (DateOrderAuto
// accepts only values that need none: ISO 8601, month names, dotted
// day.month.year). Blank values and "n/a", "-" return a zero Date and no
// error. Recognised forms:
//
//	2026-02-25, 2026/02/25, 2026-02-25T15:04[:05[.000]][Z|±hh:mm|±hhmm|±hh]
//	2026-02-25 15:04[:05]                            (Jira, Rally, Excel text)
//	2026-02-25T15:04:05.000+0100                      (Jira changelog)
//	25/Feb/26 3:04 PM, 25/Feb/2026 15:04, 25-Feb-2026, 25 Feb 2026, Feb 25, 2026
//	25.02.2026 [14:00]                                (always day first)
//	25/02/2026 14:00, 02/25/2026, 2/25/2026 3:04:05 PM (order per column)
//
// Month names may be English, German, French, Spanish, Dutch, Italian or
// Portuguese abbreviations or full names. Two-digit years are 1969–2068.
func ParseDate(s string, opts DateOptions) (d Date, err error) {
	defer guard(&err, "")
	s = strings.TrimSpace(s)
	if absentText(s) {
		return Date{}, nil
	}
	p, err := parseDateText(s)
	if err != nil {
		return Date{}, err
	}
	return p.resolve(opts.Order, opts.loc())
}

// resolve applies the order and builds the time.
func (p dateParts) resolve(order DateOrder, loc *time.Location) (Date, error) {
	if p.needsOrder {
		switch order {
		case DateOrderDMY:
			p.d, p.m = p.a, p.b
		case DateOrderMDY:
			p.m, p.d = p.a, p.b
		default:
			if p.evidence() == evidenceInvalid {
				return Date{}, fmt.Errorf("%w: neither %d nor %d can be a month", errNotDate, p.a, p.b)
			}
			return Date{}, errNeedsDMY
		}
	}
	if p.y < 1000 || p.y > 9999 {
		return Date{}, fmt.Errorf("%w: year %d is not a calendar year", errNotDate, p.y)
	}
	if p.m < 1 || p.m > 12 {
		return Date{}, fmt.Errorf("%w: there is no month %d", errNotDate, p.m)
	}
	if p.d < 1 || p.d > daysIn(p.y, p.m) {
		return Date{}, fmt.Errorf("%w: %s %d has no day %d", errNotDate, time.Month(p.m), p.y, p.d)
	}
	if p.hh > 23 || p.mi > 59 || p.ss > 59 {
		return Date{}, fmt.Errorf("%w: %02d:%02d:%02d is not a time of day", errNotDate, p.hh, p.mi, p.ss)
	}
	if p.zoned {
		z := time.FixedZone("", p.offset)
		return Date{Time: time.Date(p.y, time.Month(p.m), p.d, p.hh, p.mi, p.ss, p.ns, z), Zoned: true}, nil
	}
	return Date{Time: time.Date(p.y, time.Month(p.m), p.d, p.hh, p.mi, p.ss, p.ns, loc), DateOnly: !p.hasTime}, nil
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dscan is a cursor over a date string.
type dscan struct {
	s string
	i int
}

func (c *dscan) done() bool { return c.i >= len(c.s) }

func (c *dscan) peek() byte {
	if c.done() {
		return 0
	}
	return c.s[c.i]
}

// num reads up to max digits; n is how many were read.
func (c *dscan) num(max int) (v, n int) {
	for !c.done() && n < max && c.s[c.i] >= '0' && c.s[c.i] <= '9' {
		v = v*10 + int(c.s[c.i]-'0')
		c.i++
		n++
	}
	return v, n
}

func (c *dscan) spaces() int {
	n := 0
	for !c.done() && (c.s[c.i] == ' ' || c.s[c.i] == '\t') {
		c.i++
		n++
	}
	return n
}

// word reads letters (any script).
func (c *dscan) word() string {
	start := c.i
	for !c.done() {
		r, size := utf8.DecodeRuneInString(c.s[c.i:])
		if !unicode.IsLetter(r) {
			break
		}
		c.i += size
	}
	return c.s[start:c.i]
}

func (c *dscan) eat(b byte) bool {
	if c.peek() == b {
		c.i++
		return true
	}
	return false
}

// parseDateText recognises the structure of a text date (see ParseDate).
func parseDateText(s string) (dateParts, error) {
	c := &dscan{s: s}
	var p dateParts
	switch b := c.peek(); {
	case b >= '0' && b <= '9':
		v1, n1 := c.num(4)
		if n1 == 4 {
			sep := c.peek()
			if sep != '-' && sep != '/' && sep != '.' {
				return p, errNotDate
			}
			c.i++
			m, nm := c.num(2)
			if nm == 0 || !c.eat(sep) {
				return p, errNotDate
			}
			d, nd := c.num(2)
			if nd == 0 {
				return p, errNotDate
			}
			p.y, p.m, p.d = v1, m, d
			break
		}
		if n1 > 2 {
			return p, errNotDate
		}
		sep := c.peek()
		if sep != '/' && sep != '-' && sep != '.' && sep != ' ' {
			return p, errNotDate
		}
		c.i++
		if sep == ' ' || sep == '.' {
			c.spaces()
		}
		if r, _ := utf8.DecodeRuneInString(s[c.i:]); unicode.IsLetter(r) {
			m, ok := monthByName(c.word())
			if !ok {
				return p, errNotDate
			}
			c.eat('.')
			if !c.eat(sep) && c.spaces() == 0 && !c.eat('-') && !c.eat('/') {
				return p, errNotDate
			}
			c.spaces()
			y, ny := c.num(4)
			if ny != 2 && ny != 4 {
				return p, errNotDate
			}
			p.y, p.m, p.d = year(y, ny), m, v1
			break
		}
		if sep == ' ' {
			return p, errNotDate
		}
		v2, n2 := c.num(2)
		if n2 == 0 || !c.eat(sep) {
			return p, errNotDate
		}
		y, ny := c.num(4)
		if ny != 2 && ny != 4 {
			return p, errNotDate
		}
		p.y = year(y, ny)
		if sep == '.' {
			p.d, p.m = v1, v2
		} else {
			p.needsOrder, p.a, p.b = true, v1, v2
		}
	default:
		m, ok := monthByName(c.word())
		if !ok {
			return p, errNotDate
		}
		c.eat('.')
		if c.spaces() == 0 {
			return p, errNotDate
		}
		d, nd := c.num(2)
		if nd == 0 {
			return p, errNotDate
		}
		c.eat(',')
		if c.spaces() == 0 {
			return p, errNotDate
		}
		y, ny := c.num(4)
		if ny != 4 {
			return p, errNotDate
		}
		p.y, p.m, p.d = y, m, d
	}
	if err := parseClock(c, &p); err != nil {
		return p, err
	}
	if !c.done() {
		return p, errNotDate
	}
	return p, nil
}

func year(y, digits int) int {
	if digits == 2 {
		if y >= 69 {
			return 1900 + y
		}
		return 2000 + y
	}
	return y
}

// parseClock reads an optional time of day with an optional AM/PM and
// offset after the date.
func parseClock(c *dscan, p *dateParts) error {
	if c.done() {
		return nil
	}
	switch {
	case c.eat('T'), c.eat('t'):
	case c.eat(','):
		c.spaces()
	case c.spaces() > 0:
	default:
		return errNotDate
	}
	if c.done() {
		return nil
	}
	hh, nh := c.num(2)
	if nh == 0 || !c.eat(':') {
		return errNotDate
	}
	mi, nm := c.num(2)
	if nm != 2 {
		return errNotDate
	}
	p.hasTime, p.hh, p.mi = true, hh, mi
	if c.eat(':') {
		ss, ns := c.num(2)
		if ns != 2 {
			return errNotDate
		}
		p.ss = ss
		if c.eat('.') || c.eat(',') {
			frac, nf := c.num(9)
			if nf == 0 {
				return errNotDate
			}
			p.ns = frac * int(math.Pow10(9-nf))
		}
	}
	sp := c.spaces()
	if ampm, ok := meridiem(c); ok {
		if hh < 1 || hh > 12 {
			return fmt.Errorf("%w: %d is not an hour on a 12-hour clock", errNotDate, hh)
		}
		p.hh = hh % 12
		if ampm == 'p' {
			p.hh += 12
		}
		sp = c.spaces()
	}
	switch b := c.peek(); {
	case b == 'Z' || b == 'z':
		c.i++
		p.zoned = true
	case b == '+' || b == '-':
		c.i++
		oh, noh := c.num(2)
		if noh != 2 {
			return errNotDate
		}
		c.eat(':')
		om, nom := c.num(2)
		if nom != 0 && nom != 2 {
			return errNotDate
		}
		if oh > 14 || om > 59 {
			return fmt.Errorf("%w: %c%02d:%02d is not a time zone offset", errNotDate, b, oh, om)
		}
		p.zoned, p.offset = true, (oh*60+om)*60
		if b == '-' {
			p.offset = -p.offset
		}
	case sp > 0 && (strings.EqualFold(c.s[c.i:], "UTC") || strings.EqualFold(c.s[c.i:], "GMT")):
		c.i = len(c.s)
		p.zoned = true
	}
	return nil
}

// meridiem reads AM/PM, a.m./p.m.
func meridiem(c *dscan) (byte, bool) {
	rest := strings.ToLower(c.s[c.i:])
	for _, m := range []string{"a.m.", "p.m.", "am", "pm"} {
		if strings.HasPrefix(rest, m) {
			c.i += len(m)
			return m[0], true
		}
	}
	return 0, false
}

// months maps lower-case month names and abbreviations (English, German,
// French, Spanish, Dutch, Italian, Portuguese; without their trailing dot)
// to month numbers. Jira writes "25/Feb/26" in the exporting user's
// language: "25/févr./26", "25/mag/26", "25/out/26".
var months = func() map[string]int {
	m := map[string]int{}
	for i, names := range [12]string{
		"jan january januar janv janvier ene enero januari jän jänner gen gennaio janeiro",
		"feb february februar fév févr février febrero februari febbraio fev fevereiro",
		"mar march mär märz mrz maerz mars marzo mrt maart março",
		"apr april avr avril abr abril aprile",
		"may mai mayo mei mag maggio maio",
		"jun june juni juin junio giu giugno junho",
		"jul july juli juil juillet julio lug luglio julho",
		"aug august août aout ago agosto augustus",
		"sep sept september septembre septiembre set settembre setembro",
		"oct october okt oktober octobre octubre ott ottobre out outubro",
		"nov november novembre noviembre novembro",
		"dec december dez dezember déc décembre dic diciembre dicembre dezembro",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	return m
}()

func monthByName(w string) (int, bool) {
	m, ok := months[strings.ToLower(w)]
	return m, ok
}

// ExcelSerial converts an Excel date serial to a date. In the 1900 system
// serial 1 is 1900-01-01 and, because Excel kept Lotus 1-2-3's mistake of a
// 29 February 1900, serial 60 is that day that never was (an error) and
// every serial from 61 on is one day later than a plain count from
// 1899-12-31 (ECMA-376 Part 4; Microsoft KB 214326). In the 1904 system
// serial 0 is 1904-01-01. The fraction is the time of day, rounded to the
// millisecond; the result is a civil date-time in loc.
func ExcelSerial(serial float64, date1904 bool, loc *time.Location) (Date, error) {
	if math.IsNaN(serial) || math.IsInf(serial, 0) || serial < 0 {
		return Date{}, fmt.Errorf("%w: a date serial cannot be negative or infinite", errNotDate)
	}
	const msPerDay = 86_400_000
	if serial > 3e6 {
		return Date{}, fmt.Errorf("%w: serial %.0f is after 31/12/9999, Excel's last date", errNotDate, serial)
	}
	ms := int64(math.Round(serial * msPerDay))
	days, rem := int(ms/msPerDay), ms%msPerDay
	var base time.Time
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days == 0:
		return Date{}, fmt.Errorf("%w: serial 0 is the day before 1 January 1900 (\"0 January 1900\"), not a date", errNotDate)
	case days == 60:
		return Date{}, fmt.Errorf("%w: serial 60 is 29 February 1900, a day that did not exist", errNotDate)
	case days < 60:
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	default:
		base = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	}
	civil := base.AddDate(0, 0, days)
	if civil.Year() > 9999 {
		return Date{}, fmt.Errorf("%w: serial %.0f is after 31/12/9999, Excel's last date", errNotDate, serial)
	}
	if loc == nil {
		loc = time.UTC
	}
	t := time.Date(civil.Year(), civil.Month(), civil.Day(), 0, 0, 0, 0, loc)
	if rem == 0 {
		return Date{Time: t, DateOnly: true}, nil
	}
	s := int(rem / 1000)
	t = time.Date(civil.Year(), civil.Month(), civil.Day(), s/3600, s/60%60, s%60, int(rem%1000)*1e6, loc)
	return Date{Time: t}, nil
}

// looksDate reports whether s has the shape of a date (either order).
func looksDate(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return false
	}
	_, err := parseDateText(s)
	return err == nil
}

// absentText reports whether s stands for "no value": blank, "n/a", "-".
func absentText(s string) bool {
	if len(s) > 12 {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "-", "–", "—", "n/a", "na", "n.a.", "null", "none", "nil", "(blank)", "(none)":
		return true
	}
	return false
}
