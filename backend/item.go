package backend

import "time"

// ItemType is the taxonomy type of a work item.
type ItemType string

// Work item types. Epics and features are portfolio and program items; the
// others are team-level delivery items (PRODUCT §4.0), except sub-tasks,
// which never count on their own.
const (
	TypeEpic    ItemType = "epic"
	TypeFeature ItemType = "feature"
	TypeStory   ItemType = "story"
	TypeBug     ItemType = "bug"
	TypeEnabler ItemType = "enabler"
	TypeTask    ItemType = "task"
	TypeRisk    ItemType = "risk"
	TypeDebt    ItemType = "debt"
	TypeSubtask ItemType = "subtask"
)

// ItemTypes lists every item type.
var ItemTypes = []ItemType{TypeEpic, TypeFeature, TypeStory, TypeBug, TypeEnabler, TypeTask, TypeRisk, TypeDebt, TypeSubtask}

// Valid reports whether t is a known item type.
func (t ItemType) Valid() bool {
	for _, x := range ItemTypes {
		if x == t {
			return true
		}
	}
	return false
}

// IsDelivery reports whether items of type t count in team-level flow
// metrics (throughput, cycle time, WIP, velocity): stories, bugs, enablers,
// tasks, and risk and debt items worked by teams (PRODUCT §4.0).
func (t ItemType) IsDelivery() bool {
	switch t {
	case TypeStory, TypeBug, TypeEnabler, TypeTask, TypeRisk, TypeDebt:
		return true
	}
	return false
}

// FlowType is the Flow Framework type of an item: feature, defect, risk or debt.
func (t ItemType) FlowType() string {
	switch t {
	case TypeBug:
		return "defect"
	case TypeRisk:
		return "risk"
	case TypeDebt, TypeEnabler:
		return "debt"
	}
	return "feature"
}

// WorkItem is one epic, feature, story, bug… as stored. IDs are the store's.
// Optional fields are pointers or zero values.
type WorkItem struct {
	ID           int64
	SourceSystem string // "jira", "ado", "rally", "template", "demo"…
	ExternalKey  string // the key in the source system, e.g. "PAY-123"
	Type         ItemType
	RawType      string
	Title        string
	ThemeID      int64 // 0 when none
	TeamID       int64 // 0 when none (epics may belong to a program only)
	ProgramID    int64
	Status       string // raw status as in the source
	PIID         int64
	ParentID     int64
	Points       *float64
	CreatedAt    time.Time
	ResolvedAt   *time.Time
	Labels       string
	Component    string
	Priority     string
	FoundIn      string // for bugs: "production", "testing"… (defect escape rate)
	BatchID      int64
	SourceFile   string
	SourceSheet  string
	SourceRow    int
}

// StatusChange is one entry of an item's status history.
type StatusChange struct {
	ID         int64
	ItemID     int64
	FromStatus string // "" for the creation entry
	ToStatus   string
	ChangedAt  time.Time
	BatchID    int64
}

// BlockedPeriod is a span during which an item was flagged as blocked
// without changing status. It counts as waiting time (PRODUCT §4.6).
type BlockedPeriod struct {
	ItemID    int64
	StartedAt time.Time
	EndedAt   *time.Time
	Reason    string
}

// ItemSprint records that an item was in a sprint, and whether it was part of
// the commitment at sprint start or added later (PRODUCT §4.10).
type ItemSprint struct {
	ItemID    int64
	SprintID  int64
	AddedAt   time.Time
	Committed bool
}

// ItemLink is a typed link between two items ("blocks", "relates to"…).
type ItemLink struct {
	FromItemID int64
	ToItemID   int64
	Kind       string
}

// WorkflowMapping maps one raw status of a team (or of a source system, when
// TeamID is 0) to a canonical stage.
type WorkflowMapping struct {
	ID           int64
	TeamID       int64
	SourceSystem string
	RawStatus    string
	Stage        Stage
}
