package analytics

import (
	"context"
	"sort"
	"strings"

	"github.com/throughline/throughline/backend/sqlite"
	"github.com/throughline/throughline/backend/xlsx"
)

// TemplateLists gathers the portfolio's names for the import template's
// dropdowns: teams, programs, PIs, themes and mapped statuses.
func TemplateLists(ctx context.Context, db *sqlite.DB) (xlsx.TemplateLists, error) {
	ds, err := db.ReadDataset(ctx)
	if err != nil {
		return xlsx.TemplateLists{}, err
	}
	mappings, err := db.WorkflowMappings(ctx)
	if err != nil {
		return xlsx.TemplateLists{}, err
	}
	l := xlsx.TemplateLists{Portfolio: ds.Settings.Name}
	for _, t := range ds.Teams {
		l.Teams = append(l.Teams, t.Name)
	}
	for _, p := range ds.Programs {
		l.Programs = append(l.Programs, p.Name)
	}
	for _, p := range ds.PIs {
		l.PIs = append(l.PIs, p.Name)
	}
	for _, t := range ds.Themes {
		l.Themes = append(l.Themes, t.Name)
	}
	seen := map[string]bool{}
	for _, m := range mappings {
		if k := strings.ToLower(m.RawStatus); !seen[k] {
			seen[k] = true
			l.Statuses = append(l.Statuses, m.RawStatus)
		}
	}
	sort.Strings(l.Statuses)
	return l, nil
}
