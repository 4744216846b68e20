package metrics_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

// story makes a story created two days before its first status change.
func story(id int64, changes ...backend.StageChange) backend.ItemFlow {
	return backend.ItemFlow{ID: id, Key: "K-" + string(rune('A'+id%26)), Type: backend.TypeStory, TeamID: 1, ProgramID: 1,
		CreatedAt: changes[0].At.Add(-48 * time.Hour), Changes: changes}
}

func facts(items ...backend.ItemFlow) []*metrics.Fact {
	fs := metrics.Facts(items, nil, time.UTC)
	out := make([]*metrics.Fact, len(fs))
	for i := range fs {
		out[i] = &fs[i]
	}
	return out
}

func TestCycleAndLeadTime(t *testing.T) {
	tests := []struct {
		name        string
		item        backend.ItemFlow
		cycle, lead int
	}{
		// §4.2: started and finished the same day = 1 day.
		{"SameDayItemIsOneDay", story(1, ch("2026-03-02T08:00:00Z", backend.StageActive), ch("2026-03-02T17:00:00Z", backend.StageDone)), 1, 3},
		// §4.2: a reopened item runs from its first start to its last done.
		{"ReopenedItem", story(2, ch("2026-03-02T08:00:00Z", backend.StageActive), ch("2026-03-04T08:00:00Z", backend.StageDone),
			ch("2026-03-06T08:00:00Z", backend.StageActive), ch("2026-03-09T08:00:00Z", backend.StageDone)), 8, 10},
		// §4.2: skipped stages take no time (backlog straight to waiting to done).
		{"SkippedStage", story(3, ch("2026-03-02T08:00:00Z", backend.StageBacklog), ch("2026-03-03T08:00:00Z", backend.StageWaiting),
			ch("2026-03-05T08:00:00Z", backend.StageDone)), 3, 6}, // created 28 Feb
		// A backward move (active → ready → active) keeps the first start.
		{"BackwardMoveKeepsFirstStart", story(4, ch("2026-03-02T08:00:00Z", backend.StageActive), ch("2026-03-03T08:00:00Z", backend.StageReady),
			ch("2026-03-05T08:00:00Z", backend.StageActive), ch("2026-03-06T08:00:00Z", backend.StageDone)), 5, 7}, // created 28 Feb
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := facts(tt.item)[0]
			if got := f.CycleDays(); got != tt.cycle {
				t.Errorf("cycle = %d, want %d", got, tt.cycle)
			}
			if got := f.LeadDays(); got != tt.lead {
				t.Errorf("lead = %d, want %d", got, tt.lead)
			}
		})
	}
	t.Run("BackwardMoveIsFlagged", func(t *testing.T) {
		if !facts(tests[3].item)[0].Backward || facts(tests[0].item)[0].Backward {
			t.Fatal("backward move not flagged, or flagged on a forward-only item")
		}
	})
}

func TestFlowEfficiency(t *testing.T) {
	// §4.6: 10 h active, then 6 h waiting, then done: 10 ÷ 16.
	it := story(1, ch("2026-03-02T08:00:00Z", backend.StageActive), ch("2026-03-02T18:00:00Z", backend.StageWaiting), ch("2026-03-03T00:00:00Z", backend.StageDone))
	t.Run("ActiveOverActivePlusWaiting", func(t *testing.T) {
		got, _ := metrics.FlowEfficiency(facts(it)).Float()
		if math.Abs(got-10.0/16) > 1e-12 {
			t.Fatalf("efficiency = %v, want %v", got, 10.0/16)
		}
	})
	t.Run("BlockedTimeCountsAsWaiting", func(t *testing.T) {
		end := at("2026-03-02T14:00:00Z")
		blocked := map[int64][]backend.BlockedPeriod{1: {{ItemID: 1, StartedAt: at("2026-03-02T10:00:00Z"), EndedAt: &end}}}
		fs := metrics.Facts([]backend.ItemFlow{it}, blocked, time.UTC)
		got, _ := metrics.FlowEfficiency([]*metrics.Fact{&fs[0]}).Float()
		if math.Abs(got-6.0/16) > 1e-12 { // 4 of the 10 active hours were blocked
			t.Fatalf("efficiency = %v, want %v", got, 6.0/16)
		}
	})
	t.Run("TimeInReadyAfterBackwardMoveCountsAsNeither", func(t *testing.T) {
		back := story(2, ch("2026-03-02T08:00:00Z", backend.StageActive), ch("2026-03-02T12:00:00Z", backend.StageReady),
			ch("2026-03-03T12:00:00Z", backend.StageActive), ch("2026-03-03T16:00:00Z", backend.StageDone))
		f := facts(back)[0]
		if f.Active != 8*time.Hour || f.Waiting != 0 {
			t.Fatalf("active %v waiting %v, want 8h and 0", f.Active, f.Waiting)
		}
	})
	t.Run("NoItemsIsNAWithReason", func(t *testing.T) {
		v := metrics.FlowEfficiency(nil)
		if v.OK() || v.Reason == "" {
			t.Fatalf("efficiency of nothing = %+v", v)
		}
	})
}

func TestCancelledItemsExcluded(t *testing.T) {
	// §4.0: removed items are never done and leave WIP the day they are removed.
	cancelled := story(1, ch("2026-03-02T08:00:00Z", backend.StageActive), ch("2026-03-04T08:00:00Z", backend.StageDone), ch("2026-03-05T08:00:00Z", backend.StageRemoved))
	done := story(2, ch("2026-03-02T08:00:00Z", backend.StageActive), ch("2026-03-03T08:00:00Z", backend.StageDone))
	fs := facts(cancelled, done)
	p := metrics.Period{From: day("2026-03-01"), To: day("2026-03-31")}
	if got := metrics.ThroughputOf(fs, p).Total; got != 1 {
		t.Errorf("throughput = %d, want 1", got)
	}
	if got := metrics.CycleTimes(metrics.DoneIn(fs, p)); len(got) != 1 || got[0] != 2 {
		t.Errorf("cycle times = %v, want [2]", got)
	}
	if metrics.WIPOn(fs, day("2026-03-04")) != 1 || metrics.WIPOn(fs, day("2026-03-05")) != 0 {
		t.Errorf("WIP on 4 and 5 March = %d, %d; want 1, 0", metrics.WIPOn(fs, day("2026-03-04")), metrics.WIPOn(fs, day("2026-03-05")))
	}
}

func TestWIPOnTheDoneDay(t *testing.T) {
	// §4.5: started on or before d and not done before d — the done day counts.
	fs := facts(story(1, ch("2026-03-02T08:00:00Z", backend.StageActive), ch("2026-03-04T16:00:00Z", backend.StageDone)))
	p := metrics.Period{From: day("2026-03-01"), To: day("2026-03-05")}
	got := metrics.DailyWIP(fs, p)
	want := []int{0, 1, 1, 1, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("daily WIP = %v, want %v", got, want)
		}
	}
}

func TestPercentileInterpolation(t *testing.T) {
	// §4.8: Excel PERCENTILE.INC. =PERCENTILE.INC({1,2,3,4},0.5) = 2.5;
	// 0.85 → rank 2.55 → 3 + 0.55·1 = 3.55; {1..5}: 0.85 → rank 3.4 → 4.4.
	tests := []struct {
		name string
		xs   []float64
		p    float64
		want float64
	}{
		{"EvenCountMedian", []float64{4, 1, 3, 2}, 0.5, 2.5},
		{"EvenCountP85", []float64{1, 2, 3, 4}, 0.85, 3.55},
		{"OddCountMedian", []float64{5, 1, 4, 2, 3}, 0.5, 3},
		{"OddCountP85", []float64{1, 2, 3, 4, 5}, 0.85, 4.4},
		{"OddCountP95", []float64{1, 2, 3, 4, 5}, 0.95, 4.8},
		{"SingleValue", []float64{7}, 0.95, 7},
		{"Max", []float64{1, 9}, 1, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := metrics.Percentile(tt.xs, tt.p).Float()
			if !ok || math.Abs(got-tt.want) > 1e-12 {
				t.Fatalf("got %v (%v), want %v", got, ok, tt.want)
			}
		})
	}
	t.Run("EmptyIsNA", func(t *testing.T) {
		if v := metrics.Percentile(nil, 0.5); v.OK() || v.Reason == "" {
			t.Fatalf("percentile of nothing = %+v", v)
		}
	})
}

func TestThroughputISOWeeksAcrossYearEnd(t *testing.T) {
	// §4.4: ISO weeks, Monday start; 28 Dec 2026 – 3 Jan 2027 is 2026-W53.
	fs := facts(
		story(1, ch("2026-12-28T09:00:00Z", backend.StageActive), ch("2026-12-31T09:00:00Z", backend.StageDone)),
		story(2, ch("2026-12-28T09:00:00Z", backend.StageActive), ch("2027-01-03T09:00:00Z", backend.StageDone)),
		story(3, ch("2026-12-28T09:00:00Z", backend.StageActive), ch("2027-01-04T09:00:00Z", backend.StageDone)),
	)
	got := metrics.ThroughputOf(fs, metrics.Period{From: day("2026-12-28"), To: day("2027-01-10")})
	if got.Total != 3 || len(got.PerWeek) != 2 || got.PerWeek[0] != (metrics.WeekCount{Week: "2026-W53", Count: 2}) || got.PerWeek[1] != (metrics.WeekCount{Week: "2027-W01", Count: 1}) {
		t.Fatalf("throughput = %+v", got)
	}
}

func TestValueNeverNaN(t *testing.T) {
	// §4.18: division by zero is n/a with a reason, never NaN, Inf or 0.
	for _, v := range []metrics.Value{metrics.Ratio(1, 0, "nothing due"), metrics.Of(math.NaN()), metrics.Of(math.Inf(1))} {
		if v.OK() || v.Reason == "" {
			t.Fatalf("value %+v is available", v)
		}
		if b, _ := v.MarshalJSON(); string(b) != "null" {
			t.Fatalf("JSON = %s, want null", b)
		}
	}
}

// TestLittlesLaw: over a window that starts and ends with nothing in
// progress, mean daily WIP = throughput per day × mean cycle time exactly,
// with PRODUCT §4's inclusive cycle time and "WIP counts on the done day".
func TestLittlesLaw(t *testing.T) {
	for seed := uint64(1); seed <= 50; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		window := metrics.Period{From: day("2026-01-01"), To: day("2026-06-30")}
		var items []backend.ItemFlow
		for i := 0; i < 300; i++ {
			start := window.From.Time().AddDate(0, 0, 5+r.IntN(120)).Add(time.Duration(r.IntN(10)) * time.Hour)
			mid := start.Add(time.Duration(r.IntN(5*24)) * time.Hour)
			done := mid.Add(time.Duration(r.IntN(20*24)) * time.Hour)
			items = append(items, story(int64(i+1), backend.StageChange{At: start, Stage: backend.StageActive},
				backend.StageChange{At: mid, Stage: backend.StageWaiting}, backend.StageChange{At: done, Stage: backend.StageDone}))
		}
		fs := facts(items...)
		wip := metrics.DailyWIP(fs, window)
		sumWIP := 0
		for _, w := range wip {
			sumWIP += w
		}
		avgWIP := float64(sumWIP) / float64(window.Days())
		done := metrics.DoneIn(fs, window)
		ct := metrics.CycleTimes(done)
		sumCT := 0.0
		for _, c := range ct {
			sumCT += c
		}
		throughputPerDay := float64(len(done)) / float64(window.Days())
		if math.Abs(avgWIP-throughputPerDay*sumCT/float64(len(ct))) > 1e-9 {
			t.Fatalf("seed %d: average WIP %.6f ≠ throughput %.6f × cycle time %.6f", seed, avgWIP, throughputPerDay, sumCT/float64(len(ct)))
		}
	}
}
