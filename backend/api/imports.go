package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/intake"
	"github.com/throughline/throughline/backend/sqlite"
)

// maxUpload caps one import request (files are sent one per request by the
// UI, so this is per file).
const maxUpload = 512 << 20

// importFiles reads or imports uploaded files:
// POST /api/import?dryRun=true&team=&program=&format=&dateOrder=&allOrNothing=&profile=
// with multipart fields "file" (one or more) and optionally "mappings"
// (JSON [{"teamId","sourceSystem","rawStatus","stage"}]) saved first, and
// "types" (JSON {"raw type":"item type"}, see formTypes), and "profile": a
// column mapping not saved yet (JSON {"name","format","columns":{header:
// role}}), used instead of the saved profile the query names. With
// progress=<token>, GET /api/import/progress/{token} follows it (progress.go).
func (s *Server) importFiles(w http.ResponseWriter, r *http.Request) {
	onProgress, err := s.trackImport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	files, err := uploadedFiles(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer r.MultipartForm.RemoveAll()
	q := r.URL.Query()
	opts := intake.Options{Team: q.Get("team"), Program: q.Get("program"), Profile: q.Get("profile"),
		DryRun: q.Get("dryRun") == "true", AllOrNothing: q.Get("allOrNothing") == "true", OnProgress: onProgress}
	if f := q.Get("format"); f != "" && f != "auto" {
		opts.Format = imports.Format(f)
	}
	if d := q.Get("dateOrder"); d != "" {
		o, err := imports.ParseDateOrder(d)
		if err != nil {
			s.fail(w, r, badParam("dateOrder", d))
			return
		}
		opts.DateOrder = o
	}
	if err := formTypes(r, &opts); err != nil {
		s.fail(w, r, err)
		return
	}
	if p := r.PostFormValue("profile"); p != "" { // the query's profile is a saved one's name
		if opts.ProfileInline, err = inlineProfile(p); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if m := r.FormValue("mappings"); m != "" {
		var in []struct {
			TeamID       int64  `json:"teamId"`
			SourceSystem string `json:"sourceSystem"`
			RawStatus    string `json:"rawStatus"`
			Stage        string `json:"stage"`
		}
		if err := json.Unmarshal([]byte(m), &in); err != nil {
			s.fail(w, r, backend.Errorf(backend.EInvalid, "The status mappings are not valid JSON: %v.", err))
			return
		}
		for _, x := range in {
			opts.Mappings = append(opts.Mappings, backend.WorkflowMapping{TeamID: x.TeamID, SourceSystem: x.SourceSystem, RawStatus: x.RawStatus, Stage: backend.Stage(x.Stage)})
		}
	}
	var reports []intake.FileReport
	err = s.ws.With(func(db *sqlite.DB, _ uint64) error {
		var err error
		reports, err = intake.Import(r.Context(), db, files, opts, nil)
		return err
	})
	if err != nil && r.Context().Err() != nil {
		return // the page cancelled (nothing of the file in flight was stored); no one waits for an answer
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !opts.DryRun {
		s.ws.Touch() // figures computed before the import are stale
	}
	s.ok(w, map[string]any{"files": reports})
}

func (s *Server) importHistory(w http.ResponseWriter, r *http.Request) {
	var batches []backend.ImportBatch
	err := s.ws.With(func(db *sqlite.DB, _ uint64) error {
		var err error
		batches, err = db.ImportBatches(r.Context())
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if batches == nil {
		batches = []backend.ImportBatch{}
	}
	s.ok(w, map[string]any{"imports": batches})
}

// undoImport: POST /api/imports/{id}/undo
func (s *Server) undoImport(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, badParam("id", r.PathValue("id")))
		return
	}
	err = s.ws.With(func(db *sqlite.DB, _ uint64) error { return db.UndoImport(r.Context(), id) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ws.Touch()
	s.ok(w, map[string]any{"undone": id})
}

func (s *Server) mappings(w http.ResponseWriter, r *http.Request) {
	var ms []backend.WorkflowMapping
	err := s.ws.With(func(db *sqlite.DB, _ uint64) error {
		var err error
		ms, err = db.WorkflowMappings(r.Context())
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type row struct {
		ID           int64  `json:"id"`
		TeamID       int64  `json:"teamId"`
		SourceSystem string `json:"sourceSystem"`
		RawStatus    string `json:"rawStatus"`
		Stage        string `json:"stage"`
	}
	out := []row{}
	for _, m := range ms {
		out = append(out, row{m.ID, m.TeamID, m.SourceSystem, m.RawStatus, string(m.Stage)})
	}
	s.ok(w, map[string]any{"mappings": out, "stages": backend.Stages})
}

// saveMapping: POST /api/mappings {"teamId","sourceSystem","rawStatus","stage"}
func (s *Server) saveMapping(w http.ResponseWriter, r *http.Request) {
	var in struct {
		TeamID       int64  `json:"teamId"`
		SourceSystem string `json:"sourceSystem"`
		RawStatus    string `json:"rawStatus"`
		Stage        string `json:"stage"`
	}
	if err := decode(r, w, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	m := backend.WorkflowMapping{TeamID: in.TeamID, SourceSystem: in.SourceSystem, RawStatus: in.RawStatus, Stage: backend.Stage(in.Stage)}
	if err := s.ws.With(func(db *sqlite.DB, _ uint64) error { return db.SaveWorkflowMapping(r.Context(), m) }); err != nil {
		s.fail(w, r, err)
		return
	}
	s.ws.Touch()
	s.ok(w, map[string]any{"saved": in})
}
