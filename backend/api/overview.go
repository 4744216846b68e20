package api

import (
	"bytes"
	"context"
	"net/http"
	"strconv"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/analytics"
	"github.com/throughline/throughline/backend/metrics"
	"github.com/throughline/throughline/backend/sqlite"
	"github.com/throughline/throughline/backend/xlsx"
)

// input returns the metrics input for the open portfolio and the request's
// as-of/from/to, cached for the portfolio's current generation: loading the
// large portfolio's history takes a second, computing from it milliseconds.
func (s *Server) input(r *http.Request) (*metrics.Input, metrics.Period, error) {
	opts := analytics.Options{AsOf: r.URL.Query().Get("asOf"), From: r.URL.Query().Get("from"), To: r.URL.Query().Get("to")}
	type loaded struct {
		in *metrics.Input
		p  metrics.Period
	}
	var out loaded
	err := s.ws.With(func(db *sqlite.DB, gen uint64) error {
		v, err := s.memo("input|"+opts.AsOf+"|"+opts.From+"|"+opts.To, gen, func() (any, error) {
			in, p, err := analytics.Load(context.WithoutCancel(r.Context()), db, opts)
			return loaded{in, p}, err
		})
		if err == nil {
			out = v.(loaded)
		}
		return err
	})
	return out.in, out.p, err
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	in, _, err := s.input(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, metrics.ComputeOverview(in))
}

func (s *Server) metricsReport(w http.ResponseWriter, r *http.Request) {
	in, p, err := s.input(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, in.Compute(p))
}

// trace answers "which rows made this figure?" for one cell of the report:
// GET /api/metrics/trace?metric=cycle_time&level=team&id=3[&week=2026-W07][&from&to&asOf]
func (s *Server) trace(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var id int64
	if v := q.Get("id"); v != "" {
		var err error
		if id, err = strconv.ParseInt(v, 10, 64); err != nil {
			s.fail(w, r, badParam("id", v))
			return
		}
	}
	level, err := metrics.ParseLevel(q.Get("level"), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in, p, err := s.input(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := in.Trace(q.Get("metric"), level, p, q.Get("week"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, t)
}

// forecast runs a team Monte Carlo forecast:
// GET /api/forecast?team=NAME&items=K | &by=YYYY-MM-DD [&throughputChange=-20&scopeChange=10&sampleDays=90&seed=1]
func (s *Server) forecast(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	opts := analytics.ForecastOptions{Team: q.Get("team"), By: q.Get("by"), Seed: 1, WorkingDays: q.Get("workingDays") == "true"}
	ints := []struct {
		name string
		dst  *int
	}{{"items", &opts.Items}, {"sampleDays", &opts.SampleDays}}
	for _, p := range ints {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				s.fail(w, r, badParam(p.name, v))
				return
			}
			*p.dst = n
		}
	}
	floats := []struct {
		name string
		dst  *float64
	}{{"throughputChange", &opts.ThroughputChangePct}, {"scopeChange", &opts.ScopeChangePct}}
	for _, p := range floats {
		if v := q.Get(p.name); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				s.fail(w, r, badParam(p.name, v))
				return
			}
			*p.dst = f
		}
	}
	if v := q.Get("seed"); v != "" {
		n, err := strconv.ParseUint(v, 10, 32) // small seeds survive JavaScript numbers
		if err != nil {
			s.fail(w, r, badParam("seed", v))
			return
		}
		opts.Seed = n
	}
	if (opts.Items > 0) == (opts.By != "") {
		s.fail(w, r, backend.Errorf(backend.EInvalid, "Ask one question: items=K (when?) or by=YYYY-MM-DD (how many?)."))
		return
	}
	in, _, err := s.input(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := analytics.ForecastFrom(in, opts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, res)
}

// template downloads the import template workbook filled with the open
// portfolio's names: GET /api/export/template.
func (s *Server) template(w http.ResponseWriter, r *http.Request) {
	var lists xlsx.TemplateLists
	err := s.ws.With(func(db *sqlite.DB, _ uint64) error {
		var err error
		lists, err = analytics.TemplateLists(r.Context(), db)
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, lists); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="throughline-import-template.xlsx"`)
	w.Write(buf.Bytes())
}
