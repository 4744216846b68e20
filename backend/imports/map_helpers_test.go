package imports_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
)

// mapFixture maps the first table of testdata/<path>.
func mapFixture(t *testing.T, path string, opts imports.MapOptions) imports.Mapped {
	t.Helper()
	f := openFixture(t, path, imports.Options{})
	tb, err := f.Table(f.Sheets()[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := imports.MapTable(tb, opts)
	if err != nil {
		t.Fatalf("map %s: %v", path, err)
	}
	return m
}

// mapText maps a CSV given as text.
func mapText(t *testing.T, name, data string, opts imports.MapOptions) (imports.Mapped, error) {
	t.Helper()
	tb := mustCSV(t, name, data, imports.Options{})
	return imports.MapTable(tb, opts)
}

// mapWorkbook maps the first sheet of an in-memory workbook.
func mapWorkbook(t *testing.T, data []byte, sheet string, opts imports.MapOptions) imports.Mapped {
	t.Helper()
	f, err := imports.Open("book.xlsx", bytes.NewReader(data), int64(len(data)), imports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := f.Table(sheet)
	if err != nil {
		t.Fatal(err)
	}
	m, err := imports.MapTable(tb, opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// at is a time in Berlin, the fixtures' reporting zone.
func at(s string) time.Time {
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, berlin); err == nil {
			return t
		}
	}
	panic("bad test time " + s)
}

// historyString renders a history as "To@2006-01-02 15:04 > …" in Berlin
// time, From checked to chain.
func historyString(t *testing.T, h []backend.ImportChange) string {
	t.Helper()
	parts := make([]string, len(h))
	prev := ""
	for i, c := range h {
		if c.From != prev {
			t.Errorf("entry %d: From = %q, want %q (the previous To)", i, c.From, prev)
		}
		prev = c.To
		parts[i] = c.To + "@" + c.At.In(berlin).Format("2006-01-02 15:04")
	}
	return strings.Join(parts, " > ")
}

// item returns the mapped item with key, failing when absent.
func item(t *testing.T, m imports.Mapped, key string) backend.ImportItem {
	t.Helper()
	for _, it := range m.Items {
		if it.ExternalKey == key {
			return it
		}
	}
	t.Fatalf("no item %s among %d items; problems:\n%s", key, len(m.Items), problemStrings(m.Problems))
	return backend.ImportItem{}
}

// keys lists the items' keys in order.
func keys(m imports.Mapped) []string {
	out := make([]string, len(m.Items))
	for i, it := range m.Items {
		out[i] = it.ExternalKey
	}
	return out
}

// onlyProblems fails unless the problems are exactly want (their String
// forms must contain each want, in order).
func onlyProblems(t *testing.T, ps []imports.Problem, want ...string) {
	t.Helper()
	if len(ps) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(ps), len(want), problemStrings(ps))
	}
	for i, w := range want {
		if !strings.Contains(ps[i].String(), w) {
			t.Errorf("problem %d = %q, want it to contain %q", i, ps[i].String(), w)
		}
	}
}

func ptrTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(berlin).Format("2006-01-02 15:04")
}

func ptrFloat(f *float64) float64 {
	if f == nil {
		return -1
	}
	return *f
}
