package sqlite_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/sqlite"
)

func TestTypeMappings(t *testing.T) {
	ctx := context.Background()
	db, _ := openNew(t)
	steps := []struct {
		save    sqlite.TypeMapping
		code    string // backend error code, "" for none
		wantAll []sqlite.TypeMapping
	}{
		{save: sqlite.TypeMapping{RawType: "Chore", Type: backend.TypeTask},
			wantAll: []sqlite.TypeMapping{{RawType: "Chore", Type: backend.TypeTask}}},
		{save: sqlite.TypeMapping{RawType: " Research ", Type: backend.TypeEnabler},
			wantAll: []sqlite.TypeMapping{{RawType: "Chore", Type: backend.TypeTask}, {RawType: "Research", Type: backend.TypeEnabler}}},
		// Another case of a saved type replaces it and moves it last (a later choice wins).
		{save: sqlite.TypeMapping{RawType: "CHORE", Type: backend.TypeDebt},
			wantAll: []sqlite.TypeMapping{{RawType: "Research", Type: backend.TypeEnabler}, {RawType: "CHORE", Type: backend.TypeDebt}}},
		{save: sqlite.TypeMapping{RawType: "Chore", Type: "chores"}, code: backend.EInvalid},
		{save: sqlite.TypeMapping{RawType: "  ", Type: backend.TypeTask}, code: backend.EInvalid},
	}
	for i, s := range steps {
		err := db.SaveTypeMapping(ctx, s.save)
		if s.code != "" {
			if backend.ErrorCode(err) != s.code {
				t.Fatalf("step %d: err %v, want %s", i+1, err, s.code)
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %d: %v", i+1, err)
		}
		got, err := db.TypeMappings(ctx)
		if err != nil || !reflect.DeepEqual(got, s.wantAll) {
			t.Fatalf("step %d: mappings %+v (%v), want %+v", i+1, got, err, s.wantAll)
		}
	}
}
