package metrics

import (
	"math"
	"sort"
)

// Percentile returns the p-th percentile (0 ≤ p ≤ 1) of xs by linear
// interpolation between closest ranks, the method of Excel's PERCENTILE.INC
// (PRODUCT §4.8): rank h = (n−1)·p, value = x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
// xs need not be sorted and is not modified. An empty input has no
// percentile.
func Percentile(xs []float64, p float64) Value {
	if len(xs) == 0 {
		return NA("no values")
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return percentileSorted(s, p)
}

// percentileSorted is Percentile on an already sorted slice.
func percentileSorted(s []float64, p float64) Value {
	if len(s) == 0 {
		return NA("no values")
	}
	h := float64(len(s)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(s) {
		return Of(s[len(s)-1])
	}
	return Of(roundNoise(s[i] + (h-lo)*(s[i+1]-s[i])))
}

// roundNoise rounds to 9 decimal places: interpolation in binary floating
// point can give 134.5000000000001 where Excel shows 134.5.
func roundNoise(x float64) float64 { return math.Round(x*1e9) / 1e9 }

// Summary is the count and the p50/p85/p95 of a sample.
type Summary struct {
	Count int   `json:"count"`
	P50   Value `json:"p50"`
	P85   Value `json:"p85"`
	P95   Value `json:"p95"`
}

// Summarize returns the count and percentiles of xs.
func Summarize(xs []float64) Summary {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return Summary{Count: len(s), P50: percentileSorted(s, 0.50), P85: percentileSorted(s, 0.85), P95: percentileSorted(s, 0.95)}
}

// Median is the 50th percentile.
func Median(xs []float64) Value { return Percentile(xs, 0.5) }
