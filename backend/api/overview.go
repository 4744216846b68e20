package api

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/metrics"
	"github.com/throughline/throughline/backend/sqlite"
)

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	var out any
	err := s.ws.With(func(db *sqlite.DB, gen uint64) error {
		var err error
		out, err = s.memo("overview", gen, func() (any, error) { return computeOverview(r.Context(), db) })
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, out)
}

func computeOverview(ctx context.Context, db *sqlite.DB) (metrics.Overview, error) {
	st, err := db.Settings(ctx)
	if err != nil {
		return metrics.Overview{}, err
	}
	loc, asOf, err := reportingDay(st)
	if err != nil {
		return metrics.Overview{}, err
	}
	items, err := db.ItemFlows(ctx)
	if err != nil {
		return metrics.Overview{}, err
	}
	programs, teams, err := db.Structure(ctx)
	if err != nil {
		return metrics.Overview{}, err
	}
	return metrics.ComputeOverview(items, programs, teams, asOf, loc), nil
}

// reportingDay returns the reporting time zone and the as-of day: the
// portfolio's fixed as-of date when it has one (demo data), else today.
func reportingDay(st backend.Settings) (*time.Location, metrics.Day, error) {
	loc, err := time.LoadLocation(st.TimeZone)
	if err != nil {
		return nil, 0, backend.Errorf(backend.EInvalid, "The portfolio's time zone %q is not known; set a time zone such as Europe/Berlin in Settings.", st.TimeZone)
	}
	if st.AsOf != "" {
		d, err := metrics.ParseDay(st.AsOf)
		if err != nil {
			return nil, 0, fmt.Errorf("portfolio as-of date: %w", err)
		}
		return loc, d, nil
	}
	return loc, metrics.DayOf(time.Now(), loc), nil
}
