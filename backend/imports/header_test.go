package imports_test

import (
	"testing"

	"github.com/throughline/throughline/backend/imports"
)

func cells(values ...string) []imports.Cell {
	out := make([]imports.Cell, len(values))
	for i, v := range values {
		if v != "" {
			out[i] = imports.Cell{Text: v, Kind: imports.CellText}
		}
	}
	return out
}

func TestDetectHeader(t *testing.T) {
	data := cells("PAY-1", "Story", "2026-02-25", "3")
	cases := []struct {
		name   string
		rows   [][]imports.Cell
		scorer func([]string) float64
		want   int
	}{
		{"FirstRow", [][]imports.Cell{cells("Key", "Type", "Created", "Points"), data, data}, imports.NoScorer, 0},
		{"TitleRowAbove", [][]imports.Cell{cells("Team Zoë export"), cells("Key", "Type", "Created", "Points"), data}, imports.NoScorer, 1},
		{"TwoCellTitleAboveAWideHeader", [][]imports.Cell{cells("Report:", "Q1 2026"), cells("Key", "Type", "Created", "Points", "Team", "Status"), cells("K", "S", "2026-01-01", "1", "Zoë", "Done")}, imports.NoScorer, 1},
		{"NoteRowsAbove", [][]imports.Cell{cells("Filter: project = PAY"), cells("Exported 25/02/2026"), cells("Key", "Type", "Created", "Points"), data}, imports.NoScorer, 2},
		{"TwoHeaderRowsTakeTheLower", [][]imports.Cell{cells("", "", "Dates", ""), cells("Key", "Type", "Created", "Points"), data}, imports.NoScorer, 1},
		{"GroupRowWithGapsTakesTheLower", [][]imports.Cell{cells("Item", "", "Dates", ""), cells("Key", "Type", "Created", "Resolved"), data}, imports.NoScorer, 1},
		{"NumbersAreNotAHeader", [][]imports.Cell{cells("1", "2", "3"), cells("Key", "Type", "Points"), cells("K", "S", "3")}, imports.NoScorer, 1},
		{"DatesAreNotAHeader", [][]imports.Cell{cells("2026-01-01", "2026-02-01"), cells("From", "To"), cells("2026-01-01", "2026-02-01")}, imports.NoScorer, 1},
		{"TextOnlyRegisterKeepsTheFirstRow", [][]imports.Cell{cells("Program", "Team", "Lead"), cells("Payments", "Team Zoë", "Zoë"), cells("Billing", "Team Jürgen", "Jürgen")}, imports.NoScorer, 0},
		{"ScorerFindsKnownNamesBelowAWideTitleRow", [][]imports.Cell{cells("Status report", "for", "the", "steering", "group", "today"), cells("Issue key", "Summary", "Status"), cells("PAY-1", "x", "Done")}, nil, 1},
		{"HeaderOnly", [][]imports.Cell{cells("Key", "Type")}, imports.NoScorer, 0},
		{"NothingQualifies", [][]imports.Cell{cells("x"), cells("1", "2"), cells("3", "4")}, imports.NoScorer, 1},
		{"Empty", nil, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			scorer := c.scorer
			if scorer == nil {
				scorer = imports.KnownHeaderScore
			}
			if got := imports.DetectHeader(c.rows, scorer); got != c.want {
				t.Errorf("DetectHeader = %d, want %d", got, c.want)
			}
		})
	}
}

func TestChosenHeaderRow(t *testing.T) {
	data := "Key,Summary\nK-1,a\nTitle,Notes\n\nKey2,Summary2\nK-9,z\n"
	tb := mustCSV(t, "h.csv", data, imports.Options{Header: imports.HeaderOptions{Row: 5}})
	rows := allRows(t, tb)
	if tb.HeaderRow != 5 || tb.Headers[0].Name != "Key2" || len(rows) != 1 || rows[0].Number != 6 {
		t.Fatalf("header row %d %q, rows %v", tb.HeaderRow, headerNames(tb), rows)
	}
	_, err := readCSV(t, "h.csv", []byte(data), imports.Options{Header: imports.HeaderOptions{Row: 4}})
	assertErr(t, err, imports.ErrNoData, "row 4 is empty")
}

func TestNormalizeHeader(t *testing.T) {
	for in, want := range map[string]string{
		"Custom field (Story Points)": "custom field story points",
		"Fix Version/s":               "fix version s",
		" In-Progress Date ":          "in progress date",
		"Issue\u00a0key":              "issue key",
		"ＫＥＹ":                         "key",
		"Σ Time Spent":                "σ time spent",
		"山田":                          "山田",
		"#":                           "",
	} {
		if got := imports.NormalizeHeader(in); got != want {
			t.Errorf("NormalizeHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnLetter(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA", 16383: "XFD", -1: ""} {
		if got := imports.ColumnLetter(i); got != want {
			t.Errorf("ColumnLetter(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestHeaders(t *testing.T) {
	tb := mustCSV(t, "h.csv", "Key,,Summary,Sprint,Sprint\nK-1,x,a,S1,S2\n", imports.Options{})
	if h := tb.Headers[1]; h.Name != "" || h.Letter != "B" || h.Label() != "column B" {
		t.Errorf("empty header = %+v", h)
	}
	if h := tb.Headers[4]; h.Occurrence != 2 || h.Label() != "Sprint (2)" || h.Key() != "sprint" {
		t.Errorf("second sprint = %+v", h)
	}
	if ps := problemStrings(tb.Problems()); ps != "h.csv, row 1, column B: has no header; its values are ignored unless you map the column." {
		t.Errorf("problems = %q", ps)
	}
}
