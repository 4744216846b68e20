package backend

import "time"

// Settings are a portfolio's settings (PRODUCT §3, Portfolio).
type Settings struct {
	Name            string `json:"name"`
	TimeZone        string `json:"timeZone"`        // IANA name, the reporting time zone
	FiscalYearStart int    `json:"fiscalYearStart"` // month 1–12
	Framework       string `json:"framework"`       // safe, less, nexus, scrum, kanban
	Demo            bool   `json:"demo"`            // filled by the demo generator
	DemoSeed        int64  `json:"demoSeed"`        // the generator's seed when Demo
	DemoScale       string `json:"demoScale"`       // "demo" or "large" when Demo
	AsOf            string `json:"asOf,omitempty"`  // demo data's "today", YYYY-MM-DD; empty for real data
}

// DefaultSettings returns the settings of a new, empty portfolio.
func DefaultSettings(name string) Settings {
	return Settings{Name: name, TimeZone: "UTC", FiscalYearStart: 1, Framework: "safe"}
}

// Theme is a strategic (value) theme with its target share of investment.
type Theme struct {
	ID          int64
	Name        string
	TargetShare float64 // 0–1
	Description string
}

// Program is a value stream, Agile Release Train or product group.
type Program struct {
	ID          int64
	Name        string
	Description string
	WIPLimit    int // 0 when none
}

// Team belongs to one program.
type Team struct {
	ID               int64
	ProgramID        int64
	Name             string
	Framework        string // "scrum" or "kanban"
	SprintLengthDays int
	WIPLimit         int
	WorkdayMask      int    // bit 0 = Monday … bit 6 = Sunday; 31 = Monday–Friday
	Tool             string // jira, ado, rally, sheet
	SourceKey        string // Jira project key, Azure DevOps area path or Rally project
	Lead             string
}

// Holiday is a non-working date for one team, or for every team when TeamID is 0.
type Holiday struct {
	TeamID int64
	Date   string // YYYY-MM-DD
	Name   string
}

// Service is something a team deploys; deployments and incidents name services.
type Service struct {
	ID     int64
	Name   string
	TeamID int64
}

// PI is a program increment or release. ProgramID 0 means portfolio-wide.
type PI struct {
	ID        int64
	Name      string
	ProgramID int64
	StartDate string // YYYY-MM-DD, inclusive
	EndDate   string // YYYY-MM-DD, inclusive
}

// Sprint is one team's iteration.
type Sprint struct {
	ID        int64
	TeamID    int64
	PIID      int64
	Name      string
	StartDate string
	EndDate   string
	Goal      string
	GoalMet   *bool
}

// Dependency is a need of one item/team on another (PRODUCT §3).
type Dependency struct {
	ID          int64
	ExternalKey string
	FromItemID  int64
	FromTeamID  int64
	ToItemID    int64
	ToTeamID    int64
	Description string
	NeededBy    string // YYYY-MM-DD
	State       string // requested, committed, resolved, blocked
	Risk        string // low, medium, high
	CreatedAt   time.Time
	ResolvedAt  *time.Time
}

// Deployment is one deployment of a service (PRODUCT §3).
type Deployment struct {
	ID              int64
	ExternalKey     string
	ServiceID       int64
	TeamID          int64
	Environment     string // production, staging…
	DeployedAt      time.Time
	ChangeStartedAt *time.Time // first commit or change start, for lead time for changes
	Outcome         string     // success, failed, rolled_back
	RecoveredAt     *time.Time // when a failed deployment was recovered
	ChangeRequest   string
}

// Incident is a production incident, possibly caused by a deployment.
type Incident struct {
	ID                   int64
	ExternalKey          string
	ServiceID            int64
	TeamID               int64
	Severity             string
	OpenedAt             time.Time
	ResolvedAt           *time.Time
	CausedByDeploymentID int64
	Title                string
}
