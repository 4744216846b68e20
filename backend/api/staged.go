package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/throughline/throughline/backend"
)

// Staged files: how files picked in the desktop window's native dialog
// (File › Import Files…) reach the Import screen without an endpoint that
// reads any path it is given. The shell, after the user picked the files,
// calls StageFiles with their paths; the page gets back an opaque random id
// per file and fetches the bytes with GET /api/import/staged/{id}. An id
// is good for one fetch and for stagedTTL at most. Nothing the page sends
// ever becomes a path, so `throughline serve`, which never stages, serves
// no local file this way.

// stagedTTL is how long a picked file waits to be fetched.
const stagedTTL = 5 * time.Minute

// maxStaged bounds the files waiting at once (a folder of thousands picked
// by mistake stays bounded; the Import screen takes 200 at a time).
const maxStaged = 1000

// StagedFile is a picked file as the page sees it. Error is set (and ID
// empty) when the file cannot be offered: the page lists it as not added.
type StagedFile struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Size     int64  `json:"size"`
	Modified int64  `json:"modified"` // milliseconds since 1970, as File.lastModified
	Error    string `json:"error,omitempty"`
}

// staging is the registry of picked files: id → path. The zero value is
// ready to use.
type staging struct {
	mu    sync.Mutex
	files map[string]stagedPath
	now   func() time.Time // time.Now unless a test says otherwise
}

type stagedPath struct {
	path    string
	name    string
	expires time.Time
}

func (g *staging) clock() time.Time {
	if g.now != nil {
		return g.now()
	}
	return time.Now()
}

// StageFiles registers files the user picked in a native dialog and returns
// one entry per path, in order: an id to fetch it with, or why it cannot be
// imported (a folder, missing, too large). Only the desktop shell calls it,
// with paths from the dialog — never with a path from the page.
func (s *Server) StageFiles(paths []string) []StagedFile {
	g := &s.staged
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.clock()
	g.dropExpired(now)
	out := make([]StagedFile, 0, len(paths))
	for _, p := range paths {
		f := StagedFile{Name: filepath.Base(p)}
		st, problem := checkPicked(p)
		if problem == "" && len(g.files) >= maxStaged {
			problem = "Too many picked files are waiting to be read. Import these first, then pick the rest."
		}
		var id string
		if problem == "" {
			var err error
			if id, err = newStagedID(); err != nil {
				problem = fmt.Sprintf("It could not be handed to the Import screen (%v). Pick it again.", err)
			}
		}
		if problem != "" {
			f.Error = problem
			out = append(out, f)
			continue
		}
		if g.files == nil {
			g.files = map[string]stagedPath{}
		}
		g.files[id] = stagedPath{path: p, name: f.Name, expires: now.Add(stagedTTL)}
		f.ID, f.Size, f.Modified = id, st.Size(), st.ModTime().UnixMilli()
		out = append(out, f)
	}
	return out
}

// checkPicked says, in a sentence for the user, why a picked path cannot be
// imported; "" when it can (the page shows "NAME was not added. REASON").
func checkPicked(p string) (os.FileInfo, string) {
	if !filepath.IsAbs(p) {
		return nil, "The dialog gave no full path for it. Pick it again."
	}
	st, err := os.Stat(p)
	switch {
	case err != nil:
		return nil, fmt.Sprintf("It cannot be read (%v). Check that it still exists and that you may open it.", unwrapPathError(err))
	case st.IsDir():
		return nil, "It is a folder. Pick the files in it, or drop the folder on the window."
	case !st.Mode().IsRegular():
		return nil, "It is not a regular file."
	case st.Size() > maxUpload:
		return nil, fmt.Sprintf("It is %d MB, more than the %d MB an import takes.", st.Size()>>20, maxUpload>>20)
	}
	return st, ""
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// take removes and returns the file registered under id, if it has not
// expired.
func (g *staging) take(id string) (stagedPath, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.dropExpired(g.clock())
	f, ok := g.files[id]
	delete(g.files, id)
	return f, ok
}

// dropExpired forgets files not fetched in time. The caller holds g.mu.
func (g *staging) dropExpired(now time.Time) {
	for id, f := range g.files {
		if !now.Before(f.expires) {
			delete(g.files, id)
		}
	}
}

func newStagedID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("random id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// stagedFile: GET /api/import/staged/{id} streams a picked file's bytes,
// once.
func (s *Server) stagedFile(w http.ResponseWriter, r *http.Request) {
	f, ok := s.staged.take(r.PathValue("id"))
	if !ok {
		s.fail(w, r, backend.Errorf(backend.ENotFound, "That picked file is no longer waiting to be read (it was read already, or it was picked more than %d minutes ago). Pick it again.", int(stagedTTL/time.Minute)))
		return
	}
	file, err := os.Open(f.path)
	if err != nil {
		s.fail(w, r, backend.Errorf(backend.ENotFound, "%s can no longer be read (%v). Check that it still exists, then pick it again.", f.name, unwrapPathError(err)))
		return
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxUpload {
		s.fail(w, r, backend.Errorf(backend.EInvalid, "%s changed after it was picked and cannot be imported as it is now. Pick it again.", f.name))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Length", fmt.Sprint(st.Size()))
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(f.name))
	if _, err := io.Copy(w, file); err != nil {
		s.log.Warn("stream a picked file", "name", f.name, "err", err)
	}
}
