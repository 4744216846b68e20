package imports

// TemplateField is one column of an import template sheet: its header and
// what it means.
type TemplateField struct {
	Header   string
	Role     Role
	Required bool
}

// TemplateFormats are the formats Throughline's import template has a sheet
// for, in the order the sheets appear.
var TemplateFormats = []Format{FormatTemplate, FormatSprints, FormatEpics, FormatTeams, FormatDeployments, FormatCommits, FormatIncidents,
	FormatPIObjectives, FormatOKRUpdates, FormatBenefits, FormatFeedback, FormatDependencies}

// TemplateFields returns the columns of the template sheet for f, in order
// (the same headers as TemplateColumns, with their roles); nil for the
// external formats.
func TemplateFields(f Format) []TemplateField {
	if TemplateColumns(f) == nil {
		return nil
	}
	for _, s := range specs {
		if s.format != f {
			continue
		}
		out := make([]TemplateField, len(s.roles))
		for i, r := range s.roles {
			out[i] = TemplateField{Header: r.display, Role: r.role, Required: r.required}
		}
		return out
	}
	return nil
}
