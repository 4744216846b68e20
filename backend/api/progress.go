package api

import (
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/intake"
)

// Progress of a running import. The page makes a random token, sends it
// with POST /api/import?progress=<token>, and meanwhile polls
// GET /api/import/progress/{token} for the latest intake.FileProgress. The
// board lives in memory only; an entry goes progressTTL after its last
// change, and the board never holds more than progressMax of them.
const (
	progressTTL = 10 * time.Minute
	progressMax = 256
)

// stageUploading is reported while the request's file is still arriving
// (before intake reads it).
const stageUploading intake.ProgressStage = "uploading"

// progressToken is what a page may choose as a token.
var progressToken = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

type progressEntry struct {
	p  intake.FileProgress
	at time.Time
}

// progressBoard holds the latest progress per token. Its zero value is
// ready to use.
type progressBoard struct {
	mu      sync.Mutex
	entries map[string]progressEntry
	now     func() time.Time // time.Now; tests move it
}

func (b *progressBoard) clock() time.Time {
	if b.now != nil {
		return b.now()
	}
	return time.Now()
}

// set records p under token.
func (b *progressBoard) set(token string, p intake.FileProgress) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.clock()
	if b.entries == nil {
		b.entries = map[string]progressEntry{}
	}
	b.expire(now)
	if _, ok := b.entries[token]; !ok && len(b.entries) >= progressMax {
		oldest, at := "", now
		for k, e := range b.entries {
			if !e.at.After(at) {
				oldest, at = k, e.at
			}
		}
		delete(b.entries, oldest)
	}
	b.entries[token] = progressEntry{p: p, at: now}
}

// get returns the latest progress under token.
func (b *progressBoard) get(token string) (intake.FileProgress, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.expire(b.clock())
	e, ok := b.entries[token]
	return e.p, ok
}

// expire drops the entries not changed for progressTTL; b.mu is held.
func (b *progressBoard) expire(now time.Time) {
	for k, e := range b.entries {
		if now.Sub(e.at) > progressTTL {
			delete(b.entries, k)
		}
	}
}

// trackImport reads the query's progress token (none: nothing is tracked)
// and returns the intake callback that records under it, or nil.
func (s *Server) trackImport(r *http.Request) (func(intake.FileProgress), error) {
	token := r.URL.Query().Get("progress")
	if token == "" {
		return nil, nil
	}
	if !progressToken.MatchString(token) {
		return nil, backend.Errorf(backend.EInvalid, "The progress token must be 8 to 64 letters, digits, '-' or '_'.")
	}
	s.progress.set(token, intake.FileProgress{Stage: stageUploading})
	return func(p intake.FileProgress) { s.progress.set(token, p) }, nil
}

// importProgress: GET /api/import/progress/{token} answers
// {"progress": {"file","sheet","stage","rowsRead","rowsTotal"}}, or
// {"progress": null} when nothing is known under the token (the import has
// not started, or ended long ago): the page polls before its upload is in.
func (s *Server) importProgress(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if !progressToken.MatchString(token) {
		s.fail(w, r, badParam("token", token))
		return
	}
	if p, ok := s.progress.get(token); ok {
		s.ok(w, map[string]any{"progress": p})
		return
	}
	s.ok(w, map[string]any{"progress": nil})
}
