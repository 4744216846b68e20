package imports_test

import (
	"reflect"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
)

// choreCSV is a Jira export whose Issue Type column has a type Jira's table
// knows (Spike, an enabler) and one no table knows (Chore, in two
// spellings), plus a second unknown one (Research).
const choreCSV = "Issue key,Issue Type,Summary,Status,Created\n" +
	"OPS-1,Story,Rotate certificates,Done,2026-02-02 09:00\n" +
	"OPS-2,Spike,Try the new broker,In Progress,2026-02-03 09:00\n" +
	"OPS-3,Chore,Tidy the runbook,To Do,2026-02-04 09:00\n" +
	"OPS-4,chore,Rename the alerts,To Do,2026-02-05 09:00\n" +
	"OPS-5,Research,Read the vendor paper,To Do,2026-02-06 09:00\n"

// TestUnknownTypes: raw types no table knows are listed with their row
// counts, settled or not; the user's choices keep the rows.
func TestUnknownTypes(t *testing.T) {
	tests := []struct {
		name      string
		types     map[string]backend.ItemType
		wantKeys  []string
		wantTypes map[string]backend.ItemType // key → type of the stored item
		wantSeen  []imports.TypeSeen
		rejected  int
	}{
		{
			name:      "NoChoices",
			wantKeys:  []string{"OPS-1", "OPS-2"},
			wantTypes: map[string]backend.ItemType{"OPS-1": backend.TypeStory, "OPS-2": backend.TypeEnabler},
			wantSeen: []imports.TypeSeen{
				{SourceSystem: "jira", RawType: "Chore", Count: 2, FirstRow: 4},
				{SourceSystem: "jira", RawType: "Research", Count: 1, FirstRow: 6},
			},
			rejected: 3,
		},
		{
			name:      "ChoreSettled",
			types:     map[string]backend.ItemType{"CHORE": backend.TypeTask},
			wantKeys:  []string{"OPS-1", "OPS-2", "OPS-3", "OPS-4"},
			wantTypes: map[string]backend.ItemType{"OPS-3": backend.TypeTask, "OPS-4": backend.TypeTask},
			wantSeen: []imports.TypeSeen{
				{SourceSystem: "jira", RawType: "Chore", Count: 2, FirstRow: 4, Type: backend.TypeTask},
				{SourceSystem: "jira", RawType: "Research", Count: 1, FirstRow: 6},
			},
			rejected: 1,
		},
		{
			name:      "AllSettledAndSpikeOverridden",
			types:     map[string]backend.ItemType{"chore": backend.TypeTask, "Research": backend.TypeEnabler, "spike": backend.TypeStory},
			wantKeys:  []string{"OPS-1", "OPS-2", "OPS-3", "OPS-4", "OPS-5"},
			wantTypes: map[string]backend.ItemType{"OPS-2": backend.TypeStory, "OPS-5": backend.TypeEnabler},
			wantSeen: []imports.TypeSeen{
				{SourceSystem: "jira", RawType: "Chore", Count: 2, FirstRow: 4, Type: backend.TypeTask},
				{SourceSystem: "jira", RawType: "Research", Count: 1, FirstRow: 6, Type: backend.TypeEnabler},
			},
		},
		{
			name:     "AChoiceOfNoValidTypeSettlesNothing",
			types:    map[string]backend.ItemType{"Chore": "chore"},
			wantKeys: []string{"OPS-1", "OPS-2"},
			wantSeen: []imports.TypeSeen{
				{SourceSystem: "jira", RawType: "Chore", Count: 2, FirstRow: 4},
				{SourceSystem: "jira", RawType: "Research", Count: 1, FirstRow: 6},
			},
			rejected: 3,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := mapText(t, "ops.csv", choreCSV, imports.MapOptions{Location: berlin, Types: tc.types})
			if err != nil {
				t.Fatal(err)
			}
			if m.Format != imports.FormatJira {
				t.Fatalf("format %s, want jira", m.Format)
			}
			if got := keys(m); !reflect.DeepEqual(got, tc.wantKeys) {
				t.Errorf("kept %q, want %q", got, tc.wantKeys)
			}
			for key, typ := range tc.wantTypes {
				if it := item(t, m, key); it.Type != typ {
					t.Errorf("%s: type %q (raw %q), want %q", key, it.Type, it.RawType, typ)
				}
			}
			if !reflect.DeepEqual(m.UnknownTypes, tc.wantSeen) {
				t.Errorf("unknown types = %+v, want %+v", m.UnknownTypes, tc.wantSeen)
			}
			if m.Rejected != tc.rejected {
				t.Errorf("rejected %d rows, want %d", m.Rejected, tc.rejected)
			}
			for _, p := range m.Problems {
				if p.Severity == imports.SeverityError && (p.Column != "B" || p.Value == "") {
					t.Errorf("a rejection not about the type column: %s", p)
				}
			}
		})
	}
}

func TestTypeKey(t *testing.T) {
	for _, tc := range []struct{ a, b string }{{"Sub-task", "sub task"}, {"SUB_TASK", "sub task"}, {"  Chore ", "chore"}, {"Tech/Debt", "tech debt"}} {
		if imports.TypeKey(tc.a) != imports.TypeKey(tc.b) {
			t.Errorf("TypeKey(%q) = %q, TypeKey(%q) = %q; want them equal", tc.a, imports.TypeKey(tc.a), tc.b, imports.TypeKey(tc.b))
		}
	}
}
