package demo

import (
	"fmt"

	"github.com/throughline/throughline/backend"
)

// The source systems the demo teams work in. Each has its own raw statuses,
// raw item types and key format, like the real tools.
const (
	toolJira = iota
	toolADO
	toolRally
	numTools
)

// toolNames are the SourceSystem values of the tools.
var toolNames = [numTools]string{"jira", "ado", "rally"}

// code is a role a raw status plays in a workflow. Histories are planned in
// codes; each team's workflow names them. A tool without a role leaves it
// empty and the history planner skips that step.
type code uint8

const (
	cBacklog     code = iota // created, not committed
	cRefined                 // refined / approved
	cCommitted               // taken into a sprint or selected for development
	cActive                  // in progress
	cReview                  // queue: in review, resolved, completed (awaiting acceptance)
	cQA                      // testing
	cBlocked                 // blocked as a status
	cReleaseWait             // a team's custom queue before release
	cDone                    // done
	cReleased                // a second done status after done
	cRemoved                 // cancelled, won't do
	cPfFunnel                // portfolio items (epics, features): funnel
	cPfActive                // portfolio items: implementing
	cPfDone                  // portfolio items: done
	cPfRemoved               // portfolio items: cancelled
	numCodes
)

// codeStage is the canonical stage of each code; the workflow mappings are
// generated from it, so histories and mappings cannot disagree.
var codeStage = [numCodes]backend.Stage{
	cBacklog: backend.StageBacklog, cRefined: backend.StageReady, cCommitted: backend.StageReady,
	cActive: backend.StageActive, cReview: backend.StageWaiting, cQA: backend.StageActive,
	cBlocked: backend.StageWaiting, cReleaseWait: backend.StageWaiting, cDone: backend.StageDone,
	cReleased: backend.StageDone, cRemoved: backend.StageRemoved, cPfFunnel: backend.StageBacklog,
	cPfActive: backend.StageActive, cPfDone: backend.StageDone, cPfRemoved: backend.StageRemoved,
}

// workflow names the raw status of each code; "" when the tool has none.
type workflow [numCodes]string

// toolWorkflows are the default workflows: Jira's software project with a
// review column, Azure DevOps' Agile/Scrum blend (blocking is a field there,
// not a state, so ADO teams flag blocked periods instead) and Rally's
// schedule states with portfolio item states for epics and features.
var toolWorkflows = [numTools]workflow{
	toolJira: {
		cBacklog: "Backlog", cCommitted: "Selected for Development", cActive: "In Progress",
		cReview: "In Review", cQA: "QA", cBlocked: "Blocked", cDone: "Done", cRemoved: "Won't Do",
		cPfFunnel: "Backlog", cPfActive: "In Progress", cPfDone: "Done", cPfRemoved: "Won't Do",
	},
	toolADO: {
		cBacklog: "New", cRefined: "Approved", cCommitted: "Committed", cActive: "Active",
		cReview: "Resolved", cDone: "Closed", cRemoved: "Removed",
		cPfFunnel: "New", cPfActive: "Active", cPfDone: "Closed", cPfRemoved: "Removed",
	},
	toolRally: {
		cBacklog: "Idea", cRefined: "Defined", cActive: "In-Progress", cReview: "Completed",
		cBlocked: "Blocked", cDone: "Accepted", cReleased: "Released", cRemoved: "Cancelled",
		cPfFunnel: "Discovering", cPfActive: "Developing", cPfDone: "Done", cPfRemoved: "Cancelled",
	},
}

// teamOverrides are custom statuses of single teams, mapped per team.
var teamOverrides = []struct {
	team string
	c    code
	name string
}{
	{"Søk & Finn", cReleaseWait, "Ready for Release"},
	{"Zahlungsflüsse", cBlocked, "On Hold"},
	{"Warehouse Wolves", cReleaseWait, "Awaiting Deployment"},
}

// kind is a work item type in the generator; kindType gives its canonical type.
type kind uint8

const (
	kEpic kind = iota
	kFeature
	kStory
	kBug
	kEnabler
	kTask
	kRisk
	kDebt
	kSubtask
	numKinds
)

var kindType = [numKinds]backend.ItemType{
	backend.TypeEpic, backend.TypeFeature, backend.TypeStory, backend.TypeBug, backend.TypeEnabler,
	backend.TypeTask, backend.TypeRisk, backend.TypeDebt, backend.TypeSubtask,
}

// rawTypes are the tools' own type names. Rally has no enabler or debt
// artifact: such work is a HierarchicalRequirement tagged "enabler" or
// "tech-debt" (see labels), and it has no stand-alone task, so Rally teams get
// none. Only Jira teams get sub-tasks.
var rawTypes = [numTools][numKinds]string{
	toolJira:  {"Epic", "Feature", "Story", "Bug", "Enabler", "Task", "Risk", "Tech Debt", "Sub-task"},
	toolADO:   {"Epic", "Feature", "User Story", "Bug", "Enabler", "Task", "Risk", "Tech Debt", ""},
	toolRally: {"PortfolioItem/Epic", "PortfolioItem/Feature", "HierarchicalRequirement", "Defect", "HierarchicalRequirement", "", "Risk", "HierarchicalRequirement", ""},
}

// rallyPrefix is the FormattedID prefix of each kind in Rally; each prefix
// counts on its own across the workspace.
var rallyPrefix = [numKinds]string{"E", "F", "US", "DE", "US", "TA", "R", "US", "TA"}

// rallyPrefixIndex folds rallyPrefix onto counters.
var rallyPrefixIndex = [numKinds]int{0, 1, 2, 3, 2, 4, 5, 2, 4}

// readyCodes are the statuses an item passes on its way to being ready, in
// order, for a tool.
func readyCodes(tool int) []code {
	switch tool {
	case toolADO:
		return []code{cRefined, cCommitted}
	case toolRally:
		return []code{cRefined}
	}
	return []code{cCommitted}
}

// workflowMappings returns the mappings per source system (TeamID 0) for
// every tool, then the team overrides; IDs count from 1. It fails when two
// codes give one raw status different stages, which would be a bug here.
func workflowMappings(teams []teamInfo) ([]backend.WorkflowMapping, error) {
	var out []backend.WorkflowMapping
	for tool := range numTools {
		first := len(out)
		for c := range numCodes {
			name := toolWorkflows[tool][c]
			if name == "" {
				continue
			}
			dup := false
			for _, m := range out[first:] {
				if m.RawStatus == name {
					if m.Stage != codeStage[c] {
						return nil, fmt.Errorf("workflow %s: status %q maps to %s and %s", toolNames[tool], name, m.Stage, codeStage[c])
					}
					dup = true
				}
			}
			if !dup {
				out = append(out, backend.WorkflowMapping{SourceSystem: toolNames[tool], RawStatus: name, Stage: codeStage[c]})
			}
		}
	}
	for i := range teams {
		t := &teams[i]
		for c := range numCodes {
			if name := t.names[c]; name != "" && name != toolWorkflows[t.tool][c] {
				out = append(out, backend.WorkflowMapping{TeamID: t.id, SourceSystem: toolNames[t.tool], RawStatus: name, Stage: codeStage[c]})
			}
		}
	}
	for i := range out {
		out[i].ID = int64(i + 1)
	}
	return out, nil
}
