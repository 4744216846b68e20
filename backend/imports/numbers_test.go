package imports_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/imports"
)

func TestParseNumber(t *testing.T) {
	cases := []struct {
		name, in string
		decimal  rune
		want     float64
		percent  bool
	}{
		{"Integer", "42", 0, 42, false},
		{"PointDecimal", "12.5", 0, 12.5, false},
		{"CommaDecimal", "12,5", 0, 12.5, false},
		{"ThousandsAndPoint", "1,234.5", 0, 1234.5, false},
		{"ThousandsAndComma", "1.234,5", 0, 1234.5, false},
		{"SeveralGroups", "1,234,567", 0, 1234567, false},
		{"SeveralDotGroups", "1.234.567", 0, 1234567, false},
		{"NoBreakSpaceGroups", "1\u00a0234,56", 0, 1234.56, false},
		{"NarrowNoBreakSpaceGroups", "1\u202f234\u202f567", 0, 1234567, false},
		{"SwissApostrophe", "1'234.50", 0, 1234.5, false},
		{"Percent", "80%", 0, 0.8, true},
		{"PercentWithSpaceAndComma", "12,5 %", 0, 0.125, true},
		{"Negative", "-3", 0, -3, false},
		{"UnicodeMinus", "\u22123.5", 0, -3.5, false},
		{"Accounting", "(1,234)", '.', -1234, false},
		{"EuroSuffix", "1.234,50 €", 0, 1234.5, false},
		{"DollarPrefix", "$1,234.50", 0, 1234.5, false},
		{"LeadingZeroComma", "0,500", 0, 0.5, false},
		{"Exponent", "1E+308", 0, 1e308, false},
		{"SmallExponent", "1.5e-3", 0, 0.0015, false},
		{"ChosenComma", "1,234", ',', 1.234, false},
		{"ChosenPoint", "1,234", '.', 1234, false},
		{"LeadingDecimal", ".5", 0, 0.5, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := imports.ParseNumber(c.in, c.decimal)
			if err != nil || !n.Set || n.Value != c.want || n.Percent != c.percent {
				t.Errorf("ParseNumber(%q, %q) = %+v, %v; want %v (percent %v)", c.in, c.decimal, n, err, c.want, c.percent)
			}
		})
	}
	t.Run("Absent", func(t *testing.T) {
		for _, s := range []string{"", " ", "n/a", "N/A", "-", "–", "null"} {
			if n, err := imports.ParseNumber(s, 0); err != nil || n.Set {
				t.Errorf("ParseNumber(%q) = %+v, %v", s, n, err)
			}
		}
	})
	t.Run("AmbiguousWithoutAChosenSeparator", func(t *testing.T) {
		for _, s := range []string{"1,234", "1.234", "12,500"} {
			if _, err := imports.ParseNumber(s, 0); !errors.Is(err, imports.ErrAmbiguousDecimal) {
				t.Errorf("ParseNumber(%q) err = %v", s, err)
			}
		}
	})
	t.Run("Rejected", func(t *testing.T) {
		for _, s := range []string{"abc", "12,5,3", "1,23,456", "1.2.3,4,5", "NaN", "Inf", "Infinity", "1E+309", "12345678901234567890", "1e", "--1", "1 2", "€", "%", "12abc", "0x10"} {
			if n, err := imports.ParseNumber(s, '.'); err == nil {
				t.Errorf("ParseNumber(%q) = %+v, want an error", s, n)
			}
		}
	})
}

func TestNumberColumn(t *testing.T) {
	h := imports.Header{Index: 5, Letter: "F", Name: "Points", Occurrence: 1}
	col := func(values ...string) *imports.NumberColumn {
		nc := imports.NewNumberColumn("team-a.csv", "", h, 0)
		for i, v := range values {
			nc.Observe(i+2, imports.Cell{Text: v, Kind: imports.CellText})
		}
		return nc
	}
	t.Run("DecimalCommaDecidedByTheColumn", func(t *testing.T) {
		nc := col("1,234", "12,5")
		if d, err := nc.Decide(); d != ',' || err != nil {
			t.Fatalf("decimal %q, %v", d, err)
		}
		if n, p := nc.Parse(2, imports.Cell{Text: "1,234", Kind: imports.CellText}); p != nil || n.Value != 1.234 {
			t.Errorf("1,234 = %v, %v", n, p)
		}
	})
	t.Run("ConflictListsRows", func(t *testing.T) {
		_, err := col("1,234.5", "3", "1.234,5").Decide()
		if !errors.Is(err, imports.ErrConflictingDecimal) || !strings.Contains(err.Error(), "row 2 is written with a decimal point") || !strings.Contains(err.Error(), "row 4 is with a decimal comma") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("AmbiguousAsks", func(t *testing.T) {
		nc := col("1,234", "2,500")
		if _, err := nc.Decide(); !errors.Is(err, imports.ErrAmbiguousDecimal) {
			t.Errorf("err = %v", err)
		}
		if _, p := nc.Parse(2, imports.Cell{Text: "1,234", Kind: imports.CellText}); p == nil || p.Severity != imports.SeverityError {
			t.Errorf("parse of an ambiguous value = %v", p)
		}
		if n, p := nc.Parse(4, imports.Cell{Text: "7", Kind: imports.CellText}); p != nil || n.Value != 7 {
			t.Errorf("plain 7 = %v, %v", n, p)
		}
	})
	t.Run("WorkbookNumbersNeedNoDecision", func(t *testing.T) {
		nc := col("1,5")
		if n, p := nc.Parse(3, imports.Cell{Text: "1234.5", Kind: imports.CellNumber}); p != nil || n.Value != 1234.5 {
			t.Errorf("number cell = %v, %v", n, p)
		}
	})
	t.Run("ProblemNamesValueAndExpectedForm", func(t *testing.T) {
		_, p := col("12,5").Parse(9, imports.Cell{Text: "zwölf", Kind: imports.CellText})
		want := `team-a.csv, row 9, column F (Points): "zwölf" is not a number; expected a number like 1234,5 or 1.234,5.`
		if p == nil || p.String() != want {
			t.Errorf("problem = %v\nwant      %s", p, want)
		}
		_, p = col().Parse(9, imports.Cell{Text: "12345678901234567890", Kind: imports.CellText})
		if p == nil || !strings.Contains(p.Message, "map the column as text") {
			t.Errorf("precision problem = %v", p)
		}
	})
}
