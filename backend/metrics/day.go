// Package metrics computes Throughline's delivery and value metrics as pure
// functions over domain values (PRODUCT §4). It never touches the store: the
// store loads, this package computes.
package metrics

import (
	"fmt"
	"time"
)

// Day is a civil date in the portfolio's reporting time zone, counted in days
// since 1970-01-01. Day arithmetic is plain integer arithmetic, which keeps
// cycle times and WIP counts exact (PRODUCT §4.1).
type Day int32

// DayOf returns the civil date of instant t in loc.
func DayOf(t time.Time, loc *time.Location) Day {
	y, m, d := t.In(loc).Date()
	return DayFromDate(y, m, d)
}

// DayFromDate returns the Day of a calendar date.
func DayFromDate(y int, m time.Month, d int) Day {
	return Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDay parses "YYYY-MM-DD".
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("date %q: %w", s, err)
	}
	return DayFromDate(t.Date()), nil
}

// Time returns midnight UTC of the day, for formatting and weekday arithmetic.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats the day as YYYY-MM-DD.
func (d Day) String() string { return d.Time().Format(time.DateOnly) }

// Weekday returns the day of the week.
func (d Day) Weekday() time.Weekday { return d.Time().Weekday() }

// WeekStart returns the Monday of d's ISO week.
func (d Day) WeekStart() Day {
	wd := int(d.Weekday()) // Sunday = 0
	return d - Day((wd+6)%7)
}

// ISOWeek labels d's ISO week as "2026-W07". The year is the ISO week-year,
// which differs from the calendar year around 1 January.
func (d Day) ISOWeek() string {
	y, w := d.Time().ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// monthOf normalises a month number that may run past 12 (DayFromDate
// accepts such months and rolls the year over, as time.Date does).
func monthOf(m int) time.Month { return time.Month(m) }
