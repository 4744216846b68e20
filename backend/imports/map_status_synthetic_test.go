package imports_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/imports"
)

// TestStatusCreatedIsSynthetic: the "Created" a rebuilt history starts with
// is marked synthetic (and says so in JSON); the file's own statuses are
// not, nor is a status named Created that a changelog records.
func TestStatusCreatedIsSynthetic(t *testing.T) {
	synthetic := func(t *testing.T, m imports.Mapped) map[string]bool {
		t.Helper()
		out := map[string]bool{}
		for _, s := range m.Statuses {
			out[s.Status] = s.Synthetic
		}
		return out
	}

	t.Run("RebuiltHistory", func(t *testing.T) {
		m, err := mapText(t, "items.csv", "Key,Type,Title,Team,Status,Created,Started,Done\n"+
			"K-1,Story,One,Ops,Done,2026-01-05,2026-01-06,2026-01-08\n"+
			"K-2,Story,Two,Ops,In Progress,2026-01-05,2026-01-07,\n", imports.MapOptions{Format: imports.FormatTemplate})
		if err != nil {
			t.Fatal(err)
		}
		got := synthetic(t, m)
		if want := map[string]bool{"Created": true, "In Progress": false, "Done": false}; !equalFlags(got, want) {
			t.Fatalf("synthetic flags %v, want %v", got, want)
		}
		for _, s := range m.Statuses {
			b, _ := json.Marshal(s)
			if has := strings.Contains(string(b), `"synthetic":true`); has != s.Synthetic {
				t.Errorf("%s as JSON: %s", s.Status, b)
			}
			if !s.Synthetic && strings.Contains(string(b), "synthetic") {
				t.Errorf("%s as JSON names synthetic: %s", s.Status, b)
			}
		}
	})

	t.Run("ChangelogStatusNamedCreated", func(t *testing.T) {
		m, err := mapText(t, "history.csv", "Issue key,Status,Date\n"+
			"K-1,Created,2026-01-05 09:00\n"+
			"K-1,In Progress,2026-01-06 09:00\n", imports.MapOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if m.Format != imports.FormatJiraHistory {
			t.Fatalf("read as %q, want the Jira changelog", m.Format)
		}
		got := synthetic(t, m)
		if want := map[string]bool{"Created": false, "In Progress": false}; !equalFlags(got, want) {
			t.Fatalf("synthetic flags %v, want %v", got, want)
		}
	})
}

func equalFlags(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
