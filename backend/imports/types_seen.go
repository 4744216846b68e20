package imports

import "github.com/throughline/throughline/backend"

// TypeSeen is a raw item type that none of the built-in tables knows (see
// typeTable), as a table has it: how many rows use it and where it first
// appears. The import screen and the CLI list these so the user can say
// which item type each one is (MapOptions.Types) instead of losing the rows.
type TypeSeen struct {
	SourceSystem string `json:"sourceSystem"`
	RawType      string `json:"rawType"` // the first spelling seen
	Count        int    `json:"count"`
	FirstRow     int    `json:"firstRow"`
	// Type is the item type the user's choices (MapOptions.Types) give it;
	// "" when nothing does, and then every row with it was rejected.
	Type backend.ItemType `json:"type"`
}

// TypeKey is the form raw item types are compared in: lower case, words
// separated by one space, '-', '_' and '/' taken as spaces. "Sub-task",
// "sub task" and "SUB_TASK" have the same key.
func TypeKey(raw string) string { return typeKey(raw) }

// seeType counts a row whose raw type no built-in table knows; typ is what
// the user's choices made of it ("" when the row was rejected).
func (m *mapper) seeType(raw string, typ backend.ItemType, row int) {
	st := m.items
	if st.unknown == nil {
		st.unknown = map[string]int{}
	}
	k := typeKey(raw)
	if i, ok := st.unknown[k]; ok {
		m.out.UnknownTypes[i].Count++
		return
	}
	st.unknown[k] = len(m.out.UnknownTypes)
	m.out.UnknownTypes = append(m.out.UnknownTypes, TypeSeen{SourceSystem: m.source, RawType: raw, Count: 1, FirstRow: row, Type: typ})
}
