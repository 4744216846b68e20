package analytics

import (
	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

// workingDayForecast runs a forecast in working-day time: the samples are
// the team's working days of the N-day window (items done on a non-working
// day count on the working day before it), the simulation steps through
// working days only, and the answers are mapped back to calendar dates.
func workingDayForecast(in *metrics.Input, teamID int64, fi metrics.ForecastInput, opts ForecastOptions, res ForecastResult) (ForecastResult, error) {
	cal := in.Calendar(teamID)
	window := metrics.Period{From: in.AsOf - metrics.Day(len(fi.Samples)) + 1, To: in.AsOf}
	var samples []int
	carry := 0 // done on non-working days before the first working day of the window
	for i, n := range fi.Samples {
		d := window.From + metrics.Day(i)
		switch {
		case cal.IsWorkday(d):
			samples = append(samples, n+carry)
			carry = 0
		case len(samples) > 0:
			samples[len(samples)-1] += n
		default:
			carry += n
		}
	}
	if len(samples) == 0 {
		return res, backend.Errorf(backend.EInvalid, "The sample window %s has no working day for this team.", window)
	}
	// Virtual time: day k is the k-th working day after as-of.
	const origin = metrics.Day(0)
	fi.Samples, fi.AsOf = samples, origin
	nth := func(k int) metrics.Day { // the k-th working day after as-of (k ≥ 1)
		d := in.AsOf
		for k > 0 {
			d++
			if cal.IsWorkday(d) {
				k--
			}
		}
		return d
	}
	fix := func(b *metrics.ForecastBasis) {
		b.AsOf, b.FirstDay = in.AsOf.String(), nth(1).String()
		b.SampleFrom, b.SampleTo, b.Window = window.From.String(), window.To.String(), window
		b.Warnings = append(b.Warnings, "working-day mode: weekends and the team's holidays are left out of the sample and the simulation")
	}
	if opts.Items > 0 {
		w, err := metrics.ForecastWhen(fi, opts.Items)
		if err != nil {
			return res, err
		}
		fix(&w.ForecastBasis)
		for i := range w.Readings {
			if r := &w.Readings[i]; r.OK {
				r.Day = nth(int(r.Day - origin))
				r.Date, r.Days = r.Day.String(), int(r.Day-in.AsOf)
			}
		}
		for i := range w.Histogram {
			h := &w.Histogram[i]
			h.Day = nth(int(h.Day - origin))
			h.Date = h.Day.String()
		}
		res.When = &w
		return res, nil
	}
	by, err := metrics.ParseDay(opts.By)
	if err != nil {
		return res, backend.Errorf(backend.EInvalid, "%q is not a date; write it as YYYY-MM-DD.", opts.By)
	}
	if by <= in.AsOf {
		return res, backend.Errorf(backend.EInvalid, "The date %s is not after the as-of date %s.", by, in.AsOf)
	}
	steps := cal.WorkingDays(in.AsOf+1, by)
	if steps == 0 {
		return res, backend.Errorf(backend.EInvalid, "There is no working day between %s and %s for this team.", in.AsOf+1, by)
	}
	h, err := metrics.ForecastHowMany(fi, origin+metrics.Day(steps))
	if err != nil {
		return res, err
	}
	fix(&h.ForecastBasis)
	h.By, h.ByDate, h.Days = by, by.String(), int(by-in.AsOf)
	res.HowMany = &h
	return res, nil
}
