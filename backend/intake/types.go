package intake

import (
	"context"
	"sort"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/sqlite"
)

// typeChoice is one raw type and the item type it is taken as.
type typeChoice struct {
	raw string
	typ backend.ItemType
}

// typeChoices returns the item types to use for raw types the built-in
// tables do not know: the choices saved by earlier imports, overlaid with
// this import's (chosen), which win. Raw types are matched as
// imports.TypeKey compares them, so "Chore" chosen now replaces a saved
// "chore". Unless this is a dry run, this import's choices are saved first,
// like status mappings, and become the defaults of the next import.
//
// Saved choices apply to every source system: the import screen and the
// CLI name a raw type, not the tool it came from.
func typeChoices(ctx context.Context, db *sqlite.DB, chosen map[string]backend.ItemType, dryRun bool) (map[string]backend.ItemType, error) {
	for raw, typ := range chosen {
		if !typ.Valid() {
			return nil, backend.Errorf(backend.EInvalid, "The item type chosen for %q, %q, is not one of %v.", raw, typ, backend.ItemTypes)
		}
	}
	saved, err := db.TypeMappings(ctx)
	if err != nil {
		return nil, err
	}
	byKey := map[string]typeChoice{}
	for _, m := range saved {
		if m.SourceSystem == "" && m.Type.Valid() {
			byKey[imports.TypeKey(m.RawType)] = typeChoice{m.RawType, m.Type}
		}
	}
	// Sorted, so two spellings of one type in the same request settle the
	// same way every time.
	raws := make([]string, 0, len(chosen))
	for raw := range chosen {
		raws = append(raws, raw)
	}
	sort.Strings(raws)
	for _, raw := range raws {
		if imports.TypeKey(raw) == "" {
			continue
		}
		if !dryRun {
			if err := db.SaveTypeMapping(ctx, sqlite.TypeMapping{RawType: raw, Type: chosen[raw]}); err != nil {
				return nil, err
			}
		}
		byKey[imports.TypeKey(raw)] = typeChoice{raw, chosen[raw]}
	}
	if len(byKey) == 0 {
		return nil, nil
	}
	out := make(map[string]backend.ItemType, len(byKey))
	for _, c := range byKey {
		out[c.raw] = c.typ
	}
	return out, nil
}

// addTypes merges a sheet's unknown raw types into the file's: one entry
// per source system and type (as imports.TypeKey compares them).
func addTypes(rep *FileReport, seen []imports.TypeSeen) {
	for _, t := range seen {
		i := indexOfType(rep.UnknownTypes, t)
		if i < 0 {
			rep.UnknownTypes = append(rep.UnknownTypes, t)
			continue
		}
		u := &rep.UnknownTypes[i]
		u.Count += t.Count
		u.FirstRow = min(u.FirstRow, t.FirstRow)
		if u.Type == "" {
			u.Type = t.Type
		}
	}
}

func indexOfType(list []imports.TypeSeen, t imports.TypeSeen) int {
	k := imports.TypeKey(t.RawType)
	for i, u := range list {
		if u.SourceSystem == t.SourceSystem && imports.TypeKey(u.RawType) == k {
			return i
		}
	}
	return -1
}
