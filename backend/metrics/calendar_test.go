package metrics_test

import (
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

// Monday 16 November 2026 starts the week used throughout.
func TestCalendarWorkingDays(t *testing.T) {
	xmas := day("2026-12-25") // a Friday
	tests := []struct {
		name     string
		mask     int
		holidays []metrics.Day
		from, to string
		want     int
	}{
		{name: "WholeWeekMondayToFriday", mask: 31, from: "2026-11-16", to: "2026-11-22", want: 5},
		{name: "SameWorkingDayIsOne", mask: 31, from: "2026-11-18", to: "2026-11-18", want: 1},
		{name: "WeekendOnlyIsZero", mask: 31, from: "2026-11-21", to: "2026-11-22", want: 0},
		{name: "ToBeforeFromIsZero", mask: 31, from: "2026-11-18", to: "2026-11-17", want: 0},
		{name: "FridayToMondaySkipsWeekend", mask: 31, from: "2026-11-20", to: "2026-11-23", want: 2},
		{name: "HolidayOnWorkdayIsSkipped", mask: 31, holidays: []metrics.Day{xmas}, from: "2026-12-21", to: "2026-12-27", want: 4},
		{name: "HolidayOnWeekendChangesNothing", mask: 31, holidays: []metrics.Day{day("2026-12-26")}, from: "2026-12-21", to: "2026-12-27", want: 5},
		{name: "DuplicateHolidaysCountOnce", mask: 31, holidays: []metrics.Day{xmas, xmas}, from: "2026-12-21", to: "2026-12-27", want: 4},
		{name: "HolidayOutsideSpanIgnored", mask: 31, holidays: []metrics.Day{xmas}, from: "2026-11-16", to: "2026-11-22", want: 5},
		{name: "MondayToThursdayAndSunday", mask: 0b1001111, from: "2026-11-16", to: "2026-11-22", want: 5},
		{name: "SevenDayTeam", mask: 127, from: "2026-11-16", to: "2026-12-15", want: 30},
		// A mask of 0 is invalid and read as Monday–Friday.
		{name: "ZeroMaskIsMondayToFriday", mask: 0, from: "2026-11-16", to: "2026-11-29", want: 10},
		// 2026 has 261 weekdays; 1 January 2026 is a Thursday.
		{name: "WholeYear", mask: 31, from: "2026-01-01", to: "2026-12-31", want: 261},
		{name: "BeforeEpoch", mask: 31, from: "1969-12-29", to: "1970-01-04", want: 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := metrics.NewCalendar(tt.mask, tt.holidays)
			if got := c.WorkingDays(day(tt.from), day(tt.to)); got != tt.want {
				t.Errorf("WorkingDays(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// TestCalendarWorkingDaysMatchesDayByDay checks the arithmetic count against
// a day-by-day count (by time.Weekday, independent of the package's own
// weekday arithmetic) for many spans, masks and holidays.
func TestCalendarWorkingDaysMatchesDayByDay(t *testing.T) {
	base := day("2025-12-01")
	holidays := []metrics.Day{day("2025-12-25"), day("2025-12-26"), day("2026-01-01"), day("2026-04-06"), day("2026-05-01"), day("2026-05-02")}
	for _, mask := range []int{31, 1, 64, 0b1010101, 0b1001111, 127} {
		c := metrics.NewCalendar(mask, holidays)
		isHoliday := map[metrics.Day]bool{}
		for _, h := range holidays {
			isHoliday[h] = true
		}
		works := func(d metrics.Day) bool {
			bit := (int(d.Time().Weekday()) + 6) % 7 // Monday = 0
			return mask>>bit&1 == 1 && !isHoliday[d]
		}
		for from := base; from < base+40; from += 3 {
			for to := from - 1; to < from+200; to += 7 {
				want := 0
				for d := from; d <= to; d++ {
					if works(d) {
						want++
					}
				}
				if got := c.WorkingDays(from, to); got != want {
					t.Fatalf("mask %07b: WorkingDays(%s, %s) = %d, want %d", mask, from, to, got, want)
				}
			}
			if got, want := c.IsWorkday(from), works(from); got != want {
				t.Fatalf("mask %07b: IsWorkday(%s) = %v, want %v", mask, from, got, want)
			}
		}
	}
}

// PRODUCT §4.2: the optional working-day mode counts only the team's
// working days, inclusive like the calendar-day mode; never 0.
func TestCalendarCycleDays(t *testing.T) {
	c := metrics.NewCalendar(31, []metrics.Day{day("2026-12-25")})
	tests := []struct {
		name        string
		start, done string
		want        int // working-day mode
		wantCal     int // calendar-day mode
	}{
		{name: "SameWorkingDayIsOne", start: "2026-11-18", done: "2026-11-18", want: 1, wantCal: 1},
		{name: "MondayToFriday", start: "2026-11-16", done: "2026-11-20", want: 5, wantCal: 5},
		{name: "FridayToMondayIsTwo", start: "2026-11-20", done: "2026-11-23", want: 2, wantCal: 4},
		{name: "SaturdayToTuesdayCountsMondayAndTuesday", start: "2026-11-21", done: "2026-11-24", want: 2, wantCal: 4},
		// Worked only on non-working days: at least 1, never 0.
		{name: "SameSaturdayIsOne", start: "2026-11-21", done: "2026-11-21", want: 1, wantCal: 1},
		{name: "SaturdayToSundayIsOne", start: "2026-11-21", done: "2026-11-22", want: 1, wantCal: 2},
		{name: "OnHolidayIsOne", start: "2026-12-25", done: "2026-12-25", want: 1, wantCal: 1},
		{name: "AcrossHoliday", start: "2026-12-24", done: "2026-12-28", want: 2, wantCal: 5},
		{name: "DoneBeforeStartIsZero", start: "2026-11-20", done: "2026-11-19", want: 0, wantCal: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.CycleDays(day(tt.start), day(tt.done)); got != tt.want {
				t.Errorf("CycleDays = %d, want %d", got, tt.want)
			}
			if got := metrics.CalendarDays(day(tt.start), day(tt.done)); got != tt.wantCal {
				t.Errorf("CalendarDays = %d, want %d", got, tt.wantCal)
			}
		})
	}
}

func TestCalendarFor(t *testing.T) {
	team := backend.Team{ID: 7, WorkdayMask: 31}
	holidays := []backend.Holiday{
		{TeamID: 0, Date: "2026-12-25", Name: "Christmas Day"}, // every team
		{TeamID: 7, Date: "2026-12-24", Name: "Team day off"},  // this team
		{TeamID: 8, Date: "2026-12-23", Name: "Other team"},    // another team: ignored
	}
	t.Run("AppliesTeamAndAllTeamHolidays", func(t *testing.T) {
		c, err := metrics.CalendarFor(team, holidays)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			date string
			want bool
		}{{"2026-12-23", true}, {"2026-12-24", false}, {"2026-12-25", false}, {"2026-12-26", false}, {"2026-12-28", true}} {
			if got := c.IsWorkday(day(tt.date)); got != tt.want {
				t.Errorf("IsWorkday(%s) = %v, want %v", tt.date, got, tt.want)
			}
		}
		if got, want := c.WorkingDays(day("2026-12-21"), day("2026-12-27")), 3; got != want {
			t.Errorf("WorkingDays = %d, want %d", got, want)
		}
	})
	t.Run("ZeroMaskIsMondayToFriday", func(t *testing.T) {
		c, err := metrics.CalendarFor(backend.Team{ID: 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Mask(); got != metrics.MondayToFriday {
			t.Errorf("Mask = %d, want %d", got, metrics.MondayToFriday)
		}
	})
	t.Run("BadHolidayDateIsInvalid", func(t *testing.T) {
		_, err := metrics.CalendarFor(team, []backend.Holiday{{TeamID: 7, Date: "25/12/2026", Name: "Christmas"}})
		if code := backend.ErrorCode(err); code != backend.EInvalid {
			t.Fatalf("code = %q (%v), want %q", code, err, backend.EInvalid)
		}
	})
	t.Run("ZeroCalendarIsMondayToFriday", func(t *testing.T) {
		var c metrics.Calendar
		if got := c.WorkingDays(day("2026-11-16"), day("2026-11-22")); got != 5 {
			t.Errorf("WorkingDays = %d, want 5", got)
		}
		if c.IsWorkday(day("2026-11-21")) {
			t.Error("Saturday is a workday")
		}
	})
}

func BenchmarkCalendarWorkingDays(b *testing.B) {
	var hs []metrics.Day
	for y := 2020; y <= 2030; y++ {
		for _, md := range [][2]int{{1, 1}, {5, 1}, {12, 25}, {12, 26}} {
			hs = append(hs, metrics.DayFromDate(y, time.Month(md[0]), md[1]))
		}
	}
	c := metrics.NewCalendar(31, hs)
	from := day("2024-01-01")
	b.ReportAllocs()
	sink := 0
	for b.Loop() {
		for i := range 1000 {
			sink += c.CycleDays(from+metrics.Day(i), from+metrics.Day(i*3))
		}
	}
	_ = sink
}
