package metrics_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

var fcAsOf = day("2026-11-20") // a Friday

// constant returns n sample days of v items each.
func constant(v, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// realistic returns 90 sample days with 0–5 items on weekdays and none at
// weekends (about 1.8 a day), seeded.
func realistic() []int {
	r := rand.New(rand.NewPCG(7, 11))
	s := make([]int, metrics.DefaultSampleDays)
	for i := range s {
		if d := fcAsOf - metrics.Day(len(s)-1-i); d.Weekday() >= 1 && d.Weekday() <= 5 {
			s[i] = r.IntN(6)
		}
	}
	return s
}

func whenDays(f metrics.WhenForecast) []string {
	var out []string
	for _, r := range f.Readings {
		out = append(out, r.Date)
	}
	return out
}

func counts(f metrics.HowManyForecast) []float64 {
	var out []float64
	for _, r := range f.Readings {
		v, ok := r.Items.Float()
		if !ok {
			v = -1
		}
		out = append(out, v)
	}
	return out
}

// PRODUCT §4.9: simulation starts the day after as-of; readings at 50/85/95%.
func TestForecastWhen(t *testing.T) {
	tests := []struct {
		name       string
		samples    []int
		items      int
		throughput float64
		scope      float64
		wantScoped int
		want       []string // dates at 50, 85, 95%
	}{
		// 2 a day: 10 items done at the end of the fifth simulated day.
		{name: "ConstantThroughputFinishesOnOneDay", samples: constant(2, 90), items: 10, wantScoped: 10,
			want: []string{"2026-11-25", "2026-11-25", "2026-11-25"}},
		{name: "FirstSimulatedDayIsAfterAsOf", samples: constant(1, 90), items: 1, wantScoped: 1,
			want: []string{"2026-11-21", "2026-11-21", "2026-11-21"}},
		// −50% halves 2 a day to 1 a day: 10 days.
		{name: "ThroughputMinus50HalvesThroughput", samples: constant(2, 90), items: 10, throughput: -50, wantScoped: 10,
			want: []string{"2026-11-30", "2026-11-30", "2026-11-30"}},
		// −20%: 0.8 a day accumulates 0.8, 1.6, 2.4, 3.2, 4.0: 4 items on day 5, exactly.
		{name: "FractionalThroughputAccumulates", samples: constant(1, 90), items: 4, throughput: -20, wantScoped: 4,
			want: []string{"2026-11-25", "2026-11-25", "2026-11-25"}},
		// +50% scope: ⌈10 × 1.5⌉ = 15 items at 1 a day.
		{name: "ScopePlus50TurnsTenIntoFifteen", samples: constant(1, 90), items: 10, scope: 50, wantScoped: 15,
			want: []string{"2026-12-05", "2026-12-05", "2026-12-05"}},
		// +10% of 10 is exactly 11 (not 12 from 10 × 1.1 = 11.000000000000002).
		{name: "ScopePlus10IsExact", samples: constant(1, 90), items: 10, scope: 10, wantScoped: 11,
			want: []string{"2026-12-01", "2026-12-01", "2026-12-01"}},
		{name: "ScopeMinus25RoundsUp", samples: constant(1, 90), items: 10, scope: -25, wantScoped: 8,
			want: []string{"2026-11-28", "2026-11-28", "2026-11-28"}},
		// Samples {0,1,1,1}, one item: done on day k with chance 0.75 × 0.25^(k−1),
		// so by day 1, 2, 3: 75%, 93.75%, 98.4%. 50% → day 1, 85% → day 2, 95% → day 3.
		{name: "EarliestDayReachingConfidence", samples: []int{0, 1, 1, 1}, items: 1, wantScoped: 1,
			want: []string{"2026-11-21", "2026-11-22", "2026-11-23"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := metrics.ForecastInput{Samples: tt.samples, AsOf: fcAsOf, Seed: 42, ThroughputChangePct: tt.throughput, ScopeChangePct: tt.scope}
			f, err := metrics.ForecastWhen(in, tt.items)
			if err != nil {
				t.Fatal(err)
			}
			if got := whenDays(f); !slices.Equal(got, tt.want) {
				t.Errorf("dates = %v, want %v", got, tt.want)
			}
			if f.ScopedItems != tt.wantScoped {
				t.Errorf("ScopedItems = %d, want %d", f.ScopedItems, tt.wantScoped)
			}
			if f.Trials != metrics.ForecastTrials || f.FirstDay != "2026-11-21" {
				t.Errorf("Trials, FirstDay = %d, %s", f.Trials, f.FirstDay)
			}
			for _, r := range f.Readings {
				if r.Days != int(r.Day-fcAsOf) || r.Day.String() != r.Date {
					t.Errorf("reading %+v: Day, Date and Days disagree", r)
				}
			}
		})
	}
}

func TestForecastWhenHistogram(t *testing.T) {
	f, err := metrics.ForecastWhen(metrics.ForecastInput{Samples: constant(2, 90), AsOf: fcAsOf, Seed: 1}, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []metrics.DateBin{{Day: fcAsOf + 5, Date: "2026-11-25", Trials: 10000, CumulativeShare: 1}}
	if !reflect.DeepEqual(f.Histogram, want) {
		t.Errorf("Histogram = %+v, want %+v", f.Histogram, want)
	}
	if f.SampleFrom != "2026-08-23" || f.SampleTo != "2026-11-20" || f.SampleDays != 90 || f.SampleItems != 180 || f.ActiveDays != 90 {
		t.Errorf("basis = %+v", f.ForecastBasis)
	}
}

// PRODUCT §4.9: "how many by D" sums draws from as-of + 1 through D and
// reports the lower tail.
func TestForecastHowMany(t *testing.T) {
	tests := []struct {
		name       string
		samples    []int
		by         string
		throughput float64
		want       []float64 // at 50, 85, 95%
	}{
		{name: "ConstantThroughputOverFourDays", samples: constant(3, 90), by: "2026-11-24", want: []float64{12, 12, 12}},
		{name: "FirstSimulatedDayIsAfterAsOf", samples: constant(3, 90), by: "2026-11-21", want: []float64{3, 3, 3}},
		// −50%: 1.5 a day over 4 days = 6.
		{name: "ThroughputMinus50HalvesThroughput", samples: constant(3, 90), by: "2026-11-24", throughput: -50, want: []float64{6, 6, 6}},
		// 0.8 a day over 3 days = 2.4: whole items only, 2.
		{name: "FractionsAreNotCountedAsItems", samples: constant(1, 90), by: "2026-11-23", throughput: -20, want: []float64{2, 2, 2}},
		// Samples {0,1,1,1} over 2 days: counts 0, 1, 2 with chance 1/16, 6/16,
		// 9/16, so ≥2 in 56.25%, ≥1 in 93.75%, ≥0 in all. The lower tail reads
		// 2 at 50%, 1 at 85% (the 85th percentile of the counts would be 2)
		// and 0 at 95%.
		{name: "LowerTailReading", samples: []int{0, 1, 1, 1}, by: "2026-11-22", want: []float64{2, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := metrics.ForecastInput{Samples: tt.samples, AsOf: fcAsOf, Seed: 42, ThroughputChangePct: tt.throughput}
			f, err := metrics.ForecastHowMany(in, day(tt.by))
			if err != nil {
				t.Fatal(err)
			}
			if got := counts(f); !slices.Equal(got, tt.want) {
				t.Errorf("counts = %v, want %v", got, tt.want)
			}
			if f.Days != int(day(tt.by)-fcAsOf) || f.ByDate != tt.by {
				t.Errorf("Days, ByDate = %d, %s", f.Days, f.ByDate)
			}
		})
	}
}

// TestForecastReadingsMatchHistograms checks each reading against the
// definition, on the distribution of the trials themselves.
func TestForecastReadingsMatchHistograms(t *testing.T) {
	in := metrics.ForecastInput{Samples: realistic(), AsOf: fcAsOf, Seed: 2026}
	t.Run("WhenIsEarliestDayWithShare", func(t *testing.T) {
		f, err := metrics.ForecastWhen(in, 60)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, b := range f.Histogram {
			total += b.Trials
		}
		if total != metrics.ForecastTrials || len(f.Histogram) < 5 {
			t.Fatalf("histogram holds %d trials in %d bins", total, len(f.Histogram))
		}
		for _, r := range f.Readings {
			p := float64(r.Confidence) / 100
			i := slices.IndexFunc(f.Histogram, func(b metrics.DateBin) bool { return b.Day == r.Day })
			if i < 0 || f.Histogram[i].CumulativeShare < p || (i > 0 && f.Histogram[i-1].CumulativeShare >= p) {
				t.Errorf("%d%%: %s is not the earliest day with share ≥ %v", r.Confidence, r.Date, p)
			}
		}
	})
	t.Run("HowManyIsLargestCountWithShare", func(t *testing.T) {
		f, err := metrics.ForecastHowMany(in, fcAsOf+30)
		if err != nil {
			t.Fatal(err)
		}
		atLeast := func(n int) int { // trials that reached n or more
			c := 0
			for _, b := range f.Histogram {
				if b.Items >= n {
					c += b.Trials
				}
			}
			return c
		}
		for _, r := range f.Readings {
			v, _ := r.Items.Float()
			n, need := int(v), r.Confidence*metrics.ForecastTrials/100
			if atLeast(n) < need || atLeast(n+1) >= need {
				t.Errorf("%d%%: n = %d reached by %d trials, n+1 by %d; need %d", r.Confidence, n, atLeast(n), atLeast(n+1), need)
			}
		}
		if v50, _ := f.Readings[0].Items.Float(); v50 < 40 || v50 > 70 { // ≈ 1.8 a day × 30 days
			t.Errorf("median count %v is implausible", v50)
		}
	})
	// Trial t draws the same days for both questions, so they agree exactly:
	// K by D at confidence p ⇔ at least K by D at p.
	t.Run("WhenAndHowManyAgree", func(t *testing.T) {
		for _, by := range []metrics.Day{fcAsOf + 7, fcAsOf + 20, fcAsOf + 45} {
			hm, err := metrics.ForecastHowMany(in, by)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range hm.Readings {
				v, _ := r.Items.Float()
				n := int(v)
				for _, k := range []int{n, n + 1} {
					if k < 1 {
						continue
					}
					w, err := metrics.ForecastWhen(in, k)
					if err != nil {
						t.Fatal(err)
					}
					if got, want := w.Readings[i].Day <= by, k <= n; got != want {
						t.Errorf("%d%% by %s: how many = %d, but when(%d) = %s", r.Confidence, by, n, k, w.Readings[i].Date)
					}
				}
			}
		}
	})
}

func TestForecastSeed(t *testing.T) {
	in := metrics.ForecastInput{Samples: realistic(), AsOf: fcAsOf, Seed: 99}
	a, _ := metrics.ForecastWhen(in, 100)
	b, _ := metrics.ForecastWhen(in, 100)
	t.Run("SameSeedSameForecast", func(t *testing.T) {
		if !reflect.DeepEqual(a, b) {
			t.Error("two runs with the same seed differ")
		}
	})
	t.Run("DifferentSeedDifferentTrials", func(t *testing.T) {
		in.Seed = 100
		c, _ := metrics.ForecastWhen(in, 100)
		if reflect.DeepEqual(a.Histogram, c.Histogram) {
			t.Error("seeds 99 and 100 give the same histogram")
		}
		if c.Seed != 100 || a.Seed != 99 {
			t.Errorf("Seed = %d, %d", a.Seed, c.Seed)
		}
	})
}

// PRODUCT §4.18 and §4.9: no answer from the data is n/a with a reason,
// and an impossible target never loops forever.
func TestForecastNoAnswer(t *testing.T) {
	t.Run("AllZeroSamplesIsNA", func(t *testing.T) {
		in := metrics.ForecastInput{Samples: constant(0, 90), AsOf: fcAsOf, Seed: 1}
		w, err := metrics.ForecastWhen(in, 10)
		if err != nil {
			t.Fatal(err)
		}
		h, err := metrics.ForecastHowMany(in, fcAsOf+10)
		if err != nil {
			t.Fatal(err)
		}
		const reason = "no items finished in the sample window"
		if w.Reason != reason || h.Reason != reason {
			t.Errorf("reasons = %q, %q", w.Reason, h.Reason)
		}
		for i := range w.Readings {
			if w.Readings[i].OK || w.Readings[i].Reason != reason || h.Readings[i].Items.OK() {
				t.Errorf("reading %d has an answer: %+v, %+v", i, w.Readings[i], h.Readings[i])
			}
		}
		js, _ := json.Marshal(w.Readings[1])
		if want := `{"confidence":85,"date":null,"days":null,"reason":"` + reason + `"}`; string(js) != want {
			t.Errorf("JSON = %s, want %s", js, want)
		}
	})
	t.Run("ThroughputMinus100IsNA", func(t *testing.T) {
		w, err := metrics.ForecastWhen(metrics.ForecastInput{Samples: constant(2, 90), AsOf: fcAsOf, ThroughputChangePct: -100}, 10)
		if err != nil || w.Readings[0].OK || w.Reason == "" {
			t.Errorf("got %+v, %v", w.Readings, err)
		}
	})
	// One item in 90 days: ≈ 40.6 items in ten years (σ ≈ 6.3), so 38 items
	// finish within the horizon in ≈ 68% of trials (exact binomial tail): 50% has a date, 85% and
	// 95% do not.
	t.Run("BeyondHorizonIsNA", func(t *testing.T) {
		s := constant(0, 90)
		s[45] = 1
		w, err := metrics.ForecastWhen(metrics.ForecastInput{Samples: s, AsOf: fcAsOf, Seed: 3}, 38)
		if err != nil {
			t.Fatal(err)
		}
		if !w.Readings[0].OK || w.Readings[1].OK || w.Readings[2].OK {
			t.Fatalf("readings = %+v", w.Readings)
		}
		if !strings.Contains(w.Readings[1].Reason, "horizon") || w.BeyondHorizon < 1500 || w.BeyondHorizon > 4500 {
			t.Errorf("reason %q, beyond %d", w.Readings[1].Reason, w.BeyondHorizon)
		}
		last := w.Histogram[len(w.Histogram)-1]
		if share := 1 - float64(w.BeyondHorizon)/metrics.ForecastTrials; math.Abs(last.CumulativeShare-share) > 1e-12 {
			t.Errorf("last cumulative share %v, want %v", last.CumulativeShare, share)
		}
	})
	t.Run("UnreachableIsBeyondHorizon", func(t *testing.T) {
		w, err := metrics.ForecastWhen(metrics.ForecastInput{Samples: []int{1}, AsOf: fcAsOf}, metrics.ForecastHorizonDays+1)
		if err != nil {
			t.Fatal(err)
		}
		if w.BeyondHorizon != metrics.ForecastTrials || len(w.Histogram) != 0 || w.Readings[0].OK {
			t.Errorf("beyond %d, histogram %d bins, readings %+v", w.BeyondHorizon, len(w.Histogram), w.Readings)
		}
	})
	t.Run("FewActiveDaysWarns", func(t *testing.T) {
		s := constant(0, 90)
		s[89] = 5
		w, _ := metrics.ForecastWhen(metrics.ForecastInput{Samples: s, AsOf: fcAsOf}, 5)
		if len(w.Warnings) != 1 || !strings.Contains(w.Warnings[0], "1 of the 90") {
			t.Errorf("warnings = %q", w.Warnings)
		}
	})
}

func TestForecastInvalidInput(t *testing.T) {
	ok := constant(2, 90)
	tests := []struct {
		name string
		run  func() error
	}{
		{"NoSampleDays", func() error {
			_, err := metrics.ForecastWhen(metrics.ForecastInput{AsOf: fcAsOf}, 10)
			return err
		}},
		{"NegativeSample", func() error {
			_, err := metrics.ForecastWhen(metrics.ForecastInput{Samples: []int{1, -1}, AsOf: fcAsOf}, 10)
			return err
		}},
		{"ZeroItems", func() error { _, err := metrics.ForecastWhen(metrics.ForecastInput{Samples: ok}, 0); return err }},
		{"NegativeItems", func() error { _, err := metrics.ForecastWhen(metrics.ForecastInput{Samples: ok}, -3); return err }},
		{"ThroughputBelowMinus100", func() error {
			_, err := metrics.ForecastWhen(metrics.ForecastInput{Samples: ok, ThroughputChangePct: -101}, 10)
			return err
		}},
		{"ThroughputNaN", func() error {
			_, err := metrics.ForecastHowMany(metrics.ForecastInput{Samples: ok, AsOf: fcAsOf, ThroughputChangePct: math.NaN()}, fcAsOf+5)
			return err
		}},
		{"ScopeMinus100", func() error {
			_, err := metrics.ForecastWhen(metrics.ForecastInput{Samples: ok, ScopeChangePct: -100}, 10)
			return err
		}},
		{"ScopeOnHowMany", func() error {
			_, err := metrics.ForecastHowMany(metrics.ForecastInput{Samples: ok, AsOf: fcAsOf, ScopeChangePct: 10}, fcAsOf+5)
			return err
		}},
		{"TargetIsAsOf", func() error {
			_, err := metrics.ForecastHowMany(metrics.ForecastInput{Samples: ok, AsOf: fcAsOf}, fcAsOf)
			return err
		}},
		{"TargetBeforeAsOf", func() error {
			_, err := metrics.ForecastHowMany(metrics.ForecastInput{Samples: ok, AsOf: fcAsOf}, fcAsOf-3)
			return err
		}},
		{"TargetBeyondHorizon", func() error {
			_, err := metrics.ForecastHowMany(metrics.ForecastInput{Samples: ok, AsOf: fcAsOf}, fcAsOf+metrics.ForecastHorizonDays+1)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if code := backend.ErrorCode(err); code != backend.EInvalid {
				t.Fatalf("code = %q (%v), want %q", code, err, backend.EInvalid)
			}
			if msg := backend.ErrorMessage(err); !strings.HasSuffix(msg, ".") || len(msg) < 20 {
				t.Errorf("message %q is not a sentence", msg)
			}
		})
	}
}

func TestDailySamples(t *testing.T) {
	done := []metrics.Day{
		fcAsOf - 3, // first day of a 4-day window
		fcAsOf - 1, fcAsOf - 1,
		fcAsOf,     // the as-of day counts
		fcAsOf + 1, // after as-of: ignored
		fcAsOf - 4, // before the window: ignored
	}
	if got, want := metrics.DailySamples(done, fcAsOf, 4), []int{1, 0, 2, 1}; !slices.Equal(got, want) {
		t.Errorf("DailySamples = %v, want %v", got, want)
	}
	if got := metrics.DailySamples(done, fcAsOf, 0); got != nil {
		t.Errorf("DailySamples(n = 0) = %v, want nil", got)
	}
}

func TestForecastJSON(t *testing.T) {
	w, _ := metrics.ForecastWhen(metrics.ForecastInput{Samples: constant(2, 90), AsOf: fcAsOf, Seed: 5}, 10)
	js, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"as_of":"2026-11-20"`, `"first_day":"2026-11-21"`, `"trials":10000`, `"seed":5`,
		`"sample_days":90`, `"sample_from":"2026-08-23"`, `"sample_to":"2026-11-20"`, `"scoped_items":10`,
		`{"confidence":85,"date":"2026-11-25","days":5}`, `"beyond_horizon":0`,
		`"histogram":[{"date":"2026-11-25","trials":10000,"cumulative_share":1}]`, `"warnings":[]`} {
		if !strings.Contains(string(js), key) {
			t.Errorf("JSON lacks %s:\n%s", key, js)
		}
	}
	h, _ := metrics.ForecastHowMany(metrics.ForecastInput{Samples: constant(3, 90), AsOf: fcAsOf}, fcAsOf+4)
	js, _ = json.Marshal(h)
	for _, key := range []string{`"by":"2026-11-24"`, `"days":4`, `{"confidence":95,"items":12}`,
		`"histogram":[{"items":12,"trials":10000,"at_least_share":1}]`} {
		if !strings.Contains(string(js), key) {
			t.Errorf("JSON lacks %s:\n%s", key, js)
		}
	}
}

// BenchmarkForecastWhen forecasts 500 items (and 200, the target of < 50 ms)
// from 90 realistic sample days (≈ 1.8 items a day, none at weekends).
func BenchmarkForecastWhen(b *testing.B) {
	in := metrics.ForecastInput{Samples: realistic(), AsOf: fcAsOf, Seed: 1}
	for _, k := range []int{500, 200} {
		b.Run(map[int]string{500: "K500", 200: "K200"}[k], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := metrics.ForecastWhen(in, k); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
