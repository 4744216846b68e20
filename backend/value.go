package backend

import "time"

// Objective is an OKR objective at portfolio, program or team level.
type Objective struct {
	ID        int64
	Level     string // portfolio, program, team
	ParentID  int64
	ProgramID int64
	TeamID    int64
	ThemeID   int64
	Title     string
	Owner     string
	Period    string // e.g. 2026-Q3
	Kind      string // aspirational or committed
}

// KeyResult belongs to an objective.
type KeyResult struct {
	ID          int64
	ObjectiveID int64
	Title       string
	Unit        string
	Baseline    float64
	Target      float64
	Weight      float64
}

// KeyResultUpdate is one recorded value of a key result.
type KeyResultUpdate struct {
	KeyResultID int64
	RecordedOn  string // YYYY-MM-DD
	Value       float64
	Confidence  *float64 // 0–1
	Note        string
}

// ObjectiveEpic links an objective to an epic that serves it (traceability).
type ObjectiveEpic struct {
	ObjectiveID int64
	EpicID      int64
}

// PIObjective is a team's objective for a PI, committed or stretch.
type PIObjective struct {
	ID        int64
	TeamID    int64
	PIID      int64
	Title     string
	Committed bool // false = stretch
	PlannedBV int  // 1–10
	ActualBV  *int // 0–10, set at the PI's end
}

// BusinessCase is the baseline of an epic's expected benefit.
type BusinessCase struct {
	ID            int64
	EpicID        int64
	PlannedAmount float64
	Unit          string // EUR, hours saved, customers…
	ExpectedDate  string // YYYY-MM-DD
	Cost          float64
	Description   string
}

// PlannedBenefit is one tranche of a business case's planned benefit. Amount
// is what falls due in this tranche (not a running total): the planned
// benefit due by a date is the sum of the tranches due on or before it.
type PlannedBenefit struct {
	BusinessCaseID int64
	DueDate        string
	Amount         float64
}

// BenefitMeasurement is a realized benefit measured on a date. Amount is
// what was realized in the period ending on MeasuredOn (not a running total):
// the realized benefit to date is the sum of the measurements up to it.
type BenefitMeasurement struct {
	BusinessCaseID int64
	MeasuredOn     string
	Amount         float64
	Note           string
}

// CustomerFeedback is a CSAT or NPS score for a program or product in a period.
type CustomerFeedback struct {
	ProgramID   int64
	Product     string
	Kind        string // csat (1–5 mean) or nps (−100…100)
	PeriodStart string
	PeriodEnd   string
	Score       float64
	Responses   int
}

// Role is an entry of the Agile PMO roles register.
type Role struct {
	ID               int64
	Name             string
	Person           string
	Responsibilities string
}

// SystemOfRecord says which system is authoritative for a type of data.
type SystemOfRecord struct {
	ID         int64
	DataType   string
	System     string
	OwningTeam string
	Notes      string
}

// MetricDefinition is an entry of the metric registry.
type MetricDefinition struct {
	ID               int64
	Key              string // catalogue key, e.g. "cycle_time_p85"
	Name             string
	Level            string // portfolio, program, team
	Frequency        string // weekly, monthly, quarterly
	OwnerRoleID      int64
	Target           *float64
	Amber            *float64
	Red              *float64
	HigherIsBetter   bool
	SystemOfRecordID int64
}

// MetricReview records that someone reviewed a metric.
type MetricReview struct {
	MetricID   int64
	ReviewedAt time.Time
	Reviewer   string
	Comment    string
}

// GovernanceEvent is a held or planned review.
type GovernanceEvent struct {
	ID        int64
	Cadence   string // sprint_review, monthly_value_review, quarterly_portfolio_assessment, annual_strategic_review
	Title     string
	HeldOn    string
	Attendees string
	Notes     string
}

// Decision is a decision taken at a governance event.
type Decision struct {
	EventID int64
	Text    string
}

// Action is a follow-up action with an owner and a due date.
type Action struct {
	ID          int64
	EventID     int64
	Title       string
	OwnerRoleID int64
	Owner       string
	DueDate     string
	Status      string // open, done, cancelled
	ClosedOn    string
}
