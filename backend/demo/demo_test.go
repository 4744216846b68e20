package demo_test

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the Berlin checks must not depend on the host's zoneinfo
	"unicode"
	"unicode/utf8"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/demo"
)

var (
	cacheMu sync.Mutex
	cache   = map[demo.Options]*backend.Dataset{}
)

// generate returns the dataset for opts, generated once per test binary:
// the tests only read it.
func generate(t testing.TB, opts demo.Options) *backend.Dataset {
	t.Helper()
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if ds, ok := cache[opts]; ok {
		return ds
	}
	ds, err := demo.Generate(opts)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opts, err)
	}
	cache[opts] = ds
	return ds
}

// scales lists the scales to check; large only without -short.
func scales(t *testing.T) []string {
	if testing.Short() {
		return []string{demo.ScaleDemo}
	}
	return []string{demo.ScaleDemo, demo.ScaleLarge}
}

func digest(t *testing.T, ds *backend.Dataset) string {
	t.Helper()
	b, err := json.Marshal(ds)
	if err != nil {
		t.Fatalf("encode dataset: %v", err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

func TestGenerateIsDeterministic(t *testing.T) {
	base := demo.Options{Seed: demo.DefaultSeed, Scale: demo.ScaleDemo}
	want := digest(t, generate(t, base))
	tests := []struct {
		name string
		opts demo.Options
		same bool
	}{
		{"SameOptionsSameDataset", base, true},
		{"OtherSeedOtherDataset", demo.Options{Seed: 2, Scale: demo.ScaleDemo}, false},
		{"NegativeSeedOtherDataset", demo.Options{Seed: -7, Scale: demo.ScaleDemo}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := demo.Generate(tt.opts) // fresh, not cached
			if err != nil {
				t.Fatal(err)
			}
			if got := digest(t, ds); (got == want) != tt.same {
				t.Errorf("digest %s, base %s: want same=%v", got, want, tt.same)
			}
		})
	}
}

func TestGenerateUnknownScale(t *testing.T) {
	for _, scale := range []string{"", "huge", "Demo"} {
		t.Run(fmt.Sprintf("%q", scale), func(t *testing.T) {
			ds, err := demo.Generate(demo.Options{Seed: 1, Scale: scale})
			if ds != nil || backend.ErrorCode(err) != backend.EInvalid {
				t.Errorf("got %v, %v; want nil and an %q error", ds, err, backend.EInvalid)
			}
		})
	}
}

func TestGenerateSizes(t *testing.T) {
	type bounds struct{ min, max int }
	tests := []struct {
		scale                       string
		programs, teams, pis        int
		items, changes, deployments bounds
		settingsName                string
	}{
		{demo.ScaleDemo, 3, 9, 4, bounds{3000, 4000}, bounds{20_000, 30_000}, bounds{200, 900}, "Demo portfolio — Larkspur Group"},
		{demo.ScaleLarge, 8, 40, 8, bounds{200_000, 200_000}, bounds{1_400_000, 1_600_000}, bounds{20_000, 20_000}, "Demo portfolio — Larkspur Group (large)"},
	}
	for _, tt := range tests {
		t.Run(tt.scale, func(t *testing.T) {
			if tt.scale == demo.ScaleLarge && testing.Short() {
				t.Skip("large scale takes seconds; run without -short")
			}
			ds := generate(t, demo.Options{Seed: demo.DefaultSeed, Scale: tt.scale})
			exact := []struct {
				what      string
				got, want int
			}{
				{"programs", len(ds.Programs), tt.programs},
				{"teams", len(ds.Teams), tt.teams},
				{"PIs", len(ds.PIs), tt.pis},
			}
			for _, c := range exact {
				if c.got != c.want {
					t.Errorf("%s: got %d, want %d", c.what, c.got, c.want)
				}
			}
			ranged := []struct {
				what string
				got  int
				b    bounds
			}{
				{"items", len(ds.Items), tt.items},
				{"status changes", len(ds.StatusChanges), tt.changes},
				{"deployments", len(ds.Deployments), tt.deployments},
			}
			for _, c := range ranged {
				if c.got < c.b.min || c.got > c.b.max {
					t.Errorf("%s: got %d, want %d–%d", c.what, c.got, c.b.min, c.b.max)
				}
			}
			want := backend.Settings{
				Name: tt.settingsName, TimeZone: "Europe/Berlin", FiscalYearStart: 1, Framework: "safe",
				Demo: true, DemoSeed: demo.DefaultSeed, DemoScale: tt.scale, AsOf: "2026-11-20",
			}
			if ds.Settings != want {
				t.Errorf("settings: got %+v, want %+v", ds.Settings, want)
			}
		})
	}
}

// berlin is the reporting zone, from the embedded tz database.
func berlin(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatalf("load Europe/Berlin: %v", err)
	}
	return loc
}

func TestCalendarHoursAreBerlinOfficeHours(t *testing.T) {
	ds := generate(t, demo.Options{Seed: demo.DefaultSeed, Scale: demo.ScaleDemo})
	loc := berlin(t)
	inHours, weekend := 0, 0
	for _, c := range ds.StatusChanges {
		local := c.ChangedAt.In(loc)
		if h := local.Hour(); h >= 8 && h < 18 {
			inHours++
		}
		if wd := local.Weekday(); wd == time.Saturday || wd == time.Sunday {
			weekend++
		}
	}
	if share := float64(inHours) / float64(len(ds.StatusChanges)); share < 0.9 {
		t.Errorf("%.1f %% of status changes in 08–18 Berlin time, want most", 100*share)
	}
	if weekend > len(ds.StatusChanges)/100 {
		t.Errorf("%d status changes on weekends, want almost none", weekend)
	}
}

func TestGenerateCoversTheYearBeforeAsOf(t *testing.T) {
	ds := generate(t, demo.Options{Seed: demo.DefaultSeed, Scale: demo.ScaleDemo})
	loc := berlin(t)
	asOf := time.Date(2026, 11, 20, 0, 0, 0, 0, loc)
	doneInWeek := make([]int, 53) // weeks back from AsOf
	for _, it := range ds.Items {
		if it.ResolvedAt != nil && it.Type.IsDelivery() {
			if w := int(asOf.Sub(*it.ResolvedAt).Hours() / (24 * 7)); w >= 0 && w < len(doneInWeek) {
				doneInWeek[w]++
			}
		}
	}
	for w, n := range doneInWeek[:52] {
		if n == 0 {
			t.Errorf("nothing done %d weeks before AsOf", w)
		}
	}
}

// nonASCII reports whether s has a rune beyond ASCII.
func nonASCII(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

func TestGenerateNamesAreInternational(t *testing.T) {
	ds := generate(t, demo.Options{Seed: demo.DefaultSeed, Scale: demo.ScaleDemo})
	var teams, leads int
	for _, tm := range ds.Teams {
		if nonASCII(tm.Name) {
			teams++
		}
		if nonASCII(tm.Lead) {
			leads++
		}
	}
	if teams < 2 || leads < 3 {
		t.Errorf("%d team names and %d leads with non-ASCII letters, want several", teams, leads)
	}
	cjk := false
	for _, tm := range ds.Teams {
		cjk = cjk || strings.ContainsFunc(tm.Name, func(r rune) bool { return unicode.In(r, unicode.Han, unicode.Katakana) })
	}
	if !cjk {
		t.Errorf("no team name in a CJK script")
	}
}

func BenchmarkGenerateDemo(b *testing.B)  { benchmarkGenerate(b, demo.ScaleDemo) }
func BenchmarkGenerateLarge(b *testing.B) { benchmarkGenerate(b, demo.ScaleLarge) }

func benchmarkGenerate(b *testing.B, scale string) {
	b.ReportAllocs()
	items := 0
	for b.Loop() {
		ds, err := demo.Generate(demo.Options{Seed: demo.DefaultSeed, Scale: scale})
		if err != nil {
			b.Fatal(err)
		}
		items += len(ds.Items)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}
