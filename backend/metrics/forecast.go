package metrics

import (
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"

	"github.com/throughline/throughline/backend"
)

// Monte Carlo forecasting from historical daily throughput (PRODUCT §4.9):
// sample the throughput of the last N calendar days up to and including the
// as-of date (zero days included), simulate calendar days from the day
// after as-of, run ForecastTrials seeded trials, and read the outcomes at
// 50, 85 and 95% confidence. Everything here counts calendar days: the
// working-day calendar (calendar.go) plays no part, because the sample's
// zero days already carry the weekends and holidays.

const (
	// DefaultSampleDays is the default length N of the throughput sample
	// window, in calendar days ending on the as-of date (PRODUCT §4.9).
	DefaultSampleDays = 90
	// ForecastTrials is the number of trials of every forecast (PRODUCT §4.9).
	ForecastTrials = 10000
	// ForecastHorizonDays is how far ahead a trial is simulated: ten years
	// (10 × 365.25 days, rounded up). A "when" trial that has not finished by
	// then is counted as beyond the horizon instead of looping on.
	ForecastHorizonDays = 3653
	// MinActiveSampleDays is the fewest sample days with at least one item
	// done below which a forecast carries a warning: it rests on very little
	// evidence (metric-definitions §3, recommendations).
	MinActiveSampleDays = 10

	// fixedScale is the fixed-point unit of simulated throughput: one item
	// is fixedScale units, so a throughput change of any percentage with up
	// to four decimals is applied exactly, with no floating-point drift.
	fixedScale = 1_000_000
	// pctUnits converts a percentage to millionths of a multiplier:
	// (100 + pct) × pctUnits = (1 + pct/100) × fixedScale.
	pctUnits = fixedScale / 100
	// maxChangePct bounds both scenario changes, which keeps every sum in
	// int64 range (at most a hundred-and-one-fold).
	maxChangePct = 10000
	// maxDailySample and maxItems bound the inputs for the same reason; no
	// real team comes near them.
	maxDailySample = 1_000_000
	maxItems       = 10_000_000
)

// ForecastConfidences are the confidence levels every forecast reports,
// in percent, in the order of its Readings (PRODUCT §4.9).
var ForecastConfidences = [3]int{50, 85, 95}

// ForecastInput is what both forecast questions start from.
type ForecastInput struct {
	// Samples is the daily throughput (items done per day) of the N sample
	// days, oldest first; the last entry is AsOf. Zero days are included.
	// DailySamples builds it from items' done days.
	Samples []int
	// AsOf is the last day of the sample window; simulation starts the day
	// after (PRODUCT §4.9).
	AsOf Day
	// Seed seeds the random draws: the same input and seed give the same
	// forecast, on any machine and Go version.
	Seed uint64
	// ThroughputChangePct is a scenario: −20 multiplies every sampled day's
	// throughput by 0.8. The result is kept as a fractional count, so 0.8
	// items a day finish 4 items on the fifth day. From −100 to +10,000; −100
	// leaves no throughput and therefore no answer.
	ThroughputChangePct float64
	// ScopeChangePct is a scenario for "when" only: K items become
	// ⌈K × (1 + pct/100)⌉, so +50% turns 10 items into 15. Above −100 and up
	// to +10,000. ForecastHowMany refuses a non-zero one.
	ScopeChangePct float64
}

// ForecastBasis is what a forecast was computed from, shown with every
// forecast so it can be redone (PRODUCT §4.9; metric-definitions §3: show
// the sample window, record the seed).
type ForecastBasis struct {
	AsOf                string   `json:"as_of"`       // YYYY-MM-DD
	FirstDay            string   `json:"first_day"`   // as-of + 1, the first simulated day
	Trials              int      `json:"trials"`      // always ForecastTrials
	Seed                uint64   `json:"seed"`        // the seed of the draws
	SampleDays          int      `json:"sample_days"` // N
	Window              Period   `json:"-"`           // the sample window, both ends included
	SampleFrom          string   `json:"sample_from"` // first sample day, as-of − N + 1
	SampleTo            string   `json:"sample_to"`   // last sample day, the as-of date
	SampleItems         int      `json:"sample_items"`
	ActiveDays          int      `json:"active_days"` // sample days with at least one item done
	ThroughputChangePct float64  `json:"throughput_change_pct"`
	HorizonDays         int      `json:"horizon_days"` // ForecastHorizonDays
	Warnings            []string `json:"warnings"`
	// Reason says why the forecast has no answer at all (e.g. no items were
	// done in the sample window); empty when there are readings.
	Reason string `json:"reason,omitempty"`
}

// DateReading is one confidence level of a "when" forecast: the earliest
// day D such that at least Confidence% of the trials had finished on or
// before D. It is read off the trials' empirical distribution, never
// interpolated, so it is always a day some trial actually finished on.
type DateReading struct {
	Confidence int    // 50, 85 or 95 (percent)
	OK         bool   // false when the trials give no such day; see Reason
	Day        Day    // the day, when OK
	Date       string // Day as YYYY-MM-DD, when OK
	Days       int    // calendar days after as-of, when OK: 1 = the first simulated day
	Reason     string // why there is no day, when not OK
}

// MarshalJSON encodes the reading with date and days null when there is no
// answer, as Value does.
func (r DateReading) MarshalJSON() ([]byte, error) {
	out := struct {
		Confidence int     `json:"confidence"`
		Date       *string `json:"date"`
		Days       *int    `json:"days"`
		Reason     string  `json:"reason,omitempty"`
	}{Confidence: r.Confidence, Reason: r.Reason}
	if r.OK {
		out.Date, out.Days = &r.Date, &r.Days
	}
	return json.Marshal(out)
}

// DateBin is one bar of a "when" histogram.
type DateBin struct {
	Day             Day     `json:"-"`
	Date            string  `json:"date"`             // YYYY-MM-DD
	Trials          int     `json:"trials"`           // trials that finished on this day
	CumulativeShare float64 `json:"cumulative_share"` // share of all trials finished on or before it
}

// WhenForecast answers "when will these K items be done?" (PRODUCT §4.9).
type WhenForecast struct {
	ForecastBasis
	Items          int     `json:"items"`            // K as asked
	ScopeChangePct float64 `json:"scope_change_pct"` // the scope scenario
	ScopedItems    int     `json:"scoped_items"`     // K after the scope change, what was simulated
	// Readings are at 50, 85 and 95% confidence, in that order.
	Readings []DateReading `json:"readings"`
	// BeyondHorizon is the number of trials that had not finished within
	// ForecastHorizonDays; they count in every share's denominator.
	BeyondHorizon int `json:"beyond_horizon"`
	// Histogram lists, oldest first, the days on which at least one trial
	// finished (days without any are left out).
	Histogram []DateBin `json:"histogram"`
}

// CountReading is one confidence level of a "how many" forecast: the
// largest n such that at least Confidence% of the trials reached n items or
// more by the target date — the lower tail (PRODUCT §4.9). At 85% it is the
// 15th percentile of the trials' counts read downward, not the 85th.
type CountReading struct {
	Confidence int    `json:"confidence"` // 50, 85 or 95 (percent)
	Items      Value  `json:"items"`      // n; null when there is no answer
	Reason     string `json:"reason,omitempty"`
}

// CountBin is one bar of a "how many" histogram.
type CountBin struct {
	Items        int     `json:"items"`          // items done by the target date
	Trials       int     `json:"trials"`         // trials that ended with exactly Items
	AtLeastShare float64 `json:"at_least_share"` // share of all trials that reached Items or more
}

// HowManyForecast answers "how many items by date D?" (PRODUCT §4.9).
type HowManyForecast struct {
	ForecastBasis
	By     Day    `json:"-"`
	ByDate string `json:"by"`   // D as YYYY-MM-DD, the last simulated day
	Days   int    `json:"days"` // simulated days, as-of + 1 through D: D − as-of
	// Readings are at 50, 85 and 95% confidence, in that order.
	Readings []CountReading `json:"readings"`
	// Histogram lists the counts at least one trial ended with, smallest
	// first.
	Histogram []CountBin `json:"histogram"`
}

// DailySamples turns the done days of a team's items into the daily
// throughput series of the n calendar days ending on asOf (asOf − n + 1 …
// asOf), oldest first, with zero days included (PRODUCT §4.9). Done days
// outside the window, after asOf in particular, are ignored. It returns
// nil when n < 1, which the forecasts refuse.
func DailySamples(doneDays []Day, asOf Day, n int) []int {
	if n < 1 {
		return nil
	}
	out := make([]int, n)
	from := asOf - Day(n) + 1
	for _, d := range doneDays {
		if d >= from && d <= asOf {
			out[d-from]++
		}
	}
	return out
}

// ForecastWhen answers "when will these items be done?" (PRODUCT §4.9).
// Each of ForecastTrials trials draws, for each calendar day from as-of + 1
// on, one sample day's throughput uniformly with replacement (scaled by the
// throughput scenario) and records the day its running total first reaches
// the (scope-adjusted) item count. The reading at confidence p is the
// earliest day by which at least p of all trials had finished. Trials not
// finished within ForecastHorizonDays are beyond the horizon: they count in
// every share, and a reading they would decide has no answer.
//
// Invalid input (no sample days, a negative sample, items < 1, a scenario
// out of range) is an EInvalid error. A sample without any item done gives
// readings without answer and the reason, never an endless loop.
func ForecastWhen(in ForecastInput, items int) (WhenForecast, error) {
	sim, err := newSimulation(in)
	if err != nil {
		return WhenForecast{}, err
	}
	if items < 1 || items > maxItems {
		return WhenForecast{}, backend.Errorf(backend.EInvalid,
			"The number of items to forecast must be from 1 to %d; it is %d.", maxItems, items)
	}
	if err := checkPct("scope change", in.ScopeChangePct, true); err != nil {
		return WhenForecast{}, err
	}
	scoped := scopedItems(items, in.ScopeChangePct)
	if scoped < 1 {
		return WhenForecast{}, backend.Errorf(backend.EInvalid,
			"A scope change of %g%% leaves no items to forecast.", in.ScopeChangePct)
	}
	f := WhenForecast{
		ForecastBasis:  sim.basis,
		Items:          items,
		ScopeChangePct: in.ScopeChangePct,
		ScopedItems:    scoped,
		Readings:       make([]DateReading, len(ForecastConfidences)),
		Histogram:      []DateBin{},
	}
	for i, c := range ForecastConfidences {
		f.Readings[i] = DateReading{Confidence: c}
	}
	if sim.reason != "" {
		f.Reason = sim.reason
		for i := range f.Readings {
			f.Readings[i].Reason = sim.reason
		}
		return f, nil
	}

	// Offsets from as-of of each trial's completion day; beyond the horizon
	// is ForecastHorizonDays + 1, which sorts after every real day.
	const beyond = ForecastHorizonDays + 1
	out := make([]int32, ForecastTrials)
	target := int64(scoped) * fixedScale
	if target > sim.maxDraw*ForecastHorizonDays {
		// Even the best sample day every day would not get there.
		for t := range out {
			out[t] = beyond
		}
	} else {
		sim.run(func(t int, draw func() int64) {
			var cum int64
			day := int32(0)
			for cum < target && day < ForecastHorizonDays {
				day++
				cum += draw()
			}
			if cum < target {
				day = beyond
			}
			out[t] = day
		})
	}
	slices.Sort(out)

	for i, c := range ForecastConfidences {
		r := &f.Readings[i]
		off := out[need(c)-1] // the need(c)-th earliest completion
		if off == beyond {
			r.Reason = fmt.Sprintf("fewer than %d%% of the trials finish within the %d-year horizon (by %s)",
				c, ForecastHorizonDays/365, (in.AsOf + ForecastHorizonDays).String())
			continue
		}
		r.OK, r.Day, r.Days = true, in.AsOf+Day(off), int(off)
		r.Date = r.Day.String()
	}
	done := 0
	for lo := 0; lo < len(out) && out[lo] != beyond; {
		hi := lo
		for hi < len(out) && out[hi] == out[lo] {
			hi++
		}
		done += hi - lo
		d := in.AsOf + Day(out[lo])
		f.Histogram = append(f.Histogram, DateBin{Day: d, Date: d.String(), Trials: hi - lo,
			CumulativeShare: float64(done) / ForecastTrials})
		lo = hi
	}
	f.BeyondHorizon = ForecastTrials - done
	if f.BeyondHorizon > 0 {
		f.Warnings = append(f.Warnings, fmt.Sprintf(
			"%d of %d trials do not finish within the %d-year horizon.", f.BeyondHorizon, ForecastTrials, ForecastHorizonDays/365))
	}
	return f, nil
}

// ForecastHowMany answers "how many items by date by?" (PRODUCT §4.9). Each
// of ForecastTrials trials sums one drawn sample day's throughput (scaled by
// the throughput scenario) for each calendar day from as-of + 1 through by,
// both included, and keeps the whole items of the sum. The reading at
// confidence p is the lower tail: the largest n such that at least p of all
// trials reached n or more.
//
// For the same input, the two questions agree exactly, because trial t
// draws the same days in both: "when" puts K items on or before D at
// confidence p exactly when "how many by D" gives at least K at p.
//
// A target date on or before as-of, or beyond ForecastHorizonDays, a
// non-zero ScopeChangePct, or otherwise invalid input is an EInvalid
// error. A sample without any item done gives readings without answer.
func ForecastHowMany(in ForecastInput, by Day) (HowManyForecast, error) {
	sim, err := newSimulation(in)
	if err != nil {
		return HowManyForecast{}, err
	}
	if in.ScopeChangePct != 0 {
		return HowManyForecast{}, backend.Errorf(backend.EInvalid,
			"A scope change applies to “when will these items be done?”, not to “how many by a date?”.")
	}
	if by <= in.AsOf {
		return HowManyForecast{}, backend.Errorf(backend.EInvalid,
			"The target date %s must be after the as-of date %s: the forecast starts on %s.", by, in.AsOf, in.AsOf+1)
	}
	if by > in.AsOf+ForecastHorizonDays {
		return HowManyForecast{}, backend.Errorf(backend.EInvalid,
			"The target date %s is more than %d years after the as-of date %s; forecasts reach up to %s.",
			by, ForecastHorizonDays/365, in.AsOf, in.AsOf+ForecastHorizonDays)
	}
	days := int(by - in.AsOf)
	f := HowManyForecast{
		ForecastBasis: sim.basis,
		By:            by,
		ByDate:        by.String(),
		Days:          days,
		Readings:      make([]CountReading, len(ForecastConfidences)),
		Histogram:     []CountBin{},
	}
	if sim.reason != "" {
		f.Reason = sim.reason
		for i, c := range ForecastConfidences {
			f.Readings[i] = CountReading{Confidence: c, Items: NA(sim.reason), Reason: sim.reason}
		}
		return f, nil
	}

	out := make([]int64, ForecastTrials)
	sim.run(func(t int, draw func() int64) {
		var cum int64
		for range days {
			cum += draw()
		}
		out[t] = cum / fixedScale // whole items only
	})
	slices.Sort(out)

	for i, c := range ForecastConfidences {
		// Sorted ascending, the need(c) largest counts are out[T−need(c):],
		// so out[T−need(c)] is reached by at least need(c) trials, and any
		// larger n by fewer.
		f.Readings[i] = CountReading{Confidence: c, Items: Of(float64(out[ForecastTrials-need(c)]))}
	}
	atLeast := ForecastTrials
	for lo := 0; lo < len(out); {
		hi := lo
		for hi < len(out) && out[hi] == out[lo] {
			hi++
		}
		f.Histogram = append(f.Histogram, CountBin{Items: int(out[lo]), Trials: hi - lo,
			AtLeastShare: float64(atLeast) / ForecastTrials})
		atLeast -= hi - lo
		lo = hi
	}
	return f, nil
}

// need returns how many trials make confidence c (percent): ⌈c × T / 100⌉,
// in exact integers.
func need(c int) int { return (c*ForecastTrials + 99) / 100 }

// simulation is the validated, scaled sample and the seed, shared by both
// questions.
type simulation struct {
	basis   ForecastBasis
	pool    []int64 // each sample day's throughput × scenario, in fixedScale units
	maxDraw int64
	seed    uint64
	reason  string // why there is no forecast, or ""
}

// newSimulation validates in and prepares the scaled sample.
func newSimulation(in ForecastInput) (*simulation, error) {
	n := len(in.Samples)
	if n < 1 {
		return nil, backend.Errorf(backend.EInvalid,
			"A forecast needs a sample window of at least one day of throughput; it has none.")
	}
	if err := checkPct("throughput change", in.ThroughputChangePct, false); err != nil {
		return nil, err
	}
	window := Period{From: in.AsOf - Day(n) + 1, To: in.AsOf}
	s := &simulation{seed: in.Seed, pool: make([]int64, n)}
	s.basis = ForecastBasis{
		AsOf:                in.AsOf.String(),
		FirstDay:            (in.AsOf + 1).String(),
		Trials:              ForecastTrials,
		Seed:                in.Seed,
		SampleDays:          n,
		Window:              window,
		SampleFrom:          window.From.String(),
		SampleTo:            window.To.String(),
		ThroughputChangePct: in.ThroughputChangePct,
		HorizonDays:         ForecastHorizonDays,
		Warnings:            []string{},
	}
	factor := int64(math.Round((100 + in.ThroughputChangePct) * pctUnits))
	for i, v := range in.Samples {
		if v < 0 || v > maxDailySample {
			return nil, backend.Errorf(backend.EInvalid,
				"The throughput of sample day %s is %d; it must be from 0 to %d items.", window.From+Day(i), v, maxDailySample)
		}
		s.basis.SampleItems += v
		if v > 0 {
			s.basis.ActiveDays++
		}
		s.pool[i] = int64(v) * factor
		s.maxDraw = max(s.maxDraw, s.pool[i])
	}
	switch {
	case s.basis.SampleItems == 0:
		s.reason = "no items finished in the sample window"
	case s.maxDraw == 0:
		s.reason = fmt.Sprintf("a throughput change of %g%% leaves no throughput", in.ThroughputChangePct)
	}
	if s.reason == "" && s.basis.ActiveDays < MinActiveSampleDays {
		s.basis.Warnings = append(s.basis.Warnings, fmt.Sprintf(
			"Only %d of the %d sample days had items done; the forecast rests on little evidence.", s.basis.ActiveDays, n))
	}
	return s, nil
}

// run calls trial once for each trial t in order, with a draw function that
// returns a uniformly drawn sample day's scaled throughput. Each trial has
// its own PCG stream, seeded from the seed and t alone, so trial t draws
// the same days whatever the question and however many draws earlier
// trials took. The bounded draw is Lemire's unbiased multiply-and-reject
// on PCG's 64-bit output, written out here rather than taken from
// rand.Rand, whose method is not promised to stay the same across Go
// releases: a stored forecast must be reproducible.
func (s *simulation) run(trial func(t int, draw func() int64)) {
	pcg := rand.NewPCG(0, 0)
	n := uint64(len(s.pool))
	thresh := -n % n // outputs below this (in the low word) are rejected
	pool := s.pool
	draw := func() int64 {
		hi, lo := bits.Mul64(pcg.Uint64(), n)
		for lo < thresh {
			hi, lo = bits.Mul64(pcg.Uint64(), n)
		}
		return pool[hi]
	}
	seed := splitmix64(s.seed)
	for t := range ForecastTrials {
		pcg.Seed(seed, splitmix64(uint64(t)^0xa0761d6478bd642f))
		trial(t, draw)
	}
}

// splitmix64 scrambles x (Steele, Lea and Flood's SplitMix64 finaliser), so
// that neighbouring seeds and trial numbers start far apart in PCG's state.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// checkPct validates a scenario percentage: from −100 (or above it, when
// open) to +maxChangePct.
func checkPct(what string, pct float64, open bool) error {
	low := pct < -100 || (open && pct == -100)
	if math.IsNaN(pct) || low || pct > maxChangePct {
		bound := "from −100%"
		if open {
			bound = "above −100%"
		}
		return backend.Errorf(backend.EInvalid,
			"A %s of %g%% is out of range; use a value %s up to +%d%%.", what, pct, bound, maxChangePct)
	}
	return nil
}

// scopedItems is ⌈items × (1 + pct/100)⌉ (PRODUCT §4.9 scenario), computed
// in millionths so that, say, 10 items + 10% is exactly 11, not 12.
func scopedItems(items int, pct float64) int {
	factor := int64(math.Round((100 + pct) * pctUnits))
	return int((int64(items)*factor + fixedScale - 1) / fixedScale)
}
