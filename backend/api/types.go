package api

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/intake"
)

// formTypes reads the import's multipart field "types": a JSON object from
// raw item type to item type ({"Chore":"task"}), the user's answers for
// types no built-in table knows. Every value must be one of
// backend.ItemTypes; the error names the first that is not.
func formTypes(r *http.Request, opts *intake.Options) error {
	js := r.FormValue("types")
	if strings.TrimSpace(js) == "" {
		return nil
	}
	var in map[string]string
	if err := json.Unmarshal([]byte(js), &in); err != nil {
		return backend.Errorf(backend.EInvalid, "The item type choices are not a JSON object of raw type to item type (%v).", err)
	}
	raws := make([]string, 0, len(in))
	for raw := range in {
		raws = append(raws, raw)
	}
	sort.Strings(raws) // the same bad value is named every time
	types := make(map[string]backend.ItemType, len(in))
	for _, raw := range raws {
		typ := backend.ItemType(strings.ToLower(strings.TrimSpace(in[raw])))
		if strings.TrimSpace(raw) == "" {
			return backend.Errorf(backend.EInvalid, "An item type choice names no raw type; remove it or name the type as the file writes it.")
		}
		if !typ.Valid() {
			return backend.Errorf(backend.EInvalid, "%q is not an item type (chosen for %q); choose one of %s.", in[raw], raw, typeList())
		}
		types[raw] = typ
	}
	opts.Types = types
	return nil
}

// typeList writes the item types for a message: "epic, feature, … subtask".
func typeList() string {
	names := make([]string, len(backend.ItemTypes))
	for i, t := range backend.ItemTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}
