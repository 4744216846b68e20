package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/intake"
)

// typeFlag collects repeated --type "Raw Name=story" flags: which item type
// a raw type no built-in table knows is.
type typeFlag map[string]backend.ItemType

func (f typeFlag) String() string {
	parts := make([]string, 0, len(f))
	for raw, typ := range f {
		parts = append(parts, raw+"="+string(typ))
	}
	return strings.Join(parts, ", ")
}

// Set takes one "Raw Name=type". The raw name is everything before the last
// '=', so a name may itself contain one.
func (f typeFlag) Set(v string) error {
	i := strings.LastIndexByte(v, '=')
	if i < 0 {
		return fmt.Errorf("%q: write the raw type, '=' and the item type, e.g. --type \"Chore=task\"", v)
	}
	raw, typ := strings.TrimSpace(v[:i]), backend.ItemType(strings.ToLower(strings.TrimSpace(v[i+1:])))
	if raw == "" {
		return fmt.Errorf("%q names no raw type before '='", v)
	}
	if !typ.Valid() {
		return fmt.Errorf("%q: %q is not an item type; use one of %s", v, v[i+1:], itemTypeNames())
	}
	f[raw] = typ
	return nil
}

// printUnknownTypes sums up a file's raw types no table knows, once each,
// with the flag that settles them.
func printUnknownTypes(stderr io.Writer, r intake.FileReport) {
	for _, u := range r.UnknownTypes {
		if u.Type != "" {
			continue
		}
		fmt.Fprintf(stderr, "%s: item type %q (%d %s, first at row %d) is not one Throughline knows, so those rows were rejected; say which type it is with --type %q (TYPE one of %s) and import again.\n",
			r.Path, u.RawType, u.Count, rowsWord(u.Count), u.FirstRow, u.RawType+"=TYPE", itemTypeNames())
	}
}

func rowsWord(n int) string {
	if n == 1 {
		return "row"
	}
	return "rows"
}

// itemTypeNames lists the item types: "epic, feature, … subtask".
func itemTypeNames() string {
	names := make([]string, len(backend.ItemTypes))
	for i, t := range backend.ItemTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}
