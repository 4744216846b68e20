package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/throughline/throughline/backend"
)

// The value tables record imports write.
var (
	piObjectivesTable = rowTable{name: "pi_objectives", columns: withProvenance("team_id", "pi_id", "title", "committed", "planned_bv", "actual_bv"), compared: 6}
	krUpdatesTable    = rowTable{name: "key_result_updates", columns: withProvenance("key_result_id", "recorded_on", "value", "confidence", "note"), compared: 5}
	// Business cases an import creates are removed by undo only when no
	// measurement or planned tranche uses them any more.
	businessCasesTable = rowTable{name: "business_cases", keyCols: []string{"epic_id"}, columns: []string{"planned_amount", "unit", "expected_date"}, compared: 3}
	benefitsTable      = rowTable{name: "benefit_measurements", columns: withProvenance("business_case_id", "measured_on", "amount", "note"), compared: 4}
	feedbackTable      = rowTable{name: "customer_feedback", columns: withProvenance("program_id", "product", "kind", "period_start", "period_end", "score", "responses"), compared: 7}
)

// piObjectives upserts teams' PI objectives by (team, PI, title).
func (w *recordWriter) piObjectives(recs []backend.PIObjectiveRecord) error {
	for _, r := range recs {
		loc := where(r.File, r.Sheet, r.Row)
		team, err := w.team(r.Team)
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		pi, err := w.pi(loc, r)
		if err != nil {
			return err
		}
		id, err := w.lookupID(`SELECT id FROM pi_objectives WHERE team_id = ? AND pi_id = ? AND title = ? COLLATE NOCASE ORDER BY id LIMIT 1`, team, pi, r.Title)
		if err != nil {
			return fmt.Errorf("%s: look up PI objective: %w", loc, err)
		}
		var actual any
		if r.ActualBV != nil {
			actual = *r.ActualBV
		}
		id, a, err := w.put(piObjectivesTable, id, nil, []any{team, pi, r.Title, boolInt(r.Committed), r.PlannedBV, actual, w.batch, r.File, r.Sheet, r.Row})
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		w.note("pi_objectives", id, a)
	}
	return nil
}

// krUpdates upserts key-result updates by (key result, recorded on). The
// objective and key result are named by title and must exist.
func (w *recordWriter) krUpdates(recs []backend.KeyResultUpdateRecord) error {
	for _, r := range recs {
		loc := where(r.File, r.Sheet, r.Row)
		kr, err := w.keyResult(loc, r.Objective, r.KeyResult)
		if err != nil {
			return err
		}
		id, err := w.lookupID(`SELECT id FROM key_result_updates WHERE key_result_id = ? AND recorded_on = ? ORDER BY id LIMIT 1`, kr, r.RecordedOn)
		if err != nil {
			return fmt.Errorf("%s: look up key result update: %w", loc, err)
		}
		id, a, err := w.put(krUpdatesTable, id, nil, []any{kr, r.RecordedOn, r.Value, floatPtr(r.Confidence), r.Note, w.batch, r.File, r.Sheet, r.Row})
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		w.note("kr_updates", id, a)
	}
	return nil
}

// keyResult finds a key result by its objective's title and its own, both
// ignoring case.
func (w *recordWriter) keyResult(loc, objective, keyResult string) (int64, error) {
	var ids []int64
	err := scanAll(w.ctx, w.tx, `SELECT k.id FROM key_results k JOIN objectives o ON o.id = k.objective_id
		WHERE o.title = ? COLLATE NOCASE AND k.title = ? COLLATE NOCASE ORDER BY k.id LIMIT 2`, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		ids = append(ids, id)
		return err
	}, objective, keyResult)
	if err != nil {
		return 0, fmt.Errorf("%s: look up key result: %w", loc, err)
	}
	switch len(ids) {
	case 1:
		return ids[0], nil
	case 2:
		return 0, invalid(loc, "more than one objective %q has a key result %q; rename one of them so the update can be matched.", objective, keyResult)
	}
	n, err := w.lookupID(`SELECT count(*) FROM objectives WHERE title = ? COLLATE NOCASE`, objective)
	if err != nil {
		return 0, fmt.Errorf("%s: look up objective: %w", loc, err)
	}
	if n == 0 {
		return 0, invalid(loc, "objective %q is not in the portfolio; add it to the OKRs first.", objective)
	}
	return 0, invalid(loc, "objective %q has no key result %q; add it to the OKRs first.", objective, keyResult)
}

// benefits upserts benefit measurements by (business case, measured on),
// creating the epic's business case, or updating its baseline, when the row
// gives a planned amount.
func (w *recordWriter) benefits(recs []backend.BenefitRecord) error {
	for _, r := range recs {
		loc := where(r.File, r.Sheet, r.Row)
		epic, _, ok, err := w.item(loc, "epic", r.SourceSystem, r.EpicKey)
		if err != nil {
			return err
		} else if !ok {
			return invalid(loc, "epic %q is not in the portfolio; import the epics list first.", r.EpicKey)
		}
		bc, err := w.businessCase(loc, epic, r)
		if err != nil {
			return err
		}
		id, err := w.lookupID(`SELECT id FROM benefit_measurements WHERE business_case_id = ? AND measured_on = ? ORDER BY id LIMIT 1`, bc, r.MeasuredOn)
		if err != nil {
			return fmt.Errorf("%s: look up benefit measurement: %w", loc, err)
		}
		id, a, err := w.put(benefitsTable, id, nil, []any{bc, r.MeasuredOn, r.Amount, r.Note, w.batch, r.File, r.Sheet, r.Row})
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		w.note("benefits", id, a)
	}
	return nil
}

// businessCase returns the epic's business case, created or updated from the
// row's baseline columns when it has them; blank ones keep stored values.
func (w *recordWriter) businessCase(loc string, epic int64, r backend.BenefitRecord) (int64, error) {
	var id int64
	var planned float64
	var unit string
	var expected sql.NullString
	err := w.scan(`SELECT id, planned_amount, unit, expected_date FROM business_cases WHERE epic_id = ?`, []any{epic}, &id, &planned, &unit, &expected)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if r.PlannedAmount == nil {
			return 0, invalid(loc, "epic %q has no business case; add planned amount and unit columns to create one.", r.EpicKey)
		}
		unit = "EUR" // the schema's default
	case err != nil:
		return 0, fmt.Errorf("%s: look up business case: %w", loc, err)
	case r.PlannedAmount == nil && r.Unit == "" && r.ExpectedDate == "":
		return id, nil // the row measures; it does not restate the baseline
	}
	if r.PlannedAmount != nil {
		planned = *r.PlannedAmount
	}
	unit = strings.TrimSpace(firstNonEmpty(r.Unit, unit))
	exp := any(nil)
	if r.ExpectedDate != "" {
		exp = r.ExpectedDate
	} else if expected.Valid {
		exp = expected.String
	}
	var key []any
	if id == 0 {
		key = []any{epic}
	}
	id, a, err := w.put(businessCasesTable, id, key, []any{planned, unit, exp})
	if err != nil {
		return 0, fmt.Errorf("%s: %w", loc, err)
	}
	w.note("business_cases", id, a)
	return id, nil
}

// feedback upserts CSAT/NPS scores by (program, product, kind, period start).
func (w *recordWriter) feedback(recs []backend.FeedbackRecord) error {
	for _, r := range recs {
		loc := where(r.File, r.Sheet, r.Row)
		var program int64
		if p := strings.TrimSpace(r.Program); p != "" {
			var err error
			if program, err = w.im.program(p); err != nil {
				return fmt.Errorf("%s: %w", loc, err)
			}
		}
		id, err := w.lookupID(`SELECT id FROM customer_feedback WHERE program_id IS ? AND product = ? COLLATE NOCASE AND kind = ? AND period_start = ? ORDER BY id LIMIT 1`,
			id0(program), r.Product, r.Kind, r.PeriodStart)
		if err != nil {
			return fmt.Errorf("%s: look up feedback: %w", loc, err)
		}
		id, a, err := w.put(feedbackTable, id, nil, []any{id0(program), r.Product, r.Kind, r.PeriodStart, r.PeriodEnd, r.Score, r.Responses, w.batch, r.File, r.Sheet, r.Row})
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		w.note("feedback", id, a)
	}
	return nil
}
