package backend

// Dataset is a whole portfolio's content in memory, with IDs already
// assigned so references resolve. The demo generator produces one and the
// store loads it in a single transaction.
type Dataset struct {
	Settings          Settings
	Themes            []Theme
	Programs          []Program
	Teams             []Team
	Holidays          []Holiday
	Services          []Service
	PIs               []PI
	Sprints           []Sprint
	WorkflowMappings  []WorkflowMapping
	Items             []WorkItem
	StatusChanges     []StatusChange
	BlockedPeriods    []BlockedPeriod
	ItemSprints       []ItemSprint
	ItemLinks         []ItemLink
	Dependencies      []Dependency
	Deployments       []Deployment
	Incidents         []Incident
	Objectives        []Objective
	KeyResults        []KeyResult
	KeyResultUpdates  []KeyResultUpdate
	ObjectiveEpics    []ObjectiveEpic
	PIObjectives      []PIObjective
	BusinessCases     []BusinessCase
	PlannedBenefits   []PlannedBenefit
	Benefits          []BenefitMeasurement
	Feedback          []CustomerFeedback
	Roles             []Role
	SystemsOfRecord   []SystemOfRecord
	MetricDefinitions []MetricDefinition
	MetricReviews     []MetricReview
	GovernanceEvents  []GovernanceEvent
	Decisions         []Decision
	Actions           []Action
}
