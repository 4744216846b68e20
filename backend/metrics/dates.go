package metrics

import (
	"time"

	"github.com/throughline/throughline/backend"
)

// ItemDates are the flow dates of one item derived from its status history
// by PRODUCT §4.2.
type ItemDates struct {
	Started bool // entered active or waiting at least once, or is done (start = done)
	Start   Day  // first entry into active or waiting
	Done    bool // ends in done
	DoneOn  Day  // the entry into done that was not followed by a move out of done
	NoStart bool // done without ever being in progress: start was taken as the done date (data quality)
	Removed bool // ends in removed (cancelled): never done, leaves WIP
	EndOn   Day  // when Removed: the day it entered removed
}

// DatesOf derives an item's flow dates. Changes whose status has no mapping
// (Stage "") are ignored.
func DatesOf(changes []backend.StageChange, loc *time.Location) ItemDates {
	var d ItemDates
	var last backend.Stage
	var runStart time.Time // when the current run of same-kind stages began
	for _, c := range changes {
		if c.Stage == "" {
			continue
		}
		if c.Stage.InProgress() && !d.Started {
			d.Started = true
			d.Start = DayOf(c.At, loc)
		}
		// A new run starts when the stage changes kind; moving between two
		// statuses that map to done keeps the original entry into done.
		if c.Stage != last {
			runStart = c.At
		}
		last = c.Stage
	}
	switch last {
	case backend.StageDone:
		d.Done = true
		d.DoneOn = DayOf(runStart, loc)
		if !d.Started {
			d.Started, d.Start, d.NoStart = true, d.DoneOn, true
		}
	case backend.StageRemoved:
		d.Removed = true
		d.EndOn = DayOf(runStart, loc)
	}
	return d
}

// InProgressOn reports whether the item counts in WIP on day day: started on
// or before it and not done before it (PRODUCT §4.5), so an item counts on
// its done day. A reopened item counts from its first start to its final
// done day without a gap (that keeps Little's law exact with the inclusive
// cycle time). A cancelled item leaves WIP on the day it was removed
// (PRODUCT §4.0) and does not count that day.
func (d ItemDates) InProgressOn(day Day) bool {
	if !d.Started || d.Start > day {
		return false
	}
	switch {
	case d.Done:
		return d.DoneOn >= day
	case d.Removed:
		return d.EndOn > day
	}
	return true
}
