package imports_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/throughline/throughline/backend/imports"
)

// unseenCase is one export under testdata/unseen/: a variant of a tool's
// documented export that the older fixtures do not cover, written from the
// export's documentation with invented teams and keys. Each maps to exact
// items (or changes) and exactly the problems listed, in order.
type unseenCase struct {
	name, path string
	opts       imports.MapOptions
	format     imports.Format
	variant    string
	rows       int
	keys       []string
	items      []wantItem
	changes    []string // "KEY from>to@Berlin time (row N)"
	problems   []string
}

func runUnseen(t *testing.T, cases []unseenCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.opts.Location == nil {
				c.opts.Location = berlin
			}
			m := mapFixture(t, "unseen/"+c.path, c.opts)
			if m.Format != c.format || m.Variant != c.variant || m.RowsRead != c.rows {
				t.Fatalf("format %s/%s, %d rows read; want %s/%s, %d\n%s", m.Format, m.Variant, m.RowsRead, c.format, c.variant, c.rows, problemStrings(m.Problems))
			}
			if got := keys(m); !slices.Equal(got, c.keys) {
				t.Errorf("keys = %v, want %v", got, c.keys)
			}
			for _, w := range c.items {
				checkItem(t, m, w)
			}
			var changes []string
			for _, ch := range m.Changes {
				changes = append(changes, ch.Key+" "+ch.Change.From+">"+ch.Change.To+"@"+ch.Change.At.In(berlin).Format("2006-01-02 15:04")+" (row "+strconv.Itoa(ch.Row)+")")
			}
			if !slices.Equal(changes, c.changes) {
				t.Errorf("changes:\n got %q\nwant %q", changes, c.changes)
			}
			onlyProblems(t, m.Problems, c.problems...)
		})
	}
}
