package intake_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/intake"
	"github.com/throughline/throughline/backend/sqlite"
)

// wantProblem is a problem a report must list: where, and words of the
// value and the reason.
type wantProblem struct {
	sheet          string
	row            int
	column, header string
	value, reason  string
}

func (w wantProblem) matches(p intake.Problem) bool {
	return p.Sheet == w.sheet && p.Row == w.row && p.Column == w.column && p.Header == w.header &&
		strings.Contains(p.Value, w.value) && strings.Contains(p.Reason, w.reason)
}

func checkProblems(t *testing.T, kind string, got []intake.Problem, want []wantProblem) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d %s, want %d:\n%s", len(got), kind, len(want), problemList(got))
		return
	}
	for i, w := range want {
		if !w.matches(got[i]) {
			t.Errorf("%s %d = %+v, want %+v", kind, i, got[i], w)
		}
	}
}

func problemList(ps []intake.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  %+v\n", p)
	}
	return b.String()
}

// storedItem is an item as the portfolio file holds it; times are UTC
// RFC 3339 as stored, the history "From>To@time" in time order.
type storedItem struct {
	typ, team, program, status, parent, created, resolved string
	points                                                float64
	history                                               string
}

func stored(t *testing.T, db *sqlite.DB, source, key string) storedItem {
	t.Helper()
	var s storedItem
	var id int64
	err := db.SQL().QueryRow(`SELECT w.id, w.type, coalesce(t.name, ''), coalesce(p.name, ''), w.status, coalesce(par.external_key, ''),
		w.created_at, coalesce(w.resolved_at, ''), coalesce(w.points, -1)
		FROM work_items w LEFT JOIN teams t ON t.id = w.team_id LEFT JOIN programs p ON p.id = w.program_id
		LEFT JOIN work_items par ON par.id = w.parent_id WHERE w.source_system = ? AND w.external_key = ?`, source, key).
		Scan(&id, &s.typ, &s.team, &s.program, &s.status, &s.parent, &s.created, &s.resolved, &s.points)
	if err != nil {
		t.Fatalf("item %s/%s: %v", source, key, err)
	}
	rows, err := db.SQL().Query(`SELECT from_status, to_status, changed_at FROM status_changes WHERE item_id = ? ORDER BY changed_at, id`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var h []string
	for rows.Next() {
		var from, to, at string
		if err := rows.Scan(&from, &to, &at); err != nil {
			t.Fatal(err)
		}
		h = append(h, from+">"+to+"@"+at)
	}
	s.history = strings.Join(h, " ")
	return s
}

// berlinDB is a new portfolio whose reporting time zone is Berlin, so that
// the exports' local times are stored as the UTC instants asserted here.
func berlinDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db := newDB(t)
	ctx := context.Background()
	st, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.TimeZone = "Europe/Berlin"
	if err := db.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	return db
}

// unseenImport is one import of an unseen export into a new portfolio,
// after the files in before (items a changelog belongs to).
type unseenImport struct {
	name      string
	before    []string
	src       func(t *testing.T) intake.Source
	opts      intake.Options
	format    string
	delimiter string
	rows      int
	created   int
	history   int
	rejected  []wantProblem
	warnings  []wantProblem
	items     map[string]storedItem // "source/key" → stored item
	check     func(t *testing.T, db *sqlite.DB, r intake.FileReport)
}

func file(path string) func(t *testing.T) intake.Source {
	return func(t *testing.T) intake.Source { return fixture(t, "unseen/"+path) }
}

// notMapped is the warning for a status no default maps.
func notMapped(row int, status string) wantProblem {
	return wantProblem{row: row, value: status, reason: fmt.Sprintf("Status %q", status)}
}

func runUnseenImports(t *testing.T, cases []unseenImport) {
	t.Helper()
	ctx := context.Background()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := berlinDB(t)
			for _, b := range c.before {
				reps, err := intake.Import(ctx, db, []intake.Source{fixture(t, "unseen/"+b)}, intake.Options{}, nil)
				if err != nil || !reps[0].Stored {
					t.Fatalf("import %s first: %v %+v", b, err, reps)
				}
			}
			reps, err := intake.Import(ctx, db, []intake.Source{c.src(t)}, c.opts, nil)
			if err != nil {
				t.Fatal(err)
			}
			r := reps[0]
			if r.Error != "" || !r.Stored || r.Format != c.format || r.RowsRead != c.rows || r.ItemsCreated != c.created ||
				r.HistoryAdded != c.history || r.RowsRejected != len(c.rejected) || r.Delimiter != c.delimiter || len(r.AmbiguousDates) != 0 {
				t.Fatalf("report: error %q, stored %v, format %q, delimiter %q, %d rows read, %d created, %d history, %d rejected\nwant format %q, delimiter %q, %d rows, %d created, %d history, %d rejected\nrejected:\n%swarnings:\n%s",
					r.Error, r.Stored, r.Format, r.Delimiter, r.RowsRead, r.ItemsCreated, r.HistoryAdded, r.RowsRejected,
					c.format, c.delimiter, c.rows, c.created, c.history, len(c.rejected), problemList(r.Rejected), problemList(r.Warnings))
			}
			checkProblems(t, "rejected", r.Rejected, c.rejected)
			checkProblems(t, "warnings", r.Warnings, c.warnings)
			for k, want := range c.items {
				source, key, _ := strings.Cut(k, "/")
				if got := stored(t, db, source, key); got != want {
					t.Errorf("%s:\n got %+v\nwant %+v", k, got, want)
				}
			}
			if c.check != nil {
				c.check(t, db, r)
			}
		})
	}
}
