package api

import (
	"io/fs"
	"net/http"
	"strings"
)

// ContentSecurityPolicy is sent with every page: scripts only from the app
// itself, no plugins, no inline scripts, no remote connections. Text from
// spreadsheets is rendered as text, and this is the second line of defence.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// WithFrontend serves the API under /api/ and the built frontend everywhere
// else (unknown paths get index.html, the single-page app's entry).
func WithFrontend(apiHandler http.Handler, dist fs.FS) http.Handler {
	files := http.FileServerFS(dist)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			apiHandler.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", ContentSecurityPolicy)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" {
			name = "index.html"
		}
		if _, err := fs.Stat(dist, name); err != nil {
			if _, err := fs.Stat(dist, "index.html"); err != nil {
				http.Error(w, "The frontend is not built: run `make build` (npm run build in frontend/).", http.StatusServiceUnavailable)
				return
			}
			r.URL.Path = "/"
		}
		files.ServeHTTP(w, r)
	})
}
