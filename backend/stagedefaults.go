package backend

import "strings"

// DefaultStage proposes the canonical stage of a raw status that has no
// mapping yet, from the tool's documented workflow: Jira's status
// categories, Azure DevOps' state categories (Agile, Scrum, Basic and CMMI
// processes) and Rally's schedule states, then common status names. The
// proposal is only a default: the user confirms or changes it, and a status
// nothing matches is reported as unmapped rather than guessed.
//
// category is Jira's "Status Category" (To Do, In Progress, Done) when the
// export has it; it decides only when the name alone does not.
func DefaultStage(sourceSystem, status, category string) (Stage, bool) {
	name := normStatus(status)
	if name == "" {
		return "", false
	}
	if s, ok := byTool[strings.ToLower(sourceSystem)][name]; ok {
		return s, true
	}
	if s, ok := byName[name]; ok {
		return s, true
	}
	for _, w := range byWord {
		for _, word := range w.words {
			if strings.Contains(" "+name+" ", " "+word+" ") {
				return w.stage, true
			}
		}
	}
	switch normStatus(category) {
	case "to do", "new":
		return StageBacklog, true
	case "in progress", "indeterminate":
		return StageActive, true
	case "done", "complete":
		return StageDone, true
	}
	return "", false
}

func normStatus(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("-", " ", "_", " ", "'", "", "’", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// byTool holds each tool's documented states where their meaning differs
// from the plain-English reading.
var byTool = map[string]map[string]Stage{
	"ado": {
		"new": StageBacklog, "proposed": StageBacklog, "approved": StageReady, "committed": StageReady, "to do": StageBacklog,
		"active": StageActive, "doing": StageActive, "in progress": StageActive,
		"resolved": StageWaiting, // Agile process: fixed, awaiting verification before Closed
		"closed":   StageDone, "done": StageDone, "removed": StageRemoved,
	},
	"rally": {
		"idea": StageBacklog, "defined": StageReady, "in progress": StageActive,
		"completed": StageWaiting, // done by the team, awaiting the product owner's acceptance
		"accepted":  StageDone, "released": StageDone,
	},
	"jira": {
		"to do": StageBacklog, "open": StageBacklog, "selected for development": StageReady,
		"in progress": StageActive, "resolved": StageDone, "closed": StageDone, "done": StageDone,
	},
}

// byName are common status names across tools and hand-made sheets.
var byName = map[string]Stage{
	"backlog": StageBacklog, "new": StageBacklog, "open": StageBacklog, "to do": StageBacklog, "todo": StageBacklog, "funnel": StageBacklog,
	"idea": StageBacklog, "draft": StageBacklog, "triage": StageBacklog, "reopened": StageActive,
	"ready": StageReady, "ready for development": StageReady, "selected for development": StageReady, "committed": StageReady,
	"approved": StageReady, "defined": StageReady, "planned": StageReady, "analysis done": StageReady,
	"in progress": StageActive, "doing": StageActive, "active": StageActive, "in development": StageActive, "development": StageActive,
	"in dev": StageActive, "coding": StageActive, "implementing": StageActive, "in analysis": StageActive, "qa": StageActive,
	"in qa": StageActive, "testing": StageActive, "in test": StageActive, "in testing": StageActive,
	"in review": StageWaiting, "review": StageWaiting, "code review": StageWaiting, "ready for review": StageWaiting,
	"ready for qa": StageWaiting, "ready for test": StageWaiting, "ready for testing": StageWaiting, "awaiting review": StageWaiting,
	"blocked": StageWaiting, "on hold": StageWaiting, "waiting": StageWaiting, "impeded": StageWaiting, "ready for release": StageWaiting,
	"ready to deploy": StageWaiting, "ready for deployment": StageWaiting, "awaiting deployment": StageWaiting, "in uat": StageActive, "uat": StageActive,
	"done": StageDone, "closed": StageDone, "resolved": StageDone, "complete": StageDone, "completed": StageDone, "accepted": StageDone,
	"released": StageDone, "deployed": StageDone, "shipped": StageDone, "finished": StageDone, "live": StageDone,
	"cancelled": StageRemoved, "canceled": StageRemoved, "wont do": StageRemoved, "wont fix": StageRemoved, "rejected": StageRemoved,
	"removed": StageRemoved, "duplicate": StageRemoved, "obsolete": StageRemoved, "abandoned": StageRemoved, "declined": StageRemoved,
}

// byWord matches statuses by a telling word, in priority order.
var byWord = []struct {
	words []string
	stage Stage
}{
	{[]string{"cancelled", "canceled", "rejected", "duplicate", "obsolete", "wont"}, StageRemoved},
	{[]string{"blocked", "waiting", "hold", "awaiting", "queue", "queued"}, StageWaiting},
	{[]string{"done", "closed", "released", "deployed", "accepted"}, StageDone},
	{[]string{"progress", "development", "doing", "testing", "implementation", "build", "building"}, StageActive},
	{[]string{"review", "approval"}, StageWaiting},
	{[]string{"backlog", "new", "idea", "funnel"}, StageBacklog},
	{[]string{"ready", "selected"}, StageReady},
}
