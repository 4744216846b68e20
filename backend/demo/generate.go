// Package demo generates Throughline's demo portfolio: a seeded, realistic
// portfolio of programs, teams, work items with status histories, sprints,
// deployments, incidents, OKRs, business cases and governance records
// (PRODUCT §2). At the large scale the same generator is the benchmark
// workload (PRODUCT §10).
//
// Generation is deterministic: equal Options give equal Datasets. Nothing
// reads the clock, and no map is iterated.
package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/throughline/throughline/backend"
)

// AsOf is the demo portfolio's "today", a civil date in the reporting time
// zone. Every timestamp lies before the end of that day, and the year before
// it is covered by activity.
const AsOf = "2026-11-20"

// TimeZone is the demo portfolio's reporting time zone.
const TimeZone = "Europe/Berlin"

// The scales Generate understands.
const (
	ScaleDemo  = "demo"  // what a new user sees: 3 programs, 9 teams, 4 PIs, ~3,500 items
	ScaleLarge = "large" // the benchmark workload: 8 programs, 40 teams, 8 PIs, 200,000 items
)

// DefaultSeed is the seed the app and the tests use unless told otherwise.
const DefaultSeed int64 = 1

// Options choose the portfolio to generate.
type Options struct {
	Seed  int64  // equal seeds give equal datasets
	Scale string // ScaleDemo or ScaleLarge
}

// pcgStream is the second word of the PCG state. It is fixed so the seed
// alone chooses the portfolio.
const pcgStream = 0x7468726f75676821 // "through!"

// params size one scale.
type params struct {
	programs        int
	teamsPerProgram int
	pis             int     // program increments of 13 weeks; the last one holds AsOf
	items           int     // exact number of work items
	epicsPerProgram int     // exact
	featureShare    float64 // features as a share of items
	subtaskShare    float64 // sub-tasks as a share of items
	deployments     int     // exact
	dependencies    int
	feedbackMonths  int
}

// layers splits the item count into epics, features, sub-tasks and the
// delivery items that make up the rest.
func (p params) layers() (epics, features, subtasks, delivery int) {
	epics = p.epicsPerProgram * p.programs
	features = int(float64(p.items) * p.featureShare)
	subtasks = int(float64(p.items) * p.subtaskShare)
	return epics, features, subtasks, p.items - epics - features - subtasks
}

func scaleParams(scale string) (params, bool) {
	switch scale {
	case ScaleDemo:
		return params{programs: 3, teamsPerProgram: 3, pis: 4, items: 3500, epicsPerProgram: 9,
			featureShare: 0.055, subtaskShare: 0.03, deployments: 420, dependencies: 45, feedbackMonths: 12}, true
	case ScaleLarge:
		return params{programs: 8, teamsPerProgram: 5, pis: 8, items: 200_000, epicsPerProgram: 60,
			featureShare: 0.054, subtaskShare: 0.03, deployments: 20_000, dependencies: 2400, feedbackMonths: 24}, true
	}
	return params{}, false
}

// lastPIStart is the first day of the current PI. PIs are 13 weeks: six
// two-week sprints and an innovation & planning week; AsOf falls in the
// sixth sprint of the last one.
var lastPIStart = time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC)

const (
	piDays       = 91
	sprintDays   = 14
	sprintsPerPI = 6
	// flowLeadDays: work starts six weeks before the first PI, so the year
	// before AsOf has steady throughput from its first week.
	flowLeadDays = 42
	// historyDays: the calendar begins this long before the flow so old
	// backlog items and epics have somewhere to be created.
	historyDays = 210
	// horizonWorkdays: planned starts run this far past AsOf; those items
	// are the backlog and sprint backlog at AsOf.
	horizonWorkdays = 25
)

// gen holds the generator's state while one Dataset is built.
type gen struct {
	p   params
	r   *rand.Rand
	cal *calendar
	ds  *backend.Dataset

	programs []programInfo
	teams    []teamInfo
	pis      []piInfo
	slots    []slot  // the common sprint cadence, in order
	piOfDay  []int16 // PI index of each day, -1 outside PIs
	slotDay  []int16 // slot index of each day, -1 outside sprints
	kFlow    int32   // first workday of the flow window
	kEnd     int32   // last workday of planned starts

	epics, features, delivery, subtasks []plan
	ev                                  []event
	blocked                             []blockedPlan

	// the history being appended (see step)
	pOff    int
	pLast   int32
	pClosed bool

	// IDs by plan index, and each layer's plan indices in ID order
	epicID, featureID, deliveryID, subtaskID     []int64
	epicOrd, featureOrd, deliveryOrd, subtaskOrd []int32
	sprintFeature                                []int32 // a feature each sprint worked on, for its goal
	pastDue                                      int     // past-due actions written so far
}

// Generate builds the demo portfolio at opts.Scale from opts.Seed, with IDs
// counting from 1 in every table and parents before children, ready to be
// inserted in one transaction. An unknown scale is a *backend.Error with
// code backend.EInvalid; any other error is a bug in the generator.
func Generate(opts Options) (*backend.Dataset, error) {
	p, ok := scaleParams(opts.Scale)
	if !ok {
		return nil, backend.Errorf(backend.EInvalid, "Unknown demo scale %q: use %q or %q.", opts.Scale, ScaleDemo, ScaleLarge)
	}
	g := &gen{
		p:  p,
		r:  rand.New(rand.NewPCG(uint64(opts.Seed), pcgStream)),
		ds: &backend.Dataset{},
	}
	steps := []struct {
		name string
		run  func() error
	}{
		{"calendar", g.buildCalendar},
		{"organisation", g.buildOrg},
		{"delivery items", g.planDelivery},
		{"features and epics", g.planHierarchy},
		{"sub-tasks", g.planSubtasks},
		{"work items", g.emitItems},
		{"sprints", g.emitSprints},
		{"deployments", g.buildDeployments},
		{"dependencies", g.buildDependencies},
		{"objectives", g.buildOKRs},
		{"PI objectives", g.buildPIObjectives},
		{"business cases", g.buildBusinessCases},
		{"customer feedback", g.buildFeedback},
		{"governance", g.buildGovernance},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			return nil, fmt.Errorf("generate %s portfolio: %s: %w", opts.Scale, s.name, err)
		}
	}
	g.ds.Settings = backend.Settings{
		Name:            settingsName(opts.Scale),
		TimeZone:        TimeZone,
		FiscalYearStart: 1,
		Framework:       "safe",
		Demo:            true,
		DemoSeed:        opts.Seed,
		DemoScale:       opts.Scale,
		AsOf:            AsOf,
	}
	return g.ds, nil
}

func settingsName(scale string) string {
	if scale == ScaleLarge {
		return "Demo portfolio — " + companyName + " (large)"
	}
	return "Demo portfolio — " + companyName
}

// Random helpers. All draws go through g.r so one seed fixes everything.

func (g *gen) unif(a, b float64) float64 { return a + (b-a)*g.r.Float64() }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// between is a uniform integer in [a, b].
func (g *gen) between(a, b int) int { return a + g.r.IntN(b-a+1) }

// lognorm draws from a log-normal distribution with the given median.
func (g *gen) lognorm(median, sigma float64) float64 {
	return median * math.Exp(sigma*g.r.NormFloat64())
}

// pick returns an index drawn with the given relative weights.
func (g *gen) pick(weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	u := g.r.Float64() * total
	for i, w := range weights {
		if u < w {
			return i
		}
		u -= w
	}
	return len(weights) - 1
}

// wdays converts a duration in workdays to working minutes.
func wdays(d float64) int32 { return int32(d * minutesPerWorkday) }

// spread splits total into len(weights) integer parts proportional to the
// weights, by largest remainder, so the parts add up exactly.
func spread(total int, weights []float64) []int {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	out := make([]int, len(weights))
	rem := make([]float64, len(weights))
	given := 0
	for i, w := range weights {
		x := float64(total) * w / sum
		out[i] = int(x)
		rem[i] = x - float64(out[i])
		given += out[i]
	}
	for ; given < total; given++ {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		out[best]++
		rem[best] = -1
	}
	return out
}

// ptr returns a pointer to a copy of v (for the few optional scalars outside hot loops).
func ptr[T any](v T) *T { return &v }
