package api

import (
	"net/http"
	"regexp"
	"strings"
)

// DocSection is one "## " section of a markdown document.
type DocSection struct {
	ID      string   `json:"id"`      // slug of the title
	Title   string   `json:"title"`   // the heading's text
	Metrics []string `json:"metrics"` // report keys the section explains, from a "<!-- metrics: a b -->" line
	Text    string   `json:"text"`    // the section's markdown without its heading and the metrics line
}

var metricsLine = regexp.MustCompile(`(?m)^<!--\s*metrics:\s*([^>]*?)\s*-->\s*\n?`)

// SplitSections cuts a markdown document at its "## " headings. Text before
// the first heading becomes a section titled by the document's "# " title.
func SplitSections(md string) []DocSection {
	var out []DocSection
	var cur *DocSection
	flush := func() {
		if cur == nil {
			return
		}
		if m := metricsLine.FindStringSubmatch(cur.Text); m != nil {
			cur.Metrics = strings.Fields(m[1])
			cur.Text = metricsLine.ReplaceAllString(cur.Text, "")
		}
		if cur.Metrics == nil {
			cur.Metrics = []string{}
		}
		cur.Text = strings.TrimSpace(cur.Text)
		out = append(out, *cur)
	}
	for _, line := range strings.SplitAfter(md, "\n") {
		trimmed := strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(trimmed, "## "):
			flush()
			title := strings.TrimSpace(trimmed[3:])
			cur = &DocSection{ID: slug(title), Title: title}
		case strings.HasPrefix(trimmed, "# ") && cur == nil:
			title := strings.TrimSpace(trimmed[2:])
			cur = &DocSection{ID: slug(title), Title: title}
		default:
			if cur == nil {
				cur = &DocSection{ID: "introduction", Title: "Introduction"}
			}
			cur.Text += line
		}
	}
	flush()
	return out
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func (s *Server) metricsDocs(w http.ResponseWriter, r *http.Request) {
	s.ok(w, map[string]any{"sections": SplitSections(s.docs)})
}
