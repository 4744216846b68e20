package metrics

import "fmt"

// Period is a span of civil days, both ends included.
type Period struct {
	From Day
	To   Day
}

// Contains reports whether d lies in the period.
func (p Period) Contains(d Day) bool { return d >= p.From && d <= p.To }

// Days is the number of days in the period (From = To is one day).
func (p Period) Days() int { return int(p.To-p.From) + 1 }

// Weeks is the period's length in weeks (days ÷ 7), for per-week rates.
func (p Period) Weeks() float64 { return float64(p.Days()) / 7 }

// String formats the period as "2026-01-01..2026-03-31".
func (p Period) String() string { return fmt.Sprintf("%s..%s", p.From, p.To) }

// ParsePeriod builds a period from two YYYY-MM-DD dates.
func ParsePeriod(from, to string) (Period, error) {
	f, err := ParseDay(from)
	if err != nil {
		return Period{}, err
	}
	t, err := ParseDay(to)
	if err != nil {
		return Period{}, err
	}
	if t < f {
		return Period{}, fmt.Errorf("period %s..%s ends before it starts", from, to)
	}
	return Period{From: f, To: t}, nil
}

// ISOWeekPeriod returns Monday to Sunday of d's ISO week.
func ISOWeekPeriod(d Day) Period {
	m := d.WeekStart()
	return Period{From: m, To: m + 6}
}

// Quarter returns the calendar quarter containing d, e.g. 2026-Q3 =
// 1 July – 30 September, with fiscalStart (1–12) moving the year's first
// month: with fiscalStart 4, Q1 is April–June.
func Quarter(d Day, fiscalStart int) (Period, string) {
	if fiscalStart < 1 || fiscalStart > 12 {
		fiscalStart = 1
	}
	t := d.Time()
	monthsIn := (int(t.Month()) - fiscalStart + 12) % 12
	q := monthsIn / 3
	startMonth := int(t.Month()) - monthsIn%3
	y := t.Year()
	from := DayFromDate(y, monthOf(startMonth), 1)
	end := DayFromDate(y, monthOf(startMonth+3), 1) - 1
	fy := y
	if fiscalStart != 1 && int(t.Month()) >= fiscalStart {
		fy = y + 1 // fiscal years are named by the calendar year they end in
	}
	return Period{From: from, To: end}, fmt.Sprintf("%d-Q%d", fy, q+1)
}

// WeeksIn lists the ISO weeks that overlap p, oldest first, each clipped to p.
func WeeksIn(p Period) []Period {
	var out []Period
	for m := p.From.WeekStart(); m <= p.To; m += 7 {
		w := Period{From: max(m, p.From), To: min(m+6, p.To)}
		out = append(out, w)
	}
	return out
}
