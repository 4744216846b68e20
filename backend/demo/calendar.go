package demo

import (
	"fmt"
	"time"
)

// Working time. Histories are planned in "working minutes": minute m of
// workday k is k*minutesPerWorkday+m, 08:00–18:00 in the reporting zone.
// Any increasing sequence of working minutes maps to increasing instants
// inside office hours, which keeps histories chronological by construction
// and makes the hot path integer arithmetic plus one array lookup.
const (
	minutesPerWorkday = 600
	workdayStartHour  = 8
)

// calendar is the demo timeline: civil days from first to last in
// Europe/Berlin, which of them are workdays, and their instants.
//
// It applies the EU daylight-saving rule itself (last Sunday of March to
// last Sunday of October) instead of loading the tz database: the output must
// not depend on the host's zoneinfo, and a per-day offset is all office-hour
// timestamps need. The offset is the one at noon, so the hour after midnight
// on the two switch Sundays is off by one hour; nothing is planned then.
type calendar struct {
	first    time.Time // day 0: UTC midnight carrying the civil date
	midnight []int64   // Unix seconds of each day's local midnight
	date     []string  // YYYY-MM-DD of each day
	work     []bool    // Monday–Friday and not a portfolio holiday
	nextWork []int32   // the first workday on or after each day
	wdDay    []int32   // the day of each workday
	wdStart  []int64   // Unix seconds of 08:00 local on each workday
	asOfDay  int32
	asOfW    int32 // the last working minute of AsOf
}

// newCalendar builds the days first..last (civil dates as UTC midnights).
func newCalendar(first, last, asOf time.Time, holidays []string) (*calendar, error) {
	n := int(last.Sub(first).Hours()/24) + 1
	if n <= 0 {
		return nil, fmt.Errorf("calendar: %s is before %s", last.Format(time.DateOnly), first.Format(time.DateOnly))
	}
	off := make(map[string]bool, len(holidays)) // lookups only, never iterated
	for _, h := range holidays {
		off[h] = true
	}
	c := &calendar{
		first:    first,
		midnight: make([]int64, n),
		date:     make([]string, n),
		work:     make([]bool, n),
		nextWork: make([]int32, n+1),
		wdDay:    make([]int32, 0, n*5/7+1),
		wdStart:  make([]int64, 0, n*5/7+1),
	}
	for d := range n {
		day := first.AddDate(0, 0, d)
		y, m, dd := day.Date()
		c.midnight[d] = day.Unix() - berlinOffset(y, m, dd)
		c.date[d] = day.Format(time.DateOnly)
		wd := day.Weekday()
		c.work[d] = wd != time.Saturday && wd != time.Sunday && !off[c.date[d]]
		if c.work[d] {
			c.wdDay = append(c.wdDay, int32(d))
			c.wdStart = append(c.wdStart, c.midnight[d]+workdayStartHour*3600)
		}
	}
	next := int32(len(c.wdDay))
	c.nextWork[n] = next
	for d := n - 1; d >= 0; d-- {
		if c.work[d] {
			next--
		}
		c.nextWork[d] = next
	}
	c.asOfDay = c.dayOf(asOf)
	if c.asOfDay < 0 || int(c.asOfDay) >= n || !c.work[c.asOfDay] {
		return nil, fmt.Errorf("calendar: as-of date %s is not a workday inside the timeline", asOf.Format(time.DateOnly))
	}
	c.asOfW = c.nextWork[c.asOfDay]*minutesPerWorkday + minutesPerWorkday - 1
	return c, nil
}

// berlinOffset is Europe/Berlin's UTC offset in seconds at noon of a date.
func berlinOffset(y int, m time.Month, d int) int64 {
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if !day.Before(lastSunday(y, time.March)) && day.Before(lastSunday(y, time.October)) {
		return 2 * 3600
	}
	return 3600
}

// lastSunday is the last Sunday of a month, as a UTC midnight.
func lastSunday(y int, m time.Month) time.Time {
	end := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	return end.AddDate(0, 0, -int(end.Weekday()))
}

// days is the number of days in the timeline.
func (c *calendar) days() int32 { return int32(len(c.date)) }

// dayOf is the index of a civil date given as a UTC midnight.
func (c *calendar) dayOf(t time.Time) int32 {
	return int32(t.Sub(c.first).Hours() / 24)
}

// mustDay is the index of a YYYY-MM-DD date; the dates passed are constants.
func (c *calendar) mustDay(s string) int32 {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(fmt.Sprintf("demo calendar: bad constant date %q", s))
	}
	return c.dayOf(t)
}

// unixAt is the instant of working minute w. The seconds are a hash of w so
// timestamps do not all fall on whole minutes; they stay below 60, so the
// order of working minutes is kept.
func (c *calendar) unixAt(w int32) int64 {
	k, m := w/minutesPerWorkday, w%minutesPerWorkday
	return c.wdStart[k] + int64(m)*60 + int64((uint32(w)*2654435761)>>26)%60
}

// at is the UTC instant of working minute w.
func (c *calendar) at(w int32) time.Time { return time.Unix(c.unixAt(w), 0).UTC() }

// dayOfW is the day of working minute w.
func (c *calendar) dayOfW(w int32) int32 { return c.wdDay[w/minutesPerWorkday] }

// wOfDay is the first working minute on or after day d.
func (c *calendar) wOfDay(d int32) int32 { return c.nextWork[d] * minutesPerWorkday }

// workdays is the number of workdays in the timeline.
func (c *calendar) workdays() int32 { return int32(len(c.wdDay)) }

// clock is the UTC instant of a local wall-clock minute (0–1439) on day d.
func (c *calendar) clock(d int32, minute int) time.Time {
	return time.Unix(c.midnight[d]+int64(minute)*60, 0).UTC()
}

// endOfAsOf is the first instant after AsOf in the reporting zone.
func (c *calendar) endOfAsOf() time.Time {
	return time.Unix(c.midnight[c.asOfDay]+24*3600, 0).UTC()
}
