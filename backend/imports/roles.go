package imports

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/throughline/throughline/backend"
)

// What a column-mapping editor needs: the roles each format's columns can
// play, read from the same specs Detect uses (formats.go), a starting
// mapping for a table, and the check a mapping must pass before it is saved
// or used.

// RoleInfo is one role a column can play in a format.
type RoleInfo struct {
	Role Role `json:"role"`
	// Name is the header the tool (or Throughline's template) writes for
	// the role: "Issue key", "Summary", "Created".
	Name     string `json:"name"`
	Required bool   `json:"required"`
	// Repeated: every column given the role is read (Jira's repeated
	// Sprint and Labels columns, a stage-date layout's stages); otherwise
	// the role reads one column.
	Repeated bool `json:"repeated"`
}

// FormatInfo is a format (jira_history once per variant) with its roles in
// the order the format lists them.
type FormatInfo struct {
	Format  Format `json:"format"`
	Variant string `json:"variant,omitempty"`
	Name    string `json:"name"` // "Jira export", "Throughline's items template"
	Kind    string `json:"kind"` // Format.Kind
	// AnyOf are roles of which at least one must be mapped (a CSAT/NPS
	// sheet names its program or its product); empty when none.
	AnyOf []Role     `json:"anyOf"`
	Roles []RoleInfo `json:"roles"`
}

// Formats lists every format a table can be mapped to, in the order Detect
// tries them.
func Formats() []FormatInfo {
	out := make([]FormatInfo, 0, len(specs))
	for _, s := range specs {
		out = append(out, s.info())
	}
	return out
}

// FormatRoles returns a format's roles; variant "" is the format's first
// variant. ok is false for a format (or variant) Throughline cannot import.
func FormatRoles(f Format, variant string) (info FormatInfo, ok bool) {
	for _, s := range specs {
		if s.format == f && (variant == "" || s.variant == variant) {
			return s.info(), true
		}
	}
	return FormatInfo{}, false
}

func (s formatSpec) info() FormatInfo {
	fi := FormatInfo{Format: s.format, Variant: s.variant, Name: formatTitle(s.format, s.variant), Kind: s.format.Kind(),
		AnyOf: append([]Role{}, s.anyOf...), Roles: make([]RoleInfo, 0, len(s.roles)+1)}
	for _, r := range s.roles {
		fi.Roles = append(fi.Roles, RoleInfo{Role: r.role, Name: r.display, Required: r.required, Repeated: r.multi})
	}
	if s.format == FormatStages {
		// Detect finds stage columns by name or by their dates; a mapping
		// names them (profileDetection needs at least one).
		fi.Roles = append(fi.Roles, RoleInfo{Role: RoleStage, Name: "Stage date (one column per stage)", Required: true, Repeated: true})
	}
	return fi
}

// formatTitle names a format as a heading or a choice: "Jira export",
// "Jira history (changelog) table — field changes".
func formatTitle(f Format, variant string) string {
	name := formatNames[f]
	for _, article := range []string{"a ", "an "} {
		name = strings.TrimPrefix(name, article)
	}
	if name == "" {
		name = string(f)
	}
	if name != "" {
		name = strings.ToUpper(name[:1]) + name[1:]
	}
	if variant != "" {
		name += " — " + strings.ReplaceAll(variant, "-", " ")
	}
	return name
}

// Proposal is a starting column mapping for a table: header (as the file
// writes it) → role.
type Proposal struct {
	Format  Format          `json:"format"`
	Variant string          `json:"variant,omitempty"`
	Columns map[string]Role `json:"columns"`
}

// ProposeMapping proposes how a table's columns map to format f's roles,
// so a mapping editor opens filled in as far as the headers allow:
//
//   - the columns f's own detection recognises take their roles, even when
//     f lacks a required column (the user maps the rest); a role that reads
//     one column takes the column Detect prefers;
//   - then a column whose header another format uses for a role f also has
//     takes that role ("State" is an epics list's Status column, so it is
//     the items template's Status), unless that role reads one column and
//     has it already.
//
// Columns without a header are never mapped, and a repeated header is
// mapped once (its columns share the role). Variant "" picks the variant
// that recognises most columns. ok is false for a format Throughline
// cannot import.
func ProposeMapping(headers []Header, sample []Row, f Format, variant string) (p Proposal, ok bool) {
	var best Detection
	var spec formatSpec
	for _, s := range specs {
		if s.format != f || (variant != "" && s.variant != variant) {
			continue
		}
		if d := s.match(headers, sample); !ok || mappedCount(d) > mappedCount(best) {
			best, spec, ok = d, s, true
		}
	}
	if !ok {
		return Proposal{Columns: map[string]Role{}}, false
	}
	p = Proposal{Format: f, Variant: spec.variant, Columns: map[string]Role{}}
	info := spec.info()
	taken := map[Role]bool{}
	give := func(i int, r Role) {
		if i < 0 || i >= len(headers) || headers[i].Key() == "" {
			return
		}
		if _, done := p.Columns[headers[i].Name]; done {
			return
		}
		p.Columns[headers[i].Name] = r
		taken[r] = true
	}
	for _, r := range info.Roles {
		cols := best.Roles[r.Role]
		if !r.Repeated && len(cols) > 1 {
			cols = cols[:1]
		}
		for _, i := range cols {
			give(i, r.Role)
		}
	}
	has := map[Role]RoleInfo{}
	for _, r := range info.Roles {
		has[r.Role] = r
	}
	for i, h := range headers {
		if _, done := p.Columns[h.Name]; done || h.Key() == "" {
			continue
		}
		for _, r := range synonyms()[h.Key()] {
			if ri, ok := has[r]; ok && (ri.Repeated || !taken[r]) {
				give(i, r)
				break
			}
		}
	}
	return p, true
}

// mappedCount is how many columns a detection gives a role.
func mappedCount(d Detection) int {
	n := 0
	for _, cols := range d.Roles {
		n += len(cols)
	}
	return n
}

// synonyms maps a normalised header name to the roles any format reads it
// as, in the order the formats list them; a role's own name ("title",
// "changed at") counts too.
var synonyms = sync.OnceValue(func() map[string][]Role {
	m := map[string][]Role{}
	add := func(name string, r Role) {
		if name != "" && !slices.Contains(m[name], r) {
			m[name] = append(m[name], r)
		}
	}
	for _, s := range specs {
		for _, r := range s.roles {
			for _, n := range r.names {
				add(n, r.role)
			}
		}
	}
	for _, s := range specs {
		for _, r := range s.roles {
			add(NormalizeHeader(string(r.role)), r.role)
		}
	}
	return m
})

// CheckProfile says why a column mapping cannot be saved or used, as a
// *backend.Error (EInvalid) naming the profile, the headers and the roles,
// or returns nil. A mapping must name a format Throughline imports (a Jira
// history mapping is the field-changes variant when it maps a Field column,
// as profileDetection reads it), give each header a role that format has
// (an empty role leaves the column out), give a role that reads one column
// to one header only, and map every role the format requires.
func CheckProfile(p Profile) error {
	who := "The column mapping"
	if p.Name != "" {
		who = fmt.Sprintf("The mapping profile %q", p.Name)
	}
	if p.Format == FormatUnknown {
		return backend.Errorf(backend.EInvalid, "%s names no format: choose the layout the table follows (for work items, Throughline's items template).", who)
	}
	variant := ""
	if p.Format == FormatJiraHistory {
		variant = "status-dates"
		if slices.Contains(mapValues(p.Columns), RoleField) {
			variant = "field-changes"
		}
	}
	info, ok := FormatRoles(p.Format, variant)
	if !ok {
		return backend.Errorf(backend.EInvalid, "%s is for %q, which is not a format Throughline can import; choose one of: %s.", who, p.Format, formatList())
	}
	roles := map[Role]RoleInfo{}
	for _, r := range info.Roles {
		roles[r.Role] = r
	}
	var problems []string
	byRole := map[Role][]string{}
	seen := map[string]string{} // normalised header → header
	headers := make([]string, 0, len(p.Columns))
	for h := range p.Columns {
		headers = append(headers, h)
	}
	slices.Sort(headers)
	for _, h := range headers {
		r := p.Columns[h]
		if r == "" {
			continue
		}
		k := NormalizeHeader(h)
		switch other, dup := seen[k]; {
		case k == "":
			problems = append(problems, fmt.Sprintf("the header %q has no letters or digits, so no column can be found by it", h))
			continue
		case dup:
			problems = append(problems, fmt.Sprintf("the headers %q and %q name the same column (case, spaces and punctuation do not count); keep one", other, h))
			continue
		}
		seen[k] = h
		if _, ok := roles[r]; !ok {
			problems = append(problems, fmt.Sprintf("column %q is mapped to %q, which is not a column of %s", h, r, info.Name))
			continue
		}
		byRole[r] = append(byRole[r], h)
	}
	var missing []string
	for _, r := range info.Roles {
		hs := byRole[r.Role]
		if len(hs) > 1 && !r.Repeated {
			problems = append(problems, fmt.Sprintf("%s (%s) is given to %d columns (%s) but reads one; keep it on one column", r.Name, r.Role, len(hs), quoteAll(hs)))
		}
		if r.Required && len(hs) == 0 {
			missing = append(missing, fmt.Sprintf("%s (%s)", r.Name, r.Role))
		}
	}
	if len(info.AnyOf) > 0 && !slices.ContainsFunc(info.AnyOf, func(r Role) bool { return len(byRole[r]) > 0 }) {
		var names []string
		for _, r := range info.AnyOf {
			names = append(names, fmt.Sprintf("%s (%s)", roles[r].Name, r))
		}
		missing = append(missing, strings.Join(names, " or "))
	}
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("%s needs a column for %s, and none is mapped to it", info.Name, strings.Join(missing, ", ")))
	}
	if len(problems) > 0 {
		return backend.Errorf(backend.EInvalid, "%s cannot be used: %s. Change the mapping and try again.", who, strings.Join(problems, "; "))
	}
	return nil
}

func mapValues(m map[string]Role) []Role {
	out := make([]Role, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	return out
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// formatList names the formats for a message: "jira, jira_history, ado…".
func formatList() string {
	var names []string
	for _, s := range specs {
		if !slices.Contains(names, string(s.format)) {
			names = append(names, string(s.format))
		}
	}
	return strings.Join(names, ", ")
}
