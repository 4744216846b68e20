package api

import (
	"net/http"
	"path/filepath"
	"strings"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/sqlite"
)

// PortfolioInfo describes the open portfolio.
type PortfolioInfo struct {
	Name          string        `json:"name"`
	Path          string        `json:"path"`
	FileName      string        `json:"fileName"`
	Demo          bool          `json:"demo"`
	DemoScale     string        `json:"demoScale"`
	AsOf          string        `json:"asOf"`
	TimeZone      string        `json:"timeZone"`
	SchemaVersion int           `json:"schemaVersion"`
	Counts        sqlite.Counts `json:"counts"`
}

// Info describes the open portfolio; the desktop shell uses it for the
// window title.
func (s *Server) Info(r *http.Request) (PortfolioInfo, error) {
	var info PortfolioInfo
	err := s.ws.With(func(db *sqlite.DB, gen uint64) error {
		ctx := r.Context()
		st, err := db.Settings(ctx)
		if err != nil {
			return err
		}
		counts, err := db.Counts(ctx)
		if err != nil {
			return err
		}
		version, err := db.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		info = PortfolioInfo{Name: st.Name, Path: db.Path(), FileName: filepath.Base(db.Path()), Demo: st.Demo,
			DemoScale: st.DemoScale, AsOf: st.AsOf, TimeZone: st.TimeZone, SchemaVersion: version, Counts: counts}
		if info.Name == "" {
			info.Name = strings.TrimSuffix(info.FileName, filepath.Ext(info.FileName))
		}
		return nil
	})
	return info, err
}

func (s *Server) portfolio(w http.ResponseWriter, r *http.Request) {
	info, err := s.Info(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, info)
}

type openRequest struct {
	Path string `json:"path"`
}

func (s *Server) openPortfolio(w http.ResponseWriter, r *http.Request) {
	var req openRequest
	if err := decode(r, w, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	path, err := cleanPath(req.Path)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.ws.Open(r.Context(), path); err != nil {
		s.fail(w, r, err)
		return
	}
	s.portfolio(w, r)
}

type newRequest struct {
	Path string `json:"path"`
	Name string `json:"name"`
}

func (s *Server) newPortfolio(w http.ResponseWriter, r *http.Request) {
	var req newRequest
	if err := decode(r, w, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	path, err := cleanPath(req.Path)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.ws.Create(r.Context(), path, strings.TrimSpace(req.Name)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.portfolio(w, r)
}

// cleanPath accepts only absolute paths: a relative one would be resolved
// against wherever the app happened to start.
func cleanPath(p string) (string, error) {
	p = strings.TrimSpace(p)
	if p == "" {
		return "", backend.Errorf(backend.EInvalid, "Give the full path of the portfolio file.")
	}
	if !filepath.IsAbs(p) {
		return "", backend.Errorf(backend.EInvalid, "%q is not a full path; give it from the root, e.g. /home/you/portfolio.db.", p)
	}
	return filepath.Clean(p), nil
}

func (s *Server) recent(w http.ResponseWriter, r *http.Request) {
	list, err := s.ws.Recent()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, map[string]any{"recent": list})
}
