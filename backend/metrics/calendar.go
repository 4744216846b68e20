package metrics

import (
	"slices"

	"github.com/throughline/throughline/backend"
)

// MondayToFriday is the workday mask of a Monday–Friday week (bit 0 =
// Monday … bit 6 = Sunday, as backend.Team.WorkdayMask). It is also what an
// invalid mask (no weekday set) is read as.
const MondayToFriday = 31

// Calendar is one team's working-day calendar (PRODUCT §3: a team has a
// working-day calendar of weekends and holidays): the weekdays it works and
// the holidays that apply to it. It serves the optional working-day mode of
// cycle time (PRODUCT §4.2); every other figure, the Monte Carlo forecast
// included (§4.9), counts calendar days.
//
// A Calendar is a small immutable value, safe for concurrent use. The zero
// Calendar is Monday–Friday without holidays.
type Calendar struct {
	mask uint8 // bit 0 = Monday … bit 6 = Sunday; never 0 once built
	// before[i] is the number of working weekdays among the i weekdays that
	// follow Monday-index 0 over two weeks, so the working weekdays among r
	// consecutive days starting at Monday-index w are before[w+r] − before[w].
	before   [15]uint8
	perWeek  int   // working weekdays per week
	holidays []Day // sorted, distinct, and only those on a working weekday
}

// mondayToFriday backs the zero Calendar.
var mondayToFriday = NewCalendar(MondayToFriday, nil)

// NewCalendar builds a calendar from a workday mask (bit 0 = Monday … bit 6
// = Sunday; higher bits are ignored) and the team's holidays (in any order,
// duplicates allowed). A mask with no weekday set is invalid and is read as
// Monday–Friday (31): a team that never works would make every working-day
// figure meaningless. A holiday that falls on a weekday the team does not
// work anyway changes nothing and is dropped.
func NewCalendar(mask int, holidays []Day) Calendar {
	m := uint8(mask & 0x7f)
	if m == 0 {
		m = MondayToFriday
	}
	c := Calendar{mask: m}
	for i := 0; i < 14; i++ {
		c.before[i+1] = c.before[i] + (m>>(i%7))&1
	}
	c.perWeek = int(c.before[7])
	for _, h := range holidays {
		if m>>weekdayIndex(h)&1 == 1 {
			c.holidays = append(c.holidays, h)
		}
	}
	slices.Sort(c.holidays)
	c.holidays = slices.Compact(c.holidays)
	return c
}

// CalendarFor builds team's calendar from its WorkdayMask and the holidays
// that apply to it: those of the team and those of every team (TeamID 0).
// A holiday date that is not YYYY-MM-DD is an EInvalid error naming it.
func CalendarFor(team backend.Team, holidays []backend.Holiday) (Calendar, error) {
	var days []Day
	for _, h := range holidays {
		if h.TeamID != 0 && h.TeamID != team.ID {
			continue
		}
		d, err := ParseDay(h.Date)
		if err != nil {
			name := h.Name
			if name == "" {
				name = "holiday"
			}
			return Calendar{}, backend.Errorf(backend.EInvalid,
				"The %s dated %q is not a date; write it as YYYY-MM-DD, e.g. 2026-12-25.", name, h.Date)
		}
		days = append(days, d)
	}
	return NewCalendar(team.WorkdayMask, days), nil
}

// weekdayIndex returns d's weekday with Monday = 0 … Sunday = 6, the bit
// position in a workday mask. 1970-01-01 (Day 0) was a Thursday (index 3).
func weekdayIndex(d Day) int {
	return ((int(d)+3)%7 + 7) % 7
}

// built returns c, or the Monday–Friday calendar for the zero Calendar.
func (c Calendar) built() Calendar {
	if c.mask == 0 {
		return mondayToFriday
	}
	return c
}

// Mask returns the workday mask in use (bit 0 = Monday … bit 6 = Sunday),
// after an invalid mask has been read as Monday–Friday.
func (c Calendar) Mask() int { return int(c.built().mask) }

// IsWorkday reports whether d is a working day: a weekday the team works
// and not one of its holidays.
func (c Calendar) IsWorkday(d Day) bool {
	c = c.built()
	if c.mask>>weekdayIndex(d)&1 == 0 {
		return false
	}
	_, holiday := slices.BinarySearch(c.holidays, d)
	return !holiday
}

// WorkingDays counts the working days in [from, to], both ends included; 0
// when to is before from. It takes constant time for the weekdays (whole
// weeks are counted arithmetically) plus a binary search over the holidays,
// so it stays cheap on spans of years and for hundreds of thousands of items.
func (c Calendar) WorkingDays(from, to Day) int {
	if to < from {
		return 0
	}
	c = c.built()
	n := int(to-from) + 1
	w := weekdayIndex(from)
	count := n/7*c.perWeek + int(c.before[w+n%7]-c.before[w])
	if len(c.holidays) > 0 {
		lo, _ := slices.BinarySearch(c.holidays, from)
		hi, _ := slices.BinarySearch(c.holidays, to+1)
		count -= hi - lo // stored holidays all fall on working weekdays
	}
	return count
}

// CycleDays is the cycle time of an item started on start and done on done
// in the optional working-day mode (PRODUCT §4.2: "counts only the team's
// working days"): the working days in [start, done], both ends included, so
// an item started and finished on the same working day has cycle time 1, as
// in calendar mode.
//
// Non-working days are not counted, wherever they fall: an item started on
// a Saturday and done the following Tuesday has cycle time 2 (Monday and
// Tuesday) on a Monday–Friday calendar. But the result is at least 1: an
// item started and finished without a working day in between (say both on a
// Saturday, or Saturday to Sunday) was still worked on, and a cycle time is
// never zero (§4.2, where the same-day item has cycle time 1). When done is
// before start, which DatesOf never produces, there is no span and the
// result is 0, as for CalendarDays.
func (c Calendar) CycleDays(start, done Day) int {
	if done < start {
		return 0
	}
	return max(1, c.WorkingDays(start, done))
}

// CalendarDays is the cycle time in the default calendar-day mode (PRODUCT
// §4.2): done − start + 1, so the same day gives 1. It is the counterpart
// of Calendar.CycleDays; when done is before start the result is 0.
func CalendarDays(start, done Day) int {
	if done < start {
		return 0
	}
	return int(done-start) + 1
}
