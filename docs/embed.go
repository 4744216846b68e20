// Package docs embeds the user documentation that the app shows itself:
// metrics.md is both docs/metrics.md in the repository and the text under
// "How is this computed?" in the app, so the two can never drift apart.
package docs

import _ "embed"

// Metrics is docs/metrics.md.
//
//go:embed metrics.md
var Metrics string
