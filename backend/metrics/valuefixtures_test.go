package metrics_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

// Fixtures of the value-metric tests (DORA, predictability, OKR, benefits,
// themes, dependencies, Scrum, quality). Their names start with vt so they
// cannot clash with the other tests of the package.

// vtAt parses an RFC 3339 instant.
func vtAt(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// vtAtP is vtAt as a pointer.
func vtAtP(s string) *time.Time { t := vtAt(s); return &t }

// vtDay parses a civil date.
func vtDay(s string) metrics.Day {
	d, err := metrics.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// vtPeriod parses an inclusive period.
func vtPeriod(from, to string) metrics.Period {
	p, err := metrics.ParsePeriod(from, to)
	if err != nil {
		panic(err)
	}
	return p
}

// vtBerlin is the reporting zone of the tests that cross a day boundary.
func vtBerlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	return loc
}

// vtCh is one stage change.
func vtCh(ts string, stage backend.Stage) backend.StageChange {
	return backend.StageChange{At: vtAt(ts), Status: string(stage), Stage: stage}
}

// vtF, vtI and vtB return pointers.
func vtF(x float64) *float64 { return &x }
func vtI(x int) *int         { return &x }
func vtB(x bool) *bool       { return &x }

// vtNA is the expectation "unavailable" in a *float64 field.
var vtNA *float64

// vtValue checks a Value against want (nil: unavailable with a reason).
func vtValue(t *testing.T, what string, got metrics.Value, want *float64) {
	t.Helper()
	x, ok := got.Float()
	switch {
	case want == nil && ok:
		t.Errorf("%s = %v, want n/a", what, x)
	case want == nil && got.Reason == "":
		t.Errorf("%s is n/a without a reason", what)
	case want != nil && !ok:
		t.Errorf("%s = n/a (%s), want %v", what, got.Reason, *want)
	case want != nil && math.Abs(x-*want) > 1e-9:
		t.Errorf("%s = %v, want %v", what, x, *want)
	}
}

// vtReason checks that got is unavailable with a reason containing want.
func vtReason(t *testing.T, what string, got metrics.Value, want string) {
	t.Helper()
	if got.OK() || !strings.Contains(got.Reason, want) {
		t.Errorf("%s = %+v, want n/a because %q", what, got, want)
	}
}

// vtIDs checks a list of IDs.
func vtIDs(t *testing.T, what string, got []int64, want ...int64) {
	t.Helper()
	if want == nil {
		want = []int64{}
	}
	if got == nil || !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
