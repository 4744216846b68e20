// Package api serves Throughline's JSON API over HTTP. The same handler runs
// inside the desktop window (routed by the Wails asset server) and behind
// `throughline serve` on the loopback interface.
package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/workspace"
	"github.com/throughline/throughline/docs"
)

// maxBody caps request bodies; API requests are small JSON documents.
const maxBody = 1 << 20

// Server is the API's http.Handler.
type Server struct {
	ws      *workspace.Workspace
	log     *slog.Logger
	mux     *http.ServeMux
	version string
	docs    string // docs/metrics.md, shown under "How is this computed?"

	cacheMu sync.Mutex
	cache   map[string]cached // computed figures per (name), valid for one generation

	staged staging // files picked in the desktop window's dialog (StageFiles)

	progress progressBoard // how far running imports have come (progress.go)
}

type cached struct {
	generation uint64
	value      any
}

// New returns the API handler over ws.
func New(ws *workspace.Workspace, version string, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{ws: ws, log: log, mux: http.NewServeMux(), version: version, cache: map[string]cached{}, docs: docs.Metrics}
	s.mux.HandleFunc("GET /api/health", s.health)
	s.mux.HandleFunc("GET /api/portfolio", s.portfolio)
	s.mux.HandleFunc("POST /api/portfolio/open", s.openPortfolio)
	s.mux.HandleFunc("POST /api/portfolio/new", s.newPortfolio)
	s.mux.HandleFunc("GET /api/recent", s.recent)
	s.mux.HandleFunc("GET /api/overview", s.overview)
	s.mux.HandleFunc("GET /api/metrics", s.metricsReport)
	s.mux.HandleFunc("GET /api/metrics/trace", s.trace)
	s.mux.HandleFunc("GET /api/forecast", s.forecast)
	s.mux.HandleFunc("GET /api/docs/metrics", s.metricsDocs)
	s.mux.HandleFunc("GET /api/export/template", s.template)
	s.mux.HandleFunc("POST /api/import", s.importFiles)
	s.mux.HandleFunc("GET /api/import/staged/{id}", s.stagedFile)
	s.mux.HandleFunc("GET /api/import/progress/{token}", s.importProgress)
	s.mux.HandleFunc("GET /api/imports", s.importHistory)
	s.mux.HandleFunc("POST /api/imports/{id}/undo", s.undoImport)
	s.mux.HandleFunc("GET /api/mappings", s.mappings)
	s.mux.HandleFunc("POST /api/mappings", s.saveMapping)
	s.mux.HandleFunc("GET /api/import/formats", s.importFormats)
	s.mux.HandleFunc("POST /api/import/columns", s.importColumns)
	s.mux.HandleFunc("GET /api/mappings/profiles", s.mappingProfiles)
	s.mux.HandleFunc("PUT /api/mappings/profiles", s.saveMappingProfile)
	s.mux.HandleFunc("POST /api/mappings/profiles", s.saveMappingProfile)
	s.mux.HandleFunc("DELETE /api/mappings/profiles/{name}", s.deleteMappingProfile)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, backend.Errorf(backend.ENotFound, "There is no API endpoint %s %s.", r.Method, r.URL.Path))
	})
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	s.ok(w, map[string]string{"status": "ok", "version": s.version})
}

// ok writes v as JSON with status 200.
func (s *Server) ok(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		s.log.Error("write response", "err", err)
	}
}

// fail maps an error to a status and a {"error":{code,message}} body. Only
// *backend.Error messages reach the user; anything else is logged in full and
// shown as "Internal error.".
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := backend.ErrorCode(err)
	status := http.StatusInternalServerError
	switch code {
	case backend.EInvalid:
		status = http.StatusBadRequest
	case backend.ENotFound:
		status = http.StatusNotFound
	case backend.EConflict:
		status = http.StatusConflict
	case backend.EForeignFile, backend.ENewerVersion, backend.EUnsupported:
		status = http.StatusUnprocessableEntity
	}
	if status == http.StatusInternalServerError {
		s.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": code, "message": backend.ErrorMessage(err)}})
}

// decode reads a JSON body into v.
func decode(r *http.Request, w http.ResponseWriter, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return backend.Errorf(backend.EInvalid, "The request is larger than %d bytes.", maxBody)
		}
		return backend.Errorf(backend.EInvalid, "The request body is not valid JSON: %v.", err)
	}
	return nil
}

// memo returns the value cached under key for the current generation, or
// computes and caches it.
func (s *Server) memo(key string, generation uint64, compute func() (any, error)) (any, error) {
	s.cacheMu.Lock()
	c, ok := s.cache[key]
	s.cacheMu.Unlock()
	if ok && c.generation == generation {
		return c.value, nil
	}
	v, err := compute()
	if err != nil {
		return nil, err
	}
	s.cacheMu.Lock()
	for k, c := range s.cache {
		if c.generation != generation {
			delete(s.cache, k) // figures of a portfolio that is no longer open, or has changed
		}
	}
	s.cache[key] = cached{generation: generation, value: v}
	s.cacheMu.Unlock()
	return v, nil
}

func badParam(name, value string) error {
	return backend.Errorf(backend.EInvalid, "The parameter %s=%q is not valid.", name, value)
}
