package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestMetricsAndForecast(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	if code, _, stderr := runCLI("demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}

	t.Run("MetricsJSONContract", func(t *testing.T) {
		code, out, stderr := runCLI("metrics", "--db", db, "--json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var rep map[string]any
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"as_of", "conventions", "portfolio", "programs"} {
			if _, ok := rep[k]; !ok {
				t.Fatalf("missing top-level key %q", k)
			}
		}
		programs := rep["programs"].([]any)
		team := programs[0].(map[string]any)["teams"].([]any)[0].(map[string]any)
		for _, m := range []map[string]any{rep["portfolio"].(map[string]any), programs[0].(map[string]any), team} {
			for _, k := range []string{"items", "throughput", "cycle_time_days", "lead_time_days", "wip", "flow_efficiency",
				"flow_distribution", "velocity", "predictability", "okr_progress", "benefit_realization", "dora"} {
				if _, ok := m[k]; !ok {
					t.Fatalf("metrics object lacks %q", k)
				}
			}
			for _, k := range []string{"total", "done", "by_type"} {
				if _, ok := m["items"].(map[string]any)[k]; !ok {
					t.Fatalf("items lacks %q", k)
				}
			}
			for _, k := range []string{"deployments_per_week", "change_failure_rate", "lead_time_for_changes_hours_p50", "time_to_restore_hours_p50"} {
				if _, ok := m["dora"].(map[string]any)[k]; !ok {
					t.Fatalf("dora lacks %q", k)
				}
			}
			for _, k := range []string{"count", "p50", "p85", "p95"} {
				if _, ok := m["cycle_time_days"].(map[string]any)[k]; !ok {
					t.Fatalf("cycle_time_days lacks %q", k)
				}
			}
		}
		if _, ok := team["name"].(string); !ok {
			t.Fatal("team without a name")
		}
	})

	t.Run("MetricsNeedsJSON", func(t *testing.T) {
		if code, _, _ := runCLI("metrics", "--db", db); code != 2 {
			t.Fatalf("exit %d, want 2", code)
		}
	})

	t.Run("BadDateIsUsageOfData", func(t *testing.T) {
		code, _, stderr := runCLI("metrics", "--db", db, "--json", "--from", "2026-02-30")
		if code != 1 || !strings.Contains(stderr, "YYYY-MM-DD") {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	})

	t.Run("ForecastWhenAndHowManyAgree", func(t *testing.T) {
		code, out, stderr := runCLI("forecast", "--db", db, "--team", "Care Chat", "--items", "30", "--json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var when struct {
			When struct {
				FirstDay string `json:"first_day"`
				Readings []struct {
					Confidence int
					Date       *string
				}
			}
		}
		json.Unmarshal([]byte(out), &when)
		r85 := when.When.Readings[1]
		if when.When.FirstDay != "2026-11-21" || r85.Confidence != 85 || r85.Date == nil {
			t.Fatalf("when = %s", out)
		}
		// By the 85% date, at least 30 items are done in at least 85% of trials.
		code, out, _ = runCLI("forecast", "--db", db, "--team", "Care Chat", "--by", *r85.Date, "--json")
		var many struct {
			HowMany struct {
				Readings []struct {
					Confidence int
					Items      *float64
				}
			} `json:"how_many"`
		}
		json.Unmarshal([]byte(out), &many)
		if code != 0 || many.HowMany.Readings[1].Items == nil || *many.HowMany.Readings[1].Items < 30 {
			t.Fatalf("how many by %s = %s", *r85.Date, out)
		}
	})

	t.Run("ForecastUsage", func(t *testing.T) {
		if code, _, _ := runCLI("forecast", "--db", db, "--team", "Care Chat"); code != 2 {
			t.Fatalf("no question: exit %d, want 2", code)
		}
		if code, _, stderr := runCLI("forecast", "--db", db, "--team", "Nobody", "--items", "3"); code != 1 || !strings.Contains(stderr, "Care Chat") {
			t.Fatalf("unknown team: exit %d: %s", code, stderr)
		}
	})
}

func TestExportTemplate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "d.db")
	if code, _, stderr := runCLI("demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "template.xlsx")
	code, stdout, stderr := runCLI("export", "template", "--db", db, "-o", out)
	if code != 0 || !strings.Contains(stdout, "9 teams, 4 PIs") {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	if code, _, _ := runCLI("export", "pdf", "--db", db); code != 2 {
		t.Fatalf("unsupported export kind: exit %d, want 2", code)
	}
}
