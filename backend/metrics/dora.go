package metrics

import (
	"time"

	"github.com/throughline/throughline/backend"
)

// The DORA keys, as used in DORABands and DORAPerformance (PRODUCT §4.12).
const (
	DORADeploymentFrequency      = "deployment_frequency"
	DORALeadTimeForChanges       = "lead_time_for_changes"
	DORAChangeFailureRate        = "change_failure_rate"
	DORATimeToRestore            = "time_to_restore"
	DORAFailedDeploymentRecovery = "failed_deployment_recovery_time"
)

// The fourkeys-style deployment frequency bands (PRODUCT §4.12), named as
// dora-team/fourkeys names them.
const (
	FrequencyDaily   = "daily"
	FrequencyWeekly  = "weekly"
	FrequencyMonthly = "monthly"
	FrequencyYearly  = "yearly"
)

// DORABandSource says where the thresholds of DORABands come from, for the
// "How is this computed?" panel and the PDF (PRODUCT §4.12: show the band
// table used).
const DORABandSource = "DORA Accelerate State of DevOps 2023/2024 performance clusters " +
	"(elite, high, medium, low) turned into thresholds: deployment frequency and change lead time " +
	"from the ranges both reports give; change failure rate and recovery times as Apache DevLake's " +
	"\"2023\" rules threshold them, because the 2024 clusters are not monotonic " +
	"(medium 10 % < high 20 % failure rate). The clusters are survey findings, not standards."

// DORABand is one row of the DORA band table: a value of Metric falls in Band
// when it satisfies Op Limit. Rows of a metric are listed best first and the
// first row that matches wins; the last row of each metric (Op "") catches
// everything else.
type DORABand struct {
	Metric string  `json:"metric"` // one of the DORA… keys
	Band   string  `json:"band"`   // elite, high, medium, low
	Op     string  `json:"op"`     // ">=", "<", "<=", or "" for the catch-all band
	Limit  float64 `json:"limit"`
	Unit   string  `json:"unit"`   // unit of Limit and of the metric's figure
	Report string  `json:"report"` // the cluster as the DORA reports word it
}

// DORABands is the band table used for every DORA figure (PRODUCT §4.12;
// reference/metric-definitions.md §4.2). See DORABandSource.
//
// Deployment frequency is banded on deployments per week over the period:
// elite ≥ 7 (at least one a day on average: "on demand"), high ≥ 1 (once a
// week or more), medium ≥ 12/52 ≈ 0.23 (once a month or more), else low.
// Change lead time on the p50 in hours: elite < 24, high < 168 (a week),
// medium < 720 (30 days), else low. Change failure rate on the ratio:
// elite ≤ 0.05, high ≤ 0.10, medium ≤ 0.15, else low. Time to restore and
// failed deployment recovery time on the p50 in hours: elite < 1,
// high < 24, medium < 168, else low.
var DORABands = []DORABand{
	{DORADeploymentFrequency, "elite", ">=", 7, "deployments per week", "On demand (multiple deploys per day)"},
	{DORADeploymentFrequency, "high", ">=", 1, "deployments per week", "Between once per day and once per week"},
	{DORADeploymentFrequency, "medium", ">=", 12.0 / 52, "deployments per week", "Between once per week and once per month"},
	{DORADeploymentFrequency, "low", "", 0, "deployments per week", "Between once per month and once every six months"},
	{DORALeadTimeForChanges, "elite", "<", 24, "hours", "Less than one day"},
	{DORALeadTimeForChanges, "high", "<", 168, "hours", "Between one day and one week"},
	{DORALeadTimeForChanges, "medium", "<", 720, "hours", "Between one week and one month"},
	{DORALeadTimeForChanges, "low", "", 0, "hours", "Between one month and six months"},
	{DORAChangeFailureRate, "elite", "<=", 0.05, "ratio", "5 % (2023 cluster)"},
	{DORAChangeFailureRate, "high", "<=", 0.10, "ratio", "10 % (2023 cluster)"},
	{DORAChangeFailureRate, "medium", "<=", 0.15, "ratio", "15 % (2023 cluster)"},
	{DORAChangeFailureRate, "low", "", 0, "ratio", "64 % (2023 cluster)"},
	{DORATimeToRestore, "elite", "<", 1, "hours", "Less than one hour"},
	{DORATimeToRestore, "high", "<", 24, "hours", "Less than one day"},
	{DORATimeToRestore, "medium", "<", 168, "hours", "Between one day and one week"},
	{DORATimeToRestore, "low", "", 0, "hours", "Between one month and six months (2023 cluster)"},
	{DORAFailedDeploymentRecovery, "elite", "<", 1, "hours", "Less than one hour"},
	{DORAFailedDeploymentRecovery, "high", "<", 24, "hours", "Less than one day"},
	{DORAFailedDeploymentRecovery, "medium", "<", 168, "hours", "Between one day and one week"},
	{DORAFailedDeploymentRecovery, "low", "", 0, "hours", "Between one month and six months (2023 cluster)"},
}

// DORABandOf returns the band ("elite", "high", "medium", "low") of a figure
// of the given DORA metric by DORABands, or "" when the figure is unavailable
// or the metric unknown.
func DORABandOf(metric string, v Value) string {
	x, ok := v.Float()
	if !ok {
		return ""
	}
	for _, b := range DORABands {
		if b.Metric != metric {
			continue
		}
		switch {
		case b.Op == "",
			b.Op == ">=" && x >= b.Limit,
			b.Op == "<" && x < b.Limit,
			b.Op == "<=" && x <= b.Limit:
			return b.Band
		}
	}
	return ""
}

// DORAPerformance is the elite/high/medium/low band of each DORA figure; ""
// when the figure is unavailable.
type DORAPerformance struct {
	DeploymentFrequency      string `json:"deployment_frequency"`
	LeadTimeForChanges       string `json:"lead_time_for_changes"`
	ChangeFailureRate        string `json:"change_failure_rate"`
	TimeToRestore            string `json:"time_to_restore"`
	FailedDeploymentRecovery string `json:"failed_deployment_recovery"`
}

// DORA holds the DORA figures of a period (PRODUCT §4.12). Durations are
// exact (not truncated to whole hours) and medians use PERCENTILE.INC
// (PRODUCT §4.8).
type DORA struct {
	Period string `json:"period"`
	// Deployments counts production deployments whose deployment day lies
	// in the period, whatever their outcome.
	Deployments int `json:"deployments"`
	// DeploymentsPerWeek = Deployments ÷ (days in the period ÷ 7).
	DeploymentsPerWeek Value `json:"deployments_per_week"`
	// DeployDaysPerWeekP50 is the median, over the period's ISO weeks, of
	// the number of distinct days with a production deployment.
	DeployDaysPerWeekP50 Value `json:"deploy_days_per_week_p50"`
	// FrequencyBand is the fourkeys-style band (see FrequencyBandOf); ""
	// when there is no deployment.
	FrequencyBand string `json:"frequency_band"`
	// FailedDeployments counts each failed deployment once.
	FailedDeployments int `json:"failed_deployments"`
	// ChangeFailureRate = FailedDeployments ÷ Deployments.
	ChangeFailureRate Value `json:"change_failure_rate"`
	// LeadTimeForChangesHoursP50 is the median of (deployed − change
	// started) over the period's deployments with a positive such time.
	LeadTimeForChangesHoursP50 Value `json:"lead_time_for_changes_hours_p50"`
	// TimeToRestoreHoursP50 is the median of (resolved − opened) over the
	// incidents opened in the period and resolved.
	TimeToRestoreHoursP50 Value `json:"time_to_restore_hours_p50"`
	// FailedDeploymentRecoveryHoursP50 is the median of (recovered −
	// deployed) over the period's failed deployments with a known recovery.
	FailedDeploymentRecoveryHoursP50 Value `json:"failed_deployment_recovery_hours_p50"`
	// Bands are the figures' elite/high/medium/low bands by DORABands.
	Bands DORAPerformance `json:"bands"`
	// DeploymentIDs are the production deployments counted.
	DeploymentIDs []int64 `json:"deployment_ids"`
	// FailedDeploymentIDs are those of them that failed.
	FailedDeploymentIDs []int64 `json:"failed_deployment_ids"`
	// IncidentIDs are the incidents behind time to restore plus the
	// incidents that made a deployment of the period failed.
	IncidentIDs []int64 `json:"incident_ids"`
}

// ComputeDORA computes the DORA figures of period p, days being civil days
// in loc (PRODUCT §4.1, §4.12).
//
// Only production deployments count (Environment "production", any case).
// A deployment is failed when its outcome is failed or rolled_back, or when
// at least one incident names it as its cause, whenever that incident was
// opened; it is counted once however many incidents name it.
//
// Conventions beyond PRODUCT §4.12: lead times that are zero or negative are
// dropped (reference §4.5, as fourkeys does); time to restore covers the
// incidents opened in the period (and resolved, even after the period's
// end); recovery of a failed deployment is its RecoveredAt or, when that is
// missing, the earliest resolution among the incidents it caused; negative
// restore or recovery durations are dropped as bad data.
func ComputeDORA(deployments []backend.Deployment, incidents []backend.Incident, p Period, loc *time.Location) DORA {
	if loc == nil {
		loc = time.UTC
	}
	caused := incidentsByCause(incidents)
	var deployIDs, failedIDs, incIDs []int64
	var lead, recovery, restore []float64
	deployDays := map[Day]bool{}
	for _, d := range deployments {
		day := DayOf(d.DeployedAt, loc)
		if !isProductionDeploy(d) || !p.Contains(day) {
			continue
		}
		deployIDs = append(deployIDs, d.ID)
		deployDays[day] = true
		if d.ChangeStartedAt != nil {
			if h := d.DeployedAt.Sub(*d.ChangeStartedAt).Hours(); h > 0 {
				lead = append(lead, h)
			}
		}
		if !deploymentFailed(d, caused) {
			continue
		}
		failedIDs = append(failedIDs, d.ID)
		for _, in := range caused[d.ID] {
			incIDs = append(incIDs, in.ID)
		}
		if at, ok := recoveredAt(d, caused[d.ID]); ok {
			if h := at.Sub(d.DeployedAt).Hours(); h >= 0 {
				recovery = append(recovery, h)
			}
		}
	}
	opened := 0
	for _, in := range incidents {
		if !p.Contains(DayOf(in.OpenedAt, loc)) {
			continue
		}
		opened++
		if in.ResolvedAt == nil {
			continue
		}
		if h := in.ResolvedAt.Sub(in.OpenedAt).Hours(); h >= 0 {
			restore = append(restore, h)
			incIDs = append(incIDs, in.ID)
		}
	}

	n, failed := len(deployIDs), len(failedIDs)
	const noDeploys = "no production deployments in the period"
	out := DORA{
		Period:              p.String(),
		Deployments:         n,
		DeploymentsPerWeek:  Ratio(float64(n), p.Weeks(), "the period has no days"),
		FailedDeployments:   failed,
		ChangeFailureRate:   Ratio(float64(failed), float64(n), noDeploys),
		DeploymentIDs:       traceIDs(deployIDs),
		FailedDeploymentIDs: traceIDs(failedIDs),
		IncidentIDs:         traceIDs(incIDs),
	}
	out.DeployDaysPerWeekP50, out.FrequencyBand = frequencyStats(deployDays, p)
	switch {
	case n == 0:
		out.LeadTimeForChangesHoursP50 = NA(noDeploys)
	case len(lead) == 0:
		out.LeadTimeForChangesHoursP50 = NA("no production deployment in the period has a change start before it")
	default:
		out.LeadTimeForChangesHoursP50 = Median(lead)
	}
	switch {
	case opened == 0:
		out.TimeToRestoreHoursP50 = NA("no incidents opened in the period")
	case len(restore) == 0:
		out.TimeToRestoreHoursP50 = NA("no incident opened in the period has been resolved")
	default:
		out.TimeToRestoreHoursP50 = Median(restore)
	}
	switch {
	case n == 0:
		out.FailedDeploymentRecoveryHoursP50 = NA(noDeploys)
	case failed == 0:
		out.FailedDeploymentRecoveryHoursP50 = NA("no failed production deployments in the period")
	case len(recovery) == 0:
		out.FailedDeploymentRecoveryHoursP50 = NA("no failed deployment in the period has a recovery time")
	default:
		out.FailedDeploymentRecoveryHoursP50 = Median(recovery)
	}
	if n > 0 {
		out.Bands.DeploymentFrequency = DORABandOf(DORADeploymentFrequency, out.DeploymentsPerWeek)
	}
	out.Bands.LeadTimeForChanges = DORABandOf(DORALeadTimeForChanges, out.LeadTimeForChangesHoursP50)
	out.Bands.ChangeFailureRate = DORABandOf(DORAChangeFailureRate, out.ChangeFailureRate)
	out.Bands.TimeToRestore = DORABandOf(DORATimeToRestore, out.TimeToRestoreHoursP50)
	out.Bands.FailedDeploymentRecovery = DORABandOf(DORAFailedDeploymentRecovery, out.FailedDeploymentRecoveryHoursP50)
	return out
}

// frequencyStats returns the median number of deployment days per ISO week
// of p and the fourkeys-style band (see FrequencyBandOf).
func frequencyStats(deployDays map[Day]bool, p Period) (Value, string) {
	weeks := WeeksIn(p)
	days := make([]float64, len(weeks))
	deployed := make([]float64, len(weeks))
	monthOfWeek := make([]int, len(weeks))
	weeksDeployedInMonth := map[int]float64{}
	for i, w := range weeks {
		for d := w.From; d <= w.To; d++ {
			if deployDays[d] {
				days[i]++
			}
		}
		y, m, _ := w.From.Time().Date()
		monthOfWeek[i] = y*12 + int(m)
		if days[i] > 0 {
			deployed[i] = 1
			weeksDeployedInMonth[monthOfWeek[i]]++
		}
	}
	monthly := make([]float64, len(weeks))
	for i := range weeks {
		monthly[i] = weeksDeployedInMonth[monthOfWeek[i]]
	}
	med := Median(days)
	if len(deployDays) == 0 {
		return med, ""
	}
	return med, FrequencyBandOf(days, deployed, monthly)
}

// FrequencyBandOf applies the dora-team/fourkeys deployment frequency rule
// (PRODUCT §4.12 "fourkeys-style band"; reference §4.3) to per-week series
// aligned on the period's ISO weeks (Monday start, clipped to the period;
// fourkeys uses the last three months and Sunday-start weeks):
//
//   - "daily" when the median of deployDays (distinct days with a
//     deployment in each week) is ≥ 3;
//   - else "weekly" when the median of deployed (1 when the week had a
//     deployment, else 0) is ≥ 1, i.e. clearly most weeks had one;
//   - else "monthly" when the median of monthly (for each week, the number
//     of deployed weeks in the calendar month its first day falls in) is ≥ 1;
//   - else "yearly".
//
// Medians are PERCENTILE.INC medians, as fourkeys' PERCENTILE_CONT.
func FrequencyBandOf(deployDays, deployed, monthly []float64) string {
	atLeast := func(xs []float64, min float64) bool {
		m, ok := Median(xs).Float()
		return ok && m >= min
	}
	switch {
	case atLeast(deployDays, 3):
		return FrequencyDaily
	case atLeast(deployed, 1):
		return FrequencyWeekly
	case atLeast(monthly, 1):
		return FrequencyMonthly
	}
	return FrequencyYearly
}

// DORAWeek is one ISO week of the DORA trend (PRODUCT §4.12).
type DORAWeek struct {
	Week                string  `json:"week"` // ISO week, e.g. "2026-W07"
	From                string  `json:"from"` // the week clipped to the period
	To                  string  `json:"to"`
	Deployments         int     `json:"deployments"`
	Failed              int     `json:"failed"`
	DeploymentIDs       []int64 `json:"deployment_ids"`
	FailedDeploymentIDs []int64 `json:"failed_deployment_ids"`
}

// WeeklyDORA counts production deployments and failed ones in each ISO week
// of p (WeeksIn), by the same rules as ComputeDORA.
func WeeklyDORA(deployments []backend.Deployment, incidents []backend.Incident, p Period, loc *time.Location) []DORAWeek {
	if loc == nil {
		loc = time.UTC
	}
	caused := incidentsByCause(incidents)
	weeks := WeeksIn(p)
	out := make([]DORAWeek, len(weeks))
	for i, w := range weeks {
		out[i] = DORAWeek{Week: w.From.ISOWeek(), From: w.From.String(), To: w.To.String()}
	}
	for _, d := range deployments {
		day := DayOf(d.DeployedAt, loc)
		if !isProductionDeploy(d) || !p.Contains(day) {
			continue
		}
		i := int(day.WeekStart()-p.From.WeekStart()) / 7
		out[i].Deployments++
		out[i].DeploymentIDs = append(out[i].DeploymentIDs, d.ID)
		if deploymentFailed(d, caused) {
			out[i].Failed++
			out[i].FailedDeploymentIDs = append(out[i].FailedDeploymentIDs, d.ID)
		}
	}
	for i := range out {
		out[i].DeploymentIDs = traceIDs(out[i].DeploymentIDs)
		out[i].FailedDeploymentIDs = traceIDs(out[i].FailedDeploymentIDs)
	}
	return out
}

// isProductionDeploy reports whether d went to production (PRODUCT §4.12).
func isProductionDeploy(d backend.Deployment) bool {
	return sameWord(d.Environment, "production")
}

// incidentsByCause groups incidents by the deployment that caused them.
func incidentsByCause(incidents []backend.Incident) map[int64][]backend.Incident {
	m := map[int64][]backend.Incident{}
	for _, in := range incidents {
		if in.CausedByDeploymentID != 0 {
			m[in.CausedByDeploymentID] = append(m[in.CausedByDeploymentID], in)
		}
	}
	return m
}

// deploymentFailed reports whether d is a failed deployment: marked failed
// or rolled back, or named as the cause of an incident (PRODUCT §4.12).
func deploymentFailed(d backend.Deployment, caused map[int64][]backend.Incident) bool {
	return sameWord(d.Outcome, "failed") || sameWord(d.Outcome, "rolled_back") || len(caused[d.ID]) > 0
}

// recoveredAt is when failed deployment d was recovered: its RecoveredAt,
// else the earliest resolution of the incidents it caused.
func recoveredAt(d backend.Deployment, caused []backend.Incident) (time.Time, bool) {
	if d.RecoveredAt != nil {
		return *d.RecoveredAt, true
	}
	var first time.Time
	found := false
	for _, in := range caused {
		if in.ResolvedAt != nil && (!found || in.ResolvedAt.Before(first)) {
			first, found = *in.ResolvedAt, true
		}
	}
	return first, found
}
