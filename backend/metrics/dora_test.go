package metrics_test

import (
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
)

func vtDeploy(id int64, env, at, outcome string) backend.Deployment {
	return backend.Deployment{ID: id, Environment: env, DeployedAt: vtAt(at), Outcome: outcome}
}

func vtIncident(id, cause int64, opened, resolved string) backend.Incident {
	in := backend.Incident{ID: id, CausedByDeploymentID: cause, OpenedAt: vtAt(opened)}
	if resolved != "" {
		in.ResolvedAt = vtAtP(resolved)
	}
	return in
}

func TestComputeDORA(t *testing.T) {
	berlin := vtBerlin(t)
	twoWeeks := vtPeriod("2026-03-02", "2026-03-15") // Monday to Sunday, 14 days = 2 weeks
	tests := []struct {
		name        string
		deps        []backend.Deployment
		incs        []backend.Incident
		loc         *time.Location
		deployments []int64
		failed      []int64
		perWeek     *float64
		cfr         *float64
	}{
		{
			// §4.12: each failed deployment counted once, however many
			// incidents it caused: 1 failed of 2, not 2 of 2.
			name: "DeploymentLinkedToTwoIncidentsCountedOnce",
			deps: []backend.Deployment{
				vtDeploy(1, "production", "2026-03-03T10:00:00Z", "success"),
				vtDeploy(2, "production", "2026-03-04T10:00:00Z", "success"),
			},
			incs: []backend.Incident{
				vtIncident(100, 1, "2026-03-03T11:00:00Z", "2026-03-03T12:00:00Z"),
				vtIncident(101, 1, "2026-03-03T13:00:00Z", ""),
			},
			loc:         time.UTC,
			deployments: []int64{1, 2},
			failed:      []int64{1},
			perWeek:     vtF(1), // 2 ÷ 2 weeks
			cfr:         vtF(0.5),
		},
		{
			// §4.12: a deployment marked rolled back is failed even with no
			// incident; 1 of 4 = 0.25. "Rolled back" spelled loosely counts.
			name: "RolledBackIsFailed",
			deps: []backend.Deployment{
				vtDeploy(1, "production", "2026-03-03T10:00:00Z", "Rolled back"),
				vtDeploy(2, "production", "2026-03-04T10:00:00Z", "success"),
				vtDeploy(3, "production", "2026-03-05T10:00:00Z", "success"),
				vtDeploy(4, "production", "2026-03-06T10:00:00Z", "success"),
			},
			loc:         time.UTC,
			deployments: []int64{1, 2, 3, 4},
			failed:      []int64{1},
			perWeek:     vtF(2),
			cfr:         vtF(0.25),
		},
		{
			// §4.12: only production deployments count, whatever the case of
			// the environment; the failed staging deployment is not there.
			name: "StagingIgnored",
			deps: []backend.Deployment{
				vtDeploy(1, "staging", "2026-03-03T10:00:00Z", "failed"),
				vtDeploy(2, "Production", "2026-03-04T10:00:00Z", "success"),
			},
			incs:        []backend.Incident{vtIncident(100, 1, "2026-03-03T11:00:00Z", "2026-03-03T12:00:00Z")},
			loc:         time.UTC,
			deployments: []int64{2},
			failed:      nil,
			perWeek:     vtF(0.5),
			cfr:         vtF(0),
		},
		{
			// §4.1: days are civil days in the reporting zone (Berlin, UTC+1
			// in March). 23:30 UTC on 1 March is 2 March in Berlin: in.
			// 23:30 UTC on 15 March is 16 March in Berlin: out. 22:30 UTC
			// on 15 March is 23:30 on 15 March in Berlin: in.
			name: "PeriodBoundaryInReportingZone",
			deps: []backend.Deployment{
				vtDeploy(1, "production", "2026-03-01T23:30:00Z", "success"),
				vtDeploy(2, "production", "2026-03-15T23:30:00Z", "success"),
				vtDeploy(3, "production", "2026-03-15T22:30:00Z", "success"),
				vtDeploy(4, "production", "2026-03-01T22:30:00Z", "success"),
			},
			loc:         berlin,
			deployments: []int64{1, 3},
			failed:      nil,
			perWeek:     vtF(1),
			cfr:         vtF(0),
		},
		{
			// §4.18: no deployments → change failure rate n/a, not 0 %;
			// deployments per week is a true 0.
			name:        "NoDeploymentsIsNA",
			deps:        []backend.Deployment{vtDeploy(1, "staging", "2026-03-03T10:00:00Z", "success")},
			loc:         time.UTC,
			deployments: nil,
			failed:      nil,
			perWeek:     vtF(0),
			cfr:         vtNA,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metrics.ComputeDORA(tt.deps, tt.incs, twoWeeks, tt.loc)
			vtIDs(t, "deployments", got.DeploymentIDs, tt.deployments...)
			vtIDs(t, "failed", got.FailedDeploymentIDs, tt.failed...)
			if got.Deployments != len(tt.deployments) || got.FailedDeployments != len(tt.failed) {
				t.Errorf("counts = %d/%d, want %d/%d", got.FailedDeployments, got.Deployments, len(tt.failed), len(tt.deployments))
			}
			vtValue(t, "deployments per week", got.DeploymentsPerWeek, tt.perWeek)
			vtValue(t, "change failure rate", got.ChangeFailureRate, tt.cfr)
		})
	}

	t.Run("NoDeploymentsReasons", func(t *testing.T) {
		// §4.18: every unavailable figure says why; bands are empty.
		got := metrics.ComputeDORA(nil, nil, twoWeeks, time.UTC)
		vtReason(t, "change failure rate", got.ChangeFailureRate, "no production deployments in the period")
		vtReason(t, "lead time", got.LeadTimeForChangesHoursP50, "no production deployments in the period")
		vtReason(t, "recovery", got.FailedDeploymentRecoveryHoursP50, "no production deployments in the period")
		vtReason(t, "time to restore", got.TimeToRestoreHoursP50, "no incidents opened in the period")
		if got.FrequencyBand != "" || got.Bands != (metrics.DORAPerformance{}) {
			t.Errorf("bands = %q %+v, want none", got.FrequencyBand, got.Bands)
		}
		vtIDs(t, "incidents", got.IncidentIDs)
	})

	t.Run("WorkedExample", func(t *testing.T) {
		// The docs/metrics.md example, computed by hand (Berlin, 2–15 March
		// 2026, two weeks):
		//   7  01 Mar 23:30Z = 2 Mar Berlin, change start after deploy → lead time dropped
		//   1  2 Mar, success, change started 24 h before
		//   2  3 Mar, failed, change 6 h before, recovered 2 h after
		//   3  4 Mar, success but caused incidents 100 (resolved 4 h after
		//      opening, 5 h after the deploy) and 101 (1 h) → failed,
		//      recovered at the earliest resolution: 5 h; change 48 h before
		//   5  10 Mar, rolled back, no recovery time, no incident
		//   4  staging: ignored; 6: 16 Mar Berlin: outside
		// Deployments 5, per week 2.5; failed 2, 3, 5 → CFR 3/5 = 0.6.
		// Lead time median of 6, 24, 48 = 24 h; recovery median of 2, 5 =
		// 3.5 h; restore median of 4 and 1 = 2.5 h (102 is unresolved, 103
		// was opened before the period).
		// Deployment days per ISO week: W10 {2, 3, 4 Mar} = 3, W11 {10 Mar}
		// = 1 → median 2 < 3, not daily; both weeks deployed → weekly.
		deps := []backend.Deployment{
			vtDeploy(1, "production", "2026-03-02T10:00:00Z", "success"),
			vtDeploy(2, "production", "2026-03-03T10:00:00Z", "failed"),
			vtDeploy(3, "production", "2026-03-04T10:00:00Z", "success"),
			vtDeploy(4, "staging", "2026-03-05T10:00:00Z", "failed"),
			vtDeploy(5, "production", "2026-03-10T10:00:00Z", "rolled_back"),
			vtDeploy(6, "production", "2026-03-15T23:30:00Z", "success"),
			vtDeploy(7, "production", "2026-03-01T23:30:00Z", "success"),
		}
		deps[0].ChangeStartedAt = vtAtP("2026-03-01T10:00:00Z")
		deps[1].ChangeStartedAt = vtAtP("2026-03-03T04:00:00Z")
		deps[1].RecoveredAt = vtAtP("2026-03-03T12:00:00Z")
		deps[2].ChangeStartedAt = vtAtP("2026-03-02T10:00:00Z")
		deps[6].ChangeStartedAt = vtAtP("2026-03-02T10:00:00Z")
		incs := []backend.Incident{
			vtIncident(100, 3, "2026-03-04T11:00:00Z", "2026-03-04T15:00:00Z"),
			vtIncident(101, 3, "2026-03-05T09:00:00Z", "2026-03-05T10:00:00Z"),
			vtIncident(102, 0, "2026-03-12T08:00:00Z", ""),
			vtIncident(103, 0, "2026-02-20T08:00:00Z", "2026-02-20T09:00:00Z"),
		}
		got := metrics.ComputeDORA(deps, incs, twoWeeks, berlin)
		vtIDs(t, "deployments", got.DeploymentIDs, 1, 2, 3, 5, 7)
		vtIDs(t, "failed", got.FailedDeploymentIDs, 2, 3, 5)
		vtIDs(t, "incidents", got.IncidentIDs, 100, 101)
		vtValue(t, "per week", got.DeploymentsPerWeek, vtF(2.5))
		vtValue(t, "CFR", got.ChangeFailureRate, vtF(0.6))
		vtValue(t, "lead time p50", got.LeadTimeForChangesHoursP50, vtF(24))
		vtValue(t, "recovery p50", got.FailedDeploymentRecoveryHoursP50, vtF(3.5))
		vtValue(t, "restore p50", got.TimeToRestoreHoursP50, vtF(2.5))
		vtValue(t, "deploy days per week p50", got.DeployDaysPerWeekP50, vtF(2))
		if got.FrequencyBand != metrics.FrequencyWeekly {
			t.Errorf("frequency band = %q, want weekly", got.FrequencyBand)
		}
		want := metrics.DORAPerformance{DeploymentFrequency: "high", LeadTimeForChanges: "high", ChangeFailureRate: "low",
			TimeToRestore: "high", FailedDeploymentRecovery: "high"}
		if got.Bands != want {
			t.Errorf("bands = %+v, want %+v", got.Bands, want)
		}
	})
}

func TestFrequencyBand(t *testing.T) {
	// §4.12 fourkeys-style band over the period's ISO weeks.
	deploysOn := func(days ...string) []backend.Deployment {
		var out []backend.Deployment
		for i, d := range days {
			out = append(out, vtDeploy(int64(i+1), "production", d+"T10:00:00Z", "success"))
		}
		return out
	}
	tests := []struct {
		name   string
		p      metrics.Period
		deps   []backend.Deployment
		want   string
		median float64
	}{
		// Deployment days per week 3 and 3: median 3 ≥ 3.
		{"ThreeDaysAWeekIsDaily", vtPeriod("2026-03-02", "2026-03-15"),
			deploysOn("2026-03-02", "2026-03-03", "2026-03-04", "2026-03-09", "2026-03-10", "2026-03-11"), metrics.FrequencyDaily, 3},
		// Weeks deployed 1, 1, 0: median 1 → weekly (days 1, 2, 0: median 1).
		{"MostWeeksIsWeekly", vtPeriod("2026-03-02", "2026-03-22"),
			deploysOn("2026-03-02", "2026-03-09", "2026-03-10"), metrics.FrequencyWeekly, 1},
		// One deployed week of four, all in March: every week's month has
		// 1 deployed week → median 1 → monthly.
		{"OneWeekInTheMonthIsMonthly", vtPeriod("2026-03-02", "2026-03-29"),
			deploysOn("2026-03-03"), metrics.FrequencyMonthly, 0},
		// Twelve weeks, the four January ones see 1 deployed week, the
		// eight of February and March see 0 → median 0 → yearly.
		{"OneDeployInAQuarterIsYearly", vtPeriod("2026-01-05", "2026-03-29"),
			deploysOn("2026-01-07"), metrics.FrequencyYearly, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metrics.ComputeDORA(tt.deps, nil, tt.p, time.UTC)
			if got.FrequencyBand != tt.want {
				t.Errorf("band = %q, want %q", got.FrequencyBand, tt.want)
			}
			vtValue(t, "deploy days per week p50", got.DeployDaysPerWeekP50, &tt.median)
		})
	}
}

func TestDORABandOf(t *testing.T) {
	// §4.12 "show the band table used": the thresholds of DORABands.
	tests := []struct {
		name   string
		metric string
		v      metrics.Value
		want   string
	}{
		{"DailyDeploysElite", metrics.DORADeploymentFrequency, metrics.Of(7), "elite"},
		{"JustUnderDailyHigh", metrics.DORADeploymentFrequency, metrics.Of(6.99), "high"},
		{"WeeklyHigh", metrics.DORADeploymentFrequency, metrics.Of(1), "high"},
		{"MonthlyMedium", metrics.DORADeploymentFrequency, metrics.Of(12.0 / 52), "medium"},
		{"RarerLow", metrics.DORADeploymentFrequency, metrics.Of(0.2), "low"},
		{"LeadTimeUnderADayElite", metrics.DORALeadTimeForChanges, metrics.Of(23.9), "elite"},
		{"LeadTimeOfADayHigh", metrics.DORALeadTimeForChanges, metrics.Of(24), "high"},
		{"LeadTime30DaysLow", metrics.DORALeadTimeForChanges, metrics.Of(720), "low"},
		{"CFR5PercentElite", metrics.DORAChangeFailureRate, metrics.Of(0.05), "elite"},
		{"CFR15PercentMedium", metrics.DORAChangeFailureRate, metrics.Of(0.15), "medium"},
		{"CFR16PercentLow", metrics.DORAChangeFailureRate, metrics.Of(0.16), "low"},
		{"RecoveryHalfHourElite", metrics.DORAFailedDeploymentRecovery, metrics.Of(0.5), "elite"},
		{"RecoveryOneHourHigh", metrics.DORAFailedDeploymentRecovery, metrics.Of(1), "high"},
		{"RestoreAWeekLow", metrics.DORATimeToRestore, metrics.Of(168), "low"},
		{"NAHasNoBand", metrics.DORAChangeFailureRate, metrics.NA("no deployments"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := metrics.DORABandOf(tt.metric, tt.v); got != tt.want {
				t.Errorf("band = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWeeklyDORA(t *testing.T) {
	// §4.4 weeks are ISO weeks (Monday start) clipped to the period.
	// Wednesday 4 March to Tuesday 17 March 2026: W10 (4–8), W11, W12 (16–17).
	deps := []backend.Deployment{
		vtDeploy(1, "production", "2026-03-04T10:00:00Z", "success"),
		vtDeploy(2, "production", "2026-03-08T10:00:00Z", "failed"),
		vtDeploy(3, "production", "2026-03-16T10:00:00Z", "success"),
		vtDeploy(4, "production", "2026-03-03T10:00:00Z", "failed"), // before the period
		vtDeploy(5, "staging", "2026-03-10T10:00:00Z", "success"),
	}
	incs := []backend.Incident{vtIncident(100, 3, "2026-03-16T12:00:00Z", "")}
	got := metrics.WeeklyDORA(deps, incs, vtPeriod("2026-03-04", "2026-03-17"), time.UTC)
	want := []struct {
		week, from, to      string
		deployments, failed int
	}{
		{"2026-W10", "2026-03-04", "2026-03-08", 2, 1},
		{"2026-W11", "2026-03-09", "2026-03-15", 0, 0},
		{"2026-W12", "2026-03-16", "2026-03-17", 1, 1},
	}
	if len(got) != len(want) {
		t.Fatalf("weeks = %+v", got)
	}
	for i, w := range want {
		g := got[i]
		if g.Week != w.week || g.From != w.from || g.To != w.to || g.Deployments != w.deployments || g.Failed != w.failed {
			t.Errorf("week %d = %+v, want %+v", i, g, w)
		}
	}
	vtIDs(t, "W10 failed", got[0].FailedDeploymentIDs, 2)
	vtIDs(t, "W11 deployments", got[1].DeploymentIDs)
}
