package intake

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/sqlite"
)

// resolveStatuses merges the statuses the sheets saw and says how each maps:
// a team's own mapping, else its source system's, else the default proposal
// for the tool (saved, unless this is a dry run, so the metrics can use it).
// A status nothing maps is a warning naming it, how often and where it was
// first seen: the rows are stored, and the metrics skip that status until
// it is mapped.
//
// chosen are the mappings the user picked for this import: a dry run does
// not save them but reports the statuses as they will map.
//
// The proposals are returned, not saved: the file's import transaction may
// be open (it holds the write lock), so the caller saves them afterwards
// (saveProposals). Reading here is fine meanwhile.
func resolveStatuses(ctx context.Context, db *sqlite.DB, rep *FileReport, chosen []backend.WorkflowMapping) ([]backend.WorkflowMapping, error) {
	var proposals []backend.WorkflowMapping
	_, teams, err := db.Structure(ctx)
	if err != nil {
		return nil, err
	}
	teamID := map[string]int64{}
	for _, t := range teams {
		teamID[strings.ToLower(t.Name)] = t.ID
	}
	mappings, err := db.WorkflowMappings(ctx)
	if err != nil {
		return nil, err
	}
	type key struct {
		team   int64
		source string
		status string
	}
	known := map[key]backend.Stage{}
	for _, m := range append(mappings, chosen...) {
		known[key{m.TeamID, m.SourceSystem, strings.ToLower(m.RawStatus)}] = m.Stage
	}
	merged := map[key]*StatusReport{}
	var order []key
	for _, s := range rep.Statuses {
		k := key{teamID[strings.ToLower(s.Team)], s.SourceSystem, strings.ToLower(s.Status)}
		if m, ok := merged[k]; ok {
			m.Count += s.Count
			continue
		}
		c := s
		merged[k] = &c
		order = append(order, k)
	}
	rep.Statuses = rep.Statuses[:0]
	for _, k := range order {
		s := merged[k]
		stage, ok := known[key{k.team, "", k.status}]
		if !ok {
			stage, ok = known[key{k.team, k.source, k.status}]
		}
		if !ok {
			stage, ok = known[key{0, k.source, k.status}]
		}
		if !ok {
			if stage, ok = backend.DefaultStage(s.SourceSystem, s.Status, s.Category); ok {
				s.Proposed = true
				proposals = append(proposals, backend.WorkflowMapping{SourceSystem: s.SourceSystem, RawStatus: s.Status, Stage: stage})
			}
		}
		s.Stage = stage
		if stage == "" {
			rep.Warnings = append(rep.Warnings, Problem{Row: s.FirstRow, Value: s.Status,
				Reason: fmt.Sprintf("Status %q (%s, first at row %d) is not mapped to a stage; the rows are imported, and the metrics skip this status until you map it (Import › Statuses).", s.Status, plural(s.Count, "row"), s.FirstRow)})
		}
		rep.Statuses = append(rep.Statuses, *s)
	}
	sort.SliceStable(rep.Statuses, func(i, j int) bool { return rep.Statuses[i].Count > rep.Statuses[j].Count })
	return proposals, nil
}

// saveProposals saves the default stage mappings resolveStatuses proposed,
// so the metrics can use them.
func saveProposals(ctx context.Context, db *sqlite.DB, proposals []backend.WorkflowMapping) error {
	for _, m := range proposals {
		if err := db.SaveWorkflowMapping(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
