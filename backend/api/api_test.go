package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/api"
	"github.com/throughline/throughline/backend/sqlite"
	"github.com/throughline/throughline/backend/workspace"
)

func at(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// newServer opens a real portfolio file with two done items and one in
// progress, and serves the API over it.
func newServer(t *testing.T) (*httptest.Server, *workspace.Workspace, string) {
	t.Helper()
	dir := t.TempDir()
	ws := workspace.New(workspace.Dirs{Config: filepath.Join(dir, "config"), Data: filepath.Join(dir, "data")})
	path := filepath.Join(dir, "p.db")
	ctx := context.Background()
	if err := ws.Create(ctx, path, "Zoë's portfolio"); err != nil {
		t.Fatal(err)
	}
	ds := &backend.Dataset{
		Settings: backend.Settings{Name: "Zoë's portfolio", TimeZone: "Europe/Berlin", FiscalYearStart: 1, Framework: "safe", AsOf: "2026-11-20"},
		Programs: []backend.Program{{ID: 1, Name: "Payments", WIPLimit: 4}},
		Teams:    []backend.Team{{ID: 1, ProgramID: 1, Name: "Jürgen's team", Framework: "scrum", SprintLengthDays: 14, WorkdayMask: 31, Tool: "jira", WIPLimit: 1}},
		WorkflowMappings: []backend.WorkflowMapping{
			{SourceSystem: "jira", RawStatus: "In Progress", Stage: backend.StageActive},
			{SourceSystem: "jira", RawStatus: "Done", Stage: backend.StageDone},
		},
	}
	for i, done := range []string{"2026-11-16T10:00:00Z", "2026-11-17T10:00:00Z", ""} {
		id := int64(i + 1)
		status := "Done"
		if done == "" {
			status = "In Progress"
		}
		ds.Items = append(ds.Items, backend.WorkItem{ID: id, SourceSystem: "jira", ExternalKey: "PAY-" + string(rune('1'+i)), Type: backend.TypeStory, TeamID: 1, ProgramID: 1, Status: status, CreatedAt: at("2026-11-01T10:00:00Z")})
		ds.StatusChanges = append(ds.StatusChanges, backend.StatusChange{ItemID: id, ToStatus: "In Progress", ChangedAt: at("2026-11-10T10:00:00Z")})
		if done != "" {
			ds.StatusChanges = append(ds.StatusChanges, backend.StatusChange{ItemID: id, FromStatus: "In Progress", ToStatus: "Done", ChangedAt: at(done)})
		}
	}
	if err := ws.With(func(db *sqlite.DB, _ uint64) error { return db.LoadDataset(ctx, ds) }); err != nil {
		t.Fatal(err)
	}
	ws.Touch()
	srv := httptest.NewServer(api.New(ws, "test", nil))
	t.Cleanup(func() { srv.Close(); ws.Close() })
	return srv, ws, dir
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("decode %s: %v", url, err)
	}
	return res.StatusCode
}

func postJSON(t *testing.T, url, body string, v any) int {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v (%s)", url, err, b)
	}
	return res.StatusCode
}

func TestPortfolioAndOverview(t *testing.T) {
	srv, _, _ := newServer(t)

	var info api.PortfolioInfo
	if code := getJSON(t, srv.URL+"/api/portfolio", &info); code != 200 {
		t.Fatalf("status %d", code)
	}
	if info.Name != "Zoë's portfolio" || info.Counts.Items != 3 || info.Counts.Teams != 1 || info.FileName != "p.db" {
		t.Fatalf("info = %+v", info)
	}

	var ov struct {
		AsOf     string
		Totals   struct{ Items, Done, WIP int }
		Programs []struct {
			Name       string
			Throughput []int
			Teams      []struct {
				Name     string
				WIP      int `json:"wip"`
				WIPLimit int `json:"wipLimit"`
			}
		}
	}
	if code := getJSON(t, srv.URL+"/api/overview", &ov); code != 200 {
		t.Fatalf("status %d", code)
	}
	if ov.AsOf != "2026-11-20" || ov.Totals.Items != 3 || ov.Totals.Done != 2 || ov.Totals.WIP != 1 {
		t.Fatalf("overview = %+v", ov)
	}
	if tp := ov.Programs[0].Throughput; tp[len(tp)-1] != 2 {
		t.Fatalf("throughput in the as-of week = %d, want 2", tp[len(tp)-1])
	}
	if tm := ov.Programs[0].Teams[0]; tm.Name != "Jürgen's team" || tm.WIP != 1 || tm.WIPLimit != 1 {
		t.Fatalf("team = %+v", tm)
	}
}

func TestErrors(t *testing.T) {
	srv, _, dir := newServer(t)
	type apiErr struct {
		Error struct{ Code, Message string }
	}
	tests := []struct {
		name, path, body string
		status           int
		code             string
	}{
		{"RelativePathRejected", "/api/portfolio/open", `{"path":"p.db"}`, 400, backend.EInvalid},
		{"MissingFileIsNotFound", "/api/portfolio/open", `{"path":"` + filepath.Join(dir, "missing.db") + `"}`, 404, backend.ENotFound},
		{"UnknownFieldRejected", "/api/portfolio/open", `{"file":"x"}`, 400, backend.EInvalid},
		{"NewOverExistingRefused", "/api/portfolio/new", `{"path":"` + filepath.Join(dir, "p.db") + `","name":"x"}`, 409, backend.EConflict},
		{"UnknownEndpoint", "/api/nope", `{}`, 404, backend.ENotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e apiErr
			if got := postJSON(t, srv.URL+tt.path, tt.body, &e); got != tt.status || e.Error.Code != tt.code || e.Error.Message == "" {
				t.Fatalf("status %d, error %+v; want %d %s", got, e.Error, tt.status, tt.code)
			}
		})
	}
}

func TestNewOpenAndRecent(t *testing.T) {
	srv, _, dir := newServer(t)
	second := filepath.Join(dir, "second.db")
	var info api.PortfolioInfo
	if code := postJSON(t, srv.URL+"/api/portfolio/new", `{"path":"`+second+`","name":"Second"}`, &info); code != 200 {
		t.Fatalf("new: status %d", code)
	}
	if info.Name != "Second" || info.Counts.Items != 0 {
		t.Fatalf("new portfolio = %+v", info)
	}
	var ov struct{ Totals struct{ Items int } }
	getJSON(t, srv.URL+"/api/overview", &ov)
	if ov.Totals.Items != 0 {
		t.Fatalf("overview after switching still shows %d items", ov.Totals.Items)
	}
	var recent struct{ Recent []workspace.Recent }
	getJSON(t, srv.URL+"/api/recent", &recent)
	if len(recent.Recent) != 2 || recent.Recent[0].Path != second || !recent.Recent[1].Exists {
		t.Fatalf("recent = %+v", recent.Recent)
	}
	// Back to the first one through open.
	first := filepath.Join(dir, "p.db")
	if code := postJSON(t, srv.URL+"/api/portfolio/open", `{"path":"`+first+`"}`, &info); code != 200 || info.Counts.Items != 3 {
		t.Fatalf("reopen first: %d %+v", code, info)
	}
}

func TestFrontendFallback(t *testing.T) {
	srv, ws, _ := newServer(t)
	h := api.WithFrontend(api.New(ws, "test", nil), fstestMap())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/items/42", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "<div id=\"root\">") {
		t.Fatalf("SPA fallback: %d %q", rec.Code, rec.Body.String())
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Fatalf("CSP = %q", csp)
	}
	_ = srv
}

func TestMetricsAndTrace(t *testing.T) {
	srv, _, _ := newServer(t)
	var rep struct {
		AsOf      string `json:"as_of"`
		Portfolio struct {
			Items     struct{ Total, Done int }
			CycleTime struct {
				Count int
				P50   *float64
			} `json:"cycle_time_days"`
			WIP            struct{ Current int }
			Predictability *float64
			Notes          map[string]string
		}
	}
	if code := getJSON(t, srv.URL+"/api/metrics", &rep); code != 200 {
		t.Fatalf("status %d", code)
	}
	// Two stories started 10 Nov and done 16 and 17 Nov: 7 and 8 days.
	p := rep.Portfolio
	if rep.AsOf != "2026-11-20" || p.Items.Total != 3 || p.Items.Done != 2 || p.CycleTime.Count != 2 || p.CycleTime.P50 == nil || *p.CycleTime.P50 != 7.5 || p.WIP.Current != 1 {
		t.Fatalf("report = %+v", rep)
	}
	if p.Predictability != nil || p.Notes["predictability"] == "" {
		t.Fatalf("predictability without PI objectives = %v, note %q; want null with a reason", p.Predictability, p.Notes["predictability"])
	}

	var tr struct {
		Items []struct {
			Key       string
			CycleDays int `json:"cycle_days"`
		}
	}
	if code := getJSON(t, srv.URL+"/api/metrics/trace?metric=cycle_time&level=team&id=1", &tr); code != 200 {
		t.Fatalf("trace status %d", code)
	}
	if len(tr.Items) != 2 || tr.Items[0].CycleDays != 7 || tr.Items[1].CycleDays != 8 {
		t.Fatalf("trace = %+v", tr)
	}
	var dd struct {
		Total int
		Items []struct{ Key string }
	}
	if code := getJSON(t, srv.URL+"/api/metrics/trace?metric=delivery_done", &dd); code != 200 || dd.Total != 2 || len(dd.Items) != 2 {
		t.Fatalf("delivery_done trace (the overview's Done = 2): %d %+v", code, dd)
	}
	var e struct{ Error struct{ Code string } }
	if code := getJSON(t, srv.URL+"/api/metrics/trace?metric=wip&level=team&id=99", &e); code != 404 || e.Error.Code != backend.ENotFound {
		t.Fatalf("unknown team: %d %+v", code, e)
	}
	if code := getJSON(t, srv.URL+"/api/metrics/trace?metric=nonsense", &e); code != 400 || e.Error.Code != backend.EInvalid {
		t.Fatalf("unknown metric: %d %+v", code, e)
	}
	if code := getJSON(t, srv.URL+"/api/metrics?from=2026-13-01", &e); code != 400 {
		t.Fatalf("bad date: %d", code)
	}
}
