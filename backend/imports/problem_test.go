package imports_test

import (
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/imports"
)

func TestProblem(t *testing.T) {
	cases := []struct {
		name string
		p    imports.Problem
		want string
	}{
		{"CellInACSV", imports.Problem{File: "team-a.csv", Row: 14, Column: "D", Header: "Created", Value: "31/13/2026", Message: "is not a date; expected day/month/year like 25/02/2026."},
			`team-a.csv, row 14, column D (Created): "31/13/2026" is not a date; expected day/month/year like 25/02/2026.`},
		{"CellInASheet", imports.Problem{File: "teams.xlsx", Sheet: "Items", Row: 3, Column: "B", Message: "is empty; every row needs a key."},
			`teams.xlsx, sheet "Items", row 3, column B: is empty; every row needs a key.`},
		{"WholeFile", imports.Problem{File: "x.csv", Message: "is not UTF-8."}, "x.csv: is not UTF-8."},
		{"HeaderWithoutLetter", imports.Problem{File: "x.csv", Header: "Sprint", Message: "appears twice."}, `x.csv, column "Sprint": appears twice.`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.p.String(); got != c.want {
				t.Errorf("String() = %s\nwant       %s", got, c.want)
			}
			if got := (&c.p).Error(); got != c.want {
				t.Errorf("Error() = %s", got)
			}
		})
	}
}

func TestQuoteValue(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"Plain", "Zoë 山田", "Zoë 山田"},
		{"ControlCharacters", "a\nb\tc\x00", `a\nb\tc\x00`},
		{"Quotes", `say "hi"`, `say \"hi\"`},
		{"BidiOverride", "abc\u202edef", `abc\u202edef`},
		{"ZeroWidth", "a\u200bb", `a\u200bb`},
		{"InvalidUTF8", "J\xfcrgen", "J\ufffdrgen"},
		{"Truncated", strings.Repeat("ä", 100), strings.Repeat("ä", 80) + "…"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := imports.QuoteValue(c.in); got != c.want {
				t.Errorf("QuoteValue(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
