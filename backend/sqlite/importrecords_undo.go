package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// undoStep is one statement of UndoImport: ?1 is the import batch, ?2 the
// time of the undo.
type undoStep struct{ what, query string }

// restoredTables are the tables whose rows an import may update; undo puts
// back the imported columns it kept in import_row_changes.
var restoredTables = []rowTable{teamsTable, servicesTable, epicExtras, businessCasesTable, deploymentsTable, incidentsTable,
	piObjectivesTable, krUpdatesTable, benefitsTable, feedbackTable, dependenciesTable, sprintsTable}

// createdRowTables are the tables whose rows an import creates outright, in
// the order undo deletes them: rows that point at others first.
var createdRowTables = []string{"incidents", "deployments", "dependencies", "key_result_updates", "pi_objectives", "benefit_measurements", "customer_feedback", "sprints"}

// refUsers lists, for each table an import creates references in, the
// columns that point at its rows. Undo removes a created reference only when
// none does: something still using it came from elsewhere and stays valid.
var refUsers = map[string][]string{
	"teams": {"work_items.team_id", "sprints.team_id", "services.team_id", "deployments.team_id", "incidents.team_id",
		"dependencies.from_team_id", "dependencies.to_team_id", "pi_objectives.team_id", "objectives.team_id"},
	"programs":           {"teams.program_id", "work_items.program_id", "customer_feedback.program_id", "objectives.program_id", "program_increments.program_id"},
	"program_increments": {"work_items.pi_id", "sprints.pi_id", "pi_objectives.pi_id"},
	"services":           {"deployments.service_id", "incidents.service_id"},
	"themes":             {"work_items.theme_id", "objectives.theme_id"},
	"business_cases":     {"benefit_measurements.business_case_id", "planned_benefits.business_case_id"},
}

// unused is the SQL condition that no row points at table's row.
func unused(table string) string {
	conds := make([]string, len(refUsers[table]))
	for i, u := range refUsers[table] {
		t, col, _ := strings.Cut(u, ".")
		conds[i] = fmt.Sprintf("NOT EXISTS (SELECT 1 FROM %s WHERE %s = %s.id)", t, col, table)
	}
	return strings.Join(conds, " AND ")
}

// restoreRowSteps put back the rows an import updated.
func restoreRowSteps() []undoStep {
	var steps []undoStep
	for _, t := range restoredTables {
		set := make([]string, len(t.columns))
		for i, c := range t.columns {
			set[i] = fmt.Sprintf("%s = json_extract(c.before_json, '$.%s')", c, c)
		}
		steps = append(steps, undoStep{"restore updated " + t.name, "UPDATE " + t.name + " SET " + strings.Join(set, ", ") +
			" FROM (SELECT row_id, before_json FROM import_row_changes WHERE batch_id = ?1 AND table_name = '" + t.name + "' AND action = 'updated') AS c" +
			" WHERE " + t.name + ".id = c.row_id"})
	}
	return steps
}

// deleteRowSteps delete the rows an import created, then the business cases
// it created that nothing measures any more. Work items and the other
// references follow in UndoImport.
func deleteRowSteps() []undoStep {
	var steps []undoStep
	for _, t := range createdRowTables {
		steps = append(steps, undoStep{"delete created " + t, "DELETE FROM " + t + " WHERE id IN (" + createdRows(t) + ")"})
	}
	return append(steps, deleteUnusedStep("business_cases"))
}

// createdRows is the SQL list of the rows of table the import created.
func createdRows(table string) string {
	return "SELECT row_id FROM import_row_changes WHERE batch_id = ?1 AND table_name = '" + table + "' AND action = 'created'"
}

// deleteUnusedStep deletes the rows of a reference table the import created
// (listed in import_row_changes) that nothing uses.
func deleteUnusedStep(table string) undoStep {
	return undoStep{"delete created " + table, "DELETE FROM " + table + " WHERE id IN (" + createdRows(table) + ") AND " + unused(table)}
}

// laterImports names the applied imports after batchID that changed rows it
// also changed, added history or commits to its items and deployments, or
// point at rows it created: undoing batchID first would leave them
// impossible to undo exactly. Each is named with what it changed, e.g.
// "12 (deploys.csv: deployments, incidents)".
func laterImports(ctx context.Context, tx *sql.Tx, batchID int64) ([]string, error) {
	queries := []string{
		// Work items and their history (the item importer's own rows): the
		// items it created or updated, or whose rebuilt history its
		// changelog replaced, and the rebuilt rows it added.
		`WITH mine(item_id) AS (
			SELECT item_id FROM import_item_changes WHERE batch_id = ?1
			UNION SELECT item_id FROM import_removed_changes WHERE batch_id = ?1)
		SELECT b.id, b.file_name, 'work_items' FROM import_item_changes c
		JOIN mine ON mine.item_id = c.item_id
		JOIN import_batches b ON b.id = c.batch_id
		WHERE c.batch_id > ?1 AND b.status = 'applied'
		UNION
		SELECT b.id, b.file_name, 'status_changes' FROM status_changes s
		JOIN mine ON mine.item_id = s.item_id
		JOIN import_batches b ON b.id = s.batch_id
		WHERE s.batch_id > ?1 AND b.status = 'applied'
		UNION
		SELECT b.id, b.file_name, 'status_changes' FROM import_removed_changes r
		JOIN import_batches b ON b.id = r.batch_id
		WHERE r.batch_id > ?1 AND b.status = 'applied' AND (r.added_by = ?1 OR r.item_id IN (SELECT item_id FROM mine))`,
		// Any other row both imports touched, references created included.
		`WITH mine(table_name, row_id) AS (
			SELECT table_name, row_id FROM import_row_changes WHERE batch_id = ?1
			UNION SELECT 'work_items', item_id FROM import_item_changes WHERE batch_id = ?1
			UNION SELECT CASE kind WHEN 'team' THEN 'teams' WHEN 'program' THEN 'programs' ELSE 'program_increments' END, ref_id
				FROM import_created_refs WHERE batch_id = ?1)
		SELECT b.id, b.file_name, c.table_name FROM mine m
		JOIN import_row_changes c ON c.table_name = m.table_name AND c.row_id = m.row_id
		JOIN import_batches b ON b.id = c.batch_id
		WHERE c.batch_id > ?1 AND b.status = 'applied'
		UNION
		SELECT b.id, b.file_name, 'work_items' FROM import_row_changes m
		JOIN import_item_changes c ON c.item_id = m.row_id
		JOIN import_batches b ON b.id = c.batch_id
		WHERE m.batch_id = ?1 AND m.table_name = 'work_items' AND c.batch_id > ?1 AND b.status = 'applied'
		UNION
		SELECT b.id, b.file_name, 'deployment_commits' FROM import_row_changes m
		JOIN deployment_commits dc ON dc.deployment_id = m.row_id
		JOIN import_batches b ON b.id = dc.batch_id
		WHERE m.batch_id = ?1 AND m.table_name = 'deployments' AND dc.batch_id > ?1 AND b.status = 'applied'`,
		// Items of later imports linked to sprints or items this one created.
		`SELECT b.id, b.file_name, 'item_sprints' FROM item_sprints s
		JOIN import_batches b ON b.id = s.batch_id
		WHERE s.batch_id > ?1 AND b.status = 'applied'
		AND (s.sprint_id IN (` + createdRows("sprints") + `)
			OR s.item_id IN (SELECT item_id FROM import_item_changes WHERE batch_id = ?1 AND action = 'created'))`,
	}
	// Rows of later imports that point, now or in their kept previous values,
	// at rows this import created.
	for _, ref := range []struct{ child, column, parent string }{
		{"incidents", "caused_by_deployment_id", "deployments"},
		{"dependencies", "from_item_id", "work_items"},
		{"dependencies", "to_item_id", "work_items"},
		{"business_cases", "epic_id", "work_items"},
		{"benefit_measurements", "business_case_id", "business_cases"},
	} {
		created := createdRows(ref.parent)
		if ref.parent == "work_items" {
			created = "SELECT item_id FROM import_item_changes WHERE batch_id = ?1 AND action = 'created'"
		}
		queries = append(queries, fmt.Sprintf(`SELECT b.id, b.file_name, c.table_name FROM import_row_changes c
			JOIN import_batches b ON b.id = c.batch_id
			JOIN %[1]s x ON x.id = c.row_id
			WHERE c.table_name = '%[1]s' AND c.batch_id > ?1 AND b.status = 'applied'
			AND (x.%[2]s IN (%[3]s) OR json_extract(c.before_json, '$.%[2]s') IN (%[3]s))`, ref.child, ref.column, created))
	}
	type later struct {
		file   string
		tables []string
	}
	found := map[int64]*later{}
	for _, q := range queries {
		err := scanAll(ctx, tx, q, func(r *sql.Rows) error {
			var id int64
			var file, table string
			if err := r.Scan(&id, &file, &table); err != nil {
				return err
			}
			l := found[id]
			if l == nil {
				l = &later{file: file}
				found[id] = l
			}
			if label := tableLabels[table]; !slices.Contains(l.tables, label) {
				l.tables = append(l.tables, label)
			}
			return nil
		}, batchID)
		if err != nil {
			return nil, err
		}
	}
	ids := make([]int64, 0, len(found))
	for id := range found {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]string, len(ids))
	for i, id := range ids {
		slices.Sort(found[id].tables)
		out[i] = fmt.Sprintf("%d (%s: %s)", id, found[id].file, strings.Join(found[id].tables, ", "))
	}
	return out, nil
}

// tableLabels name tables for people.
var tableLabels = map[string]string{
	"work_items": "work items", "status_changes": "status history", "teams": "teams", "programs": "programs",
	"program_increments": "PIs", "services": "services", "themes": "themes", "business_cases": "business cases",
	"deployments": "deployments", "deployment_commits": "deployment commits", "incidents": "incidents",
	"pi_objectives": "PI objectives", "key_result_updates": "key result updates", "benefit_measurements": "benefit measurements",
	"customer_feedback": "customer feedback", "dependencies": "dependencies", "sprints": "sprints",
	"item_sprints": "sprint memberships",
}
