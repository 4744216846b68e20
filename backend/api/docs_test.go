package api_test

import (
	"strings"
	"testing"

	"github.com/throughline/throughline/backend/api"
	"github.com/throughline/throughline/docs"
)

func TestSplitSections(t *testing.T) {
	md := "# Title\n\nIntro.\n\n## Cycle time\n<!-- metrics: cycle_time_days lead_time_days -->\nDone − start + 1.\n\n## Flow efficiency\nActive ÷ total.\n"
	got := api.SplitSections(md)
	if len(got) != 3 || got[1].ID != "cycle-time" || strings.Join(got[1].Metrics, ",") != "cycle_time_days,lead_time_days" ||
		got[1].Text != "Done − start + 1." || got[2].Title != "Flow efficiency" || got[0].Text != "Intro." {
		t.Fatalf("sections = %+v", got)
	}
}

// TestMetricsDocCoversReport: every figure of the metrics report is
// explained by a section of docs/metrics.md, which the app shows under
// "How is this computed?".
func TestMetricsDocCoversReport(t *testing.T) {
	covered := map[string]bool{}
	for _, s := range api.SplitSections(docs.Metrics) {
		for _, m := range s.Metrics {
			covered[m] = true
		}
	}
	for _, k := range []string{"items", "throughput", "cycle_time_days", "lead_time_days", "wip", "flow_efficiency", "flow_distribution",
		"velocity", "say_do", "sprint_goal_attainment", "predictability", "okr_progress", "benefit_realization", "dora",
		"defect_escape_rate", "dependency_resolution_rate", "csat", "nps", "forecast"} {
		if !covered[k] {
			t.Errorf("docs/metrics.md has no section for %q (add <!-- metrics: %s --> under its heading)", k, k)
		}
	}
}
