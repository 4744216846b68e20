package imports

import (
	"fmt"
	"slices"
	"strings"
)

// MapTable reads a table into domain rows: work items with their status
// history, changelog entries, or the records of the PMO's other sheets
// (deployments, incidents, PI objectives…). It reads the table to its end
// and closes it.
//
// Which layout the table follows (product behaviour):
//   - a Profile maps the columns (header → role, compared as NormalizeHeader
//     does) for the profile's format (FormatTemplate when it names none);
//     the profile is the whole mapping: columns it does not name are not
//     read, and a role the format requires that the profile does not map
//     is an error;
//   - otherwise opts.Format forces a format, whose required columns must be
//     present;
//   - otherwise Detect names it from the headers. A table no format
//     recognises is an error (a *backend.Error, EInvalid) naming the file
//     and sheet, the headers found and the closest formats with the columns
//     each lacks.
//
// Dates and numbers are decided per column, never per cell (DateColumn,
// NumberColumn): every row is read before any is mapped. When a date
// column's values fit both day/month orders and opts.DateOrder is not set,
// MapTable rejects nothing: it returns Mapped with AmbiguousDates (and the
// table's description and RowsRead) but no items, changes, records,
// statuses or problems; the caller asks the user and maps the table again
// (opened anew) with DateOrder. Excel serials use the workbook's date
// system (Table.Date1904); times without an offset are civil times in
// opts.Location (UTC when nil).
//
// Every problem names file, sheet, row, column and header, and quotes the
// value; errors reject their row and warnings do not. Rows are never
// skipped silently. Text is kept as written: "=HYPERLINK(…)" or "+cmd" is
// a title like any other, never a formula. The other rules are documented
// on each format's mapper (mapJira, mapADO, mapRally, mapStages,
// mapTemplate, mapJiraHistory, the record mappers), on typeTable and on
// finishItem.
//
// The error is for a table that cannot be mapped at all (unrecognised, a
// needed column missing, a read error); problems with rows are in
// Mapped.Problems.
func MapTable(t *Table, opts MapOptions) (out Mapped, err error) {
	defer guard(&err, t.File)
	defer func() {
		if cerr := t.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	det, warnings, err := tableFormat(t, opts)
	if err != nil {
		return Mapped{File: t.File, Sheet: t.Sheet}, err
	}
	m := newMapper(t, opts, det, det.Format)
	m.source = opts.SourceSystem
	if m.source == "" {
		m.source = defaultSource(det.Format)
	}
	*m.out = Mapped{File: t.File, Sheet: t.Sheet, Format: det.Format, Variant: det.Variant, Confidence: det.Confidence}
	for _, w := range warnings {
		m.tableWarn(w)
	}
	if err := m.mapFormat(); err != nil {
		return Mapped{File: t.File, Sheet: t.Sheet, Format: det.Format, Variant: det.Variant}, err
	}
	if len(m.out.AmbiguousDates) > 0 {
		return Mapped{File: t.File, Sheet: t.Sheet, Format: det.Format, Variant: det.Variant, Confidence: det.Confidence,
			RowsRead: len(m.rows), AmbiguousDates: m.out.AmbiguousDates}, nil
	}
	m.finish()
	return *m.out, nil
}

// mapFormat runs the format's mapper.
func (m *mapper) mapFormat() error {
	switch m.format {
	case FormatJira:
		return m.mapJira()
	case FormatADO:
		return m.mapADO()
	case FormatRally:
		return m.mapRally()
	case FormatStages:
		return m.mapStages()
	case FormatTemplate:
		return m.mapTemplate()
	case FormatJiraHistory:
		return m.mapJiraHistory()
	case FormatDeployments:
		return m.mapDeployments()
	case FormatCommits:
		return m.mapCommits()
	case FormatIncidents:
		return m.mapIncidents()
	case FormatPIObjectives:
		return m.mapPIObjectives()
	case FormatOKRUpdates:
		return m.mapOKRUpdates()
	case FormatBenefits:
		return m.mapBenefits()
	case FormatFeedback:
		return m.mapFeedback()
	case FormatDependencies:
		return m.mapDependencies()
	case FormatEpics:
		return m.mapEpics()
	case FormatTeams:
		return m.mapTeams()
	case FormatSprints:
		return m.mapSprints()
	}
	return userErr(nil, "%s: %q is not a format Throughline can import.", m.t.where(), m.format)
}

// defaultSource is the source system items of a format are keyed under.
func defaultSource(f Format) string {
	switch f {
	case FormatJira, FormatJiraHistory:
		return "jira"
	case FormatADO:
		return "ado"
	case FormatRally:
		return "rally"
	case FormatStages, FormatTemplate:
		return "sheet"
	}
	return ""
}

// tool is the tool whose documented workflow decides which statuses are
// done or removed (backend.DefaultStage).
func (m *mapper) tool() string {
	if s := defaultSource(m.format); s != "" {
		return s
	}
	return "sheet"
}

// tableFormat decides the table's format and column roles (see MapTable),
// with warnings about the profile.
func tableFormat(t *Table, opts MapOptions) (Detection, []string, error) {
	switch {
	case opts.Profile != nil:
		return profileDetection(t, opts.Profile)
	case opts.Format != FormatUnknown:
		var best Detection
		found := false
		for _, s := range specs {
			if s.format != opts.Format {
				continue
			}
			if d := s.match(t.Headers, t.Sample(headerLookahead)); !found || d.Confidence > best.Confidence {
				best, found = d, true
			}
		}
		switch {
		case !found:
			return Detection{}, nil, userErr(nil, "%s: %q is not a format Throughline can import.", t.where(), opts.Format)
		case len(best.Missing) > 0:
			return Detection{}, nil, userErr(nil, "%s was to be read as %s, but it has no %s column. Rename those headers, or let Throughline detect the format. (Columns found: %s.)",
				t.where(), formatNames[opts.Format], strings.Join(best.Missing, ", "), foundHeaders(t.Headers))
		}
		best.Missing = nil
		return best, nil, nil
	}
	d := Detect(t.Headers, t.Sample(headerLookahead))
	if d.Format != FormatUnknown {
		return d, nil, nil
	}
	var near []string
	for _, c := range d.Others {
		if len(near) == 3 || c.Confidence == 0 {
			break
		}
		near = append(near, fmt.Sprintf("%s (missing %s)", formatNames[c.Format], strings.Join(c.Missing, ", ")))
	}
	if len(near) == 0 {
		return d, nil, userErr(nil, "%s: the columns were not recognised as any known export (found: %s). Map the columns yourself and save the mapping as a profile.",
			t.where(), foundHeaders(t.Headers))
	}
	return d, nil, userErr(nil, "%s: the columns were not recognised (found: %s). The closest formats are %s. Rename those headers, or map the columns yourself and save the mapping as a profile.",
		t.where(), foundHeaders(t.Headers), strings.Join(near, "; "))
}

// foundHeaders lists a table's named headers for a message (at most 20).
func foundHeaders(hs []Header) string {
	var found []string
	for _, h := range hs {
		if h.Name != "" {
			found = append(found, h.Label())
		}
	}
	if len(found) > 20 {
		found = append(found[:20], "…")
	}
	return strings.Join(found, ", ")
}

// profileDetection builds the detection a profile describes. Every column
// whose header the profile names takes its role (a repeated header, every
// column, in order); RoleStage columns are the stages of a stage-date
// layout. A jira_history profile is the field-changes variant when it maps
// a Field column, else status-dates.
func profileDetection(t *Table, p *Profile) (Detection, []string, error) {
	format := p.Format
	if format == FormatUnknown {
		format = FormatTemplate
	}
	d := Detection{Format: format, Confidence: 1, Roles: map[Role][]int{}}
	byKey := map[string]Role{}
	for h, r := range p.Columns {
		if k := NormalizeHeader(h); k != "" && r != "" {
			byKey[k] = r
		}
	}
	used := map[string]bool{}
	for _, h := range t.Headers {
		r, ok := byKey[h.Key()]
		if !ok {
			continue
		}
		used[h.Key()] = true
		if r == RoleStage {
			d.Stages = append(d.Stages, h.Index)
		}
		d.Roles[r] = append(d.Roles[r], h.Index)
	}
	if format == FormatJiraHistory {
		d.Variant = "status-dates"
		if len(d.Roles[RoleField]) > 0 {
			d.Variant = "field-changes"
		}
	}
	var missing []string
	known := false
	for _, s := range specs {
		if s.format != format || (d.Variant != "" && s.variant != d.Variant) {
			continue
		}
		known = true
		for _, r := range s.roles {
			if r.required && len(d.Roles[r.role]) == 0 {
				missing = append(missing, fmt.Sprintf("%s (%s)", r.role, r.display))
			}
		}
	}
	if format == FormatStages && len(d.Stages) == 0 {
		missing = append(missing, "stage (one date column per workflow stage)")
	}
	name := p.Name
	if name == "" {
		name = "the column mapping"
	}
	switch {
	case !known:
		return d, nil, userErr(nil, "%s: %s is for %q, which is not a format Throughline can import.", t.where(), name, format)
	case len(missing) > 0:
		return d, nil, userErr(nil, "%s: %s does not map every column %s needs: %s is missing. Map a column of this table to each. (Columns found: %s.)",
			t.where(), name, formatNames[format], strings.Join(missing, ", "), foundHeaders(t.Headers))
	}
	var warnings []string
	for h := range p.Columns {
		if k := NormalizeHeader(h); k != "" && !used[k] {
			warnings = append(warnings, fmt.Sprintf("has no column %q, which %s maps to %s; that field is left empty.", h, name, p.Columns[h]))
		}
	}
	slices.Sort(warnings)
	return d, warnings, nil
}
