package metrics

import (
	"time"

	"github.com/throughline/throughline/backend"
)

// Input is everything the metrics read, already loaded by the store: the
// portfolio's dataset (without raw items and history) and its items with
// stage-resolved histories.
type Input struct {
	Data  *backend.Dataset
	Items []backend.ItemFlow
	Loc   *time.Location
	AsOf  Day // history after the end of this day is ignored

	facts     []Fact
	blocked   map[int64][]backend.BlockedPeriod
	calendars map[int64]Calendar
	index     map[int64]int     // item ID → position in Items
	byLevel   map[Level][]*Fact // every fact of each team, program and the portfolio, built once
	bugs      []int             // positions of bugs in Items (defect escape rate)
	epics     []int             // positions of epics in Items (benefits)
}

// NewInput prepares an input as of the end of day asOf: it resolves the
// reporting time zone, drops status changes after asOf (so a past as-of date
// sees the portfolio as it was then) and derives every item's facts once.
func NewInput(ds *backend.Dataset, items []backend.ItemFlow, asOf Day) (*Input, error) {
	loc, err := time.LoadLocation(ds.Settings.TimeZone)
	if err != nil {
		return nil, backend.Errorf(backend.EInvalid, "The portfolio's reporting time zone %q is not known; set one such as Europe/Berlin.", ds.Settings.TimeZone)
	}
	cutoff := asOfEnd(asOf, loc)
	kept := make([]backend.ItemFlow, 0, len(items))
	for _, it := range items {
		if it.CreatedAt.After(cutoff) {
			continue
		}
		n := len(it.Changes)
		for n > 0 && it.Changes[n-1].At.After(cutoff) {
			n--
		}
		it.Changes = it.Changes[:n]
		kept = append(kept, it)
	}
	items = kept
	in := &Input{Data: ds, Items: items, Loc: loc, AsOf: asOf, blocked: map[int64][]backend.BlockedPeriod{}}
	for _, b := range ds.BlockedPeriods {
		in.blocked[b.ItemID] = append(in.blocked[b.ItemID], b)
	}
	in.facts = Facts(items, in.blocked, loc)
	in.index = make(map[int64]int, len(items))
	in.byLevel = map[Level][]*Fact{}
	for i := range items {
		in.index[items[i].ID] = i
		switch items[i].Type {
		case backend.TypeBug:
			in.bugs = append(in.bugs, i)
		case backend.TypeEpic:
			in.epics = append(in.epics, i)
		}
		f := &in.facts[i]
		in.byLevel[Portfolio] = append(in.byLevel[Portfolio], f)
		if it := f.Item; it.TeamID != 0 {
			in.byLevel[Level{Kind: "team", ID: it.TeamID}] = append(in.byLevel[Level{Kind: "team", ID: it.TeamID}], f)
		}
		if it := f.Item; it.ProgramID != 0 {
			in.byLevel[Level{Kind: "program", ID: it.ProgramID}] = append(in.byLevel[Level{Kind: "program", ID: it.ProgramID}], f)
		}
	}
	if err := in.applyCalendars(); err != nil {
		return nil, err
	}
	return in, nil
}

// Facts returns the derived facts of every item, in input order.
func (in *Input) Facts() []Fact { return in.facts }

// Level names a part of the portfolio: the whole of it, one program or one team.
type Level struct {
	Kind string `json:"kind"` // portfolio, program, team
	ID   int64  `json:"id"`   // 0 for the portfolio
}

// Portfolio is the whole portfolio as a level.
var Portfolio = Level{Kind: "portfolio"}

// contains reports whether an item belongs to the level: a team's items are
// those assigned to it; a program's are those of its teams and those
// assigned to the program directly (epics, features).
func (l Level) contains(it *backend.ItemFlow) bool {
	switch l.Kind {
	case "team":
		return it.TeamID == l.ID
	case "program":
		return it.ProgramID == l.ID
	}
	return true
}

// teamIn reports whether team belongs to the level.
func (l Level) teamIn(team int64, teamProgram map[int64]int64) bool {
	switch l.Kind {
	case "team":
		return team == l.ID
	case "program":
		return teamProgram[team] == l.ID
	}
	return true
}

// teamPrograms maps team IDs to program IDs.
func (in *Input) teamPrograms() map[int64]int64 {
	m := make(map[int64]int64, len(in.Data.Teams))
	for _, t := range in.Data.Teams {
		m[t.ID] = t.ProgramID
	}
	return m
}

// delivery returns the level's delivery-item facts (PRODUCT §4.0: stories,
// bugs, enablers, tasks, risk and debt items; never epics, features or
// sub-tasks).
func (in *Input) delivery(l Level) []*Fact {
	var out []*Fact
	for _, f := range in.byLevel[l] {
		if f.Item.Type.IsDelivery() {
			out = append(out, f)
		}
	}
	return out
}

// DoneDays returns the done days of a team's delivery items, the sample a
// team forecast draws from (PRODUCT §4.9).
func (in *Input) DoneDays(teamID int64) []Day {
	var out []Day
	for _, f := range in.delivery(Level{Kind: "team", ID: teamID}) {
		if f.Dates.Done {
			out = append(out, f.Dates.DoneOn)
		}
	}
	return out
}

// Calendar returns a team's working-day calendar (Monday–Friday when the
// team is unknown).
func (in *Input) Calendar(teamID int64) Calendar {
	if c, ok := in.calendars[teamID]; ok {
		return c
	}
	return NewCalendar(MondayToFriday, nil)
}

// applyCalendars builds every team's calendar and fills the facts'
// working-day cycle times.
func (in *Input) applyCalendars() error {
	in.calendars = map[int64]Calendar{}
	for _, t := range in.Data.Teams {
		c, err := CalendarFor(t, in.Data.Holidays)
		if err != nil {
			return err
		}
		in.calendars[t.ID] = c
	}
	for i := range in.facts {
		f := &in.facts[i]
		if f.Dates.Done {
			f.WorkDays = in.Calendar(f.Item.TeamID).CycleDays(f.Dates.Start, f.Dates.DoneOn)
		}
	}
	return nil
}
