package backend_test

import (
	"testing"

	"github.com/throughline/throughline/backend"
)

func TestDefaultStage(t *testing.T) {
	tests := []struct {
		source, status, category string
		want                     backend.Stage
		ok                       bool
	}{
		{"jira", "Selected for Development", "To Do", backend.StageReady, true},
		{"jira", "In Review", "In Progress", backend.StageWaiting, true},
		{"jira", "Won't Do", "Done", backend.StageRemoved, true},
		{"jira", "Awaiting Sign-off", "In Progress", backend.StageWaiting, true},
		{"jira", "Fertig", "Done", backend.StageDone, true}, // a translated name: the category decides
		{"jira", "Zu erledigen", "To Do", backend.StageBacklog, true},
		{"ado", "Resolved", "", backend.StageWaiting, true}, // Agile process: awaiting verification
		{"ado", "Committed", "", backend.StageReady, true},
		{"ado", "Removed", "", backend.StageRemoved, true},
		{"rally", "Completed", "", backend.StageWaiting, true}, // awaiting acceptance
		{"rally", "Accepted", "", backend.StageDone, true},
		{"rally", "In-Progress", "", backend.StageActive, true},
		{"sheet", "  in_progress ", "", backend.StageActive, true},
		{"sheet", "Ready for Release", "", backend.StageWaiting, true},
		{"sheet", "Zorglub", "", "", false},
		{"sheet", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.source+"/"+tt.status, func(t *testing.T) {
			got, ok := backend.DefaultStage(tt.source, tt.status, tt.category)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("DefaultStage(%q, %q, %q) = %q, %v; want %q, %v", tt.source, tt.status, tt.category, got, ok, tt.want, tt.ok)
			}
		})
	}
}
