package imports_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend/imports"
)

func TestParseDate(t *testing.T) {
	utc := time.UTC
	cases := []struct {
		name, in string
		order    imports.DateOrder
		want     time.Time
		dateOnly bool
		zoned    bool
	}{
		{"ISODate", "2026-02-25", 0, time.Date(2026, 2, 25, 0, 0, 0, 0, berlin), true, false},
		{"ISODateSlashes", "2026/02/25", 0, time.Date(2026, 2, 25, 0, 0, 0, 0, berlin), true, false},
		{"ISODateTimeZ", "2026-02-25T15:04:05Z", 0, time.Date(2026, 2, 25, 15, 4, 5, 0, utc), false, true},
		{"JiraChangelogOffset", "2026-02-25T15:04:05.000+0100", 0, time.Date(2026, 2, 25, 14, 4, 5, 0, utc), false, true},
		{"OffsetWithColon", "2026-02-25T15:04:05-05:30", 0, time.Date(2026, 2, 25, 20, 34, 5, 0, utc), false, true},
		{"RallyMilliseconds", "2026-02-25T15:04:05.123Z", 0, time.Date(2026, 2, 25, 15, 4, 5, 123e6, utc), false, true},
		{"ISOWithSpaceNoZone", "2026-02-25 15:04", 0, time.Date(2026, 2, 25, 15, 4, 0, 0, berlin), false, false},
		{"ISOWithSeconds", "2026-02-25 15:04:05", 0, time.Date(2026, 2, 25, 15, 4, 5, 0, berlin), false, false},
		{"JiraShortYear12h", "25/Feb/26 3:04 PM", 0, time.Date(2026, 2, 25, 15, 4, 0, 0, berlin), false, false},
		{"JiraMidnightAM", "25/Feb/26 12:30 AM", 0, time.Date(2026, 2, 25, 0, 30, 0, 0, berlin), false, false},
		{"JiraNoonPM", "25/Feb/26 12:30 pm", 0, time.Date(2026, 2, 25, 12, 30, 0, 0, berlin), false, false},
		{"JiraLongYear24h", "25/Feb/2026 15:04", 0, time.Date(2026, 2, 25, 15, 4, 0, 0, berlin), false, false},
		{"MonthNameDashes", "25-Feb-2026", 0, time.Date(2026, 2, 25, 0, 0, 0, 0, berlin), true, false},
		{"MonthNameSpaces", "25 February 2026", 0, time.Date(2026, 2, 25, 0, 0, 0, 0, berlin), true, false},
		{"GermanMonth", "25. Mär. 2026", 0, time.Date(2026, 3, 25, 0, 0, 0, 0, berlin), true, false},
		{"FrenchMonth", "25/févr./26 10:00", 0, time.Date(2026, 2, 25, 10, 0, 0, 0, berlin), false, false},
		{"USLongForm", "Feb 25, 2026", 0, time.Date(2026, 2, 25, 0, 0, 0, 0, berlin), true, false},
		{"DottedAlwaysDayFirst", "25.02.2026", 0, time.Date(2026, 2, 25, 0, 0, 0, 0, berlin), true, false},
		{"DottedWithTime", "01.02.2026 14:00", 0, time.Date(2026, 2, 1, 14, 0, 0, 0, berlin), false, false},
		{"SlashDMY", "25/02/2026 14:00", imports.DateOrderDMY, time.Date(2026, 2, 25, 14, 0, 0, 0, berlin), false, false},
		{"SlashMDY", "02/25/2026", imports.DateOrderMDY, time.Date(2026, 2, 25, 0, 0, 0, 0, berlin), true, false},
		{"AzureDevOps", "2/25/2026 3:04:05 PM", imports.DateOrderMDY, time.Date(2026, 2, 25, 15, 4, 5, 0, berlin), false, false},
		{"CommaBeforeTime", "2/25/2026, 3:04 PM", imports.DateOrderMDY, time.Date(2026, 2, 25, 15, 4, 0, 0, berlin), false, false},
		{"TwoDigitYear", "2/3/26", imports.DateOrderDMY, time.Date(2026, 3, 2, 0, 0, 0, 0, berlin), true, false},
		{"TwoDigitYearLastCentury", "1/1/99", imports.DateOrderDMY, time.Date(1999, 1, 1, 0, 0, 0, 0, berlin), true, false},
		{"GMTSuffix", "2026-02-25 15:04 GMT", 0, time.Date(2026, 2, 25, 15, 4, 0, 0, utc), false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := imports.ParseDate(c.in, imports.DateOptions{Order: c.order, Location: berlin})
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", c.in, err)
			}
			if !got.Time.Equal(c.want) || got.DateOnly != c.dateOnly || got.Zoned != c.zoned {
				t.Errorf("ParseDate(%q) = %v (dateOnly %v, zoned %v), want %v (%v, %v)", c.in, got.Time, got.DateOnly, got.Zoned, c.want, c.dateOnly, c.zoned)
			}
		})
	}

	t.Run("AbsentValues", func(t *testing.T) {
		for _, s := range []string{"", "  ", "n/a", "N/A", "-", "—", "null"} {
			if d, err := imports.ParseDate(s, imports.DateOptions{}); err != nil || !d.IsZero() || d.Civil() != "" {
				t.Errorf("ParseDate(%q) = %v, %v; want absent", s, d, err)
			}
		}
	})
	t.Run("Rejected", func(t *testing.T) {
		for _, s := range []string{"31/13/2026", "2026-02-30", "2026-13-01", "25/Foo/2026", "yesterday", "45915", "1.5", "25:00", "2026-02-25T25:00", "2026-02-25T10:00+15:00",
			"13:00 PM", "2/25/2026 13:04 PM", "2026-02-25 10:00 junk", "1.2.3"} {
			if _, err := imports.ParseDate(s, imports.DateOptions{Order: imports.DateOrderDMY}); err == nil {
				t.Errorf("ParseDate(%q) succeeded", s)
			}
		}
	})
	t.Run("OrderNeededIsNeverGuessedPerValue", func(t *testing.T) {
		for _, s := range []string{"25/02/2026", "02/25/2026", "01/02/2026"} {
			if _, err := imports.ParseDate(s, imports.DateOptions{}); err == nil {
				t.Errorf("ParseDate(%q) without an order succeeded", s)
			}
		}
	})
}

func TestExcelSerial(t *testing.T) {
	civil := func(serial float64, d1904 bool) string {
		d, err := imports.ExcelSerial(serial, d1904, time.UTC)
		if err != nil {
			return "error"
		}
		return d.Time.Format("2006-01-02 15:04:05.000")
	}
	cases := []struct {
		name   string
		serial float64
		d1904  bool
		want   string
	}{
		{"FirstDayOf1900", 1, false, "1900-01-01 00:00:00.000"},
		{"LastRealFebruaryDay1900", 59, false, "1900-02-28 00:00:00.000"},
		{"LotusLeapDayDoesNotExist", 60, false, "error"},
		{"AfterTheLotusBug", 61, false, "1900-03-01 00:00:00.000"},
		{"Serial0In1900", 0, false, "error"},
		{"ModernDate", 46078, false, "2026-02-25 00:00:00.000"},
		{"TimeOfDay", 46078.75, false, "2026-02-25 18:00:00.000"},
		{"RoundsToTheMillisecond", 45915.345138888886, false, "2025-09-15 08:17:00.000"},
		{"AlmostMidnightRollsOver", 46078.9999999999, false, "2026-02-26 00:00:00.000"},
		{"LastExcelDate", 2958465, false, "9999-12-31 00:00:00.000"},
		{"PastTheLastDate", 2958466, false, "error"},
		{"Negative", -1, false, "error"},
		{"System1904Origin", 0, true, "1904-01-01 00:00:00.000"},
		{"System1904Offset", 46078 - 1462, true, "2026-02-25 00:00:00.000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := civil(c.serial, c.d1904); got != c.want {
				t.Errorf("ExcelSerial(%v, 1904=%v) = %s, want %s", c.serial, c.d1904, got, c.want)
			}
		})
	}
}

func TestDateColumn(t *testing.T) {
	h := imports.Header{Index: 3, Letter: "D", Name: "Created", Occurrence: 1}
	decide := func(values ...string) (*imports.DateColumn, imports.DateOrder, error) {
		dc := imports.NewDateColumn("team-a.csv", "", h, imports.DateOptions{})
		for i, v := range values {
			dc.Observe(i+2, imports.Cell{Text: v, Kind: imports.CellText})
		}
		o, err := dc.Decide()
		return dc, o, err
	}
	t.Run("DayFirstEvidenceDecidesTheWholeColumn", func(t *testing.T) {
		dc, o, err := decide("01/02/2026", "03/04/2026", "25/02/2026")
		if o != imports.DateOrderDMY || err != nil {
			t.Fatalf("order %v, %v", o, err)
		}
		if d, p := dc.Parse(2, imports.Cell{Text: "01/02/2026", Kind: imports.CellText}); p != nil || d.Civil() != "2026-02-01" {
			t.Errorf("01/02/2026 = %s, %v", d.Civil(), p)
		}
	})
	t.Run("MonthFirstEvidenceDecidesTheWholeColumn", func(t *testing.T) {
		_, o, err := decide("01/02/2026", "2/25/2026 3:04:05 PM")
		if o != imports.DateOrderMDY || err != nil {
			t.Fatalf("order %v, %v", o, err)
		}
	})
	t.Run("NoNumericDatesNeedNoOrder", func(t *testing.T) {
		if _, o, err := decide("2026-02-25", "25/Feb/26 3:04 PM", "25.02.2026", "", "n/a"); o != imports.DateOrderAuto || err != nil {
			t.Fatalf("order %v, %v", o, err)
		}
	})
	t.Run("AmbiguousIsADistinctResult", func(t *testing.T) {
		_, _, err := decide("01/02/2026", "03/04/2026")
		if !errors.Is(err, imports.ErrAmbiguousDateOrder) || errors.Is(err, imports.ErrConflictingDateOrder) {
			t.Fatalf("err = %v", err)
		}
		var p *imports.Problem
		if !errors.As(err, &p) || !strings.Contains(p.String(), `team-a.csv, column D (Created): has dates such as "01/02/2026" (row 2)`) {
			t.Errorf("problem = %v", p)
		}
	})
	t.Run("InvalidValueIsAnErrorWithTheExpectedForm", func(t *testing.T) {
		dc, _, _ := decide("25/02/2026", "31/13/2026")
		_, p := dc.Parse(14, imports.Cell{Text: "31/13/2026", Kind: imports.CellText})
		want := `team-a.csv, row 14, column D (Created): "31/13/2026" is not a date; expected day/month/year like 25/02/2026.`
		if p == nil || p.String() != want || p.Severity != imports.SeverityError {
			t.Fatalf("problem = %v\nwant      %s", p, want)
		}
		dc, _, _ = decide("02/25/2026")
		if _, p := dc.Parse(3, imports.Cell{Text: "13/25/2026", Kind: imports.CellText}); p == nil || !strings.Contains(p.Message, "month/day/year like 02/25/2026") {
			t.Errorf("MDY problem = %v", p)
		}
	})
	t.Run("NumberInATextFileIsNotASerial", func(t *testing.T) {
		dc, _, _ := decide()
		if _, p := dc.Parse(2, imports.Cell{Text: "46078", Kind: imports.CellText}); p == nil || !strings.Contains(p.Message, "Excel date serial") {
			t.Errorf("problem = %v", p)
		}
	})
	t.Run("ImplausibleYearIsAnError", func(t *testing.T) {
		dc, _, _ := decide()
		if _, p := dc.Parse(2, imports.Cell{Text: "1899-12-31", Kind: imports.CellText}); p == nil || !strings.Contains(p.Message, "outside the plausible years 1950–2199") {
			t.Errorf("problem = %v", p)
		}
	})
}

func TestParseDateOrder(t *testing.T) {
	for in, want := range map[string]imports.DateOrder{"dmy": imports.DateOrderDMY, "MDY": imports.DateOrderMDY, "": imports.DateOrderAuto, "day-first": imports.DateOrderDMY} {
		if got, err := imports.ParseDateOrder(in); got != want || err != nil {
			t.Errorf("ParseDateOrder(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := imports.ParseDateOrder("ymd"); err == nil {
		t.Error("ymd accepted")
	}
	if imports.DateOrderMDY.String() != "mdy" {
		t.Error("String")
	}
}
