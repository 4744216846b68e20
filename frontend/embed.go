// Package frontend embeds the built web frontend (frontend/dist) so that the
// desktop app and `throughline serve` ship it inside their binaries.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built frontend, rooted at dist/. It holds only a
// .gitkeep until `npm run build` has run.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees dist/ exists
	}
	return sub
}
