package sqlite_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend"
)

func TestDeleteMappingProfile(t *testing.T) {
	ctx := context.Background()
	db, _ := openNew(t)
	for _, name := range []string{"Ops tracker", "Zoë's sheet"} {
		if err := db.SaveMappingProfile(ctx, name, `{"name":"`+name+`","format":"template","columns":{}}`); err != nil {
			t.Fatal(err)
		}
	}

	if err := db.DeleteMappingProfile(ctx, "OPS TRACKER"); err != nil {
		t.Fatalf("delete by another case: %v", err)
	}
	if names, _ := db.MappingProfileNames(ctx); !reflect.DeepEqual(names, []string{"Zoë's sheet"}) {
		t.Fatalf("names after delete = %v", names)
	}
	if _, err := db.MappingProfile(ctx, "Ops tracker"); backend.ErrorCode(err) != backend.ENotFound {
		t.Fatalf("deleted profile read back: %v", err)
	}

	err := db.DeleteMappingProfile(ctx, "Ops tracker")
	if backend.ErrorCode(err) != backend.ENotFound || !strings.Contains(err.Error(), `"Ops tracker"`) || !strings.Contains(err.Error(), "Zoë's sheet") {
		t.Fatalf("deleting again = %v; want not found naming the saved profiles", err)
	}
}
