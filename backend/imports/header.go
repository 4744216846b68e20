package imports

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Header is one column of a table's header row. Repeated names (Jira writes
// one "Sprint" column per sprint) are kept apart by position: Occurrence
// counts them, 1 for the first.
type Header struct {
	Index      int    // 0-based column index
	Letter     string // the column letter Excel shows: "A", "AB"
	Name       string // the header text, trimmed, inner white space collapsed
	Occurrence int    // 1 for the first column with this name, 2 for the second…

	key string
}

// Key returns the header's normalised name (NormalizeHeader).
func (h Header) Key() string {
	if h.key == "" && h.Name != "" {
		return NormalizeHeader(h.Name)
	}
	return h.key
}

// Label returns how to name the column to a person: "Sprint", "Sprint (2)"
// for a repeat, or "column D" when the header cell is empty.
func (h Header) Label() string {
	switch {
	case h.Name == "":
		return "column " + h.Letter
	case h.Occurrence > 1:
		return h.Name + " (" + strconv.Itoa(h.Occurrence) + ")"
	}
	return h.Name
}

// problemLabel is Label for Problem.Header, which already names the column
// letter: "" when the header cell is empty.
func (h Header) problemLabel() string {
	if h.Name == "" {
		return ""
	}
	return h.Label()
}

// NormalizeHeader returns the form header names are compared in: Unicode
// NFKC (full-width "Ｋｅｙ" is "key"), lower case, and every run of
// characters that are not letters or digits (spaces, no-break spaces,
// punctuation, brackets, slashes) turned into one space, trimmed. So
// "Custom field (Story Points)" is "custom field story points", "Fix
// Version/s" is "fix version s" and "In-Progress Date " is "in progress date".
func NormalizeHeader(s string) string {
	if !isASCII(s) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// ColumnLetter returns the Excel column letter of a 0-based index: 0 is
// "A", 25 "Z", 26 "AA".
func ColumnLetter(index int) string {
	if index < 0 {
		return ""
	}
	var buf [8]byte
	i := len(buf)
	for n := index + 1; n > 0 && i > 0; n = (n - 1) / 26 {
		i--
		buf[i] = byte('A' + (n-1)%26)
	}
	return string(buf[i:])
}

// columnIndex is the inverse of ColumnLetter; -1 for anything else.
func columnIndex(letter string) int {
	n := 0
	for _, r := range letter {
		if r < 'A' || r > 'Z' || n > 1<<20 {
			return -1
		}
		n = n*26 + int(r-'A'+1)
	}
	return n - 1
}

// cleanName trims a header cell and collapses inner white space (no-break
// spaces and line breaks included) to single spaces.
func cleanName(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\ufeff' || r == '\u200b'
	}), " ")
}

// makeHeaders builds the headers from the header row's cells, up to the last
// non-blank one.
func makeHeaders(cells []Cell) []Header {
	width := 0
	for i, c := range cells {
		if !c.Blank() {
			width = i + 1
		}
	}
	hs := make([]Header, width)
	seen := map[string]int{}
	for i := range hs {
		name := cleanName(cells[i].Text)
		key := NormalizeHeader(name)
		occ := 1
		if key != "" {
			seen[key]++
			occ = seen[key]
		}
		hs[i] = Header{Index: i, Letter: ColumnLetter(i), Name: name, Occurrence: occ, key: key}
	}
	return hs
}

// headerProblems warns about unnamed columns and about repeated names that
// are not known multi-value fields (those are merged in order by Values).
func (t *Table) headerProblems() []Problem {
	var ps []Problem
	counts := map[string][]Header{}
	var order []string
	for _, h := range t.Headers {
		if h.Name == "" {
			ps = append(ps, Problem{File: t.File, Sheet: t.Sheet, Row: t.HeaderRow, Column: h.Letter, Severity: SeverityWarning,
				Message: "has no header; its values are ignored unless you map the column."})
			continue
		}
		k := h.Key()
		if len(counts[k]) == 0 {
			order = append(order, k)
		}
		counts[k] = append(counts[k], h)
	}
	for _, k := range order {
		hs := counts[k]
		if len(hs) < 2 || KnownMultiValue(hs[0].Name) {
			continue
		}
		letters := make([]string, len(hs))
		for i, h := range hs {
			letters[i] = h.Letter
		}
		ps = append(ps, Problem{File: t.File, Sheet: t.Sheet, Row: t.HeaderRow, Header: hs[0].Name, Severity: SeverityWarning,
			Message: fmt.Sprintf("appears %d times (columns %s); the columns are kept apart as %q, %q…, never merged. Rename them if they mean different things.",
				len(hs), strings.Join(letters, ", "), hs[0].Label(), hs[1].Label())})
	}
	return ps
}

// DetectHeader picks the header among a sheet's first non-blank rows (in
// order; rows past the 30th are only looked at as data below a candidate)
// and returns its index. The rule:
//
//  1. With a scorer: the first candidate with at least two non-blank cells
//     of which at least half are known column names (score ≥ 0.5).
//  2. Otherwise the first row that looks like a header: at least two
//     non-blank cells; at least 3/4 of them labels (text that is not a
//     number or a date, does not end with a colon, at most 100 characters);
//     at least half of them distinct; and at least 3/4 as wide as the
//     widest of the ten rows below it. That skips title rows ("Team Alpha —
//     export of 25 Feb"), a merged title cell (only its first cell holds
//     text), notes such as "Filter: | project = PAY" and blank rows.
//  3. Of that row and the (up to three) header-like rows right below it,
//     the one with the most non-blank cells wins, the first on a tie: a
//     two-row header (group names over column names) resolves to the
//     column names, while a text-only table keeps its first row.
//  4. If no row qualifies, the first row with two or more non-blank cells,
//     else the first row.
//
// A table read with a detected header then joins a row of group names and
// the row of column names below it into one header (groupHeader).
func DetectHeader(rows [][]Cell, scorer func(names []string) float64) int {
	n := min(len(rows), headerScanRows)
	if n == 0 {
		return 0
	}
	if scorer != nil {
		for i := 0; i < n; i++ {
			if names, nonBlank := rowNames(rows[i]); nonBlank >= 2 && scorer(names) >= 0.5 {
				return i
			}
		}
	}
	for i := 0; i < n; i++ {
		if !headerLike(rows[i]) || !wideEnough(rows, i) {
			continue
		}
		best := i
		for j := i + 1; j < len(rows) && j <= i+3 && headerLike(rows[j]); j++ {
			if nonBlankCount(rows[j]) > nonBlankCount(rows[best]) {
				best = j
			}
		}
		return best
	}
	for i := 0; i < n; i++ {
		if nonBlankCount(rows[i]) >= 2 {
			return i
		}
	}
	return 0
}

func rowNames(cells []Cell) ([]string, int) {
	names := make([]string, 0, len(cells))
	for _, c := range cells {
		if !c.Blank() {
			names = append(names, cleanName(c.Text))
		}
	}
	return names, len(names)
}

func nonBlankCount(cells []Cell) int {
	n := 0
	for _, c := range cells {
		if !c.Blank() {
			n++
		}
	}
	return n
}

// span is the index after the last non-blank cell.
func span(cells []Cell) int {
	for i := len(cells) - 1; i >= 0; i-- {
		if !cells[i].Blank() {
			return i + 1
		}
	}
	return 0
}

func headerLike(cells []Cell) bool {
	labels, total := 0, 0
	distinct := map[string]bool{}
	for _, c := range cells {
		if c.Blank() {
			continue
		}
		total++
		s := strings.TrimSpace(c.Text)
		distinct[NormalizeHeader(s)] = true
		if c.Kind == CellText && len(s) <= 100 && !strings.HasSuffix(s, ":") && !looksNumeric(s) && !looksDate(s) {
			labels++
		}
	}
	return total >= 2 && labels*4 >= total*3 && len(distinct)*2 >= total
}

func wideEnough(rows [][]Cell, i int) bool {
	widest := 0
	for j := i + 1; j < len(rows) && j <= i+headerLookahead; j++ {
		widest = max(widest, span(rows[j]))
	}
	return span(rows[i])*4 >= widest*3
}

// groupHeader merges a two-row header: an upper row of column names and
// group names over a lower row that names the columns of each group, as a
// hand-made sheet writes "Key | Title | Stage dates" over "| | Backlog |
// Ready | Done" (Key and Title merged down over both rows, Stage dates
// merged across its columns). A group is a named upper cell with blank
// upper cells to its right. The rows form one header when the upper row
// names two or more cells (a title row names one), the lower row is
// header-like, names at least one column that the upper row leaves blank,
// and has no name outside the groups (under Key and Title it is blank; a
// data row has a value there). Each column takes the lower row's name, else
// the upper row's.
func groupHeader(upper, lower []Cell) ([]Cell, bool) {
	if nonBlankCount(upper) < 2 || !headerLike(lower) {
		return nil, false
	}
	width := max(span(upper), span(lower))
	cell := func(cells []Cell, i int) Cell {
		if i < len(cells) {
			return cells[i]
		}
		return Cell{}
	}
	inGroup, fills := false, false
	for i := 0; i < width; i++ {
		u, l := cell(upper, i), cell(lower, i)
		if !u.Blank() {
			// A named upper cell starts a group when a blank one follows.
			inGroup = i+1 < width && cell(upper, i+1).Blank()
		}
		if l.Blank() {
			continue
		}
		if !inGroup {
			return nil, false
		}
		fills = fills || u.Blank()
	}
	if !fills {
		return nil, false
	}
	out := make([]Cell, width)
	for i := range out {
		if l := cell(lower, i); !l.Blank() {
			out[i] = l
		} else {
			out[i] = cell(upper, i)
		}
	}
	return out, true
}
