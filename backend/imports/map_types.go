package imports

import (
	"strings"
	"unicode"

	"github.com/throughline/throughline/backend"
)

// typeTable maps one tool's raw work-item types to item types.
//
// Type rules (product behaviour). A raw type is compared ignoring case,
// surrounding and repeated spaces, '-', '_' and '/', so "Sub-task",
// "sub task" and "SUB_TASK" are one type. MapOptions.Types (the user's own
// choices) is checked first, then the tool's table below. A type no table
// knows rejects the row, naming the types that are known: a guessed type
// would put the item in the wrong metrics (sub-tasks never count, epics
// and features have their own flow metrics). RawType always keeps the
// type as written.
//
//   - Jira: Story, User Story → story; Bug, Defect → bug; Task → task;
//     Sub-task, Subtask, Technical task → subtask; Epic, Initiative → epic;
//     Feature → feature; Spike, Enabler → enabler (a spike is an
//     exploration enabler in SAFe); Improvement, New Feature → story (both
//     are issue-level work in Jira's classic schemes); Technical Debt, Tech
//     Debt, Debt → debt; Risk → risk.
//   - Azure DevOps: User Story (Agile process), Product Backlog Item
//     (Scrum), Requirement (CMMI) → story; Bug → bug; Task → task; Feature
//     → feature; Epic → epic; Impediment (Scrum) and Risk (CMMI) → risk.
//     Issue means two things: the backlog item of the Basic process (states
//     To Do, Doing, Done) → story, and an obstacle in the Agile process
//     (states Active, Closed) → risk; the row's State tells which.
//   - Rally: the Type column when it has a value (HierarchicalRequirement,
//     User Story → story; Defect → bug; Task → task; PortfolioItem/Feature
//     → feature; PortfolioItem/Initiative, PortfolioItem/Epic → epic),
//     otherwise the letters before the number of the Formatted ID: US →
//     story, DE → bug, TA → task, F → feature, I (initiative) and E (epic)
//     → epic. Test cases (TC), test sets (TS) and defect suites (DS) are
//     not work items and are rejected.
//   - Sheets (template, stage-date layouts, profiles): the template's list
//     (Story, Bug, Enabler, Task, Risk, Debt, Feature, Epic, Sub-task) and
//     the synonyms above (User Story, Defect, Spike, Tech Debt, Product
//     Backlog Item, PBI, Initiative, Improvement, New Feature, Impediment).
type typeTable struct {
	tool  string // " in Jira", for messages
	known string // the types as people write them, for messages
	m     map[string]backend.ItemType
}

func newTypeTable(tool, known string, pairs ...any) *typeTable {
	t := &typeTable{tool: tool, known: known, m: map[string]backend.ItemType{}}
	for i := 0; i < len(pairs); i += 2 {
		for _, n := range strings.Split(pairs[i].(string), "|") {
			t.m[typeKey(n)] = pairs[i+1].(backend.ItemType)
		}
	}
	return t
}

// typeKey normalises a raw type for lookup: lower case, words separated by
// one space ('-', '_', '/' and spaces are separators).
func typeKey(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == '/' || c == '\t' || c >= 0x80 ||
			c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') {
			simple = false
			break
		}
	}
	if simple {
		return s // the common case ("story") without an allocation
	}
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == '-' || r == '_' || r == '/' || unicode.IsSpace(r)
	}), " ")
}

var (
	jiraTypes = newTypeTable(" in Jira", "Story, Bug, Task, Sub-task, Epic, Feature, Spike, Enabler, Improvement, New Feature, Technical Debt, Risk, Initiative",
		"story|user story|improvement|new feature", backend.TypeStory, "bug|defect", backend.TypeBug, "task", backend.TypeTask,
		"sub task|subtask|technical task", backend.TypeSubtask, "epic|initiative", backend.TypeEpic, "feature", backend.TypeFeature,
		"spike|enabler|enabler story", backend.TypeEnabler, "technical debt|tech debt|debt", backend.TypeDebt, "risk", backend.TypeRisk)
	adoTypes = newTypeTable(" in Azure DevOps", "User Story, Product Backlog Item, Requirement, Issue, Bug, Task, Feature, Epic, Impediment, Risk",
		"user story|product backlog item|requirement", backend.TypeStory, "bug", backend.TypeBug, "task", backend.TypeTask,
		"feature", backend.TypeFeature, "epic", backend.TypeEpic, "impediment|risk", backend.TypeRisk)
	rallyTypes = newTypeTable(" in Rally", "User Story (US…), Defect (DE…), Task (TA…), Feature (F…), Initiative (I…), Epic (E…)",
		"hierarchicalrequirement|hierarchical requirement|user story|story", backend.TypeStory, "defect", backend.TypeBug, "task", backend.TypeTask,
		"portfolioitem feature|portfolio item feature|feature", backend.TypeFeature,
		"portfolioitem initiative|portfolio item initiative|initiative|portfolioitem epic|portfolio item epic|epic", backend.TypeEpic)
	sheetTypes = newTypeTable("", "Story, Bug, Enabler, Task, Risk, Debt, Feature, Epic, Sub-task",
		"story|user story|product backlog item|pbi|improvement|new feature", backend.TypeStory, "bug|defect", backend.TypeBug,
		"enabler|enabler story|spike", backend.TypeEnabler, "task", backend.TypeTask, "risk|impediment", backend.TypeRisk,
		"debt|tech debt|technical debt", backend.TypeDebt, "feature", backend.TypeFeature, "epic|initiative", backend.TypeEpic,
		"sub task|subtask", backend.TypeSubtask)
)

// rallyPrefixes are Rally's Formatted ID prefixes, with the name to keep as
// the raw type. An empty type marks an artifact that is not a work item.
var rallyPrefixes = map[string]struct {
	name string
	typ  backend.ItemType
}{
	"US": {"User Story", backend.TypeStory}, "DE": {"Defect", backend.TypeBug}, "TA": {"Task", backend.TypeTask},
	"F": {"Feature", backend.TypeFeature}, "I": {"Initiative", backend.TypeEpic}, "E": {"Epic", backend.TypeEpic},
	"TC": {"Test Case", ""}, "TS": {"Test Set", ""}, "DS": {"Defect Suite", ""},
}

// lookup maps raw through the user's choices, then the table.
func (t *typeTable) lookup(raw string, user map[string]backend.ItemType) (backend.ItemType, bool) {
	if typ, ok := userType(raw, user); ok {
		return typ, true
	}
	typ, ok := t.m[typeKey(raw)]
	return typ, ok
}

// userType looks raw up in the user's type choices (MapOptions.Types).
func userType(raw string, user map[string]backend.ItemType) (backend.ItemType, bool) {
	if len(user) == 0 {
		return "", false
	}
	k := typeKey(raw)
	for name, typ := range user {
		if typeKey(name) == k && typ.Valid() {
			return typ, true
		}
	}
	return "", false
}

// rallyPrefix returns the letters before the number of a Formatted ID:
// "US" of "US1204".
func rallyPrefix(id string) string {
	i := 0
	for i < len(id) && (id[i] >= 'A' && id[i] <= 'Z' || id[i] >= 'a' && id[i] <= 'z') {
		i++
	}
	if i == 0 || i == len(id) || id[i] < '0' || id[i] > '9' {
		return ""
	}
	return strings.ToUpper(id[:i])
}
