package intake_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/intake"
	"github.com/throughline/throughline/backend/sqlite"
)

// choreExport is a Jira export with a type Jira's table knows (Spike) and
// one no table knows (Chore, on two rows).
func choreExport() intake.Source {
	return intake.Source{Name: "ops.csv", Data: []byte("Issue key,Issue Type,Summary,Status,Created\n" +
		"OPS-1,Story,Rotate certificates,Done,2026-02-02 09:00\n" +
		"OPS-2,Spike,Try the new broker,In Progress,2026-02-03 09:00\n" +
		"OPS-3,Chore,Tidy the runbook,To Do,2026-02-04 09:00\n" +
		"OPS-4,Chore,Rename the alerts,To Do,2026-02-05 09:00\n")}
}

// storedTypes returns the stored items' types by key.
func storedTypes(t *testing.T, db *sqlite.DB) map[string]backend.ItemType {
	t.Helper()
	items, err := db.ItemFlows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]backend.ItemType{}
	for _, it := range items {
		out[it.Key] = it.Type
	}
	return out
}

func TestImportTypes(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		steps    []intake.Options // imports run one after the other on one portfolio
		want     map[string]backend.ItemType
		seen     []imports.TypeSeen // the last import's unknown types
		rejected int                // the last import's rejected rows
		saved    int                // type mappings saved in the end
	}{
		{
			name:     "UnknownTypeRejectedAndListed",
			steps:    []intake.Options{{}},
			want:     map[string]backend.ItemType{"OPS-1": backend.TypeStory, "OPS-2": backend.TypeEnabler},
			seen:     []imports.TypeSeen{{SourceSystem: "jira", RawType: "Chore", Count: 2, FirstRow: 4}},
			rejected: 2,
		},
		{
			name:  "ChosenTypeStoresTheRows",
			steps: []intake.Options{{Types: map[string]backend.ItemType{"chore": backend.TypeTask}}},
			want:  map[string]backend.ItemType{"OPS-1": backend.TypeStory, "OPS-2": backend.TypeEnabler, "OPS-3": backend.TypeTask, "OPS-4": backend.TypeTask},
			seen:  []imports.TypeSeen{{SourceSystem: "jira", RawType: "Chore", Count: 2, FirstRow: 4, Type: backend.TypeTask}},
			saved: 1,
		},
		{
			name:  "DryRunUsesTheChoiceButSavesNothing",
			steps: []intake.Options{{Types: map[string]backend.ItemType{"Chore": backend.TypeDebt}, DryRun: true}},
			want:  map[string]backend.ItemType{},
			seen:  []imports.TypeSeen{{SourceSystem: "jira", RawType: "Chore", Count: 2, FirstRow: 4, Type: backend.TypeDebt}},
		},
		{
			name: "SavedChoiceIsTheNextDefault",
			steps: []intake.Options{
				{Types: map[string]backend.ItemType{"Chore": backend.TypeDebt}, DryRun: true}, // a dry run saves nothing
				{Types: map[string]backend.ItemType{"Chore": backend.TypeTask}},
				{},
			},
			want:  map[string]backend.ItemType{"OPS-1": backend.TypeStory, "OPS-2": backend.TypeEnabler, "OPS-3": backend.TypeTask, "OPS-4": backend.TypeTask},
			seen:  []imports.TypeSeen{{SourceSystem: "jira", RawType: "Chore", Count: 2, FirstRow: 4, Type: backend.TypeTask}},
			saved: 1,
		},
		{
			name: "ANewChoiceReplacesTheSavedOne",
			steps: []intake.Options{
				{Types: map[string]backend.ItemType{"Chore": backend.TypeTask}},
				{Types: map[string]backend.ItemType{"CHORE": backend.TypeDebt}},
			},
			want:  map[string]backend.ItemType{"OPS-1": backend.TypeStory, "OPS-2": backend.TypeEnabler, "OPS-3": backend.TypeDebt, "OPS-4": backend.TypeDebt},
			seen:  []imports.TypeSeen{{SourceSystem: "jira", RawType: "Chore", Count: 2, FirstRow: 4, Type: backend.TypeDebt}},
			saved: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := newDB(t)
			var last intake.FileReport
			for i, opts := range tc.steps {
				reps, err := intake.Import(ctx, db, []intake.Source{choreExport()}, opts, nil)
				if err != nil {
					t.Fatalf("import %d: %v", i+1, err)
				}
				if reps[0].Error != "" {
					t.Fatalf("import %d: %s", i+1, reps[0].Error)
				}
				last = reps[0]
			}
			if got := storedTypes(t, db); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("stored types = %v, want %v", got, tc.want)
			}
			if !reflect.DeepEqual(last.UnknownTypes, tc.seen) {
				t.Errorf("unknown types = %+v, want %+v", last.UnknownTypes, tc.seen)
			}
			if last.RowsRejected != tc.rejected || len(last.Rejected) != tc.rejected {
				t.Errorf("rejected %d rows (%d listed), want %d", last.RowsRejected, len(last.Rejected), tc.rejected)
			}
			if saved, err := db.TypeMappings(ctx); err != nil || len(saved) != tc.saved {
				t.Errorf("saved type mappings %+v (%v), want %d", saved, err, tc.saved)
			}
		})
	}

	t.Run("AChoiceOfNoItemTypeIsRefused", func(t *testing.T) {
		db := newDB(t)
		_, err := intake.Import(ctx, db, []intake.Source{choreExport()}, intake.Options{Types: map[string]backend.ItemType{"Chore": "chores"}}, nil)
		if backend.ErrorCode(err) != backend.EInvalid {
			t.Fatalf("err = %v, want EInvalid naming the value", err)
		}
	})
}
