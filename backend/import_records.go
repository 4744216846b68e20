package backend

import "time"

// ImportRecords are the non-item rows read from one file (PRODUCT §7,
// "Sheets" and "The PMO's own registers tie the rest together"), in domain
// terms but with references still by name or key: the store resolves them
// and stores the whole file as one import batch that can be undone.
//
// Across every record type, a blank optional field of a row that updates a
// stored register entry (team, epic, business case) keeps the stored value:
// a register re-imported without a column never erases what another file
// set. Transactional rows (deployments, incidents, updates, measurements…)
// are replaced by the newest row with the same natural key.
type ImportRecords struct {
	Teams        []TeamRecord
	Epics        []EpicRecord
	Deployments  []DeploymentRecord
	Incidents    []IncidentRecord
	PIObjectives []PIObjectiveRecord
	KRUpdates    []KeyResultUpdateRecord
	Benefits     []BenefitRecord
	Feedback     []FeedbackRecord
	Dependencies []DependencyRecord
	Sprints      []SprintRecord
}

// Len is the number of records of every kind.
func (r ImportRecords) Len() int {
	return len(r.Teams) + len(r.Epics) + len(r.Deployments) + len(r.Incidents) + len(r.PIObjectives) +
		len(r.KRUpdates) + len(r.Benefits) + len(r.Feedback) + len(r.Dependencies) + len(r.Sprints)
}

// TeamRecord is one row of the PMO's team register. The team is found by
// name (ignoring case) and created when missing; the program likewise.
// Services lists what the team deploys: each is created or assigned to the
// team; services the row does not list are left as they are.
type TeamRecord struct {
	Program          string // "" keeps the team's program ("Unassigned" for a new team)
	Team             string
	Tool             string   // jira, ado, rally or sheet; "" keeps the stored tool
	SourceKey        string   // Jira project key, Azure DevOps area path or Rally project
	Services         []string // service names
	Lead             string
	Framework        string // scrum or kanban; "" keeps the stored framework
	WIPLimit         *int   // nil keeps the stored limit
	SprintLengthDays *int   // nil keeps the stored length
	File             string
	Sheet            string
	Row              int
}

// EpicRecord is one row of the portfolio epics list. It is stored as a work
// item of type epic, upserted by (source system, key); an empty SourceSystem
// means the item already stored under that key (in any source), or "sheet"
// when there is none.
type EpicRecord struct {
	SourceSystem string
	Key          string
	Title        string
	Program      string
	Theme        string // value theme; created when the portfolio does not have it yet
	Status       string // raw status, mapped like any other item's
	Owner        string
	CreatedAt    time.Time // zero: StartDate is used
	StartDate    string    // YYYY-MM-DD, optional
	Points       *float64
	File         string
	Sheet        string
	Row          int
}

// DeploymentRecord is one row of a CD log. Its natural key is Key when set,
// otherwise (Service, DeployedAt).
type DeploymentRecord struct {
	Key             string // deployment id or number
	Service         string
	Team            string // "" means the service's team
	Environment     string // "" means production
	DeployedAt      time.Time
	ChangeStartedAt *time.Time // nil: the earliest commit, when there are commits
	Outcome         string     // success, failed or rolled_back (case and spaces ignored)
	RecoveredAt     *time.Time
	ChangeRequest   string
	Commits         []DeploymentCommit
	File            string
	Sheet           string
	Row             int
}

// DeploymentCommit is one commit that went out with a deployment, for lead
// time for changes.
type DeploymentCommit struct {
	SHA         string
	CommittedAt time.Time
}

// IncidentRecord is one row of a service-desk export. Its natural key is Key.
// The causing deployment is named by its key or by its change request.
type IncidentRecord struct {
	Key                   string
	Service               string // service or configuration item
	Team                  string // "" means the service's team, else the causing deployment's
	Severity              string
	Title                 string
	OpenedAt              time.Time
	ResolvedAt            *time.Time
	CausedByDeploymentKey string
	CausedByChangeRequest string
	File                  string
	Sheet                 string
	Row                   int
}

// PIObjectiveRecord is a team's objective for a PI. Its natural key is
// (Team, PI, Title). The PI must exist unless PIStart and PIEnd are given,
// in which case a missing PI is created.
type PIObjectiveRecord struct {
	Team      string
	PI        string
	PIStart   string // YYYY-MM-DD, optional
	PIEnd     string // YYYY-MM-DD, optional
	Title     string
	Committed bool // false = stretch
	PlannedBV int  // 1–10
	ActualBV  *int // 0–10
	File      string
	Sheet     string
	Row       int
}

// KeyResultUpdateRecord is one recorded value of a key result, named by the
// titles of its objective and key result, which must exist. Its natural key
// is (key result, RecordedOn).
type KeyResultUpdateRecord struct {
	Objective  string
	KeyResult  string
	RecordedOn string // YYYY-MM-DD
	Value      float64
	Confidence *float64 // 0–1
	Note       string
	File       string
	Sheet      string
	Row        int
}

// BenefitRecord is one realized-benefit measurement of an epic's business
// case. The epic must exist; its business case must exist too unless
// PlannedAmount is given, which creates it (or updates its baseline). Its
// natural key is (business case, MeasuredOn).
type BenefitRecord struct {
	SourceSystem  string // "" means the epic stored under EpicKey in any source
	EpicKey       string
	MeasuredOn    string // YYYY-MM-DD
	Amount        float64
	Note          string
	PlannedAmount *float64 // business case baseline, optional
	Unit          string   // "" keeps the stored unit (EUR for a new case)
	ExpectedDate  string   // YYYY-MM-DD, optional
	File          string
	Sheet         string
	Row           int
}

// FeedbackRecord is a CSAT or NPS score for a program or product in a period.
// Its natural key is (Program, Product, Kind, PeriodStart).
type FeedbackRecord struct {
	Program     string
	Product     string
	Kind        string // csat (mean 1–5) or nps (−100…100)
	PeriodStart string // YYYY-MM-DD
	PeriodEnd   string // YYYY-MM-DD
	Score       float64
	Responses   int
	File        string
	Sheet       string
	Row         int
}

// DependencyRecord is one row of a dependency board. Its natural key is Key
// when set, otherwise (FromTeam, ToTeam, Description). Items are named by
// their external keys.
type DependencyRecord struct {
	Key         string
	FromTeam    string // "" means the from item's team
	FromItemKey string
	ToTeam      string // "" means the to item's team
	ToItemKey   string
	NeededBy    string // YYYY-MM-DD, optional
	State       string // requested, committed, resolved or blocked; "" means requested
	Risk        string // low, medium or high; "" means low
	Description string
	CreatedAt   time.Time
	ResolvedAt  *time.Time
	File        string
	Sheet       string
	Row         int
}

// SprintRecord is one row of a sprints sheet. Its natural key is (Team,
// Sprint), the sprint's name compared ignoring case. The team is found by
// name, else by source key (Jira project key…), and created when missing;
// a PI that the portfolio does not have is a warning and the sprint is
// stored without one. Items name their sprints (ImportItem.Sprints,
// ImportLink.Sprints) and are linked to the sprints of their team.
type SprintRecord struct {
	Team      string
	Sprint    string
	StartDate string // YYYY-MM-DD
	EndDate   string // YYYY-MM-DD, not before StartDate
	PI        string // "" keeps the stored PI
	Goal      string // "" keeps the stored goal
	GoalMet   *bool  // nil keeps the stored verdict
	File      string
	Sheet     string
	Row       int
}

// KindCounts counts what an import did to the rows of one kind.
type KindCounts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// RecordsResult says what storing ImportRecords changed. Counts is keyed by
// kind: "teams", "epics", "deployments", "incidents", "pi_objectives",
// "kr_updates", "benefits", "feedback", "dependencies", "sprints",
// "sprint_items" (items linked to sprints; created only), and for references
// created or changed on the way "programs", "services", "pis", "themes" and
// "business_cases"; kinds the import did not touch are absent. Warnings are
// things stored differently from what the row said (a caused-by change that
// matches no deployment, say), one sentence each naming file and row.
type RecordsResult struct {
	BatchID  int64                 `json:"batchId"` // 0 when nothing changed and no batch was recorded
	Counts   map[string]KindCounts `json:"counts"`
	Warnings []string              `json:"warnings"`
}

// Changed reports whether anything was created or updated.
func (r RecordsResult) Changed() bool {
	for _, c := range r.Counts {
		if c.Created+c.Updated > 0 {
			return true
		}
	}
	return false
}
