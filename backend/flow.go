package backend

import "time"

// StageChange is one status change with its raw status resolved to a
// canonical stage through the workflow mapping. Stage is "" when the status
// has no mapping (a data-quality warning; metrics skip such changes).
type StageChange struct {
	At     time.Time
	Status string
	Stage  Stage
}

// ItemFlow is what the metrics need of one work item: its taxonomy and its
// status history in stages, oldest first.
type ItemFlow struct {
	ID        int64
	Key       string
	Title     string
	Status    string // current raw status
	FoundIn   string // bugs: where found ("production" counts as escaped, PRODUCT §4.11)
	Type      ItemType
	TeamID    int64
	ProgramID int64
	ParentID  int64
	ThemeID   int64
	Points    *float64
	CreatedAt time.Time
	Changes   []StageChange
}
