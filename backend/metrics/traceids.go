package metrics

import (
	"slices"
	"strings"
)

// traceIDs returns the IDs behind a figure sorted and without duplicates, as
// a non-nil slice so it encodes to JSON as [] rather than null (issue 4:
// every figure can be traced to the rows that produced it).
func traceIDs(ids []int64) []int64 {
	out := append([]int64{}, ids...)
	slices.Sort(out)
	return slices.Compact(out)
}

// sameWord compares two recorded codes ("production", "rolled_back",
// "resolved"…) ignoring case, surrounding spaces and the choice between
// '_', '-' and ' ' as a separator, so "Rolled back" matches "rolled_back".
func sameWord(a, b string) bool {
	norm := func(s string) string {
		return strings.NewReplacer("-", "_", " ", "_").Replace(strings.TrimSpace(s))
	}
	return strings.EqualFold(norm(a), norm(b))
}
