package imports

import "strings"

// Format names a table layout Detect recognises.
type Format string

// Formats. Items come as jira, ado, rally, stages or template; the others
// are Throughline's template sheets, which also accept the column names
// common service-desk and CD tools use.
const (
	FormatUnknown      Format = ""
	FormatJira         Format = "jira"         // Jira CSV: Cloud "all fields"/"current fields", Data Center "Excel CSV"
	FormatJiraHistory  Format = "jira_history" // changelog: Issue key, Field, From, To, Changed — or Issue key, Status, Date
	FormatADO          Format = "ado"          // Azure DevOps query export (flat or tree: Title 1, Title 2…)
	FormatRally        Format = "rally"        // Rally export: Formatted ID (US…, DE…, F…), Schedule State (or a portfolio item's State)
	FormatStages       Format = "stages"       // one date column per workflow stage (jira-agile-metrics, ActionableAgile)
	FormatTemplate     Format = "template"     // Throughline's items template
	FormatDeployments  Format = "deployments"  // a CD log, one row per deployment
	FormatCommits      Format = "commits"      // commits per deployment, for lead time for changes
	FormatIncidents    Format = "incidents"    // a service-desk export
	FormatPIObjectives Format = "pi_objectives"
	FormatOKRUpdates   Format = "okr_updates"
	FormatBenefits     Format = "benefits"
	FormatFeedback     Format = "feedback" // CSAT / NPS
	FormatDependencies Format = "dependencies"
	FormatEpics        Format = "epics" // the portfolio epics list
	FormatTeams        Format = "teams" // the team register
	FormatSprints      Format = "sprints"
)

// Kind returns what a table of this format holds: "items" for jira, ado,
// rally, stages and template; "history" for jira_history; the format's own
// name otherwise; "" when unknown.
func (f Format) Kind() string {
	switch f {
	case FormatJira, FormatADO, FormatRally, FormatStages, FormatTemplate:
		return "items"
	case FormatJiraHistory:
		return "history"
	}
	return string(f)
}

// Role is what a column means, whatever its header says: "key", "created",
// "sprint"… Detection.Roles maps roles to column indexes.
type Role string

// Roles used by the formats. A format uses the subset its spec lists.
const (
	RoleKey, RoleIssueID, RoleType, RoleTitle, RoleStatus                      Role = "key", "issue_id", "type", "title", "status"
	RoleStatusCategory, RoleCreated, RoleUpdated, RoleResolved, RoleResolution Role = "status_category", "created", "updated", "resolved", "resolution"
	RolePoints, RoleParent, RoleParentID, RoleEpicLink, RoleEpicName           Role = "points", "parent", "parent_id", "epic_link", "epic_name"
	RoleSprint, RoleLabels, RoleComponents, RoleFixVersions, RoleWatchers      Role = "sprint", "labels", "components", "fix_versions", "watchers"
	RolePriority, RoleTeam, RoleProgram, RoleProject, RoleProjectKey           Role = "priority", "team", "program", "project", "project_key"
	RoleAssignee, RoleFlagged, RoleDue, RoleLinkInward, RoleLinkOutward        Role = "assignee", "flagged", "due", "link_inward", "link_outward"
	RoleAreaPath, RoleIterationPath, RoleActivated, RoleClosed, RoleChanged    Role = "area_path", "iteration_path", "activated", "closed", "changed"
	RoleStateChanged, RoleTags, RoleBoardColumn, RoleReason, RoleState         Role = "state_changed", "tags", "board_column", "reason", "state"
	RoleScheduleState, RoleIteration, RoleRelease, RoleInProgress              Role = "schedule_state", "iteration", "release", "in_progress"
	RoleAccepted, RoleBlocked, RoleBlockedReason, RoleReady, RoleOwner         Role = "accepted", "blocked", "blocked_reason", "ready", "owner"
	RoleField, RoleFrom, RoleTo, RoleChangedAt, RoleAuthor, RoleLink           Role = "field", "from", "to", "changed_at", "author", "link"
	RoleStage, RoleStarted, RoleDone, RolePI, RoleTheme                        Role = "stage", "started", "done", "pi", "theme"
	RoleService, RoleEnvironment, RoleDeployedAt, RoleChangeStartedAt          Role = "service", "environment", "deployed_at", "change_started_at"
	RoleOutcome, RoleRecoveredAt, RoleChangeRequest, RoleVersion               Role = "outcome", "recovered_at", "change_request", "version"
	RoleDeployment, RoleCommit, RoleCommittedAt, RoleRepository                Role = "deployment", "commit", "committed_at", "repository"
	RoleSeverity, RoleOpened, RoleCausedBy, RoleCommitted                      Role = "severity", "opened", "caused_by", "committed"
	RolePlannedBV, RoleActualBV, RoleObjective, RoleKeyResult, RoleDate        Role = "planned_bv", "actual_bv", "objective", "key_result", "date"
	RoleValue, RoleConfidence, RoleNote, RoleBaseline, RoleTarget, RoleUnit    Role = "value", "confidence", "note", "baseline", "target", "unit"
	RolePeriod, RoleEpic, RoleRealized, RolePlanned, RoleProduct, RoleKind     Role = "period", "epic", "realized", "planned", "product", "kind"
	RolePeriodStart, RolePeriodEnd, RoleScore, RoleResponses                   Role = "period_start", "period_end", "score", "responses"
	RoleFromTeam, RoleToTeam, RoleFromItem, RoleToItem, RoleDescription        Role = "from_team", "to_team", "from_item", "to_item", "description"
	RoleNeededBy, RoleRisk, RoleTool, RoleSourceKey, RoleServices, RoleLead    Role = "needed_by", "risk", "tool", "source_key", "services", "lead"
	RoleFramework, RoleSprintLength, RoleWIPLimit, RoleStart, RoleEnd          Role = "framework", "sprint_length", "wip_limit", "start", "end"
	RoleGoal, RoleGoalMet, RoleEstimate, RoleAffectsVersions                   Role = "goal", "goal_met", "estimate", "affects_versions"
)

// specSource lists each format's roles as "role[*][+]: Name | Name | Prefix…"
// — * required, + every matching column kept (repeated Jira columns), a name
// ending in "…" a prefix. The first name of a template format's role is
// the header Throughline's templates write. Signatures are names that point
// to the format above the others.
var specSource = []struct {
	format    Format
	variant   string
	signature string
	anyOf     string // roles of which at least one is required
	roles     []string
}{
	{FormatJira, "", "Issue key | Issue Type | Issue id | Project key | Status Category | Custom field (…", "", []string{
		"key*: Issue key | Key", "issue_id: Issue id", "type*: Issue Type | Issuetype", "title*: Summary", "status*: Status",
		"status_category: Status Category", "created*: Created", "updated: Updated", "resolved: Resolved", "resolution: Resolution",
		"points: Custom field (Story Points) | Custom field (Story point estimate) | Story Points | Story point estimate",
		"sprint+: Sprint", "parent: Parent | Parent key", "parent_id: Parent id", "epic_link: Custom field (Epic Link) | Epic Link",
		"epic_name: Custom field (Epic Name) | Epic Name", "labels+: Labels", "components+: Component/s | Components",
		"fix_versions+: Fix Version/s | Fix versions", "affects_versions+: Affects Version/s | Affects versions", "watchers+: Watchers",
		"priority: Priority", "team: Custom field (Team) | Team", "project_key: Project key", "project: Project name",
		"assignee: Assignee", "flagged: Custom field (Flagged) | Flagged", "started: Custom field (Start date) | Start date",
		"due: Due Date", "link_inward+: Inward issue link…", "link_outward+: Outward issue link…", "description: Description",
	}},
	{FormatJiraHistory, "field-changes", "Field | From String | To String | Changed", "", []string{
		"key*: Issue key | Key | Issue | ID", "field*: Field | Field name", "from: From | From String | fromString | Old value",
		"to*: To | To String | toString | New value", "changed_at*: Changed | Changed at | Date | Created | Timestamp | Change date | Date changed",
		"author: Author | Changed by | User",
	}},
	{FormatJiraHistory, "status-dates", "From Status | To Status | Entered | Transition date", "", []string{
		"key*: Issue key | Key | Issue | ID", "status*: Status | To Status | New status", "from: From Status | Previous status",
		"changed_at*: Date | Changed | Changed at | Entered | Entered at | Timestamp | Transition date | Status date", "author: Author | Changed by",
	}},
	{FormatADO, "", "Work Item Type | Area Path | Iteration Path | State Change Date | Activated Date", "", []string{
		"key*: ID | Work Item ID", "type*: Work Item Type", "title*+: Title | Title 1 | Title 2 | Title 3 | Title 4 | Title 5 | Title 6", "state*: State",
		"reason: Reason", "area_path: Area Path", "iteration_path: Iteration Path", "created: Created Date", "activated: Activated Date",
		"resolved: Resolved Date", "closed: Closed Date", "changed: Changed Date", "state_changed: State Change Date",
		"points: Story Points | Effort | Size", "parent: Parent", "tags: Tags", "assignee: Assigned To", "board_column: Board Column",
		"priority: Priority", "project: Team Project",
	}},
	{FormatRally, "", "Formatted ID | Schedule State | Plan Estimate | Accepted Date | In-Progress Date | Actual Start Date | Percent Done By Story Count | Preliminary Estimate", "schedule_state state", []string{
		"key*: Formatted ID | FormattedID", "title*: Name", "schedule_state: Schedule State | ScheduleState", "state: State",
		"started: Actual Start Date | ActualStartDate", "done: Actual End Date | ActualEndDate",
		"project: Project", "iteration: Iteration", "release: Release", "points: Plan Estimate | PlanEstimate",
		"in_progress: In-Progress Date | InProgressDate", "accepted: Accepted Date | AcceptedDate",
		"created: Creation Date | CreationDate | Created Date", "updated: Last Update Date | LastUpdateDate", "blocked: Blocked",
		"blocked_reason: Blocked Reason", "ready: Ready", "owner: Owner", "parent: Parent | Feature | Portfolio Item | PortfolioItem", "tags: Tags",
		"type: Type | Work Product Type",
	}},
	{FormatStages, "", "", "", []string{
		"key*: ID | Key | Issue key | Formatted ID", "link: Link | URL", "title: Name | Title | Summary", "type: Type | Issue Type",
		"status: Status", "resolution: Resolution", "blocked: Blocked Days | Blocked",
	}},
	{FormatTemplate, "", "Type | Started | Done | PI | Program | Theme | Points", "", []string{
		"key*: Key", "type*: Type", "title*: Title", "team*: Team", "program: Program", "status*: Status", "created*: Created",
		"started: Started", "done: Done", "points: Points", "parent: Parent", "pi: PI", "sprint: Sprint", "theme: Theme", "labels: Labels",
	}},
	{FormatDeployments, "", "Environment | Deployed At | Change Request | Recovered At | Deployment ID", "", []string{
		"key: Deployment ID | Deployment | Deploy ID | Run ID | ID", "service*: Service | Application | App | Service Name",
		"environment*: Environment | Env | Target Environment",
		"deployed_at*: Deployed At | Deployed | Deployment Time | Finished At | Finished | Completed At | End Time | Deploy Date | Date",
		"change_started_at: Change Started At | First Commit At | First Commit | Started At | Start Time",
		"outcome: Outcome | Result | Status | Deployment Status", "recovered_at: Recovered At | Restored At | Fixed At",
		"change_request: Change Request | Change | CR | Change Number | Change ID | RFC", "team: Team", "version: Version | Release | Build",
	}},
	{FormatCommits, "", "Commit | Committed At | SHA | Commit SHA", "", []string{
		"deployment*: Deployment ID | Deployment", "commit*: Commit | Commit SHA | SHA | Commit ID | Hash",
		"committed_at*: Committed At | Commit Time | Commit Date | Authored At | Date", "author: Author", "repository: Repository | Repo",
	}},
	{FormatIncidents, "", "Incident ID | Configuration Item | Caused By Change | Severity | Opened At | Short Description | Assignment Group", "", []string{
		"key*: Incident ID | Incident | Number | Incident Number | ID | Key",
		"service: Service | Configuration Item | Affected Service | Business Service | CI", "severity: Severity | Priority | Impact | Sev",
		"opened*: Opened At | Opened | Created | Created At | Start Time | Detected At | Reported At",
		"resolved: Resolved At | Resolved | Restored At | Closed At | Closed | End Time",
		"caused_by: Caused By Change | Caused By | Caused By Deployment | Related Change | Change Request",
		"title: Title | Short Description | Summary | Description", "team: Team | Assignment Group", "state: State | Status",
	}},
	{FormatPIObjectives, "", "Planned BV | Actual BV | Planned Business Value | PI Objective", "", []string{
		"team*: Team", "pi*: PI | Program Increment | Increment | PI Name", "title*: Objective | PI Objective | Title",
		"committed: Committed | Commitment | Committed/Stretch | Stretch | Type",
		"planned_bv*: Planned BV | Planned Business Value | BV Planned | Business Value | Planned Value",
		"actual_bv: Actual BV | Actual Business Value | BV Actual | Delivered BV | Actual Value",
	}},
	{FormatOKRUpdates, "", "Key Result | Confidence | Baseline | Check-in Date", "", []string{
		"objective: Objective", "key_result*: Key Result | KR | Key Result Title",
		"date*: Date | Recorded On | As Of | Week | Update Date | Check-in Date", "value*: Value | Current | Current Value | Actual | Progress",
		"confidence: Confidence", "note: Note | Notes | Comment", "baseline: Baseline | Start Value", "target: Target | Target Value",
		"unit: Unit", "owner: Owner", "period: Period | Quarter",
	}},
	{FormatBenefits, "", "Realized | Realised | Planned Benefit | Measured On", "", []string{
		"epic*: Epic | Epic ID | Epic Key | Business Case", "date*: Measured On | Date | Period End | As Of | Measurement Date",
		"realized*: Realized | Realised | Realized Amount | Realised Amount | Actual Benefit | Benefit Realized | Amount",
		"planned: Planned | Planned Amount | Planned Benefit", "unit: Unit | Currency", "note: Note | Notes | Comment",
	}},
	{FormatFeedback, "", "CSAT | NPS | Responses | Respondents", "program product", []string{
		"program: Program | Value Stream", "product: Product | Service", "kind: Kind | Metric | Survey | Type",
		"period_start: Period Start | From | Start", "period_end: Period End | To | End | Date", "score*: Score | CSAT | NPS | Value",
		"responses: Responses | Respondents | Sample Size | N",
	}},
	{FormatDependencies, "", "From Team | To Team | Needed By | Dependency ID", "", []string{
		"key: Dependency ID | ID | Key", "from_team*: From Team | Requesting Team | Consumer Team | Dependent Team",
		"from_item: From Item | Requesting Item | From Key | Dependent Item", "to_team*: To Team | Providing Team | Provider Team | Depends On Team",
		"to_item: To Item | Providing Item | To Key | Depends On", "description: Description | Title | Summary",
		"needed_by: Needed By | Need By | Needed | Due Date | Due", "state: State | Status", "risk: Risk | Risk Level",
		"created: Created", "resolved: Resolved",
	}},
	{FormatEpics, "", "Epic ID | Epic Key | Epic Name | Epic Owner | Value Theme | Strategic Theme", "", []string{
		"key*: Epic ID | Epic Key | Epic | Key | ID", "title*: Name | Epic Name | Title | Summary",
		"program: Program | Value Stream | ART | Release Train", "theme: Theme | Value Theme | Strategic Theme | Investment Theme",
		"status*: Status | State", "owner: Owner | Epic Owner", "start: Start | Start Date | Started", "target: Target | Target Date | Due Date | End Date",
		"done: Done | Done Date | Completed", "estimate: Estimate | Points | Size",
	}},
	{FormatTeams, "", "Team Lead | Tool | Source Key | Jira Project Key | Services | Sprint Length | WIP Limit", "", []string{
		"program*: Program | Value Stream | ART | Release Train", "team*: Team | Team Name", "tool: Tool | Source System | System",
		"source_key: Source Key | Jira Project Key | Jira Project | Project Key | Area Path | Rally Project", "services: Services | Service",
		"lead: Lead | Team Lead | Scrum Master", "framework: Framework | Method", "sprint_length: Sprint Length | Sprint Length Days | Iteration Length",
		"wip_limit: WIP Limit",
	}},
	{FormatSprints, "", "Sprint Goal | Goal Met | Sprint Start | Sprint End", "", []string{
		"team*: Team", "sprint*: Sprint | Sprint Name | Iteration", "start*: Start | Start Date | Sprint Start",
		"end*: End | End Date | Sprint End", "pi: PI", "goal: Goal | Sprint Goal", "goal_met: Goal Met",
	}},
}

// stageNames are workflow stage and status names, as stage-date layouts use
// them for column headers.
var stageNames = splitNames("Backlog | To Do | Todo | Open | Funnel | Ready | Ready for Development | Ready for Dev | Selected for Development | " +
	"Committed | Analysis | In Analysis | Design | Refinement | Refined | In Progress | Doing | Development | In Development | Dev | Build | " +
	"Implementation | Code Review | In Review | Review | Peer Review | Ready for Test | Ready for QA | Test | Testing | In Test | QA | In QA | UAT | " +
	"Acceptance | Ready for Release | Ready to Deploy | Deploy | Deployed | Released | Done | Closed | Resolved | Accepted | Completed | " +
	"Complete | Verified | Live | In Production | Shipped")

type roleSpec struct {
	role     Role
	display  string   // the first name, for messages and templates
	names    []string // normalised, in priority order
	prefixes []string // normalised prefixes
	required bool
	multi    bool
}

type formatSpec struct {
	format     Format
	variant    string
	signatures []string // normalised; a trailing space marks a prefix
	anyOf      []Role
	roles      []roleSpec
}

var (
	specs      = buildSpecs()
	knownNames = func() map[string]bool {
		m := map[string]bool{}
		for _, s := range specs {
			for _, r := range s.roles {
				for _, n := range r.names {
					m[n] = true
				}
			}
		}
		return m
	}()
	stageSet = func() map[string]bool {
		m := map[string]bool{}
		for _, n := range stageNames {
			m[NormalizeHeader(n)] = true
		}
		return m
	}()
)

func splitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, "|") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

func buildSpecs() []formatSpec {
	out := make([]formatSpec, 0, len(specSource))
	for _, src := range specSource {
		s := formatSpec{format: src.format, variant: src.variant}
		for _, n := range splitNames(src.signature) {
			if p, ok := strings.CutSuffix(n, "…"); ok {
				s.signatures = append(s.signatures, NormalizeHeader(p)+" ")
			} else {
				s.signatures = append(s.signatures, NormalizeHeader(n))
			}
		}
		for _, r := range strings.Fields(src.anyOf) {
			s.anyOf = append(s.anyOf, Role(r))
		}
		for _, line := range src.roles {
			head, names, _ := strings.Cut(line, ":")
			rs := roleSpec{}
			rs.required = strings.Contains(head, "*")
			rs.multi = strings.Contains(head, "+")
			rs.role = Role(strings.Trim(head, "*+ "))
			for i, n := range splitNames(names) {
				if i == 0 {
					rs.display = strings.TrimSuffix(n, "…")
				}
				if p, ok := strings.CutSuffix(n, "…"); ok {
					rs.prefixes = append(rs.prefixes, NormalizeHeader(p))
				} else {
					rs.names = append(rs.names, NormalizeHeader(n))
				}
			}
			s.roles = append(s.roles, rs)
		}
		out = append(out, s)
	}
	return out
}

// KnownMultiValue reports whether Jira repeats a column of this name once
// per value (Sprint, Labels, Fix Version/s, Component/s, Watchers,
// Attachment, Comment, issue links, multi-value custom fields), under Data
// Center's names and Jira Cloud's ("Fix versions", "Components", "Affects
// versions", and "Watchers Id" beside "Watchers"). Repeats of these are
// expected; repeats of other names get a warning.
func KnownMultiValue(name string) bool {
	k := NormalizeHeader(name)
	switch k {
	case "sprint", "labels", "fix version s", "affects version s", "component s", "watchers", "attachment", "comment", "log work",
		"fix versions", "affects versions", "components", "watchers id":
		return true
	}
	for _, p := range []string{"custom field ", "inward issue link ", "outward issue link "} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// KnownHeaderScore is the default header scorer: the share of names (of a
// candidate header row) that are column names of a recognised format.
// Workflow stage names do not count: data rows are full of them.
func KnownHeaderScore(names []string) float64 {
	if len(names) == 0 {
		return 0
	}
	known := 0
	for _, n := range names {
		k := NormalizeHeader(n)
		if knownNames[k] || strings.HasPrefix(k, "custom field ") {
			known++
		}
	}
	return float64(known) / float64(len(names))
}

// TemplateColumns returns the headers Throughline's import template writes
// for a template format (template, deployments, incidents…), in order; nil
// for the external formats (jira, ado, rally, stages, jira_history).
func TemplateColumns(f Format) []string {
	switch f {
	case FormatJira, FormatJiraHistory, FormatADO, FormatRally, FormatStages, FormatUnknown:
		return nil
	}
	for _, s := range specs {
		if s.format != f {
			continue
		}
		out := make([]string, len(s.roles))
		for i, r := range s.roles {
			out[i] = r.display
		}
		return out
	}
	return nil
}
