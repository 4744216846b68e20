package metrics_test

import (
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func day(s string) metrics.Day {
	d, err := metrics.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ch(ts string, stage backend.Stage) backend.StageChange {
	return backend.StageChange{At: at(ts), Status: string(stage), Stage: stage}
}

func TestDatesOf(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tests := []struct {
		name    string
		changes []backend.StageChange
		loc     *time.Location
		want    metrics.ItemDates
	}{
		{
			// PRODUCT §4.2: start = first entry into active or waiting.
			name: "StartIsFirstEntryPastReady",
			changes: []backend.StageChange{
				ch("2026-03-01T09:00:00Z", backend.StageBacklog),
				ch("2026-03-02T09:00:00Z", backend.StageReady),
				ch("2026-03-03T09:00:00Z", backend.StageWaiting),
				ch("2026-03-04T09:00:00Z", backend.StageActive),
			},
			loc:  time.UTC,
			want: metrics.ItemDates{Started: true, Start: day("2026-03-03")},
		},
		{
			// §4.2: a reopened item is in progress again; done is the last entry into done.
			name: "ReopenedItemTakesLastDone",
			changes: []backend.StageChange{
				ch("2026-03-02T09:00:00Z", backend.StageActive),
				ch("2026-03-05T09:00:00Z", backend.StageDone),
				ch("2026-03-09T09:00:00Z", backend.StageActive),
				ch("2026-03-12T09:00:00Z", backend.StageDone),
			},
			loc:  time.UTC,
			want: metrics.ItemDates{Started: true, Start: day("2026-03-02"), Done: true, DoneOn: day("2026-03-12")},
		},
		{
			// Two done statuses in a row ("Resolved" then "Closed") keep the first entry into done.
			name: "MovesWithinDoneKeepFirstEntry",
			changes: []backend.StageChange{
				ch("2026-03-02T09:00:00Z", backend.StageActive),
				{At: at("2026-03-05T09:00:00Z"), Status: "Resolved", Stage: backend.StageDone},
				{At: at("2026-03-08T09:00:00Z"), Status: "Closed", Stage: backend.StageDone},
			},
			loc:  time.UTC,
			want: metrics.ItemDates{Started: true, Start: day("2026-03-02"), Done: true, DoneOn: day("2026-03-05")},
		},
		{
			// §4.2: no start but a done date → start = done, flagged.
			name: "DoneWithoutStartStartsOnDoneDay",
			changes: []backend.StageChange{
				ch("2026-03-02T09:00:00Z", backend.StageReady),
				ch("2026-03-06T09:00:00Z", backend.StageDone),
			},
			loc:  time.UTC,
			want: metrics.ItemDates{Started: true, Start: day("2026-03-06"), Done: true, DoneOn: day("2026-03-06"), NoStart: true},
		},
		{
			// §4.0: cancelled items are never done.
			name: "CancelledIsNeverDone",
			changes: []backend.StageChange{
				ch("2026-03-02T09:00:00Z", backend.StageActive),
				ch("2026-03-05T09:00:00Z", backend.StageDone),
				ch("2026-03-07T09:00:00Z", backend.StageRemoved),
			},
			loc:  time.UTC,
			want: metrics.ItemDates{Started: true, Start: day("2026-03-02"), Removed: true, EndOn: day("2026-03-07")},
		},
		{
			// Unmapped statuses are skipped rather than guessed.
			name: "UnmappedStatusIgnored",
			changes: []backend.StageChange{
				ch("2026-03-02T09:00:00Z", backend.StageActive),
				ch("2026-03-04T09:00:00Z", backend.StageDone),
				{At: at("2026-03-05T09:00:00Z"), Status: "Mystery", Stage: ""},
			},
			loc:  time.UTC,
			want: metrics.ItemDates{Started: true, Start: day("2026-03-02"), Done: true, DoneOn: day("2026-03-04")},
		},
		{
			// §4.1: days are civil days in the reporting zone: 23:30 UTC on
			// 2 March is 00:30 on 3 March in Berlin.
			name: "DayBoundaryInReportingZone",
			changes: []backend.StageChange{
				ch("2026-03-02T23:30:00Z", backend.StageActive),
				ch("2026-03-03T22:59:59Z", backend.StageDone),
			},
			loc:  berlin,
			want: metrics.ItemDates{Started: true, Start: day("2026-03-03"), Done: true, DoneOn: day("2026-03-03")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := metrics.DatesOf(tt.changes, tt.loc); got != tt.want {
				t.Fatalf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestInProgressOn(t *testing.T) {
	// §4.5: WIP on day d = started on or before d and not done before d, so an
	// item counts on its done day but not after.
	d := metrics.ItemDates{Started: true, Start: day("2026-03-02"), Done: true, DoneOn: day("2026-03-05")}
	for _, tt := range []struct {
		day  string
		want bool
	}{{"2026-03-01", false}, {"2026-03-02", true}, {"2026-03-05", true}, {"2026-03-06", false}} {
		if got := d.InProgressOn(day(tt.day)); got != tt.want {
			t.Errorf("InProgressOn(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
}

func TestISOWeek(t *testing.T) {
	for _, tt := range []struct{ day, week, monday string }{
		{"2026-01-01", "2026-W01", "2025-12-29"}, // Thursday: week 1 of 2026 starts in 2025
		{"2027-01-01", "2026-W53", "2026-12-28"}, // Friday: still the last week of 2026
		{"2026-11-22", "2026-W47", "2026-11-16"}, // Sunday belongs to the week that began on Monday
	} {
		d := day(tt.day)
		if got := d.ISOWeek(); got != tt.week {
			t.Errorf("%s ISOWeek = %s, want %s", tt.day, got, tt.week)
		}
		if got := d.WeekStart().String(); got != tt.monday {
			t.Errorf("%s WeekStart = %s, want %s", tt.day, got, tt.monday)
		}
	}
}
